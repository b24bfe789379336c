"""What the 分析 reports show beside their tables, as data: the pivot of 客户分类销售情况一览表, the order-count
histogram of 订货次数查询 and the monthly 铺货率 trend. Each is declared here with the sheet it gets in Excel;
the screen, the JSON answer and the command line show the same values.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.reporting.registry import Extra
from workbench.reporting.results import Column, Kind, ReportResult


def quantity_pivot(result: ReportResult) -> dict:
    """客户分类销售 as people lay it out by hand: one line per group, one column per month, quantities (条),
    with the totals of each line and each column (quantities add up; customers would not)."""
    by = result.params.option("by")
    column = next(column for column in result.columns if column.key == by)
    months = list(dict.fromkeys(row["month"] for row in result.rows))
    lines: dict = {}
    for row in result.rows:
        lines.setdefault(row[by], {})[row["month"]] = row["qty"]
    return {
        "by": by,
        "label": column.label,
        "months": months,
        "lines": [
            {
                "group": group,
                "label": column.display(group),
                "values": [quantities.get(month, 0) for month in months],
                "total": sum(quantities.values()),
            }
            for group, quantities in lines.items()
        ],
        "totals": [sum(quantities.get(month, 0) for quantities in lines.values()) for month in months],
        "total": result.total["qty"],
    }


def pivot_table(pivot: dict) -> tuple[list[Column], list[dict]]:
    """The pivot as a sheet: the group, one column per month, the line's total; then the totals line."""
    columns = [
        Column("group", pivot["label"], Kind.TEXT),
        *[Column(month, month, Kind.INTEGER) for month in pivot["months"]],
        Column("total", _("Total"), Kind.INTEGER),
    ]
    rows = [
        {"group": str(line["label"]), **dict(zip(pivot["months"], line["values"], strict=True)), "total": line["total"]}
        for line in pivot["lines"]
    ]
    rows.append(
        {"group": str(_("Total")), **dict(zip(pivot["months"], pivot["totals"], strict=True)), "total": pivot["total"]}
    )
    return columns, rows


def histogram_of(result: ReportResult) -> list[dict]:
    """订货次数 histogram: how many customers ordered on 0, 1, 2 … days, every count up to the highest."""
    return [{"order_count": count, "customers": customers} for count, customers in result.total["histogram"].items()]


def histogram_table(histogram: list[dict]) -> tuple[list[Column], list[dict]]:
    columns = [
        Column("order_count", _("Order count"), Kind.INTEGER),
        Column("customers", pgettext_lazy("number of customers", "Customers"), Kind.INTEGER),
    ]
    return columns, histogram


def trend_table(trend: list[dict]) -> tuple[list[Column], list[dict]]:
    columns = [
        Column("month", _("Month"), Kind.MONTH),
        Column("customers_in_scope", _("Customers in business"), Kind.INTEGER),
        Column("customers_ordering", _("Customers ordering"), Kind.INTEGER),
        Column("distribution_rate", _("Distribution rate"), Kind.RATE),
    ]
    return columns, trend


PIVOT = Extra("pivot", _("Quantity (cartons) by month"), pivot_table, "analysis/extras/pivot.html")
HISTOGRAM = Extra("histogram", _("Customers by order count"), histogram_table, "analysis/extras/histogram.html")
TREND = Extra("trend", _("Distribution rate by month"), trend_table)
