"""In a browser: a customer manager asks the distribution rate (铺货率) of two specs over January."""

from datetime import date
from decimal import Decimal

import pytest

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def order(customer, spec, day: date, quantity: int) -> None:
    """One order line at the spec's wholesale price (the report counts who ordered, not how much)."""
    price = Decimal(spec.wholesale_price)
    OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=quantity,
        order_qty=quantity,
        price=price,
        amount=price * quantity,
    )


@pytest.fixture
def january_orders(customers, customer_manager):
    """CM1 has four customers in business in January 2026 (C001, C002, C005, C006).

    6901 七匹狼(软通泰) is ordered by C001, C002 and C005: 3 of 4 = 75.0%; 6902 七匹狼(红) by C006 only: 25.0%;
    the two together by all four: 100.0%. CM2's C003 also orders 6902, outside CM1's scope.
    """
    c5 = testing.make_customer("C005", customer_manager)
    c6 = testing.make_customer("C006", customer_manager)
    soft = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100")
    red = testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", transfer_price="150")
    order(customers["c1"], soft, date(2026, 1, 5), 5)
    order(customers["c2"], soft, date(2026, 1, 6), 2)
    order(c5, soft, date(2026, 1, 21), 1)
    order(c6, red, date(2026, 1, 7), 1)
    order(customers["c3"], red, date(2026, 1, 8), 3)
    rebuild_all_summaries()


def test_the_distribution_rate_of_two_specs_over_january(screen, customer_manager, january_orders):
    # given CM1 on the distribution rate page, which first asks what to measure
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/analysis/distribution-rate/")
    assert page.locator(".message-info").inner_text() == "请选择一个或多个规格，或选择一个品牌集。"

    # when he gives January and the two specs, and asks
    form = page.locator("#report-filters")
    form.locator("#id_from").fill("2026-01-01")
    form.locator("#id_to").fill("2026-01-31")
    form.locator("#id_specs").select_option(["6901", "6902"])
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    screen.assert_no_problems()

    # then each spec's row and the total give the share of his four customers who ordered it
    table = page.locator("table.report-table")
    rows = [[cell.inner_text() for cell in row.locator("td").all()] for row in table.locator("tbody tr").all()]
    assert rows == [
        ["6901", "七匹狼(软通泰)", "4", "3", "75.0%"],
        ["6902", "七匹狼(红)", "4", "1", "25.0%"],
    ]
    total = table.locator("tfoot tr")
    assert [cell.inner_text() for cell in total.locator("td").all()][-1] == "100.0%"
    # The chart drew January's one point, the two specs together; the rates are readable at once.
    chart = page.locator("#report-chart").evaluate("canvas => Chart.getChart(canvas).data")
    assert (chart["labels"], chart["datasets"][0]["data"]) == (["2026-01"], [100])
    screen.assert_in_view(table.locator("td.kind-rate"), "distribution-rate: rates")
    screen.assert_fits("distribution-rate")
    screen.screenshot("distribution-rate")
