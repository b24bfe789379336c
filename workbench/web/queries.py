"""The figures of the home page: this month so far against last month and the same month last year.

Read through the order-facts module the reports use (orders/facts.py), over whole calendar months, so that they
come from the monthly summaries, never from the order lines: two grouped queries (the last two months, and the
same month last year) whatever the size of the scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.accounts.access import scope_label
from workbench.customers.models import Customer
from workbench.lib.numbers import change, per_carton
from workbench.lib.periods import Period, add_months, first_of_month
from workbench.orders.facts import OrderFacts, Totals
from workbench.orders.models import CARTONS_PER_CASE


@dataclass(frozen=True)
class MonthFigures:
    """What the customers of a scope ordered in one month (订购量 > 0 counts as ordering)."""

    month: date  # first day of the month
    order_qty: int  # 条
    amount: Decimal  # 元
    customers_ordering: int

    @property
    def cases(self) -> Decimal:
        """Volume in 箱 (1 箱 = 250 条)."""
        return Decimal(self.order_qty) / CARTONS_PER_CASE

    @property
    def value_per_carton(self) -> Decimal | None:
        """单条值: Σ amount / Σ order_qty, None when nothing was ordered. Unrounded: the page rounds it to the cent
        when it shows it, and the changes against other months are computed from the exact values."""
        return per_carton(self.amount, self.order_qty, exact=True)

    @property
    def has_orders(self) -> bool:
        return self.order_qty > 0 or self.customers_ordering > 0


@dataclass(frozen=True)
class Comparison:
    """The relative changes of this month so far against another month (fractions; None when undefined)."""

    order_qty: Decimal | None
    amount: Decimal | None
    value_per_carton: Decimal | None
    customers_ordering: Decimal | None

    @classmethod
    def between(cls, current: MonthFigures, other: MonthFigures) -> Comparison:
        return cls(
            order_qty=change(current.order_qty, other.order_qty),
            amount=change(current.amount, other.amount),
            value_per_carton=change(current.value_per_carton, other.value_per_carton),
            customers_ordering=change(current.customers_ordering, other.customers_ordering),
        )


@dataclass(frozen=True)
class HomeSummary:
    """The home page's figures for a user's scope (辖区)."""

    today: date
    scope_name: str
    customers_in_scope: int  # customers of the scope in business this month
    this_month: MonthFigures  # from the 1st to the last import
    last_month: MonthFigures  # the whole previous month
    same_month_last_year: MonthFigures  # the whole month a year before
    vs_last_month: Comparison
    vs_last_year: Comparison

    @property
    def has_data(self) -> bool:
        """Whether any of the three months has orders."""
        return any(m.has_orders for m in (self.this_month, self.last_month, self.same_month_last_year))


def month_figures(customers, period: Period) -> dict[date, MonthFigures]:
    """The figures of every month of `period` (whole months) for `customers`: one grouped query."""
    found = OrderFacts(customers, period).month_totals(["order_qty", "amount"])
    figures = {}
    for month in period.months():
        sums, ordering = found.get(month, (Totals(), 0))
        figures[month] = MonthFigures(month, sums.order_qty, sums.amount, ordering)
    return figures


def home_summary(user, today: date) -> HomeSummary:
    """This month so far, last month and the same month last year, for the customers the user may see.

    "This month so far" is the whole calendar month's summary: it holds every line imported up to now.
    """
    this_month = first_of_month(today)
    last_month = add_months(this_month, -1)
    last_year = add_months(this_month, -12)
    customers = Customer.objects.restrict(user, "view")
    figures = {
        **month_figures(customers, Period.months_from(last_month, 2)),
        **month_figures(customers, Period.months_from(last_year, 1)),
    }
    current, previous, year_ago = figures[this_month], figures[last_month], figures[last_year]
    return HomeSummary(
        today=today,
        scope_name=scope_label(user),
        customers_in_scope=customers.in_business(this_month, today).count(),
        this_month=current,
        last_month=previous,
        same_month_last_year=year_ago,
        vs_last_month=Comparison.between(current, previous),
        vs_last_year=Comparison.between(current, year_ago),
    )
