"""In a browser: a customer manager sets his month's sales target from the forecast and submits it; his market
manager returns it with a comment (targets app)."""

import pytest
from django.utils import timezone

from workbench import testing
from workbench.lib.periods import add_months, first_of_month
from workbench.reviews.models import ReviewState
from workbench.targets.models import SalesTarget
from workbench.targets.tests.conftest import add_lines

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(customers, specs):
    """C001's orders a year ago and in the 3 months before this month: a fallback forecast of (30+30+33)/3 = 31 条."""
    this_month = first_of_month(timezone.localdate())
    red = specs["red"]
    add_lines(
        [
            (customers["c1"], red, add_months(this_month, -3), 30, "50"),
            (customers["c1"], red, add_months(this_month, -2), 30, "50"),
            (customers["c1"], red, add_months(this_month, -1), 33, "50"),
        ]
    )


@pytest.fixture
def specs(db):
    """One spec, 红南京 at 50 元."""
    return {"red": testing.make_spec("6901028000001", "红南京", brand="南京", transfer_price="50")}


def test_a_customer_manager_sets_and_submits_his_sales_target(screen, customer_manager, market_manager, history):
    # given CM1 on his sales target page: pre-filled from the forecast, with its workings
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/targets/sales/mine/")
    assert page.locator("#id_qty").input_value() == "31"
    assert page.locator("#id_amount").input_value() == "1550.00"
    screen.assert_fits("sales-target-form")
    screen.screenshot("sales-target-form")

    # when he raises it and saves
    page.locator("#id_qty").fill("35")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    screen.assert_no_problems()

    # then the target's page shows it as a draft; he submits it
    assert page.locator("dl.facts .state").inner_text() == "草稿"
    screen.assert_fits("sales-target-detail")
    with page.expect_navigation():
        page.get_by_role("button", name="提交市场经理审核").click()
    screen.assert_no_problems()
    assert page.locator("dl.facts .state").inner_text() == "已提交"
    target = SalesTarget.objects.get(staff=customer_manager)
    assert (target.qty, target.review_state) == (35, ReviewState.SUBMITTED)

    # when his market manager returns it with a comment from the team's page
    page.context.clear_cookies()
    screen.log_in(market_manager)
    screen.visit("/targets/sales/")
    screen.assert_fits("sales-target-list")
    with page.expect_navigation():
        page.locator("tbody th a", has_text="CM1").click()
    page.locator("#id_comment").fill("请结合培育任务上调")
    with page.expect_navigation():
        page.get_by_role("button", name="退回").click()
    screen.assert_no_problems()

    # then
    assert page.locator("dl.facts .state").inner_text() == "已退回"
    target.refresh_from_db()
    assert (target.review_state, target.return_comment) == (ReviewState.RETURNED, "请结合培育任务上调")
