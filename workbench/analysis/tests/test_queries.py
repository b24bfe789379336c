"""Every indicator of metrics.md on the hand-built territory of tests/data.py, answers worked out by hand.

Reading guide: A(CM1, January 2026) = {C001, C002, C005 (opens 20 Jan), C006 (closes 10 Jan)}; C007 closed in
December and C008 opens in February. S1 = 6901, S2 = 6902, S3 = 6903; the brand set holds S1 and S2.
"""

from datetime import date
from decimal import Decimal

import pytest

from workbench import testing
from workbench.accounts.models import Role
from workbench.analysis.tests.data import add_line
from workbench.customers.models import CustomerSet
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.params import ReportError
from workbench.visits.models import MarketOpportunity

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}
# 9 December 2025 – 31 January 2026: a partial month (from the order lines) and a whole one (from the summaries).
DECEMBER_9_TO_JANUARY = {"from": "2025-12-09", "to": "2026-01-31"}


def by_key(rows, key):
    return {row[key]: row for row in rows}


# --- 经营情况信息 business overview ---------------------------------------------------------------------------


def test_business_overview_of_a_whole_month(territory, customer_manager, run):
    # given: CM1's January 2026 and January 2025

    # when
    result = run("business-overview", customer_manager, **JANUARY)

    # then: C001 10 条 / 1150 元, C002 8 / 640, C005 3 / 400, C006 1 / 100; last January C001 4 / 400
    assert result.rows == [
        {
            "month": "2026-01",
            "qty": 22,
            "amount": Decimal("2290.00"),
            "value_per_carton": Decimal("104.09"),
            "customers_ordering": 4,
            "qty_ly": 4,
            "amount_ly": Decimal("400.00"),
        }
    ]
    assert result.total == {
        "qty": 22,
        "amount": Decimal("2290.00"),
        "value_per_carton": Decimal("104.09"),
        "customers_ordering": 4,
        "qty_ly": 4,
        "amount_ly": Decimal("400.00"),
    }


def test_business_overview_of_a_brand_set(territory, customer_manager, run):
    # given: the brand set 七匹狼 (S1, S2)

    # when
    result = run("business-overview", customer_manager, brand_set=str(territory["brand_set"].pk), **JANUARY)

    # then: C001 10 条, C005 3, C006 1; C002 ordered none of the set
    assert result.total == {
        "qty": 14,
        "amount": Decimal("1650.00"),
        "value_per_carton": Decimal("117.86"),
        "customers_ordering": 3,
        "qty_ly": 4,
        "amount_ly": Decimal("400.00"),
    }


def test_business_overview_across_a_partial_and_a_whole_month(territory, customer_manager, run):
    # given: 9 December (lines) to 31 January (summaries)

    # when
    result = run("business-overview", customer_manager, **DECEMBER_9_TO_JANUARY)

    # then: December has C002's and C001's 6902; 8 December is outside; last year's December had nothing
    assert [(row["month"], row["qty"], row["amount"], row["customers_ordering"]) for row in result.rows] == [
        ("2025-12", 2, Decimal("300.00"), 2),
        ("2026-01", 22, Decimal("2290.00"), 4),
    ]
    assert [(row["qty_ly"], row["amount_ly"]) for row in result.rows] == [(0, Decimal("0")), (4, Decimal("400.00"))]
    # C001 and C002 ordered in both months: 4 distinct customers, not 6.
    assert result.total["customers_ordering"] == 4
    assert result.total["qty"] == 24
    assert result.total["value_per_carton"] == Decimal("107.92")


def test_business_overview_of_odd_days_compares_the_same_days_last_year(territory, customer_manager, run):
    # given: 10–31 January; last year's order of 6 January 2025 is outside 10–31 January 2025

    # when
    result = run("business-overview", customer_manager, **{"from": "2026-01-10", "to": "2026-01-31"})

    # then: C001's 12 January (2 条) and C005's 21 January (3 条)
    assert result.rows == [
        {
            "month": "2026-01",
            "qty": 5,
            "amount": Decimal("600.00"),
            "value_per_carton": Decimal("120.00"),
            "customers_ordering": 2,
            "qty_ly": 0,
            "amount_ly": Decimal("0"),
        }
    ]


def test_business_overview_has_a_row_for_every_month_even_without_orders(territory, customer_manager, run):
    # given / when
    result = run("business-overview", customer_manager, **{"from": "2026-01-01", "to": "2026-03-31"})

    # then
    assert [row["month"] for row in result.rows] == ["2026-01", "2026-02", "2026-03"]
    assert result.rows[1]["qty"] == 0
    assert result.rows[1]["value_per_carton"] is None


# --- 客户供需分析 supply and demand -----------------------------------------------------------------------------


def test_supply_demand_per_customer(territory, customer_manager, run):
    # given / when
    result = run("supply-demand", customer_manager, **JANUARY)

    # then: C001's line without demand counts as a line but neither as demand nor as short
    rows = by_key(result.rows, "customer_code")
    assert list(rows) == ["C001", "C002", "C005", "C006"]
    assert rows["C001"] == {
        "customer_code": "C001",
        "customer_name": "店C001",
        "demand_qty": 14,
        "limit_qty": 7,
        "limited_order_qty": 7,
        "order_qty": 10,
        "fill_rate": 10 / 14,
        "limit_fill_rate": 1.0,
        "lines": 5,
        "short_lines": 2,
    }
    assert (rows["C002"]["fill_rate"], rows["C002"]["limit_fill_rate"], rows["C002"]["short_lines"]) == (
        8 / 12,
        0.8,
        2,
    )
    # Lines without a limit only: the limit fill rate has no denominator.
    assert rows["C005"]["limit_qty"] == 0
    assert rows["C005"]["limit_fill_rate"] is None
    assert result.total == {
        "customers": 4,
        "demand_qty": 30,
        "limit_qty": 17,
        "limited_order_qty": 15,
        "order_qty": 22,
        "fill_rate": 22 / 30,
        "limit_fill_rate": 15 / 17,
        "lines": 10,
        "short_lines": 4,
    }


def test_supply_demand_of_odd_days_reads_the_lines(territory, customer_manager, run):
    # given: 6–7 January
    # when
    result = run("supply-demand", customer_manager, **{"from": "2026-01-06", "to": "2026-01-07"})

    # then: C002's two lines and C006's one
    assert [(row["customer_code"], row["demand_qty"], row["order_qty"]) for row in result.rows] == [
        ("C002", 12, 8),
        ("C006", 1, 1),
    ]


# --- 客户集销售查询-客户 customer-set sales ---------------------------------------------------------------------


@pytest.fixture
def customer_set(territory, customer_manager):
    """CM1's set of C001, C005 and C004 (C004 is CM3's: it never shows)."""
    customers = territory["customers"]
    customer_set = CustomerSet.objects.create(owner=customer_manager, name="重点户")
    customer_set.members.set([customers["C001"], customers["C005"], customers["C004"]])
    return customer_set


def test_customer_set_sales(customer_set, customer_manager, run):
    # given / when
    result = run("customer-set-sales", customer_manager, customer_set=str(customer_set.pk), **JANUARY)

    # then: C001 ordered on 5 and 12 January, C005 on 21 January (two specs, one day)
    assert result.rows == [
        {
            "customer_code": "C001",
            "customer_name": "店C001",
            "qty": 10,
            "amount": Decimal("1150.00"),
            "value_per_carton": Decimal("115.00"),
            "order_count": 2,
        },
        {
            "customer_code": "C005",
            "customer_name": "店C005",
            "qty": 3,
            "amount": Decimal("400.00"),
            "value_per_carton": Decimal("133.33"),
            "order_count": 1,
        },
    ]
    assert result.total == {
        "customers": 2,
        "qty": 13,
        "amount": Decimal("1550.00"),
        "value_per_carton": Decimal("119.23"),
        "order_count": 3,
    }


def test_customer_set_sales_keeps_customers_without_orders(customer_set, customer_manager, run):
    # given: S3, which C001 asked for but never got, and C005 never asked for
    # when
    result = run("customer-set-sales", customer_manager, customer_set=str(customer_set.pk), specs="6903", **JANUARY)

    # then
    assert [(row["customer_code"], row["qty"], row["value_per_carton"], row["order_count"]) for row in result.rows] == [
        ("C001", 0, None, 0),
        ("C005", 0, None, 0),
    ]


# --- 客户分类情况一览表 classification overview -----------------------------------------------------------------


def test_classification_overview_counts_customers_in_business_per_class(territory, customer_manager, run):
    # given / when
    result = run("classification-overview", customer_manager, **JANUARY)

    # then: C007 (closed in December) and C008 (opens in February) are not in business in January
    assert result.rows == [
        {"class_code": "CB1", "format": "B", "market_type": "C", "scale": "1", "customers": 1, "share": 0.25},
        {"class_code": "CY2", "format": "Y", "market_type": "C", "scale": "2", "customers": 1, "share": 0.25},
        {"class_code": "CZ2", "format": "Z", "market_type": "C", "scale": "2", "customers": 1, "share": 0.25},
        {"class_code": "XZ3", "format": "Z", "market_type": "X", "scale": "3", "customers": 1, "share": 0.25},
    ]
    assert result.total == {"customers": 4, "share": 1.0}


def test_classification_overview_by_grade(territory, customer_manager, run):
    # given / when
    result = run("classification-overview", customer_manager, by="grade", **JANUARY)

    # then
    assert result.rows == [
        {"grade": 5, "customers": 1, "share": 0.25},
        {"grade": 10, "customers": 2, "share": 0.5},
        {"grade": 20, "customers": 1, "share": 0.25},
    ]
    assert [column.key for column in result.columns] == ["grade", "customers", "share"]


# --- 客户分类销售情况一览表 classification sales ----------------------------------------------------------------


def test_classification_sales_of_one_spec_by_format(territory, customer_manager, run):
    # given / when
    result = run("classification-sales", customer_manager, specs="6901", **JANUARY)

    # then: 食杂店 C001 7 条 + C005 1; 便利店 C002 asked but got nothing; 烟酒店 C006 1
    assert result.rows == [
        {
            "format": "Z",
            "month": "2026-01",
            "qty": 8,
            "amount": Decimal("800.00"),
            "value_per_carton": Decimal("100.00"),
            "customers_ordering": 2,
        },
        {
            "format": "B",
            "month": "2026-01",
            "qty": 0,
            "amount": Decimal("0"),
            "value_per_carton": None,
            "customers_ordering": 0,
        },
        {
            "format": "Y",
            "month": "2026-01",
            "qty": 1,
            "amount": Decimal("100.00"),
            "value_per_carton": Decimal("100.00"),
            "customers_ordering": 1,
        },
    ]
    assert result.total == {
        "qty": 9,
        "amount": Decimal("900.00"),
        "value_per_carton": Decimal("100.00"),
        "customers_ordering": 3,
    }


def test_classification_sales_by_class_across_a_partial_month(territory, customer_manager, run):
    # given: 9 December – 31 January, every spec, per class
    # when
    result = run("classification-sales", customer_manager, by="class_code", **DECEMBER_9_TO_JANUARY)

    # then
    assert [(row["class_code"], row["month"], row["qty"], row["customers_ordering"]) for row in result.rows] == [
        ("CB1", "2025-12", 1, 1),
        ("CB1", "2026-01", 8, 1),
        ("CY2", "2025-12", 0, 0),
        ("CY2", "2026-01", 1, 1),
        ("CZ2", "2025-12", 1, 1),
        ("CZ2", "2026-01", 10, 1),
        ("XZ3", "2025-12", 0, 0),
        ("XZ3", "2026-01", 3, 1),
    ]
    assert result.total["customers_ordering"] == 4


# --- 市场机会分析 market opportunities --------------------------------------------------------------------------


@pytest.fixture
def opportunities(territory, customer_manager, colleague, outsider):
    customers = territory["customers"]

    def make(staff, customer, type_, status, estimated_qty, found_on):
        return MarketOpportunity.objects.create(
            staff=staff,
            customer=customers[customer] if customer else None,
            type=type_,
            status=status,
            estimated_qty=estimated_qty,
            found_on=found_on,
            description="…",
        )

    make(customer_manager, "C001", "new_shop", "pending", 10, date(2026, 1, 5))
    make(customer_manager, "C002", "new_shop", "pending", 5, date(2026, 1, 20))
    make(customer_manager, None, "event", "converted", None, date(2026, 1, 10))
    make(customer_manager, "C001", "event", "pending", 3, date(2025, 12, 31))  # before the period
    make(colleague, "C003", "new_shop", "pending", 7, date(2026, 1, 15))
    make(outsider, "C004", "event", "pending", 2, date(2026, 1, 3))


def test_opportunity_analysis_of_a_customer_manager(opportunities, customer_manager, run):
    # given / when
    result = run("opportunity-analysis", customer_manager, **JANUARY)

    # then
    assert result.rows == [
        {"type": "new_shop", "status": "pending", "count": 2, "estimated_qty": 15},
        {"type": "event", "status": "converted", "count": 1, "estimated_qty": 0},
    ]
    assert result.total == {"count": 3, "estimated_qty": 15}


def test_opportunity_analysis_of_a_market_manager(opportunities, market_manager, run):
    # given / when
    result = run("opportunity-analysis", market_manager, **JANUARY)

    # then: CM2's opportunity joins; CM3 is in another team
    assert result.rows == [
        {"type": "new_shop", "status": "pending", "count": 3, "estimated_qty": 22},
        {"type": "event", "status": "converted", "count": 1, "estimated_qty": 0},
    ]


def test_opportunity_analysis_of_a_customer_set_counts_its_customers_only(
    opportunities, customer_set, customer_manager, run
):
    # given / when
    result = run("opportunity-analysis", customer_manager, customer_set=str(customer_set.pk), **JANUARY)

    # then
    assert result.rows == [{"type": "new_shop", "status": "pending", "count": 1, "estimated_qty": 10}]


# --- 铺货率查询 distribution rate -------------------------------------------------------------------------------


def test_distribution_rate_of_a_brand_set(territory, customer_manager, run):
    # given / when
    result = run("distribution-rate", customer_manager, brand_set=str(territory["brand_set"].pk), **JANUARY)

    # then: S1 by C001, C005, C006; S2 by C001, C005; the set by C001, C005, C006 (C001 and C005 once each)
    assert result.rows == [
        {
            "spec_code": "6901",
            "spec_name": "七匹狼(软通泰)",
            "customers_in_scope": 4,
            "customers_ordering": 3,
            "distribution_rate": 0.75,
        },
        {
            "spec_code": "6902",
            "spec_name": "七匹狼(红)",
            "customers_in_scope": 4,
            "customers_ordering": 2,
            "distribution_rate": 0.5,
        },
    ]
    assert result.total == {"customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75}


def test_distribution_rate_across_a_partial_and_a_whole_month(territory, customer_manager, run):
    # given: 9 December – 31 January; C007 (closed 15 December) is in business during it
    # when
    result = run("distribution-rate", customer_manager, specs="6901,6902", **DECEMBER_9_TO_JANUARY)

    # then: S2 by C002 and C001 in December, C001 and C005 in January; the set by C001, C002, C005, C006
    rows = by_key(result.rows, "spec_code")
    assert (rows["6901"]["customers_ordering"], rows["6901"]["customers_in_scope"]) == (3, 5)
    assert (rows["6902"]["customers_ordering"], rows["6902"]["distribution_rate"]) == (3, 0.6)
    assert result.total == {"customers_in_scope": 5, "customers_ordering": 4, "distribution_rate": 0.8}


def test_distribution_rate_trend_is_each_month_taken_alone(territory, customer_manager, run):
    # given: 9 December – 31 January for S1 and S2
    # when
    result = run("distribution-rate", customer_manager, specs="6901,6902", **DECEMBER_9_TO_JANUARY)

    # then: 9–31 December, A = C001, C002, C006, C007 and C002, C001 ordered S2 (C001's S1 of the 8th is before);
    # January, A = C001, C002, C005, C006 and C001, C005, C006 ordered (C002's S1 line ordered nothing)
    assert result.extras["trend"] == [
        {"month": "2025-12", "customers_in_scope": 4, "customers_ordering": 2, "distribution_rate": 0.5},
        {"month": "2026-01", "customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75},
    ]
    # and each point is the report's total over that month alone
    december = run(
        "distribution-rate", customer_manager, specs="6901,6902", **{"from": "2025-12-09", "to": "2025-12-31"}
    )
    january = run("distribution-rate", customer_manager, specs="6901,6902", **JANUARY)
    assert [point["customers_ordering"] for point in result.extras["trend"]] == [
        december.total["customers_ordering"],
        january.total["customers_ordering"],
    ]
    assert december.extras["trend"] == [{"month": "2025-12", **december.total}]


def test_distribution_rate_of_an_empty_scope_is_null(territory, org, run):
    # given: a new customer manager without customers
    newcomer = testing.make_staff("CM9", Role.CUSTOMER_MANAGER, org["team2"])

    # when
    result = run("distribution-rate", newcomer, specs="6901", **JANUARY)

    # then
    assert result.rows[0]["distribution_rate"] is None
    assert result.total == {"customers_in_scope": 0, "customers_ordering": 0, "distribution_rate": None}


# --- 订货次数查询 order frequency -------------------------------------------------------------------------------


def test_order_frequency_of_every_spec(territory, customer_manager, run):
    # given / when
    result = run("order-frequency", customer_manager, **JANUARY)

    # then: C001 ordered on 5 and 12 January (19 and 26 January had no order quantity)
    assert [(row["customer_code"], row["order_count"], row["qty"]) for row in result.rows] == [
        ("C001", 2, 10),
        ("C002", 1, 8),
        ("C005", 1, 3),
        ("C006", 1, 1),
    ]
    assert result.total == {"customers": 4, "order_count": 5, "qty": 22, "histogram": {0: 0, 1: 3, 2: 1}}
    assert result.extras["histogram"] == [
        {"order_count": 0, "customers": 0},
        {"order_count": 1, "customers": 3},
        {"order_count": 2, "customers": 1},
    ]


def test_order_frequency_of_a_brand_set_counts_days_not_specs(territory, customer_manager, run):
    # given: C001 ordered S1 and S2 on 5 January, C005 both on 21 January
    # when
    result = run("order-frequency", customer_manager, brand_set=str(territory["brand_set"].pk), **JANUARY)

    # then: zero included for C002
    assert [(row["customer_code"], row["order_count"]) for row in result.rows] == [
        ("C001", 2),
        ("C002", 0),
        ("C005", 1),
        ("C006", 1),
    ]
    assert result.total["histogram"] == {0: 1, 1: 2, 2: 1}


def test_order_frequency_across_a_partial_and_a_whole_month(territory, customer_manager, run):
    # given / when
    result = run("order-frequency", customer_manager, brand_set=str(territory["brand_set"].pk), **DECEMBER_9_TO_JANUARY)

    # then: C001 on 20 December, 5 and 12 January; C007 in business until 15 December, without orders
    assert [(row["customer_code"], row["order_count"]) for row in result.rows] == [
        ("C001", 3),
        ("C002", 1),
        ("C005", 1),
        ("C006", 1),
        ("C007", 0),
    ]
    assert result.total["histogram"] == {0: 1, 1: 3, 2: 0, 3: 1}


# --- 四率查询 four rates ----------------------------------------------------------------------------------------


def test_four_rates_of_a_brand_set_in_a_whole_month(territory, customer_manager, run):
    # given: previous period December, the 3 periods before October–December
    # when
    result = run("four-rates", customer_manager, brand_set=str(territory["brand_set"].pk), **JANUARY)

    # then
    rows = by_key(result.rows, "spec_code")
    assert rows["6901"] == {
        "spec_code": "6901",
        "spec_name": "七匹狼(软通泰)",
        "customers_ordering": 3,
        "customers_in_scope": 4,
        "distribution_rate": 0.75,
        "buyers": 3,  # C001, C005, C006
        "buyers_before": 3,  # C002 in October, C007 in November, C001 in December
        "movement_rate": 1.0,
        "stockout_lines": 1,  # C002's
        "demand_lines": 5,
        "stockout_rate": 0.2,
        "repeat_buyers": 1,  # C001 ordered S1 in December too
        "repurchase_rate": 1 / 3,
    }
    assert (rows["6902"]["buyers"], rows["6902"]["buyers_before"], rows["6902"]["repeat_buyers"]) == (2, 2, 1)
    # C001's 6902 line without demand is no demand line.
    assert (rows["6902"]["demand_lines"], rows["6902"]["stockout_rate"]) == (2, 0.0)
    assert result.total == {
        "customers_ordering": 3,
        "customers_in_scope": 4,
        "distribution_rate": 0.75,
        "buyers": 3,
        "buyers_before": 3,  # C001, C002, C007 once each
        "movement_rate": 1.0,
        "stockout_lines": 1,
        "demand_lines": 7,
        "stockout_rate": 1 / 7,
        "repeat_buyers": 1,
        "repurchase_rate": 1 / 3,
    }


def test_four_rates_without_orders_before_gives_a_null_movement_rate(territory, customer_manager, run):
    # given: nobody ordered S3 before January
    # when
    result = run("four-rates", customer_manager, specs="6903", **JANUARY)

    # then
    row = result.rows[0]
    assert (row["buyers"], row["buyers_before"], row["movement_rate"]) == (1, 0, None)
    assert (row["repeat_buyers"], row["repurchase_rate"]) == (0, 0.0)
    assert (row["stockout_lines"], row["demand_lines"], row["stockout_rate"]) == (1, 2, 0.5)
    assert row["distribution_rate"] == 0.25


def test_four_rates_of_odd_days_use_days_before(territory, customer_manager, run):
    # given: 10–19 January (10 days): previous period 31 December – 9 January, the 3 before 11 December – 9 January;
    # C005 opens on the 20th, C006 closes on the 10th (still in business)
    # when
    result = run("four-rates", customer_manager, specs="6901", **{"from": "2026-01-10", "to": "2026-01-19"})

    # then: only C001 ordered S1 (12 January); C001 and C006 ordered it in the days before
    row = result.rows[0]
    assert (row["customers_ordering"], row["customers_in_scope"]) == (1, 3)
    assert (row["buyers"], row["buyers_before"], row["movement_rate"]) == (1, 2, 0.5)
    assert (row["repeat_buyers"], row["repurchase_rate"]) == (1, 1.0)
    assert (row["stockout_lines"], row["demand_lines"], row["stockout_rate"]) == (0, 1, 0.0)


def test_four_rates_of_odd_days_mix_partial_and_whole_months_before(territory, customer_manager, run):
    # given: 15 January – 14 February (31 days): previous period 15 December – 14 January (two partial months),
    # the 3 before 14 October – 14 January (a partial October from the lines, November and December from the
    # summaries, a partial January from the lines)
    # when
    result = run("four-rates", customer_manager, specs="6901", **{"from": "2026-01-15", "to": "2026-02-14"})

    # then: only C005 ordered S1 (21 January); before: C002 on 15 October, C007 in November, C001, C006
    row = result.rows[0]
    assert (row["buyers"], row["buyers_before"], row["movement_rate"]) == (1, 4, 0.25)
    # C005 did not order in the previous period (C001 and C006 did).
    assert (row["repeat_buyers"], row["repurchase_rate"]) == (0, 0.0)
    # A: C001, C002, C005 and C008 (opens 10 February); C006 closed on 10 January.
    assert (row["customers_ordering"], row["customers_in_scope"], row["distribution_rate"]) == (1, 4, 0.25)
    assert (row["stockout_lines"], row["demand_lines"]) == (0, 1)


def test_four_rates_of_a_whole_month_use_whole_months_before(territory, customer_manager, run):
    # given: February orders, and C002's order on 2 January (inside January, outside "the 28 days before")
    customers, specs = territory["customers"], territory["specs"]
    add_line(customers["C002"], specs["6901"], date(2026, 1, 2), 1, 1)
    add_line(customers["C002"], specs["6901"], date(2026, 2, 3), 1, 1)
    add_line(customers["C005"], specs["6901"], date(2026, 2, 2), 1, 1)
    rebuild_all_summaries()

    # when
    result = run("four-rates", customer_manager, specs="6901", **{"from": "2026-02-01", "to": "2026-02-28"})

    # then: previous period = January (C002 and C005 ordered), 3 before = November–January (C007 in November)
    row = result.rows[0]
    assert (row["repeat_buyers"], row["buyers"], row["repurchase_rate"]) == (2, 2, 1.0)
    assert (row["buyers_before"], row["movement_rate"]) == (5, 0.4)
    # A(CM1, February): C001, C002, C005 and C008 (opens 10 February).
    assert (row["customers_ordering"], row["customers_in_scope"], row["distribution_rate"]) == (2, 4, 0.5)


def test_four_rates_of_an_empty_scope_are_null(territory, org, run):
    # given
    newcomer = testing.make_staff("CM9", Role.CUSTOMER_MANAGER, org["team2"])

    # when
    result = run("four-rates", newcomer, specs="6901", **JANUARY)

    # then
    assert {key: result.total[key] for key in result.total if key.endswith("_rate")} == {
        "distribution_rate": None,
        "movement_rate": None,
        "stockout_rate": None,
        "repurchase_rate": None,
    }


def test_four_rates_follow_the_setting(territory, customer_manager, run, settings):
    # given: 四率 configured as 订足率 and 满足率
    settings.FOUR_RATES = ["limit_fill_rate", "fill_rate"]

    # when
    result = run("four-rates", customer_manager, specs="6901", **JANUARY)

    # then: S1 in January: limits 5 + 2 with 5 + 2 ordered; demand 5 + 4 + 2 + 1 + 1, ordered 5 + 2 + 1 + 1
    assert [column.key for column in result.columns] == [
        "spec_code",
        "spec_name",
        "limited_order_qty",
        "limit_qty",
        "limit_fill_rate",
        "order_qty",
        "demand_qty",
        "fill_rate",
    ]
    assert result.total == {
        "limited_order_qty": 7,
        "limit_qty": 7,
        "limit_fill_rate": 1.0,
        "order_qty": 9,
        "demand_qty": 13,
        "fill_rate": 9 / 13,
    }


# --- scope ----------------------------------------------------------------------------------------------------


def test_a_market_manager_sees_his_team(territory, market_manager, run):
    # given / when
    result = run("distribution-rate", market_manager, specs="6901", **JANUARY)

    # then: CM1's four customers in business and CM2's C003, which ordered S1
    assert result.total == {"customers_in_scope": 5, "customers_ordering": 4, "distribution_rate": 0.8}


def test_a_market_manager_may_narrow_to_one_customer_manager(territory, market_manager, run):
    # given / when
    result = run("distribution-rate", market_manager, scope="CM1", specs="6901", **JANUARY)

    # then
    assert result.total == {"customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75}
    assert result.params.as_json()["scope"] == "CM1"


def test_a_leader_may_ask_for_a_team(territory, leader, run):
    # given / when
    result = run("distribution-rate", leader, scope="T2", specs="6901", **JANUARY)

    # then: C004 alone
    assert result.total == {"customers_in_scope": 1, "customers_ordering": 1, "distribution_rate": 1.0}


def test_an_admin_sees_the_whole_city(territory, admin_staff, run):
    # given / when
    result = run("distribution-rate", admin_staff, specs="6901", **JANUARY)

    # then: A = C001, C002, C005, C006, C003, C004; S1 by all but C002
    assert result.total == {"customers_in_scope": 6, "customers_ordering": 5, "distribution_rate": 5 / 6}


@pytest.mark.parametrize(
    ("persona", "scope"),
    [
        ("customer_manager", "CM2"),  # a colleague
        ("customer_manager", "T1"),  # his own team: a customer manager asks for no org unit
        ("customer_manager", "NOPE"),
        ("market_manager", "CM3"),  # another team's customer manager
        ("market_manager", "T2"),
        ("market_manager", "D1"),  # above his own unit
    ],
)
def test_a_scope_outside_ones_own_is_not_found(territory, request, run, persona, scope):
    # given
    staff = request.getfixturevalue(persona)

    # when
    with pytest.raises(ReportError) as error:
        run("distribution-rate", staff, scope=scope, specs="6901", **JANUARY)

    # then
    assert error.value.status == 404
    assert error.value.field == "scope"
    assert str(error.value.message) == f"Unknown scope “{scope}”, or outside your own."
