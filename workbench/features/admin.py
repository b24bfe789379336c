"""Admin entry of the market features; every list starts from the user's scope."""

from typing import cast

from django.contrib import admin

from workbench.accounts.access import Action
from workbench.features.models import MarketFeature, MarketFeatureQuerySet


@admin.register(MarketFeature)
class MarketFeatureAdmin(admin.ModelAdmin):
    list_display = ["customer", "version", "valid_from", "rim_type", "entered_by"]
    list_filter = ["rim_type", "valid_from"]
    search_fields = ["customer__code", "customer__name"]
    raw_id_fields = ["customer"]
    list_select_related = ["customer", "entered_by"]

    def get_queryset(self, request):
        return cast(MarketFeatureQuerySet, super().get_queryset(request)).restrict(request.user, Action.VIEW)
