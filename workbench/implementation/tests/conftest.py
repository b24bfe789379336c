"""Fixtures of the sample-point report tests: English messages, a hand-built month of observations."""

from __future__ import annotations

import uuid
from datetime import date, time
from decimal import Decimal

import pytest
from django.utils import translation

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS
from workbench.visits.models import SampleObservation, Visit

TODAY = date(2026, 2, 20)
JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def add_line(customer, spec, day: date, order: int) -> OrderLine:
    """One order line of `order` 条 (demand the same)."""
    price = Decimal(str(spec.wholesale_price))
    return OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=order,
        order_qty=order,
        price=price,
        amount=price * order,
    )


def make_visit(customer, day: date, hour: int = 9) -> Visit:
    """A visit to `customer` by his manager on `day` (written directly: the tests here are about the reports)."""
    return Visit.objects.create(
        client_id=uuid.uuid4(),
        staff=customer.manager,
        customer=customer,
        visited_on=day,
        start_time=time(hour, 0),
        end_time=time(hour, 10),
        mode="field",
        purposes=["information"],
    )


def observe(visit: Visit, spec, stock: int, price: str | None = None, days: int = 0) -> SampleObservation:
    return SampleObservation.objects.create(
        visit=visit,
        spec=spec,
        customer=visit.customer,
        visited_on=visit.visited_on,
        stock_qty=stock,
        retail_price=None if price is None else Decimal(price),
        stockout_days=days,
    )


@pytest.fixture
def samples(customer_manager, colleague):
    """CM1's sample points S1 and S2 and his ordinary customer N1; CM2's sample point S3. Specs A (guide 100 元),
    B (no guide) and C. The observations and orders of docs/definitions.md#sample-points' worked example:

    S1: A on 01-10 (stock 5, 100 元, 2 days out) and 01-20 (stock 6, 105 元); B on 01-20 (stock 4, 50 元, 3 days
        out); A on 02-03 (outside January). Orders of A: 12-25 10, 01-05 20, 01-20 50 (the visit day: not counted).
    S2: A on 01-15 (stock 9, 98 元); C on 01-15 (stock 3, no price). Orders of A: 12-10 12 (before the 4 weeks),
        12-20 6.
    N1: B ordered in November (not a sample point). S3: A on 01-12 (stock 100, 200 元, 7 days out), ordered A in
        December (another customer manager's).
    """
    a = testing.make_spec("A", "红南京", retail_price=Decimal("100"))
    b = testing.make_spec("B", "苏烟")
    c = testing.make_spec("C", "黄山", retail_price=Decimal("80"))
    s1 = testing.make_customer("S1", customer_manager, is_sample_point=True)
    s2 = testing.make_customer("S2", customer_manager, is_sample_point=True)
    n1 = testing.make_customer("N1", customer_manager)
    s3 = testing.make_customer("S3", colleague, is_sample_point=True)
    add_line(s1, a, date(2025, 12, 25), 10)
    add_line(s1, a, date(2026, 1, 5), 20)
    add_line(s1, a, date(2026, 1, 20), 50)
    add_line(s2, a, date(2025, 12, 10), 12)
    add_line(s2, a, date(2025, 12, 20), 6)
    add_line(n1, b, date(2025, 11, 12), 8)
    add_line(s3, a, date(2025, 12, 15), 30)
    rebuild_all_summaries()
    first = make_visit(s1, date(2026, 1, 10))
    observe(first, a, 5, "100", days=2)
    last = make_visit(s1, date(2026, 1, 20))
    observe(last, a, 6, "105")
    observe(last, b, 4, "50", days=3)
    observe(make_visit(s1, date(2026, 2, 3)), a, 1, "120", days=5)
    second = make_visit(s2, date(2026, 1, 15))
    observe(second, a, 9, "98")
    observe(second, c, 3)
    observe(make_visit(s3, date(2026, 1, 12)), a, 100, "200", days=7)
    return {"A": a, "B": b, "C": c, "S1": s1, "S2": s2, "N1": n1, "S3": s3}


def run_report(name: str, staff, **data):
    report = REPORTS[name]
    return report.run(parse_params(staff.user, report, data, today=TODAY))


@pytest.fixture
def run():
    return run_report
