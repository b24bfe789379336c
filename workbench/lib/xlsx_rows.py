"""The data rows of an export sheet, written as the sheet's XML one row at a time (lib/exports.py's fast path).

XlsxWriter's cell methods cost about 4 µs a cell (argument conversion, bounds checks, a cell tuple kept until the
row ends, then the XML built from a list of attributes): a 30,000-row, 23-column export spent 85 % of its time
there (docs/performance.md#excel-exports). In constant-memory mode XlsxWriter writes each finished row as
`<row>` XML to a temporary file and copies that file into the sheet when the workbook closes. This module writes
the data rows' XML to that same file itself, with each column's decisions (its cell reference letters, its style
index, how its values become text) taken once per column; the title, the parameters, the header, the total row,
the formats, the page setup and the zip stay XlsxWriter's.

The cells are exactly those XlsxWriter writes for `write_string`, `write_number` and `write_datetime` (inline
strings, control characters as `_xHHHH_`, `xml:space="preserve"` around outer whitespace, numbers as `%.16G`), so
the file does not change; lib/tests/test_xlsx_rows.py writes the same tricky table both ways and compares the
cells read back. What it relies on is XlsxWriter 3.3.1's (pinned in pyproject.toml and constraints.txt): the
worksheet's `constant_memory`, `fh`, `previous_row`, `_write_single_row`, `_check_dimensions` and
`_convert_date_time`, a format's `_get_xf_index`, and the name `ZipFile` in its workbook module (ZIP_LEVEL).
"""

from __future__ import annotations

import functools
import math
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import xlsxwriter.workbook
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

# XlsxWriter deflates the workbook at zlib's default level (6), which took 0.7 of the 1.9 s of processor time of the
# 30,000-customer export; level 3 takes 0.4 s for a file 17 % larger (4.1 MB instead of 3.5 MB,
# docs/performance.md#excel-exports). XlsxWriter has no option for it: its workbook module's ZipFile is given the
# level once, here, for every workbook of the process (only the exports make workbooks).
ZIP_LEVEL = 3
xlsxwriter.workbook.ZipFile = functools.partial(zipfile.ZipFile, compresslevel=ZIP_LEVEL)

# A cell of a data row: (the row's number as Excel writes it, "5"; the value) → the cell's XML, "" for no cell.
CellWriter = Callable[[str, object], str]

# Excel's limits: a cell holds at most 32,767 UTF-16 units of text, a sheet 1,048,576 rows.
MAX_TEXT_UNITS = 32_767
MAX_ROWS = 1_048_576
# A text of at most this many characters fits whatever they are (no character takes more than two units).
HALF_OF_MAX_TEXT = MAX_TEXT_UNITS // 2
# What XlsxWriter turns into Excel's `_xHHHH_` escapes (tab and newline stay as they are) …
CONTROL_CHARACTERS_RE = re.compile(r"[\x00-\x08\x0b-\x1f]")
# … and a literal `_xHHHH_`, which Excel would decode, gets its underscore escaped.
LITERAL_ESCAPE_RE = re.compile(r"(_x[0-9a-fA-F]{4}_)")


def stored_text(text: str, illegal: re.Pattern) -> str:
    """The text a cell stores: without the characters an .xlsx file cannot hold (`illegal`), cut to Excel's
    length. Most text needs neither, and is returned after two fast tests."""
    if not text.isprintable():
        text = illegal.sub("", text)
    if len(text) > HALF_OF_MAX_TEXT:
        text = utf16_cut(text, MAX_TEXT_UNITS)
    return text


def inline_xml(text: str) -> str:
    """Stored text with Excel's `_xHHHH_` escapes, as XlsxWriter writes an inline string: control characters
    escaped, and a literal escape's underscore too (the caller still writes `&<>` as entities)."""
    text = LITERAL_ESCAPE_RE.sub(r"_x005F\1", text)
    text = CONTROL_CHARACTERS_RE.sub(lambda match: f"_x{ord(match.group()):04X}_", text)
    return text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")


def utf16_cut(text: str, units: int) -> str:
    """The longest start of `text` that fits in `units` UTF-16 units (a character above U+FFFF takes two)."""
    used = 0
    for index, character in enumerate(text):
        used += 2 if ord(character) > 0xFFFF else 1
        if used > units:
            return text[:index]
    return text


def style_attribute(cell_format: Format | None) -> str:
    """The ` s="N"` attribute of a cell in this format (none for the default format)."""
    return "" if cell_format is None else f' s="{cell_format._get_xf_index()}"'


def text_writer(letters: str, *, quoted: Format, illegal: re.Pattern, formula_leaders: tuple[str, ...]) -> CellWriter:
    """A text column's cells: inline strings; text a spreadsheet would run as a formula gets the quote prefix."""
    quoted_attribute = style_attribute(quoted)

    def write(number: str, value) -> str:
        if value is None:
            return ""
        text = value if type(value) is str else str(value)
        if text.isprintable() and "_x" not in text and len(text) <= HALF_OF_MAX_TEXT:
            # Most text: nothing to remove, cut or escape but &<>, and no outer whitespace but a plain space
            # (every other space character is not printable).
            if not text:
                return ""
            xml = text
            space = ' xml:space="preserve"' if text[0] == " " or text[-1] == " " else ""
        else:
            text = stored_text(text, illegal)
            if not text:
                return ""  # nothing left once the characters Excel cannot store are gone
            xml = inline_xml(text)
            space = ' xml:space="preserve"' if xml[0].isspace() or xml[-1].isspace() else ""
        if "&" in xml or "<" in xml or ">" in xml:
            xml = xml.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        style = quoted_attribute if text.startswith(formula_leaders) else ""
        return f'<c r="{letters}{number}"{style} t="inlineStr"><is><t{space}>{xml}</t></is></c>'

    return write


def number_writer(
    letters: str, cell_format: Format, convert: Callable[[Any], float | int], *, floats_as_they_are: bool
) -> CellWriter:
    """A number column's cells in the column's number format: an int as it is (and a float when
    `floats_as_they_are`), any other value through `convert`; a value that is not a finite number is no cell."""
    style = style_attribute(cell_format)

    def write(number: str, value) -> str:
        if value is None or value == "":
            return ""
        kind = type(value)
        converted = value if kind is int or (kind is float and floats_as_they_are) else convert(value)
        if type(converted) is float and not math.isfinite(converted):
            return ""
        return f'<c r="{letters}{number}"{style}><v>{converted:.16G}</v></c>'

    return write


def date_writer(
    letters: str, cell_format: Format, worksheet: Worksheet, as_naive: Callable[[object], object], text: CellWriter
) -> CellWriter:
    """A date column's cells: Excel's serial day number in the date format (a number is taken as one); any other
    value is text."""
    style = style_attribute(cell_format)

    def write(number: str, value) -> str:
        if value is None or value == "":
            return ""
        if isinstance(value, date):
            serial = worksheet._convert_date_time(as_naive(value))
        elif isinstance(value, (int, float)):
            serial = value
        else:
            return text(number, value)
        return f'<c r="{letters}{number}"{style}><v>{serial:.16G}</v></c>'

    return write


def write_rows(
    worksheet: Worksheet, *, first_row: int, keys: Sequence[str], writers: Sequence[CellWriter], rows: Iterable[Mapping]
) -> int:
    """Write `rows` from 0-based row `first_row` down, column i holding `row.get(keys[i])` written by
    `writers[i]`; return the number of rows. Rows above `first_row` must be written already; the worksheet may
    take further rows below with its own methods afterwards."""
    if not worksheet.constant_memory:
        raise ValueError("Rows are written as XML only in constant-memory mode.")
    worksheet._write_single_row(first_row)  # the rows above (the header) go to the file first
    write = worksheet.fh.write
    columns = list(zip(keys, writers, strict=True))
    count = 0
    for row in rows:
        if first_row + count >= MAX_ROWS:
            raise ValueError(f"An Excel sheet holds at most {MAX_ROWS:,} rows.")
        count += 1
        number = str(first_row + count)  # Excel's rows are numbered from 1
        cells = "".join([writer(number, row.get(key)) for key, writer in columns])
        if cells:
            write(f'<row r="{number}">{cells}</row>')
    if count:
        # The sheet's <dimension> covers the rows written here; then the worksheet carries on below them.
        worksheet._check_dimensions(first_row, 0)
        worksheet._check_dimensions(first_row + count - 1, len(columns) - 1)
    worksheet.previous_row = first_row + count
    return count


def column_letters(index: int) -> str:
    """The column's letters in a cell reference: 0 → "A", 27 → "AB"."""
    return xl_col_to_name(index)
