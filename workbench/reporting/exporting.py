"""A report's result as Excel (through lib.exports, like every table of the platform: the table, then one sheet
per extra), CSV or JSON.

The screen's export, the API and the command line all format results here, from the same `ReportResult`.
"""

from __future__ import annotations

import csv
import io
import json
from typing import IO

from django.http import HttpResponse
from django.utils.translation import gettext as _

from workbench.lib import exports
from workbench.reporting.results import ReportResult


def title_of(result: ReportResult) -> str:
    return str(result.report.title)


def describe_params(result: ReportResult) -> list[tuple[str, str]]:
    """(label, value) of the parameters, as the top of the Excel sheet shows them."""
    params = result.params
    described = [
        (_("Scope"), params.scope.label),
        (_("From"), params.period.start.isoformat()),
        (_("To"), params.period.end.isoformat()),
    ]
    if params.brand_set is not None:
        described.append((_("Brand set"), params.brand_set.name))
    if params.specs is not None:
        described.append((_("Specs"), ", ".join(f"{spec.code} {spec.name}" for spec in params.specs)))
    if params.customer_set is not None:
        described.append((_("Customer set"), params.customer_set.name))
    report = result.report
    for name, value in params.options:
        if not value:
            continue  # an option left empty (no breakdown) gets no line
        option = report.options[name]
        described.append((str(option.label), str(option.choices.get(value, value))))
    if params.target is not None:
        described.append((_("Target"), f"{float(params.target) * 100:.1f}%"))
    return described


def print_params(result: ReportResult) -> list[tuple[str, str]]:
    """What every printed page of the export names in its header beside the report's title: scope and period."""
    params = result.params
    period = f"{params.period.start.isoformat()} – {params.period.end.isoformat()}"
    return [(_("Scope"), params.scope.label), (_("Period"), period)]


def excel_columns(columns) -> list[exports.Column]:
    return [exports.Column(column.key, str(column.label), column.kind) for column in columns]


def extra_sheets(result: ReportResult) -> list[exports.Sheet]:
    """One sheet per extra the report declares with a table (pivot, histogram, trend, chart series)."""
    sheets = []
    for extra in result.report.extras:
        if extra.table is None:
            continue
        columns, rows = extra.table(result.extras[extra.name])
        sheets.append(exports.Sheet(str(extra.title), excel_columns(columns), rows))
    return sheets


def displayed_rows(result: ReportResult):
    """The rows with choices shown by their label (业态 "Grocery", not "Z"), for people's files; an empty value
    stays empty. Each label is translated once, not once a row (a city-wide table has 30,000 rows)."""
    labels = {
        column.key: {value: str(label) for value, label in column.choices.items()}
        for column in result.columns
        if column.choices is not None
    }
    for row in result.rows:
        if labels:
            row = {**row, **{key: shown_choice(shown, row.get(key)) for key, shown in labels.items()}}
        yield row


def shown_choice(labels: dict, value):
    """A choice's translated label; a value without one as text; None as None."""
    if value is None:
        return None
    return labels.get(value, str(value))


def write_xlsx(result: ReportResult, target: str | IO[bytes]) -> int:
    """Write the report as an .xlsx workbook to a path or a binary stream; return the number of rows."""
    return exports.write_xlsx(
        target,
        title=title_of(result),
        params=describe_params(result),
        columns=excel_columns(result.columns),
        rows=displayed_rows(result),
        total=result.total,
        sheets=extra_sheets(result),
        print_params=print_params(result),
    )


def xlsx_response(result: ReportResult) -> HttpResponse:
    """The report as an Excel download named after the report and its period."""
    period = result.params.period
    return exports.xlsx_response(
        filename=f"{title_of(result)}-{period.start:%Y%m%d}-{period.end:%Y%m%d}",
        title=title_of(result),
        params=describe_params(result),
        columns=excel_columns(result.columns),
        rows=displayed_rows(result),
        total=result.total,
        sheets=extra_sheets(result),
        print_params=print_params(result),
    )


def json_text(result: ReportResult) -> str:
    """The JSON answer (docs/definitions.md#report-interface), as the API sends it."""
    return json.dumps(result.as_json(), ensure_ascii=False, indent=2)


def write_csv(result: ReportResult, stream: IO[str]) -> None:
    """The rows as CSV with the column keys as header (stored codes, rates as fractions), then a "total" row."""
    writer = csv.writer(stream)
    keys = [column.key for column in result.columns]
    writer.writerow(keys)
    data = result.as_json()
    for row in data["rows"]:
        writer.writerow([csv_cell(row.get(key)) for key in keys])
    total = data["total"]
    if total:
        cells = [csv_cell(total.get(key)) if _is_scalar(total.get(key)) else "" for key in keys]
        cells[0] = "total"
        writer.writerow(cells)


def csv_cell(value):
    """A CSV cell: empty for None; text a spreadsheet would run as a formula (=, +, -, @ …) neutralised by the
    same rule as the Excel exports."""
    return "" if value is None else exports.formula_safe(value)


def csv_text(result: ReportResult) -> str:
    stream = io.StringIO()
    write_csv(result, stream)
    return stream.getvalue()


def _is_scalar(value) -> bool:
    return value is not None and not isinstance(value, dict | list)
