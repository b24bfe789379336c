"""Fixtures of the shell's tests: a frozen "today" and a hand-built scope with known monthly totals."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workbench import testing
from workbench.orders.models import CustomerMonth

TODAY = date(2026, 3, 15)


@pytest.fixture
def frozen_today():
    """Today is 2026-03-15 (Shanghai), so this month is March 2026, last month February 2026."""
    with time_machine.travel(datetime(2026, 3, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield TODAY


def customer_month(customer, month: date, order_qty: int, amount: str, demand_qty: int | None = None):
    """One CustomerMonth row with the totals the home page reads (it sums one order line, as imported ones do)."""
    return CustomerMonth.objects.create(
        customer=customer,
        month=month,
        lines=1,
        order_qty=order_qty,
        demand_qty=order_qty if demand_qty is None else demand_qty,
        amount=Decimal(amount),
    )


@pytest.fixture
def monthly_totals(customers, customer_manager):
    """Monthly totals for CM1's customers (C001, C002, and C005 closed in February) and his colleague's C003.

    CM1, March 2026 so far: 500 条, 66,000.00 元, 2 customers ordering.
    CM1, February 2026: 600 条, 66,000.00 元, 2 customers ordering (C002 asked for 50 and got nothing).
    CM1, March 2025: 250 条, 24,000.00 元, 2 customers ordering.
    """
    c5 = testing.make_customer(
        "C005", customer_manager, status="closed", opened_on=date(2021, 5, 1), closed_on=date(2026, 2, 10)
    )
    rows = [
        (customers["c1"], date(2026, 3, 1), 300, "36000.00"),
        (customers["c2"], date(2026, 3, 1), 200, "30000.00"),
        (customers["c1"], date(2026, 2, 1), 500, "55000.00"),
        (c5, date(2026, 2, 1), 100, "11000.00"),
        (customers["c1"], date(2025, 3, 1), 200, "20000.00"),
        (customers["c2"], date(2025, 3, 1), 50, "4000.00"),
        # Outside the three months: never counted.
        (customers["c1"], date(2026, 1, 1), 7777, "777700.00"),
        (customers["c1"], date(2025, 2, 1), 8888, "888800.00"),
        # The colleague's customer: in the market manager's scope, not in CM1's.
        (customers["c3"], date(2026, 3, 1), 1000, "99999.00"),
    ]
    for customer, month, qty, amount in rows:
        customer_month(customer, month, qty, amount)
    # Asked for 50 条 in February and got none: a row, but not an ordering customer.
    customer_month(customers["c2"], date(2026, 2, 1), 0, "0.00", demand_qty=50)
    return {"c5": c5}
