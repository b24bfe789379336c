"""The role × endpoint matrix of /api/v1/plans/ and /api/v1/targets/ (docs/testing.md#the-access-matrix): every
persona's exact status; the anonymous caller gets the JSON 401, what lies outside one's scope a JSON 404, a write
one may not make a JSON 403 that changes nothing."""

from datetime import date

import pytest

from workbench import testing
from workbench.planning import services
from workbench.planning.models import PlanItem
from workbench.planning.tests.conftest import MONTH, content, one_task

EVERY_STAFF_MEMBER = {name: 200 for name in testing.STAFF_PERSONAS} | {"anonymous": 401}
# CM1's plan and tasks: seen by him and by everyone above him, not by his colleague nor by team T2.
SEES_CM1 = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 401,
}
DECEMBER = {"month": "2026-12"}
FIRST_WEEK = {"from": "2026-11-30", "to": "2026-12-06"}


@pytest.fixture
def plan(customer_manager, customers):
    """CM1's December plan, a draft with one visit of C001."""
    plan = services.start_plan(user=customer_manager.user, month=MONTH)
    services.save_plan(
        plan=plan, user=customer_manager.user, version=1, content=content(one_task(customer=customers["c1"]))
    )
    return plan


@pytest.fixture
def team_plan(market_manager):
    """MM1's published December plan for team T1."""
    plan = services.start_team_plan(user=market_manager.user, month=date(2026, 12, 1))
    plan.is_published = True
    plan.save()
    return plan


test_monthly_plans_access = testing.view_matrix("/api/v1/plans/monthly", EVERY_STAFF_MEMBER, data=DECEMBER)
test_monthly_plan_access = testing.view_matrix(lambda plan: f"/api/v1/plans/monthly/{plan.pk}", SEES_CM1)
# One's own tasks: everyone with a staff record has some, or none.
test_own_plan_items_access = testing.view_matrix("/api/v1/plans/items", EVERY_STAFF_MEMBER, data=FIRST_WEEK)
test_plan_items_of_cm1_access = testing.view_matrix(
    "/api/v1/plans/items", SEES_CM1, data=lambda plan: FIRST_WEEK | {"staff": "CM1"}
)
# Ticking a task of CM1's plan done: his alone; a denied tick changes nothing (a form post, as a browser's).
test_tick_access = testing.view_matrix(
    lambda plan: f"/api/v1/plans/monthly/{plan.pk}/tick",
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 403,
        "outsider": 404,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 401,
    },
    method="post",
    data={"version": "1", "line": "1", "done": "true"},
    snapshot=testing.rows(PlanItem),
)
test_team_plans_access = testing.view_matrix("/api/v1/plans/team", EVERY_STAFF_MEMBER, data=lambda team_plan: DECEMBER)
test_sales_targets_access = testing.view_matrix("/api/v1/targets/sales", EVERY_STAFF_MEMBER, data=DECEMBER)
test_improvement_targets_access = testing.view_matrix("/api/v1/targets/improvement", EVERY_STAFF_MEMBER, data=DECEMBER)
test_kpi_targets_access = testing.view_matrix("/api/v1/targets/kpi", EVERY_STAFF_MEMBER)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "seen"),
    [
        ("customer_manager", ["CM1"]),
        ("colleague", ["CM2"]),
        ("market_manager", ["CM1", "CM2"]),
        ("outsider", ["CM3"]),
        ("leader", ["CM1", "CM2", "CM3"]),
        ("admin_staff", ["CM1", "CM2", "CM3"]),
    ],
)
def test_each_persona_lists_the_managers_of_his_scope(client, request, customers, plan, persona, seen):
    # given / when
    testing.login_as(client, request, persona)
    plans = client.get("/api/v1/plans/monthly", DECEMBER).json()["plans"]
    sales = client.get("/api/v1/targets/sales", DECEMBER).json()["rows"]

    # then: the same managers in both lists, CM1 with his plan
    assert [row["owner"]["code"] for row in plans] == seen
    assert [row["staff"]["code"] for row in sales] == seen
    assert [row["plan_id"] for row in plans if row["owner"]["code"] == "CM1"] == ([plan.pk] if "CM1" in seen else [])


@pytest.mark.django_db
def test_the_team_plan_is_read_by_its_team_not_by_another(client, team_plan, customer_manager, outsider):
    # given / when
    testing.login(client, customer_manager)
    mine = client.get("/api/v1/plans/team", DECEMBER).json()["team_plans"]
    testing.login(client, outsider)
    other = client.get("/api/v1/plans/team", DECEMBER).json()["team_plans"]

    # then
    assert [plan["id"] for plan in mine] == [team_plan.pk]
    assert other == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/plans/monthly",
        "/api/v1/plans/items",
        "/api/v1/plans/team",
        "/api/v1/targets/sales",
        "/api/v1/targets/improvement",
        "/api/v1/targets/kpi",
    ],
)
def test_every_endpoint_is_get_only_and_changes_nothing(client, customer_manager, plan, path):
    # given
    testing.login(client, customer_manager)
    before = testing.rows(type(plan))()

    # when
    response = client.post(path, {"month": "2026-12"})

    # then
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert testing.rows(type(plan))() == before
