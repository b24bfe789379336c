from django.apps import AppConfig
from django.contrib.auth.signals import user_logged_in
from django.db.backends.signals import connection_created


class ImportsConfig(AppConfig):
    name = "workbench.imports"

    def ready(self):
        from django.contrib.auth.models import update_last_login

        from workbench.lib.busy import begin_reads_deferred, record_last_login

        # An import holds SQLite's write lock for its whole transaction: a login must not wait for it to stamp
        # last_login (lib/busy.py). django.contrib.auth connects update_last_login before this app is ready.
        user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
        user_logged_in.connect(record_last_login, dispatch_uid="workbench.record_last_login")
        connection_created.connect(begin_reads_deferred, dispatch_uid="workbench.begin_reads_deferred")
