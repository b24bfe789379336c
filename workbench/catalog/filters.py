"""What the spec list's filters and sort mean as a query; the list screen and its Excel export share it."""

from django.db.models import Q, QuerySet

# `?sort=` keys of the spec list and the fields they order by; the code breaks ties so pages are stable.
SPEC_SORTS = {
    "code": ("code",),
    "name": ("name", "code"),
    "brand": ("brand__name", "code"),
    "price_class": ("price_class", "code"),
    "wholesale_price": ("wholesale_price", "code"),
    "launched_on": ("launched_on", "code"),
}
DEFAULT_SPEC_SORT = "code"


def filter_specs(queryset: QuerySet, filters: dict) -> QuerySet:
    """Narrow `queryset` by the cleaned data of a SpecFilterForm; empty filters do not narrow."""
    if filters.get("q"):
        queryset = queryset.filter(Q(code__icontains=filters["q"]) | Q(name__icontains=filters["q"]))
    if filters.get("brand") is not None:
        queryset = queryset.filter(brand=filters["brand"])
    if filters.get("price_class") is not None:
        queryset = queryset.filter(price_class=filters["price_class"])
    if filters.get("origin"):
        queryset = queryset.filter(is_in_province=filters["origin"] == "in")
    if filters.get("sale"):
        queryset = queryset.filter(is_on_sale=filters["sale"] == "yes")
    return queryset
