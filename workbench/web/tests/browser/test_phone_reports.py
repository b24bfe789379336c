"""In a browser, at desktop and phone width: each of the nine reports shows its key measure without scrolling.

On a phone a report's rows are cards (workbench.css, "rows as cards"), so the figure that matters is on the screen
whatever its column. Each report is asked for January 2026 on the same hand-built orders of CM1's four customers,
and the key measure of its first row is read where it is drawn: its value, and that it lies within the screen.
"""

from datetime import date
from decimal import Decimal

import pytest

from workbench import testing
from workbench.customers.models import CustomerSet
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.visits.models import MarketOpportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

JANUARY = "from=2026-01-01&to=2026-01-31"


def order(customer, spec, day: date, demand: int, ordered: int) -> None:
    """One order line at the spec's wholesale price."""
    price = Decimal(spec.wholesale_price)
    OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=demand,
        order_qty=ordered,
        price=price,
        amount=price * ordered,
    )


@pytest.fixture
def january(customers, customer_manager, colleague):
    """CM1's four customers in business in January 2026, their orders, a customer set and two opportunities.

    C001 (食杂店 Z, 档位 10) orders 6901 twice: 5 of 10 wanted on the 5th, 1 of 1 on the 19th (6 of 11, 2 order days);
    C002 (便利店 B) 2 of 2 of 6901; C005 (Z, 档位 8) 1 of 1 of 6901; C006 (Z) 1 of 1 of 6902; CM2's C003 6902 too.
    So for CM1: 10 cartons in January; 6901 reaches 3 of 4 customers (铺货率 75.0%), 6902 one (25.0%).
    """
    c5 = testing.make_customer("C005", customer_manager, grade=8)
    c6 = testing.make_customer("C006", customer_manager)
    soft = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100")
    red = testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", transfer_price="150")
    order(customers["c1"], soft, date(2026, 1, 5), 10, 5)
    order(customers["c1"], soft, date(2026, 1, 19), 1, 1)
    order(customers["c2"], soft, date(2026, 1, 6), 2, 2)
    order(c5, soft, date(2026, 1, 21), 1, 1)
    order(c6, red, date(2026, 1, 7), 1, 1)
    order(customers["c3"], red, date(2026, 1, 8), 3, 3)
    rebuild_all_summaries()
    key_customers = CustomerSet.objects.create(owner=customer_manager, name="重点户")
    key_customers.members.set([customers["c1"], customers["c2"]])
    for customer, day in ((customers["c1"], date(2026, 1, 5)), (customers["c2"], date(2026, 1, 20))):
        MarketOpportunity.objects.create(
            staff=customer_manager,
            customer=customer,
            type="new_shop",
            status="pending",
            estimated_qty=5,
            found_on=day,
            description="新开店",
        )
    return {"customer_set": key_customers}


# report, its query after the period, its key measure (the column's name) and that measure in the first row.
KEY_MEASURES = [
    ("business-overview", "", "销量(条)", "10"),  # 2026-01: 6 + 2 + 1 + 1
    ("supply-demand", "", "满足率", "54.5%"),  # C001: 6 of 11
    ("customer-set-sales", "customer_set={customer_set}", "销量(条)", "6"),  # C001
    ("classification-overview", "by=grade", "占比", "25.0%"),  # 档位 8: C005, 1 of 4
    ("classification-sales", "by=format", "销量(条)", "8"),  # 食杂店 Z, first of the formats: 6 + 1 + 1
    ("opportunity-analysis", "", "机会数", "2"),  # 新开店, 待跟进
    ("distribution-rate", "specs=6901&specs=6902", "铺货率", "75.0%"),  # 6901: 3 of 4
    ("order-frequency", "", "订货次数", "2"),  # C001: the 5th and the 19th
    ("four-rates", "specs=6901&specs=6902", "铺货率", "75.0%"),  # 6901
]


@pytest.mark.parametrize(("report", "query", "measure", "first"), KEY_MEASURES, ids=[row[0] for row in KEY_MEASURES])
def test_the_key_measure_of_every_report_is_on_the_screen(
    screen, customer_manager, january, report, query, measure, first
):
    # given CM1 logged in
    screen.log_in(customer_manager)
    page = screen.page

    # when he asks the report for January
    query = query.format(customer_set=january["customer_set"].pk)
    screen.visit(f"/analysis/{report}/?{JANUARY}&{query}")

    # then the key measure of the first row reads as expected, and every row's is on the screen
    table = page.locator("table.report-table")
    cells = table.locator(f'tbody td[data-label="{measure}"]')
    assert cells.first.inner_text() == first
    screen.assert_in_view(cells, f"{report}: {measure}")
    if report == "four-rates":
        # the other three of the four rates too (重购率 was the column hidden at 1366 px)
        for rate in ("动销率", "断货率", "重购率"):
            screen.assert_in_view(table.locator(f'tbody td[data-label="{rate}"]'), f"{report}: {rate}")
    if not screen.is_phone:
        # at 1366 px the whole table fits its card: no column (四率查询's 重购率 was) hides behind a scroll
        box = page.locator(".table-scroll").first
        assert box.evaluate("box => box.scrollWidth <= box.clientWidth"), f"{report}'s table is wider than its card"
    screen.assert_fits(report)
    screen.screenshot(f"report-{report}")
