"""The day on the home page: today's planned visits, the customers whose order day is today, this week's tasks."""

from datetime import date

import pytest
from django.utils import timezone, translation

from workbench import testing
from workbench.lib.periods import first_of_month
from workbench.planning import services as planning
from workbench.planning.services import PlanContent
from workbench.visitplans.home import home_day
from workbench.visitplans.models import PlannedVisit, VisitPlan

pytestmark = pytest.mark.django_db

TODAY = date(2026, 12, 2)  # a Wednesday (isoweekday 3)
MONDAY = date(2026, 11, 30)


def test_a_customer_manager_sees_his_visits_his_order_day_customers_and_his_week(customer_manager, colleague):
    # given CM1's customers, two of them ordering on Wednesdays, one of those closed
    c1 = testing.make_customer("C001", customer_manager, name="玄武食杂店", order_weekday=3, phone="025-8451 2345")
    c2 = testing.make_customer("C002", customer_manager, name="长江便利店", order_weekday=1)
    testing.make_customer("C005", customer_manager, order_weekday=3, status="closed", closed_on=date(2026, 11, 1))
    c3 = testing.make_customer("C003", colleague, order_weekday=3)
    # and his visit plan of December with C002 and C001 today, C001 tomorrow
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 12, 1))
    PlannedVisit.objects.create(plan=plan, customer=c2, day=TODAY)
    PlannedVisit.objects.create(plan=plan, customer=c1, day=TODAY)
    PlannedVisit.objects.create(plan=plan, customer=c1, day=date(2026, 12, 3))
    # and his colleague's visit of C003 today, in the colleague's plan
    other = VisitPlan.objects.create(staff=colleague, month=date(2026, 12, 1))
    PlannedVisit.objects.create(plan=other, customer=c3, day=TODAY)
    # and his monthly plan with a task this week (on Thursday) and one next week
    monthly = planning.start_plan(user=customer_manager.user, month=date(2026, 12, 1))
    rows: list[dict] = [
        {"line": None, "kind": "visit", "description": "拜访玄武食杂店", "customer_id": c1.pk,
         "customer_set_id": None, "week_start": MONDAY},
        {"line": None, "kind": "meeting", "description": "周例会", "customer_id": None,
         "customer_set_id": None, "week_start": date(2026, 12, 7)},
    ]  # fmt: skip
    content = PlanContent(summary="", problems=[], items=rows, taken_task_ids=frozenset())
    planning.save_plan(plan=monthly, user=customer_manager.user, version=1, content=content)

    # when his home page's day is computed on Wednesday 2 December
    with translation.override("en"):
        day = home_day(customer_manager.user, TODAY)

    # then today's two visits in the route's order (neither has coordinates: as planned), with tap-to-call where a
    # phone is stored
    assert [stop.customer.code for stop in day.visits] == ["C002", "C001"]
    assert day.visit_count == 2
    assert [stop.tel for stop in day.visits] == [None, "tel:02584512345"]
    assert [stop.order_day for stop in day.visits] == ["Monday", "Wednesday"]
    # and the one customer in business whose order day is Wednesday (not the closed C005, not C003)
    assert day.order_day_count == 1
    assert [stop.customer.code for stop in day.order_day_customers] == ["C001"]
    # and this week's one task
    assert [item.description for item in day.week_items] == ["拜访玄武食杂店"]


def test_a_customer_manager_without_plans_gets_empty_lists(customer_manager):
    day = home_day(customer_manager.user, TODAY)
    assert day.is_field_staff
    assert (day.visit_plan, day.visits, day.week_items, day.order_day_count) == (None, [], [], 0)


def test_a_market_manager_has_no_day_of_visits(market_manager):
    assert not home_day(market_manager.user, TODAY).is_field_staff


def test_the_home_page_shows_the_day(client, customer_manager):
    c1 = testing.make_customer("C001", customer_manager, name="玄武食杂店", order_weekday=3)
    today = timezone.localdate()
    plan = VisitPlan.objects.create(staff=customer_manager, month=first_of_month(today))
    PlannedVisit.objects.create(plan=plan, customer=c1, day=today)
    testing.login(client, customer_manager)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Today&#x27;s visits" in page or "Today's visits" in page
    assert "玄武食杂店" in page


def test_a_market_manager_sees_his_team_visit_plans_with_who_is_late(market_manager, customer_manager, colleague):
    # given CM1's committed plan of December and CM2 with none, on 2 December (the deadline, 30 November, is over)
    c1 = testing.make_customer("C001", customer_manager)
    testing.make_customer("C003", colleague)
    plan = VisitPlan.objects.create(
        staff=customer_manager, month=date(2026, 12, 1), state="committed", committed_at="2026-11-27T09:00:00+08:00"
    )
    PlannedVisit.objects.create(plan=plan, customer=c1, day=TODAY)

    # when MM1's home page day is computed
    day = home_day(market_manager.user, TODAY)

    # then both of his customer managers, CM2 late with no plan
    assert [(row.staff.code, row.state, row.visits, row.is_late) for row in day.team_visit_plans] == [
        ("CM1", "committed", 1, False),
        ("CM2", "none", 0, True),
    ]
    assert [row.staff.code for row in day.late_team_members] == ["CM2"]
