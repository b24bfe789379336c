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
from workbench.reporting.params import ReportParams, parse_target
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
