"""Every 目标 view against every persona (exact statuses; a denied write changes nothing), and the pages' figures."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from openpyxl import load_workbook

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.reviews.models import ReviewState
from workbench.targets import services
from workbench.targets.models import ImprovementTarget, KpiTarget, Metric, SalesTarget, SalesTargetLine
from workbench.targets.queries import kpi_targets_for_specs
from workbench.targets.tests.conftest import add_lines
from workbench.testing import rows, view_matrix

TODAY = date(2026, 11, 11)  # a Wednesday: 8 of November 2026's 21 working days elapsed
MONTH = date(2026, 11, 1)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def draft(customer_manager):
    """CM1's draft target of November 2026: 300 条, 24,000 元."""
    return services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))


@pytest.fixture
def submitted(draft, customer_manager):
    """The same target, submitted to MM1."""
    return services.submit_sales_target(user=customer_manager.user, target=draft, version=1)


@pytest.fixture
def improvement(customers, customer_manager):
    """An improvement target of C001 (CM1's): 40 条 in November."""
    return services.create_improvement_target(
        user=customer_manager.user, customer=customers["c1"], month=MONTH, metric=Metric.VOLUME, target=Decimal(40)
    )


@pytest.fixture
def brand_set(market_manager, org):
    """MM1's brand set, published to team T1."""
    spec = testing.make_spec("6901028000009", "七匹狼(软通泰)", brand="七匹狼")
    brand_set = BrandSet.objects.create(owner=market_manager, name="培育规格", shared_with=org["team1"])
    brand_set.specs.set([spec])
    return brand_set


@pytest.fixture
def kpi(market_manager, org, brand_set):
    """MM1's KPI target for team T1: 铺货率 60 % by the end of January 2027."""
    return services.create_kpi_target(
        user=market_manager.user,
        unit=org["team1"],
        brand_set=brand_set,
        metric="distribution_rate",
        target_rate=Decimal("0.6"),
        starts_on=date(2026, 11, 1),
        due_on=date(2027, 1, 31),
    )


EVERYONE = {name: 200 for name in testing.STAFF_PERSONAS} | {"anonymous": 302}
OWNER_ONLY_WRITE = {
    "customer_manager": 302,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
APPROVER_ONLY_WRITE = OWNER_ONLY_WRITE | {"customer_manager": 403, "market_manager": 302}

test_sales_list_access = view_matrix(reverse("targets:salestarget_list"), EVERYONE)
test_sales_export_access = view_matrix(reverse("targets:salestarget_list"), EVERYONE, data={"format": "xlsx"})
test_my_sales_target_access = view_matrix(
    reverse("targets:salestarget_mine"),
    {
        "customer_manager": 200,
        "colleague": 200,
        "market_manager": 403,
        "outsider": 200,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
)
test_saving_my_sales_target_access = view_matrix(
    reverse("targets:salestarget_mine"),
    {
        "customer_manager": 302,
        "colleague": 302,
        "market_manager": 403,
        "outsider": 302,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
    method="post",
    data={"qty": "100", "amount": "8000"},
    snapshot=rows(SalesTarget),
)
test_sales_target_detail_access = view_matrix(
    lambda draft: reverse("targets:salestarget_detail", args=[draft.pk]),
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)
test_submit_access = view_matrix(
    lambda draft: reverse("targets:salestarget_submit", args=[draft.pk]),
    OWNER_ONLY_WRITE,
    method="post",
    data={"version": "1"},
    snapshot=rows(SalesTarget),
)
test_approve_access = view_matrix(
    lambda submitted: reverse("targets:salestarget_approve", args=[submitted.pk]),
    APPROVER_ONLY_WRITE,
    method="post",
    data={"version": "2"},
    snapshot=rows(SalesTarget),
)
test_return_access = view_matrix(
    lambda submitted: reverse("targets:salestarget_return", args=[submitted.pk]),
    APPROVER_ONLY_WRITE,
    method="post",
    data={"version": "2", "comment": "再高一点"},
    snapshot=rows(SalesTarget),
)
test_improvement_list_access = view_matrix(reverse("targets:improvementtarget_list"), EVERYONE)
test_improvement_export_access = view_matrix(
    reverse("targets:improvementtarget_list"), EVERYONE, data={"format": "xlsx"}
)
test_improvement_create_access = view_matrix(
    reverse("targets:improvementtarget_create"),
    {
        "customer_manager": 200,
        "colleague": 200,
        "market_manager": 403,
        "outsider": 200,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
)
test_improvement_edit_access = view_matrix(
    lambda improvement: reverse("targets:improvementtarget_edit", args=[improvement.pk]),
    OWNER_ONLY_WRITE | {"customer_manager": 200},
)
test_improvement_delete_access = view_matrix(
    lambda improvement: reverse("targets:improvementtarget_delete", args=[improvement.pk]),
    OWNER_ONLY_WRITE,
    method="post",
    snapshot=rows(ImprovementTarget),
)
test_kpi_list_access = view_matrix(reverse("targets:kpitarget_list"), EVERYONE)
test_kpi_export_access = view_matrix(reverse("targets:kpitarget_list"), EVERYONE, data={"format": "xlsx"})
test_kpi_create_access = view_matrix(
    reverse("targets:kpitarget_create"),
    {
        "customer_manager": 403,
        "colleague": 403,
        "market_manager": 200,
        "outsider": 403,
        "leader": 403,
        "brand_manager": 200,
        "admin_staff": 403,
        "anonymous": 302,
    },
)
# MM1's target for T1: seen in T1 (403 to change), not above it nor in T2 (404); an admin sees every one.
KPI_OWNER_ONLY = {
    "customer_manager": 403,
    "colleague": 403,
    "market_manager": 200,
    "outsider": 404,
    "leader": 404,
    "brand_manager": 404,
    "admin_staff": 403,
    "anonymous": 302,
}
test_kpi_edit_access = view_matrix(lambda kpi: reverse("targets:kpitarget_edit", args=[kpi.pk]), KPI_OWNER_ONLY)
test_kpi_delete_access = view_matrix(
    lambda kpi: reverse("targets:kpitarget_delete", args=[kpi.pk]),
    KPI_OWNER_ONLY | {"market_manager": 302},
    method="post",
    snapshot=rows(KpiTarget),
)


def november_orders(customers, specs):
    """CM1: 60 条 at 80 元 this month (C001 40, C002 20); CM2: 10 条 at 50 元; last year's months for a forecast."""
    add_lines(
        [
            (customers["c1"], specs["red"], date(2026, 11, 2), 40, "80"),
            (customers["c2"], specs["red"], date(2026, 11, 3), 20, "80"),
            (customers["c3"], specs["red"], date(2026, 11, 4), 10, "50"),
            # CM1's forecast: 200 条 a year ago, 100 a month before and 90 a month a year earlier: 200 × 300 / 270
            (customers["c1"], specs["red"], date(2025, 11, 5), 200, "50"),
            (customers["c1"], specs["red"], date(2025, 8, 5), 90, "50"),
            (customers["c1"], specs["red"], date(2025, 9, 5), 90, "50"),
            (customers["c1"], specs["red"], date(2025, 10, 5), 90, "50"),
            (customers["c1"], specs["red"], date(2026, 8, 5), 100, "50"),
            (customers["c1"], specs["red"], date(2026, 9, 5), 100, "50"),
            (customers["c1"], specs["red"], date(2026, 10, 5), 100, "50"),
        ]
    )


def test_team_page_shows_each_target_completion_and_pace_and_the_team_sum(
    client, customers, specs, draft, colleague, market_manager
):
    # given CM1's target of 300 条 / 24,000 元 and CM2's of 20 条 / 1,000 元, and November's orders to the 11th
    november_orders(customers, specs)
    services.save_sales_target(user=colleague.user, month=MONTH, qty=20, amount=Decimal("1000"))
    testing.login(client, market_manager)

    # when
    response = client.get(reverse("targets:salestarget_list"), {"month": "2026-11"})

    # then CM1: 60 / 300 = 20.0 % done, expected by now 300 × 8 / 21 = 114.3: behind
    (team,) = response.context["teams"]
    first, second = team.rows
    assert (first.label, first.actual.order_qty, first.actual.amount) == (str(draft.staff), 60, Decimal("4800.00"))
    assert (first.qty_completion, first.amount_completion, first.is_on_pace) == (0.2, 0.2, False)
    assert first.forecast.qty == 222  # 200 × 300 / 270 = 222.2
    # CM2: 10 / 20 = 50 %, expected 20 × 8 / 21 = 7.6: on pace; 500 / 1,000 元
    assert (second.qty_completion, second.amount_completion, second.is_on_pace) == (0.5, 0.5, True)
    # the team: 320 条 / 25,000 元 targeted, 70 条 / 5,300 元 done, both targets drafts
    assert (team.total.target_qty, team.total.target_amount) == (320, Decimal("25000.00"))
    assert (team.total.actual.order_qty, team.total.actual.amount) == (70, Decimal("5300.00"))
    assert team.total.states == {ReviewState.DRAFT: 2}
    assert (team.total.pace.elapsed, team.total.pace.working_days) == (8, 21)
    assert "20.0%" in response.content.decode()


def test_sales_export_holds_the_rows_and_the_team_sum(client, customers, specs, draft, market_manager):
    # given
    november_orders(customers, specs)
    testing.login(client, market_manager)

    # when
    response = client.get(
        reverse("targets:salestarget_list"), {"month": "2026-11", "format": "xlsx"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    # then the header row, CM1's and CM2's rows, the team's sum and the total
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet is not None
    values = [row for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert values[0][:4] == ("Customer manager", "State", "Forecast (cartons)", "Forecast (yuan)")
    assert values[1][:6] == (str(draft.staff), "Draft", 222, 11111.11, 300, 24000)
    assert values[1][7:11] == (60, 4800, 0.2, 0.2)
    assert values[2][0] == "李娜 (CM2)"
    assert values[2][4] is None
    assert values[-1][0] == "Total"
    assert values[-1][7] == 70


def test_my_target_is_prefilled_from_the_forecast_with_its_workings(client, customers, specs, customer_manager):
    # given
    november_orders(customers, specs)
    testing.login(client, customer_manager)

    # when
    response = client.get(reverse("targets:salestarget_mine"), {"month": "2026-11"}, HTTP_ACCEPT_LANGUAGE="en")

    # then 200 × 300 / 270 = 222.2 → 222 条; 10,000 × 15,000 / 13,500 = 11,111.11 元
    form = response.context["form"]
    assert (form.initial["qty"], form.initial["amount"]) == (222, Decimal("11111.11"))
    assert response.context["forecast"].quantity.trend == Decimal(300) / Decimal(270)
    page = response.content.decode()
    assert "2025-08 – 2025-10" in page
    assert "1.1111" in page


def test_a_stale_save_of_my_target_keeps_the_input_and_changes_nothing(client, draft, customer_manager):
    # given the target was saved since the form was loaded at version 1
    services.save_sales_target(user=customer_manager.user, month=MONTH, qty=310, amount=Decimal("1"), version=1)
    testing.login(client, customer_manager)
    before = rows(SalesTarget)()

    # when
    response = client.post(
        reverse("targets:salestarget_mine") + "?month=2026-11",
        {"qty": "999", "amount": "5", "version": "1"},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    # then the form again with what was typed, and the message
    assert response.status_code == 200
    assert response.context["form"]["qty"].value() == "999"
    assert "Someone saved this in the meantime" in response.content.decode()
    assert rows(SalesTarget)() == before


def test_approving_a_draft_through_the_page_is_refused_and_changes_nothing(client, draft, market_manager):
    testing.login(client, market_manager)
    before = rows(SalesTarget)()
    response = client.post(
        reverse("targets:salestarget_approve", args=[draft.pk]),
        {"version": "1"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert "Only a submitted document can be approved." in response.content.decode()
    assert rows(SalesTarget)() == before


def test_improvement_targets_baseline_actual_and_achievement(client, customers, specs, customer_manager):
    # given C001: 30 + 30 + 30 条 in Aug–Oct 2026 (a baseline of 30 a month), 40 条 so far in November
    red = specs["red"]
    add_lines(
        [
            (customers["c1"], red, date(2026, 8, 5), 30, "50"),
            (customers["c1"], red, date(2026, 9, 5), 30, "50"),
            (customers["c1"], red, date(2026, 10, 5), 30, "60"),
            (customers["c1"], red, date(2026, 11, 2), 40, "80"),
            (customers["c2"], specs["wolf"], date(2026, 10, 7), 3, "100"),
        ]
    )
    user = customer_manager.user
    volume = services.create_improvement_target(
        user=user, customer=customers["c1"], month=MONTH, metric=Metric.VOLUME, target=Decimal(40)
    )
    value = services.create_improvement_target(
        user=user, customer=customers["c1"], month=MONTH, metric=Metric.VALUE_PER_CARTON, target=Decimal(90)
    )
    wolf = services.create_improvement_target(
        user=user,
        customer=customers["c2"],
        month=MONTH,
        metric=Metric.SET_VOLUME,
        target=Decimal(2),
        spec=specs["wolf"],
    )
    # then the baselines: 90 / 3 = 30 条; (1,500 + 1,500 + 1,800) / 90 = 53.33 元; 3 / 3 = 1 条 of 七匹狼
    assert (volume.baseline, value.baseline, wolf.baseline) == (Decimal("30.00"), Decimal("53.33"), Decimal("1.00"))

    # when
    testing.login(client, customer_manager)
    response = client.get(reverse("targets:improvementtarget_list"), {"month": "2026-11"})

    # then 40 ≥ 40 met; 80 < 90 not met; 0 < 2 not met: 1 of 3
    found = {row["target"].pk: (row["actual"], row["met"]) for row in response.context["rows"]}
    assert found == {volume.pk: (Decimal(40), True), value.pk: (Decimal("80.00"), False), wolf.pk: (Decimal(0), False)}
    assert response.context["achievement_rate"] == 1 / 3
    assert "33.3%" in response.content.decode()


def test_an_improvement_target_only_for_ones_own_customer(customers, customer_manager):
    before = rows(ImprovementTarget)()
    with pytest.raises(PermissionDenied):
        services.create_improvement_target(
            user=customer_manager.user, customer=customers["c3"], month=MONTH, metric=Metric.VOLUME, target=Decimal(1)
        )
    assert rows(ImprovementTarget)() == before


def test_kpi_progress_is_the_distribution_rate_of_the_unit_so_far(client, customers, specs, kpi, customer_manager):
    # given team T1's customers C001, C002 (CM1) and C003 (CM2); C001 ordered 七匹狼 in November
    spec = kpi.brand_set.specs.get()
    add_lines(
        [(customers["c1"], spec, date(2026, 11, 3), 2, "100"), (customers["c4"], spec, date(2026, 11, 3), 5, "100")]
    )
    testing.login(client, customer_manager)

    # when
    response = client.get(reverse("targets:kpitarget_list"))

    # then 1 of 3 customers in business: 33.3 %, against 60 % (C004 of team T2 does not count)
    (row,) = response.context["rows"]
    assert (row["progress"].customers_ordering, row["progress"].customers_in_scope) == (1, 3)
    assert row["progress"].value == 1 / 3
    assert "60.0%" in response.content.decode()


test_add_line_access = view_matrix(
    lambda draft: reverse("targets:salestargetline_add", args=[draft.pk]),
    OWNER_ONLY_WRITE,
    method="post",
    data=lambda specs: {"spec": str(specs["red"].pk), "qty": "50", "amount": "4000"},
    snapshot=rows(SalesTargetLine),
)


def test_a_line_is_added_and_removed_while_the_target_is_a_draft(client, draft, specs, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when he adds a line of 50 条 / 4,000 元 of 红南京
    client.post(
        reverse("targets:salestargetline_add", args=[draft.pk]),
        {"spec": specs["red"].pk, "qty": 50, "amount": "4000"},
    )

    # then
    line = SalesTargetLine.objects.get()
    assert (line.target, line.spec, line.qty, line.value_per_carton) == (draft, specs["red"], 50, Decimal("80.00"))

    # when the target is submitted, the line can no longer be removed
    services.submit_sales_target(user=customer_manager.user, target=draft, version=1)
    client.post(reverse("targets:salestargetline_delete", args=[line.pk]))
    assert SalesTargetLine.objects.count() == 1


def test_the_team_page_reads_in_a_fixed_number_of_queries(
    client, customers, specs, draft, colleague, market_manager, django_assert_num_queries
):
    # given two targets of the team and orders
    november_orders(customers, specs)
    services.save_sales_target(user=colleague.user, month=MONTH, qty=20, amount=Decimal("1000"))
    testing.login(client, market_manager)

    # then the session, the user, his staff record and unit (his scope), the team's managers, their targets, two
    # grouped forecast reads and one grouped actual read: the same for 2 managers or 120
    with django_assert_num_queries(9):
        client.get(reverse("targets:salestarget_list"), {"month": "2026-11"})


def test_the_distribution_rate_chart_finds_the_running_kpi_targets_of_its_specs(kpi, customer_manager, outsider):
    spec = kpi.brand_set.specs.get()
    assert kpi_targets_for_specs(customer_manager.user, [spec.pk], TODAY) == [kpi]
    # not before it starts, not to someone outside team T1
    assert kpi_targets_for_specs(customer_manager.user, [spec.pk], date(2026, 10, 31)) == []
    assert kpi_targets_for_specs(outsider.user, [spec.pk], TODAY) == []


def test_the_monthly_plan_shows_the_months_targets(client, draft, improvement, customer_manager, market_manager):
    # given CM1's plan of November 2026, his draft sales target (300 条, 24,000 元) and C001's improvement target
    from workbench.planning.services import start_plan

    plan = start_plan(user=customer_manager.user, month=MONTH)

    # when his market manager opens the plan
    testing.login(client, market_manager)
    page = client.get(reverse("planning:monthlyplan_detail", args=[plan.pk])).content.decode()

    # then the plan's page carries both, linked to the targets' own pages
    text = " ".join(page.split())
    assert "<h2>本月目标</h2> <p>销售目标: 300 条，24,000.00 元 · 草稿" in text
    assert reverse("targets:salestarget_detail", args=[draft.pk]) in page
    assert "<li>玄武食杂店 (C001): 销量(条) 0.00 → 40.00</li>" in text
