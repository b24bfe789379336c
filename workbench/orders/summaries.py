"""Keep the monthly summaries (CustomerSpecMonth, CustomerMonth) exactly equal to the order lines.

The summaries are recomputed, never adjusted: for every affected (customer, month) key the summary rows are
deleted and rebuilt with one `INSERT … SELECT … GROUP BY` over that customer's lines of that month (the
`orderline_customer_date` index serves it). An import collects the affected keys — the new key of every
created or changed line and the old key of every changed line, since a correction may move a line to another
month or customer — into a temporary table and calls `recompute_affected_months`.

The SQL is portable between SQLite and PostgreSQL except for date arithmetic, which has one small branch per
vendor (`month_start_sql`, `next_month_sql`, `day_sql`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db import connection, transaction

from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine

AFFECTED_TABLE = "summary_affected_month"

# The summary columns, in the order of the aggregates below.
SUMMARY_COLUMNS = (
    "demand_qty",
    "limit_qty",
    "limited_order_qty",
    "order_qty",
    "amount",
    "lines",
    "limited_lines",
    "demand_lines",
    "stockout_lines",
    "short_lines",
    "order_days",
    "order_day_mask",
)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def month_start_sql(column: str) -> str:
    """SQL for the first day of the month of a date column."""
    if is_postgresql():
        return f"CAST(date_trunc('month', CAST({column} AS timestamp)) AS date)"
    return f"date({column}, 'start of month')"


def next_month_sql(column: str) -> str:
    """SQL for the first day of the month after the month of a date column."""
    if is_postgresql():
        return f"CAST(date_trunc('month', CAST({column} AS timestamp)) + interval '1 month' AS date)"
    return f"date({column}, 'start of month', '+1 month')"


def day_sql(column: str) -> str:
    """SQL for the day of the month (1–31) of a date column."""
    if is_postgresql():
        return f"CAST(EXTRACT(DAY FROM {column}) AS integer)"
    # SQLite keeps a date as its ISO text, YYYY-MM-DD: the day is characters 9–10. (Not strftime('%d', …): a `%` in
    # SQL that also has parameters breaks Django's debug cursor, which formats the SQL with them.)
    return f"CAST(substr({column}, 9, 2) AS integer)"


def _aggregates(line: str) -> str:
    """The aggregates of SUMMARY_COLUMNS over order lines aliased `line`."""
    return f"""
        SUM({line}.demand_qty),
        COALESCE(SUM({line}.limit_qty), 0),
        COALESCE(SUM(CASE WHEN {line}.limit_qty IS NOT NULL THEN {line}.order_qty END), 0),
        SUM({line}.order_qty),
        SUM({line}.amount),
        COUNT(*),
        COUNT({line}.limit_qty),
        SUM(CASE WHEN {line}.demand_qty > 0 THEN 1 ELSE 0 END),
        SUM(CASE WHEN {line}.demand_qty > 0 AND {line}.order_qty = 0 THEN 1 ELSE 0 END),
        SUM(CASE WHEN {line}.order_qty < {line}.demand_qty THEN 1 ELSE 0 END),
        {_day_aggregates(line)}"""


def _day_aggregates(line: str) -> str:
    """order_days and order_day_mask over order lines aliased `line` (all of one month).

    The day bits are OR-ed (bit_or, which SQLite gets from orders/sqlite.py): PostgreSQL can then hash the groups,
    where a DISTINCT aggregate made it sort every group's lines; on SQLite both take the same time.
    """
    day = day_sql(f"{line}.order_date")
    mask = f"COALESCE(bit_or(CASE WHEN {line}.order_qty > 0 THEN CAST(1 AS bigint) << ({day} - 1) END), 0)"
    return f"bit_count(CAST({mask} AS bit(64))), {mask}"


def _rollup_aggregates(spec_month: str) -> str:
    """The aggregates of SUMMARY_COLUMNS over customer × spec × month rows aliased `spec_month`.

    A customer's month is the sum of his spec-months, except for the days: OR-ing the day masks gives the days he
    ordered anything, and their number is the count of bits set (SQLite gets bit_or and bit_count from
    orders/sqlite.py).
    """
    sums = ",".join(f" SUM({spec_month}.{name})" for name in SUMMARY_COLUMNS[:-2])
    mask = f"bit_or({spec_month}.order_day_mask)"
    return f"{sums}, bit_count(CAST({mask} AS bit(64))), {mask}"


def _tables() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return quote(OrderLine._meta.db_table), quote(CustomerSpecMonth._meta.db_table), quote(CustomerMonth._meta.db_table)


def create_affected_table(cursor) -> None:
    """Create the (empty) temporary table of affected (customer, month) keys; fill it, then recompute."""
    cursor.execute(f"DROP TABLE IF EXISTS {AFFECTED_TABLE}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {AFFECTED_TABLE} ("
        " customer_id bigint NOT NULL, month date NOT NULL, next_month date NOT NULL,"
        " PRIMARY KEY (customer_id, month))"
    )


def recompute_affected_months(cursor) -> int:
    """Rebuild the summary rows of every key in the affected table, then drop it; returns the number of keys."""
    cursor.execute(f"SELECT COUNT(*) FROM {AFFECTED_TABLE}")
    (keys,) = cursor.fetchone()
    if keys:
        if is_postgresql():
            cursor.execute(f"ANALYZE {AFFECTED_TABLE}")
        # The keys' months as constants too: joined on columns only, PostgreSQL cannot tell that a week's import
        # touches one month of two years and scans every line (docs/performance.md#summary-rebuild-by-month).
        cursor.execute(f"SELECT MIN(month), MAX(month), MAX(next_month) FROM {AFFECTED_TABLE}")
        first, last, after = cursor.fetchone()
        customer_months = _tables()[2]
        cursor.execute(f"SELECT 1 FROM {customer_months} WHERE month >= %s AND month <= %s LIMIT 1", [first, last])
        if cursor.fetchone() is None:
            # Months without any summary yet had no lines before this import: rebuild them whole, no key lookups
            # (a file of new months, say next year's first weeks into a database that has this year).
            rebuild_months(cursor, first, after)
        else:
            _recompute_keys(cursor, first, last, after)
    cursor.execute(f"DROP TABLE {AFFECTED_TABLE}")
    return keys


def _recompute_keys(cursor, first: date, last: date, after: date) -> None:
    """Rebuild the summary rows of the affected keys, whose months run from `first` to `last` (`after` the next)."""
    lines, spec_months, customer_months = _tables()
    columns = ", ".join(SUMMARY_COLUMNS)
    lines_of_key = (
        f"FROM {AFFECTED_TABLE} a JOIN {lines} l ON l.customer_id = a.customer_id"
        " AND l.order_date >= a.month AND l.order_date < a.next_month"
        " WHERE l.order_date >= %s AND l.order_date < %s"
    )
    for table in (spec_months, customer_months):
        cursor.execute(
            f"DELETE FROM {table} WHERE {table}.month >= %s AND {table}.month <= %s"
            f" AND EXISTS (SELECT 1 FROM {AFFECTED_TABLE} a"
            f" WHERE a.customer_id = {table}.customer_id AND a.month = {table}.month)",
            [first, last],
        )
    cursor.execute(
        f"INSERT INTO {spec_months} (month, customer_id, spec_id, {columns})"
        f" SELECT a.month, a.customer_id, l.spec_id, {_aggregates('l')}"
        f" {lines_of_key} GROUP BY a.month, a.customer_id, l.spec_id"
        # In the order of the table's key, as in rebuild_months (docs/performance.md#summaries-written-in-key-order).
        " ORDER BY a.month, a.customer_id, l.spec_id",
        [first, after],
    )
    cursor.execute(
        f"INSERT INTO {customer_months} (month, customer_id, {columns})"
        f" SELECT m.month, m.customer_id, {_rollup_aggregates('m')}"
        f" FROM {AFFECTED_TABLE} a JOIN {spec_months} m ON m.customer_id = a.customer_id AND m.month = a.month"
        " WHERE m.month >= %s AND m.month <= %s"
        " GROUP BY m.month, m.customer_id ORDER BY m.month, m.customer_id",
        [first, last],
    )


def refresh_summaries(keys: Iterable[tuple[int, date]]) -> int:
    """Recompute the summaries of these (customer id, any day of the month) keys; returns the number of keys.

    For code that changes order lines outside the import (the import does this itself).
    """
    months = {(customer_id, day.replace(day=1)) for customer_id, day in keys}
    with transaction.atomic(), connection.cursor() as cursor:
        create_affected_table(cursor)
        cursor.executemany(
            f"INSERT INTO {AFFECTED_TABLE} (customer_id, month, next_month) VALUES (%s, %s, %s)",
            [(customer_id, month, _next_month(month)) for customer_id, month in sorted(months)],
        )
        return recompute_affected_months(cursor)


def rebuild_all_summaries() -> None:
    """Recompute both summary tables from every order line (after a restore, or to check the incremental path)."""
    with transaction.atomic(), connection.cursor() as cursor:
        rebuild_months(cursor)


def rebuild_months(cursor, first: date | None = None, after: date | None = None) -> None:
    """Recompute the summaries of the months from `first` up to `after` (excluded; None: no bound) from the lines.

    Whole months at a time, with no list of keys: what a load of months that had no orders yet needs (a year's
    file into an empty database), and what `rebuild_all_summaries` does for every month.
    """
    lines, spec_months, customer_months = _tables()
    columns = ", ".join(SUMMARY_COLUMNS)
    month = month_start_sql("l.order_date")
    bounds = [day for day in (first, after) if day is not None]
    line_range = "".join(
        clause for clause, day in ((" AND l.order_date >= %s", first), (" AND l.order_date < %s", after)) if day
    )
    month_range = line_range.replace("l.order_date", "month")
    for table in (spec_months, customer_months):
        cursor.execute(f"DELETE FROM {table} WHERE true{month_range}", bounds)
    cursor.execute(
        f"INSERT INTO {spec_months} (month, customer_id, spec_id, {columns})"
        f" SELECT {month}, l.customer_id, l.spec_id, {_aggregates('l')}"
        f" FROM {lines} l WHERE true{line_range} GROUP BY {month}, l.customer_id, l.spec_id"
        # In the order of the table's key: its indexes then grow at their ends or in one sweep, where rows in hash
        # order made PostgreSQL touch (and log) index pages at random
        # (docs/performance.md#summaries-written-in-key-order).
        f" ORDER BY {month}, l.customer_id, l.spec_id",
        bounds,
    )
    cursor.execute(
        f"INSERT INTO {customer_months} (month, customer_id, {columns})"
        f" SELECT m.month, m.customer_id, {_rollup_aggregates('m')}"
        f" FROM {spec_months} m WHERE true{month_range.replace('month', 'm.month')}"
        " GROUP BY m.month, m.customer_id ORDER BY m.month, m.customer_id",
        bounds,
    )


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)
