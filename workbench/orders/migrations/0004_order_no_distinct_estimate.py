"""Tell PostgreSQL how many distinct order numbers the order lines hold (about one per 12 lines).

Its sampled estimate of order_no's distinct count is far too low at city scale, so it expected each order number
to match hundreds of lines and checked an import's orders against the database with a scan of every line
(docs/performance.md#order-number-estimate).
"""

from django.db import migrations


def set_estimate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE orders_orderline ALTER COLUMN order_no SET (n_distinct = -0.08)")


def reset_estimate(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE orders_orderline ALTER COLUMN order_no RESET (n_distinct)")


class Migration(migrations.Migration):
    dependencies = [("orders", "0003_summary_indexes_for_reports")]

    operations = [migrations.RunPython(set_estimate, reset_estimate)]
