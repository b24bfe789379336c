"""GET /api/v1/reports/<name>: the JSON of metrics.md, the same numbers and the same scope as the screens."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from workbench import testing
from workbench.analysis.tests.conftest import TODAY
from workbench.api.models import ApiToken
from workbench.api.services import create_token, revoke_token
from workbench.customers.models import CustomerSet
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


@pytest.fixture
def key(customer_manager):
    """A token of CM1."""
    _token, key = create_token(user=customer_manager.user, name="script")
    return key


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    """Today is the analysis tests' today (20 May 2026), for the period presets."""
    time_machine.move_to(TODAY)


def expected_json(name, staff, data):
    report = REPORTS[name]
    return json.loads(json.dumps(report.run(parse_params(staff.user, report, data, today=TODAY)).as_json()))


def test_the_answer_is_the_json_of_metrics_md(client, territory, customer_manager, key):
    # given / when
    response = client.get("/api/v1/reports/distribution-rate", {**JANUARY, "specs": "6901,6902"}, **bearer(key))

    # then: the table, then its extras (the January trend is the total; the chart draws it), one page of rows
    assert response.status_code == 200
    answer = response.json()
    chart = answer["extras"].pop("chart")
    assert chart["data"]["labels"] == ["2026-01"]
    assert chart["data"]["datasets"][0]["data"] == [75.0]
    assert answer == {
        "report": "distribution-rate",
        "params": {"scope": "CM1", "from": "2026-01-01", "to": "2026-01-31", "specs": ["6901", "6902"]},
        "columns": [
            {"key": "spec_code", "label": "Spec code", "kind": "code"},
            {"key": "spec_name", "label": "Spec name", "kind": "text"},
            {"key": "customers_in_scope", "label": "Customers in business", "kind": "integer"},
            {"key": "customers_ordering", "label": "Customers ordering", "kind": "integer"},
            {"key": "distribution_rate", "label": "Distribution rate", "kind": "rate"},
        ],
        "rows": [
            {
                "spec_code": "6901",
                "spec_name": "七匹狼(软通泰)",
                "customers_in_scope": 4,
                "customers_ordering": 3,
                "distribution_rate": 0.75,
            },
            {
                "spec_code": "6902",
                "spec_name": "七匹狼(红)",
                "customers_in_scope": 4,
                "customers_ordering": 2,
                "distribution_rate": 0.5,
            },
        ],
        "total": {"customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75},
        "extras": {
            "trend": [{"month": "2026-01", "customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75}]
        },
        "paging": {"page": 1, "page_size": 1000, "count": 2, "pages": 1},
    }


@pytest.mark.parametrize("name", list(REPORTS))
def test_every_report_gives_the_functions_numbers(client, territory, customer_manager, key, name):
    # given
    data = {**JANUARY}
    if REPORTS[name].specs is not None:
        data["brand_set"] = str(territory["brand_set"].pk)
    if REPORTS[name].customer_set is not None:
        customer_set = CustomerSet.objects.create(owner=customer_manager, name="set")
        customer_set.members.set([territory["customers"]["C001"]])
        data["customer_set"] = str(customer_set.pk)

    # when
    response = client.get(f"/api/v1/reports/{name}", data, **bearer(key))

    # then: the function's answer, all its rows on the first page
    assert response.status_code == 200
    answer = response.json()
    paging = answer.pop("paging")
    assert answer == expected_json(name, customer_manager, data)
    assert paging == {"page": 1, "page_size": 1000, "count": len(answer["rows"]), "pages": 1 if answer["rows"] else 0}


def test_money_and_null_rates(client, territory, key):
    # given / when
    response = client.get("/api/v1/reports/supply-demand", JANUARY, **bearer(key))

    # then: amounts are numbers, a rate without denominator is null
    rows = {row["customer_code"]: row for row in response.json()["rows"]}
    assert rows["C005"]["limit_fill_rate"] is None
    assert rows["C002"]["limit_fill_rate"] == 0.8
    overview = client.get("/api/v1/reports/business-overview", JANUARY, **bearer(key)).json()
    assert overview["total"]["amount"] == 2290.0
    assert overview["total"]["value_per_carton"] == 104.09


def test_order_frequency_total_holds_the_histogram(client, territory, key):
    # given / when
    response = client.get("/api/v1/reports/order-frequency", JANUARY, **bearer(key))

    # then
    assert response.json()["total"] == {
        "customers": 4,
        "order_count": 5,
        "qty": 22,
        "histogram": {"0": 0, "1": 3, "2": 1},
    }


def test_a_session_works_too(client, territory, customer_manager):
    # given
    client.login(username="CM1", password=testing.PASSWORD)

    # when
    response = client.get("/api/v1/reports/classification-overview", JANUARY, **ENGLISH)

    # then
    assert response.status_code == 200
    assert response.json()["total"] == {"customers": 4, "share": 1.0}


def test_labels_follow_the_language(client, territory, key):
    # given / when
    response = client.get("/api/v1/reports/classification-overview", JANUARY, **bearer(key))

    # then
    assert response.json()["columns"][0] == {"key": "class_code", "label": "Class", "kind": "code"}


@pytest.mark.parametrize("name", list(REPORTS))
def test_without_authentication_it_is_401(client, territory, name):
    # given / when
    response = client.get(f"/api/v1/reports/{name}", JANUARY, **ENGLISH)

    # then
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="workbench"'
    assert response.json() == {
        "error": {"message": "Authentication required: send Authorization: Bearer <token>.", "field": None}
    }


@pytest.mark.parametrize("header", ["Bearer wb_not-a-token", "Basic Q00xOnB3", "Bearer", "Token abc"])
def test_a_bad_authorization_header_is_401_even_with_a_session(client, territory, customer_manager, header):
    # given
    client.login(username="CM1", password=testing.PASSWORD)

    # when
    response = client.get("/api/v1/reports/business-overview", JANUARY, HTTP_AUTHORIZATION=header, **ENGLISH)

    # then
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "The token is not valid or has been revoked."


def test_a_revoked_token_stops_working(client, territory, customer_manager):
    # given
    token, key = create_token(user=customer_manager.user, name="old")
    revoke_token(token=token)

    # when
    response = client.get("/api/v1/reports/business-overview", JANUARY, **bearer(key))

    # then
    assert response.status_code == 401


def test_an_inactive_staff_member_has_no_scope(client, territory, customer_manager, key):
    # given
    customer_manager.is_active = False
    customer_manager.save()

    # when
    response = client.get("/api/v1/reports/business-overview", JANUARY, **bearer(key))

    # then
    assert response.status_code == 403
    assert response.json()["error"]["field"] == "scope"


def test_using_a_token_records_when(client, territory, customer_manager, key):
    # given
    token = ApiToken.objects.get(user=customer_manager.user)
    assert token.last_used_at is None

    # when
    client.get("/api/v1/reports/business-overview", JANUARY, **bearer(key))

    # then
    token.refresh_from_db()
    assert timezone.now() - token.last_used_at < timedelta(minutes=1)


@pytest.mark.parametrize(
    ("persona", "scope", "expected"),
    [
        ("customer_manager", "CM1", 200),
        ("customer_manager", "CM2", 404),
        ("customer_manager", "T1", 404),
        ("colleague", "CM1", 404),
        ("market_manager", "CM1", 200),
        ("market_manager", "T1", 200),
        ("market_manager", "CM3", 404),
        ("outsider", "CM1", 404),
        ("leader", "T2", 200),
        ("admin_staff", "CM3", 200),
    ],
)
def test_scope_is_enforced(client, request, territory, persona, scope, expected):
    # given
    staff = request.getfixturevalue(persona)
    _token, key = create_token(user=staff.user, name="script")

    # when
    response = client.get(
        "/api/v1/reports/distribution-rate", {**JANUARY, "specs": "6901", "scope": scope}, **bearer(key)
    )

    # then
    assert response.status_code == expected
    if expected == 404:
        assert response.json() == {
            "error": {"message": f"Unknown scope “{scope}”, or outside your own.", "field": "scope"}
        }


def test_a_market_manager_sees_his_team_by_default(client, territory, market_manager):
    # given
    _token, key = create_token(user=market_manager.user, name="script")

    # when
    response = client.get("/api/v1/reports/distribution-rate", {**JANUARY, "specs": "6901"}, **bearer(key))

    # then
    assert response.json()["total"] == {"customers_in_scope": 5, "customers_ordering": 4, "distribution_rate": 0.8}


@pytest.mark.parametrize(
    ("data", "status", "field", "message"),
    [
        (JANUARY, 400, "specs", "Choose one or more specs, or a brand set."),
        ({**JANUARY, "specs": "9999"}, 404, "specs", "Unknown spec code: 9999."),
        (
            {"from": "2026-02-01", "to": "2026-01-01", "specs": "6901"},
            400,
            "from",
            "The start date is after the end date.",
        ),
        ({"to": "2026-01-01", "specs": "6901"}, 400, "from", "Give the start date (from)."),
        ({**JANUARY, "specs": "6901", "brand_set": "999"}, 400, "specs", "Give either specs or a brand set, not both."),
        ({**JANUARY, "brand_set": "999"}, 404, "brand_set", "Unknown brand set 999, or not shared with you."),
    ],
)
def test_bad_parameters_give_the_error_object(client, territory, key, data, status, field, message):
    # given / when
    response = client.get("/api/v1/reports/four-rates", data, **bearer(key))

    # then
    assert response.status_code == status
    assert response.json() == {"error": {"message": message, "field": field}}


def test_an_unknown_report_is_404(client, territory, key):
    # given / when
    response = client.get("/api/v1/reports/five-rates", JANUARY, **bearer(key))

    # then
    assert response.status_code == 404
    assert response.json() == {"error": {"message": "Unknown report “five-rates”.", "field": None}}


def test_only_get_is_allowed(client, territory, key):
    # given / when
    response = client.post("/api/v1/reports/business-overview", JANUARY, **bearer(key))

    # then: a 405 in the API's JSON, naming the methods
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert response.json() == {
        "error": {"message": "The method is not allowed here (allowed: GET, HEAD).", "field": None}
    }


def test_a_period_preset_works(client, territory, key):
    # given: today is 20 May 2026
    # when
    response = client.get("/api/v1/reports/business-overview", {"period": "year_to_date"}, **bearer(key))

    # then
    assert response.json()["params"]["from"] == "2026-01-01"
    assert response.json()["params"]["to"] == "2026-05-20"
    assert [row["month"] for row in response.json()["rows"]] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05"]


@pytest.mark.parametrize("name", list(REPORTS))
@pytest.mark.parametrize(("persona", "expected"), [("colleague", 404), ("outsider", 404), ("market_manager", 200)])
def test_every_report_refuses_a_scope_outside_ones_own(client, request, territory, name, persona, expected):
    # given: parameters every report accepts (CM1's brand set is published to the company for this test)
    staff = request.getfixturevalue(persona)
    brand_set = territory["brand_set"]
    brand_set.shared_with = staff.org_unit.parent.parent
    brand_set.save()
    customer_set = CustomerSet.objects.create(owner=staff, name="set")
    customer_set.members.set([territory["customers"]["C001"]])
    _token, key = create_token(user=staff.user, name="script")
    data = {**JANUARY, "scope": "CM1", "brand_set": str(brand_set.pk), "customer_set": str(customer_set.pk)}

    # when
    response = client.get(f"/api/v1/reports/{name}", data, **bearer(key))

    # then
    assert response.status_code == expected
    if expected == 404:
        assert response.json()["error"]["field"] == "scope"
    else:
        assert response.json()["params"]["scope"] == "CM1"
