"""/api/v1/plans/: the plan states of a month, one plan with its versions and history, the tasks of a period (the
phone's list), the team plans; exact values on a hand-built plan, the same as its screens show."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workbench.api.services import create_token
from workbench.planning import services
from workbench.planning.models import PlanItem
from workbench.planning.tests.conftest import FIRST_WEEK, MONTH, content, one_task

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 12, 2, 10, 0, tzinfo=SHANGHAI)  # a Wednesday, before the deadline of 3 December
SECOND_WEEK = date(2026, 12, 7)
PROBLEM = {
    "line": None,
    "key_point": "brand",
    "title": "七匹狼(软通泰)铺货率只有35%",
    "report_url": "/analysis/distribution-rate/?scope=CM1&from=2026-11-01&to=2026-11-30",
    "cause": "两家店未进货",
    "actions": "逐店推荐",
}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def key(customer_manager):
    """A token of CM1."""
    _token, key = create_token(user=customer_manager.user, name="phone")
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


@pytest.fixture
def revised(customer_manager, market_manager, customers):
    """CM1's December plan: version 1 (a problem, a visit of C001 in the first week) submitted and approved by MM1,
    its visit put on 1 December and done; then version 2, a draft adding a meeting in the second week."""
    user = customer_manager.user
    plan = services.start_plan(user=user, month=MONTH)
    visit = one_task(customer=customers["c1"])
    services.save_plan(plan=plan, user=user, version=1, content=content(visit, problems=[PROBLEM]))
    version = plan.latest_version()
    services.submit_plan(plan=plan, user=user, version=version.version)
    version.refresh_from_db()
    services.decide_plan(plan=plan, user=market_manager.user, version=version.version, decision="approved")
    plan.refresh_from_db()
    services.split_week(plan=plan, user=user, week_start=FIRST_WEEK, days={1: date(2026, 12, 1)})
    PlanItem.objects.filter(version=version, line=1).update(is_done=True)  # ticked by 实施
    meeting = {**one_task("市场部例会", week=SECOND_WEEK), "kind": "meeting"}
    version.refresh_from_db()
    services.save_plan(
        plan=plan,
        user=user,
        version=version.version,
        content=content({**visit, "line": 1}, meeting, problems=[{**PROBLEM, "line": 1}]),
    )
    return plan


VISIT = {
    "line": 1,
    "kind": "visit",
    "description": "拜访玄武食杂店",
    "customer": {"code": "C001", "name": "玄武食杂店"},
    "customer_set": None,
    "week": "2026-11-30",
    "day": "2026-12-01",
    "is_done": True,
}
MEETING = {
    "line": 2,
    "kind": "meeting",
    "description": "市场部例会",
    "customer": None,
    "customer_set": None,
    "week": "2026-12-07",
    "day": None,
    "is_done": False,
}
THE_PROBLEM = {key: value for key, value in PROBLEM.items() if key != "line"} | {"line": 1}
AT = "2026-12-02T10:00:00+08:00"


def test_the_month_lists_every_manager_in_scope_with_his_plan_state(client, revised, market_manager, colleague):
    # given MM1, who sees CM1 (a plan in force, v2 a draft) and CM2 (no plan)
    client.force_login(market_manager.user)

    # when
    response = client.get("/api/v1/plans/monthly", {"month": "2026-12"}, **ENGLISH)

    # then: the team states page's rows; next week (7 December) not split yet, and its deadline (4 December) to come
    assert response.status_code == 200
    assert response.json() == {
        "month": "2026-12",
        "deadline": "2026-12-03",
        "plans": [
            {
                "plan_id": revised.pk,
                "owner": {"code": "CM1", "name": "张伟"},
                "state": "draft",
                "newest_version": 2,
                "in_force_version": 1,
                "working_version": 1,
                "first_submitted_on": "2026-12-02",
                "is_late": False,
                "next_week_split_on": None,
                "next_week_is_late": False,
            },
            {
                "plan_id": None,
                "owner": {"code": "CM2", "name": "李娜"},
                "state": None,
                "newest_version": None,
                "in_force_version": None,
                "working_version": None,
                "first_submitted_on": None,
                "is_late": False,
                "next_week_split_on": None,
                "next_week_is_late": False,
            },
        ],
        "paging": {"page": 1, "page_size": 1000, "count": 2, "pages": 1},
    }


def test_one_plan_holds_its_newest_version_the_version_in_force_and_the_history(client, revised, key):
    # given / when
    response = client.get(f"/api/v1/plans/monthly/{revised.pk}", **bearer(key))

    # then
    assert response.status_code == 200
    answer = response.json()
    history = answer.pop("history")
    assert answer == {
        "id": revised.pk,
        "owner": {"code": "CM1", "name": "张伟"},
        "month": "2026-12",
        "deadline": "2026-12-03",
        "first_submitted_on": "2026-12-02",
        "is_late": False,
        "working_version": 1,
        "newest": {
            "number": 2,
            "state": "draft",
            "submitted_at": None,
            "decided_at": None,
            "decided_by": None,
            "return_comment": "",
            "summary": "本月重点：提升七匹狼铺货率",
            "problems": [THE_PROBLEM],
            # The new version starts with the day and the done tick of the task it keeps.
            "items": [VISIT, MEETING],
            "taken_tasks": [],
        },
        "in_force": {
            "number": 1,
            "state": "approved",
            "submitted_at": AT,
            "decided_at": AT,
            "decided_by": {"code": "MM1", "name": "王强"},
            "return_comment": "",
            "summary": "本月重点：提升七匹狼铺货率",
            "problems": [THE_PROBLEM],
            "items": [VISIT],
            "taken_tasks": [],
        },
    }
    assert [(event["version"], event["step"], event["by"]["code"], event["state_after"]) for event in history] == [
        (1, "created", "CM1", "draft"),
        (1, "edited", "CM1", "draft"),
        (1, "submitted", "CM1", "submitted"),
        (1, "approved", "MM1", "approved"),
        (2, "revised", "CM1", "draft"),
        (2, "edited", "CM1", "draft"),
    ]
    assert history[-1] == {
        "version": 2,
        "step": "edited",
        "by": {"code": "CM1", "name": "张伟"},
        "at": AT,
        "state_after": "draft",
        "comment": "",
        "changes": [{"what": "Task", "change": "added", "label": "市场部例会", "fields": []}],
    }


def test_the_phone_lists_the_tasks_of_a_day_and_of_a_week(client, revised, key):
    # given CM1's working version (v1, in force): the visit on 1 December; v2's meeting is not in force yet
    # when: his day of 1 December, then the week of 7 December
    day = client.get("/api/v1/plans/items", {"from": "2026-12-01", "to": "2026-12-01"}, **bearer(key))
    week = client.get("/api/v1/plans/items", {"from": "2026-12-07", "to": "2026-12-13"}, **bearer(key))

    # then
    assert day.json() == {
        "staff": {"code": "CM1", "name": "张伟"},
        "from": "2026-12-01",
        "to": "2026-12-01",
        "items": [{"plan_id": revised.pk, "version": 1, **VISIT}],
        "paging": {"page": 1, "page_size": 1000, "count": 1, "pages": 1},
    }
    assert week.json()["items"] == []


def test_a_task_without_a_day_is_listed_in_every_day_of_its_week(client, customer_manager, key):
    # given CM1's draft plan with one visit in the first week, on no day yet
    plan = services.start_plan(user=customer_manager.user, month=MONTH)
    services.save_plan(plan=plan, user=customer_manager.user, version=1, content=content(one_task()))

    # when: Thursday 3 December, and Monday 7 December
    inside = client.get("/api/v1/plans/items", {"from": "2026-12-03", "to": "2026-12-03"}, **bearer(key))
    after = client.get("/api/v1/plans/items", {"from": "2026-12-07", "to": "2026-12-07"}, **bearer(key))

    # then: the draft is the working version while none is approved
    assert [(item["version"], item["description"], item["day"]) for item in inside.json()["items"]] == [
        (1, "拜访玄武食杂店", None)
    ]
    assert after.json()["items"] == []


def test_a_market_manager_reads_his_managers_tasks_but_not_another_teams(client, revised, market_manager, outsider):
    # given MM1
    client.force_login(market_manager.user)
    data = {"from": "2026-11-30", "to": "2026-12-13"}

    # when
    mine = client.get("/api/v1/plans/items", {**data, "staff": "CM1"}, **ENGLISH)
    other = client.get("/api/v1/plans/items", {**data, "staff": "CM3"}, **ENGLISH)

    # then
    assert [item["description"] for item in mine.json()["items"]] == ["拜访玄武食杂店"]
    assert other.status_code == 404
    assert other.json() == {"error": {"message": "Unknown staff member “CM3”, or outside your scope.", "field": None}}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"to": "2026-12-01"}, "from", "Give the start date (from)."),
        ({"from": "2026-12-01"}, "to", "Give the end date (to)."),
        ({"from": "2026-12-32", "to": "2026-12-31"}, "from", "“2026-12-32” is not a date (use YYYY-MM-DD)."),
        ({"from": "2020-01-01", "to": "2025-01-01"}, "to", "The period may span at most 5 years."),
        ({"from": "2026-12-01", "to": "2026-12-01", "page_size": "1001"}, "page_size", None),
    ],
)
def test_a_bad_period_is_a_400_naming_the_field(client, customer_manager, key, data, field, message):
    # given / when
    response = client.get("/api/v1/plans/items", data, **bearer(key))

    # then
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["field"] == field
    if message:
        assert error["message"] == message


@pytest.mark.parametrize("month", ["2026-13", "1899-12", "2026-1", "december", "2026-12-01"])
def test_a_bad_month_is_a_400_naming_it(client, customer_manager, key, month):
    # given / when
    response = client.get("/api/v1/plans/monthly", {"month": month}, **bearer(key))

    # then
    assert response.status_code == 400
    assert response.json() == {"error": {"message": f"“{month}” is not a month (use YYYY-MM).", "field": "month"}}


def test_the_team_plans_hold_tasks_weeks_and_comments(client, market_manager, leader, customer_manager, key, org):
    # given MM1's published December plan with a cultivation task and a week, and a leader's comment on it
    from workbench.catalog.models import BrandSet
    from workbench.testing import make_spec

    brand_set = BrandSet.objects.create(owner=market_manager, name="培育规格", shared_with=org["team1"])
    brand_set.specs.set([make_spec("6901028000009", "七匹狼(软通泰)", brand="七匹狼")])
    plan = services.start_team_plan(user=market_manager.user, month=MONTH)
    task = {
        "title": "七匹狼(软通泰)进店",
        "brand_set": brand_set,
        "customer_set": None,
        "starts_on": date(2026, 12, 1),
        "ends_on": date(2026, 12, 20),
    }
    services.save_team_plan(
        plan=plan,
        user=market_manager.user,
        version=plan.version,
        content=services.TeamPlanContent(
            customer_points="",
            brand_points="七匹狼(软通泰)铺货率提升到60%",
            market_points="",
            tasks=[task],
            weeks={SECOND_WEEK: "逐店推荐七匹狼"},
            publish=True,
        ),
    )
    services.comment_team_plan(plan=plan, user=leader.user, text="注意终端陈列")

    # when CM1 reads his team's plans
    response = client.get("/api/v1/plans/team", {"month": "2026-12"}, **bearer(key))

    # then
    answer = response.json()
    assert answer["paging"] == {"page": 1, "page_size": 1000, "count": 1, "pages": 1}
    (team_plan,) = answer["team_plans"]
    assert team_plan == {
        "id": plan.pk,
        "team": {"code": "T1", "name": "玄武市场部"},
        "author": {"code": "MM1", "name": "王强"},
        "published_at": AT,
        "customer_points": "",
        "brand_points": "七匹狼(软通泰)铺货率提升到60%",
        "market_points": "",
        "tasks": [
            {
                "id": plan.tasks.get().pk,
                "title": "七匹狼(软通泰)进店",
                "brand_set": {"id": brand_set.pk, "name": "培育规格"},
                "customer_set": None,
                "from": "2026-12-01",
                "to": "2026-12-20",
            }
        ],
        "weeks": [{"week": "2026-12-07", "text": "逐店推荐七匹狼"}],
        "comments": [{"by": {"code": "LD1", "name": "刘总"}, "at": AT, "text": "注意终端陈列"}],
    }


def test_the_month_costs_the_same_queries_whatever_the_team(client, revised, market_manager, django_assert_num_queries):
    # given MM1's session
    client.force_login(market_manager.user)

    # when / then: the session, the user, his staff record and its unit, then team_states' four reads (the
    # managers, their plans, the plans' versions, the week splits), however many managers he has
    with django_assert_num_queries(8):
        client.get("/api/v1/plans/monthly", {"month": "2026-12"}, **ENGLISH)
