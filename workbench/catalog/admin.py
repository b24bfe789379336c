"""Admin of brands and specs (visible to every user, like the spec screens)."""

from django.contrib import admin

from workbench.catalog.models import Brand, Spec


@admin.register(Brand)
class BrandAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


@admin.register(Spec)
class SpecAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "brand", "price_class", "transfer_price", "wholesale_price", "is_on_sale"]
    list_filter = ["price_class", "is_on_sale", "is_in_province", "blend", "stick", "brand"]
    search_fields = ["code", "name", "brand__name"]
    readonly_fields = ["price_class"]
    list_select_related = ["brand"]
    autocomplete_fields = ["brand"]
