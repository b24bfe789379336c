"""Fixtures of the API tests: the hand-built territory of the analysis tests, English messages."""

import pytest
from django.core import signals
from django.db import close_old_connections
from django.utils import translation

from workbench.analysis.tests.data import build_territory


@pytest.fixture(autouse=True)
def english():
    """Messages in English, the source language the tests compare with."""
    with translation.override("en"):
        yield


@pytest.fixture
def territory(customer_manager, colleague, outsider):
    """CM1's six customers, CM2's and CM3's one each, three specs, a brand set and their order lines."""
    return build_territory(customer_manager, colleague, outsider)


@pytest.fixture
def in_process_wsgi():
    """Requests straight to the WSGI application (schemathesis), inside the test's transaction.

    Django's WSGI handler closes the database connection at the start and end of each request (the
    request_started/finished signals), which on PostgreSQL would end the test's transaction; Django's own test
    client disconnects that handler the same way.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
