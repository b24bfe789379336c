"""Admin entry of 市场机会 until the field form arrives; every list starts from the user's scope."""

from django.contrib import admin

from workbench.visits.models import MarketOpportunity


@admin.register(MarketOpportunity)
class MarketOpportunityAdmin(admin.ModelAdmin):
    list_display = ["found_on", "type", "status", "staff", "customer", "area", "estimated_qty", "closed_on"]
    list_filter = ["status", "type", "found_on"]
    search_fields = ["description", "area", "customer__code", "customer__name", "staff__code", "staff__name"]
    date_hierarchy = "found_on"
    # A city has tens of thousands of customers: a raw id field instead of a huge <select>.
    raw_id_fields = ["customer"]
    filter_horizontal = ["related_specs"]
    list_select_related = ["staff", "customer"]

    def get_queryset(self, request):
        return super().get_queryset(request).restrict(request.user, "view")
