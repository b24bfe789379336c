"""Periods: whole months, months touched, previous period and "the 3 periods before" (metrics.md), presets, parsing."""

from datetime import date

import pytest

from workbench.lib.periods import (
    Period,
    PeriodError,
    add_months,
    parse_period,
    preset_period,
    shift_year,
)


def test_whole_months_are_detected():
    # given / when / then
    assert Period(date(2026, 1, 1), date(2026, 3, 31)).is_whole_months
    assert Period(date(2024, 2, 1), date(2024, 2, 29)).is_whole_months
    assert not Period(date(2024, 2, 1), date(2024, 2, 28)).is_whole_months
    assert not Period(date(2026, 1, 2), date(2026, 1, 31)).is_whole_months


def test_months_of_a_period_include_partial_ones():
    # given
    period = Period(date(2025, 11, 15), date(2026, 2, 3))

    # when
    months = period.months()

    # then
    assert months == [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert period.month_count == 4
    assert period.days == 81


def test_previous_period_of_whole_months_is_as_many_months_before():
    # given: February–April 2026, three whole months
    period = Period(date(2026, 2, 1), date(2026, 4, 30))

    # when
    previous = period.previous()

    # then: November 2025 – January 2026
    assert previous == Period(date(2025, 11, 1), date(2026, 1, 31))


def test_previous_period_of_one_whole_month_crosses_february():
    # given
    period = Period.month(2024, 3)

    # when / then: February 2024 with its 29 days
    assert period.previous() == Period(date(2024, 2, 1), date(2024, 2, 29))


def test_previous_period_of_odd_days_is_as_many_days_before():
    # given: 10 days
    period = Period(date(2026, 3, 5), date(2026, 3, 14))

    # when / then: the 10 days before 5 March
    assert period.previous() == Period(date(2026, 2, 23), date(2026, 3, 4))


def test_three_periods_before_whole_months_are_three_times_as_many_months():
    # given: two whole months
    period = Period(date(2026, 5, 1), date(2026, 6, 30))

    # when / then: the six months November 2025 – April 2026
    assert period.periods_before(3) == Period(date(2025, 11, 1), date(2026, 4, 30))


def test_three_periods_before_odd_days_are_three_times_as_many_days():
    # given: 15 days
    period = Period(date(2026, 3, 16), date(2026, 3, 30))

    # when / then: the 45 days before 16 March
    before = period.periods_before(3)
    assert before == Period(date(2026, 1, 30), date(2026, 3, 15))
    assert before.days == 45


def test_split_whole_months_keeps_partial_edges_apart():
    # given
    period = Period(date(2026, 1, 15), date(2026, 4, 10))

    # when
    whole, edges = period.split_whole_months()

    # then
    assert whole == Period(date(2026, 2, 1), date(2026, 3, 31))
    assert edges == [Period(date(2026, 1, 15), date(2026, 1, 31)), Period(date(2026, 4, 1), date(2026, 4, 10))]


def test_split_whole_months_without_a_whole_month():
    # given: the ends of two neighbouring months
    period = Period(date(2026, 1, 20), date(2026, 2, 10))

    # when
    whole, edges = period.split_whole_months()

    # then
    assert whole is None
    assert edges == [Period(date(2026, 1, 20), date(2026, 1, 31)), Period(date(2026, 2, 1), date(2026, 2, 10))]


def test_split_whole_months_of_whole_months_has_no_edge():
    # given
    period = Period(date(2026, 1, 1), date(2026, 6, 30))

    # when / then
    assert period.split_whole_months() == (period, [])


def test_shift_year_keeps_month_ends():
    # given / when / then
    assert shift_year(date(2024, 2, 29), -1) == date(2023, 2, 28)
    assert shift_year(date(2025, 2, 28), -1) == date(2024, 2, 29)
    assert shift_year(date(2026, 1, 15), -1) == date(2025, 1, 15)
    assert Period.month(2025, 2).shift_years(-1) == Period.month(2024, 2)


def test_add_months_crosses_years():
    # given / when / then
    assert add_months(date(2026, 1, 31), -1) == date(2025, 12, 1)
    assert add_months(date(2025, 11, 1), 3) == date(2026, 2, 1)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("this_month", Period(date(2026, 5, 1), date(2026, 5, 31))),
        ("last_month", Period(date(2026, 4, 1), date(2026, 4, 30))),
        ("last_3_months", Period(date(2026, 2, 1), date(2026, 4, 30))),
        ("year_to_date", Period(date(2026, 1, 1), date(2026, 5, 20))),
    ],
)
def test_presets(name, expected):
    # given
    today = date(2026, 5, 20)

    # when / then
    assert preset_period(name, today) == expected


def test_parse_period_reads_both_dates():
    # given / when
    period = parse_period("2026-01-01", "2026-06-30")

    # then
    assert period == Period(date(2026, 1, 1), date(2026, 6, 30))


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        ("2026-02-01", "2026-01-31", "from", "The start date is after the end date."),
        ("2026-13-01", "2026-12-31", "from", "“2026-13-01” is not a date (use YYYY-MM-DD)."),
        ("2026-01-01", "tomorrow", "to", "“tomorrow” is not a date (use YYYY-MM-DD)."),
        ("", "2026-01-31", "from", "Give the start date (from)."),
        ("2026-01-01", None, "to", "Give the end date (to)."),
    ],
)
def test_parse_period_errors_name_the_field(start, end, field, message):
    # given / when
    with pytest.raises(PeriodError) as error:
        parse_period(start, end)

    # then
    assert error.value.field == field
    assert str(error.value.message) == message


def test_parse_period_rejects_a_preset_with_other_dates():
    # given / when
    with pytest.raises(PeriodError) as error:
        parse_period("2026-01-01", "2026-01-31", preset="last_month", today=date(2026, 5, 20))

    # then
    assert error.value.field == "period"
    assert str(error.value.message) == "The period preset and the dates disagree: choose “Custom” to use the dates."


def test_parse_period_accepts_a_preset_with_its_own_dates():
    # given / when
    period = parse_period("2026-04-01", "2026-04-30", preset="last_month", today=date(2026, 5, 20))

    # then
    assert period == Period.month(2026, 4)


def test_parse_period_rejects_an_unknown_preset():
    # given / when
    with pytest.raises(PeriodError) as error:
        parse_period(None, None, preset="next_decade", today=date(2026, 5, 20))

    # then
    assert (error.value.field, str(error.value.message)) == ("period", "Unknown period “next_decade”.")


def test_parse_period_reads_a_preset():
    # given / when / then
    assert parse_period(None, None, preset="last_month", today=date(2026, 5, 20)) == Period.month(2026, 4)
