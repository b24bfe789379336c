"""The parts of parameter reading that need no report: the target rate and the range of a period."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench.accounts.access import Scope
from workbench.accounts.models import Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.periods import Period
from workbench.reporting.params import ReportError, ReportParams, check_range, parse_target
from workbench.reporting.tests.fakes import make_report


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
    # given / when / then: no error (a refused period raises ReportError)
    check_range(Period(start, end))


def test_the_bound_follows_the_setting(settings):
    # given: periods of one year at most
    settings.WORKBENCH_MAX_PERIOD_YEARS = 1

    # when
    with pytest.raises(ReportError) as raised:
        check_range(Period(date(2025, 1, 1), date(2026, 1, 1)))

    # then
    assert str(raised.value.message) == "The period may span at most 1 year."


def test_required_specs_are_the_specs_and_their_absence_names_the_report():
    # given parameters with S and parameters of a report declared without specs=REQUIRED (made-up report)
    report = make_report()
    period = Period(date(2026, 1, 1), date(2026, 1, 31))
    scope = Scope(code=None, label="All", customers=Customer.objects.none(), staff=Staff.objects.none())
    specs = (Spec(code="6901"), Spec(code="6902"))
    with_specs = ReportParams(user=None, report=report, scope=scope, period=period, specs=specs)
    without = ReportParams(user=None, report=report, scope=scope, period=period)

    # when / then
    assert with_specs.required_specs() == specs
    with pytest.raises(TypeError, match="report 'shop-sales' reads specs but does not declare specs=REQUIRED"):
        without.required_specs()
