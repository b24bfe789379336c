"""Fixtures of the analysis tests: English messages, the hand-built territory, a report runner."""

from datetime import date

import pytest
from django.utils import translation

from workbench.analysis.tests.data import build_territory
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS

TODAY = date(2026, 5, 20)


@pytest.fixture(autouse=True)
def english(settings):
    """Messages in English, the source language the tests compare with; pages too (the default is zh-hans)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def territory(customer_manager, colleague, outsider):
    """CM1's six customers, CM2's and CM3's one each, three specs, a brand set and their order lines."""
    return build_territory(customer_manager, colleague, outsider)


def run_report(name: str, staff, **data):
    """Parse `data` as the report's parameters for this staff member's login and compute the report."""
    report = REPORTS[name]
    params = parse_params(staff.user, report, data, today=TODAY)
    return report.run(params)


@pytest.fixture
def run():
    """The report runner: run(name, staff, **parameters) → ReportResult."""
    return run_report
