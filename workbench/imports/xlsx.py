"""Read the first sheet of an XLSX workbook as a Table (the CSV path is in imports.reading).

The sheet is read as openpyxl's read-only mode reads it — streaming its XML, in constant memory — but with a cell
parser of our own that tells a formula cell whose result was never saved (a file written by a program, not by
Excel) from an empty cell: openpyxl reads both as empty, and an empty `amount` would then be computed silently.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from itertools import chain
from pathlib import Path

from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

from workbench.imports.reading import Cell, Table, not_a_table_message
from workbench.imports.report import FileProblem


class _UnsavedFormula:
    """The value of a formula cell that has no saved result."""


UNSAVED_FORMULA = _UnsavedFormula()


class _SavedValueParser(WorkSheetParser):
    """openpyxl's sheet parser (saved values, not formulas), marking formula cells that have no saved value.

    openpyxl is pinned (pyproject.toml): this leans on its parser's `parse_cell`, which returns a dict per cell.
    """

    def parse_cell(self, element):
        cell = super().parse_cell(element)
        if cell["value"] is None and element.find(FORMULA_TAG) is not None:
            cell["value"] = UNSAVED_FORMULA
        return cell


@contextmanager
def open_xlsx(path: Path):
    """Open the workbook's first sheet as a Table; its header is the sheet's row 1."""
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise FileProblem(_("The XLSX file is damaged or truncated.")) from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, InvalidFileException…) for non-workbooks
        raise FileProblem(not_a_table_message(_("it is a ZIP archive but not an Excel workbook"))) from None
    try:
        if not workbook.worksheets:
            raise FileProblem(_("The workbook has no sheet."))
        source = _sheet_rows(workbook.worksheets[0])
        first = next(source, None)
        if first is None:
            raise FileProblem(_("The file is empty."))
        if first[0] != 1:  # row 1 is empty: no header (the data-contract check then names the missing columns)
            header_cells: list[str] = []
            source = chain([first], source)
        else:
            header_cells = ["" if cell is None else str(cell).strip() for cell in first[1]]
        rows = _refuse_unsaved_formulas(source, header_cells)
        yield Table(header=header_cells, rows=(row for row in rows if any(row[1])))
    finally:
        workbook.close()


def _sheet_rows(sheet) -> Iterator[tuple[int, list]]:
    """(sheet row number, cells) of every row that has cells; formula cells without a value are UNSAVED_FORMULA."""
    # Some writers store a wrong sheet size: the rows are read as they come, whatever the size says.
    number = 0
    with sheet._get_source() as source:
        parser = _SavedValueParser(
            source,
            sheet._shared_strings,
            data_only=True,
            epoch=sheet.parent.epoch,
            date_formats=sheet.parent._date_formats,
            timedelta_formats=sheet.parent._timedelta_formats,
        )
        rows = parser.parse()
        while True:
            try:
                number, cells = next(rows)
            except StopIteration:
                return
            except Exception:  # noqa: BLE001 - a truncated member fails deep inside zlib / the XML parser
                raise FileProblem(
                    _("The XLSX file is damaged or truncated (after row %(row)s).") % {"row": number}
                ) from None
            if not cells:
                continue
            values: list = [None] * max(cell["column"] for cell in cells)
            for cell in cells:
                values[cell["column"] - 1] = cell["value"]
            yield number, [value if value is UNSAVED_FORMULA else xlsx_cell(value) for value in values]


def _refuse_unsaved_formulas(rows: Iterator[tuple[int, list]], header: list[str]) -> Iterator[tuple[int, list[Cell]]]:
    """Pass the rows on; the first formula cell without a saved value stops the import with a message naming it."""
    for number, cells in rows:
        if UNSAVED_FORMULA in cells:
            position = next(index for index, cell in enumerate(cells) if cell is UNSAVED_FORMULA)
            name = header[position] if position < len(header) else ""
            column = get_column_letter(position + 1) + (f" “{name}”" if name else "")
            raise FileProblem(
                _(
                    "Row %(row)s, column %(column)s holds a formula whose result was not saved in the file. Open "
                    "the file in Excel and save it (or paste the values over the formulas), then import it again."
                )
                % {"row": number, "column": column}
            )
        yield number, cells


def xlsx_cell(value: object) -> Cell:
    """A spreadsheet value as the text a CSV would hold (numbers without a spurious “.0”), or a date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip()
    return text or None
