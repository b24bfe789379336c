"""The embedded SQLite database while an import writes: pages and logins go on, saves say that they must wait.

SQLite lets one connection write at a time. In WAL mode (settings.py) readers never wait for that writer and see
the database as it was before its transaction; only writers wait, up to the connection's busy timeout. An order
import holds the write lock for its whole transaction (all-or-nothing: long for a big file,
docs/performance.md#the-site-during-an-import-sqlite), so:

- web requests wait at most `WORKBENCH_SQLITE_BUSY_TIMEOUT` seconds (settings.py: 2 s) for the lock, and a save that
  still finds it taken is answered by `DatabaseBusyMiddleware` with a 503 page that keeps what the user typed;
- the imports wait for each other as long as PostgreSQL's advisory lock would (`waiting_for_writers`);
- what a page view or a login writes on the side needs no lock: sessions are files (settings.py), and the
  last-login and token stamps are written only if the lock is free at once (`write_if_free`).

Nothing here does anything on PostgreSQL, where writers lock rows, not the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import OperationalError, connections
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")
# Fields the busy page does not write back into the page it shows (a password is never sent back to a browser).
SECRET_FIELD_WORDS = ("password", "csrfmiddlewaretoken")
RETRY_AFTER_SECONDS = 30


def is_sqlite(using: str = "default") -> bool:
    return connections[using].vendor == "sqlite"


def is_database_locked(error: BaseException) -> bool:
    """Whether `error` is SQLite's answer to a writer that waited its whole busy timeout."""
    return isinstance(error, OperationalError) and "database is locked" in str(error)


@contextmanager
def busy_timeout(seconds: float, using: str = "default"):
    """Let this connection wait up to `seconds` for SQLite's write lock inside the block (nothing on PostgreSQL)."""
    if not is_sqlite(using):
        yield
        return
    with connections[using].cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        (before,) = cursor.fetchone()
        cursor.execute(f"PRAGMA busy_timeout = {int(seconds * 1000)}")
    try:
        yield
    finally:
        connection = connections[using]
        if connection.connection is not None:  # the block may have closed it
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA busy_timeout = {int(before)}")


def waiting_for_writers(using: str = "default"):
    """The busy timeout of a long writer (an import), which waits for another import as long as it takes."""
    return busy_timeout(settings.WORKBENCH_SQLITE_WRITER_TIMEOUT, using)


def write_if_free(write: Callable[[], object], what: str, using: str = "default") -> bool:
    """Run `write` (one autocommitted statement) unless it would have to wait for the write lock; say if it ran.

    For stamps that a read or a login leaves on the side (last login, a token's last use): losing one while an
    import runs is better than making the user wait for the import.
    """
    if not is_sqlite(using) or connections[using].in_atomic_block:
        write()  # PostgreSQL does not lock the database; inside a transaction the lock is already held
        return True
    try:
        with busy_timeout(0, using):
            write()
    except OperationalError as error:
        if not is_database_locked(error):
            raise
        logger.info("%s not written: the database is busy with another write", what)
        return False
    return True


# Set while a GET request runs: its SQLite transactions begin deferred (they only read).
_reading: ContextVar[bool] = ContextVar("workbench_reading", default=False)


def begin_reads_deferred(sender, connection, **kwargs) -> None:
    """`connection_created` receiver (imports/apps.py): a connection opened by a GET request begins deferred."""
    if connection.vendor == "sqlite" and _reading.get():
        connection.transaction_mode = None


class DatabaseBusyMiddleware:
    """On SQLite: GET pages read without taking the write lock, and a save that found it taken gets a 503 page.

    The settings make every transaction `BEGIN IMMEDIATE` (a save takes the lock before it reads, so it never fails
    halfway); a GET request's transactions (the admin's change pages open one) begin deferred instead, as they only
    read. A save refused after the busy timeout has written nothing (its transaction never began, or was rolled
    back); the 503 page says so and keeps the fields the user sent, with a button to send them again.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or not is_sqlite():
            return self.get_response(request)
        connection = connections["default"]
        # The connection may open later in the request (or never): `begin_reads_deferred` sets the mode then.
        token = _reading.set(True)
        mode = (connection.settings_dict["OPTIONS"].get("transaction_mode") or "").upper() or None
        if connection.connection is not None:
            # SQLite's `transaction_mode` (Django 5.1) is missing from django-stubs' SQLite wrapper.
            connection.transaction_mode = None  # type: ignore[attr-defined]
        try:
            return self.get_response(request)
        finally:
            _reading.reset(token)
            if connection.connection is not None:
                connection.transaction_mode = mode  # type: ignore[attr-defined]

    def process_exception(self, request, exception):
        if not is_database_locked(exception):
            return None
        logger.warning("%s %s refused: the database is busy with another write", request.method, request.path)
        if request.method in SAFE_METHODS:
            message = _("The database is busy with an import: this page could not be opened. Try again in a minute.")
        else:
            message = _(
                "The database is busy with an import, so your changes were not saved. Nothing was written: save "
                "again in a minute."
            )
        if request.path.startswith("/api/"):
            body = {"error": {"message": message, "field": None}}
            response: HttpResponse = JsonResponse(body, status=503, json_dumps_params={"ensure_ascii": False})
        else:
            kept = [
                (name, value)
                for name, values in request.POST.lists()
                if not any(word in name.lower() for word in SECRET_FIELD_WORDS)
                for value in values
            ]
            context = {
                "message": message,
                "kept": kept,
                "action": request.get_full_path(),
                "send_again": request.method not in SAFE_METHODS,  # a GET is retried by a link, not a form
            }
            response = render(request, "database_busy.html", context, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response


def record_last_login(sender, user, **kwargs) -> None:
    """`user_logged_in` receiver in place of Django's `update_last_login`: the stamp never makes a login wait.

    Connected by imports/apps.py (imports are what holds the lock). A login during an import keeps the previous
    stamp: the staff page's "last login" is then a little old, and nothing else reads it (no password reset).
    """
    now = timezone.now()

    def write():
        type(user)._default_manager.filter(pk=user.pk).update(last_login=now)

    if write_if_free(write, "last login"):
        user.last_login = now
