"""Template filters of the 分析 pages' extras."""

from django import template

from workbench.analysis.gaps import ORDER_DAYS

register = template.Library()


@register.filter
def order_day(value) -> str:
    """A customer's 订货日 (1 = Monday) by its name, "—" when none is stored."""
    return str(ORDER_DAYS.get(value, "—"))
