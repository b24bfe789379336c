"""Loading order lines into an empty table: its indexes are built once at the end instead of row by row.

Maintaining the three indexes of the order-line table as rows arrive cost a large part of a year of the city
imported into an empty PostgreSQL database (docs/performance.md#indexes-built-after-a-first-load); building them
from the loaded table sorts each once.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.db import connection

from workbench.orders.models import OrderLine

POSTGRESQL_MAINTENANCE_WORK_MEM = "512MB"  # for sorting while building the indexes, this transaction only


def _deferrable(model) -> list:
    """The indexes a load can drop and build again: all of them on PostgreSQL; SQLite keeps the unique keys, which
    are part of its table definitions."""
    items = list(model._meta.indexes)
    if connection.vendor == "postgresql":
        items += model._meta.constraints
    return items


@contextmanager
def indexes_built_after(cursor, model=OrderLine):
    """Drop the indexes of `model`'s table (the order lines), run the body (which fills it), then build them again.

    Inside the caller's transaction: if anything fails, the rollback brings the indexes back. Meant for a table
    that is empty before the load — PostgreSQL locks the table until the transaction ends — and for rows already
    checked to be unique by (order_no, spec), as the import does.
    """
    # Only to write the DDL: entering a schema editor would start its own transaction handling (and SQLite's
    # refuses to inside a transaction); `deferred_sql` is what entering would have set up.
    editor = connection.SchemaEditorClass(connection, collect_sql=True)
    editor.deferred_sql = []
    items = _deferrable(model)
    for item in items:
        cursor.execute(str(item.remove_sql(model, editor)))
    yield
    if connection.vendor == "postgresql":
        cursor.execute(f"SET LOCAL maintenance_work_mem = '{POSTGRESQL_MAINTENANCE_WORK_MEM}'")
    for item in items:
        cursor.execute(str(item.create_sql(model, editor)))
