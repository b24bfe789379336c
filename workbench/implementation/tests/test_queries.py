"""The sample-point reports on hand-built data with known answers (docs/definitions.md#sample-points)."""

from datetime import date

from workbench.implementation.tests.conftest import JANUARY


def test_stock_to_sales_takes_the_last_observation_against_the_four_weeks_before_it(run, samples, customer_manager):
    # when CM1 asks for January
    result = run("stock-to-sales", customer_manager, **JANUARY)
    # then one row per sample point × spec, the last January observation's stock over the 28 days before it
    assert [
        (row["customer_code"], row["spec_code"], row["observed_on"], row["stock_qty"], row["order_qty"])
        for row in result.rows
    ] == [
        ("S1", "A", date(2026, 1, 20), 6, 30),  # 12-25 and 01-05; the visit day's 50 not counted
        ("S1", "B", date(2026, 1, 20), 4, 0),
        ("S2", "A", date(2026, 1, 15), 9, 6),  # 12-20; 12-10 is before the 4 weeks
        ("S2", "C", date(2026, 1, 15), 3, 0),
    ]
    assert [row["stock_to_sales"] for row in result.rows] == [6 / 30, None, 9 / 6, None]
    # and the total is Σ stock ÷ Σ 订购量, not a mean of the ratios
    assert result.total == {"stock_qty": 22, "order_qty": 36, "stock_to_sales": 22 / 36}


def test_stock_to_sales_limited_to_specs(run, samples, customer_manager):
    result = run("stock-to-sales", customer_manager, specs="B", **JANUARY)
    assert [(row["customer_code"], row["spec_code"]) for row in result.rows] == [("S1", "B")]
    assert result.total == {"stock_qty": 4, "order_qty": 0, "stock_to_sales": None}


def test_customer_stockout_rate_counts_sample_points_not_lines(run, samples, customer_manager):
    # when CM1 asks for A and B in January (the three periods before: October to December)
    result = run("customer-stockout-rate", customer_manager, specs="A,B", **JANUARY)
    # then A: S1 ran out (01-10) of the two sample points that ordered it; B: nobody ordered it before
    rows = {row["spec_code"]: row for row in result.rows}
    assert rows["A"] == {
        "spec_code": "A",
        "spec_name": "红南京",
        "observed_customers": 2,
        "stockout_customers": 1,
        "buyers_before": 2,
        "customer_stockout_rate": 1 / 2,
    }
    assert (rows["B"]["stockout_customers"], rows["B"]["buyers_before"], rows["B"]["customer_stockout_rate"]) == (
        1,
        0,
        None,  # a zero denominator is null, N1's November order does not count (not a sample point)
    )
    # and the set counts each customer once
    assert result.total == {
        "observed_customers": 2,
        "stockout_customers": 1,
        "buyers_before": 2,
        "customer_stockout_rate": 1 / 2,
    }


def test_the_market_manager_counts_his_teams_sample_points(run, samples, market_manager):
    # given MM1 sees CM1's and CM2's customers: S3 ran out of A and ordered it in December
    result = run("customer-stockout-rate", market_manager, specs="A", **JANUARY)
    assert (result.rows[0]["stockout_customers"], result.rows[0]["buyers_before"]) == (2, 3)
    assert result.rows[0]["customer_stockout_rate"] == 2 / 3


def test_retail_prices_against_the_guide(run, samples, customer_manager):
    result = run("retail-prices", customer_manager, **JANUARY)
    # then A: 100, 105, 98 against 100; B has no guide; C's one observation has no price (no row)
    assert [row["spec_code"] for row in result.rows] == ["A", "B"]
    a, b = result.rows
    assert (a["guide_price"], a["observations"], str(a["mean_price"]), a["min_price"], a["max_price"]) == (
        100,
        3,
        "101.00",
        98,
        105,
    )
    assert (a["above_guide"], a["above_guide_share"]) == (1, 1 / 3)
    assert (b["guide_price"], b["observations"], str(b["mean_price"]), b["above_guide"], b["above_guide_share"]) == (
        None,
        1,
        "50.00",
        None,
        None,
    )
    # and the total counts the specs with a guide only
    assert result.total == {"observations": 3, "above_guide": 1, "above_guide_share": 1 / 3}


def test_no_observations_no_numbers(run, customer_manager, db):
    result = run("retail-prices", customer_manager, **JANUARY)
    assert result.rows == []
    assert result.total == {"observations": 0, "above_guide": 0, "above_guide_share": None}
    result = run("stock-to-sales", customer_manager, **JANUARY)
    assert result.total == {"stock_qty": 0, "order_qty": 0, "stock_to_sales": None}
