"""One role × view access matrix: a view's exact answer to every persona, and "a denied write changes nothing".

In the spirit of NetBox's `ViewTestCases` (utilities/testing/views.py), written for pytest: `view_matrix()` returns
a test function parametrized over every persona; assign it to a module-level `test_…` name and pytest collects one
test per persona. docs/testing.md shows how to use it.

It is strict on purpose, so that it cannot pass by accident:
- the expected status is one exact number per persona, and every persona must be listed: a role added to
  `PERSONAS` breaks every matrix until somebody decides what the new role may do;
- every persona exists in every test, whoever logs in, so the data a view sees is the same on every row;
- the anonymous visitor's 302 must be the redirect to the login page that brings him back;
- a 404 for every staff persona is refused: it cannot tell a view that hides an object from a missing object;
- a write needs a `snapshot()`: a denied answer must leave it equal, an allowed one must change it (a snapshot
  that does not see the write would otherwise make "nothing changed" true for free).
"""

import inspect
from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.contrib.auth.views import redirect_to_login

from workbench.testing.personas import PERSONAS, STAFF_PERSONAS, login

READ_METHODS = ("get", "head")
WRITE_METHODS = ("post", "put", "patch", "delete")


def view_matrix(
    url: str | Callable[..., str],
    expect: Mapping[str, int],
    *,
    method: str = "get",
    data: Mapping | Callable[..., Mapping] | None = None,
    snapshot: Callable[..., Any] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Callable:
    """A test, parametrized over `PERSONAS`, that sends `method` to `url` and asserts `expect[persona]` exactly.

    `url`, `data` and `snapshot` may be callables: their parameters name the fixtures they need, as a test's do
    (`lambda customers: reverse("customers:customer_detail", args=[customers["c1"].code])`). `data` is the query
    (GET) or the form (POST); build uploaded files in a callable, since a file is read once. `snapshot()` returns
    a comparable picture of what the view may write, e.g. `rows(ApiToken)`; it is taken before the request and
    after it.
    """
    method = method.lower()
    if method not in READ_METHODS + WRITE_METHODS:
        raise ValueError(f"Unknown method {method!r}: use one of {', '.join(READ_METHODS + WRITE_METHODS)}.")
    if method in WRITE_METHODS and snapshot is None:
        raise TypeError(f"A {method.upper()} matrix needs snapshot=: a denied write must be shown to change nothing.")
    if data is not None and not callable(data):
        _refuse_files(data)
    expected = _checked_expectations(expect)
    is_write = method in WRITE_METHODS

    @pytest.mark.django_db
    @pytest.mark.parametrize("persona", PERSONAS)
    def test(request, client, persona):
        # given every persona (the same data for every row), and what the view may change
        for name in PERSONAS:
            request.getfixturevalue(name)
        path = _with_fixtures(url, request)
        payload = _with_fixtures(data, request)
        # Logging in writes too (the user's last_login, a session): take the snapshot after it.
        login(client, request.getfixturevalue(persona))
        before = _with_fixtures(snapshot, request)

        # when
        send = getattr(client, method)
        response = send(path, payload, headers=headers) if payload is not None else send(path, headers=headers)

        # then
        status = response.status_code
        where = f"{persona}: {method.upper()} {path}"
        assert status == expected[persona], f"{where} answered {status}, the matrix expects {expected[persona]}"
        to_login = redirect_to_login(response.wsgi_request.get_full_path()).url
        sent_to_login = status == 302 and response.url == to_login
        if persona == "anonymous" and status == 302:
            assert sent_to_login, f"{where} redirected to {response.url}, not to the login page {to_login}"
        if snapshot is None:
            return
        after = _with_fixtures(snapshot, request)
        if is_write and not (status >= 400 or sent_to_login):
            assert after != before, f"{where} was allowed ({status}) but the snapshot did not change"
        else:
            assert after == before, f"{where} answered {status} and changed the data"

    test.__doc__ = f"{method.upper()} {url if isinstance(url, str) else '…'}: the exact status for every persona."
    return test


def rows(*models) -> Callable[[], dict[str, list[dict]]]:
    """A `snapshot=` for `view_matrix`: every row of `models` with all its fields, in primary-key order."""
    if not models:
        raise TypeError("rows() needs at least one model.")

    def snapshot() -> dict[str, list[dict]]:
        return {model._meta.label: list(model.objects.order_by("pk").values()) for model in models}

    return snapshot


def _checked_expectations(expect: Mapping[str, int]) -> dict[str, int]:
    """A copy of `expect`, refused unless it gives one plain status code for exactly every persona."""
    missing = [name for name in PERSONAS if name not in expect]
    unknown = [name for name in expect if name not in PERSONAS]
    if missing or unknown:
        raise ValueError(
            "The matrix must give a status for every persona:"
            f" missing {missing or 'none'}, unknown {unknown or 'none'}."
        )
    for name, status in expect.items():
        # bool is an int too, and a tuple of allowed answers is what this helper exists to forbid.
        if type(status) is not int or not 100 <= status <= 599:
            raise TypeError(f"The status for {name} must be one HTTP status code, not {status!r}.")
    if all(expect[name] == 404 for name in STAFF_PERSONAS):
        # The object may simply not exist: build the URL from the fixture that makes it.
        raise ValueError("Every persona expects 404: such a matrix cannot tell a scoped view from a missing object.")
    return {name: expect[name] for name in PERSONAS}


def _refuse_files(data: Mapping) -> None:
    """A file given as a value is read by the first test only; the other personas would post an empty file."""
    for key, value in data.items():
        if hasattr(value, "read"):
            raise TypeError(f"data[{key!r}] is a file: give data as a callable that builds it for each test.")


def _with_fixtures(value, request):
    """`value` itself, or, when it is callable, its result called with the fixtures its parameters name."""
    if not callable(value):
        return value
    names = inspect.signature(value).parameters
    return value(**{name: request.getfixturevalue(name) for name in names})
