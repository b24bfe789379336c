from django.contrib import admin

from workbench.visitplans.models import CycleRule, Office


@admin.register(CycleRule)
class CycleRuleAdmin(admin.ModelAdmin):
    """The default visit cycles an admin sets per 业态 and per 档位 band."""

    list_display = ["__str__", "format", "grade_min", "grade_max", "days"]


@admin.register(Office)
class OfficeAdmin(admin.ModelAdmin):
    """Team offices, where the day's routes start."""

    list_display = ["name", "unit", "lng", "lat"]
    list_select_related = ["unit"]
