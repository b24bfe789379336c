"""The numbers every page and report derives from sums: rates, value per carton, relative change.

One helper per idea, so that a rate shown on the customer page and the same rate in a report are computed alike.
Definitions: docs/metrics-local.md ("Numbers").
"""

from __future__ import annotations

from decimal import Decimal

CENT = Decimal("0.01")


def rate(numerator, denominator) -> float | None:
    """numerator / denominator as a fraction; None (shown "—") when the denominator is 0, never 0 or an error."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


def per_carton(amount, quantity: int, *, exact: bool = False) -> Decimal | None:
    """单条值: amount per carton (元/条) to the cent; None without a carton ordered.

    `exact` gives the unrounded quotient, for a relative change between two such values (rounding each to the cent
    first would move a change of 0.85 % to 0.8 % or 0.9 %) and for a screen that rounds when it formats.
    """
    if not quantity:
        return None
    quotient = Decimal(amount) / quantity
    return quotient if exact else quotient.quantize(CENT)


def change(current, previous) -> Decimal | None:
    """The relative change from `previous` to `current` as a fraction (0.125 = +12.5%); None when undefined."""
    if current is None or previous is None or previous == 0:
        return None
    return (Decimal(current) - Decimal(previous)) / Decimal(previous)


def money_text(value) -> str:
    """An amount of 元 as every screen shows it: thousands separated, two decimals ("75,711.69"); "—" for none."""
    if value is None:
        return "—"
    return f"{value:,.2f}"
