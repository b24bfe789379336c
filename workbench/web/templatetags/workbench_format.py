"""Number formats every screen shares: rates and changes as percentages with one decimal, "—" for no value.

{% load workbench_format %}
{{ row.distribution_rate|percent }}   → 61.5%   (a fraction in [0, 1]; None → —)
{{ comparison.amount|change }}        → +12.5%  (a relative change; None → —)
{{ comparison.amount|change_class }}  → change-up / change-down / "" (a CSS class)
{{ row.actual.amount|money }}         → 75,711.69 (元; None → —)
"""

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format

from workbench.lib.numbers import money_text

register = template.Library()
register.filter("money", money_text)

NO_VALUE = "—"


def _one_decimal_percent(value) -> Decimal:
    """The fraction times 100, rounded half up to one decimal; never a negative zero."""
    result = (Decimal(str(value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return abs(result) if result == 0 else result


@register.filter
def percent(value) -> str:
    """A fraction shown as a percentage with one decimal (0.615 → 61.5%); None or "" → —."""
    if value is None or value == "":
        return NO_VALUE
    return f"{number_format(_one_decimal_percent(value), 1)}%"


@register.filter
def change(value) -> str:
    """A relative change shown with its sign (0.125 → +12.5%, -0.05 → -5.0%); None → —."""
    if value is None or value == "":
        return NO_VALUE
    rounded = _one_decimal_percent(value)
    sign = "+" if rounded > 0 else ""
    return f"{sign}{number_format(rounded, 1)}%"


@register.filter
def change_class(value) -> str:
    """The CSS class that colours a change: change-up, change-down, or nothing for none or zero."""
    if value is None or value == "":
        return ""
    if value > 0:
        return "change-up"
    if value < 0:
        return "change-down"
    return ""
