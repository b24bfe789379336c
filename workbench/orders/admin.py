"""Read-only admin views of the order lines and the monthly summaries.

Order lines change only through the import (which keeps the summaries exact), so nothing here can add, change
or delete. The lists avoid what does not scale to 20 million lines: searches are exact matches on an indexed
column, and the filtered result count is not computed.
"""

from django.contrib import admin

from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine


class ReadOnlyAdmin(admin.ModelAdmin):
    """A model admin that only shows."""

    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(OrderLine)
class OrderLineAdmin(ReadOnlyAdmin):
    list_display = ["order_no", "order_date", "customer", "spec", "demand_qty", "limit_qty", "order_qty", "amount"]
    list_select_related = ["customer", "spec"]
    search_fields = ["=order_no"]  # exact: served by the (order_no, spec) unique index


@admin.register(CustomerSpecMonth)
class CustomerSpecMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "customer", "spec", "demand_qty", "order_qty", "amount", "lines", "order_days"]
    list_select_related = ["customer", "spec"]
    search_fields = ["=customer__code"]


@admin.register(CustomerMonth)
class CustomerMonthAdmin(ReadOnlyAdmin):
    list_display = ["month", "customer", "demand_qty", "order_qty", "amount", "lines", "order_days"]
    list_select_related = ["customer"]
    search_fields = ["=customer__code"]
