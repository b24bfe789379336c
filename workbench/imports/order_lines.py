"""Import order_lines.csv: order lines, upserted by (order_no, spec_code), in constant memory.

A city's year is ≈ 20 million lines, so nothing here holds the rows in Python:

1. each row is parsed and checked on its own (types, quantities, limit, amount), its customer and spec codes
   resolved through two dicts (≈ 30,000 customers, a few hundred specs), and the valid rows are streamed into a
   temporary staging table — PostgreSQL `COPY … FROM STDIN`, SQLite `executemany` in batches;
2. the checks that need several rows run as SQL on the staging table: duplicate lines, an order number with two
   dates or customers in the file, and one that contradicts lines already in the database;
3. when every row is valid, one `INSERT … SELECT … ON CONFLICT (order_no, spec_id) DO UPDATE` writes the lines
   (unchanged lines are not touched), and the monthly summaries of the affected (customer, month) keys are
   recomputed (orders.summaries). Into an empty table (a first load of history), the lines are inserted with the
   indexes built afterwards and the summaries built month by month (orders.bulk); for how long a year of a city
   takes, see docs/performance.md#a-year-of-orders.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from functools import lru_cache
from itertools import islice
from operator import itemgetter

from django.db import connection
from django.db.models import CharField
from django.utils.translation import gettext as _

from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.imports.columns import (
    BadValue,
    Column,
    ColumnMap,
    field_decimal,
    field_text,
    match_header,
    parse_date,
    quantity,
)
from workbench.imports.reading import Table
from workbench.imports.report import ImportReport
from workbench.lib.fields import model_field
from workbench.lib.periods import add_months, first_of_month
from workbench.orders.bulk import indexes_built_after
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine
from workbench.orders.summaries import (
    AFFECTED_TABLE,
    create_affected_table,
    is_postgresql,
    month_start_sql,
    next_month_sql,
    rebuild_months,
    recompute_affected_months,
)

STAGING_TABLE = "import_order_line"
CHANGES_TABLE = "import_order_change"
ODD_ORDERS_TABLE = "import_order_odd"  # orders of the file with two dates or customers, or split in several runs
SUSPECT_TABLE = "import_order_suspect"  # orders of the file whose stored lines differ in date or customer
LINE_COLUMNS = (
    "order_no",
    "order_date",
    "customer_id",
    "spec_id",
    "demand_qty",
    "limit_qty",
    "order_qty",
    "price",
    "amount",
)
STAGED_COLUMNS = ("row_no", *LINE_COLUMNS)
SQLITE_BATCH = 5000
POSTGRESQL_WORK_MEM = "256MB"
POSTGRESQL_RANDOM_PAGE_COST = 1.1  # solid-state storage, or lines that fit in memory
ANALYZE_AFTER = 50_000  # lines written
COPY_CHUNK = 5000
CENT = Decimal("0.01")
logger = logging.getLogger(__name__)

# Prices and amounts must fit OrderLine.price (10 digits, 2 after the point) and OrderLine.amount (12, 2).
PRICE_LIMIT = Decimal(10) ** 8
AMOUNT_LIMIT = Decimal(10) ** 10


def columns() -> list[Column]:
    return [
        Column("order_no", "订单号", True, field_text(OrderLine, "order_no")),
        Column("order_date", "订货日期", True, parse_date),
        Column("customer_code", "客户编码", True, field_text(Customer, "code")),
        Column("spec_code", "卷烟编码", True, field_text(Spec, "code")),
        Column("demand_qty", "需求量", True, quantity),
        Column("limit_qty", "限量", False, quantity),
        Column("order_qty", "订购量", True, quantity),
        Column("price", "单价", False, field_decimal(OrderLine, "price")),
        Column("amount", "金额", False, field_decimal(OrderLine, "amount")),
    ]


def run(table: Table, report: ImportReport, *, dry_run: bool = False) -> None:
    """Stage and check every row; when all are valid (and not a dry run), upsert and refresh the summaries."""
    column_map = match_header(table.header, columns(), report)
    if column_map is None:
        return
    # Ids as text: the staging rows are text, ready for COPY.
    customers = {code: str(pk) for code, pk in Customer.objects.values_list("code", "pk")}
    specs = {code: (str(pk), price) for code, pk, price in Spec.objects.values_list("code", "pk", "wholesale_price")}
    clock = _Clock()
    with connection.cursor() as cursor:
        if is_postgresql():
            # The set-based checks and the summaries group a million rows: let them hash and sort in memory.
            cursor.execute(f"SET LOCAL work_mem = '{POSTGRESQL_WORK_MEM}'")
            # The default (4) prices a random page as on spinning disks: PostgreSQL then hashed every stored line to
            # find the few of a week's file instead of probing the unique index (docs/performance.md#random-page-cost).
            cursor.execute(f"SET LOCAL random_page_cost = {POSTGRESQL_RANDOM_PAGE_COST}")
        _create_staging_table(cursor)
        runs = _Runs()
        _stage(cursor, table, column_map, report, customers, specs, runs)
        clock.lap("read, checked and staged %s rows", report.rows_read)
        empty = _table_is_empty(cursor, _tables()["lines"])
        if is_postgresql():
            cursor.execute(f"ANALYZE {STAGING_TABLE}")  # temporary tables are never analysed automatically
        elif not empty:
            _index_staging_table(cursor)  # SQLite joins the lines through it
        clock.lap("prepared the staging table")
        split_orders = _check_orders_in_file(cursor, column_map, report)
        if split_orders or runs.repeated:
            _index_staging_table(cursor)
            _check_duplicate_lines(cursor, column_map, report)
        clock.lap("checked the file's orders")
        if not empty:
            _check_orders_in_database(cursor, column_map, report)
            clock.lap("checked the orders against the database")
        if not report.ok:
            return  # the caller rolls back, which also drops the staging table
        cursor.execute(f"SELECT COUNT(*) FROM {STAGING_TABLE}")
        (staged,) = cursor.fetchone()
        if empty:
            report.created = staged
            if not dry_run and staged:
                _load_into_empty_table(cursor, clock)
        else:
            _merge(cursor, report, staged, clock, dry_run=dry_run)
        written = 0 if dry_run else report.created + report.updated
        if is_postgresql() and written >= ANALYZE_AFTER:
            # The reports read the summaries: stale statistics there make them choose nested loops.
            for summary_table in ("orders_customerspecmonth", "orders_customermonth"):
                cursor.execute(f"ANALYZE {summary_table}")
            clock.lap("analysed the summaries")
        cursor.execute(f"DROP TABLE {STAGING_TABLE}")


def _merge(cursor, report: ImportReport, staged: int, clock: _Clock, *, dry_run: bool) -> None:
    """Upsert the staged lines into a table that has lines, and recompute the summaries they touch."""
    report.created, report.updated = _find_changes(cursor)
    report.unchanged = staged - report.created - report.updated
    clock.lap("found the changes")
    if not dry_run and (report.created or report.updated):
        create_affected_table(cursor)
        _collect_affected_months(cursor)
        clock.lap("collected the affected months")
        _upsert(cursor)
        clock.lap("upserted the lines")
        if is_postgresql() and report.created + report.updated >= ANALYZE_AFTER:
            # Statistics from before a big load make the summary queries pick nested loops over millions.
            cursor.execute(f"ANALYZE {_tables()['lines']}")
            clock.lap("analysed the order lines")
        keys = recompute_affected_months(cursor)
        clock.lap("recomputed the summaries of %s (customer, month) keys", keys)
    cursor.execute(f"DROP TABLE {CHANGES_TABLE}")


def _load_into_empty_table(cursor, clock: _Clock) -> None:
    """The first load (a year of history, say): insert every staged line with the indexes built afterwards, then
    build the summaries of the file's months whole. Nothing to compare with, no key to look up."""
    lines = _tables()["lines"]
    column_list = ", ".join(LINE_COLUMNS)
    with indexes_built_after(cursor):
        cursor.execute(f"INSERT INTO {lines} ({column_list}) SELECT {column_list} FROM {STAGING_TABLE}")
        clock.lap("inserted the lines")
    clock.lap("built the indexes of the order lines")
    if is_postgresql():
        cursor.execute(f"ANALYZE {lines}")
        clock.lap("analysed the order lines")
    cursor.execute(f"SELECT MIN(order_date), MAX(order_date) FROM {STAGING_TABLE}")
    first, last = (date.fromisoformat(str(day)) for day in cursor.fetchone())  # SQLite gives text
    first, after = first_of_month(first), add_months(first_of_month(last), 1)
    # The summaries are empty too (they hold what the lines hold): their indexes are also built at the end.
    with indexes_built_after(cursor, CustomerSpecMonth), indexes_built_after(cursor, CustomerMonth):
        rebuild_months(cursor, first, after)
        clock.lap("built the summaries of %s – %s", first, after)
    clock.lap("built the indexes of the summaries")


def _index_staging_table(cursor) -> None:
    """Index the staged lines by key on SQLite, only when a join needs it: for a year of the city the index takes
    a while (docs/performance.md#sqlite-staging-index)."""
    if not is_postgresql():
        cursor.execute(f"CREATE INDEX IF NOT EXISTS {STAGING_TABLE}_key ON {STAGING_TABLE} (order_no, spec_id)")


def _table_is_empty(cursor, table: str) -> bool:
    cursor.execute(f"SELECT 1 FROM {table} LIMIT 1")
    return cursor.fetchone() is None


class _Clock:
    """Logs how long each step of an orders import took (INFO level), to find what a slow import spends on."""

    def __init__(self):
        self.last = time.perf_counter()

    def lap(self, step: str, *args) -> None:
        now = time.perf_counter()
        logger.info("orders import: " + step + " in %.2f s", *args, now - self.last)
        self.last = now


def _valid_lines(
    table: Table,
    column_map: ColumnMap,
    report: ImportReport,
    customers: dict[str, str],
    specs: dict[str, tuple[str, Decimal]],
    *,
    null: str | None,
    escape,
) -> Iterator[tuple]:
    """Parse and check each row on its own; yield the valid ones as staging tuples of text (errors go to the report).

    This loop runs 20 million times a year, so it does no query, keeps nothing but the report, and hands the
    database the file's own text wherever that text is already in canonical form: a row goes through a fast path
    that only recognises plainly valid rows, and anything else — including every invalid row — through the careful
    path, which accepts a superset of what the fast path accepts and names each problem. Missing values are `null`
    and order numbers go through `escape` (COPY's text format needs both).
    """
    width = len(table.header)
    slots = [column_map.index.get(column.key) for column in columns()]
    pick = itemgetter(*[width if slot is None else slot for slot in slots])
    padding = [None] if None in slots else []
    max_order_no = model_field(OrderLine, "order_no", CharField).max_length or 0  # a CharField always has one
    # The fast path counts money in integer cents: Decimal arithmetic would cost more than everything else.
    wholesale = {code: _cents(str(price)) for code, (_, price) in specs.items()}
    price_limit, amount_limit = int(PRICE_LIMIT * 100), int(AMOUNT_LIMIT * 100)

    def plain(row: int, cells: list) -> tuple | None:
        """The staging tuple of a plainly valid row, else None (the careful path then takes the row)."""
        try:
            order_no, day, customer, spec, demand, limit, ordered, price, amount = pick(cells + padding)
            customer_id, spec_id = customers[customer], specs[spec][0]
            date.fromisoformat(day)  # validates; the text itself goes to the database
        except (KeyError, TypeError, ValueError):
            return None
        if not (
            len(order_no) <= max_order_no
            and order_no.isprintable()
            and "\\" not in order_no
            and len(day) == 10
            and day[4] == day[7] == "-"
            and _plain_quantity(demand)
            and _plain_quantity(ordered)
            and (limit is None or (_plain_quantity(limit) and int(ordered) <= int(limit)))
        ):
            return None
        price_cents = wholesale[spec] if price is None else _cents(price)
        if price_cents is None or price_cents >= price_limit:
            return None
        expected = int(ordered) * price_cents
        if amount is None:
            if expected >= amount_limit:
                return None
            amount = "{}.{:02d}".format(*divmod(expected, 100))
        else:
            amount_cents = _cents(amount)
            if amount_cents is None or amount_cents >= amount_limit or abs(amount_cents - expected) > 1:
                return None
        if price is None:
            price = "{}.{:02d}".format(*divmod(price_cents, 100))
        return (
            str(row),
            order_no,
            day,
            customer_id,
            spec_id,
            demand,
            null if limit is None else limit,
            ordered,
            price,
            amount,
        )

    careful = _careful_path(width, column_map, report, customers, specs, null=null, escape=escape)
    for row, cells in table.rows:
        report.rows_read += 1
        line = (len(cells) == width and plain(row, cells)) or careful(row, cells)
        if line is not None:
            yield line


def _plain_quantity(text: str) -> bool:
    """ASCII digits only, at most 9 of them: a quantity that is valid and already canonical."""
    return len(text) <= 9 and text.isdigit() and text.isascii()


# Prices and amounts repeat: a cache hit saves a parse on most rows (docs/performance.md#money-parse-cache).
@lru_cache(maxsize=1 << 16)
def _cents(text: str) -> int | None:
    """“176.99” → 17699 for plainly written non-negative money (digits, at most 2 decimals), else None."""
    whole, dot, fraction = text.partition(".")
    if not (whole.isdigit() and whole.isascii() and len(whole) <= 12):
        return None
    if not dot:
        return int(whole) * 100
    if not (0 < len(fraction) <= 2 and fraction.isdigit() and fraction.isascii()):
        return None
    return int(whole) * 100 + int(fraction) * (10 if len(fraction) == 1 else 1)


def _careful_path(width: int, column_map, report, customers, specs, *, null, escape):
    """The row check that names every problem of a row; returns the staging tuple of a valid row, else None."""
    cols = columns()
    keys = [column.key for column in cols]
    parsers = [column.parse for column in cols if column.parse is not None]
    if len(parsers) != len(cols):  # the checks below parse every cell
        raise TypeError("every order-line column needs a parser")
    required = [column.required for column in cols]
    slots = [column_map.index.get(key) for key in keys]
    written = column_map.written

    def check(row: int, cells: list) -> tuple | None:
        if len(cells) > width and any(cells[width:]):
            report.add_error(row, "", "", _("The row has more cells than the header has columns."))
            return None
        if len(cells) < width:
            cells = cells + [None] * (width - len(cells))
        valid = True
        raw = [None if slot is None else cells[slot] for slot in slots]
        values: list = [None] * len(cols)
        for index, cell in enumerate(raw):
            if cell is None:
                if required[index]:
                    report.add_error(row, written.get(keys[index], keys[index]), "", _("A value is required."))
                    valid = False
                continue
            try:
                values[index] = parsers[index](cell)
            except BadValue as error:
                report.add_error(row, written[keys[index]], cell, str(error))
                valid = False
        order_no, order_date, customer_code, spec_code, demand_qty, limit_qty, order_qty, price, amount = values

        customer_id = customers.get(customer_code) if customer_code is not None else None
        if customer_code is not None and customer_id is None:
            report.add_error(row, written["customer_code"], customer_code, _("Unknown customer code."))
            valid = False
        spec = specs.get(spec_code) if spec_code is not None else None
        if spec_code is not None and spec is None:
            report.add_error(row, written["spec_code"], spec_code, _("Unknown spec code."))
            valid = False
        if order_qty is not None and limit_qty is not None and order_qty > limit_qty:
            reason = _("The ordered quantity exceeds the limit (%(limit)s).") % {"limit": limit_qty}
            report.add_error(row, written["order_qty"], raw[6], reason)
            valid = False
        if not valid or spec is None:  # (a row without its spec is never valid)
            return None
        if price is None:
            price = spec[1]
        expected = order_qty * price
        if amount is None:
            if expected >= AMOUNT_LIMIT:
                reason = _("The amount (order_qty × price) is too large.")
                report.add_error(row, written["order_qty"], raw[6], reason)
                return None
            amount = expected
        elif abs(amount - expected) > CENT:
            reason = _("The amount differs from order_qty × price (%(expected)s) by more than 0.01.") % {
                "expected": expected
            }
            report.add_error(row, written["amount"], raw[8], reason)
            return None
        return (
            str(row),
            escape(order_no),
            order_date.isoformat(),
            customer_id,
            spec[0],
            str(demand_qty),
            null if limit_qty is None else str(limit_qty),
            str(order_qty),
            str(price),
            str(amount),
        )

    return check


def _create_staging_table(cursor) -> None:
    types = {name: OrderLine._meta.get_field(name).db_type(connection) for name in LINE_COLUMNS if "_id" not in name}
    cursor.execute(f"DROP TABLE IF EXISTS {STAGING_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {STAGING_TABLE} ("
        " row_no integer NOT NULL,"
        f" order_no {types['order_no']} NOT NULL,"
        f" order_date {types['order_date']} NOT NULL,"
        " customer_id bigint NOT NULL,"
        " spec_id bigint NOT NULL,"
        f" demand_qty {types['demand_qty']} NOT NULL,"
        f" limit_qty {types['limit_qty']} NULL,"
        f" order_qty {types['order_qty']} NOT NULL,"
        f" price {types['price']} NOT NULL,"
        f" amount {types['amount']} NOT NULL)"
    )


def _copy_escape(text: str) -> str:
    """Escape a value for COPY's text format (backslash, tab, newline, carriage return)."""
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


class _Runs:
    """Watches the staged lines go by in file order, a run being consecutive lines of the same order: notes whether
    a spec repeats within a run. Files list each order's lines together, so when no order is split into several
    runs (a cheap SQL check) and no run repeats a spec, the file has no duplicate line — and the costly duplicate
    check (grouping every line by order and spec: most of the checks' time, docs/performance.md#duplicate-line-check) is
    not needed."""

    def __init__(self):
        self.repeated = False

    def watch(self, lines: Iterator[tuple]) -> Iterator[tuple]:
        order, specs = None, set()
        for line in lines:
            order_no, spec_id = line[1], line[4]
            if order_no != order:
                order, specs = order_no, {spec_id}
            elif spec_id in specs:
                self.repeated = True
            else:
                specs.add(spec_id)
            yield line


def _stage(cursor, table: Table, column_map: ColumnMap, report: ImportReport, customers, specs, runs: _Runs) -> None:
    """Check the rows and write the valid ones into the staging table through the database's bulk path."""
    column_list = ", ".join(STAGED_COLUMNS)
    if is_postgresql():
        lines = _valid_lines(table, column_map, report, customers, specs, null="\\N", escape=_copy_escape)
        lines = runs.watch(lines)
        with cursor.cursor.copy(f"COPY {STAGING_TABLE} ({column_list}) FROM STDIN") as copy:
            while chunk := list(islice(lines, COPY_CHUNK)):
                copy.write("\n".join("\t".join(line) for line in chunk) + "\n")
        return
    lines = runs.watch(_valid_lines(table, column_map, report, customers, specs, null=None, escape=str))
    insert = f"INSERT INTO {STAGING_TABLE} ({column_list}) VALUES ({', '.join(['%s'] * len(STAGED_COLUMNS))})"
    while chunk := list(islice(lines, SQLITE_BATCH)):
        cursor.executemany(insert, chunk)


def _tables() -> dict[str, str]:
    quote = connection.ops.quote_name
    return {
        "staging": STAGING_TABLE,
        "lines": quote(OrderLine._meta.db_table),
        "customers": quote(Customer._meta.db_table),
        "specs": quote(Spec._meta.db_table),
    }


def _check_duplicate_lines(cursor, column_map: ColumnMap, report: ImportReport) -> None:
    """The same (order_no, spec_code) twice in the file: every repetition after the first is an error."""
    cursor.execute(
        "SELECT s.row_no, s.order_no, sp.code, f.first_row FROM ("
        "   SELECT order_no, spec_id, MIN(row_no) AS first_row FROM {staging}"
        "   GROUP BY order_no, spec_id HAVING COUNT(*) > 1) f"
        " JOIN {staging} s ON s.order_no = f.order_no AND s.spec_id = f.spec_id AND s.row_no <> f.first_row"
        " JOIN {specs} sp ON sp.id = s.spec_id"
        " ORDER BY s.row_no".format(**_tables())
    )
    for row, order_no, spec_code, first_row in _results(cursor):
        report.add_error(
            row,
            column_map.written["spec_code"],
            spec_code,
            _("Duplicate line: order %(order)s has this spec in row %(row)s already.")
            % {"order": order_no, "row": first_row},
        )


def _check_orders_in_file(cursor, column_map: ColumnMap, report: ImportReport) -> bool:
    """All lines of an order share its date and customer: rows that differ from the order's first row are errors.

    Returns whether some order's staged lines are not consecutive rows (see _Runs).
    """
    cursor.execute(f"DROP TABLE IF EXISTS {ODD_ORDERS_TABLE}")
    cursor.execute(
        "CREATE TEMPORARY TABLE {odd} AS SELECT order_no, first_row, mixed, split FROM ("
        "   SELECT order_no, MIN(row_no) AS first_row,"
        "   MIN(order_date) <> MAX(order_date) OR MIN(customer_id) <> MAX(customer_id) AS mixed,"
        "   MAX(row_no) - MIN(row_no) + 1 <> COUNT(*) AS split"
        "   FROM {staging} GROUP BY order_no) g"
        " WHERE mixed OR split".format(odd=ODD_ORDERS_TABLE, **_tables())
    )
    cursor.execute(
        "SELECT s.row_no, s.order_no, s.order_date, c.code, f.row_no, f.order_date, fc.code FROM {odd} g"
        " JOIN {staging} f ON f.row_no = g.first_row"
        " JOIN {staging} s ON s.order_no = g.order_no AND s.row_no <> f.row_no"
        " JOIN {customers} c ON c.id = s.customer_id"
        " JOIN {customers} fc ON fc.id = f.customer_id"
        " WHERE g.mixed AND (s.order_date <> f.order_date OR s.customer_id <> f.customer_id)"
        " ORDER BY s.row_no".format(odd=ODD_ORDERS_TABLE, **_tables())
    )
    for row, order_no, order_date, customer_code, first_row, first_date, first_customer in _results(cursor):
        values = {"order": order_no, "row": first_row, "date": first_date, "customer": first_customer}
        if str(order_date) != str(first_date):
            reason = _("Order %(order)s is dated %(date)s in row %(row)s.") % values
            report.add_error(row, column_map.written["order_date"], order_date, reason)
        if customer_code != first_customer:
            reason = _("Order %(order)s belongs to customer %(customer)s in row %(row)s.") % values
            report.add_error(row, column_map.written["customer_code"], customer_code, reason)
    cursor.execute(f"SELECT 1 FROM {ODD_ORDERS_TABLE} WHERE split LIMIT 1")
    split = cursor.fetchone() is not None
    cursor.execute(f"DROP TABLE {ODD_ORDERS_TABLE}")
    return split


def _check_orders_in_database(cursor, column_map: ColumnMap, report: ImportReport) -> None:
    """An order's stored lines that the file does not replace must keep sharing its date and customer.

    First the file's orders (one row each) are looked up by order number, which the unique index serves: a join of
    every file row with the lines made PostgreSQL scan all the lines (docs/performance.md#stored-orders-check).
    Only the orders whose stored lines differ somewhere are then checked row by row.
    """
    cursor.execute(f"DROP TABLE IF EXISTS {SUSPECT_TABLE}")
    cursor.execute(
        "CREATE TEMPORARY TABLE {suspects} AS SELECT DISTINCT o.order_no FROM"
        " (SELECT order_no, MIN(order_date) AS first_date, MAX(order_date) AS last_date,"
        " MIN(customer_id) AS first_customer, MAX(customer_id) AS last_customer"
        " FROM {staging} GROUP BY order_no) o"
        " JOIN {lines} l ON l.order_no = o.order_no"
        " WHERE l.order_date <> o.first_date OR l.order_date <> o.last_date"
        " OR l.customer_id <> o.first_customer OR l.customer_id <> o.last_customer".format(
            suspects=SUSPECT_TABLE, **_tables()
        )
    )
    cursor.execute(
        "SELECT s.row_no, s.order_no, s.order_date, c.code, l.order_date, lc.code"
        " FROM {suspects} o"
        " JOIN {staging} s ON s.order_no = o.order_no"
        " JOIN {lines} l ON l.order_no = s.order_no"
        " JOIN {customers} c ON c.id = s.customer_id"
        " JOIN {customers} lc ON lc.id = l.customer_id"
        " WHERE (l.order_date <> s.order_date OR l.customer_id <> s.customer_id)"
        " AND NOT EXISTS (SELECT 1 FROM {staging} s2 WHERE s2.order_no = l.order_no AND s2.spec_id = l.spec_id)"
        " ORDER BY s.row_no".format(suspects=SUSPECT_TABLE, **_tables())
    )
    last_row = None
    for row, order_no, order_date, customer_code, stored_date, stored_customer in _results(cursor):
        if row == last_row:
            continue  # one error per row, even when several stored lines disagree
        last_row = row
        values = {"order": order_no, "date": stored_date, "customer": stored_customer}
        if str(order_date) != str(stored_date):
            reason = _("Order %(order)s already has lines dated %(date)s in the database.") % values
            report.add_error(row, column_map.written["order_date"], order_date, reason)
        else:
            reason = _("Order %(order)s already belongs to customer %(customer)s in the database.") % values
            report.add_error(row, column_map.written["customer_code"], customer_code, reason)
    cursor.execute(f"DROP TABLE {SUSPECT_TABLE}")


def _results(cursor) -> Iterator[tuple]:
    """The rows of the last query, fetched in batches (a wrong file can produce millions of errors)."""
    while batch := cursor.fetchmany(1000):
        yield from batch


def _differs(old: str, new: str) -> str:
    """SQL that is true when the line `old` differs from the line `new` in any column but the key."""
    distinct = "IS DISTINCT FROM" if is_postgresql() else "IS NOT"
    tests = [
        f"{old}.{name} <> {new}.{name}" for name in LINE_COLUMNS if name not in ("order_no", "spec_id", "limit_qty")
    ]
    tests.append(f"{old}.limit_qty {distinct} {new}.limit_qty")
    return "(" + " OR ".join(tests) + ")"


def _find_changes(cursor) -> tuple[int, int]:
    """Keep the staged lines that are new or differ from the stored ones (with the stored date and customer);
    return how many are new and how many change."""
    cursor.execute(f"DROP TABLE IF EXISTS {CHANGES_TABLE}")
    cursor.execute(
        "CREATE TEMPORARY TABLE {changes} AS"
        " SELECT s.customer_id, s.order_date, l.customer_id AS old_customer_id, l.order_date AS old_order_date"
        " FROM {staging} s LEFT JOIN {lines} l ON l.order_no = s.order_no AND l.spec_id = s.spec_id"
        " WHERE l.id IS NULL OR {differs}".format(changes=CHANGES_TABLE, differs=_differs("l", "s"), **_tables())
    )
    cursor.execute(f"SELECT COUNT(*) - COUNT(old_customer_id), COUNT(old_customer_id) FROM {CHANGES_TABLE}")
    created, updated = cursor.fetchone()
    return created, updated


def _collect_affected_months(cursor) -> None:
    """The (customer, month) keys whose summaries change: the new key of every new or changed line, and the old key
    of every changed one (a correction may move a line to another month or customer)."""
    cursor.execute(
        "INSERT INTO {affected} (customer_id, month, next_month)"
        " SELECT DISTINCT customer_id, {month}, {next_month} FROM ("
        "   SELECT customer_id, order_date FROM {changes}"
        "   UNION SELECT old_customer_id, old_order_date FROM {changes} WHERE old_customer_id IS NOT NULL) d".format(
            affected=AFFECTED_TABLE,
            changes=CHANGES_TABLE,
            month=month_start_sql("d.order_date"),
            next_month=next_month_sql("d.order_date"),
        )
    )


def _upsert(cursor) -> None:
    """Insert new lines and update changed ones; the WHERE keeps unchanged lines untouched (no dead rows)."""
    tables = _tables()
    column_list = ", ".join(LINE_COLUMNS)
    updates = ", ".join(f"{name} = excluded.{name}" for name in LINE_COLUMNS if name not in ("order_no", "spec_id"))
    # "WHERE true" is SQLite's way to tell an INSERT … SELECT from an ON CONFLICT clause; PostgreSQL accepts it.
    cursor.execute(
        f"INSERT INTO {tables['lines']} ({column_list})"
        f" SELECT {column_list} FROM {STAGING_TABLE} WHERE true"
        f" ON CONFLICT (order_no, spec_id) DO UPDATE SET {updates}"
        f" WHERE {_differs(tables['lines'], 'excluded')}"
    )
