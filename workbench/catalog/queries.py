"""Reads behind the spec page (卷烟规格): a spec's monthly sales within a scope of customers.

Specs are visible to every logged-in user, but sales figures are always restricted to the customers the caller
passes in, which must come from `Customer.objects.restrict(user, "view")`. The order sums come from the order-facts
module the reports read (orders/facts.py), so a month's 铺货率 here is the distribution-rate report's for that spec,
scope and month.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from workbench.catalog.models import Spec
from workbench.lib.numbers import per_carton, rate
from workbench.lib.periods import Period, add_months
from workbench.orders.facts import OrderFacts, Totals


@dataclass(frozen=True)
class SpecMonthRow:
    """One month of a spec's sales in a scope (辖区). `month` is None on the total row."""

    month: date | None
    qty: int  # 订购量, 条
    amount: Decimal  # 金额, 元
    customers_ordering: int | None  # customers of A(T, month) with 订购量 > 0 (None on the total row)
    customers_in_scope: int | None  # customers of the scope in business during the month: A(T, month)

    @property
    def value_per_carton(self) -> Decimal | None:
        """单条值 = Σ amount / Σ order_qty."""
        return per_carton(self.amount, self.qty)

    @property
    def distribution_rate(self) -> float | None:
        """铺货率 = #{customers of A(T, month) who ordered the spec in the month} / #A(T, month)."""
        if self.customers_ordering is None:
            return None
        return rate(self.customers_ordering, self.customers_in_scope)


def in_business_counts(customers: QuerySet, months: list[date]) -> dict[date, int]:
    """#A(T, month) for every month: one aggregate with a filtered count per month, whatever their number."""
    counts = customers.aggregate(
        **{
            f"m{index}": Count(
                "pk",
                filter=Q(opened_on__lt=add_months(month, 1)) & (Q(closed_on__isnull=True) | Q(closed_on__gte=month)),
            )
            for index, month in enumerate(months)
        }
    )
    return {month: counts[f"m{index}"] for index, month in enumerate(months)}


def spec_months_in_scope(spec: Spec, customers: QuerySet, period: Period) -> list[SpecMonthRow]:
    """One row per month of `period` (whole months, oldest first) of the spec's sales to `customers` (T).

    Three queries whatever the number of months: the sums by month, the customers ordering by month among those in
    business that month, and the in-business counts.
    """
    facts = OrderFacts(customers, period, [spec.pk])
    totals = facts.totals(["month"], ["order_qty", "amount"])
    ordering = facts.ordering_counts_in_business()
    months = period.months()
    in_scope = in_business_counts(customers, months)
    rows = []
    for month in months:
        sums = totals.get((month,), Totals())
        rows.append(
            SpecMonthRow(
                month=month,
                qty=sums.order_qty,
                amount=sums.amount,
                customers_ordering=ordering.get((month,), 0),
                customers_in_scope=in_scope[month],
            )
        )
    return rows


def total_of_spec_months(rows: list[SpecMonthRow]) -> SpecMonthRow:
    """Quantities and amounts added up. Customer counts are left empty: a customer ordering in several months
    counts once over the year, so monthly counts do not add up."""
    return SpecMonthRow(
        month=None,
        qty=sum(row.qty for row in rows),
        amount=sum((row.amount for row in rows), Decimal("0.00")),
        customers_ordering=None,
        customers_in_scope=None,
    )
