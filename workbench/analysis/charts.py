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


def distribution_rate_chart(result: ReportResult, kpi_targets=()) -> dict:
    """铺货率: the set's rate for each month of the period (the report's trend), with the target as a dashed line
    when one is given, and, drawn by default, a dotted line for each KPI target of the set (targets.KpiTarget, read
    by the report function: docs/definitions.md#kpi-target-on-the-chart)."""
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
    for index, kpi in enumerate(kpi_targets):
        value = percent(float(kpi.target_rate))
        datasets.append(
            {
                "label": _("KPI target %(rate)s%% (%(brand_set)s, by %(due)s)")
                % {"rate": value, "brand_set": kpi.brand_set.name, "due": kpi.due_on.isoformat()},
                "data": [value] * len(points),
                "borderColor": COLOURS[(4 + index) % len(COLOURS)],
                "borderDash": [2, 3],
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


# How many specs the short-spec chart of 客户供需分析 names: the worst ones, a bar each, stays readable on a phone.
SHORT_SPECS_SHOWN = 10
# The fill-rate spread's bands: ten points of 满足率 each, from 0 % up to 100 % (a band of its own: fully met).
FILL_RATE_BANDS = 10


def short_specs_chart(short_specs: list[dict]) -> dict:
    """客户供需分析: the specs ordered furthest below demand (需求量 − 订购量), demand beside what was ordered."""
    return {
        "type": "bar",
        "data": {
            "labels": [spec["spec_name"] for spec in short_specs],
            "datasets": [
                {
                    "label": _("Demand"),
                    "data": [spec["demand_qty"] for spec in short_specs],
                    "backgroundColor": COLOURS[7],
                },
                {
                    "label": _("Ordered"),
                    "data": [spec["order_qty"] for spec in short_specs],
                    "backgroundColor": COLOURS[0],
                },
            ],
        },
        "options": {"indexAxis": "y", "scales": {"x": {"beginAtZero": True}}},
    }


def fill_rate_bands(result: ReportResult) -> list[dict]:
    """The customers of 客户供需分析 per band of 满足率: [0 %, 10 %), … [90 %, 100 %), then 100 % and above.

    A customer without demand has no 满足率 and is in no band; the bands' customers add up to the others.
    """
    counts = [0] * (FILL_RATE_BANDS + 1)
    for row in result.rows:
        value = row["fill_rate"]
        if value is None:
            continue
        counts[min(int(value * FILL_RATE_BANDS), FILL_RATE_BANDS)] += 1
    width = 100 // FILL_RATE_BANDS
    labels = [f"{start}–{start + width}%" for start in range(0, 100, width)] + ["100%"]
    return [{"band": label, "customers": count} for label, count in zip(labels, counts, strict=True)]


def fill_rate_spread_chart(bands: list[dict]) -> dict:
    """客户供需分析: how many customers had their demand met to each band of 满足率."""
    customers = pgettext("number of customers", "Customers")  # 户数
    return {
        "type": "bar",
        "data": {
            "labels": [band["band"] for band in bands],
            "datasets": [
                {"label": customers, "data": [band["customers"] for band in bands], "backgroundColor": COLOURS[2]}
            ],
        },
        "options": {
            "scales": {
                "x": {"title": {"display": True, "text": _("Demand fill rate")}},
                "y": {"beginAtZero": True, "title": {"display": True, "text": customers}},
            }
        },
    }


def classification_overview_chart(result: ReportResult) -> dict:
    """客户分类情况一览表: customers in business per class, or per 档位 with by=grade (the table's own rows)."""
    by = result.params.option("by")
    column = result.columns[0]
    customers = pgettext("number of customers", "Customers")  # 户数
    return {
        "type": "bar",
        "data": {
            "labels": [str(column.display(row[by])) for row in result.rows],
            "datasets": [
                {"label": customers, "data": [row["customers"] for row in result.rows], "backgroundColor": COLOURS[0]}
            ],
        },
        "options": {
            "scales": {
                "x": {"title": {"display": True, "text": str(column.label)}},
                "y": {"beginAtZero": True, "title": {"display": True, "text": customers}},
            }
        },
    }


# The customer-set chart names the customers who bought most: a set may hold hundreds.
SET_CUSTOMERS_SHOWN = 20


def customer_set_sales_chart(result: ReportResult) -> dict:
    """客户集销售查询: quantities of the set's top buyers (SET_CUSTOMERS_SHOWN at most), largest first."""
    buyers = sorted((row for row in result.rows if row["qty"]), key=lambda row: (-row["qty"], row["customer_code"]))
    shown = buyers[:SET_CUSTOMERS_SHOWN]
    return {
        "type": "bar",
        "data": {
            "labels": [row["customer_name"] for row in shown],
            "datasets": [
                {
                    "label": _("Quantity (cartons)"),
                    "data": [row["qty"] for row in shown],
                    "backgroundColor": COLOURS[0],
                }
            ],
        },
        "options": {"indexAxis": "y", "scales": {"x": {"beginAtZero": True}}},
    }


def opportunity_analysis_chart(result: ReportResult) -> dict:
    """市场机会分析: opportunities per type, one stacked segment per status."""
    type_column, status_column = result.columns[0], result.columns[1]
    types = list(dict.fromkeys(row["type"] for row in result.rows))
    present = {row["status"] for row in result.rows}
    statuses = [status for status in status_column.choices or {} if status in present]  # in the statuses' own order
    counts = {(row["type"], row["status"]): row["count"] for row in result.rows}
    return {
        "type": "bar",
        "data": {
            "labels": [str(type_column.display(code)) for code in types],
            "datasets": [
                {
                    "label": str(status_column.display(status)),
                    "data": [counts.get((code, status), 0) for code in types],
                    "backgroundColor": COLOURS[index % len(COLOURS)],
                }
                for index, status in enumerate(statuses)
            ],
        },
        "options": {"scales": {"x": {"stacked": True}, "y": {"stacked": True, "beginAtZero": True}}},
    }
