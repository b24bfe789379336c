"""A DuckDB copy of what the reports read, for the benchmark's reference (`workbench bench reports --duckdb`).

The copy holds the RAW order lines (never our monthly summaries: the reference is a columnar engine scanning the
lines, the limit of this machine), the customers with their scope columns (the manager's staff code and the
team, department and company codes of his org unit, from the org path), the staff with the same columns, the
specs and the market opportunities.

Each table leaves the database through its bulk path into CSV files — PostgreSQL's `COPY … TO STDOUT` (psycopg 3
`cursor.copy`), a streamed cursor on SQLite — which DuckDB's `read_csv` loads. The order lines travel in chunks of
`chunk_bytes`, each loaded and deleted before the next is written, so a 40-million-line city needs little disk.

The order lines are copied again only when the source changed: the copy remembers the source database and its
line count and highest line id, and a second run against the same data reuses the file. (A re-import that updates
lines in place keeps both; `reload=True` forces a fresh copy, and the benchmark's check would show the drift.)
The small tables are copied on every run.
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

from django.db import connections
from django.db.models import Count, Max
from django.utils.translation import gettext as _

from workbench.accounts.models import OrgUnit, Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.routers import report_database
from workbench.orders.models import OrderLine
from workbench.visits.models import MarketOpportunity

CHUNK_BYTES = 256 * 1024 * 1024  # order lines per CSV file before DuckDB loads it (≈ 6 million lines)
FETCH_ROWS = 10_000  # rows per fetch from a cursor that has no COPY (SQLite)


class DuckDBMissing(RuntimeError):
    """DuckDB is not installed: the reference is an optional extra."""


def import_duckdb():
    """The duckdb module, or DuckDBMissing saying how to install it (it is not a runtime dependency)."""
    try:
        import duckdb
    except ImportError:
        raise DuckDBMissing(
            _('DuckDB is not installed; the DuckDB reference needs the bench extra: pip install -e ".[bench]"')
        ) from None
    return duckdb


@dataclass(frozen=True)
class CopiedTable:
    """One table of the copy: the SELECT that reads it from the source and its DuckDB columns, in order."""

    name: str
    select: str
    columns: dict[str, str]


def copied_tables(quote: Callable[[str], str]) -> list[CopiedTable]:
    """The tables of the copy, read with portable SQL (the same text on PostgreSQL and SQLite)."""
    lines, customers, staff = (quote(model._meta.db_table) for model in (OrderLine, Customer, Staff))
    units, specs, opportunities = (quote(model._meta.db_table) for model in (OrgUnit, Spec, MarketOpportunity))
    return [
        CopiedTable(
            "order_line",
            f"SELECT id, order_date, customer_id, spec_id, demand_qty, limit_qty, order_qty, amount FROM {lines}",
            {
                "id": "BIGINT",
                "order_date": "DATE",
                "customer_id": "BIGINT",
                "spec_id": "BIGINT",
                "demand_qty": "INTEGER",  # 需求量
                "limit_qty": "INTEGER",  # 限量, NULL = no limit
                "order_qty": "INTEGER",  # 订购量
                "amount": "DECIMAL(12,2)",  # 金额
            },
        ),
        CopiedTable(
            "org_unit_source",
            f"SELECT id, code, kind, path FROM {units}",
            {"id": "BIGINT", "code": "VARCHAR", "kind": "VARCHAR", "path": "VARCHAR"},
        ),
        CopiedTable(
            "staff_source",
            f"SELECT s.id, s.code, u.path FROM {staff} s JOIN {units} u ON u.id = s.org_unit_id",
            {"id": "BIGINT", "code": "VARCHAR", "org_path": "VARCHAR"},
        ),
        CopiedTable(
            "customer_source",
            "SELECT c.id, c.code, c.name, c.format, c.market_type, c.scale, c.class_code, c.grade, c.opened_on,"
            f" c.closed_on, s.code, u.path FROM {customers} c JOIN {staff} s ON s.id = c.manager_id"
            f" JOIN {units} u ON u.id = s.org_unit_id",
            {
                "id": "BIGINT",
                "code": "VARCHAR",
                "name": "VARCHAR",
                "format": "VARCHAR",  # 业态
                "market_type": "VARCHAR",  # 市场类型
                "scale": "VARCHAR",  # 经营规模
                "class_code": "VARCHAR",  # 客户分类
                "grade": "INTEGER",  # 档位
                "opened_on": "DATE",
                "closed_on": "DATE",
                "manager_code": "VARCHAR",  # 客户经理工号
                "org_path": "VARCHAR",  # the manager's org unit path
            },
        ),
        CopiedTable(
            "spec",
            f"SELECT id, code, name FROM {specs}",
            {"id": "BIGINT", "code": "VARCHAR", "name": "VARCHAR"},
        ),
        CopiedTable(
            "opportunity",
            f"SELECT id, staff_id, customer_id, type, status, estimated_qty, found_on FROM {opportunities}",
            {
                "id": "BIGINT",
                "staff_id": "BIGINT",
                "customer_id": "BIGINT",
                "type": "VARCHAR",
                "status": "VARCHAR",
                "estimated_qty": "INTEGER",  # 预计需求(条/周)
                "found_on": "DATE",
            },
        ),
    ]


# The scope columns of customers and staff, from the org path: the code of the unit of each kind on the path.
SCOPE_UNIT_KINDS = {"team_code": "team", "department_code": "department", "company_code": "company"}


def _with_scope_columns(source: str) -> str:
    columns = ", ".join(
        f"(SELECT min(u.code) FROM org_unit u WHERE u.kind = '{kind}' AND starts_with(r.org_path, u.path)) AS {name}"
        for name, kind in SCOPE_UNIT_KINDS.items()
    )
    return f"SELECT r.*, {columns} FROM {source} r"


DERIVED_TABLES = [
    "CREATE OR REPLACE TABLE org_unit AS SELECT * FROM org_unit_source",
    f"CREATE OR REPLACE TABLE staff AS {_with_scope_columns('staff_source')}",
    f"CREATE OR REPLACE TABLE customer AS {_with_scope_columns('customer_source')}",
    "DROP TABLE org_unit_source",
    "DROP TABLE staff_source",
    "DROP TABLE customer_source",
]


@dataclass(frozen=True)
class CopyReport:
    """What opening the copy did: where it is, how many lines, whether they were reused, how long it took."""

    path: Path
    lines: int
    lines_reused: bool
    lines_seconds: float  # export + load of the order lines (0 when reused)
    other_seconds: float  # the small tables, copied every time


def source_fingerprint(database: str) -> dict[str, str]:
    """What identifies the source's order lines: the database, the line count and the highest line id."""
    settings = connections[database].settings_dict
    counts = OrderLine.objects.using(database).aggregate(lines=Count("pk"), max_id=Max("pk"))
    return {
        "database": f"{connections[database].vendor}:{settings.get('HOST') or ''}:{settings.get('PORT') or ''}"
        f":{settings['NAME']}",
        "lines": str(counts["lines"]),
        "max_id": str(counts["max_id"] or 0),
    }


def open_copy(
    path: Path | str,
    *,
    database: str | None = None,
    reload: bool = False,
    chunk_bytes: int = CHUNK_BYTES,
):
    """Open (creating or refreshing) the DuckDB copy at `path` of the database the reports read.

    Returns the DuckDB connection and a CopyReport.
    """
    duckdb = import_duckdb()
    database = database or report_database()
    path = Path(path)
    fingerprint = source_fingerprint(database)
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE IF NOT EXISTS copy_source (key VARCHAR PRIMARY KEY, value VARCHAR)")
    stored = dict(con.execute("SELECT key, value FROM copy_source").fetchall())
    tables = copied_tables(connections[database].ops.quote_name)
    lines_table, other_tables = tables[0], tables[1:]
    has_lines = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'order_line'").fetchone()[0]
    reuse = not reload and has_lines and stored == fingerprint

    started = time.perf_counter()
    if not reuse:
        # Forget the old source first: a copy interrupted halfway is then reloaded by the next run.
        con.execute("DELETE FROM copy_source")
        _copy_lines(con, database, lines_table, path.parent, chunk_bytes)
        con.executemany("INSERT INTO copy_source VALUES (?, ?)", list(fingerprint.items()))
    lines_seconds = 0.0 if reuse else time.perf_counter() - started

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="workbench-bench-", dir=path.parent) as directory:
        for table in other_tables:
            csv_path = Path(directory) / f"{table.name}.csv"
            with open(csv_path, "wb") as file:
                export_csv(database, table.select, file.write)
            con.execute(f"CREATE OR REPLACE TABLE {table.name} AS SELECT * FROM {read_csv_sql(csv_path, table)}")
    for statement in DERIVED_TABLES:
        con.execute(statement)
    other_seconds = time.perf_counter() - started
    return con, CopyReport(path, int(fingerprint["lines"]), bool(reuse), lines_seconds, other_seconds)


def read_csv_sql(csv_path: Path, table: CopiedTable) -> str:
    """DuckDB's read_csv of one exported file: no header, the columns and types given, empty unquoted = NULL.

    A quoted empty string stays an empty string (a customer without a scale), as PostgreSQL's CSV writes it.
    """
    columns = ", ".join(f"'{name}': '{kind}'" for name, kind in table.columns.items())
    path_text = str(csv_path).replace("'", "''")
    return (
        f"read_csv('{path_text}', header = false, auto_detect = false, delim = ',', quote = '\"', escape = '\"',"
        f" allow_quoted_nulls = false, columns = {{{columns}}})"
    )


def _copy_lines(con, database: str, table: CopiedTable, directory: Path, chunk_bytes: int) -> None:
    """Copy the order lines in chunks through a staging table, then store them sorted by date.

    Sorting by order date lets DuckDB skip whole row groups outside a period (its min/max zone maps), the way a
    columnar store is laid out for date-bounded reports.
    """
    con.execute(
        f"CREATE OR REPLACE TABLE order_line_staging ({', '.join(f'{n} {k}' for n, k in table.columns.items())})"
    )
    with tempfile.TemporaryDirectory(prefix="workbench-bench-", dir=directory) as temporary:

        def load(csv_path: Path) -> None:
            con.execute(f"INSERT INTO order_line_staging SELECT * FROM {read_csv_sql(csv_path, table)}")
            csv_path.unlink()

        with ChunkedFiles(Path(temporary), "order_line", chunk_bytes, load) as files:
            export_csv(database, table.select, files.write)
    con.execute(
        "CREATE OR REPLACE TABLE order_line AS SELECT * FROM order_line_staging ORDER BY order_date, customer_id"
    )
    con.execute("DROP TABLE order_line_staging")


class ChunkedFiles:
    """Bytes written into numbered files of about `chunk_bytes`, each cut after a newline and handed to `on_full`.

    Cutting at any newline is only right for CSV without quoted newlines: the order lines have no text column.
    PostgreSQL sends one row per block, so blocks are gathered up to `BUFFER_BYTES` before they are looked at.
    """

    BUFFER_BYTES = 1024 * 1024

    def __init__(self, directory: Path, stem: str, chunk_bytes: int, on_full: Callable[[Path], None]):
        self.directory = directory
        self.stem = stem
        self.chunk_bytes = chunk_bytes
        self.on_full = on_full
        self.number = 0
        self.file: BinaryIO  # opened by __enter__, then at each cut
        self.size = 0
        self.pending: list[bytes] = []
        self.pending_size = 0

    def __enter__(self) -> ChunkedFiles:
        self._open()
        return self

    def __exit__(self, *exc_info) -> None:
        if exc_info[0] is None:
            self._flush()
        self._close(hand_over=exc_info[0] is None)

    def _open(self) -> None:
        self.number += 1
        self.path = self.directory / f"{self.stem}-{self.number:04d}.csv"
        self.file = open(self.path, "wb")
        self.size = 0

    def _close(self, hand_over: bool) -> None:
        self.file.close()
        if hand_over and self.size:
            self.on_full(self.path)

    def write(self, data) -> None:
        self.pending.append(bytes(data))  # a copy: the driver may reuse the block's buffer
        self.pending_size += len(data)
        if self.pending_size >= min(self.BUFFER_BYTES, self.chunk_bytes):
            self._flush()

    def _flush(self) -> None:
        data = b"".join(self.pending)
        self.pending, self.pending_size = [], 0
        if self.size + len(data) >= self.chunk_bytes:
            cut = data.rfind(b"\n") + 1
            if cut:  # else no row ends in this block: keep writing until one does
                self.file.write(data[:cut])
                self.size += cut
                self._close(hand_over=True)
                self._open()
                data = data[cut:]
        self.file.write(data)
        self.size += len(data)


def export_csv(database: str, select: str, write: Callable[[bytes], Any]) -> None:
    """Stream the rows of `select` as CSV bytes: no header, NULL an empty unquoted field, empty text `""`.

    PostgreSQL writes the CSV itself (`COPY (…) TO STDOUT`); other databases are read through a cursor in batches.
    """
    connection = connections[database]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY ({select}) TO STDOUT WITH (FORMAT csv)") as copy:
                for block in copy:
                    write(block)
            return
        cursor.execute(select)
        while rows := cursor.fetchmany(FETCH_ROWS):
            write("".join(csv_line(row) for row in rows).encode())


def csv_line(values: Iterable) -> str:
    """One CSV line that reads back like PostgreSQL's: NULL empty and unquoted, text quoted (so '' is `""`)."""
    return ",".join(_csv_field(value) for value in values) + "\n"


def _csv_field(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return '"' + value.replace('"', '""') + '"'
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, date | int | Decimal):
        return str(value)
    if isinstance(value, float):
        # SQLite stores decimals as floats; repr is the shortest text that reads back as the same float.
        return repr(value)
    return _csv_field(str(value))
