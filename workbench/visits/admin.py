"""Admin entry of 市场机会 until the field form arrives; every list starts from the user's scope."""

from typing import cast

from django.contrib import admin

from workbench.accounts.access import Action
from workbench.visits.models import (
    MarketOpportunity,
    MarketOpportunityQuerySet,
    SampleObservation,
    SampleObservationQuerySet,
)


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
        # The admin starts from the model's default manager: a MarketOpportunityQuerySet, which the stubs type as
        # a plain QuerySet.
        return cast(MarketOpportunityQuerySet, super().get_queryset(request)).restrict(request.user, Action.VIEW)


@admin.register(SampleObservation)
class SampleObservationAdmin(admin.ModelAdmin):
    """The sample points' observations (written with their visits by record_visit): to look up and correct."""

    list_display = ["visited_on", "customer", "spec", "stock_qty", "retail_price", "stockout_days"]
    list_filter = ["visited_on"]
    search_fields = ["customer__code", "customer__name", "spec__code", "spec__name"]
    date_hierarchy = "visited_on"
    raw_id_fields = ["visit", "customer", "spec"]
    list_select_related = ["customer", "spec"]

    def get_queryset(self, request):
        return cast(SampleObservationQuerySet, super().get_queryset(request)).restrict(request.user, Action.VIEW)
