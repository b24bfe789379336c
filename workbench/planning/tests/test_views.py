"""What the 计划 screens do: a customer manager writes and submits his plan, his market manager returns it, he fixes
and resubmits it, it is approved, he splits a week into days; what each page shows, with exact values."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.planning import services
from workbench.planning.models import MonthlyPlan, PlanItem
from workbench.planning.tests.conftest import FIRST_WEEK, MONTH, content, one_task
from workbench.reviews.models import ReviewEvent

SECOND_WEEK = date(2026, 12, 7)


def editor_data(version, *, summary, items, problems=()):
    """The editor's POST: the head, the problems and the tasks formsets."""
    data = {"version": str(version), "summary": summary}
    data |= {"problems-TOTAL_FORMS": str(len(problems)), "problems-INITIAL_FORMS": "0"}
    for index, problem in enumerate(problems):
        data |= {f"problems-{index}-{name}": value for name, value in problem.items()}
    data |= {"items-TOTAL_FORMS": str(len(items)), "items-INITIAL_FORMS": "0"}
    for index, item in enumerate(items):
        data |= {f"items-{index}-{name}": value for name, value in item.items()}
    return data


@pytest.mark.django_db
def test_write_submit_return_fix_resubmit_approve_and_split(client, customer_manager, market_manager, customers):
    # given CM1 who starts his plan of December 2026
    testing.login(client, customer_manager)
    response = client.post(reverse("planning:monthlyplan_start"), {"month": "2026-12"})
    plan = MonthlyPlan.objects.get(owner=customer_manager, month=MONTH)
    assert response.url == reverse("planning:monthlyplan_edit", args=[plan.pk])

    # when he writes one problem and one visit and saves
    problem = {
        "key_point": "brand",
        "title": "七匹狼(软通泰)铺货率只有35%",
        "report_url": "/analysis/distribution-rate/?scope=CM1&from=2026-11-01&to=2026-11-30",
        "cause": "两家店未进货",
        "actions": "逐店推荐",
    }
    visit = {
        "kind": "visit",
        "description": "拜访玄武食杂店",
        "week_start": FIRST_WEEK.isoformat(),
        "customer": customers["c1"].pk,
    }
    response = client.post(
        reverse("planning:monthlyplan_edit", args=[plan.pk]),
        editor_data(1, summary="提升铺货率", items=[visit], problems=[problem]),
    )
    assert response.status_code == 302

    # then the plan page shows them, the problem linked to its report
    page = client.get(reverse("planning:monthlyplan_detail", args=[plan.pk])).content.decode()
    assert 'href="/analysis/distribution-rate/?scope=CM1&amp;from=2026-11-01&amp;to=2026-11-30"' in page
    assert "拜访玄武食杂店" in page

    # when he submits it
    version = plan.latest_version()
    client.post(reverse("planning:monthlyplan_submit", args=[plan.pk]), {"version": version.version})
    version.refresh_from_db()
    assert version.review_state == "submitted"

    # and his market manager returns it with a comment
    testing.login(client, market_manager)
    review_url = reverse("planning:monthlyplan_review", args=[plan.pk])
    response = client.post(review_url, {"version": version.version, "decision": "returned", "comment": "请加品牌推广"})
    assert response.url == reverse("planning:team_states")
    version.refresh_from_db()
    assert (version.review_state, version.return_comment, version.decided_by) == (
        "returned",
        "请加品牌推广",
        market_manager,
    )

    # when CM1 reads it, fixes it and resubmits it
    testing.login(client, customer_manager)
    page = client.get(reverse("planning:monthlyplan_detail", args=[plan.pk])).content.decode()
    assert "请加品牌推广" in page
    promotion = {"kind": "brand_promotion", "description": "七匹狼店内推广", "week_start": SECOND_WEEK.isoformat()}
    client.post(
        reverse("planning:monthlyplan_edit", args=[plan.pk]),
        editor_data(
            version.version, summary="提升铺货率", items=[visit | {"line": "1"}, promotion], problems=[problem]
        ),
    )
    version.refresh_from_db()
    client.post(reverse("planning:monthlyplan_submit", args=[plan.pk]), {"version": version.version})

    # and his market manager approves it
    testing.login(client, market_manager)
    version.refresh_from_db()
    client.post(review_url, {"version": version.version, "decision": "approved", "comment": ""})
    plan.refresh_from_db()
    assert plan.in_force == version
    assert version.number == 1

    # when CM1 puts the second week's promotion on Wednesday 9 December
    testing.login(client, customer_manager)
    days_url = reverse("planning:monthlyplan_days", args=[plan.pk])
    response = client.post(days_url, {"week": SECOND_WEEK.isoformat(), "day_2": "2026-12-09"})
    assert response.status_code == 302

    # then the task is on that day, and the history tells the whole story in order
    assert PlanItem.objects.get(version=version, line=2).day == date(2026, 12, 9)
    assert [(event.step, event.actor.code) for event in ReviewEvent.objects.of(version)] == [
        ("created", "CM1"),
        ("edited", "CM1"),
        ("submitted", "CM1"),
        ("returned", "MM1"),
        ("edited", "CM1"),
        ("submitted", "CM1"),
        ("approved", "MM1"),
    ]
    history = client.get(reverse("planning:monthlyplan_history", args=[plan.pk])).content.decode()
    assert "请加品牌推广" in history
    assert "七匹狼店内推广" in history


@pytest.mark.django_db
def test_the_editor_keeps_the_input_of_a_stale_save(client, plan, customer_manager):
    # given CM1's plan saved in another tab since this form was loaded (version 1 is old)
    testing.login(client, customer_manager)
    task = {"kind": "visit", "description": "新任务", "week_start": FIRST_WEEK.isoformat()}

    # when he saves the old form
    response = client.post(
        reverse("planning:monthlyplan_edit", args=[plan.pk]), editor_data(1, summary="旧页面", items=[task])
    )

    # then it is refused, the page keeps what he typed, and nothing was saved
    assert response.status_code == 200
    assert "旧页面" in response.content.decode()
    assert [item.description for item in plan.latest_version().items.all()] == ["拜访玄武食杂店"]


@pytest.mark.django_db
def test_a_problem_link_must_stay_on_the_platform(client, plan, customer_manager):
    testing.login(client, customer_manager)
    problem = {"key_point": "customer", "title": "问题", "report_url": "https://example.com/x"}
    response = client.post(
        reverse("planning:monthlyplan_edit", args=[plan.pk]), editor_data(2, summary="", items=[], problems=[problem])
    )
    assert response.status_code == 200
    assert plan.latest_version().problems.count() == 0


@pytest.mark.django_db
def test_the_team_states_export(client, plan, colleague, market_manager):
    # when the market manager exports the states of December 2026
    testing.login(client, market_manager)
    response = client.get(reverse("planning:team_states_export"), {"month": "2026-12"})

    # then the sheet lists CM1 (a draft, version 1) and CM2 (no plan)
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(
        ["工号", "名称", "状态", "版本", "生效版本", "首次提交", "逾期", "下周日安排", "下周日安排逾期"]
    )
    assert [row[:5] for row in values[header + 1 :]] == [
        ["CM1", "张伟", "草稿", 1, None],
        ["CM2", "李娜", "无计划", None, None],
    ]


@pytest.mark.django_db
def test_the_cultivation_tasks_of_the_team_plan_reach_the_editor(client, market_manager, customer_manager):
    # given MM1's published team plan with one cultivation task
    brand_set = BrandSet.objects.create(owner=market_manager, name="七匹狼系列")
    team_plan = services.start_team_plan(user=market_manager.user, month=MONTH)
    services.save_team_plan(
        plan=team_plan,
        user=market_manager.user,
        version=1,
        content=services.TeamPlanContent(
            customer_points="",
            brand_points="七匹狼铺货",
            market_points="",
            tasks=[
                {
                    "title": "七匹狼培育",
                    "brand_set": brand_set,
                    "customer_set": None,
                    "starts_on": date(2026, 12, 1),
                    "ends_on": date(2026, 12, 31),
                }
            ],
            weeks={FIRST_WEEK: "周一例会"},
            publish=True,
        ),
    )
    plan = services.start_plan(user=customer_manager.user, month=MONTH)

    # when CM1 opens his editor, then he may take the task
    testing.login(client, customer_manager)
    page = client.get(reverse("planning:monthlyplan_edit", args=[plan.pk])).content.decode()
    assert "七匹狼培育" in page


# Who appears on the team plan states page: the active customer managers each persona sees.
TEAM_ROWS = {
    "customer_manager": ["CM1"],
    "colleague": ["CM2"],
    "market_manager": ["CM1", "CM2"],
    "outsider": ["CM3"],
    "leader": ["CM1", "CM2", "CM3"],
    "brand_manager": ["CM1", "CM2", "CM3"],
    "admin_staff": ["CM1", "CM2", "CM3"],
}


@pytest.mark.django_db
@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_who_is_on_the_team_states_page(request, client, persona, plan, colleague, outsider):
    # given every persona (CM1 with his plan of December 2026)
    staff = testing.login_as(client, request, persona)

    # when he opens the team's plan states of December 2026
    response = client.get(reverse("planning:team_states"), {"month": "2026-12"})

    # then he sees the customer managers of his scope, CM1's plan where he sees it
    assert [row.staff.code for row in response.context["rows"]] == TEAM_ROWS[persona]
    states = {row.staff.code: row.state for row in response.context["rows"]}
    assert states.get("CM1", "absent") == ("draft" if "CM1" in TEAM_ROWS[persona] else "absent")
    assert staff is not None


@pytest.mark.django_db
def test_the_team_states_page_does_not_grow_with_the_team(client, org, plan, market_manager, django_assert_num_queries):
    # given a team of eleven customer managers, one with a plan
    for number in range(10):
        other = testing.make_staff(f"CMX{number}", "customer_manager", org["team1"])
        services.start_plan(user=other.user, month=MONTH)
    testing.login(client, market_manager)

    # then the page costs the same few queries: session, user, staff, his org unit, managers, plans, their
    # versions, the next week's splits
    with django_assert_num_queries(8):
        response = client.get(reverse("planning:team_states"), {"month": "2026-12"})
    assert len(response.context["rows"]) == 11


@pytest.mark.django_db
def test_the_plan_page_query_count(client, plan, customer_manager, customers, django_assert_num_queries):
    # given CM1's plan with six tasks, for his two customers, in two weeks
    tasks = [
        one_task(f"任务{number}", week=(FIRST_WEEK, SECOND_WEEK)[number % 2], customer=customers[f"c{number % 2 + 1}"])
        for number in range(6)
    ]
    services.save_plan(plan=plan, user=customer_manager.user, version=2, content=content(*tasks))
    testing.login(client, customer_manager)

    # then its page reads a fixed number of queries, whatever the number of tasks (+ 3 for the targets panel: the
    # sales target, the improvement targets and their count; + 6 for the visit plan panel: visitplans.month's
    # team_visit_plans for the plan's owner, who has no visit plan here)
    with django_assert_num_queries(12 + 3 + 6):
        response = client.get(reverse("planning:monthlyplan_detail", args=[plan.pk]))
    assert response.status_code == 200
