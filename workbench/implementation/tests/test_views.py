"""The sample-point reports reach every persona by the shared reporting layer: page, Excel export, API and command
line from the one registration, each in the user's scope (the role × view matrix on CM1's scope)."""

import json

import pytest
from django.core.management import call_command

from workbench import testing
from workbench.implementation.reports import REPORTS
from workbench.implementation.tests.conftest import JANUARY
from workbench.reporting.registry import reports_of
from workbench.reporting.results import jsonable

NAMES = [report.name for report in REPORTS]
# Where a persona stands to CM1's scope: his own, his team, the company; the others (CM2, CM3) are refused with a
# 404 that does not tell a hidden scope from a missing one. The anonymous visitor goes to the login page.
ON_CM1 = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
}


def query(name: str) -> dict:
    data = {**JANUARY, "scope": "CM1"}
    if name == "customer-stockout-rate":
        data["specs"] = "A,B"
    return data


def data_of(name: str):
    """The matrix's query for one report (with the samples fixture, so that every persona sees the same data)."""

    def data(samples):
        return query(name)

    return data


for _name in NAMES:
    globals()[f"test_{_name.replace('-', '_')}_page_access"] = testing.view_matrix(
        f"/implementation/{_name}/", {**ON_CM1, "anonymous": 302}, data=data_of(_name)
    )
    globals()[f"test_{_name.replace('-', '_')}_export_access"] = testing.view_matrix(
        f"/implementation/{_name}/export/", {**ON_CM1, "anonymous": 302}, data=data_of(_name)
    )
    globals()[f"test_{_name.replace('-', '_')}_api_access"] = testing.view_matrix(
        f"/api/v1/reports/{_name}", {**ON_CM1, "anonymous": 401}, data=data_of(_name)
    )


def test_the_three_reports_are_the_implement_steps():
    # given the registry, then the step holds the three, under /implementation/
    assert [report.name for report in reports_of("implementation")] == [
        "stock-to-sales",
        "customer-stockout-rate",
        "retail-prices",
    ]


def test_the_index_lists_them(client, customer_manager):
    testing.login(client, customer_manager)
    response = client.get("/implementation/")
    assert response.status_code == 200
    for name in NAMES:
        assert f'href="/implementation/{name}/"' in response.content.decode()


@pytest.mark.parametrize("name", NAMES)
def test_page_api_and_command_give_the_same_total(client, capsys, samples, customer_manager, name):
    # given CM1's January
    testing.login(client, customer_manager)
    data = query(name)
    # when
    page = client.get(f"/implementation/{name}/", data)
    api = client.get(f"/api/v1/reports/{name}", data)
    arguments = [f"--{key}={value}" for key, value in data.items()]
    call_command("report", name, *arguments, "--user=CM1", "--format=json")
    # then the three answers are the one result
    assert page.status_code == 200
    assert api.status_code == 200
    assert api.json()["total"] == json.loads(capsys.readouterr().out)["total"]
    assert jsonable(page.context["result"].total) == api.json()["total"]


def test_the_stockout_rate_needs_specs(client, samples, customer_manager):
    testing.login(client, customer_manager)
    response = client.get("/api/v1/reports/customer-stockout-rate", JANUARY)
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "specs"
