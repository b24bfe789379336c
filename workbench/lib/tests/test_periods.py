"""Periods: whole months, months touched, previous period and "the 3 periods before" (docs/definitions.md#period),
presets, parsing."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured

from workbench.lib.periods import (
    Period,
    PeriodError,
    add_months,
    is_working_day,
    iso_week_key,
    parse_period,
    preset_period,
    shift_year,
    week_of,
    weeks_of_month,
    working_days,
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


def test_the_last_12_months_end_with_the_month_of_the_day():
    # given / when
    period = Period.months_ending(date(2026, 3, 15))

    # then
    assert period == Period(date(2025, 4, 1), date(2026, 3, 31))
    assert period.months()[0] == date(2025, 4, 1)
    assert len(period.months()) == 12
    assert Period.months_ending(date(2026, 1, 31), 1) == Period(date(2026, 1, 1), date(2026, 1, 31))


# ---------------------------------------------------------------------------------------------------------------
# Extreme dates and the longest period


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("0001-01-01", "9999-12-31", "from"),
        ("1899-12-31", "1900-01-31", "from"),
        ("2026-01-01", "3000-01-01", "to"),
        ("2026-01-01", "10000-01-01", "to"),
        ("0000-01-01", "2026-01-31", "from"),
    ],
)
def test_dates_beyond_the_supported_range_are_a_period_error(start, end, field):
    # when / then
    with pytest.raises(PeriodError) as error:
        parse_period(start, end)
    assert error.value.field == field
    assert type(error.value) is PeriodError


def test_the_supported_range_is_named_in_the_message():
    with pytest.raises(PeriodError, match="Dates must lie between 1900-01-01 and 2999-12-31."):
        parse_period("0001-01-01", "0001-01-31")


def test_arithmetic_near_the_ends_of_the_calendar_raises_a_period_error_not_a_value_error():
    # given periods the parser would refuse, built in code
    first_month = Period(date.min, date(1, 1, 31))
    first_days = Period(date(1, 1, 2), date(1, 1, 5))
    last_days = Period(date(9999, 12, 5), date.max)

    # when / then every derived period is a PeriodError naming the side that ran out
    for compute, field in [
        (first_month.previous, "from"),
        (lambda: first_month.shift_years(-1), "from"),
        (lambda: first_days.periods_before(3), "from"),
        (last_days.split_whole_months, "to"),
        (lambda: last_days.shift_years(1), "to"),
        (lambda: add_months(date(9999, 12, 1), 1), "to"),
        (lambda: week_of(date.max), "to"),
        (lambda: Period.months_ending(date(1, 6, 1)), "from"),
    ]:
        with pytest.raises(PeriodError) as error:
            compute()
        assert error.value.field == field


def test_a_period_of_at_most_five_years_is_accepted():
    # given / when
    period = parse_period("2021-01-01", "2025-12-31")

    # then
    assert period == Period(date(2021, 1, 1), date(2025, 12, 31))
    assert parse_period("1900-01-01", "1904-12-31").start == date(1900, 1, 1)


def test_a_longer_period_names_the_limit_on_the_end_date():
    # when / then
    with pytest.raises(PeriodError, match="^The period may span at most 5 years.$") as error:
        parse_period("2021-01-01", "2026-01-01")
    assert error.value.field == "to"


def test_the_longest_period_is_a_setting(settings):
    # given
    settings.WORKBENCH_MAX_PERIOD_YEARS = 1

    # when / then
    assert parse_period("2025-03-01", "2026-02-28").days == 365
    with pytest.raises(PeriodError, match="^The period may span at most 1 year.$") as error:
        parse_period("2025-03-01", "2026-03-01")
    assert error.value.field == "to"


# ---------------------------------------------------------------------------------------------------------------
# ISO weeks


def test_a_week_runs_from_monday_to_sunday():
    # given Thursday 1 January 2026
    # when / then
    assert week_of(date(2026, 1, 1)) == Period(date(2025, 12, 29), date(2026, 1, 4))
    assert week_of(date(2025, 12, 29)) == week_of(date(2026, 1, 4))
    assert week_of(date(2026, 1, 5)) == Period(date(2026, 1, 5), date(2026, 1, 11))


def test_iso_week_keys_use_the_iso_year():
    assert iso_week_key(date(2026, 1, 1)) == "2026-W01"
    assert iso_week_key(date(2025, 12, 29)) == "2026-W01"
    assert iso_week_key(date(2027, 1, 1)) == "2026-W53"  # a Friday: 2026 has 53 ISO weeks
    assert iso_week_key(date(2026, 3, 9)) == "2026-W11"


def test_the_weeks_of_a_month_are_whole_and_cover_it():
    # given March 2026: Sunday the 1st to Tuesday the 31st
    # when
    weeks = weeks_of_month(date(2026, 3, 17))

    # then six weeks, the first ending on the 1st, the last starting on the 30th
    assert [(week.start, week.end) for week in (weeks[0], weeks[-1])] == [
        (date(2026, 2, 23), date(2026, 3, 1)),
        (date(2026, 3, 30), date(2026, 4, 5)),
    ]
    assert [iso_week_key(week.start) for week in weeks] == [f"2026-W{number:02d}" for number in range(9, 15)]
    # February 2021 starts on a Monday and ends on a Sunday: exactly four weeks
    assert len(weeks_of_month(date(2021, 2, 1))) == 4


# ---------------------------------------------------------------------------------------------------------------
# Working days

# The State Council's arrangement of October 2025 (国庆节 and 中秋节): 1–8 October off, Saturday 11 October worked
# (and Sunday 28 September).
HOLIDAYS_2025_10 = "2025-10-01,2025-10-02,2025-10-03,2025-10-06,2025-10-07,2025-10-08"
EXTRA_2025_10 = "2025-09-28,2025-10-11"


def test_working_days_are_monday_to_friday_without_lists(settings):
    # given no holiday list
    settings.WORKBENCH_HOLIDAYS = ""
    settings.WORKBENCH_EXTRA_WORKING_DAYS = ""

    # when / then October 2025 (Wednesday the 1st to Friday the 31st) has 23 weekdays
    assert len(working_days(Period.month(2025, 10))) == 23
    assert not is_working_day(date(2025, 10, 4))  # a Saturday


def test_working_days_of_a_month_with_a_holiday_and_a_make_up_saturday(settings):
    # given the lists of October 2025
    settings.WORKBENCH_HOLIDAYS = HOLIDAYS_2025_10
    settings.WORKBENCH_EXTRA_WORKING_DAYS = EXTRA_2025_10

    # when
    days = working_days(Period.month(2025, 10))

    # then 23 weekdays − 6 holidays on weekdays + the make-up Saturday = 18
    assert len(days) == 18
    assert days[:3] == [date(2025, 10, 9), date(2025, 10, 10), date(2025, 10, 11)]
    assert days[-1] == date(2025, 10, 31)
    assert is_working_day(date(2025, 10, 11))  # Saturday, worked
    assert is_working_day(date(2025, 9, 28))  # Sunday, worked
    assert not is_working_day(date(2025, 10, 8))  # Wednesday, off
    assert is_working_day(date(2025, 10, 9))
    # the days elapsed by Friday 17 October: 9, 10, 11, 13–17
    assert len(working_days(Period(date(2025, 10, 1), date(2025, 10, 17)))) == 8


def test_the_lists_may_be_given_as_dates(settings):
    # given
    settings.WORKBENCH_HOLIDAYS = [date(2026, 1, 1), date(2026, 1, 2)]
    settings.WORKBENCH_EXTRA_WORKING_DAYS = ()

    # when / then January 2026 has 22 weekdays, two of them off
    assert len(working_days(Period.month(2026, 1))) == 20


def test_a_bad_date_in_a_list_or_a_day_in_both_lists_is_a_configuration_error(settings):
    settings.WORKBENCH_HOLIDAYS = "2025-10-01,2025-13-01"
    with pytest.raises(ImproperlyConfigured, match="WORKBENCH_HOLIDAYS: '2025-13-01' is not a date"):
        is_working_day(date(2025, 10, 1))
    settings.WORKBENCH_HOLIDAYS = "2025-10-11"
    settings.WORKBENCH_EXTRA_WORKING_DAYS = EXTRA_2025_10
    with pytest.raises(ImproperlyConfigured, match="both hold 2025-10-11"):
        working_days(Period.month(2025, 10))
