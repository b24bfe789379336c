"""What the customer list's filters and sort mean as a query; the list screen and its Excel export share it."""

from django.db.models import Q, QuerySet

# `?sort=` keys of the customer list and the fields they order by; the code breaks ties so pages are stable.
CUSTOMER_SORTS = {
    "code": ("code",),
    "name": ("name", "code"),
    "class": ("class_code", "code"),
    "grade": ("grade", "code"),
    "status": ("status", "code"),
    "manager": ("manager__code", "code"),
}
DEFAULT_CUSTOMER_SORT = "code"


def filter_customers(queryset: QuerySet, filters: dict) -> QuerySet:
    """Narrow `queryset` by the cleaned data of a CustomerFilterForm; empty filters do not narrow."""
    if filters.get("q"):
        text = filters["q"]
        queryset = queryset.filter(
            Q(code__icontains=text)
            | Q(name__icontains=text)
            | Q(license_no__icontains=text)
            | Q(address__icontains=text)
        )
    if filters.get("class_code"):
        # A full code (CZ1) is exact; two letters (CZ) match the three scales of that class.
        queryset = queryset.filter(class_code__startswith=filters["class_code"])
    for name in ("format", "market_type", "scale", "status"):
        if filters.get(name):
            queryset = queryset.filter(**{name: filters[name]})
    if filters.get("grade_from") is not None:
        queryset = queryset.filter(grade__gte=filters["grade_from"])
    if filters.get("grade_to") is not None:
        queryset = queryset.filter(grade__lte=filters["grade_to"])
    if filters.get("manager") is not None:
        queryset = queryset.filter(manager=filters["manager"])
    return queryset
