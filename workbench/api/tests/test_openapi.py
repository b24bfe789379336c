"""The OpenAPI description is assembled from what the apps declare (the reports from the report registry), and it
is exact: the server answers what it describes."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from workbench.api.services import create_token
from workbench.reporting.registry import REPORTS

# The application itself, without workbench.wsgi's refusal of the demo key (the tests run with DEBUG off).
application = get_wsgi_application()


def test_every_report_has_a_path(client):
    # given / when
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")

    # then
    document = response.json()
    assert document["openapi"] == "3.0.3"
    reports = [path for path in document["paths"] if path.startswith("/api/v1/reports/")]
    assert sorted(reports) == sorted(f"/api/v1/reports/{name}" for name in REPORTS)


def test_parameters_and_rows_follow_each_report(client):
    # given / when
    document = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()

    # then
    four_rates = document["paths"]["/api/v1/reports/four-rates"]["get"]
    assert [parameter["name"] for parameter in four_rates["parameters"]] == [
        "scope",
        "from",
        "to",
        "period",
        "specs",
        "brand_set",
        "customer_set",
        "breakdown",
        "page",
        "page_size",
    ]
    rows = four_rates["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]
    assert rows["properties"]["movement_rate"]["type"] == "number"
    assert rows["properties"]["movement_rate"]["nullable"] is True
    overview = document["paths"]["/api/v1/reports/classification-overview"]["get"]
    row_keys = overview["responses"]["200"]["content"]["application/json"]["schema"]["properties"]["rows"]["items"]
    # Both groupings (by class and by grade) are described.
    assert {"class_code", "grade", "customers"} <= set(row_keys["properties"])
    by = next(parameter for parameter in overview["parameters"] if parameter["name"] == "by")
    assert by["schema"]["enum"] == ["class_code", "grade"]


def test_the_document_says_what_the_server_refuses(client):
    # given / when
    document = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en").json()

    # then: ids from 1, the presets as an enum, period and dates exclusive, page sizes bounded
    parameters = {
        parameter["name"]: parameter
        for parameter in document["paths"]["/api/v1/reports/four-rates"]["get"]["parameters"]
    }
    assert parameters["brand_set"]["schema"] == {"type": "integer", "minimum": 1}
    assert parameters["period"]["schema"]["enum"] == [
        "this_month",
        "last_month",
        "last_3_months",
        "year_to_date",
        "custom",
    ]
    assert "not both" in parameters["period"]["description"]
    assert parameters["page_size"]["schema"] == {"type": "integer", "minimum": 1, "maximum": 1000, "default": 1000}
    assert document["components"]["schemas"]["Paging"]["required"] == ["page", "page_size", "count", "pages"]


@pytest.mark.django_db
def test_a_real_answer_validates_against_the_document(territory, customer_manager, in_process_wsgi):
    # given: the document, and CM1's answer of distribution-rate over a quarter, with its extras and paging
    _token, key = create_token(user=customer_manager.user, name="script")
    operation = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)["/api/v1/reports/distribution-rate"]
    case = operation["GET"].Case(query={"from": "2026-01-01", "to": "2026-03-31", "specs": "6901,6902"})

    # when
    response = case.call(headers={"Authorization": f"Bearer {key}"})

    # then: a full answer that follows the document (validate_response raises otherwise)
    assert response.status_code == 200
    assert [point["month"] for point in response.json()["extras"]["trend"]] == ["2026-01", "2026-02", "2026-03"]
    case.validate_response(response, checks=[response_schema_conformance, status_code_conformance])
