"""/api/v1/targets/: sales targets with completion, pace and team sums, improvement targets with their actuals, KPI
targets with their progress; exact values on hand-built orders, the same numbers as the 目标 screens."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from workbench.api.services import create_token
from workbench.catalog.models import BrandSet
from workbench.targets import services
from workbench.targets.models import Metric
from workbench.targets.tests.conftest import add_lines

TODAY = date(2026, 11, 11)  # a Wednesday: 8 of November 2026's 21 working days elapsed
MONTH = date(2026, 11, 1)
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def key(customer_manager):
    """A token of CM1."""
    _token, key = create_token(user=customer_manager.user, name="phone")
    return key


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


@pytest.fixture
def orders(customers, specs):
    """CM1: 60 条 of 红南京 at 80 元 this month (C001 40, C002 20) and 5 条 of 七匹狼 at 100 元 (C001); CM2: 10 条 at
    50 元; C001's months before, for a forecast (200 a year ago; 90 a month a year before the last three, 100 since)."""
    red, wolf = specs["red"], specs["wolf"]
    add_lines(
        [
            (customers["c1"], red, date(2026, 11, 2), 40, "80"),
            (customers["c2"], red, date(2026, 11, 3), 20, "80"),
            (customers["c1"], wolf, date(2026, 11, 2), 5, "100"),
            (customers["c3"], red, date(2026, 11, 4), 10, "50"),
            (customers["c1"], red, date(2025, 11, 5), 200, "50"),
            (customers["c1"], red, date(2025, 8, 5), 90, "50"),
            (customers["c1"], red, date(2025, 9, 5), 90, "50"),
            (customers["c1"], red, date(2025, 10, 5), 90, "50"),
            (customers["c1"], red, date(2026, 8, 5), 100, "50"),
            (customers["c1"], red, date(2026, 9, 5), 100, "50"),
            (customers["c1"], red, date(2026, 10, 5), 100, "50"),
        ]
    )


@pytest.fixture
def targets(orders, customer_manager, colleague, specs):
    """CM1's draft target of 300 条 / 24,000 元, with a line of 50 条 / 5,000 元 for 七匹狼;
    CM2's of 20 条 / 1,000 元."""
    mine = services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))
    services.add_sales_target_line(
        user=customer_manager.user, target=mine, qty=50, amount=Decimal("5000"), spec=specs["wolf"]
    )
    services.save_sales_target(user=colleague.user, month=MONTH, qty=20, amount=Decimal("1000"))
    return mine


def test_sales_targets_with_completion_pace_and_the_team_sum(client, targets, market_manager):
    # given MM1, who sees CM1 and CM2
    client.force_login(market_manager.user)

    # when
    response = client.get("/api/v1/targets/sales", {"month": "2026-11"}, **ENGLISH)

    # then CM1: 65 / 300 done; 65 × 21 = 1,365 < 300 × 8 = 2,400: behind; 5,300 / 24,000 元
    assert response.status_code == 200
    answer = response.json()
    first, second = answer["rows"]
    assert first == {
        "staff": {"code": "CM1", "name": "张伟"},
        "team": "玄武市场部",
        "target_id": targets.pk,
        "state": "draft",
        "target_qty": 300,
        "target_amount": 24000.0,
        "target_value_per_carton": 80.0,
        # 200 × 300 / 270 = 222.2 → 222 条; 10,000 × 15,000 / 13,500 = 11,111.11 元
        "forecast_qty": 222,
        "forecast_amount": 11111.11,
        "forecast_value_per_carton": 50.05,
        "actual_qty": 65,
        "actual_amount": 5300.0,
        "actual_value_per_carton": 81.54,
        "qty_completion": 65 / 300,
        "amount_completion": 5300 / 24000,
        "value_per_carton_completion": float(Decimal(5300) / 65) / 80.0,
        "on_pace": False,
        "lines": [
            {
                "spec": {"code": "6901028000002", "name": "七匹狼(软通泰)"},
                "brand_set": None,
                "qty": 50,
                "amount": 5000.0,
                "value_per_carton": 100.0,
            }
        ],
    }
    # CM2: 10 / 20 = 50 %, expected 20 × 8 / 21 = 7.6: on pace; no orders before November: a forecast of 0
    assert (second["staff"]["code"], second["qty_completion"], second["amount_completion"], second["on_pace"]) == (
        "CM2",
        0.5,
        0.5,
        True,
    )
    assert (second["forecast_qty"], second["forecast_value_per_carton"], second["lines"]) == (0, None, [])
    # the team: 320 条 / 25,000 元 targeted, 75 条 / 5,800 元 done, both targets drafts; the total is the same
    (team,) = answer["teams"]
    assert team["team"] == "玄武市场部"
    assert team["states"] == {"draft": 2}
    assert (team["target_qty"], team["target_amount"], team["actual_qty"], team["actual_amount"]) == (
        320,
        25000.0,
        75,
        5800.0,
    )
    assert (team["qty_completion"], team["on_pace"]) == (75 / 320, False)
    assert answer["total"] == {key: value for key, value in team.items() if key != "team"}
    assert answer["pace"] == {"working_days": 21, "elapsed": 8, "share": 8 / 21}
    assert answer["paging"] == {"page": 1, "page_size": 1000, "count": 2, "pages": 1}


def test_the_second_page_keeps_the_sums_of_every_row(client, targets, market_manager):
    # given / when: one row per page, the second
    client.force_login(market_manager.user)
    answer = client.get("/api/v1/targets/sales", {"month": "2026-11", "page": "2", "page_size": "1"}).json()

    # then CM2 alone, and the sums still of both
    assert [row["staff"]["code"] for row in answer["rows"]] == ["CM2"]
    assert answer["total"]["target_qty"] == 320
    assert answer["paging"] == {"page": 2, "page_size": 1, "count": 2, "pages": 2}


def test_a_customer_manager_sees_his_own_target_alone(client, targets, key):
    # given / when
    answer = client.get("/api/v1/targets/sales", {"month": "2026-11"}, **bearer(key)).json()

    # then
    assert [row["staff"]["code"] for row in answer["rows"]] == ["CM1"]
    assert answer["total"]["target_qty"] == 300


def test_improvement_targets_with_baseline_actual_and_met(client, orders, customers, customer_manager, key):
    # given C001: 40 条 in November against a baseline of 100 a month; C002: 2 orders, it has 1 so far
    volume = services.create_improvement_target(
        user=customer_manager.user, customer=customers["c1"], month=MONTH, metric=Metric.VOLUME, target=Decimal(40)
    )
    count = services.create_improvement_target(
        user=customer_manager.user,
        customer=customers["c2"],
        month=MONTH,
        metric=Metric.ORDER_COUNT,
        target=Decimal(2),
        note="每周订货",
    )

    # when
    answer = client.get("/api/v1/targets/improvement", {"month": "2026-11"}, **bearer(key)).json()

    # then: C001's 45 条 so far meet 40; C002's one order does not meet 2; one of two met
    assert answer == {
        "month": "2026-11",
        "count": 2,
        "met": 1,
        "achievement_rate": 0.5,
        "rows": [
            {
                "id": volume.pk,
                "customer": {"code": "C001", "name": "玄武食杂店"},
                "manager": {"code": "CM1", "name": "张伟"},
                "metric": "volume",
                "spec": None,
                "brand_set": None,
                "baseline": 100.0,
                "target": 40.0,
                "actual": 45.0,
                "met": True,
                "note": "",
            },
            {
                "id": count.pk,
                "customer": {"code": "C002", "name": "长江便利店"},
                "manager": {"code": "CM1", "name": "张伟"},
                "metric": "order_count",
                "spec": None,
                "brand_set": None,
                "baseline": 0.0,
                "target": 2.0,
                "actual": 1.0,
                "met": False,
                "note": "每周订货",
            },
        ],
        "paging": {"page": 1, "page_size": 1000, "count": 2, "pages": 1},
    }
    # one customer's targets: the customer parameter
    one = client.get("/api/v1/targets/improvement", {"month": "2026-11", "customer": "C002"}, **bearer(key)).json()
    assert [row["id"] for row in one["rows"]] == [count.pk]
    assert (one["count"], one["met"], one["achievement_rate"]) == (1, 0, 0.0)


def test_kpi_targets_with_their_distribution_rate_so_far(client, orders, market_manager, org, specs, key):
    # given MM1's KPI target for team T1: 七匹狼 铺货率 60 % by the end of January; C001 of T1's three customers in
    # business ordered it so far
    brand_set = BrandSet.objects.create(owner=market_manager, name="培育规格", shared_with=org["team1"])
    brand_set.specs.set([specs["wolf"]])
    kpi = services.create_kpi_target(
        user=market_manager.user,
        unit=org["team1"],
        brand_set=brand_set,
        metric="distribution_rate",
        target_rate=Decimal("0.6"),
        starts_on=date(2026, 11, 1),
        due_on=date(2027, 1, 31),
    )

    # when CM1 (of team T1) reads it
    answer = client.get("/api/v1/targets/kpi", **bearer(key)).json()

    # then
    assert answer == {
        "rows": [
            {
                "id": kpi.pk,
                "set_by": {"code": "MM1", "name": "王强"},
                "unit": {"code": "T1", "name": "玄武市场部"},
                "brand_set": {"id": brand_set.pk, "name": "培育规格"},
                "metric": "distribution_rate",
                "target_rate": 0.6,
                "from": "2026-11-01",
                "due_on": "2027-01-31",
                "note": "",
                "progress": {
                    "from": "2026-11-01",
                    "to": "2026-11-11",
                    "customers_ordering": 1,
                    "customers_in_scope": 3,
                    "value": 1 / 3,
                },
            }
        ],
        "paging": {"page": 1, "page_size": 1000, "count": 1, "pages": 1},
    }


def test_a_login_without_a_staff_record_has_no_scope(client, customer_manager):
    # given a login whose staff record is inactive
    customer_manager.is_active = False
    customer_manager.save()
    client.force_login(customer_manager.user)

    # when / then
    response = client.get("/api/v1/targets/sales", **ENGLISH)
    assert response.status_code == 403
    assert response.json() == {
        "error": {"message": "Your login has no active staff record, so it has no scope.", "field": None}
    }


def test_the_month_is_the_current_one_when_left_out(client, customer_manager, key):
    # given / when
    answer = client.get("/api/v1/targets/improvement", **bearer(key)).json()

    # then
    assert (answer["month"], answer["rows"]) == ("2026-11", [])
