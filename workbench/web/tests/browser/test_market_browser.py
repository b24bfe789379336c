"""In a browser, on a phone and on a desktop: a customer manager enters a market opportunity found in the field (with
a spec from the picker), starts following it up, and records a customer's market features."""

import pytest

from workbench import testing
from workbench.features.models import MarketFeature
from workbench.visits.models import MarketOpportunity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def specs(db):
    return {"red": testing.make_spec("6901028000001", "南京(红)", brand="南京", transfer_price="50")}


def test_a_customer_manager_enters_an_opportunity_and_features(screen, customer_manager, customers, specs):
    # given CM1 on the opportunity form
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/opportunities/new/")
    screen.assert_fits("opportunity-new")
    screen.screenshot("opportunity-new")

    # when he enters a new shop at C001 with 南京(红), 10 条 a week, and saves
    page.locator("#id_customer").select_option("C001")
    page.locator("#id_type").select_option("new_shop")
    page.locator("#id_area").fill("玄武区")
    page.locator("#id_description").fill("小区新开便利店")
    box = page.locator(".ts-control input")
    box.click()
    box.fill("6901")
    page.locator(".ts-dropdown .option", has_text="南京(红)").click()
    page.keyboard.press("Escape")
    page.locator("#id_estimated_qty").fill("10")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    screen.assert_no_problems()

    # then it is saved as his, pending, and its page offers the follow-up
    opportunity = MarketOpportunity.objects.get()
    assert (opportunity.staff_id, opportunity.customer_id, opportunity.status, opportunity.estimated_qty) == (
        customer_manager.pk,
        customers["c1"].pk,
        "pending",
        10,
    )
    assert list(opportunity.related_specs.values_list("name", flat=True)) == ["南京(红)"]
    assert page.url.endswith(f"/opportunities/{opportunity.pk}/")
    screen.assert_fits("opportunity-detail")
    screen.screenshot("opportunity-detail")

    # when he starts following it up
    page.locator("#id_status").select_option("following")
    page.locator("#id_action").fill("上门拜访")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    opportunity.refresh_from_db()
    assert (opportunity.status, opportunity.action) == ("following", "上门拜访")

    # when he records C001's market features from the customer's page
    screen.visit("/customers/C001/")
    with page.expect_navigation():
        page.locator('main a[href="/features/C001/"]').click()
    screen.assert_no_problems()
    page.locator("#id_rim_type").select_option("residential")
    page.locator("#id_opens").fill("07:30")
    page.locator("#id_closes").fill("22:00")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    screen.assert_no_problems()
    screen.assert_fits("market-features")
    screen.screenshot("market-features")
    assert MarketFeature.objects.values_list("version", "rim_type").get() == (1, "residential")
