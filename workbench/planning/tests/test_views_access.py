"""The role × view matrix of every 计划 screen (docs/testing.md#the-access-matrix)."""

import pytest
from django.urls import reverse

from workbench import testing
from workbench.planning import services
from workbench.planning.models import (
    MonthlyPlan,
    PlanItem,
    PlanVersion,
    TeamPlan,
    TeamPlanComment,
    WeekSplit,
)
from workbench.planning.tests.conftest import FIRST_WEEK, bring_to
from workbench.reviews.models import ReviewEvent, ReviewState

plan_rows = testing.rows(MonthlyPlan, PlanVersion, PlanItem, ReviewEvent, WeekSplit)

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
CHANGES_THE_PLAN = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
WRITES_THE_PLAN = {**CHANGES_THE_PLAN, "customer_manager": 302}
# Reviewing CM1's plan: his market manager alone.
REVIEWS_THE_PLAN = {
    "customer_manager": 403,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}


def plan_url(name):
    return lambda plan: reverse(f"planning:{name}", args=[plan.pk])


@pytest.fixture
def submitted(plan, customer_manager, market_manager):
    """CM1's plan, submitted."""
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    return plan


@pytest.fixture
def team_plan(market_manager):
    """MM1's published team plan of December 2026 for team T1."""
    plan = services.start_team_plan(user=market_manager.user, month=FIRST_WEEK.replace(month=12, day=1))
    plan.is_published = True
    plan.brand_points = "七匹狼(软通泰)铺货率提升到60%"
    plan.save()
    return plan


test_my_month_access = testing.view_matrix("/planning/month/", EVERY_STAFF_MEMBER)
# Entries of the menu that lead to the plan they name (or to "my month" without one).
LEADS_ON = {
    "customer_manager": 302,
    "colleague": 302,
    "market_manager": 302,
    "outsider": 302,
    "leader": 302,
    "brand_manager": 302,
    "admin_staff": 302,
    "anonymous": 302,
}
test_my_weeks_access = testing.view_matrix("/planning/weeks/", LEADS_ON)
test_my_days_access = testing.view_matrix("/planning/days/", LEADS_ON)
test_team_states_access = testing.view_matrix("/planning/team/", EVERY_STAFF_MEMBER)
test_team_states_export_access = testing.view_matrix("/planning/team/export/", EVERY_STAFF_MEMBER)
test_team_plans_access = testing.view_matrix("/planning/team-plan/", EVERY_STAFF_MEMBER)
test_team_weeks_access = testing.view_matrix("/planning/team-plan/weeks/", EVERY_STAFF_MEMBER)

test_start_access = testing.view_matrix(
    "/planning/month/start/",
    {
        "customer_manager": 302,  # each customer manager starts his own plan
        "colleague": 302,
        "market_manager": 403,
        "outsider": 302,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data={"month": "2026-12"},
    snapshot=plan_rows,
)
test_start_is_post_only = testing.view_matrix(
    "/planning/month/start/",
    {
        "customer_manager": 405,
        "colleague": 405,
        "market_manager": 405,
        "outsider": 405,
        "leader": 405,
        "brand_manager": 405,
        "admin_staff": 405,
        "anonymous": 302,
    },
)

test_detail_access = testing.view_matrix(plan_url("monthlyplan_detail"), SEES_THE_PLAN)
test_history_access = testing.view_matrix(plan_url("monthlyplan_history"), SEES_THE_PLAN)
test_print_access = testing.view_matrix(plan_url("monthlyplan_print"), SEES_THE_PLAN)
test_export_access = testing.view_matrix(plan_url("monthlyplan_export"), SEES_THE_PLAN)
test_days_access = testing.view_matrix(plan_url("monthlyplan_days"), SEES_THE_PLAN)
test_edit_access = testing.view_matrix(plan_url("monthlyplan_edit"), CHANGES_THE_PLAN)

test_edit_write_access = testing.view_matrix(
    plan_url("monthlyplan_edit"),
    WRITES_THE_PLAN,
    method="post",
    data={
        "version": "2",
        "summary": "改过的总结",
        "problems-TOTAL_FORMS": "0",
        "problems-INITIAL_FORMS": "0",
        "items-TOTAL_FORMS": "0",
        "items-INITIAL_FORMS": "0",
    },
    snapshot=plan_rows,
)
test_submit_access = testing.view_matrix(
    plan_url("monthlyplan_submit"), WRITES_THE_PLAN, method="post", data={"version": "2"}, snapshot=plan_rows
)
test_days_write_access = testing.view_matrix(
    plan_url("monthlyplan_days"),
    WRITES_THE_PLAN,
    method="post",
    data={"week": FIRST_WEEK.isoformat(), "day_1": "2026-12-02"},
    snapshot=plan_rows,
)
test_review_access = testing.view_matrix(
    lambda submitted: reverse("planning:monthlyplan_review", args=[submitted.pk]), REVIEWS_THE_PLAN
)
test_review_write_access = testing.view_matrix(
    lambda submitted: reverse("planning:monthlyplan_review", args=[submitted.pk]),
    {**REVIEWS_THE_PLAN, "market_manager": 302},
    method="post",
    data={"version": "3", "decision": "returned", "comment": "请补充品牌推广任务"},
    snapshot=plan_rows,
)

team_plan_rows = testing.rows(TeamPlan, TeamPlanComment)
# MM1's published team plan: his team and everyone above it.
SEES_THE_TEAM_PLAN = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
test_team_plan_detail_access = testing.view_matrix(
    lambda team_plan: reverse("planning:teamplan_detail", args=[team_plan.pk]), SEES_THE_TEAM_PLAN
)
test_team_plan_edit_access = testing.view_matrix(
    lambda team_plan: reverse("planning:teamplan_edit", args=[team_plan.pk]),
    {
        **SEES_THE_TEAM_PLAN,
        **dict.fromkeys(["customer_manager", "colleague", "leader", "brand_manager", "admin_staff"], 403),
    },
)
test_team_plan_comment_access = testing.view_matrix(
    lambda team_plan: reverse("planning:teamplan_comment", args=[team_plan.pk]),
    {
        "customer_manager": 403,
        "colleague": 403,
        "market_manager": 403,  # he writes it; the leaders above comment
        "outsider": 404,
        "leader": 302,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data={"text": "铺货目标要分解到每周"},
    snapshot=team_plan_rows,
)
test_team_plan_start_access = testing.view_matrix(
    "/planning/team-plan/start/",
    {
        "customer_manager": 403,
        "colleague": 403,
        "market_manager": 302,
        "outsider": 403,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data={"month": "2027-01"},
    snapshot=team_plan_rows,
)


def test_an_unpublished_team_plan_is_its_authors_alone(client, team_plan, customer_manager, market_manager):
    # given the team plan taken back to unpublished
    team_plan.is_published = False
    team_plan.save()
    url = reverse("planning:teamplan_detail", args=[team_plan.pk])

    # then his customer manager does not find it, and he does
    testing.login(client, customer_manager)
    assert client.get(url).status_code == 404
    testing.login(client, market_manager)
    assert client.get(url).status_code == 200


# The Excel copies: seen by whoever sees the page.
test_days_export_access = testing.view_matrix(plan_url("monthlyplan_days_export"), SEES_THE_PLAN)
test_team_plan_export_access = testing.view_matrix(
    lambda team_plan: reverse("planning:teamplan_export", args=[team_plan.pk]), SEES_THE_TEAM_PLAN
)
test_team_weeks_export_access = testing.view_matrix("/planning/team-plan/weeks/export/", EVERY_STAFF_MEMBER)
