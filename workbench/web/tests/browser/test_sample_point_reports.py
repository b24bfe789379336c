"""In a browser, at desktop and phone width: the three sample-point reports of 实施 show their key measure on the
screen (the reporting layer's pages, under /implementation/)."""

import uuid
from datetime import date, time
from decimal import Decimal

import pytest

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.visits.models import SampleObservation, Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JANUARY = "from=2026-01-01&to=2026-01-31"


@pytest.fixture
def observed(customer_manager):
    """CM1's sample point S1: ordered 20 of A on 01-05 and 10 in December; observed on 01-20 with 6 in stock at
    105 元 (the guide is 100) and 2 days out of stock."""
    spec = testing.make_spec("A", name="红南京", retail_price=Decimal("100"))
    shop = testing.make_customer("S1", customer_manager, is_sample_point=True)
    for day, qty in ((date(2025, 12, 25), 10), (date(2026, 1, 5), 20)):
        OrderLine.objects.create(
            order_no=f"S1-{day:%Y%m%d}",
            order_date=day,
            customer=shop,
            spec=spec,
            demand_qty=qty,
            order_qty=qty,
            price=Decimal("90"),
            amount=Decimal("90") * qty,
        )
    rebuild_all_summaries()
    visit = Visit.objects.create(
        client_id=uuid.uuid4(),
        staff=customer_manager,
        customer=shop,
        visited_on=date(2026, 1, 20),
        start_time=time(9, 0),
        end_time=time(9, 10),
    )
    SampleObservation.objects.create(
        visit=visit,
        spec=spec,
        customer=shop,
        visited_on=visit.visited_on,
        stock_qty=6,
        retail_price=Decimal("105"),
        stockout_days=2,
    )


# report, its query after the period, and its key measure (its last column, whatever the language) in the first row.
KEY_MEASURES = [
    ("stock-to-sales", "", "0.2"),  # 6 ÷ 30
    ("customer-stockout-rate", "specs=A", "100.0%"),  # S1, who ordered A in the quarter before
    ("retail-prices", "", "100.0%"),  # 105 > 100
]


@pytest.mark.parametrize(("report", "query", "first"), KEY_MEASURES, ids=[row[0] for row in KEY_MEASURES])
def test_the_key_measure_of_every_sample_point_report_is_on_the_screen(
    screen, customer_manager, observed, report, query, first
):
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit(f"/implementation/{report}/?{JANUARY}&{query}")
    cells = page.locator("table.report-table tbody td:last-child")
    assert cells.first.inner_text() == first
    screen.assert_in_view(cells, f"{report}: key measure")
    screen.assert_fits(report)
    screen.screenshot(f"implementation-{report}")
