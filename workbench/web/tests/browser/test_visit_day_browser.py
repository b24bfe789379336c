"""In a browser, at desktop and phone width: a customer manager opens his day's visits, taps a planned customer,
records the visit with the form (mode, purposes, times prefilled) and sees it done on his day, the day's counts
and hours read without scrolling sideways (online; the offline path is the outbox's test)."""

import pytest
from django.utils import timezone

from workbench import testing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visits.models import Visit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOPS = [
    ("C101", "新街口烟酒店", "32.0450", "118.7850", "025-8000 0101"),
    ("C102", "中山东路便利店", "32.0405", "118.7800", ""),
    ("C103", "洪武路超市", "32.0380", "118.7900", "025-8000 0103"),
]


@pytest.fixture
def today_of_three(customer_manager):
    """CM1's committed plan with three shops today (the live server reads the real clock)."""
    today = timezone.localdate()
    plan = VisitPlan.objects.create(staff=customer_manager, month=today.replace(day=1), state=VisitPlanState.COMMITTED)
    planned = {}
    for code, name, lat, lng, phone in SHOPS:
        customer = testing.make_customer(code, customer_manager, name=name, lat=lat, lng=lng, phone=phone)
        planned[code] = PlannedVisit.objects.create(plan=plan, customer=customer, day=today)
    return planned


def test_record_a_planned_visit_from_the_day(screen, customer_manager, today_of_three):
    # given CM1 logged in, three planned visits today, none done
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens his day
    screen.visit("/visits/")

    # then the three are listed pending, two with a call button, the counts on one screen
    assert page.locator("#visit-day-stops .visit-stop.is-pending").count() == 3
    assert page.locator('#visit-day-stops a[href^="tel:"]').count() == 2
    assert page.locator(".visit-done-count").inner_text().startswith("0")
    screen.assert_fits("visit-day")
    for figure in (".visit-done-count", ".visit-missed-count", ".visit-unplanned-count", ".visit-hours"):
        screen.assert_in_view(page.locator(figure), "visit day: counts and hours")
    screen.screenshot("visit-day")

    # when he taps the first customer of the route
    first = page.locator("#visit-day-stops .visit-stop").first
    name = first.locator(".visit-name").inner_text()
    with page.expect_navigation():
        first.locator("a.visit-name").click()
    screen.assert_no_problems()

    # then the form opens on that customer, in person already chosen, times prefilled
    assert page.locator("h1.visit-form-title").inner_text().startswith(name)
    assert page.locator('input[name="mode"][value="field"]').is_checked()
    assert page.locator("#visit-start").input_value() != ""
    screen.assert_fits("visit-form")
    screen.screenshot("visit-form")

    # when he taps "by phone" and two purposes, types what he found, opens the rest and gives a 4 and a request
    page.locator("label.toggle", has=page.locator('input[name="mode"][value="phone"]')).click()
    page.locator("label.chip", has=page.locator('input[value="order_guidance"]')).click()
    page.locator("label.chip", has=page.locator('input[value="information"]')).click()
    page.locator("#visit-business").fill("生意平稳")
    page.locator("#visit-form-more > summary").click()
    screen.assert_accessible()
    page.locator("label.toggle", has=page.locator('input[name="satisfaction"][value="4"]')).click()
    page.locator('input[name="request_text"]').first.fill("希望增加货源")
    page.locator("[data-request-add]").click()
    assert page.locator("[data-request-rows] .request-row").count() == 4
    with page.expect_navigation():
        page.locator("button.visit-save").click()
    screen.assert_no_problems()

    # then he is back on his day, where the customer is done, the others pending
    # (the outbox sends the visit, then goes to the form's data-done-url, the day list's copy the worker keeps)
    assert screen.path() == "/visits/"
    visit = Visit.objects.get(staff=customer_manager)
    assert (visit.mode, visit.purposes, visit.satisfaction, visit.business) == (
        "phone",
        ["order_guidance", "information"],
        4,
        "生意平稳",
    )
    assert list(visit.requests.values_list("text", flat=True)) == ["希望增加货源"]
    assert visit.planned_visit is not None
    done = page.locator("#visit-day-stops .visit-stop.is-done")
    assert done.count() == 1
    assert done.locator(".visit-name").inner_text() == name
    assert page.locator(".visit-done-count").inner_text().startswith("1")
    screen.assert_fits("visit-day")


def test_an_unplanned_visit_then_its_page_and_the_list(screen, customer_manager, today_of_three):
    # given CM1 with a shop outside today's plan
    other = testing.make_customer("C109", customer_manager, name="汉中路小卖部", address="汉中路9号")
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/visits/")

    # when he searches it from "visit without a plan" and taps it
    page.locator("#visit-search-q").fill("汉中路")
    with page.expect_navigation():
        page.locator("form.visit-search button").click()
    screen.assert_no_problems()
    screen.assert_fits("visit-pick")
    with page.expect_navigation():
        page.locator("#visit-picked a").first.click()

    # and records it in person with one purpose
    page.locator("label.chip", has=page.locator('input[value="display"]')).click()
    with page.expect_navigation():
        page.locator("button.visit-save").click()
    screen.assert_no_problems()

    # then the day lists it among the other visits, unplanned, and the figures count it
    assert page.locator(".visit-unplanned-count").inner_text() == "1"
    visit = Visit.objects.get(customer=other)
    assert visit.planned_visit is None

    # when he opens it: its page shows the purposes and where it was taken (no location: the form has none)
    screen.visit(f"/visits/{visit.pk}/")
    assert page.locator("#visit-facts").is_visible()
    assert page.locator(".visit-photo-form").is_visible()
    screen.assert_fits("visit-detail")
    screen.screenshot("visit-detail")

    # and the month's list shows it, the visit's figures in view on a phone
    screen.visit("/visits/list/")
    screen.assert_fits("visit-list")
    screen.assert_in_view(page.locator("#visit-table tbody tr").first, "visit list: a visit")
    screen.screenshot("visit-list")
