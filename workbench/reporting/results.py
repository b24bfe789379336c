"""The typed answer every report returns: columns (key, translatable label, kind), rows as dicts, a total, and
the extras the report declares (a pivot, a histogram, a chart's series, a monthly trend).

Screens, Excel, JSON and CSV all render this one object, so the numbers cannot drift apart between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

from workbench.lib.exports import Kind

if TYPE_CHECKING:
    from workbench.reporting.params import ReportParams
    from workbench.reporting.registry import Report

__all__ = ["Column", "Kind", "ReportResult", "jsonable"]


@dataclass(frozen=True)
class Column:
    """One column of a report: its key in the rows, its translatable label and its kind.

    `link` names the drill-down a row offers from this column ("customer", "class", "spec"); `choices` maps the
    stored codes of a CHOICE column to their labels.
    """

    key: str
    label: str | Promise
    kind: str = Kind.INTEGER
    link: str | None = None
    choices: dict | None = None

    def display(self, value) -> Any:
        """The value as a person reads it (a choice's label); numbers are formatted by the template."""
        if self.choices is not None and value is not None:
            return self.choices.get(value, value)
        return value

    def as_json(self) -> dict:
        return {"key": self.key, "label": str(self.label), "kind": self.kind}


@dataclass
class ReportResult:
    """A report's answer: what metrics.md's JSON shows, plus the report and the parameters it was computed for.

    `extras` holds what the report shows beside its table, under the names its `Report.extras` declares (the
    report function computes them from the same reads as the rows).
    """

    report: Report
    params: ReportParams
    columns: list[Column]
    rows: list[dict]
    total: dict = field(default_factory=dict)
    extras: dict = field(default_factory=dict)

    def as_json(self, rows: list[dict] | None = None) -> dict:
        """The JSON answer of metrics.md: report, params, columns, rows (all, or the page given), total, extras."""
        return {
            "report": self.report.name,
            "params": self.params.as_json(),
            "columns": [column.as_json() for column in self.columns],
            "rows": [jsonable(row) for row in (self.rows if rows is None else rows)],
            "total": jsonable(self.total),
            "extras": jsonable(self.extras),
        }


def jsonable(value):
    """Plain JSON types: Decimal → number, date → "YYYY-MM-DD", lazy text → str, dict keys → str."""
    if isinstance(value, dict):
        return {str(key): jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(item) for item in value]
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    return value
