"""Imports and summary rebuilds under Django's debug cursor (WORKBENCH_DEBUG=1), which logs every query.

The conftest's `debug_cursor` fixture runs every import test this way; these tests check that the cursor really
is the debug one, on the raw SQL that failed: the month rebuild of a first load, and the key-by-key recompute.
"""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext

from workbench.imports.tests.conftest import ORDER_HEADER, imported, write_csv
from workbench.orders.models import CustomerMonth
from workbench.orders.summaries import rebuild_all_summaries

LINES = [
    ORDER_HEADER,
    ["O1", "2025-01-06", "C001", "6901", "10", "5", "5", "", ""],
    ["O2", "2025-01-20", "C001", "6902", "3", "", "3", "", ""],
    ["O3", "2025-02-03", "C002", "6903", "2", "", "2", "", ""],
]


def logged_inserts(queries, table: str) -> list[str]:
    return [query["sql"] for query in queries.captured_queries if query["sql"].startswith(f'INSERT INTO "{table}"')]


def test_a_first_load_rebuilds_whole_months_through_the_debug_cursor(city, tmp_path):
    # given the debug cursor (as under WORKBENCH_DEBUG=1)
    with CaptureQueriesContext(connection) as queries:
        # when order lines are loaded into the empty table (rebuild_months, with its date bounds as parameters)
        imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    # then the summary insert was logged with its parameters in place, and the days are right
    (insert,) = logged_inserts(queries, "orders_customerspecmonth")
    assert "'2025-01-01'" in insert
    assert "'2025-03-01'" in insert
    assert sorted(CustomerMonth.objects.values_list("customer__code", "month", "order_days")) == [
        ("C001", date(2025, 1, 1), 2),
        ("C002", date(2025, 2, 1), 1),
    ]


def test_a_second_file_recomputes_its_keys_through_the_debug_cursor(city, tmp_path):
    # given lines in January
    imported("orders", write_csv(tmp_path / "first.csv", LINES))

    # when a second January line arrives, on a third day (the key-by-key recompute)
    more = [ORDER_HEADER, ["O4", "2025-01-27", "C001", "6901", "1", "", "1", "", ""]]
    with CaptureQueriesContext(connection) as queries:
        imported("orders", write_csv(tmp_path / "second.csv", more))

    # then
    (insert,) = logged_inserts(queries, "orders_customerspecmonth")
    assert "'2025-01-01'" in insert
    assert CustomerMonth.objects.get(customer__code="C001", month=date(2025, 1, 1)).order_days == 3


def test_a_full_rebuild_through_the_debug_cursor(city, tmp_path):
    imported("orders", write_csv(tmp_path / "orders.csv", LINES))

    with CaptureQueriesContext(connection) as queries:
        rebuild_all_summaries()

    assert len(logged_inserts(queries, "orders_customermonth")) == 1
    assert CustomerMonth.objects.get(customer__code="C001").order_days == 2
