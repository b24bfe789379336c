"""In a browser, at desktop and phone width: a customer manager records a visit to a sample point with the stock,
retail price and stock-out days of the specs it ordered lately, the observation rows fitting a phone's width."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.visits.models import SampleObservation

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def sample_point(customer_manager):
    """Sample point S1, who ordered 苏烟 (30) and 红南京 (10) last week (the live server reads the real clock)."""
    shop = testing.make_customer("S1", customer_manager, name="新街口烟酒店", is_sample_point=True)
    day = timezone.localdate() - timedelta(days=7)
    for code, name, qty in (("A", "红南京(硬)", 10), ("B", "苏烟(软金砂)", 30)):
        spec = testing.make_spec(code, name=name, retail_price=Decimal("100"))
        OrderLine.objects.create(
            order_no=f"S1-{code}",
            order_date=day,
            customer=shop,
            spec=spec,
            demand_qty=qty,
            order_qty=qty,
            price=Decimal("90"),
            amount=Decimal("90") * qty,
        )
    return shop


def test_record_a_sample_points_observations(screen, customer_manager, sample_point):
    # given CM1 on the visit form of his sample point
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit(f"/visits/new/?customer={sample_point.pk}")

    # then the two specs it ordered are listed, most ordered first, and the rows fit the screen
    names = page.locator(".observation-name").all_inner_texts()
    assert [name.split(" ")[0] for name in names] == ["苏烟(软金砂)", "红南京(硬)"]
    screen.assert_fits("visit-form-sample-point")
    screen.assert_accessible()
    page.locator("#visit-observations").scroll_into_view_if_needed()
    screen.screenshot("visit-form-sample-point")

    # when he types the first spec's stock, price and stock-out days, and saves
    first = page.locator(".observation-row").first
    first.locator('input[name="obs_stock_qty"]').fill("12")
    first.locator('input[name="obs_retail_price"]').fill("105")
    first.locator('input[name="obs_stockout_days"]').fill("1")
    with page.expect_navigation():
        page.locator("button.visit-save").click()
    screen.assert_no_problems()

    # then the visit holds the one observation
    assert list(SampleObservation.objects.values_list("spec__code", "stock_qty", "retail_price", "stockout_days")) == [
        ("B", 12, Decimal("105.00"), 1)
    ]
