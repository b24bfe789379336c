"""Fixtures of the shell's tests: a frozen "today" and a hand-built scope with known monthly totals."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries

TODAY = date(2026, 3, 15)


@pytest.fixture
def frozen_today():
    """Today is 2026-03-15 (Shanghai), so this month is March 2026, last month February 2026."""
    with time_machine.travel(datetime(2026, 3, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield TODAY


def add_lines(rows) -> None:
    """Order lines from (customer, day, 订购量, 金额[, 需求量]) tuples, then the monthly summaries rebuilt from them."""
    spec = testing.make_spec("6901028000001", "红南京", brand="南京")
    OrderLine.objects.bulk_create(
        OrderLine(
            order_no=f"{customer.code}-{day:%Y%m%d}",
            order_date=day,
            customer=customer,
            spec=spec,
            demand_qty=qty if len(rest) == 0 else rest[0],
            order_qty=qty,
            price=Decimal(amount) / qty if qty else Decimal(0),
            amount=Decimal(amount),
        )
        for customer, day, qty, amount, *rest in rows
    )
    rebuild_all_summaries()


@pytest.fixture
def monthly_totals(customers, customer_manager):
    """Order lines of CM1's customers (C001, C002, and C005 closed in February) and his colleague's C003; the data
    run to 2026-03-14 (C003's last order), so the home page of the 15th compares the 1st–14th of each month.

    CM1, 1–14 March 2026: 500 条, 66,000.00 元, 2 customers ordering.
    CM1, 1–14 February 2026: 500 条, 55,000.00 元, 2 customers ordering (C002 asked for 50 and got nothing); the
    whole month: 600 条, 66,000.00 元.
    CM1, 1–14 March 2025: 250 条, 24,000.00 元, 2 customers ordering; the whole month 1,249 条.
    """
    c5 = testing.make_customer(
        "C005", customer_manager, status="closed", opened_on=date(2021, 5, 1), closed_on=date(2026, 2, 10)
    )
    c1, c2, c3 = customers["c1"], customers["c2"], customers["c3"]
    add_lines(
        [
            (c1, date(2026, 3, 2), 300, "36000.00"),
            (c2, date(2026, 3, 10), 200, "30000.00"),
            (c1, date(2026, 2, 5), 400, "44000.00"),
            (c5, date(2026, 2, 9), 100, "11000.00"),
            (c2, date(2026, 2, 6), 0, "0.00", 50),  # asked for 50 条 and got none: not an ordering customer
            (c1, date(2026, 2, 20), 100, "11000.00"),  # after the 14th: not among the days compared
            (c1, date(2025, 3, 3), 200, "20000.00"),
            (c2, date(2025, 3, 12), 50, "4000.00"),
            (c1, date(2025, 3, 20), 999, "99900.00"),  # after the 14th
            # Outside the three months: never counted.
            (c1, date(2026, 1, 5), 7777, "777700.00"),
            (c1, date(2025, 2, 5), 8888, "888800.00"),
            # The colleague's customer: in the market manager's scope, not in CM1's; the data's last day.
            (c3, date(2026, 3, 14), 1000, "99999.00"),
        ]
    )
    return {"c5": c5}
