"""In a browser: a customer manager lets the platform propose his month's visit plan, adds a visit, moves it and
commits the plan; the day cards' figures are read without scrolling sideways, on a phone too.

The controls are found by their forms' addresses, not their words: the words are those of the catalogue.
"""

import pytest
from django.utils import timezone

from workbench.lib.periods import Period, first_of_month, last_of_month, working_days
from workbench.visitplans.models import PlannedVisit, VisitPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_manager_proposes_adds_and_commits_his_visit_plan(screen, customer_manager, customers):
    # given CM1 with C001 and C002 and no visit plan this month (the live server reads the real clock)
    month = first_of_month(timezone.localdate())
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens his visit plan and lets the platform propose it
    screen.visit("/visit-plans/")
    screen.assert_fits("visit-plan-start")
    with page.expect_navigation():
        page.locator("form[action='/visit-plans/propose/'] button").click()
    screen.assert_no_problems()

    # then his plan is a draft with the proposed visits, on its page
    plan = VisitPlan.objects.get(staff=customer_manager, month=month)
    assert screen.path() == f"/visit-plans/plans/{plan.pk}/"
    proposed = plan.visits.count()
    assert proposed > 0
    assert page.locator(".plan-visit-count").inner_text() == str(proposed)
    screen.assert_fits("visit-plan")
    screen.assert_in_view(page.locator("section.plan-day .day-figures"), "visit plan: each day's visits and hours")
    screen.screenshot("visit-plan")

    # when he adds C001 on a working day the proposal left free for him
    taken = set(plan.visits.filter(customer=customers["c1"]).values_list("day", flat=True))
    free = next(day for day in working_days(Period(month, last_of_month(month))) if day not in taken)
    page.locator("#id_customer").select_option(str(customers["c1"].pk))
    page.locator("#id_day").fill(free.isoformat())
    with page.expect_navigation():
        page.locator(f"form[action='/visit-plans/plans/{plan.pk}/add/'] button").click()
    screen.assert_no_problems()

    # then the visit is on that day's card
    added = PlannedVisit.objects.get(plan=plan, customer=customers["c1"], day=free)
    assert added.source == "added"
    card = page.locator(f"#day-{free.isoformat()}")
    assert customers["c1"].name in card.inner_text()

    # when he moves it to another free day with that day's move form
    later = next(day for day in working_days(Period(month, last_of_month(month))) if day not in taken | {free})
    screen.visit(f"/visit-plans/plans/{plan.pk}/")
    card = page.locator(f"#day-{free.isoformat()}")
    card.locator("details.visit-change summary").click()
    screen.assert_accessible()
    card.locator("select[name=visit]").select_option(str(added.pk))
    card.locator("input[name=day]").fill(later.isoformat())
    with page.expect_navigation():
        card.locator("form button[type=submit]").first.click()
    screen.assert_no_problems()

    # then it is on the new day
    added.refresh_from_db()
    assert added.day == later
    assert customers["c1"].name in page.locator(f"#day-{later.isoformat()}").inner_text()

    # when he commits the plan
    with page.expect_navigation():
        page.locator(f"form[action='/visit-plans/plans/{plan.pk}/commit/'] button").click()
    screen.assert_no_problems()

    # then it is committed, with every visit, and the commit button is gone
    plan.refresh_from_db()
    assert (plan.state, plan.visits.count()) == ("committed", proposed + 1)
    assert page.locator(f"form[action='/visit-plans/plans/{plan.pk}/commit/']").count() == 0
    assert page.locator("section.plan-day").first.is_visible()
    screen.assert_fits("visit-plan-committed")
