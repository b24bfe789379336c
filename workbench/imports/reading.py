"""Read a data-contract file (CSV or XLSX) as a header and a stream of rows of clean cells.

Cells come out as stripped strings, `date` objects (XLSX date cells) or None (empty). Everything that can go
wrong with the file as a whole becomes a FileProblem with one message a user understands — never a traceback.
The rows are a generator: a 20-million-line CSV is read in constant memory.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _

from workbench.imports.report import FileProblem

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc)
SNIFF_BYTES = 64 * 1024

Cell = str | date | None


@dataclass
class Table:
    """The header cells (as written, stripped) and an iterator of (file row number, cells); the header is row 1."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]


def not_utf8_message(row: int | None = None) -> str:
    message = _(
        "The file is not UTF-8 text (it may have been saved as GBK/ANSI). Save it as “CSV UTF-8” or as an XLSX "
        "workbook and import it again."
    )
    if row is not None:
        message = _("Row %(row)s: %(message)s") % {"row": row, "message": message}
    return message


@contextmanager
def open_table(path: str | Path):
    """Open a CSV or XLSX file as a Table; the kind is sniffed from the content, not trusted from the name."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except FileNotFoundError:
        raise FileProblem(_("File not found: %(path)s") % {"path": path}) from None
    except IsADirectoryError:
        raise FileProblem(_("%(path)s is a directory, not a file.") % {"path": path}) from None
    except OSError as error:
        raise FileProblem(_("Cannot read %(path)s: %(error)s") % {"path": path, "error": error.strerror}) from None
    if not head:
        raise FileProblem(_("The file is empty."))
    if head.startswith(ZIP_MAGIC):
        with _open_xlsx(path) as table:
            yield table
        return
    if head.startswith(OLE_MAGIC):
        raise FileProblem(_("Old Excel .xls files are not supported: save the sheet as .xlsx or as CSV UTF-8."))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise FileProblem(_("The file is named .xlsx but is not an Excel workbook: it is damaged or of another type."))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(_("The file is UTF-16 text: save it as “CSV UTF-8” or as an XLSX workbook."))
    if b"\x00" in head:
        raise FileProblem(_("This is not a CSV or XLSX file (it contains binary data)."))
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        raise FileProblem(not_utf8_message()) from None
    with path.open("rb") as raw:
        yield _csv_table(raw)


def _decoded_lines(raw: BinaryIO) -> Iterator[str]:
    """The file's lines as text, decoded one by one so that a decoding error is caught at its own row."""
    first = True
    for line in raw:
        if first:
            first = False
            if line.startswith(codecs.BOM_UTF8):
                line = line[len(codecs.BOM_UTF8) :]
        yield line.decode("utf-8")


def _csv_table(raw: BinaryIO) -> Table:
    reader = csv.reader(_decoded_lines(raw), strict=True)
    record = 0

    def records() -> Iterator[list[str]]:
        # Row numbers count records, not physical lines, so that they match what a spreadsheet shows.
        nonlocal record
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except UnicodeDecodeError:
                raise FileProblem(not_utf8_message(record + 1)) from None
            except csv.Error as error:
                raise FileProblem(
                    _("Row %(row)s is not valid CSV (%(error)s).") % {"row": record + 1, "error": error}
                ) from None
            record += 1
            yield cells

    stream = records()
    header = next(stream, None)
    if header is None:
        raise FileProblem(_("The file is empty."))

    def rows() -> Iterator[tuple[int, list[Cell]]]:
        for cells in stream:
            clean: list[Cell] = [(cell.strip() or None) for cell in cells]
            if any(clean):
                yield record, clean

    return Table(header=[cell.strip() for cell in header], rows=rows())


@contextmanager
def _open_xlsx(path: Path):
    # Imported here: the CSV path (the big order files) should not pay for loading openpyxl.
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, EOFError, OSError):
        raise FileProblem(_("The XLSX file is damaged or truncated.")) from None
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds (KeyError, InvalidFileException…) for non-workbooks
        raise FileProblem(_("The file is a ZIP archive but not an Excel workbook.")) from None
    try:
        if not workbook.worksheets:
            raise FileProblem(_("The workbook has no sheet."))
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # some writers store a wrong size; read every row there is
        source = _xlsx_rows(sheet)
        header = next(source, None)
        if header is None:
            raise FileProblem(_("The file is empty."))
        header_cells = ["" if cell is None else str(cell).strip() for cell in header[1]]
        yield Table(header=header_cells, rows=(row for row in source if any(row[1])))
    finally:
        workbook.close()


def _xlsx_rows(sheet) -> Iterator[tuple[int, list[Cell]]]:
    iterator = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            values = next(iterator)
        except StopIteration:
            return
        except Exception:  # noqa: BLE001 - a truncated member fails deep inside zlib / the XML parser
            raise FileProblem(
                _("The XLSX file is damaged or truncated (after row %(row)s).") % {"row": number}
            ) from None
        number += 1
        yield number, [xlsx_cell(value) for value in values]


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
