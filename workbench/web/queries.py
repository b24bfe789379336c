"""The figures of the home page: this month to date against the same days of last month and of the same month last
year (docs/definitions.md#month-to-date).

Read through the order-facts module the reports use (orders/facts.py): a run of whole months from the monthly
summaries, a partial month from the order lines; one grouped query per period compared, whatever the size of the
scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from workbench.accounts.access import scope_label
from workbench.customers.models import Customer
from workbench.lib.numbers import change, per_carton
from workbench.lib.periods import Period, add_months, first_of_month, last_of_month
from workbench.orders.facts import OrderFacts, Totals
from workbench.orders.freshness import data_end
from workbench.orders.models import CARTONS_PER_CASE


@dataclass(frozen=True)
class MonthFigures:
    """What the customers of a scope ordered in one month, over the days compared (订购量 > 0 counts as ordering)."""

    month: date  # first day of the month
    order_qty: int  # 条
    amount: Decimal  # 元
    customers_ordering: int
    last_day: date | None = None  # the last day counted (the month's first days up to it); None: the whole month

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
    """The relative changes of this month to date against the same days of another month (fractions; None when
    undefined)."""

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


NO_CHANGE = Comparison(None, None, None, None)


@dataclass(frozen=True)
class HomeSummary:
    """The home page's figures for a user's scope (辖区)."""

    today: date
    scope_name: str
    customers_in_scope: int  # customers of the scope in business this month
    data_up_to: date | None  # 数据截至 (orders.freshness.data_end)
    day: date | None  # the comparison day D; None while nothing is imported for this month
    this_month: MonthFigures  # from the 1st to D
    last_month: MonthFigures  # the same days of the previous month
    same_month_last_year: MonthFigures  # the same days of the month a year before
    vs_last_month: Comparison
    vs_last_year: Comparison

    @property
    def has_data(self) -> bool:
        """Whether any of the three months has orders."""
        return any(m.has_orders for m in (self.this_month, self.last_month, self.same_month_last_year))


def comparison_day(today: date, data_up_to: date | None) -> date | None:
    """D: the earlier of today and the data's end when the data reach into this month; None when they do not."""
    if data_up_to is None or data_up_to < first_of_month(today):
        return None
    return min(today, data_up_to)


def same_days(month: date, day: date) -> Period:
    """The first days of `month` up to `day`'s day of the month, or the whole month when it is shorter."""
    return Period(month, min(month + timedelta(days=day.day - 1), last_of_month(month)))


def figures_of(customers, period: Period, *, data_up_to: date | None = None) -> MonthFigures:
    """The figures of `customers` over `period`, the first days of one month: one grouped query.

    A period that ends on the data's last day holds every line of its month imported so far, so it is read as the
    whole month, from the monthly summary, rather than from the order lines (the same figures, a fraction of the
    rows: docs/performance.md#plan-pages).
    """
    read = Period(period.start, last_of_month(period.start)) if period.end == data_up_to else period
    found = OrderFacts(customers, read).month_totals(["order_qty", "amount"])
    sums, ordering = found.get(period.start, (Totals(), 0))
    last_day = None if period.end == last_of_month(period.start) else period.end
    return MonthFigures(period.start, sums.order_qty, sums.amount, ordering, last_day)


def home_summary(user, today: date) -> HomeSummary:
    """This month to date against the same days of last month and of the same month last year, for the customers
    the user may see (docs/definitions.md#month-to-date)."""
    this_month = first_of_month(today)
    data_up_to = data_end()
    day = comparison_day(today, data_up_to)
    counted_to = day or today  # before any import this month: the days so far, to show the other months' figures
    customers = Customer.objects.restrict(user, "view")
    current = figures_of(customers, Period(this_month, counted_to), data_up_to=data_up_to)
    previous = figures_of(customers, same_days(add_months(this_month, -1), counted_to))
    year_ago = figures_of(customers, same_days(add_months(this_month, -12), counted_to))
    return HomeSummary(
        today=today,
        scope_name=scope_label(user),
        customers_in_scope=customers.in_business(this_month, today).count(),
        data_up_to=data_up_to,
        day=day,
        this_month=current,
        last_month=previous,
        same_month_last_year=year_ago,
        vs_last_month=Comparison.between(current, previous) if day else NO_CHANGE,
        vs_last_year=Comparison.between(current, year_ago) if day else NO_CHANGE,
    )
