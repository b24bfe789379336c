"""The answer to a save that gave up waiting for SQLite's write lock (lib/busy.py); the scenario with a real import
holding the lock is imports/tests/test_busy.py."""

import json

from django.contrib.auth.models import AnonymousUser
from django.db import OperationalError
from django.test import RequestFactory
from django.utils import translation

from workbench.lib.busy import DatabaseBusyMiddleware
from workbench.lib.sessions import SessionStore

LOCKED = OperationalError("database is locked")
MESSAGE = (
    "The database is busy with an import, so your changes were not saved. Nothing was written: save again in a minute."
)


def answer(request, exception):
    request.user = AnonymousUser()
    middleware = DatabaseBusyMiddleware(lambda request: None)
    with translation.override("en"):
        return middleware.process_exception(request, exception)


def test_a_locked_save_gets_a_page_that_keeps_the_input_but_not_the_password(db):
    # given a form post with a name, two codes and a password
    data = {"name": "周一<拜访>", "codes": ["C001", "C002"], "new_password1": "secret-1", "csrfmiddlewaretoken": "x"}
    request = RequestFactory().post("/customers/sets/new/?next=%2F", data)

    # when its save gave up waiting for the lock
    response = answer(request, LOCKED)

    # then a 503 says why, and sends the same fields again (escaped), but never the password
    page = response.content.decode()
    assert (response.status_code, response["Retry-After"]) == (503, "30")
    assert MESSAGE in page
    assert '<form method="post" action="/customers/sets/new/?next=%2F">' in page
    assert '<input type="hidden" name="name" value="周一&lt;拜访&gt;">' in page
    assert page.count('<input type="hidden" name="codes"') == 2
    assert "secret-1" not in page
    assert "new_password1" not in page


def test_a_locked_page_view_offers_a_link_not_a_form(db):
    request = RequestFactory().get("/customers/?page=2")

    response = answer(request, LOCKED)

    page = response.content.decode()
    assert response.status_code == 503
    assert "The database is busy with an import: this page could not be opened. Try again in a minute." in page
    assert '<p><a href="/customers/?page=2">Try again</a></p>' in page
    assert "Save again" not in page


def test_a_locked_api_call_gets_a_json_503(db):
    request = RequestFactory().post("/api/v1/tokens/")

    response = answer(request, LOCKED)

    assert (response.status_code, response["Content-Type"]) == (503, "application/json")
    assert json.loads(response.content) == {"error": {"message": MESSAGE, "field": None}}


def test_other_database_errors_are_not_taken_for_a_busy_database():
    request = RequestFactory().post("/customers/sets/new/")

    assert answer(request, OperationalError("no such table: customers_customerset")) is None


def test_session_files_go_to_a_private_directory_created_when_missing(settings, tmp_path):
    # given a session directory that does not exist yet
    settings.SESSION_FILE_PATH = str(tmp_path / "sessions")

    # when a session is saved
    session = SessionStore()
    session["answer"] = 42
    session.save()

    # then the directory was made, readable by the server's user only, and the session reads back
    assert (tmp_path / "sessions").stat().st_mode & 0o777 == 0o700
    assert SessionStore(session.session_key)["answer"] == 42
