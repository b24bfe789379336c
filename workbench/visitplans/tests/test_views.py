"""The visit plan pages: what they show on hand-built plans, and what their forms write."""

import re
from datetime import date

import pytest
import time_machine
from django.urls import reverse

from workbench import testing
from workbench.planning import services as planning
from workbench.visitplans import editing, month
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanEvent

pytestmark = pytest.mark.django_db

DECEMBER = date(2026, 12, 1)
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
# 2 December 2026, 10:00 in Beijing: the December plans' deadline (30 November, the last working day of November)
# is over.
AFTER_THE_DEADLINE = "2026-12-02 10:00 +08:00"

plan_rows = testing.rows(VisitPlan, PlannedVisit, VisitPlanEvent)


@pytest.fixture
def plan(customer_manager, customers):
    """CM1's December draft: C001 (proposed, the order day gave way) and C002 (added) on 1 December, C001 again on
    2 December."""
    plan = editing.plan_for(customer_manager, DECEMBER, create=True)
    PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 12, 1), gave_way="order_day")
    PlannedVisit.objects.create(plan=plan, customer=customers["c2"], day=date(2026, 12, 1), source="added")
    PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 12, 2))
    return plan


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def day_card(content: str, day: str) -> str:
    """The text of one day's card on the plan page."""
    start = content.index(f'id="day-{day}"')
    return text_of(content[start : content.index("</section>", start)])


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
def test_the_plan_page_shows_each_working_day_with_its_count_and_hours(client, customer_manager, plan):
    # given CM1's December plan
    testing.login(client, customer_manager)

    # when he opens it
    response = client.get(reverse("visitplans:visitplan_detail", args=[plan.pk]), **ENGLISH)

    # then each of December's 23 working days has its card; 1 December holds two visits (2 × 8 min = 0.3 h)
    content = response.content.decode()
    assert response.status_code == 200
    assert content.count('<section class="plan-day') == 23
    first = day_card(content, "2026-12-01")
    assert "2 visits · 0.3 h / 5.0 h" in first
    assert "玄武食杂店" in first
    assert "Order day gave way" in first
    assert "长江便利店" in first
    assert "Added" in first
    assert "1 visit · 0.1 h / 5.0 h" in day_card(content, "2026-12-02")
    assert "0 visits · 0.0 h / 5.0 h" in day_card(content, "2026-12-03")
    # and the facts: 3 visits of 2 customers, due by 30 November, late (not committed)
    facts = text_of(content[content.index('<dl class="plan-facts">') : content.index("</dl>")])
    assert facts == "State Draft Planned visits 3 Customers 2 Due by 2026-11-30 late"


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
def test_the_plan_page_lists_overdue_customers_with_how_late(client, customer_manager, customers):
    # given C001 last visited on 2 November (cycle 14 days), C002 never visited
    testing.make_visit(customers["c1"], date(2026, 11, 2))
    december = editing.plan_for(customer_manager, DECEMBER, create=True)
    testing.login(client, customer_manager)

    # when he opens his December plan on 2 December
    content = client.get(reverse("visitplans:visitplan_detail", args=[december.pk]), **ENGLISH).content.decode()

    # then C002 (never visited) comes first, then C001: 30 days since 2 November, 16 days past his cycle
    overdue = text_of(content[content.index('<ul class="plan-cards overdue">') : content.index("History")])
    assert overdue == (
        "长江便利店 C002 never visited cycle 14 days 玄武食杂店 C001 16 days late last visit 2026-11-02 · cycle 14 days"
    )


def test_without_a_plan_the_page_says_what_to_do(client, customer_manager, market_manager):
    # given CM1 without a plan this month
    testing.login(client, customer_manager)
    content = client.get(reverse("visitplans:visitplan_mine"), **ENGLISH).content.decode()
    # then he may propose one or start an empty one
    assert "Propose my visit plan" in content
    assert "Start an empty plan" in content
    # and his market manager is sent to the team's page
    testing.login(client, market_manager)
    content = client.get(reverse("visitplans:visitplan_mine"), **ENGLISH).content.decode()
    assert "Propose my visit plan" not in content
    assert reverse("visitplans:team_visitplans") in content


def test_with_a_plan_my_page_opens_it(client, customer_manager, plan):
    testing.login(client, customer_manager)
    response = client.get(reverse("visitplans:visitplan_mine"), {"month": "2026-12"})
    assert response.status_code == 302
    assert response["Location"] == reverse("visitplans:visitplan_detail", args=[plan.pk])


@time_machine.travel("2026-11-27 10:00 +08:00", tick=False)
def test_propose_writes_the_month_plan(client, customer_manager, customers):
    # given CM1 with C001 and C002, never visited, a 14-day cycle, no order day, no route
    testing.login(client, customer_manager)

    # when he asks the platform to propose his December plan
    response = client.post(reverse("visitplans:visitplan_propose"), {"month": "2026-12"})

    # then the plan is a draft holding the proposal: each customer within 14 days of 30 November, then again
    plan = VisitPlan.objects.get(staff=customer_manager, month=DECEMBER)
    assert response.status_code == 302
    assert response["Location"] == reverse("visitplans:visitplan_detail", args=[plan.pk])
    visits = sorted((v.customer.code, v.day.isoformat(), v.source) for v in plan.visits.select_related("customer"))
    assert visits == [
        ("C001", "2026-12-14", "proposed"),
        ("C001", "2026-12-28", "proposed"),
        ("C002", "2026-12-11", "proposed"),
        ("C002", "2026-12-25", "proposed"),
    ]


def test_add_move_remove_commit_through_the_page(client, customer_manager, customers, plan):
    testing.login(client, customer_manager)
    # when he adds C002 on 3 December
    response = client.post(
        reverse("visitplans:visit_add", args=[plan.pk]),
        {"customer": customers["c2"].pk, "day": "2026-12-03", "version": 1},
    )
    assert response["Location"] == reverse("visitplans:visitplan_detail", args=[plan.pk]) + "#day-2026-12-03"
    added = PlannedVisit.objects.get(plan=plan, day=date(2026, 12, 3))
    assert (added.customer.code, added.source) == ("C002", "added")
    # and moves it to 4 December
    client.post(
        reverse("visitplans:visit_move", args=[plan.pk]), {"visit": added.pk, "day": "2026-12-04", "version": 2}
    )
    added.refresh_from_db()
    assert added.day == date(2026, 12, 4)
    # and removes it, then commits
    client.post(reverse("visitplans:visit_remove", args=[plan.pk]), {"visit": added.pk, "version": 3})
    assert not PlannedVisit.objects.filter(pk=added.pk).exists()
    client.post(reverse("visitplans:visitplan_commit", args=[plan.pk]), {"version": 4})
    plan.refresh_from_db()
    assert (plan.state, plan.version, plan.visits.count()) == ("committed", 5, 3)
    assert list(plan.events.values_list("action", flat=True)) == ["added", "moved", "removed", "committed"]


def test_a_stale_page_or_a_bad_day_writes_nothing_and_says_why(client, customer_manager, customers, plan):
    testing.login(client, customer_manager)
    before = plan_rows()
    visit = plan.visits.first()
    # when the page was loaded before a change (version 0 is no version the plan had), or names a Saturday
    stale = client.post(
        reverse("visitplans:visit_move", args=[plan.pk]),
        {"visit": visit.pk, "day": "2026-12-04", "version": 7},
        follow=True,
        **ENGLISH,
    )
    saturday = client.post(
        reverse("visitplans:visit_add", args=[plan.pk]),
        {"customer": customers["c2"].pk, "day": "2026-12-05", "version": 1},
        follow=True,
        **ENGLISH,
    )
    # then nothing changed, and the page says why
    assert plan_rows() == before
    assert "Someone saved this in the meantime" in stale.content.decode()
    assert "The day is not a working day." in saturday.content.decode()


def test_a_visit_of_another_plan_is_not_found(client, customer_manager, colleague, customers, plan):
    # given CM1's December plan and his January plan with one visit
    january = editing.plan_for(customer_manager, date(2027, 1, 1), create=True)
    other = PlannedVisit.objects.create(plan=january, customer=customers["c1"], day=date(2027, 1, 4))
    testing.login(client, customer_manager)
    before = plan_rows()
    # when a move on the December plan names the January visit, or no visit at all
    for visit in (other.pk, "", "x"):
        response = client.post(
            reverse("visitplans:visit_move", args=[plan.pk]), {"visit": visit, "day": "2026-12-04", "version": 1}
        )
        # then it is not found, and nothing changed
        assert response.status_code == 404
    assert plan_rows() == before


def test_a_colleagues_customer_cannot_be_added(client, customer_manager, customers, plan):
    testing.login(client, customer_manager)
    before = plan_rows()
    response = client.post(
        reverse("visitplans:visit_add", args=[plan.pk]),
        {"customer": customers["c3"].pk, "day": "2026-12-03", "version": 1},
    )
    assert response.status_code == 302
    assert plan_rows() == before


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
def test_the_team_page_shows_each_managers_plan(client, market_manager, customer_manager, colleague, plan):
    # given CM1's December plan committed on 1 December (after the deadline of 30 November), CM2 without a plan
    VisitPlan.objects.filter(pk=plan.pk).update(state="committed", committed_at="2026-12-01T09:00:00+08:00")
    testing.login(client, market_manager)

    # when MM1 opens the team's visit plans of December
    content = client.get(reverse("visitplans:team_visitplans"), {"month": "2026-12"}, **ENGLISH).content.decode()

    # then CM1: committed, late, 3 visits; C001 (1 and 2 December, then nothing by the 16th) and C002 (1 December,
    # then nothing by the 15th) both leave a gap longer than their 14 days; CM2 has no plan and no customer in
    # business covered (C003 has no visit), and is late too
    start = content.index('<ul class="plan-cards team-visit-plans">')
    rows = text_of(content[start : content.index("</ul>", start)])
    assert rows == (
        "张伟 CM1 Committed late 3 visits · 0 of 2 customers within their cycle "
        "李娜 CM2 No plan late 0 visits · 0 of 1 customers within their cycle"
    )


def test_coverage_follows_the_cycle_from_the_last_visit():
    # a 14-day cycle from 30 November: visits on 14 and 28 December cover the month; 1 December alone does not
    assert month.is_covered(14, date(2026, 11, 30), date(2026, 12, 31), [date(2026, 12, 14), date(2026, 12, 28)])
    assert not month.is_covered(14, date(2026, 11, 30), date(2026, 12, 31), [date(2026, 12, 1)])
    # a customer closing on 10 December needs no visit after his last day
    assert month.is_covered(14, date(2026, 11, 30), date(2026, 12, 10), [])
    # the last visit before the month counts: 20 November + 14 = 4 December
    assert not month.is_covered(14, date(2026, 11, 20), date(2026, 12, 31), [date(2026, 12, 14), date(2026, 12, 28)])


@time_machine.travel("2026-11-30 16:00 +08:00", tick=False)
def test_committed_by_the_last_working_day_is_not_late(customer_manager, market_manager, plan):
    editing.commit_plan(plan, by=customer_manager.user, version=1)
    [row] = [row for row in month.team_visit_plans(market_manager.user, DECEMBER, date(2026, 12, 2)) if row.plan]
    assert (row.state, row.is_late, row.visits) == ("committed", False, 3)


def test_the_team_page_counts_its_queries(client, market_manager, plan, django_assert_num_queries):
    testing.login(client, market_manager)
    client.get(reverse("visitplans:team_visitplans"), {"month": "2026-12"})
    # the session, the user, his staff record and unit, then the seven of team_visit_plans, whatever the team's size
    with django_assert_num_queries(11):
        client.get(reverse("visitplans:team_visitplans"), {"month": "2026-12"})


def test_the_plan_exports_its_visits(client, customer_manager, plan):
    testing.login(client, customer_manager)
    response = client.get(reverse("visitplans:visitplan_export", args=[plan.pk]), **ENGLISH)
    sheet = testing.active_sheet(response.content)
    rows = [row for row in sheet.iter_rows(values_only=True) if row and row[2] in ("C001", "C002")]
    assert [(f"{row[0]:%Y-%m-%d}", row[2], row[7], row[8], row[10]) for row in rows] == [
        ("2026-12-01", "C001", "Proposed", "Order day", 2),
        ("2026-12-01", "C002", "Added", None, 2),
        ("2026-12-02", "C001", "Proposed", None, 1),
    ]


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
def test_the_team_export_has_one_row_a_manager(client, market_manager, colleague, plan):
    testing.login(client, market_manager)
    response = client.get(reverse("visitplans:team_visitplans_export"), {"month": "2026-12"}, **ENGLISH)
    sheet = testing.active_sheet(response.content)
    rows = [row[:6] + row[7:8] for row in sheet.iter_rows(values_only=True) if row and row[0] in ("CM1", "CM2")]
    assert rows == [("CM1", "张伟", "Draft", 3, 2, 0, "late"), ("CM2", "李娜", "No plan", 0, 1, 0, "late")]


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
def test_the_monthly_plan_page_shows_the_visit_plan(client, customer_manager, market_manager, plan):
    # given CM1's monthly plan of December
    monthly = planning.start_plan(user=customer_manager.user, month=DECEMBER)
    # when his market manager reads it
    testing.login(client, market_manager)
    content = client.get(reverse("planning:monthlyplan_detail", args=[monthly.pk]), **ENGLISH).content.decode()
    # then it shows the visit plan's summary and links to it
    summary = text_of(content[content.index('<p class="plan-visits-summary">') :].split("</p>")[0])
    assert summary == "Draft 3 visits · 0 of 2 customers within their cycle late · Open the visit plan"
    assert reverse("visitplans:visitplan_detail", args=[plan.pk]) in content


@time_machine.travel(AFTER_THE_DEADLINE, tick=False)
@pytest.mark.parametrize("extra_visits", [0, 6])
def test_the_plan_page_counts_its_queries(
    client, customer_manager, customers, plan, extra_visits, django_assert_num_queries
):
    # given CM1's plan with 3 visits, or 9
    for offset in range(extra_visits):
        PlannedVisit.objects.create(plan=plan, customer=customers["c2"], day=date(2026, 12, 7 + offset))
    testing.login(client, customer_manager)
    url = reverse("visitplans:visitplan_detail", args=[plan.pk])
    client.get(url)
    # then the page reads the same number of queries whatever the number of visits: the session, the user, his staff
    # record; the plan with its owner; its visits; his team's office (where each day's route starts); may change; the
    # overdue list (his customers, the rules and the cycles, the last visits, their names); the customers to add; the
    # history
    with django_assert_num_queries(14):
        assert client.get(url).status_code == 200
