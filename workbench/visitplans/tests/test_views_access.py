"""The role × view matrix of every visit plan screen (docs/testing.md#the-access-matrix)."""

from datetime import date

import pytest
from django.urls import reverse

from workbench import testing
from workbench.visitplans import editing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanEvent

plan_rows = testing.rows(VisitPlan, PlannedVisit, VisitPlanEvent)

EVERY_STAFF_MEMBER = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
# Starting or proposing one's own plan: every customer manager (each his own), nobody else.
STARTS_HIS_OWN = {
    "customer_manager": 302,
    "colleague": 302,
    "market_manager": 403,
    "outsider": 302,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
# CM1's plan: seen by him and by everyone above him, not by his colleague nor by team T2.
SEES_THE_PLAN = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
# Changing CM1's plan: his alone.
WRITES_THE_PLAN = {
    "customer_manager": 302,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
POST_ONLY = {
    "customer_manager": 405,
    "colleague": 405,
    "market_manager": 405,
    "outsider": 405,
    "leader": 405,
    "brand_manager": 405,
    "admin_staff": 405,
    "anonymous": 302,
}


@pytest.fixture
def plan(customer_manager, customers):
    """CM1's draft visit plan of December 2026 with C001 on 1 December."""
    plan = editing.plan_for(customer_manager, date(2026, 12, 1), create=True)
    PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 12, 1))
    return plan


def plan_url(name):
    return lambda plan: reverse(f"visitplans:{name}", args=[plan.pk])


test_mine_access = testing.view_matrix(reverse("visitplans:visitplan_mine"), EVERY_STAFF_MEMBER)
test_team_access = testing.view_matrix(reverse("visitplans:team_visitplans"), EVERY_STAFF_MEMBER)
test_team_export_access = testing.view_matrix(reverse("visitplans:team_visitplans_export"), EVERY_STAFF_MEMBER)
test_detail_access = testing.view_matrix(plan_url("visitplan_detail"), SEES_THE_PLAN)
test_export_access = testing.view_matrix(plan_url("visitplan_export"), SEES_THE_PLAN)

test_start_access = testing.view_matrix(
    reverse("visitplans:visitplan_start"), STARTS_HIS_OWN, method="post", data={"month": "2026-12"}, snapshot=plan_rows
)
test_propose_access = testing.view_matrix(
    reverse("visitplans:visitplan_propose"),
    STARTS_HIS_OWN,
    method="post",
    data=lambda customers: {"month": "2026-12"},
    snapshot=plan_rows,
)
test_repropose_access = testing.view_matrix(
    plan_url("visitplan_repropose"), WRITES_THE_PLAN, method="post", data={}, snapshot=plan_rows
)
test_add_access = testing.view_matrix(
    plan_url("visit_add"),
    WRITES_THE_PLAN,
    method="post",
    data=lambda customers: {"customer": customers["c2"].pk, "day": "2026-12-02", "version": 1},
    snapshot=plan_rows,
)
test_commit_access = testing.view_matrix(
    plan_url("visitplan_commit"), WRITES_THE_PLAN, method="post", data={"version": 1}, snapshot=plan_rows
)
test_move_access = testing.view_matrix(
    plan_url("visit_move"),
    WRITES_THE_PLAN,
    method="post",
    data=lambda plan: {"visit": plan.visits.get().pk, "day": "2026-12-03", "version": 1},
    snapshot=plan_rows,
)
test_remove_access = testing.view_matrix(
    plan_url("visit_remove"),
    WRITES_THE_PLAN,
    method="post",
    data=lambda plan: {"visit": plan.visits.get().pk, "version": 1},
    snapshot=plan_rows,
)
test_commit_by_get_access = testing.view_matrix(plan_url("visitplan_commit"), POST_ONLY)
