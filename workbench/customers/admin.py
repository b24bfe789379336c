"""Admin of customers and their 档位 history; the list starts from the user's scope like every other screen."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from workbench.accounts.access import Action, restrict
from workbench.customers.models import Customer, GradeChange


class GradeChangeInline(admin.TabularInline):
    """档位 history of one customer, oldest first."""

    model = GradeChange
    extra = 0
    fields = ["changed_on", "grade_from", "grade_to"]


@admin.register(Customer)
class CustomerAdmin(admin.ModelAdmin):
    list_display = [
        "code",
        "name",
        "class_code",
        "grade",
        "status",
        "manager",
        "opened_on",
        "closed_on",
        "is_sample_point",
    ]
    list_filter = ["status", "format", "market_type", "scale", "credit_class", "order_channel", "is_sample_point"]
    search_fields = ["code", "name", "license_no", "address", "owner_name"]
    readonly_fields = ["class_code"]
    list_select_related = ["manager"]
    # Hundreds of staff: a raw id field instead of a long <select>.
    raw_id_fields = ["manager"]
    inlines = [GradeChangeInline]
    actions = ["mark_sample_points", "unmark_sample_points"]

    def get_queryset(self, request):
        return restrict(super().get_queryset(request), request.user, Action.VIEW)

    @admin.action(description=_("Mark as sample points"))
    def mark_sample_points(self, request, queryset):
        """信息采集点: the selected customers get the per-spec observations in their visits."""
        count = queryset.update(is_sample_point=True)
        message = ngettext(
            "%(count)d customer marked as a sample point.", "%(count)d customers marked as sample points.", count
        )
        self.message_user(request, message % {"count": count})

    @admin.action(description=_("Unmark as sample points"))
    def unmark_sample_points(self, request, queryset):
        count = queryset.update(is_sample_point=False)
        message = ngettext(
            "%(count)d customer is no longer a sample point.", "%(count)d customers are no longer sample points.", count
        )
        self.message_user(request, message % {"count": count})
