"""orders/0004's RunPython, run by Django's migration executor back and forth (the suite itself skips migrations).

The test works both ways the database can be made: with --migrations (`.ci/run` runs the tests marked
`migrations` so, on SQLite and PostgreSQL: every migration from zero) and in the ordinary --no-migrations run,
where the tables come from the models and the migrator first records every migration as applied (the schema is
the last migration's: `makemigrations --check` in CI holds that).
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = [pytest.mark.migrations, pytest.mark.django_db(transaction=True)]

BEFORE = ("orders", "0003_summary_indexes_for_reports")
ESTIMATE = ("orders", "0004_order_no_distinct_estimate")
LINES = [
    ("O1", date(2026, 1, 5), 11, 21, 4, None, 4, Decimal("30.50"), Decimal("122.00")),
    ("O1", date(2026, 1, 5), 11, 22, 6, 5, 5, Decimal("12.34"), Decimal("61.70")),
    ("O2", date(2026, 1, 31), 12, 21, 2, None, 0, Decimal("30.50"), Decimal("0.00")),
]
FIELDS = ("order_no", "order_date", "customer_id", "spec_id", "demand_qty", "limit_qty", "order_qty", "price", "amount")


class Migrator:
    """Migrate the test database to a node and give the historical models of that state."""

    def __init__(self):
        self.executor = MigrationExecutor(connection)

    def migrate(self, *targets):
        """Migrate to `targets` (the other apps stay at their last migration); the apps of that state."""
        self.executor.loader.build_graph()  # what the previous call applied or unapplied
        self.executor.migrate(list(targets))
        self.executor.loader.build_graph()
        return self.executor.loader.project_state(list(self.executor.loader.applied_migrations)).apps

    def last_nodes(self):
        return self.executor.loader.graph.leaf_nodes()


@pytest.fixture
def migrator(settings):
    """A migrator over the test database, left at the last migrations afterwards."""
    settings.MIGRATION_MODULES = {}  # undo --no-migrations, which hides every app's migrations
    migrator = Migrator()
    recorder = migrator.executor.recorder
    if ESTIMATE not in recorder.applied_migrations():  # tables made from the models, not by migrations
        for app_label, name in migrator.executor.loader.graph.nodes:
            recorder.record_applied(app_label, name)
    yield migrator
    migrator.migrate(*migrator.last_nodes())


def order_no_estimate() -> list[str]:
    """The n_distinct option PostgreSQL holds for orders_orderline.order_no ([] when none is set).

    Only n_distinct: a server may keep options of its own on a column (one here keeps a `pg_attver`)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attoptions FROM pg_attribute WHERE attrelid = 'orders_orderline'::regclass AND attname = 'order_no'"
        )
        options = cursor.fetchone()[0] or []
    return [option for option in options if option.startswith("n_distinct=")]


def test_0004_sets_the_order_number_estimate_on_postgresql_and_keeps_the_lines(migrator):
    # given: the database at 0003, with three lines
    old_apps = migrator.migrate(BEFORE)
    line_model = old_apps.get_model("orders", "OrderLine")
    for values in LINES:
        line_model.objects.create(**dict(zip(FIELDS, values, strict=True)))
    if connection.vendor == "postgresql":
        assert order_no_estimate() == []

    # when: 0004 runs
    new_apps = migrator.migrate(ESTIMATE)

    # then: the lines are untouched and PostgreSQL knows about one order number per 12.5 lines
    stored = new_apps.get_model("orders", "OrderLine").objects.order_by("order_no", "spec_id").values_list(*FIELDS)
    assert list(stored) == LINES
    assert ESTIMATE in migrator.executor.recorder.applied_migrations()
    if connection.vendor == "postgresql":
        assert order_no_estimate() == ["n_distinct=-0.08"]

    # when: 0004 is unapplied, the estimate goes again
    migrator.migrate(BEFORE)
    assert ESTIMATE not in migrator.executor.recorder.applied_migrations()
    if connection.vendor == "postgresql":
        assert order_no_estimate() == []
