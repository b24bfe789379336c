"""Versions of a monthly plan, the history's item-by-item changes, the deadlines (docs/definitions.md#plans)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied

from workbench import testing
from workbench.planning import queries, services
from workbench.planning.models import PlanItem, PlanVersion, WeekSplit
from workbench.planning.tests.conftest import FIRST_WEEK, MONTH, bring_to, content, one_task
from workbench.reviews import services as reviews
from workbench.reviews.models import ReviewEvent, ReviewState

SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_the_version_in_force_stays_until_the_change_is_approved(plan, customer_manager, market_manager):
    # given CM1's plan approved as version 1
    bring_to(plan, ReviewState.APPROVED, customer_manager, market_manager)
    plan.refresh_from_db()
    first = plan.in_force
    assert first.number == 1

    # when he changes it
    services.save_plan(
        plan=plan,
        user=customer_manager.user,
        version=first.version,
        content=content(one_task(line=1), one_task("品牌推广：七匹狼")),
    )

    # then version 2 is a draft, and version 1, unchanged, stays in force
    plan.refresh_from_db()
    second = plan.latest_version()
    assert (second.number, second.review_state) == (2, ReviewState.DRAFT)
    assert plan.in_force == first
    assert [item.description for item in first.items.all()] == ["拜访玄武食杂店"]
    assert first.review_state == ReviewState.APPROVED

    # when he submits it: still version 1 in force
    services.submit_plan(plan=plan, user=customer_manager.user, version=second.version)
    plan.refresh_from_db()
    assert plan.in_force == first

    # when his market manager approves it: version 2 comes into force
    second.refresh_from_db()
    services.decide_plan(plan=plan, user=market_manager.user, version=second.version, decision="approved")
    plan.refresh_from_db()
    assert plan.in_force == second
    assert sorted(item.description for item in second.items.all()) == ["品牌推广：七匹狼", "拜访玄武食杂店"]


def test_a_version_waiting_for_review_cannot_be_changed(plan, customer_manager, market_manager):
    # given a submitted plan
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    version = plan.latest_version()

    # when he tries to change it, then it is refused and the task is still the one submitted
    with pytest.raises(reviews.TransitionRefused):
        services.save_plan(plan=plan, user=customer_manager.user, version=version.version, content=content())
    assert [item.description for item in version.items.all()] == ["拜访玄武食杂店"]


def test_the_history_says_what_changed_item_by_item(plan, customer_manager):
    # given the draft with one task on line 1
    version = plan.latest_version()

    # when he renames the task, moves nothing else, and adds a second one
    services.save_plan(
        plan=plan,
        user=customer_manager.user,
        version=version.version,
        content=content(one_task("拜访长江便利店", line=1), one_task("店内陈列检查")),
    )

    # then the last event lists exactly those two changes
    events = list(ReviewEvent.objects.of(version))
    assert [event.step for event in events] == ["created", "edited", "edited"]
    assert events[-1].actor == customer_manager
    assert events[-1].changes == [
        {"change": "added", "what": "items", "label": "店内陈列检查", "fields": []},
        {"change": "changed", "what": "items", "label": "拜访长江便利店", "fields": ["description"]},
    ]


def test_only_the_owner_changes_his_plan(plan, market_manager):
    # when his market manager tries to write in it, then it is refused
    with pytest.raises(PermissionDenied):
        services.save_plan(
            plan=plan, user=market_manager.user, version=plan.latest_version().version, content=content()
        )


def test_a_market_manager_has_no_monthly_plan_of_his_own(market_manager):
    with pytest.raises(PermissionDenied):
        services.start_plan(user=market_manager.user, month=MONTH)


def test_the_monthly_plan_deadline_is_the_third_working_day(settings):
    # December 2026 starts on a Tuesday: working days 1, 2, 3 December
    assert queries.month_plan_deadline(date(2026, 12, 1)) == date(2026, 12, 3)
    # with 2 December a holiday, the third working day is Friday 4 December
    settings.WORKBENCH_HOLIDAYS = "2026-12-02"
    assert queries.month_plan_deadline(date(2026, 12, 1)) == date(2026, 12, 4)
    # with the first working day as the deadline
    settings.WORKBENCH_MONTH_PLAN_DEADLINE_WORKING_DAY = 1
    assert queries.month_plan_deadline(date(2026, 12, 1)) == date(2026, 12, 1)


def test_next_weeks_days_are_due_on_the_friday_before():
    assert queries.week_days_deadline(date(2026, 12, 7)) == date(2026, 12, 4)


def test_the_team_states(plan, customer_manager, colleague, market_manager):
    # given CM1's plan first submitted on 4 December (one day late), split next week on Friday 4 December;
    # CM2 has no plan
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    plan.first_submitted_at = datetime(2026, 12, 4, 9, 0, tzinfo=SHANGHAI)
    plan.save()
    WeekSplit.objects.create(
        plan=plan, week_start=date(2026, 12, 7), split_at=datetime(2026, 12, 4, 17, 0, tzinfo=SHANGHAI)
    )

    # when his market manager looks on Saturday 5 December
    rows = queries.team_states(market_manager.user, MONTH, date(2026, 12, 5))

    # then CM1 is submitted and late, next week split on time; CM2 has nothing and is late on both
    assert [
        (row.staff.code, row.state, row.version_number, row.is_late, row.next_week_split_on, row.next_week_is_late)
        for row in rows
    ] == [
        ("CM1", "submitted", 1, True, date(2026, 12, 4), False),
        ("CM2", None, None, True, None, True),
    ]


def test_splitting_a_week_into_days(plan, customer_manager):
    # when CM1 puts his first-week task on Wednesday 2 December
    services.split_week(plan=plan, user=customer_manager.user, week_start=FIRST_WEEK, days={1: date(2026, 12, 2)})

    # then the task has its day and the week is recorded as split
    item = plan.working_version().items.get()
    assert item.day == date(2026, 12, 2)
    assert WeekSplit.objects.filter(plan=plan, week_start=FIRST_WEEK).count() == 1


@pytest.mark.parametrize(
    ("link", "is_refused"),
    [
        ("/analysis/distribution-rate/?scope=CM1", False),
        ("", False),
        ("https://example.com/", True),
        ("//example.com/", True),
        ("/\\\\example.com/", True),
        ("javascript:alert(1)", True),
    ],
)
def test_a_problem_link_is_a_page_of_the_platform(link, is_refused):
    from django.core.exceptions import ValidationError

    from workbench.planning.models import check_local_link

    if is_refused:
        with pytest.raises(ValidationError):
            check_local_link(link)
    else:
        check_local_link(link)


def test_saving_an_approved_plan_unchanged_starts_no_version(plan, customer_manager, market_manager):
    # given CM1's plan approved as version 1
    bring_to(plan, ReviewState.APPROVED, customer_manager, market_manager)
    version = plan.latest_version()
    before = testing.rows(PlanVersion, PlanItem, ReviewEvent)()

    # when he saves it as it is, then it is refused and nothing changed
    with pytest.raises(reviews.TransitionRefused):
        services.save_plan(
            plan=plan,
            user=customer_manager.user,
            version=version.version,
            content=content(one_task(line=1)),
        )
    assert testing.rows(PlanVersion, PlanItem, ReviewEvent)() == before
