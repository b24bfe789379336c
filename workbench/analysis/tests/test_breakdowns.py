"""Breakdowns by customer manager, team and department: the undivided total, rows that add up to it, ranks, and a
fixed number of queries whatever the number of groups (data.py's territory)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from workbench import testing
from workbench.accounts.models import Role
from workbench.analysis.breakdowns import GROUP_MEASURES
from workbench.reporting.results import Kind

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}
QUARTER = {"from": "2025-11-15", "to": "2026-01-31"}  # a partial month at the start: read from the lines
SET = {"specs": "6901,6902"}


def parameters(name: str, period: dict) -> dict:
    return {**period, **(SET if name in ("distribution-rate", "four-rates") else {})}


def additive(column) -> bool:
    """Counts and sums add up over disjoint groups; rates and values per carton do not."""
    return column.kind in (Kind.INTEGER, Kind.MONEY) and column.key not in ("rank", "value_per_carton")


@pytest.mark.parametrize("period", [JANUARY, QUARTER], ids=["january", "partial-months"])
@pytest.mark.parametrize("key", ["manager", "team", "department"])
@pytest.mark.parametrize("name", list(GROUP_MEASURES))
def test_a_breakdown_keeps_the_total_and_its_rows_add_up_to_it(territory, leader, run, name, key, period):
    # given: the leader sees all three customer managers, in two teams of one department
    # when
    plain = run(name, leader, **parameters(name, period))
    split = run(name, leader, **parameters(name, period), breakdown=key)

    # then: the same total and extras; every count of the rows adds up to the total's
    assert split.total == plain.total
    assert split.extras == plain.extras
    assert [column.key for column in split.columns[:2]] == ["rank", "group"]
    for column in split.columns:
        if additive(column) and column.key in plain.total:
            assert sum(row[column.key] for row in split.rows) == plain.total[column.key], column.key


def test_a_market_manager_ranks_his_three_customer_managers(territory, market_manager, org, run):
    # given: a third customer manager in team T1 whose one customer ordered nothing
    newcomer = testing.make_staff("CM4", Role.CUSTOMER_MANAGER, org["team1"], name="孙丽")
    testing.make_customer("C009", newcomer)

    # when: 铺货率 of 七匹狼 in January
    result = run("distribution-rate", market_manager, **JANUARY, **SET, breakdown="manager")

    # then: CM2's C003 ordered (100 %), CM1 3 of 4 (75 %), CM4 0 of 1
    assert [
        (row["rank"], row["group"], row["customers_in_scope"], row["customers_ordering"], row["distribution_rate"])
        for row in result.rows
    ] == [(1, "李娜 (CM2)", 1, 1, 1.0), (2, "张伟 (CM1)", 4, 3, 0.75), (3, "孙丽 (CM4)", 1, 0, 0.0)]
    assert result.total == {"customers_in_scope": 6, "customers_ordering": 4, "distribution_rate": 4 / 6}


def test_business_overview_by_team(territory, leader, run):
    # given / when: January 2026 against January 2025 (C001 took 4 cartons of 6901 at 100 元 then)
    result = run("business-overview", leader, **JANUARY, breakdown="team")

    # then: T1 ordered 22 + 3 (C003) cartons, T2 9 (C004)
    assert [(row["rank"], row["group"]) for row in result.rows] == [(1, "玄武市场部"), (2, "鼓楼市场部")]
    team1, team2 = result.rows
    assert (team1["qty"], team1["customers_ordering"], team1["qty_ly"], team1["amount_ly"]) == (
        25,
        5,
        4,
        Decimal("400.00"),
    )
    assert (team2["qty"], team2["customers_ordering"], team2["qty_ly"]) == (9, 1, 0)


def count_queries(function) -> int:
    with CaptureQueriesContext(connection) as context:
        function()
    return len(context)


@pytest.mark.parametrize(("name", "extra"), [("distribution-rate", 3), ("four-rates", 7), ("business-overview", 4)])
def test_a_breakdown_costs_the_same_queries_for_any_number_of_groups(territory, leader, org, run, name, extra):
    # given: the report with and without a breakdown, then with four more customer managers and their customers
    plain = count_queries(lambda: run(name, leader, **parameters(name, JANUARY)))
    split = count_queries(lambda: run(name, leader, **parameters(name, JANUARY), breakdown="manager"))
    for number in range(4):
        testing.make_customer(f"M{number}", testing.make_staff(f"CM{10 + number}", Role.CUSTOMER_MANAGER, org["team2"]))
    more = count_queries(lambda: run(name, leader, **parameters(name, JANUARY), breakdown="manager"))

    # then: a few grouped reads beside the undivided report (and one for the managers' names), not one per manager
    assert split - plain == extra
    assert more == split


def test_the_page_shows_the_ranked_breakdown(client, territory, leader):
    # given
    testing.login(client, leader)

    # when
    response = client.get("/analysis/order-frequency/", {**JANUARY, "breakdown": "manager", "sort": "-qty"})

    # then: CM1's four customers ordered 22 cartons on 5 days, CM3's C004 9 on 1, CM2's C003 3 on 1 (both second)
    rows = [[cell["text"] for cell in row] for row in response.context["table_rows"]]
    assert rows == [
        ["1", "张伟 (CM1)", "4", "5", "22"],
        ["2", "赵敏 (CM3)", "1", "1", "9"],
        ["2", "李娜 (CM2)", "1", "1", "3"],
    ]
