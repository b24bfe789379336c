"""What an import did: counts, the invalid rows (file row, column, value, reason) and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# How the report names each kind of file.
KIND_NAMES = {
    "org": gettext_lazy("org units"),
    "staff": gettext_lazy("staff"),
    "customers": gettext_lazy("customers"),
    "specs": gettext_lazy("specs"),
    "orders": gettext_lazy("order lines"),
}

# A cell's value is quoted in its error up to this length (a binary or shifted file has cells of any size).
MAX_VALUE_CHARACTERS = 100


class FileProblem(Exception):
    """The file as a whole cannot be read (empty, not UTF-8, damaged XLSX, wrong type): one clear message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class TooManyErrors(Exception):
    """Raised when the report holds IMPORT_MAX_ERRORS errors: reading and checking stop there.

    A wrong file (the wrong kind, a shifted column) has an error on every row: counting them all in a big workbook
    took long and much memory (docs/performance.md#error-report-cap), and told the user nothing the first errors do not.
    """


@dataclass(frozen=True)
class RowError:
    """One invalid value: `row` is the file row number (the header is row 1), None for the file as a whole."""

    row: int | None
    column: str
    value: str
    reason: str

    def as_text(self) -> str:
        if self.row is None:
            return self.reason
        if not self.column:
            return _("row %(row)s: %(reason)s") % {"row": self.row, "reason": self.reason}
        return _("row %(row)s, column %(column)s, value “%(value)s”: %(reason)s") % {
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "reason": self.reason,
        }


@dataclass
class ImportReport:
    """The outcome of one `import_file` call; nothing was written unless `ok` (and not `dry_run`)."""

    kind: str
    file_name: str = ""
    dry_run: bool = False
    rows_read: int = 0  # data rows, blank rows not counted
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    stopped: bool = False  # reading stopped at IMPORT_MAX_ERRORS errors: the rest of the file was not checked
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def error_count(self) -> int:
        return len(self.errors)

    def add_error(self, row: int | None, column: str, value: object, reason: str) -> None:
        """Record an invalid value; the IMPORT_MAX_ERRORS-th raises TooManyErrors (the import then rolls back)."""
        text = "" if value is None else str(value)
        if len(text) > MAX_VALUE_CHARACTERS:
            text = text[:MAX_VALUE_CHARACTERS] + "…"
        self.errors.append(RowError(row, str(column), text, str(reason)))
        if len(self.errors) >= settings.IMPORT_MAX_ERRORS:
            self.stopped = True
            raise TooManyErrors

    def fail(self, reason: str) -> None:
        """Record a problem with the whole file (never stops: nothing is read after it)."""
        self.errors.append(RowError(None, "", "", str(reason)))

    def stopped_message(self) -> str:
        """What a report that stopped early says about the rest of the file."""
        last_row = max((error.row for error in self.errors if error.row is not None), default=0)
        return _(
            "Checking stopped at %(count)s errors (the last one in row %(row)s): the rest of the file was not "
            "checked. Correct these and import the file again."
        ) % {"count": self.error_count, "row": last_row}

    def clear_counts(self) -> None:
        """Nothing was written: the counts of a failed import would mislead."""
        self.created = self.updated = self.unchanged = 0

    def as_text(self) -> str:
        """The report as plain text, for the command line (the upload page renders the same fields)."""
        counts = {
            "kind": KIND_NAMES.get(self.kind, self.kind),
            "file": self.file_name,
            "rows": self.rows_read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "seconds": f"{self.seconds:.1f}",
        }
        if self.ok:
            head = (
                _(
                    "Import of %(kind)s from %(file)s: %(rows)s rows read, %(created)s created, %(updated)s updated, "
                    "%(unchanged)s unchanged (%(seconds)s s)."
                )
                % counts
            )
        else:
            head = _("Import of %(kind)s from %(file)s failed: %(rows)s rows read.") % counts
        lines = [head]
        if self.warnings:
            lines.append(_("Warnings:"))
            lines.extend(f"  - {warning}" for warning in self.warnings)
        if not self.ok:
            lines.append(_("Errors (%(count)s):") % {"count": self.error_count})
            lines.extend(f"  {error.as_text()}" for error in self.sorted_errors())
            if self.stopped:
                lines.append(self.stopped_message())
            lines.append(_("Nothing was written."))
        elif self.dry_run:
            lines.append(_("Dry run: the file is valid; nothing was written."))
        return "\n".join(lines)

    def sorted_errors(self) -> list[RowError]:
        """The listed errors, file-level first, then by row."""
        return sorted(self.errors, key=lambda error: -1 if error.row is None else error.row)
