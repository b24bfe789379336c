"""The OpenAPI description is generated from the report registry."""

from workbench.reporting.registry import REPORTS


def test_every_report_has_a_path(client):
    # given / when
    response = client.get("/api/v1/openapi.json", HTTP_ACCEPT_LANGUAGE="en")

    # then
    document = response.json()
    assert document["openapi"] == "3.0.3"
    assert sorted(document["paths"]) == sorted(f"/api/v1/reports/{name}" for name in REPORTS)


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
