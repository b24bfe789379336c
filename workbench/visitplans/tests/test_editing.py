"""Editing a visit plan: add, move, remove, commit; the history; stale pages, scope and denied writes."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workbench import testing
from workbench.lib.stale import StaleEdit
from workbench.visitplans import editing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanEvent, VisitPlanState, VisitSource

MONTH = date(2026, 12, 1)  # a Tuesday
TUESDAY = date(2026, 12, 1)
WEDNESDAY = date(2026, 12, 2)
SATURDAY = date(2026, 12, 5)

plan_rows = testing.rows(VisitPlan, PlannedVisit, VisitPlanEvent)


@pytest.fixture
def plan(customer_manager):
    """CM1's empty draft visit plan of December 2026."""
    return editing.plan_for(customer_manager, MONTH, create=True)


def history(plan):
    return [
        (e.action, e.by.code, e.customer.code if e.customer else None, e.day, e.new_day, e.after_commit)
        for e in plan.events.all()
    ]


def test_plan_for_finds_or_makes_the_month_plan(customer_manager):
    # given no plan
    assert editing.plan_for(customer_manager, date(2026, 12, 17)) is None
    # when asked to create it, from any day of the month
    plan = editing.plan_for(customer_manager, date(2026, 12, 17), create=True)
    # then it is the draft of the month, found again afterwards
    assert (plan.month, plan.state, plan.version) == (MONTH, VisitPlanState.DRAFT, 1)
    assert editing.plan_for(customer_manager, MONTH) == plan


def test_add_move_remove_are_recorded(plan, customer_manager, customers):
    user = customer_manager.user
    # when CM1 adds C001 on Tuesday, moves it to Wednesday, then removes it
    visit = editing.add_visit(plan, customers["c1"], TUESDAY, by=user, source=VisitSource.ADDED, version=1)
    assert (visit.day, visit.source, plan.version) == (TUESDAY, "added", 2)
    editing.move_visit(visit, WEDNESDAY, by=user, version=2)
    assert PlannedVisit.objects.get().day == WEDNESDAY
    editing.remove_visit(visit, by=user, version=3)
    # then no visit is left, the version rose at each change, and the history says who did what
    plan.refresh_from_db()
    assert (PlannedVisit.objects.count(), plan.version) == (0, 4)
    assert history(plan) == [
        ("added", "CM1", "C001", TUESDAY, None, False),
        ("moved", "CM1", "C001", TUESDAY, WEDNESDAY, False),
        ("removed", "CM1", "C001", WEDNESDAY, None, False),
    ]


def test_a_suggested_visit_keeps_its_reason(plan, customer_manager, customers):
    # when a suggested visit is added with its reason
    visit = editing.add_visit(
        plan,
        customers["c2"],
        TUESDAY,
        by=customer_manager.user,
        source=VisitSource.SUGGESTED,
        reason="订货量环比指数 0.62，同类客户 0.97",
        version=1,
    )
    # then it is stored with its source and reason
    visit.refresh_from_db()
    assert (visit.source, visit.reason) == ("suggested", "订货量环比指数 0.62，同类客户 0.97")


def test_moving_a_proposed_visit_clears_the_rule_that_gave_way(plan, customer_manager, customers):
    # given a proposed visit on which the order day gave way
    visit = PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=TUESDAY, gave_way="order_day")
    # when he moves it
    editing.move_visit(visit, WEDNESDAY, by=customer_manager.user, version=1)
    # then the note is gone: the day is his choice
    visit.refresh_from_db()
    assert (visit.day, visit.gave_way, visit.source) == (WEDNESDAY, "", "proposed")


def test_commit_then_a_change_is_marked_after_the_commit(plan, customer_manager, customers):
    user = customer_manager.user
    visit = editing.add_visit(plan, customers["c1"], TUESDAY, by=user, version=1)
    # when he commits, then moves the visit
    editing.commit_plan(plan, by=user, version=2)
    plan.refresh_from_db()
    assert plan.state == VisitPlanState.COMMITTED
    assert plan.committed_at is not None
    committed_at = plan.committed_at
    editing.move_visit(visit, WEDNESDAY, by=user, version=3)
    # then the plan stays committed, at the same moment, and the move is marked as after the commit
    plan.refresh_from_db()
    assert (plan.state, plan.committed_at, plan.version) == ("committed", committed_at, 4)
    assert history(plan)[1:] == [
        ("committed", "CM1", None, None, None, False),
        ("moved", "CM1", "C001", TUESDAY, WEDNESDAY, True),
    ]


def test_an_empty_plan_or_a_committed_one_cannot_be_committed(plan, customer_manager, customers):
    user = customer_manager.user
    with pytest.raises(ValidationError):
        editing.commit_plan(plan, by=user, version=1)
    plan.refresh_from_db()
    assert (plan.state, plan.version, plan.events.count()) == ("draft", 1, 0)
    editing.add_visit(plan, customers["c1"], TUESDAY, by=user, version=1)
    editing.commit_plan(plan, by=user, version=2)
    with pytest.raises(ValidationError):
        editing.commit_plan(plan, by=user, version=3)
    plan.refresh_from_db()
    assert plan.version == 3


def test_a_stale_page_writes_nothing(plan, customer_manager, customers):
    # given a change made in another tab (version 2)
    user = customer_manager.user
    visit = editing.add_visit(plan, customers["c1"], TUESDAY, by=user, version=1)
    before = plan_rows()
    # when the first tab, still at version 1, adds, moves, removes or commits
    for write in (
        lambda: editing.add_visit(plan, customers["c2"], TUESDAY, by=user, version=1),
        lambda: editing.move_visit(visit, WEDNESDAY, by=user, version=1),
        lambda: editing.remove_visit(visit, by=user, version=1),
        lambda: editing.commit_plan(plan, by=user, version=1),
        lambda: editing.commit_plan(plan, by=user, version=None),
    ):
        with pytest.raises(StaleEdit):
            write()
    # then nothing changed
    assert plan_rows() == before


@pytest.mark.parametrize("day", [SATURDAY, date(2027, 1, 4)])
def test_a_day_off_or_of_another_month_is_refused(plan, customer_manager, customers, day):
    before = plan_rows()
    with pytest.raises(ValidationError):
        editing.add_visit(plan, customers["c1"], day, by=customer_manager.user, version=1)
    assert plan_rows() == before


def test_the_same_customer_twice_a_day_is_refused(plan, customer_manager, customers):
    user = customer_manager.user
    editing.add_visit(plan, customers["c1"], TUESDAY, by=user, version=1)
    before = plan_rows()
    with pytest.raises(ValidationError):
        editing.add_visit(plan, customers["c1"], TUESDAY, by=user, version=2)
    assert plan_rows() == before


def test_a_customer_not_his_is_refused(plan, customer_manager, customers):
    # when CM1 adds his colleague's customer C003, or team T2's C004
    before = plan_rows()
    for customer in (customers["c3"], customers["c4"]):
        with pytest.raises(PermissionDenied):
            editing.add_visit(plan, customer, TUESDAY, by=customer_manager.user, version=1)
    # then nothing is written
    assert plan_rows() == before


@pytest.mark.parametrize("persona", ["colleague", "market_manager", "leader", "admin_staff"])
def test_only_its_customer_manager_changes_the_plan(request, plan, customer_manager, customers, persona):
    # given CM1's plan with one visit
    visit = editing.add_visit(plan, customers["c1"], TUESDAY, by=customer_manager.user, version=1)
    user = request.getfixturevalue(persona).user
    before = plan_rows()
    # when anyone else adds, moves, removes or commits
    for write in (
        lambda: editing.add_visit(plan, customers["c2"], TUESDAY, by=user, version=2),
        lambda: editing.move_visit(visit, WEDNESDAY, by=user, version=2),
        lambda: editing.remove_visit(visit, by=user, version=2),
        lambda: editing.commit_plan(plan, by=user, version=2),
    ):
        with pytest.raises(PermissionDenied):
            write()
    # then nothing changed
    assert plan_rows() == before
