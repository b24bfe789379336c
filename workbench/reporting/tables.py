"""A report's table as the screen draws it: sorted rows, formatted cells, drill-down links, the totals row.

The column headers come from lib.pagination's `sort_headers`, the one sort-header helper of every list screen.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from workbench.lib.numbers import money_text
from workbench.lib.pagination import SortHeader, sort_headers
from workbench.reporting.results import Column, Kind, ReportResult

NUMERIC_KINDS = (Kind.INTEGER, Kind.MONEY, Kind.RATE)


def sort_rows(result: ReportResult, sort: str) -> list[dict]:
    """The rows sorted by a column key (`-key` descending), empty values last; unknown keys keep the report's order."""
    key = sort.lstrip("-")
    if key not in {column.key for column in result.columns}:
        return result.rows
    present = [row for row in result.rows if row.get(key) is not None]
    missing = [row for row in result.rows if row.get(key) is None]
    present.sort(key=lambda row: row[key], reverse=sort.startswith("-"))
    return present + missing


def headers(columns: list[Column], sort: str) -> list[tuple[SortHeader, bool]]:
    """Each column's sortable header (every report column sorts) and whether it holds numbers."""
    sortable = sort_headers([(str(column.label), column.key) for column in columns], sort)
    return [(header, is_numeric(column)) for header, column in zip(sortable, columns, strict=True)]


def is_numeric(column: Column) -> bool:
    return column.kind in NUMERIC_KINDS


def format_value(column: Column, value) -> str:
    """A value as the screen shows it: rates as percentages with one decimal, "—" for no value."""
    if value is None:
        return "—"
    if column.kind == Kind.RATE:
        return f"{value * 100:.1f}%"
    if column.kind == Kind.MONEY:
        return money_text(value)
    if column.kind == Kind.INTEGER and isinstance(value, int):
        return f"{value:,}"
    return str(column.display(value))


def drill_down_url(column: Column, row: dict) -> str | None:
    """Where a cell leads: the customer's page, the customer list of a class, or the spec's page."""
    try:
        if column.link == "customer" and row.get("customer_code"):
            return reverse("customers:customer_detail", args=[row["customer_code"]])
        if column.link == "spec" and row.get("spec_code"):
            return reverse("catalog:spec_detail", args=[row["spec_code"]])
        if column.link == "class" and row.get("class_code"):
            return f"{reverse('customers:customer_list')}?{urlencode({'class_code': row['class_code']})}"
    except NoReverseMatch:
        return None
    return None


def table_row(columns: list[Column], row: dict) -> list[dict]:
    return [
        {
            "text": format_value(column, row.get(column.key)),
            "url": drill_down_url(column, row),
            "numeric": is_numeric(column),
            "kind": column.kind,
        }
        for column in columns
    ]


def total_row(result: ReportResult) -> list[dict] | None:
    """The totals row: "Total" in the first column, then the totals of the columns that have one."""
    if not result.total:
        return None
    cells = []
    for index, column in enumerate(result.columns):
        if index == 0:
            text = _("Total")
        elif column.key in result.total:
            text = format_value(column, result.total[column.key])
        else:
            text = ""
        cells.append({"text": text, "numeric": is_numeric(column)})
    return cells
