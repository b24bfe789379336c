"""The parts of parameter reading that need no report: the target rate and the range of a period."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench.lib.periods import Period
from workbench.reporting.params import ReportError, check_range, parse_target


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    ("text", "expected"),
    [("60%", Decimal("0.6")), ("60", Decimal("0.6")), ("0.6", Decimal("0.6")), ("1", Decimal("1")), ("", None)],
)
def test_parse_target(text, expected):
    # given / when / then
    assert parse_target(text) == expected


@pytest.mark.parametrize(
    ("start", "end", "field", "message"),
    [
        (date(1, 1, 1), date(1, 12, 31), "from", "Dates must lie between 1900-01-01 and 2999-12-31."),
        (date(2026, 1, 1), date(9999, 12, 31), "to", "Dates must lie between 1900-01-01 and 2999-12-31."),
        (date(2021, 1, 1), date(2026, 1, 1), "to", "The period may span at most 5 years."),
        (date(2024, 2, 29), date(2029, 3, 1), "to", "The period may span at most 5 years."),
    ],
)
def test_a_period_no_report_can_compute_is_refused(start, end, field, message):
    # given / when
    with pytest.raises(ReportError) as raised:
        check_range(Period(start, end))

    # then
    assert (raised.value.status, raised.value.field, str(raised.value.message)) == (400, field, message)


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (date(2021, 1, 1), date(2025, 12, 31)),
        (date(2024, 2, 29), date(2029, 2, 28)),
        (date(1900, 1, 1), date(1900, 1, 31)),
    ],
)
def test_five_years_at_most_are_accepted(start, end):
    # given / when / then: no error
    assert check_range(Period(start, end)) is None


def test_the_bound_follows_the_setting(settings):
    # given: periods of one year at most
    settings.WORKBENCH_MAX_PERIOD_YEARS = 1

    # when
    with pytest.raises(ReportError) as raised:
        check_range(Period(date(2025, 1, 1), date(2026, 1, 1)))

    # then
    assert str(raised.value.message) == "The period may span at most 1 year."
