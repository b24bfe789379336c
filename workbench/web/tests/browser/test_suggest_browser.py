"""In a browser, at desktop and at phone width: a customer manager opens this week's suggested visits, reads why
each customer is worth a visit, and adds one to today with one tap; the page fits the screen and has no
accessibility fault (axe-core).

The data follow the real today (the live server's clock is not frozen: a frozen clock would date the session
cookie in the past for the browser): MM1's cultivation task runs this week, and every day left of the week is made
a working day, so that a weekend run has days to pick too.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from workbench.lib.periods import week_of
from workbench.visitplans.models import PlannedVisit, VisitSource
from workbench.visitplans.tests.test_suggestions import make_specs, make_task

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def this_weeks_task(customers, market_manager, org, settings):
    """MM1's published task of this week for team T1 (C001 and C002 ordered none of it); every day left of the
    week a working day."""
    today = timezone.localdate()
    week = week_of(today)
    settings.WORKBENCH_EXTRA_WORKING_DAYS = ",".join(
        (today + timedelta(days=offset)).isoformat() for offset in range((week.end - today).days + 1)
    )
    task = make_task(market_manager, org["team1"], make_specs())
    task.starts_on, task.ends_on = week.start, week.end
    task.save()
    task.team_plan.month = week.start.replace(day=1)
    task.team_plan.save()
    return today


def test_a_suggested_visit_is_added_to_today_with_one_tap(screen, customer_manager, customers, this_weeks_task):  # noqa: F811
    # given CM1 logged in
    today = this_weeks_task
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens his suggested visits
    screen.visit("/visit-plans/suggestions/")

    # then both customers are there with the task's reason, and the page fits the screen
    cards = page.locator(".suggested-visits .plan-cards > li")
    assert cards.count() == 2
    assert "七匹狼上柜" in cards.first.inner_text()
    screen.assert_fits("suggested-visits")
    screen.assert_in_view(cards.first.locator(".reasons"), "suggested visits: the first reasons")
    screen.assert_accessible()
    screen.screenshot("suggested-visits")

    # when he adds the first one to today
    cards.first.locator("select").select_option(today.isoformat())
    with page.expect_navigation():
        cards.first.locator("button[type=submit]").click()

    # then the visit is in his plan as a suggested one, and the card says so
    visit = PlannedVisit.objects.get()
    assert (visit.customer, visit.day, visit.source, visit.plan.staff) == (
        customers["c1"],
        today,
        VisitSource.SUGGESTED,
        customer_manager,
    )
    assert page.locator(".suggested-visits .plan-cards > li").first.locator(".state").is_visible()
