"""The figures of the home page: this month so far against last month and the same month last year.

Read from the monthly summary table (orders.CustomerMonth), never from the order lines: one grouped query covers
the three months whatever the size of the scope.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, Sum

from workbench.accounts.access import scope_label
from workbench.customers.models import Customer
from workbench.lib.periods import add_months, first_of_month
from workbench.orders.models import CARTONS_PER_CASE, CustomerMonth


def change(current: Decimal | int | None, previous: Decimal | int | None) -> Decimal | None:
    """The relative change from `previous` to `current` as a fraction (0.125 = +12.5%); None when undefined."""
    if current is None or previous is None or previous == 0:
        return None
    return (Decimal(current) - Decimal(previous)) / Decimal(previous)


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
        """单条值: Σ amount / Σ order_qty, None when nothing was ordered."""
        if not self.order_qty:
            return None
        return self.amount / self.order_qty

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


def home_summary(user, today: date) -> HomeSummary:
    """This month so far, last month and the same month last year, for the customers the user may see."""
    this_month = first_of_month(today)
    last_month = add_months(this_month, -1)
    last_year = add_months(this_month, -12)
    customers = Customer.objects.restrict(user, "view")
    rows = (
        CustomerMonth.objects.filter(customer__in=customers.values("pk"), month__in=[this_month, last_month, last_year])
        .values("month")
        # Annotation names differ from the field names: `ordering` filters on the field, not on the sum.
        .annotate(
            total_qty=Sum("order_qty"),
            total_amount=Sum("amount"),
            ordering=Count("customer", filter=Q(order_qty__gt=0)),
        )
        .order_by()
    )
    by_month = {row["month"]: row for row in rows}

    def figures(month: date) -> MonthFigures:
        row = by_month.get(month, {})
        return MonthFigures(
            month=month,
            order_qty=int(row.get("total_qty") or 0),
            amount=Decimal(row.get("total_amount") or 0),
            customers_ordering=int(row.get("ordering") or 0),
        )

    current, previous, year_ago = figures(this_month), figures(last_month), figures(last_year)
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
