"""The charts of the reports that had none, and 四率's note where 动销率 passes 100 %, on data.py's territory."""

from datetime import date
from decimal import Decimal

from workbench.analysis.tests.data import add_line
from workbench.customers.models import CustomerSet
from workbench.orders.summaries import rebuild_all_summaries
from workbench.targets.models import KpiMetric, KpiTarget
from workbench.visits.models import MarketOpportunity

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


def test_supply_demand_charts_the_short_specs_and_the_fill_rate_spread(territory, customer_manager, run):
    # given / when: CM1's January lines
    result = run("supply-demand", customer_manager, **JANUARY)

    # then: 6901 13 asked, 9 ordered; 6903 12 and 8; 6902 fully served is not short
    short = result.extras["chart"]["data"]
    assert short["labels"] == ["七匹狼(软通泰)", "南京(红)"]
    assert [dataset["data"] for dataset in short["datasets"]] == [[13, 12], [9, 8]]
    # C002 8/12 = 66.7 %, C001 10/14 = 71.4 %, C005 and C006 fully served
    spread = result.extras["spread_chart"]["data"]
    assert spread["labels"][6:] == ["60–70%", "70–80%", "80–90%", "90–100%", "100%"]
    assert spread["datasets"][0]["data"] == [0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 2]


def test_classification_overview_charts_classes_or_grades(territory, customer_manager, run):
    # given / when
    by_class = run("classification-overview", customer_manager, **JANUARY)
    by_grade = run("classification-overview", customer_manager, **JANUARY, by="grade")

    # then: A(CM1, January) is C001 CZ2 grade 10, C002 CB1 20, C005 XZ3 10, C006 CY2 5
    assert by_class.extras["chart"]["data"]["labels"] == ["CB1", "CY2", "CZ2", "XZ3"]
    assert by_class.extras["chart"]["data"]["datasets"][0]["data"] == [1, 1, 1, 1]
    assert by_grade.extras["chart"]["data"]["labels"] == ["5", "10", "20"]
    assert by_grade.extras["chart"]["data"]["datasets"][0]["data"] == [1, 2, 1]


def test_customer_set_sales_charts_the_top_buyers(territory, customer_manager, run):
    # given: a set of C001 (10 cartons in January), C002 (8) and C006 (1)
    customers = territory["customers"]
    customer_set = CustomerSet.objects.create(owner=customer_manager, name="三户")
    customer_set.members.set([customers["C006"], customers["C002"], customers["C001"]])

    # when
    result = run("customer-set-sales", customer_manager, **JANUARY, customer_set=str(customer_set.pk))

    # then: largest first
    chart = result.extras["chart"]["data"]
    assert chart["labels"] == ["店C001", "店C002", "店C006"]
    assert chart["datasets"][0]["data"] == [10, 8, 1]


def test_four_rates_says_why_a_movement_rate_passes_100_percent(territory, customer_manager, run):
    # given: C002 orders 6902 in January too: 3 buyers against 2 in October–December
    add_line(territory["customers"]["C002"], territory["specs"]["6902"], date(2026, 1, 14), 1, 1)
    rebuild_all_summaries()

    # when
    result = run("four-rates", customer_manager, **JANUARY, specs="6902")
    plain = run("four-rates", customer_manager, **JANUARY, specs="6901")

    # then: 150 % for the spec and the set; 6901's 3 against 3 needs no note
    assert result.rows[0]["movement_rate"] == 1.5
    assert result.extras["movement_note"] == {"specs": ["七匹狼(红)"], "set": True}
    assert plain.extras["movement_note"] is None


def test_opportunity_analysis_charts_types_stacked_by_status(territory, customer_manager, colleague, run):
    # given: CM1 found two new shops (one pending, one converted) and an event in January; CM2's does not count
    customers = territory["customers"]
    for staff, customer, type_, status in [
        (customer_manager, customers["C001"], "new_shop", "converted"),
        (customer_manager, customers["C002"], "new_shop", "pending"),
        (customer_manager, None, "event", "pending"),
        (colleague, customers["C003"], "event", "converted"),
    ]:
        MarketOpportunity.objects.create(
            staff=staff, customer=customer, type=type_, status=status, found_on=date(2026, 1, 12), description="…"
        )

    # when
    result = run("opportunity-analysis", customer_manager, **JANUARY)

    # then: the types in their order, one segment per status present, in the statuses' order
    chart = result.extras["chart"]["data"]
    assert chart["labels"] == ["New shop", "Exhibition or event"]
    assert [(dataset["label"], dataset["data"]) for dataset in chart["datasets"]] == [
        ("Pending", [1, 1]),
        ("Converted", [1, 0]),
    ]


def test_the_distribution_rate_chart_draws_the_kpi_target_of_its_brand_set(
    territory, customer_manager, market_manager, org, run
):
    # given MM1's KPI target for team T1: the brand set 七匹狼 at 60 % 铺货率 from January to March 2026, and a
    # 动销率 target of the same set, which the 铺货率 chart does not draw
    brand_set = territory["brand_set"]
    KpiTarget.objects.create(
        owner=market_manager,
        unit=org["team1"],
        brand_set=brand_set,
        target_rate=Decimal("0.6"),
        starts_on=date(2026, 1, 1),
        due_on=date(2026, 3, 31),
    )
    KpiTarget.objects.create(
        owner=market_manager,
        unit=org["team1"],
        brand_set=brand_set,
        metric=KpiMetric.MOVEMENT_RATE,
        target_rate=Decimal("0.9"),
        starts_on=date(2026, 1, 1),
        due_on=date(2026, 3, 31),
    )

    # when CM1 runs 铺货率 of the set for January, and for December 2025 (before the target starts)
    january = run("distribution-rate", customer_manager, **JANUARY, brand_set=str(brand_set.pk))
    december = run(
        "distribution-rate", customer_manager, **{"from": "2025-12-01", "to": "2025-12-31"}, brand_set=str(brand_set.pk)
    )

    # then January's chart carries the rate and the KPI line at 60.0 %; December's only the rate
    datasets = january.extras["chart"]["data"]["datasets"]
    assert [dataset["label"] for dataset in datasets] == [
        "Distribution rate",
        "KPI target 60.0% (七匹狼, by 2026-03-31)",
    ]
    assert datasets[1]["data"] == [60.0]
    assert datasets[1]["borderDash"] == [2, 3]
    assert [dataset["label"] for dataset in december.extras["chart"]["data"]["datasets"]] == ["Distribution rate"]
