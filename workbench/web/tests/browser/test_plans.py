"""In a browser: a customer manager writes and submits his month's plan; his market manager returns it with a
comment, and the customer manager reads the comment on his plan."""

import pytest
from django.utils import timezone

from workbench.lib.periods import first_of_month, weeks_of_month
from workbench.planning import services
from workbench.planning.models import MonthlyPlan

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_customer_manager_writes_and_submits_his_plan(screen, customer_manager, market_manager, customers):
    # given CM1, who has no plan this month (the live server reads the real clock)
    screen.log_in(customer_manager)
    page = screen.page
    month = first_of_month(timezone.localdate())

    # when he opens his month's plan and starts it
    screen.visit("/planning/month/")
    screen.assert_fits("plan-start")
    with page.expect_navigation():
        page.get_by_role("button", name="开始制订我的计划").click()
    screen.assert_no_problems()
    plan = MonthlyPlan.objects.get(owner=customer_manager, month=month)
    assert screen.path() == f"/planning/plans/{plan.pk}/edit/"
    screen.assert_fits("plan-editor")
    screen.screenshot("plan-editor")

    # and writes one problem and one visit in the first week, and saves
    page.locator("#id_summary").fill("本月重点：提升铺货率")
    page.locator("#id_problems-0-key_point").select_option("brand")
    page.locator("#id_problems-0-title").fill("七匹狼铺货率偏低")
    page.locator("#id_problems-0-report_url").fill("/analysis/distribution-rate/?scope=CM1")
    page.locator("#id_items-0-kind").select_option("visit")
    page.locator("#id_items-0-description").fill("拜访玄武食杂店")
    first_week = weeks_of_month(month)[0].start.isoformat()
    page.locator("#id_items-0-week_start").select_option(first_week)
    page.locator("#id_items-0-customer").select_option(str(customers["c1"].pk))
    with page.expect_navigation():
        page.get_by_role("button", name="保存", exact=True).click()
    screen.assert_no_problems()

    # then his plan page shows the problem and the task, as a draft
    assert screen.path() == f"/planning/plans/{plan.pk}/"
    assert page.locator(".messages").inner_text() == "计划已保存。"
    assert page.locator(".plan-facts .state").inner_text() == "草稿"
    assert (
        page.get_by_role("link", name="七匹狼铺货率偏低").get_attribute("href")
        == "/analysis/distribution-rate/?scope=CM1"
    )
    assert "拜访玄武食杂店" in page.locator("#weeks ~ ul.plan-cards").first.inner_text()
    screen.assert_fits("plan-page")
    screen.screenshot("plan-page")

    # when he submits it
    with page.expect_navigation():
        page.get_by_role("button", name="提交审核").click()
    screen.assert_no_problems()

    # then it waits for his market manager, and the submit button is gone
    assert page.locator(".messages").inner_text() == "计划已提交给您的市场经理。"
    assert page.locator(".plan-facts .state").inner_text() == "已提交"
    assert page.get_by_role("button", name="提交审核").count() == 0
    assert plan.latest_version().review_state == "submitted"


def test_a_market_manager_returns_a_plan_with_a_comment(screen, customer_manager, market_manager, customers):
    # given CM1's plan of this month, submitted with one task
    month = first_of_month(timezone.localdate())
    plan = services.start_plan(user=customer_manager.user, month=month)
    task = {
        "line": None,
        "kind": "visit",
        "description": "拜访长江便利店",
        "customer_id": customers["c2"].pk,
        "customer_set_id": None,
        "week_start": weeks_of_month(month)[0].start,
    }
    content = services.PlanContent(summary="", problems=[], items=[task], taken_task_ids=frozenset())
    services.save_plan(plan=plan, user=customer_manager.user, version=1, content=content)
    services.submit_plan(plan=plan, user=customer_manager.user, version=2)

    # when his market manager opens the team's plan states
    screen.log_in(market_manager)
    page = screen.page
    assert "1 份计划等待您审核" in page.locator(".home-plans").inner_text()
    screen.visit("/planning/team/")
    screen.assert_fits("team-plan-states")
    screen.screenshot("team-plan-states")
    row = page.locator(".team-states > li").first
    assert row.locator("strong").inner_text() == "张伟"
    assert row.locator(".state").inner_text() == "已提交"

    # and reviews CM1's plan: returns it with a comment
    with page.expect_navigation():
        row.get_by_role("link", name="审核").click()
    screen.assert_no_problems()
    screen.assert_fits("plan-review")
    page.get_by_label("退回修改").check()
    page.locator("#id_comment").fill("请补充品牌推广任务")
    with page.expect_navigation():
        page.get_by_role("button", name="提交审核结果").click()
    screen.assert_no_problems()

    # then the team page says so and the plan is returned, with his comment in its history
    assert page.locator(".messages").inner_text() == "计划已连同您的意见退回。"
    assert page.locator(".team-states > li").first.locator(".state").inner_text() == "已退回"
    version = plan.latest_version()
    assert (version.review_state, version.return_comment) == ("returned", "请补充品牌推广任务")
    screen.visit(f"/planning/plans/{plan.pk}/history/")
    assert "请补充品牌推广任务" in page.locator(".history").inner_text()
    screen.assert_fits("plan-history")
