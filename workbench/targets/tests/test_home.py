"""The targets on the home page (docs/definitions.md#target-progress): a customer manager's month against his sales
target, with how much and how many customers are still needed; a market manager's team with who is behind or late."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from workbench import testing
from workbench.targets import services
from workbench.targets.home import Ordering, customers_needed, my_progress, team_progress
from workbench.targets.tests.conftest import add_lines

TODAY = date(2026, 11, 11)  # 8 of November 2026's 21 working days elapsed
MONTH = date(2026, 11, 1)
DEADLINE = date(2026, 11, 4)  # the 3rd working day of November 2026


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def approved(customer_manager, market_manager):
    """CM1's target of November 2026, 300 条 / 24,000 元 (单条值 80), approved by MM1."""
    target = services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    return services.approve_sales_target(user=market_manager.user, target=target, version=2)


@pytest.fixture
def orders(customers, specs):
    """CM1, November to the 11th: C001 40 条 and C002 20 条 at 80 元 (60 条, 4,800 元, 2 customers); October:
    C001 100 条 at 50 元. CM2 (C003): 10 条 at 50 元 in November."""
    add_lines(
        [
            (customers["c1"], specs["red"], date(2026, 11, 2), 40, "80"),
            (customers["c2"], specs["red"], date(2026, 11, 3), 20, "80"),
            (customers["c1"], specs["red"], date(2026, 10, 5), 100, "50"),
            (customers["c3"], specs["red"], date(2026, 11, 4), 10, "50"),
        ]
    )


def test_a_customer_managers_progress_is_exact(approved, orders, customer_manager):
    # when
    progress = my_progress(customer_manager.user, TODAY, DEADLINE)

    # then 60 of 300 条 (20 %), 4,800 of 24,000 元 (20 %), 单条值 80 of 80 (100 %); behind (expected 300 × 8 / 21)
    assert progress is not None
    assert progress.row is not None
    row = progress.row
    assert (row.actual.order_qty, row.target_qty, row.qty_completion) == (60, 300, 0.2)
    assert (row.actual.amount, row.target_amount, row.amount_completion) == (Decimal("4800.00"), Decimal("24000"), 0.2)
    assert row.value_per_carton_completion == 1.0
    assert (row.is_on_pace, progress.is_behind, progress.is_late) == (False, True, False)
    # still needed: 240 条 and 19,200 元; at 30 条 an ordering customer (60 ÷ 2), 8 more customer orders
    assert (progress.qty_needed, progress.amount_needed, progress.customers_needed) == (240, Decimal("19200.00"), 8)


def test_customers_still_needed_rounds_up_and_falls_back_on_last_month():
    # 100 条 needed at 60 条 over 2 customers (30 each): 3.33 → 4
    assert customers_needed(100, 60, Ordering(customers=2)) == 4
    # nobody ordered yet this month: last month's 100 条 over 1 customer, 300 needed → 3
    assert customers_needed(300, 0, Ordering(customers=0, qty_before=100, customers_before=1)) == 3
    # met; no target; no orders this month nor last
    assert customers_needed(0, 500, Ordering(customers=3)) == 0
    assert customers_needed(None, 60, Ordering(customers=2)) is None
    assert customers_needed(300, 0, Ordering()) is None


def test_a_customer_manager_without_a_target_after_the_deadline_is_late(customer_manager):
    progress = my_progress(customer_manager.user, TODAY, DEADLINE)
    assert progress is not None
    assert (progress.row, progress.customers_needed, progress.is_late) == (None, None, True)
    # before the deadline he is not late yet
    early = my_progress(customer_manager.user, date(2026, 11, 3), DEADLINE)
    assert early is not None
    assert not early.is_late


def test_a_market_managers_team_shows_who_is_behind_and_who_is_late(
    approved, orders, customer_manager, colleague, market_manager
):
    # given CM2's draft of 20 条, not submitted after the deadline
    services.save_sales_target(user=colleague.user, month=MONTH, qty=20, amount=Decimal("1000"))

    # when
    team = team_progress(market_manager.user, TODAY, DEADLINE)

    # then CM1 behind (60 of 300), not late; CM2 on pace (10 of 20, expected 7.6) but late (a draft only); his
    # 10 条 still needed at 10 条 a customer: 1 more customer order
    assert [(p.staff.code, p.qty_needed, p.customers_needed, p.is_behind, p.is_late) for p in team] == [
        ("CM1", 240, 8, True, False),
        ("CM2", 10, 1, False, True),
    ]


def test_only_a_market_manager_gets_the_team_and_only_a_customer_manager_his_own(
    customer_manager, market_manager, admin_staff
):
    assert team_progress(customer_manager.user, TODAY, DEADLINE) == []
    assert team_progress(admin_staff.user, TODAY, DEADLINE) == []
    assert my_progress(market_manager.user, TODAY, DEADLINE) is None


def test_the_home_page_shows_the_progress(client, approved, orders, customer_manager, market_manager):
    # when CM1 opens his home page
    testing.login(client, customer_manager)
    page = " ".join(client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode().split())

    # then his completion, what is still needed, and his pace
    assert "Sales target of the month" in page
    assert "60 / 300" in page
    assert "20.0%" in page
    assert "240 cartons" in page
    assert "about 8 more customer orders" in page
    assert "behind" in page

    # and his market manager reads the team's
    testing.login(client, market_manager)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert [p.staff.code for p in response.context["team_targets"]] == ["CM1", "CM2"]
    assert "My team's targets" in response.content.decode()
