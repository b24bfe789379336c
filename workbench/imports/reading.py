"""Read a data-contract file (CSV or XLSX) as a header and a stream of rows of clean cells.

Cells come out as stripped strings, `date` objects (XLSX date cells) or None (empty). Everything that can go
wrong with the file as a whole becomes a FileProblem with one message a user understands — never a traceback.
The rows are a generator: a 20-million-line CSV is read in constant memory.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import BinaryIO

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workbench.imports.report import FileProblem

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .xls (and .doc)
SNIFF_BYTES = 64 * 1024
# The start of files users pick by mistake (or rename to .csv): named, so the message can say what the file is.
OTHER_MAGIC = (
    (b"%PDF-", gettext_lazy("it is a PDF document")),
    (b"\x89PNG\r\n\x1a\n", gettext_lazy("it is a PNG image")),
    (b"\xff\xd8\xff", gettext_lazy("it is a JPEG image")),
    (b"GIF8", gettext_lazy("it is a GIF image")),
    (b"\x1f\x8b", gettext_lazy("it is a gzip archive")),
    (b"Rar!\x1a\x07", gettext_lazy("it is a RAR archive")),
    (b"7z\xbc\xaf\x27\x1c", gettext_lazy("it is a 7-Zip archive")),
)
# Text has no control characters but tab and line ends; a real CSV may hold a stray one (pasted from elsewhere),
# binary data holds many. Above this share of the characters read, the file is taken for binary.
MAX_CONTROL_SHARE = 0.05
CONTROL_CHARACTERS = frozenset(chr(code) for code in range(32) if chr(code) not in "\t\n\r") | {"\x7f"}

Cell = str | date | None


@dataclass
class Table:
    """The header cells (as written, stripped) and an iterator of (file row number, cells); the header is row 1."""

    header: list[str]
    rows: Iterator[tuple[int, list[Cell]]]


def not_a_table_message(what: str) -> str:
    """The message for a file that is neither CSV nor XLSX; `what` says what it is instead."""
    return _("This is not a CSV or XLSX file (%(what)s).") % {"what": what}


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
        # Imported here: the CSV path (the big order files) should not pay for loading openpyxl.
        from workbench.imports.xlsx import open_xlsx

        with open_xlsx(path) as table:
            yield table
        return
    if head.startswith(OLE_MAGIC):
        raise FileProblem(_("Old Excel .xls files are not supported: save the sheet as .xlsx or as CSV UTF-8."))
    for magic, what in OTHER_MAGIC:
        if head.startswith(magic):
            raise FileProblem(not_a_table_message(str(what)))
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise FileProblem(_("The file is named .xlsx but is not an Excel workbook: it is damaged or of another type."))
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FileProblem(_("The file is UTF-16 text: save it as “CSV UTF-8” or as an XLSX workbook."))
    _check_is_text(head)
    with path.open("rb") as raw:
        yield _csv_table(raw)


def _check_is_text(head: bytes) -> None:
    """Refuse what is not text: NUL bytes, bytes that are neither UTF-8 nor GBK, or many control characters.

    A GBK file (what Excel saves on a Chinese Windows) decodes as GB18030, a superset of GBK, but not as UTF-8:
    that one is told to save as UTF-8. Random binary decodes as neither, and must not be taken for GBK text.
    """
    binary = not_a_table_message(_("it contains binary data"))
    if b"\x00" in head:
        raise FileProblem(binary)
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        try:
            codecs.getincrementaldecoder("gb18030")().decode(head, final=False)
        except UnicodeDecodeError:
            raise FileProblem(binary) from None
        raise FileProblem(not_utf8_message()) from None
    controls = sum(1 for character in text if character in CONTROL_CHARACTERS)
    if controls > MAX_CONTROL_SHARE * len(text):
        raise FileProblem(binary)


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
