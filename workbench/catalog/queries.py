"""Reads behind the spec page (卷烟规格): a spec's monthly sales within a scope of customers.

Specs are visible to every logged-in user, but sales figures are always restricted to the customers the caller
passes in, which must come from `Customer.objects.visible_to(user)`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum

from workbench.catalog.models import Spec
from workbench.customers.queries import ratio, value_per_carton
from workbench.orders.models import CustomerSpecMonth


def next_month(month: date) -> date:
    """The first day of the month after `month`."""
    return date(month.year + 1, 1, 1) if month.month == 12 else date(month.year, month.month + 1, 1)


@dataclass(frozen=True)
class SpecMonthRow:
    """One month of a spec's sales in a scope (辖区). `month` is None on the total row."""

    month: date | None
    qty: int  # 订购量, 条
    amount: Decimal  # 金额, 元
    customers_ordering: int | None  # customers of the scope with 订购量 > 0 (None on the total row)
    customers_in_scope: int | None  # customers of the scope in business during the month: A(T, P)

    @property
    def value_per_carton(self) -> Decimal | None:
        """单条值 = Σ amount / Σ order_qty."""
        return value_per_carton(self.amount, self.qty)

    @property
    def distribution_rate(self) -> float | None:
        """铺货率 = customers ordering / customers in scope (metrics.md)."""
        if self.customers_ordering is None:
            return None
        return ratio(self.customers_ordering, self.customers_in_scope)


def spec_months_in_scope(spec: Spec, customers: QuerySet, months: list[date]) -> list[SpecMonthRow]:
    """One row per month of `months` (first days, oldest first) of the spec's sales to `customers`.

    Two queries whatever the number of months: the sales grouped by month, and the in-business counts as one
    aggregate with a filtered count per month.
    """
    sales = {
        row["month"]: row
        for row in CustomerSpecMonth.objects.filter(
            spec=spec, month__gte=months[0], month__lte=months[-1], customer__in=customers.values("pk")
        )
        .values("month")
        .annotate(qty=Sum("order_qty"), amount=Sum("amount"), ordering=Count("pk", filter=Q(order_qty__gt=0)))
        .order_by("month")
    }
    in_business = customers.aggregate(
        **{
            f"m{index}": Count(
                "pk",
                filter=Q(opened_on__lt=next_month(month)) & (Q(closed_on__isnull=True) | Q(closed_on__gte=month)),
            )
            for index, month in enumerate(months)
        }
    )
    rows = []
    for index, month in enumerate(months):
        row = sales.get(month)
        rows.append(
            SpecMonthRow(
                month=month,
                qty=row["qty"] if row else 0,
                amount=row["amount"] if row else Decimal("0.00"),
                customers_ordering=row["ordering"] if row else 0,
                customers_in_scope=in_business[f"m{index}"],
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
