"""The plans in Django's admin: to look things up. Plans are written through their screens (planning.services),
which keep versions, the review history and the stale-edit guard; the admin only reads them."""

from django.contrib import admin

from workbench.planning.models import MonthlyPlan, PlanItem, PlanVersion, Problem, TeamPlan


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ProblemInline(admin.TabularInline):
    model = Problem
    extra = 0
    can_delete = False


class PlanItemInline(admin.TabularInline):
    model = PlanItem
    extra = 0
    can_delete = False


@admin.register(TeamPlan)
class TeamPlanAdmin(ReadOnlyAdmin):
    list_display = ("team", "author", "month", "is_published", "published_at")
    list_filter = ("month", "is_published")


@admin.register(MonthlyPlan)
class MonthlyPlanAdmin(ReadOnlyAdmin):
    list_display = ("owner", "month", "first_submitted_at", "in_force")
    list_filter = ("month",)
    search_fields = ("owner__code", "owner__name")


@admin.register(PlanVersion)
class PlanVersionAdmin(ReadOnlyAdmin):
    list_display = ("plan", "number", "review_state", "submitted_at", "decided_at", "decided_by")
    list_filter = ("review_state",)
    inlines = [ProblemInline, PlanItemInline]
