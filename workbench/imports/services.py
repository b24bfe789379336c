"""The one entry point for importing a data-contract file: the command, the upload page and the demo call it.

Importing is all-or-nothing per file: the whole file is read and checked inside one transaction, and unless every
row is valid (and it is not a dry run) the transaction is rolled back, so nothing from the file is written.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from django.conf import settings
from django.db import OperationalError, connection, transaction
from django.utils.translation import gettext as _

from workbench.imports import customers, order_lines, org_units, specs, staff
from workbench.imports.reading import open_table
from workbench.imports.report import FileProblem, ImportReport, TooManyErrors
from workbench.lib.busy import is_database_locked, waiting_for_writers

logger = logging.getLogger(__name__)

# The kinds of file, in the order they must be imported (each refers to codes of the ones before it).
IMPORTERS = {
    "org": org_units.run,
    "staff": staff.run,
    "customers": customers.run,
    "specs": specs.run,
    "orders": order_lines.run,
}
KINDS = tuple(IMPORTERS)
IMPORT_LOCK = 7_351_220  # any constant: the key of the advisory lock that serialises imports


class _RollBack(Exception):
    """Raised inside the transaction to undo it: the file had errors, or this was a dry run."""


def _one_import_at_a_time() -> None:
    """Serialise imports: two at once would recompute the same monthly summaries concurrently.

    PostgreSQL takes a transaction-level advisory lock; SQLite needs nothing, its write transaction already
    excludes every other writer (and `import_file` lets it wait for one as long as the settings say).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK])


def import_file(kind: str, path: str | Path, *, dry_run: bool = False) -> ImportReport:
    """Import one file of `kind` (org, staff, customers, specs, orders); see docs/data-contract.md."""
    if kind not in IMPORTERS:
        raise ValueError(f"unknown import kind {kind!r}; expected one of {', '.join(KINDS)}")
    report = ImportReport(kind=kind, file_name=Path(path).name, dry_run=dry_run)
    started = time.perf_counter()
    try:
        # On SQLite the transaction holds the database's write lock throughout; web requests keep reading (WAL)
        # and their saves give up after a short wait (lib/busy.py), while this waits for another import.
        with waiting_for_writers(), transaction.atomic():
            _one_import_at_a_time()
            with open_table(path) as table:
                IMPORTERS[kind](table, report, dry_run=dry_run)
            if not report.ok or dry_run:
                raise _RollBack
            committing = time.perf_counter()
        # Deferred foreign-key checks run at commit: on a big orders file they are a large part of the time.
        logger.info("import of %s: committed in %.2f s", kind, time.perf_counter() - committing)
    except (_RollBack, TooManyErrors):
        pass
    except FileProblem as problem:
        report.fail(problem.message)
    except OperationalError as error:
        if not is_database_locked(error):
            raise
        seconds = settings.WORKBENCH_SQLITE_WRITER_TIMEOUT
        report.fail(
            _("The database stayed busy with another write for %(seconds)s s: import the file again later.")
            % {"seconds": seconds}
        )
    if not report.ok:
        report.clear_counts()
    elif report.rows_read == 0:
        report.warnings.append(_("The file has a header but no data rows."))
    report.seconds = time.perf_counter() - started
    return report
