"""A made-up step and report for the shared layer's own tests (the layer imports no step app, its tests neither)."""

from datetime import date
from types import SimpleNamespace

from workbench.lib.periods import Period
from workbench.reporting.extras import CHART
from workbench.reporting.registry import Report, ReportGroup, Step
from workbench.reporting.results import Column, Kind, ReportResult

GROUP = ReportGroup("shop-analysis", "Shop analysis", "门店分析", "Shop")
STEP = Step("trial", "Trial", "Reports of a made-up step.", (GROUP,))
COLUMNS = [Column("shop", "Shop", Kind.TEXT), Column("qty", "Quantity", Kind.INTEGER)]
ROWS = [{"shop": '=HYPERLINK("http://x")', "qty": 3}, {"shop": "@SUM(1)", "qty": -2}, {"shop": "+1", "qty": 1}]


def shop_sales(params) -> ReportResult:
    """Three shops whose names a spreadsheet would run, with a chart of their quantities."""
    result = ReportResult(params.report, params, COLUMNS, [dict(row) for row in ROWS], {"qty": 2})
    result.extras["chart"] = {
        "type": "bar",
        "data": {"labels": [row["shop"] for row in ROWS], "datasets": [{"label": "Qty", "data": [3, -2, 1]}]},
    }
    return result


def make_report(name="shop-sales", function=shop_sales, extras=(CHART,), step="trial", group=GROUP) -> Report:
    return Report(
        name, "Shop sales", "Made up.", function, lambda params: COLUMNS, step, group, "门店销售", extras=extras
    )


def params_for(report) -> SimpleNamespace:
    """Stand-in parameters: the report, what the Excel sheet describes, and the JSON echo the answers include."""
    return SimpleNamespace(
        report=report,
        scope=SimpleNamespace(label="CM1"),
        period=Period(date(2026, 1, 1), date(2026, 1, 31)),
        specs=None,
        brand_set=None,
        customer_set=None,
        options=(),
        target=None,
        as_json=lambda: {"scope": "CM1"},
    )
