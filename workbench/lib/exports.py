"""One Excel writer for every table of the platform (screens' exports, the CLI's `--format xlsx`).

The sheet layout is always the same, so that a user who opens any export finds things in the same place:

    row 1            the title (bold)
    rows 2 …         the parameters, one per row: label in column A, value in column B
    one empty row
    the header row   bold, frozen (it stays visible while scrolling)
    the data rows
    the total row    bold, when a total is given

Cells keep their type: numbers are numbers (so that Excel can sum them), rates are fractions 0–1 shown with the
`0.0%` number format, dates are dates, and None is an empty cell. Text stays text: XlsxWriter is told never to
turn strings into formulas, links or numbers, and text a spreadsheet would take for a formula ("=1+1", "@x") is
written with Excel's quote prefix (what typing a leading apostrophe does), so that editing the cell keeps it text.

Every sheet prints well: A4, landscape when its columns are wider than a portrait page, scaled to one page wide,
the header row repeated on every page, the title and the parameters (report, scope, period) in the page header and
the page number in the footer.

The workbook is written by XlsxWriter in constant-memory mode: each row goes to a temporary file as soon as the
next one starts, so a 30,000-row export needs little memory. The data rows themselves are written as the sheet's
XML by lib/xlsx_rows.py, each column's decisions taken once, the same cells XlsxWriter's per-cell methods write at
a quarter of their cost; the rest of the sheet is XlsxWriter's (docs/performance.md#excel-exports,
`workbench bench_exports`).
"""

import io
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from os import PathLike
from typing import IO, cast

from django.http import HttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from xlsxwriter import Workbook
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

from workbench.lib import xlsx_rows

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
# Control characters an .xlsx file cannot hold (the XML 1.0 rule; tab, newline and carriage return are allowed).
ILLEGAL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# The options every workbook is opened with. XlsxWriter's write() would otherwise turn "=1+1" into a formula and
# "http://…" into a link, reopening formula injection; strings_to_numbers off keeps codes such as "0012" text.
# (The writer calls the typed write_* methods anyway; these options are the second lock on the same door.)
WORKBOOK_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
# Printing: A4 (XlsxWriter's paper index 9); a sheet whose columns add up to more than this many character units
# does not fit a portrait A4 page at a readable size and is printed landscape.
A4_PAPER = 9
PORTRAIT_WIDTH = 95
# Excel refuses a page header or footer longer than 255 characters.
HEADER_FOOTER_LIMIT = 255
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
    """The value as it is stored for a column of this kind: text without illegal characters, int, float, a
    naive date or datetime, or None for an empty cell."""
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
    if isinstance(value, (int, float)):
        return value
    # Decimals (money, 焦油量) become floats: an .xlsx number is a double whatever writes it.
    return float(Decimal(str(value)))


def print_text(text: str) -> str:
    """Text for a page header or footer: `&` starts a code there, so a literal one is doubled."""
    return text.replace("&", "&&")


def page_header(title: str, params: list[tuple[str, str]]) -> str:
    """The page header: the title on the left, the parameters (scope, period …) on the right, cut to fit Excel's
    255 characters."""
    left = "&L" + print_text(title)
    right = print_text(" · ".join(f"{label}: {value}" for label, value in params))
    room = HEADER_FOOTER_LIMIT - len(left) - len("&R")
    if len(right) > room:
        right = right[: max(0, room - 1)]
        if (len(right) - len(right.rstrip("&"))) % 2:
            right = right[:-1]  # never end on half of a doubled "&": a lone "&" starts a code
        right += "…"
    return f"{left}&R{right}"[:HEADER_FOOTER_LIMIT] if right else left[:HEADER_FOOTER_LIMIT]


class Styles:
    """The cell formats of one workbook, made once (XlsxWriter keeps every format it is given until the end)."""

    def __init__(self, workbook: Workbook):
        self.title = workbook.add_format({"bold": True, "font_size": 14})
        self.bold = workbook.add_format({"bold": True})
        self.header = workbook.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
        # Excel's own neutralisation of a leading =, +, -, @: the cell is text and stays text when edited.
        self.quoted = workbook.add_format({"quote_prefix": True})
        self.quoted_bold = workbook.add_format({"quote_prefix": True, "bold": True})
        self.numbers = {kind: workbook.add_format({"num_format": code}) for kind, code in NUMBER_FORMATS.items()}
        self.bold_numbers = {
            kind: workbook.add_format({"num_format": code, "bold": True}) for kind, code in NUMBER_FORMATS.items()
        }

    def text(self, text: str, bold: bool = False) -> Format | None:
        if looks_like_formula(text):
            return self.quoted_bold if bold else self.quoted
        return self.bold if bold else None


def write_cell(worksheet: Worksheet, styles: Styles, row: int, col: int, value, kind: Kind, bold: bool = False):
    """One cell of the given kind. Text goes through write_string, never write(): a shop called "=1+1" is text."""
    value = excel_value(value, kind)
    if value is None:
        if bold:
            worksheet.write_blank(row, col, None, styles.bold)
        return
    if kind in TEXT_KINDS:
        worksheet.write_string(row, col, value, styles.text(value, bold))
    elif kind == Kind.DATE and isinstance(value, date):
        worksheet.write_datetime(row, col, value, (styles.bold_numbers if bold else styles.numbers)[Kind.DATE])
    elif isinstance(value, (int, float)):
        worksheet.write_number(row, col, value, (styles.bold_numbers if bold else styles.numbers)[kind])
    else:
        text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
        worksheet.write_string(row, col, text, styles.text(text, bold))


def data_writer(worksheet: Worksheet, styles: Styles, kind: Kind, index: int) -> xlsx_rows.CellWriter:
    """The writer of the data cells of column `index`, of this kind (lib/xlsx_rows.py): the same cells as
    `write_cell` would write, with the kind's decisions taken once per column rather than once per cell."""
    letters = xlsx_rows.column_letters(index)
    text = xlsx_rows.text_writer(
        letters, quoted=styles.quoted, illegal=ILLEGAL_CHARACTERS_RE, formula_leaders=FORMULA_LEADERS
    )
    if kind in TEXT_KINDS:
        return text
    if kind == Kind.DATE:
        return xlsx_rows.date_writer(
            letters, styles.numbers[kind], worksheet, lambda value: excel_value(value, Kind.DATE), text
        )
    if kind == Kind.INTEGER:
        return xlsx_rows.number_writer(letters, styles.numbers[kind], int, floats_as_they_are=False)
    # A Decimal becomes the float nearest to it, as excel_value makes it, without its detour through text.
    return xlsx_rows.number_writer(
        letters,
        styles.numbers[kind],
        lambda value: float(value) if type(value) is Decimal else excel_value(value, kind),
        floats_as_they_are=True,
    )


def set_up_page(worksheet: Worksheet, *, columns: list[Column], header_row: int, title: str, params) -> None:
    """How the sheet prints: A4, landscape when wide, one page wide, the header row on every page, the title and
    parameters in the page header, "page / pages" in the footer."""
    worksheet.set_paper(A4_PAPER)
    if sum(column_width(column) for column in columns) > PORTRAIT_WIDTH:
        worksheet.set_landscape()
    else:
        worksheet.set_portrait()
    worksheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as the rows need
    worksheet.repeat_rows(header_row)
    worksheet.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.6)
    worksheet.set_header(page_header(title, params))
    worksheet.set_footer("&R&P / &N")


def write_table(
    workbook: Workbook,
    styles: Styles,
    *,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
    total: Mapping | None = None,
    print_params: list[tuple[str, str]] | None = None,
) -> int:
    """One sheet in the layout of this module's docstring; return the number of data rows."""
    worksheet = workbook.add_worksheet(sheet_name_for(title))
    header_row = 1 + len(params) + 1  # 0-based: the title, the parameters, one empty row, then the header
    for index, column in enumerate(columns):
        worksheet.set_column(index, index, column_width(column))
    worksheet.freeze_panes(header_row + 1, 0)
    set_up_page(
        worksheet,
        columns=columns,
        header_row=header_row,
        title=title,
        params=params if print_params is None else print_params,
    )

    worksheet.write_string(0, 0, ILLEGAL_CHARACTERS_RE.sub("", title), styles.title)
    for offset, (label, value) in enumerate(params, start=1):
        write_cell(worksheet, styles, offset, 0, label, Kind.TEXT, bold=True)
        write_cell(worksheet, styles, offset, 1, value, Kind.TEXT)
    for index, column in enumerate(columns):
        label = ILLEGAL_CHARACTERS_RE.sub("", str(column.label))
        if label:
            worksheet.write_string(header_row, index, label, styles.header)
        else:
            worksheet.write_blank(header_row, index, None, styles.header)

    count = xlsx_rows.write_rows(
        worksheet,
        first_row=header_row + 1,
        keys=[column.key for column in columns],
        writers=[data_writer(worksheet, styles, column_kind(column), index) for index, column in enumerate(columns)],
        rows=rows,
    )

    if total is not None:
        row_index = header_row + count + 1
        for index, (key, kind) in enumerate((column.key, column_kind(column)) for column in columns):
            total_value = total.get(key)
            if index == 0 and total_value is None:
                write_cell(worksheet, styles, row_index, 0, _("Total"), Kind.TEXT, bold=True)
            else:
                write_cell(worksheet, styles, row_index, index, total_value, kind, bold=True)
    return count


@dataclass(frozen=True)
class Sheet:
    """A further sheet of a workbook, after the main table: a title, its columns and its rows (a report's pivot or
    chart series)."""

    title: str
    columns: list[Column]
    rows: Sequence[Mapping]


def write_xlsx(
    target: str | PathLike | IO[bytes],
    *,
    title: str,
    params: list[tuple[str, str]],
    columns: list[Column],
    rows: Iterable[Mapping],
    total: Mapping | None = None,
    sheets: Iterable[Sheet] = (),
    print_params: list[tuple[str, str]] | None = None,
) -> int:
    """Write one table as an .xlsx workbook to a file path or a binary stream; return the number of data rows.

    `rows` may be any iterable (a generator, a queryset's `.iterator()`): it is consumed once. Keys missing from
    a row give empty cells. `total` is keyed like the rows; when it has no value for the first column, that cell
    reads "Total". `sheets` follow the main one: each has its title and a blank row above its header. The page
    headers show `print_params` (default: all the parameters; a report gives its scope and period), the further
    sheets' after the title of the main one.
    """
    workbook = Workbook(os.fspath(target) if isinstance(target, (str, PathLike)) else target, WORKBOOK_OPTIONS)
    styles = Styles(workbook)
    shown = params if print_params is None else print_params
    count = write_table(
        workbook, styles, title=title, params=params, columns=columns, rows=rows, total=total, print_params=shown
    )
    for extra in sheets:
        write_table(
            workbook,
            styles,
            title=extra.title,
            params=[],
            columns=extra.columns,
            rows=extra.rows,
            print_params=[(pgettext("page header of a spreadsheet", "Report"), title), *shown],
        )
    workbook.close()
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
    print_params: list[tuple[str, str]] | None = None,
) -> HttpResponse:
    """An HTTP download of one table (see `write_xlsx`); `filename` may be Chinese and gets `.xlsx` if missing."""
    if not filename.lower().endswith(".xlsx"):
        filename = f"{filename}.xlsx"
    buffer = io.BytesIO()
    write_xlsx(
        buffer,
        title=title,
        params=params,
        columns=columns,
        rows=rows,
        total=total,
        sheets=sheets,
        print_params=print_params,
    )
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
