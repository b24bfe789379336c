"""Columns of the data contract: header matching, value parsing and the per-row record the kinds work on.

A parser takes a non-empty cell (a stripped string, or a `date` from an XLSX date cell) and returns the value,
or raises BadValue with the reason. Each reason is its own sentence, so the report says exactly what is wrong.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from workbench.imports.reading import Cell, Table
from workbench.imports.report import ImportReport
from workbench.lib.fields import model_field

INT32_MAX = 2**31 - 1


class BadValue(Exception):
    """A cell that cannot be read as its column's type; the message is the reason shown to the user."""


Parser = Callable[[str | date], object]


@dataclass(frozen=True)
class Column:
    """One column of a data-contract file: English key, Chinese header, whether it is required, its parser."""

    key: str
    header: str  # 中文表头
    required: bool = False
    parse: Parser | None = None  # None: text as is

    def label(self) -> str:
        return f"{self.key} / {self.header}"


def header_token(text: str) -> str:
    """Headers match ignoring letter case, spaces and underscores: “Customer Code” = “customer_code”."""
    return re.sub(r"[\s_]+", "", text).lower()


@dataclass
class ColumnMap:
    """Where each known column sits in the file, and the header as written there (for error messages)."""

    index: dict[str, int]
    written: dict[str, str]

    def __contains__(self, key: str) -> bool:
        return key in self.index


def match_header(header: Sequence[str], columns: Sequence[Column], report: ImportReport) -> ColumnMap | None:
    """Map the file's header onto the columns; None (with one error) when required columns are missing."""
    tokens: dict[str, Column] = {}
    for column in columns:
        tokens[header_token(column.key)] = column
        tokens[header_token(column.header)] = column
    index: dict[str, int] = {}
    written: dict[str, str] = {}
    unknown: list[str] = []
    for position, text in enumerate(header):
        if not text:
            continue
        found = tokens.get(header_token(text))
        if found is None:
            unknown.append(text)
            continue
        if found.key in index:
            report.add_error(
                1, text, text, _("Column %(column)s appears twice in the header.") % {"column": found.label()}
            )
            return None
        index[found.key] = position
        written[found.key] = text
    _warn_unknown_columns(unknown, report)
    missing = [column.label() for column in columns if column.required and column.key not in index]
    if missing:
        report.add_error(
            1, "", "", _("Required columns are missing from the header: %(columns)s.") % {"columns": ", ".join(missing)}
        )
        return None
    return ColumnMap(index=index, written=written)


# The report names this many unknown columns, each cut to this length (a wrong file can have any header).
MAX_UNKNOWN_COLUMNS_NAMED = 20
MAX_HEADER_CHARACTERS = 40


def _warn_unknown_columns(unknown: list[str], report: ImportReport) -> None:
    for text in unknown[:MAX_UNKNOWN_COLUMNS_NAMED]:
        if len(text) > MAX_HEADER_CHARACTERS:
            text = text[:MAX_HEADER_CHARACTERS] + "…"
        report.warnings.append(_("Unknown column “%(column)s” ignored.") % {"column": text})
    if len(unknown) > MAX_UNKNOWN_COLUMNS_NAMED:
        count = len(unknown) - MAX_UNKNOWN_COLUMNS_NAMED
        report.warnings.append(_("… and %(count)s more unknown columns ignored.") % {"count": count})


class Record:
    """One data row: the parsed values of the columns present, and a way to report a problem with one of them."""

    __slots__ = ("row", "values", "cells", "columns", "report", "valid")

    def __init__(self, row: int, cells: list[Cell], columns: ColumnMap, report: ImportReport):
        self.row = row
        self.cells = cells
        self.columns = columns
        self.report = report
        # Each value is what its column's parser returned (text, a date, a number, a choice): its type is the
        # column's, which the importer naming the column knows, hence Any rather than object.
        self.values: dict[str, Any] = {}
        self.valid = True

    def raw(self, key: str) -> Cell:
        position = self.columns.index.get(key)
        if position is None or position >= len(self.cells):
            return None
        return self.cells[position]

    def error(self, key: str, reason: str | Promise) -> None:
        """Report the value of column `key` in this row as invalid."""
        self.valid = False
        self.report.add_error(self.row, self.columns.written.get(key, key), self.raw(key), str(reason))

    def get(self, key: str, default: Any = None) -> Any:
        return self.values.get(key, default)


def read_records(
    table: Table, columns: Sequence[Column], column_map: ColumnMap, report: ImportReport
) -> Iterator[Record]:
    """Parse every row; a row with any bad cell comes out with `valid` False (its errors already reported)."""
    present = [column for column in columns if column.key in column_map]
    for row, cells in table.rows:
        report.rows_read += 1
        record = Record(row, cells, column_map, report)
        if len(cells) > len(table.header) and any(cells[len(table.header) :]):
            record.valid = False
            report.add_error(row, "", "", _("The row has more cells than the header has columns."))
        for column in present:
            cell = record.raw(column.key)
            if cell is None:
                if column.required:
                    record.error(column.key, _("A value is required."))
                record.values[column.key] = None
                continue
            if column.parse is None:
                record.values[column.key] = cell if isinstance(cell, str) else cell.isoformat()
                continue
            try:
                record.values[column.key] = column.parse(cell)
            except BadValue as error:
                record.error(column.key, str(error))
        yield record


# --- parsers -------------------------------------------------------------------------------------------------

DATE_PATTERN = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")


def parse_date(cell: str | date) -> date:
    """YYYY-MM-DD (also YYYY/M/D, and a date-time's date part); XLSX date cells pass through."""
    if isinstance(cell, date):
        return cell
    if len(cell) == 10 and cell[4] == "-" and cell[7] == "-":
        try:
            return date.fromisoformat(cell)
        except ValueError:
            pass
    match = DATE_PATTERN.fullmatch(cell)
    if match:
        try:
            return date(int(match[1]), int(match[2]), int(match[3]))
        except ValueError:
            pass
    raise BadValue(_("Not a valid date (expected YYYY-MM-DD)."))


def text(max_length: int) -> Parser:
    """Free text of at most `max_length` characters."""

    def parse(cell: str | date) -> str:
        value = cell if isinstance(cell, str) else cell.isoformat()
        if len(value) > max_length:
            raise BadValue(_("Too long: at most %(max)s characters.") % {"max": max_length})
        return value

    return parse


def field_text(model: type[models.Model], name: str) -> Parser:
    """Free text as long as the model field allows."""
    max_length = model_field(model, name, models.Field).max_length
    if max_length is None:
        raise TypeError(f"{model.__name__}.{name} has no max_length")
    return text(max_length)


def whole_number(cell: str | date) -> int:
    """An integer; “12.0” is accepted, “12.5” is not."""
    if isinstance(cell, date):
        raise BadValue(_("Not a whole number."))
    try:
        value = int(cell)
    except ValueError:
        try:
            number = Decimal(cell)
        except InvalidOperation:
            raise BadValue(_("Not a whole number.")) from None
        if not number.is_finite() or number != number.to_integral_value():
            raise BadValue(_("Not a whole number.")) from None
        value = int(number)
    if abs(value) > INT32_MAX:
        raise BadValue(_("Number too large."))
    return value


def quantity(cell: str | date) -> int:
    """A quantity in 条 (cartons): a whole number ≥ 0."""
    value = whole_number(cell)
    if value < 0:
        raise BadValue(_("Quantity must not be negative."))
    return value


def integer_between(low: int, high: int, message: str | Promise) -> Parser:
    def parse(cell: str | date) -> int:
        value = whole_number(cell)
        if not low <= value <= high:
            raise BadValue(str(message))
        return value

    return parse


def decimal(max_digits: int, decimal_places: int, *, minimum: Decimal | None = None) -> Parser:
    """A decimal number with `.` as separator that fits the database column."""
    limit = Decimal(10) ** (max_digits - decimal_places)
    step = Decimal(1).scaleb(-decimal_places)

    def parse(cell: str | date) -> Decimal:
        if isinstance(cell, date):
            raise BadValue(_("Not a number."))
        try:
            value = Decimal(cell)
        except InvalidOperation:
            raise BadValue(_("Not a number.")) from None
        if not value.is_finite():
            raise BadValue(_("Not a number."))
        if minimum is not None and value < minimum:
            raise BadValue(_("Must not be negative."))
        if abs(value) >= limit:
            raise BadValue(_("Number too large."))
        rounded = value.quantize(step)
        if rounded != value:
            raise BadValue(_("At most %(places)s decimal places.") % {"places": decimal_places})
        return rounded

    return parse


def field_decimal(model: type[models.Model], name: str, *, minimum: Decimal | None = Decimal(0)) -> Parser:
    """A decimal that fits the model's DecimalField (negative values refused unless `minimum` says otherwise)."""
    field = model_field(model, name, models.DecimalField)
    return decimal(field.max_digits, field.decimal_places, minimum=minimum)


def boolean(true_words: Sequence[str] = (), false_words: Sequence[str] = ()) -> Parser:
    """1/0, 是/否, yes/no, true/false, plus the column's own words (e.g. 省内/省外)."""
    truthy = {"1", "是", "yes", "y", "true", "t", *(word.lower() for word in true_words)}
    falsy = {"0", "否", "no", "n", "false", "f", *(word.lower() for word in false_words)}
    allowed = ", ".join(["1", "0", "是", "否", *true_words, *false_words])

    def parse(cell: str | date) -> bool:
        word = cell.lower() if isinstance(cell, str) else ""
        if word in truthy:
            return True
        if word in falsy:
            return False
        raise BadValue(_("Not a yes/no value (expected one of: %(allowed)s).") % {"allowed": allowed})

    return parse


def choice(choices: type[models.Choices], words: dict) -> Parser:
    """An enumeration given by its code, English word or Chinese word (lib.choices.word_lookup)."""
    from workbench.lib.choices import word_lookup

    lookup = word_lookup(choices, words)
    spellings = []
    for value in choices.values:
        spellings.append("/".join([str(value), *words.get(value, ())]))
    allowed = ", ".join(spellings)

    def parse(cell: str | date) -> object:
        word = " ".join(cell.split()).lower() if isinstance(cell, str) else ""
        if word in lookup:
            return lookup[word]
        raise BadValue(_("Unknown value (expected one of: %(allowed)s).") % {"allowed": allowed})

    return parse
