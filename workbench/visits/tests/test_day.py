"""The day as visited (visits.day, docs/definitions.md#visit-day): planned visits done, missed or pending, the other
visits, the hours visited — on hand-built days."""

from datetime import date

import pytest

from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visits.day import VisitState, field_hours, home_visits, visit_day
from workbench.visits.models import VisitMode
from workbench.visits.tests.builders import make_visit

DAY = date(2026, 12, 1)  # a Tuesday
MONTH = date(2026, 12, 1)


def test_the_day_after_shows_done_and_missed(customer_manager, day_of_three):
    # when CM1's day is read the day after
    day = visit_day(customer_manager.user, customer_manager, DAY, date(2026, 12, 2))

    # then the planned visits are in route order (C001 first: the first with coordinates, then the nearest), C001
    # done by its visit, the other two missed
    assert [(stop.number, stop.customer.code, stop.state) for stop in day.stops] == [
        (1, "C001", VisitState.DONE),
        (2, "C002", VisitState.MISSED),
        (3, "C005", VisitState.MISSED),
    ]
    assert day.stops[0].visit == day_of_three["ticked"]
    assert (day.done, day.missed, day.pending, day.unplanned) == (1, 2, 0, 2)
    # and the other visits are the phone visit and the unplanned one, by start time
    assert day.other_visits == [day_of_three["by_phone"], day_of_three["unplanned"]]
    assert day.visits == 3
    # and the hours visited are the field visits only: 20 + 45 minutes
    assert day.hours == pytest.approx(65 / 60)
    assert day.below_norm is True


def test_on_the_day_itself_the_rest_is_pending(customer_manager, day_of_three):
    # when CM1's day is read on the day
    day = visit_day(customer_manager.user, customer_manager, DAY, DAY)

    # then what is not done is pending, not missed
    assert [stop.state for stop in day.stops] == [VisitState.DONE, VisitState.PENDING, VisitState.PENDING]
    assert (day.done, day.missed, day.pending) == (1, 0, 2)


def test_a_visit_later_in_the_week_makes_the_planned_visit_done(customer_manager, day_of_three):
    # given C002's planned visit of DAY ticked by a visit on Thursday
    thursday = date(2026, 12, 3)
    later = make_visit(
        customer_manager,
        day_of_three["planned"]["C002"].customer,
        thursday,
        "14:00",
        "14:30",
        planned=day_of_three["planned"]["C002"],
    )

    # when DAY is read on Friday
    day = visit_day(customer_manager.user, customer_manager, DAY, date(2026, 12, 4))

    # then C002 is done by Thursday's visit, which is not one of DAY's visits nor counted in its hours
    assert [stop.state for stop in day.stops] == [VisitState.DONE, VisitState.DONE, VisitState.MISSED]
    assert day.stops[1].visit == later
    assert day.hours == pytest.approx(65 / 60)
    # and on Thursday it is among the other visits, as a planned one (not unplanned)
    thursday_day = visit_day(customer_manager.user, customer_manager, thursday, date(2026, 12, 4))
    assert thursday_day.other_visits == [later]
    assert thursday_day.unplanned == 0
    assert thursday_day.hours == pytest.approx(0.5)


def test_a_draft_plan_plans_nothing(colleague, customers):
    # given CM2's draft plan with C003 on DAY
    plan = VisitPlan.objects.create(staff=colleague, month=MONTH, state=VisitPlanState.DRAFT)
    PlannedVisit.objects.create(plan=plan, customer=customers["c3"], day=DAY)

    # when his day is read
    day = visit_day(colleague.user, colleague, DAY, DAY)

    # then there is no plan and no planned visit
    assert day.plan is None
    assert day.stops == []


def test_the_market_manager_sees_his_customer_managers_day(market_manager, customer_manager, day_of_three):
    # when MM1 reads CM1's day
    day = visit_day(market_manager.user, customer_manager, DAY, DAY)

    # then he sees the same as CM1
    assert (day.done, day.pending, day.unplanned) == (1, 2, 2)


def test_an_outsider_reads_nothing_of_it(outsider, customer_manager, day_of_three):
    # when CM3 (another team) is given CM1 as the staff (the views refuse this before: the reads refuse it too)
    day = visit_day(outsider.user, customer_manager, DAY, DAY)

    # then no plan, no visit
    assert (day.plan, day.stops, day.other_visits, day.hours) == (None, [], [], 0)


def test_field_hours_count_minutes_of_field_visits(customer_manager, customers):
    # given a field visit of 1 h 5 min, an online one of 30 min, a field one of 0 min
    visits = [
        make_visit(customer_manager, customers["c1"], DAY, "08:55", "10:00"),
        make_visit(customer_manager, customers["c1"], DAY, "10:00", "10:30", mode=VisitMode.ONLINE),
        make_visit(customer_manager, customers["c2"], DAY, "11:00", "11:00"),
    ]

    # then the hours are 65 minutes
    assert field_hours(visits) == pytest.approx(65 / 60)


def test_home_visits_mark_todays_visits(customer_manager, day_of_three):
    # given the home page's day of CM1 on DAY
    from workbench.visitplans.home import home_day

    home = home_day(customer_manager.user, DAY)

    # when its visits are marked
    marked = home_visits(customer_manager.user, home)

    # then each names its planned visit, C001 done, the others pending
    planned = day_of_three["planned"]
    assert [(item.stop.customer.code, item.planned_id, item.state) for item in marked] == [
        ("C001", planned["C001"].pk, VisitState.DONE),
        ("C002", planned["C002"].pk, VisitState.PENDING),
        ("C005", planned["C005"].pk, VisitState.PENDING),
    ]
