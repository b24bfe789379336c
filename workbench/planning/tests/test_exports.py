"""The Excel copies of a week's days (日安排), a team plan, and the team's weekly arrangements: exact rows."""

import io
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.planning import services
from workbench.planning.services import TeamPlanContent
from workbench.planning.tests.conftest import FIRST_WEEK, MONTH

pytestmark = pytest.mark.django_db


def table(response, sheet: int = 0) -> list[list]:
    """Every row of a sheet of the downloaded workbook, its dates as dates (openpyxl reads them as datetimes)."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    worksheet = load_workbook(io.BytesIO(response.content)).worksheets[sheet]
    return [[plain(cell.value) for cell in row] for row in worksheet.iter_rows()]


def plain(value):
    return value.date() if isinstance(value, datetime) else value


def after_header(values: list[list], header: list) -> list[list]:
    start = values.index(header)
    return [row[: len(header)] for row in values[start + 1 :]]


def test_a_weeks_days_export_lists_the_tasks_with_their_days(client, plan, customer_manager):
    # given CM1's plan with its one task of the first week put on Wednesday 2 December
    line = plan.latest_version().items.get().line
    services.split_week(plan=plan, user=customer_manager.user, week_start=FIRST_WEEK, days={line: date(2026, 12, 2)})
    testing.login(client, customer_manager)

    # when he exports the week's days
    response = client.get(
        f"/planning/plans/{plan.pk}/days/export/", {"week": FIRST_WEEK.isoformat()}, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then one row: the day, the kind, the task
    rows = after_header(table(response), ["Day", "Kind", "Task", "Customer", "Customer set", "Done"])
    assert [row[:3] for row in rows] == [[date(2026, 12, 2), "Customer visit", "拜访玄武食杂店"]]


@pytest.fixture
def team_plan(market_manager):
    """MM1's published team plan of December 2026: one cultivation task and two weekly arrangements."""
    brand_set = BrandSet.objects.create(owner=market_manager, name="七匹狼系列")
    team_plan = services.start_team_plan(user=market_manager.user, month=MONTH)
    services.save_team_plan(
        plan=team_plan,
        user=market_manager.user,
        version=team_plan.version,
        content=TeamPlanContent(
            customer_points="重点客户",
            brand_points="七匹狼(软通泰)铺货率提升到60%",
            market_points="",
            tasks=[
                {
                    "title": "七匹狼铺货",
                    "brand_set": brand_set,
                    "customer_set": None,
                    "starts_on": date(2026, 12, 1),
                    "ends_on": date(2026, 12, 20),
                }
            ],
            weeks={FIRST_WEEK: "周例会", date(2026, 12, 7): "走访新店"},
            publish=True,
        ),
    )
    return team_plan


def test_a_team_plan_export_has_its_tasks_and_its_weeks(client, team_plan, customer_manager):
    # when CM1 (of MM1's team) exports the team plan
    testing.login(client, customer_manager)
    response = client.get(f"/planning/team-plan/{team_plan.pk}/export/", HTTP_ACCEPT_LANGUAGE="en")

    # then the tasks on the first sheet, the weeks on the second
    tasks = after_header(table(response), ["Task", "Brand set", "Customer set", "From", "To"])
    assert tasks == [["七匹狼铺货", "七匹狼系列", None, date(2026, 12, 1), date(2026, 12, 20)]]
    weeks = after_header(table(response, 1), ["Week", "Arrangement"])
    assert weeks == [[FIRST_WEEK, "周例会"], [date(2026, 12, 7), "走访新店"]]


def test_the_team_weeks_export_lists_every_arrangement_of_the_month(client, team_plan, colleague, outsider):
    # when CM2 of team T1 exports December's arrangements; CM3 of team T2 does too
    testing.login(client, colleague)
    response = client.get("/planning/team-plan/weeks/export/", {"month": "2026-12"}, HTTP_ACCEPT_LANGUAGE="en")
    testing.login(client, outsider)
    other = client.get("/planning/team-plan/weeks/export/", {"month": "2026-12"}, HTTP_ACCEPT_LANGUAGE="en")

    # then T1's two weeks for CM2; none for CM3, who does not read T1's plan
    header = ["Team", "Market manager", "Week", "Arrangement"]
    assert [row[2:] for row in after_header(table(response), header)] == [
        [FIRST_WEEK, "周例会"],
        [date(2026, 12, 7), "走访新店"],
    ]
    assert after_header(table(other), header) == []
