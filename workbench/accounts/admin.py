from django.contrib import admin

from workbench.accounts.models import OrgUnit, Staff


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "parent", "path"]
    list_filter = ["kind"]
    search_fields = ["code", "name"]
    list_select_related = ["parent"]
    autocomplete_fields = ["parent"]
    readonly_fields = ["path"]


@admin.register(Staff)
class StaffAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "role", "org_unit", "mobile", "is_active", "user"]
    list_filter = ["role", "is_active", "org_unit__kind"]
    search_fields = ["code", "name", "mobile"]
    list_select_related = ["org_unit", "user"]
    autocomplete_fields = ["org_unit"]
    raw_id_fields = ["user"]
