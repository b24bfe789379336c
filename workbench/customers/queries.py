"""Reads behind the customer page (客户档案): the last months by month, and the specs a customer buys.

Every function takes a customer the caller has already fetched through `Customer.objects.restrict(user, "view")`:
scope is decided before these run. The order sums come from the order-facts module the reports read
(orders/facts.py). Rates are fractions 0–1, or None when the denominator is 0 (lib/numbers.py).
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from workbench.customers.models import Customer
from workbench.lib.numbers import per_carton, rate
from workbench.lib.periods import EARLIEST, LATEST, Period, PeriodError, out_of_range
from workbench.orders.facts import OrderFacts, Totals


def twelve_months(month_form, today: date) -> Period:
    """The 12 whole months a page shows (customer, spec): those ending with the form's month (`until`), or with
    today's month when the form is empty or invalid. A month beyond the supported dates is an error of the form."""
    until = month_form.cleaned_data.get("until") if month_form.is_valid() else None
    try:
        if until is not None and not EARLIEST <= until <= LATEST:
            raise out_of_range("until")
        return Period.months_ending(until or today)
    except PeriodError as error:
        month_form.add_error("until", error.message)
        return Period.months_ending(today)


def facts_of(customer: Customer, period: Period) -> OrderFacts:
    """The order facts of one customer over the period."""
    return OrderFacts(Customer.objects.filter(pk=customer.pk), period)


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
        return per_carton(self.amount, self.qty)

    @property
    def fill_rate(self) -> float | None:
        """满足率 = Σ order_qty / Σ demand_qty."""
        return rate(self.qty, self.demand_qty)

    @property
    def limit_fill_rate(self) -> float | None:
        """订足率 = Σ order_qty / Σ limit_qty, both over the lines that had a limit."""
        return rate(self.limited_order_qty, self.limit_qty)


def customer_months(customer: Customer, period: Period) -> list[CustomerMonthRow]:
    """One row per month of `period` (oldest first), zeros for months without orders. Two queries: the sums by
    month and the order days by month."""
    facts = facts_of(customer, period)
    measures = ["order_qty", "amount", "demand_qty", "limit_qty", "limited_order_qty"]
    totals = facts.totals(["month"], measures)
    days = facts.order_days(by_month=True)
    rows = []
    for month in period.months():
        sums = totals.get((month,), Totals())
        rows.append(
            CustomerMonthRow(
                month=month,
                qty=sums.order_qty,
                amount=sums.amount,
                order_days=days.get((customer.pk, month), 0),
                demand_qty=sums.demand_qty,
                limit_qty=sums.limit_qty,
                limited_order_qty=sums.limited_order_qty,
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
        return per_carton(self.amount, self.qty)


def customer_top_specs(customer: Customer, period: Period, limit: int = 10) -> list[CustomerSpecRow]:
    """The specs the customer ordered most (条) over the period, largest first (then by spec code).

    One query: the sums of every spec he bought (a shop buys a few dozen), ranked here.
    """
    per_spec = facts_of(customer, period).totals(["spec", "spec_code", "spec_name"], ["order_qty", "amount"])
    total_qty = sum(sums.order_qty for sums in per_spec.values())
    ordered = [(key, sums) for key, sums in per_spec.items() if sums.order_qty > 0]
    ordered.sort(key=lambda item: (-item[1].order_qty, item[0][1]))
    return [
        CustomerSpecRow(
            spec_code=code,
            spec_name=name,
            qty=sums.order_qty,
            amount=sums.amount,
            share=rate(sums.order_qty, total_qty),
        )
        for (_spec_id, code, name), sums in ordered[:limit]
    ]
