"""The sales forecast on data whose answer is known: the trend path, the fallback, a zero denominator, the city's
forecast in two queries."""

from datetime import date
from decimal import Decimal

from workbench.targets.forecast import MEAN, TREND, forecast_for, forecasts_by_manager, sum_forecasts
from workbench.targets.tests.conftest import add_lines

NOVEMBER = date(2026, 11, 1)


def history(customers, specs):
    """CM1 (C001, C002) on the trend path, CM2 (C003) on the fallback path, CM3 (C004) with no orders at all."""
    red, wolf = specs["red"], specs["wolf"]
    c1, c2, c3 = customers["c1"], customers["c2"], customers["c3"]
    add_lines(
        [
            # CM1 a year earlier: 100 条 a month at 50 元 in Aug–Oct 2025 (300 条, 15,000 元) ...
            (c1, red, date(2025, 8, 5), 100, "50"),
            (c1, red, date(2025, 9, 5), 100, "50"),
            (c1, red, date(2025, 10, 5), 100, "50"),
            # ... and November 2025, the base: 120 + 1 条, 6,050 元
            (c1, red, date(2025, 11, 5), 120, "50"),
            (c2, red, date(2025, 11, 12), 1, "50"),
            # CM1 in Aug–Oct 2026: 110 + 120 + 130 = 360 条 at 55 元 = 19,800 元
            (c1, red, date(2026, 8, 5), 110, "55"),
            (c1, red, date(2026, 9, 5), 120, "55"),
            (c2, red, date(2026, 10, 7), 130, "55"),
            # CM2: nothing in Aug–Oct 2025 (the year-ago sum is 0), a base month that must be ignored, and
            # 10 + 20 + 31 = 61 条 at 100 元 in Aug–Oct 2026
            (c3, wolf, date(2025, 11, 5), 50, "100"),
            (c3, wolf, date(2026, 8, 5), 10, "100"),
            (c3, wolf, date(2026, 9, 5), 20, "100"),
            (c3, wolf, date(2026, 10, 5), 31, "100"),
            # Orders outside the months read change nothing: July 2025, November 2026 itself
            (c1, red, date(2025, 7, 5), 999, "50"),
            (c1, red, date(2026, 11, 2), 999, "50"),
        ]
    )


def test_trend_path(customers, specs, customer_manager):
    # given CM1's history
    history(customers, specs)

    # when
    forecast = forecast_for(customer_manager.pk, NOVEMBER)

    # then 121 × 360 / 300 = 145.2 → 145 条; 6,050 × 19,800 / 15,000 = 7,986.00 元; 7,986 / 145 = 55.08
    assert forecast.quantity.method == TREND
    assert (forecast.quantity.base, forecast.quantity.recent, forecast.quantity.year_ago) == (121, 360, 300)
    assert forecast.quantity.trend == Decimal("1.2")
    assert forecast.amount_projection.trend == Decimal("1.32")
    assert (forecast.qty, forecast.amount, forecast.value_per_carton) == (145, Decimal("7986.00"), Decimal("55.08"))
    assert forecast.base_month == date(2025, 11, 1)
    assert (forecast.recent_months.start, forecast.recent_months.end) == (date(2026, 8, 1), date(2026, 10, 31))
    assert (forecast.year_ago_months.start, forecast.year_ago_months.end) == (date(2025, 8, 1), date(2025, 10, 31))


def test_fallback_when_the_year_ago_months_have_no_orders(customers, specs, colleague):
    # given CM2's history: no orders in Aug–Oct 2025
    history(customers, specs)

    # when
    forecast = forecast_for(colleague.pk, NOVEMBER)

    # then the mean of Aug–Oct 2026: 61 / 3 = 20.33 → 20 条, 6,100 / 3 = 2,033.33 元, 单条值 2,033.33 / 20
    assert forecast.quantity.method == MEAN
    assert forecast.quantity.trend is None
    assert (forecast.quantity.base, forecast.quantity.recent, forecast.quantity.year_ago) == (50, 61, 0)
    assert (forecast.qty, forecast.amount, forecast.value_per_carton) == (20, Decimal("2033.33"), Decimal("101.67"))


def test_no_orders_at_all_is_a_forecast_of_zero_without_value_per_carton(customers, specs, outsider):
    # given CM3 (C004) never ordered
    history(customers, specs)

    # when
    forecast = forecast_for(outsider.pk, NOVEMBER)

    # then both sums are 0: the fallback, a mean of 0, and no 单条值 (a zero denominator)
    assert forecast.quantity.method == MEAN
    assert (forecast.qty, forecast.amount, forecast.value_per_carton) == (0, Decimal("0.00"), None)


def test_a_base_month_without_orders_forecasts_zero_on_the_trend_path(customers, specs, customer_manager):
    # given CM1 ordered in both 3-month runs but not in November 2025
    red, c1 = specs["red"], customers["c1"]
    add_lines([(c1, red, date(2025, 9, 5), 10, "50"), (c1, red, date(2026, 9, 5), 20, "50")])

    # when
    forecast = forecast_for(customer_manager.pk, NOVEMBER)

    # then the formula as written: 0 × 2 = 0
    assert (forecast.quantity.method, forecast.quantity.trend, forecast.qty) == (TREND, Decimal(2), 0)


def test_the_whole_city_in_two_queries_and_a_team_is_the_sum(
    customers, specs, customer_manager, colleague, django_assert_num_queries
):
    # given the history of CM1 and CM2
    history(customers, specs)

    # when every manager's forecast is read at once
    with django_assert_num_queries(2):
        forecasts = forecasts_by_manager(None, NOVEMBER)

    # then one forecast per manager with orders in the months read, and the team's is their sum
    assert {key: value.qty for key, value in forecasts.items()} == {customer_manager.pk: 145, colleague.pk: 20}
    team = sum_forecasts(forecasts.values(), NOVEMBER)
    assert (team.qty, team.amount, team.quantity.method) == (165, Decimal("10019.33"), MEAN)
    assert (team.quantity.recent, team.quantity.year_ago) == (421, 300)
