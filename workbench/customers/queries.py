"""Reads behind the customer page (客户档案): the last months by month, and the specs a customer buys.

Every function takes a customer the caller has already fetched through `Customer.objects.visible_to(user)`:
scope is decided before these run. Rates are fractions 0–1, or None when the denominator is 0 (metrics.md).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Sum

from workbench.customers.models import Customer
from workbench.orders.models import CustomerMonth, CustomerSpecMonth

CENT = Decimal("0.01")


def month_start(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def months_ending(end_month: date, count: int = 12) -> list[date]:
    """The first days of the `count` calendar months that end with the month of `end_month`, oldest first."""
    year, month = end_month.year, end_month.month
    months = []
    for _ in range(count):
        months.append(date(year, month, 1))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def ratio(numerator, denominator) -> float | None:
    """numerator / denominator as a fraction, None when the denominator is 0 (shown as "—")."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


def value_per_carton(amount: Decimal, qty: int) -> Decimal | None:
    """单条值: amount per 条, to the cent; None when nothing was ordered."""
    if not qty:
        return None
    return (Decimal(amount) / qty).quantize(CENT)


@dataclass(frozen=True)
class CustomerMonthRow:
    """One month of a customer's orders (all specs). `month` is None on the total row."""

    month: date | None
    qty: int  # 订购量, 条
    amount: Decimal  # 金额, 元
    order_days: int  # 订货次数: distinct order dates with something supplied
    demand_qty: int  # 需求量, 条
    limit_qty: int  # 限量, 条, over the lines that had a limit
    limited_order_qty: int  # 订购量 over the lines that had a limit

    @property
    def value_per_carton(self) -> Decimal | None:
        """单条值 = Σ amount / Σ order_qty."""
        return value_per_carton(self.amount, self.qty)

    @property
    def fill_rate(self) -> float | None:
        """满足率 = Σ order_qty / Σ demand_qty."""
        return ratio(self.qty, self.demand_qty)

    @property
    def limit_fill_rate(self) -> float | None:
        """订足率 = Σ order_qty / Σ limit_qty, both over the lines that had a limit."""
        return ratio(self.limited_order_qty, self.limit_qty)


def customer_months(customer: Customer, months: list[date]) -> list[CustomerMonthRow]:
    """One row per month of `months` (first days, oldest first), zeros for months without orders."""
    found = {
        row.month: row
        for row in CustomerMonth.objects.filter(customer=customer, month__gte=months[0], month__lte=months[-1])
    }
    rows = []
    for month in months:
        summary = found.get(month)
        if summary is None:
            rows.append(CustomerMonthRow(month, 0, Decimal("0.00"), 0, 0, 0, 0))
            continue
        rows.append(
            CustomerMonthRow(
                month=month,
                qty=summary.order_qty,
                amount=summary.amount,
                order_days=summary.order_days,
                demand_qty=summary.demand_qty,
                limit_qty=summary.limit_qty,
                limited_order_qty=summary.limited_order_qty,
            )
        )
    return rows


def total_of_months(rows: list[CustomerMonthRow]) -> CustomerMonthRow:
    """The months added up; its rates are recomputed from the sums, never averaged.

    Order days add up exactly because two months never share a date.
    """
    return CustomerMonthRow(
        month=None,
        qty=sum(row.qty for row in rows),
        amount=sum((row.amount for row in rows), Decimal("0.00")),
        order_days=sum(row.order_days for row in rows),
        demand_qty=sum(row.demand_qty for row in rows),
        limit_qty=sum(row.limit_qty for row in rows),
        limited_order_qty=sum(row.limited_order_qty for row in rows),
    )


@dataclass(frozen=True)
class CustomerSpecRow:
    """One spec a customer ordered over a period, with its share of the customer's cartons."""

    spec_code: str
    spec_name: str
    qty: int  # 订购量, 条
    amount: Decimal  # 金额, 元
    share: float | None  # qty / all the customer's 条 in the period

    @property
    def value_per_carton(self) -> Decimal | None:
        """单条值 = Σ amount / Σ order_qty."""
        return value_per_carton(self.amount, self.qty)


def customer_top_specs(
    customer: Customer, start_month: date, end_month: date, limit: int = 10
) -> list[CustomerSpecRow]:
    """The specs the customer ordered most (条) in the months [start_month, end_month], largest first."""
    lines = CustomerSpecMonth.objects.filter(customer=customer, month__gte=start_month, month__lte=end_month)
    total_qty = lines.aggregate(qty=Sum("order_qty"))["qty"] or 0
    top = (
        lines.values("spec__code", "spec__name")
        .annotate(qty=Sum("order_qty"), amount=Sum("amount"))
        .filter(qty__gt=0)
        .order_by("-qty", "spec__code")[:limit]
    )
    return [
        CustomerSpecRow(
            spec_code=row["spec__code"],
            spec_name=row["spec__name"],
            qty=row["qty"],
            amount=row["amount"],
            share=ratio(row["qty"], total_qty),
        )
        for row in top
    ]
