"""The OpenAPI document is exact: schemathesis generates requests from it (valid ones and invalid ones) against the
application in process, as customer manager CM1 with a Bearer token, and every answer must be neither a server
error nor outside what the document says (status codes, content type, headers, the body's schema)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from workbench.api.services import create_token

# The application itself, without workbench.wsgi's refusal of the demo key (the tests run with DEBUG off).
application = get_wsgi_application()

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


# The document as the application serves it (it needs no login and no database).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def cm1_key(territory, customer_manager):
    """A token of CM1, whose territory holds orders, sets and specs for the reports to find."""
    _token, key = create_token(user=customer_manager.user, name="schemathesis")
    return key


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_every_answer_follows_the_document(case, cm1_key, in_process_wsgi):
    # given a request schemathesis derived from the document, sent with CM1's token
    # when it is sent / then nothing fails on the server and the answer is the documented one
    case.call_and_validate(headers={"Authorization": f"Bearer {cm1_key}"}, checks=CHECKS)
