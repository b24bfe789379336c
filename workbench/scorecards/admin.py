"""Django admin for the scorecard templates (admin only). A version that holds a scorecard is shown read-only: a
change is the action "New version" (services.new_template_version), which copies it into the next version, made
current; the copy is edited until its first scorecard. Past scorecards keep their version."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from workbench.scorecards.models import ScorecardDimension, ScorecardItem, ScorecardTemplate
from workbench.scorecards.services import new_template_version


class UnusedOnlyMixin:
    """Changes only while the template version holds no scorecard."""

    def template_of(self, obj):
        raise NotImplementedError

    def has_change_permission(self, request, obj=None):
        if obj is not None and self.template_of(obj).is_used():
            return False
        return super().has_change_permission(request, obj)  # type: ignore[misc]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.template_of(obj).is_used():
            return False
        return super().has_delete_permission(request, obj)  # type: ignore[misc]

    def has_add_permission(self, request, obj=None):
        if obj is not None and self.template_of(obj).is_used():
            return False
        return super().has_add_permission(request, obj)  # type: ignore[misc]


class DimensionInline(UnusedOnlyMixin, admin.TabularInline):
    """The version's dimensions; their items (and so their points) are edited on each dimension's own page."""

    model = ScorecardDimension
    extra = 0
    fields = ["name", "order", "points"]
    readonly_fields = ["points"]
    show_change_link = True

    def template_of(self, obj):
        return obj


class ItemInline(UnusedOnlyMixin, admin.TabularInline):
    model = ScorecardItem
    extra = 0

    def template_of(self, obj):
        return obj.template


@admin.action(description=_("New version (copy, made current)"))
def make_new_version(modeladmin, request, queryset):
    for template in queryset.order_by("name", "version"):
        copy = new_template_version(template)
        modeladmin.message_user(
            request, _("%(template)s made, and made current.") % {"template": copy}, messages.SUCCESS
        )


@admin.register(ScorecardTemplate)
class ScorecardTemplateAdmin(UnusedOnlyMixin, admin.ModelAdmin):
    """The scorecard templates, each version with its dimensions."""

    list_display = ["name", "version", "is_current", "created_at"]
    readonly_fields = ["version", "is_current", "created_at"]
    inlines = [DimensionInline]
    actions = [make_new_version]

    def template_of(self, obj):
        return obj

    def has_add_permission(self, request, obj=None):
        return admin.ModelAdmin.has_add_permission(self, request)

    def save_model(self, request, obj, form, change):
        if not change:
            # A template added here is the next version of its name and the current one (new scorecards use it).
            latest = ScorecardTemplate.objects.filter(name=obj.name).order_by("-version").first()
            obj.version = latest.version + 1 if latest else 1
            ScorecardTemplate.objects.filter(is_current=True).update(is_current=False)
            obj.is_current = True
        super().save_model(request, obj, form, change)


@admin.register(ScorecardDimension)
class ScorecardDimensionAdmin(UnusedOnlyMixin, admin.ModelAdmin):
    """A dimension with its items (maximum points); its points are kept as its items' maxima added up."""

    list_display = ["name", "template", "order", "points"]
    list_filter = ["template"]
    readonly_fields = ["points"]
    inlines = [ItemInline]

    def template_of(self, obj):
        return obj.template

    def has_add_permission(self, request, obj=None):
        return admin.ModelAdmin.has_add_permission(self, request)

    def get_readonly_fields(self, request, obj=None):
        # A dimension stays in its version: moving it would change another version (perhaps a used one).
        return ["template", "points"] if obj is not None else ["points"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "template":
            kwargs["queryset"] = ScorecardTemplate.objects.filter(scorecards__isnull=True)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        dimension = form.instance
        dimension.points = sum(item.max_points for item in dimension.items.all())
        dimension.save(update_fields=["points"])
