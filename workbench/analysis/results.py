"""The typed answer every report returns: columns (key, translatable label, kind), rows as dicts, a total.

Screens, Excel, JSON and CSV all render this one object, so the numbers cannot drift apart between them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from workbench.analysis.params import ReportParams

CENT = Decimal("0.01")


class Kind:
    """How a column's values are shown: the screen formats, the Excel writer picks a number format."""

    TEXT = "text"  # a name or a label
    CODE = "code"  # an identifier (customer code, spec code, class code)
    MONTH = "month"  # "2026-01"
    INTEGER = "integer"  # counts and quantities in 条
    MONEY = "money"  # 元, two decimals
    RATE = "rate"  # a fraction in [0, 1] (may exceed 1 for 动销率); None when the denominator is 0
    CHOICE = "choice"  # a stored code shown by its label (业态, 市场类型 …)


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
    """A report's answer: what metrics.md's JSON shows, plus the parameters it was computed for."""

    report: str
    params: ReportParams
    columns: list[Column]
    rows: list[dict]
    total: dict = field(default_factory=dict)

    def as_json(self) -> dict:
        """The JSON answer of metrics.md: report, params, columns, rows, total."""
        return {
            "report": self.report,
            "params": self.params.as_json(),
            "columns": [column.as_json() for column in self.columns],
            "rows": [jsonable(row) for row in self.rows],
            "total": jsonable(self.total),
        }


def rate(numerator, denominator) -> float | None:
    """numerator / denominator as a fraction; None (shown "—") when the denominator is 0, never 0 or an error."""
    if not denominator:
        return None
    return float(numerator) / float(denominator)


def per_carton(amount: Decimal, quantity: int) -> Decimal | None:
    """单条值: amount per carton (元/条) to the cent; None without a carton ordered."""
    if not quantity:
        return None
    return (Decimal(amount) / quantity).quantize(CENT)


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
