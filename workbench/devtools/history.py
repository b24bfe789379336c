"""Doubling the order history, for the growth benchmark: how do report times grow with the years stored?

`double_history` copies every order line and every summary row back in time by the span of the history (whole
years, so that a day keeps its day of the month and a summary its day mask), order numbers prefixed with the
shift. A city holding two years then holds four, the newest two unchanged: a report over a fixed recent period
reads the same rows out of tables twice as large. Benchmark databases only — the copies are orders nobody placed.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import connection, transaction

from workbench.orders.bulk import indexes_built_after
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine
from workbench.orders.summaries import SUMMARY_COLUMNS, is_postgresql

# Every column of a line but its id and order number, which the copy gives anew.
LINE_COLUMNS = [
    field.column for field in OrderLine._meta.concrete_fields if field.column and field.name not in ("id", "order_no")
]


@dataclass(frozen=True)
class Doubling:
    years: int  # how far back the copies were moved
    lines: int  # order lines copied
    spec_months: int
    customer_months: int


def _years_before(column: str, years: int) -> str:
    if is_postgresql():
        return f"CAST({column} - interval '{years} years' AS date)"
    return f"date({column}, '-{years} years')"


def _span_in_years(cursor) -> int:
    """Whole years covering the months that have orders (0 when there are none)."""
    table = connection.ops.quote_name(CustomerMonth._meta.db_table)
    cursor.execute(f"SELECT MIN(month), MAX(month) FROM {table}")
    first, last = cursor.fetchone()
    if first is None:
        return 0
    first, last = (str(day) for day in (first, last))  # SQLite gives text
    months = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
    return -(-months // 12)


def double_history() -> Doubling:
    """Copy the whole order history back by its own span in years; one transaction."""
    quote = connection.ops.quote_name
    lines = quote(OrderLine._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        years = _span_in_years(cursor)
        if not years:
            return Doubling(0, 0, 0, 0)
        columns = ", ".join(LINE_COLUMNS)
        shifted = columns.replace("order_date", _years_before("order_date", years), 1)
        prefix = f"'{years}Y-'"
        order_no = f"{prefix} || order_no"
        with indexes_built_after(cursor):
            cursor.execute(f"INSERT INTO {lines} (order_no, {columns}) SELECT {order_no}, {shifted} FROM {lines}")
            copied = cursor.rowcount
        counts = []
        for model, keys in ((CustomerSpecMonth, "customer_id, spec_id"), (CustomerMonth, "customer_id")):
            table = quote(model._meta.db_table)
            columns = f"{keys}, {', '.join(SUMMARY_COLUMNS)}"
            with indexes_built_after(cursor, model):
                cursor.execute(
                    f"INSERT INTO {table} (month, {columns}) SELECT {_years_before('month', years)}, {columns}"
                    f" FROM {table}"
                )
                counts.append(cursor.rowcount)
        if is_postgresql():
            for analysed in (OrderLine, CustomerSpecMonth, CustomerMonth):
                cursor.execute(f"ANALYZE {quote(analysed._meta.db_table)}")
    return Doubling(years, copied, *counts)
