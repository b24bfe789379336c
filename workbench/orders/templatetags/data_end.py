"""`{% data_end %}`: the line "数据截至 …" that report pages and the home page show (orders.freshness)."""

from django import template

from workbench.orders.freshness import data_end as last_order_date

register = template.Library()


@register.inclusion_tag("includes/data_end.html")
def data_end():
    """The last order date in the data, for a period that runs past it to explain its zeros."""
    return {"data_end": last_order_date()}
