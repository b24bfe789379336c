"""One Excel writer for every table of the platform (screens' exports, the CLI's `--format xlsx`).

The sheet layout is always the same, so that a user who opens any export finds things in the same place:

    row 1            the title (bold)
    rows 2 …         the parameters, one per row: label in column A, value in column B
    one empty row
    the header row   bold, frozen (it stays visible while scrolling)
    the data rows
    the total row    bold, when a total is given

Cells keep their type: numbers are numbers (so that Excel can sum them), rates are fractions 0–1 shown with the
`0.0%` number format, dates are dates, and None is an empty cell. The workbook is written in openpyxl's
write-only mode, which streams rows to a temporary file: a 30,000-row customer list needs little memory.
"""

import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from os import PathLike
from typing import IO, cast

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class Kind(StrEnum):
    """How a column's values are written and formatted, in an export and on the report screens (the one kind
    enum of the platform; a report's JSON names its columns' kinds by these values)."""

    TEXT = "text"  # a name or a label
    CODE = "code"  # an identifier (customer code, spec code, class code), written as text
    MONTH = "month"  # "2026-01", written as text
    CHOICE = "choice"  # a stored code shown by its label (业态, 市场类型 …), written as text
    INTEGER = "integer"  # counts and quantities (条)
    DECIMAL = "decimal"  # measures with a fraction, e.g. 焦油量 10.5 mg
    MONEY = "money"  # 元, two decimals
    RATE = "rate"  # a fraction 0–1 (may exceed 1 for 动销率), shown as a percentage with one decimal
    DATE = "date"


# The kinds written as text cells: never numbers, never formulas.
TEXT_KINDS = frozenset({Kind.TEXT, Kind.CODE, Kind.MONTH, Kind.CHOICE})
# What makes a spreadsheet read a text cell as a formula (OWASP "CSV injection"): a leading =, +, -, @, tab or CR.
FORMULA_LEADERS = ("=", "+", "-", "@", "\t", "\r")


# The number format of each kind; TEXT cells keep Excel's default ("General").
NUMBER_FORMATS = {
    Kind.INTEGER: "#,##0",
    Kind.DECIMAL: "#,##0.0##",
    Kind.MONEY: "#,##0.00",
    Kind.RATE: "0.0%",
    Kind.DATE: "yyyy-mm-dd",
}

# Default column widths (in Excel's character units) when the label is shorter.
DEFAULT_WIDTHS = {
    Kind.TEXT: 16,
    Kind.CODE: 12,
    Kind.MONTH: 9,
    Kind.CHOICE: 12,
    Kind.INTEGER: 10,
    Kind.DECIMAL: 10,
    Kind.MONEY: 14,
    Kind.RATE: 9,
    Kind.DATE: 12,
}
MAX_WIDTH = 60
SHEET_NAME_FORBIDDEN = str.maketrans({character: " " for character in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """One column of an exported table: the row key it reads, its header label, its kind, an optional width."""

    key: str
    label: str
    kind: Kind | str = Kind.TEXT
    width: float | None = None

    def __post_init__(self):
        # Accept plain strings ("money") as well as Kind members, and reject typos early.
        object.__setattr__(self, "kind", Kind(self.kind))


def display_width(text: str) -> int:
    """The width a text needs in Excel's character units: CJK characters take two."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def column_width(column: Column) -> float:
    """The column's explicit width, else wide enough for its label and its kind's typical values."""
    if column.width is not None:
        return column.width
    return min(MAX_WIDTH, max(DEFAULT_WIDTHS[column_kind(column)], display_width(str(column.label)) + 2))


def column_kind(column: Column) -> Kind:
    """The column's kind: always a Kind once built (__post_init__ converts strings), whatever its annotation says."""
    return cast(Kind, column.kind)


def sheet_name_for(title: str) -> str:
    """A valid worksheet name from a title: no `[]:*?/\\`, at most 31 characters, never empty."""
    name = str(title).translate(SHEET_NAME_FORBIDDEN).strip()[:31]
    return name or "Sheet1"


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take this text for a formula (see FORMULA_LEADERS)."""
    return text.startswith(FORMULA_LEADERS)


def formula_safe(value):
    """A value for a plain-text file a spreadsheet opens (CSV): text that looks like a formula gets a leading
    apostrophe, which spreadsheets read as "this is text"; numbers and None pass unchanged."""
    if isinstance(value, str) and looks_like_formula(value):
        return f"'{value}"
    return value


def excel_value(value, kind: Kind):
    """The value as openpyxl should store it for a column of this kind."""
    if value is None or value == "":
        return None
    if kind in TEXT_KINDS:
        return ILLEGAL_CHARACTERS_RE.sub("", str(value))
    if kind == Kind.DATE:
        if isinstance(value, datetime):
            # Excel has no time zones: show the local wall-clock time, as the screens do.
            return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
        return value
    if kind == Kind.INTEGER:
        return int(value)
    if isinstance(value, (int, float, Decimal)):
        return value
    return Decimal(str(value))


def make_cell(sheet: WriteOnlyWorksheet, value, kind: Kind = Kind.TEXT, bold: bool = False) -> Cell:
    """One styled cell. Text is always stored as text, so that a shop called "=1+1" never becomes a formula."""
    cell = WriteOnlyCell(sheet, value=excel_value(value, kind))
    if kind in TEXT_KINDS and cell.value is not None:
        cell.data_type = "s"
    elif kind in NUMBER_FORMATS and cell.value is not None:
        cell.number_format = NUMBER_FORMATS[kind]
    if bold:
        cell.font = Font(bold=True)
    return cell


def data_cell(sheet: WriteOnlyWorksheet, value, kind: Kind):
    """A data cell: plain text and empty cells go in as bare values, which openpyxl writes without building a
    styled cell each (a third faster on a 30,000-row export); everything else as a `make_cell`."""
    if value is None or value == "":
        return None
    if kind in TEXT_KINDS:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        if not looks_like_formula(text):
            return text
    return make_cell(sheet, value, kind)


@dataclass(frozen=True)
class Sheet:
    """A further sheet of a workbook, after the main table: a title, its columns and its rows (a report's pivot or
    chart series)."""

    title: str
    columns: list[Column]
    rows: list[Mapping]


def write_sheet(workbook: Workbook, sheet: Sheet) -> None:
    """A further sheet: its title, a blank row, the bold header, then the rows."""
    worksheet = workbook.create_sheet(sheet_name_for(sheet.title))
    for index, column in enumerate(sheet.columns, start=1):
        worksheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    title_cell = make_cell(worksheet, sheet.title)
    title_cell.font = Font(bold=True, size=14)
    worksheet.append([title_cell])
    worksheet.append([])
    worksheet.append([make_cell(worksheet, column.label, bold=True) for column in sheet.columns])
    for row in sheet.rows:
        worksheet.append([data_cell(worksheet, row.get(column.key), column.kind) for column in sheet.columns])


def write_xlsx(
    target: str | PathLike | IO[bytes],
    *,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
    total: Mapping | None = None,
    sheets: Iterable[Sheet] = (),
) -> int:
    """Write one table as an .xlsx workbook to a file path or a binary stream; return the number of data rows.

    `rows` may be any iterable (a generator, a queryset's `.iterator()`): it is consumed once. Keys missing from
    a row give empty cells. `total` is keyed like the rows; when it has no value for the first column, that cell
    reads "Total". `sheets` follow the main one.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name_for(title))
    header_row = 1 + len(params) + 2  # title, parameters, one empty row, then the header
    # In write-only mode, widths and frozen panes must be set before the first row is written.
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column_width(column)
    sheet.freeze_panes = f"A{header_row + 1}"

    title_cell = make_cell(sheet, title)
    title_cell.font = Font(bold=True, size=14)
    sheet.append([title_cell])
    for label, value in params:
        sheet.append([make_cell(sheet, label, bold=True), make_cell(sheet, value)])
    sheet.append([])
    sheet.append([make_cell(sheet, column.label, bold=True) for column in columns])

    count = 0
    keys_and_kinds = [(column.key, column_kind(column)) for column in columns]
    for row in rows:
        sheet.append([data_cell(sheet, row.get(key), kind) for key, kind in keys_and_kinds])
        count += 1

    if total is not None:
        cells = [make_cell(sheet, total.get(column.key), column_kind(column), bold=True) for column in columns]
        if columns and total.get(columns[0].key) is None:
            cells[0] = make_cell(sheet, _("Total"), bold=True)
        sheet.append(cells)

    for extra in sheets:
        write_sheet(workbook, extra)
    workbook.save(target)
    return count


def xlsx_response(
    *,
    filename: str,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
    total: Mapping | None = None,
    sheets: Iterable[Sheet] = (),
) -> HttpResponse:
    """An HTTP download of one table (see `write_xlsx`); `filename` may be Chinese and gets `.xlsx` if missing."""
    if not filename.lower().endswith(".xlsx"):
        filename = f"{filename}.xlsx"
    buffer = io.BytesIO()
    write_xlsx(buffer, title=title, params=params, columns=columns, rows=rows, total=total, sheets=sheets)
    return HttpResponse(
        buffer.getvalue(),
        content_type=XLSX_CONTENT_TYPE,
        headers={"Content-Disposition": content_disposition_header(as_attachment=True, filename=filename)},
    )


def describe_filters(form) -> list[tuple[str, str]]:
    """The parameter rows of an export from a validated filter form: (label, shown value) of every filter in use,
    with choices shown by their label rather than their code."""
    params = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value is None or value == "" or value == []:
            continue
        if hasattr(field, "queryset"):
            shown = str(value)
        elif getattr(field, "choices", None):
            shown = str(dict(field.choices).get(value, value))
        else:
            shown = str(value)
        params.append((str(field.label), shown))
    return params
