"""Chart.js configurations for the reports people would rather look at than read.

Each function turns a report's result into a plain Chart.js config (a dict the template hands to Chart.js as
JSON) from the rows, the total and the extras the report function computed: no chart runs a query of its own. Rates
are drawn as percentages with one decimal, like on the tables.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workbench.reporting.results import ReportResult

# A readable palette that survives grey-scale printing.
COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22"]


def percent(value) -> float | None:
    """A fraction as a percentage with one decimal (None stays None: a gap in the chart)."""
    return None if value is None else round(value * 100, 1)


def _percent_axis() -> dict:
    return {"y": {"beginAtZero": True, "suggestedMax": 100, "title": {"display": True, "text": "%"}}}


def business_overview_chart(result: ReportResult) -> dict:
    """经营情况信息: quantity of each month against the same month of the previous year."""
    labels = [row["month"] for row in result.rows]
    return {
        "type": "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {
                    "label": _("Quantity (cartons)"),
                    "data": [row["qty"] for row in result.rows],
                    "backgroundColor": COLOURS[0],
                },
                {
                    "label": _("Quantity last year"),
                    "data": [row["qty_ly"] for row in result.rows],
                    "backgroundColor": COLOURS[7],
                },
            ],
        },
        "options": {"scales": {"y": {"beginAtZero": True}}},
    }


def distribution_rate_chart(result: ReportResult) -> dict:
    """铺货率: the set's rate for each month of the period (the report's trend), with the target as a dashed line
    when one is given."""
    points = result.extras["trend"]
    labels = [point["month"] for point in points]
    datasets = [
        {
            "label": _("Distribution rate"),
            "data": [percent(point["distribution_rate"]) for point in points],
            "borderColor": COLOURS[0],
            "backgroundColor": COLOURS[0],
            "spanGaps": False,
        }
    ]
    target = result.params.target
    if target is not None:
        datasets.append(
            {
                "label": _("Target"),
                "data": [percent(float(target))] * len(points),
                "borderColor": COLOURS[3],
                "borderDash": [6, 4],
                "pointRadius": 0,
                "fill": False,
            }
        )
    return {"type": "line", "data": {"labels": labels, "datasets": datasets}, "options": {"scales": _percent_axis()}}


def classification_sales_chart(result: ReportResult) -> dict:
    """客户分类销售: quantity per month, one stacked bar segment per group (业态 by default)."""
    by = result.params.option("by")
    column = next(column for column in result.columns if column.key == by)
    months = list(dict.fromkeys(row["month"] for row in result.rows))
    groups = list(dict.fromkeys(row[by] for row in result.rows))
    quantities = {(row[by], row["month"]): row["qty"] for row in result.rows}
    datasets = [
        {
            "label": str(column.display(group)),
            "data": [quantities.get((group, month), 0) for month in months],
            "backgroundColor": COLOURS[index % len(COLOURS)],
        }
        for index, group in enumerate(groups)
    ]
    return {
        "type": "bar",
        "data": {"labels": months, "datasets": datasets},
        "options": {"scales": {"x": {"stacked": True}, "y": {"stacked": True, "beginAtZero": True}}},
    }


def order_frequency_chart(result: ReportResult) -> dict:
    """订货次数: how many customers ordered 0, 1, 2 … times."""
    histogram = result.total["histogram"]
    customers = pgettext("number of customers", "Customers")  # 户数
    return {
        "type": "bar",
        "data": {
            "labels": [str(count) for count in histogram],
            "datasets": [{"label": customers, "data": list(histogram.values()), "backgroundColor": COLOURS[0]}],
        },
        "options": {
            "scales": {
                "x": {"title": {"display": True, "text": _("Order count")}},
                "y": {"beginAtZero": True, "title": {"display": True, "text": customers}},
            }
        },
    }


def four_rates_chart(result: ReportResult) -> dict:
    """四率: the rates side by side for each spec."""
    rate_columns = [column for column in result.columns if column.kind == "rate"]
    return {
        "type": "bar",
        "data": {
            "labels": [row["spec_name"] for row in result.rows],
            "datasets": [
                {
                    "label": str(column.label),
                    "data": [percent(row[column.key]) for row in result.rows],
                    "backgroundColor": COLOURS[index % len(COLOURS)],
                }
                for index, column in enumerate(rate_columns)
            ],
        },
        "options": {"scales": _percent_axis()},
    }
