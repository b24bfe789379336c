"""What an import did: counts, the invalid rows (file row, column, value, reason) and warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

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

# The report lists this many errors; beyond it, it only counts them (a wrong file can have millions).
MAX_LISTED_ERRORS = 1000


class FileProblem(Exception):
    """The file as a whole cannot be read (empty, not UTF-8, damaged XLSX, wrong type): one clear message."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
    errors_not_listed: int = 0  # errors beyond MAX_LISTED_ERRORS, counted only
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors and not self.errors_not_listed

    @property
    def error_count(self) -> int:
        return len(self.errors) + self.errors_not_listed

    def add_error(self, row: int | None, column: str, value: object, reason: str) -> None:
        """Record an invalid value; past MAX_LISTED_ERRORS it is only counted."""
        if len(self.errors) >= MAX_LISTED_ERRORS:
            self.errors_not_listed += 1
            return
        self.errors.append(RowError(row, str(column), "" if value is None else str(value), str(reason)))

    def fail(self, reason: str) -> None:
        """Record a problem with the whole file."""
        self.add_error(None, "", "", reason)

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
            if self.errors_not_listed:
                lines.append("  " + _("… and %(count)s more errors not listed.") % {"count": self.errors_not_listed})
            lines.append(_("Nothing was written."))
        elif self.dry_run:
            lines.append(_("Dry run: the file is valid; nothing was written."))
        return "\n".join(lines)

    def sorted_errors(self) -> list[RowError]:
        """The listed errors, file-level first, then by row."""
        return sorted(self.errors, key=lambda error: -1 if error.row is None else error.row)
