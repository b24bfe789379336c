"""The registry: steps register their reports once, in their groups; a report computes the extras it declares."""

import pytest

from workbench.reporting import registry
from workbench.reporting.registry import ReportGroup
from workbench.reporting.tests.fakes import GROUP, STEP, make_report, params_for, shop_sales


@pytest.fixture
def empty_registry(monkeypatch):
    """A registry of its own for the test (the nine reports of 分析 stay untouched)."""
    monkeypatch.setattr(registry, "REPORTS", {})
    monkeypatch.setattr(registry, "STEPS", {})


def test_a_step_registers_its_reports_in_its_groups(empty_registry):
    # given
    first, second = make_report("shop-sales"), make_report("shop-stock")

    # when
    registry.register(STEP, first, second)

    # then
    assert registry.reports_of("trial") == [first, second]
    assert registry.groups_of("trial") == [(GROUP, [first, second])]
    assert first.url_name == "trial:shop-sales"
    assert first.export_url_name == "trial:shop-sales-export"


def test_two_reports_of_one_name_are_refused(empty_registry):
    # given
    registry.register(STEP, make_report())

    # when / then
    with pytest.raises(ValueError, match="already registered"):
        registry.register(STEP, make_report())


@pytest.mark.parametrize(
    "report",
    [make_report(step="other"), make_report(group=ReportGroup("elsewhere", "Elsewhere", "别处", "Elsewhere"))],
    ids=["another step", "a group the step does not have"],
)
def test_a_report_outside_the_step_is_refused(empty_registry, report):
    # when / then
    with pytest.raises(ValueError, match="belongs to"):
        registry.register(STEP, report)
    assert registry.REPORTS == {}


def test_a_report_must_compute_the_extras_it_declares():
    # given: a report that declares a chart but computes none
    def without_chart(params):
        result = shop_sales(params)
        result.extras.clear()
        return result

    report = make_report(function=without_chart)

    # when / then
    with pytest.raises(RuntimeError, match=r"computed the extras \[\], declared \['chart'\]"):
        report.run(params_for(report))


def test_the_parameters_of_a_report_are_the_common_ones_and_its_options():
    # given the registered reports of 分析
    # when / then
    assert registry.parameter_names(registry.REPORTS["four-rates"]) == (
        "scope",
        "from",
        "to",
        "period",
        "specs",
        "brand_set",
        "customer_set",
        "target",
    )
    assert registry.parameter_names(registry.REPORTS["classification-sales"])[-1] == "by"
