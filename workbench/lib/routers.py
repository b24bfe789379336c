"""Send report reads to a read replica when one is configured.

Reports (the analysis step) read far more than they write and tolerate a replica's few seconds of lag; everything
else — writes, sessions, the screens that show what a user just saved — stays on the primary. Reports ask for their
database explicitly with `report_database()`, so that no other read drifts to the replica by accident.
"""

from django.conf import settings

REPLICA_ALIAS = "replica"


def report_database() -> str:
    """The database alias report queries read from: the replica when configured, else the primary."""
    return REPLICA_ALIAS if REPLICA_ALIAS in settings.DATABASES else "default"


class PrimaryReplicaRouter:
    """Writes and migrations go to the primary; the replica holds the same tables (physical replication)."""

    def db_for_write(self, model, **hints):
        return "default"

    def allow_relation(self, obj1, obj2, **hints):
        # Rows read from the replica and the primary are the same rows.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == "default"
