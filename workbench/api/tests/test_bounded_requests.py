"""What a careless or hostile caller gets from the API: a 400 naming the field for any bad parameter (extreme
dates, periods too long, bad paging), JSON for every error under /api/ (404, 405, 500), and one page of rows."""

import pytest
from django.test import Client

from workbench.api.services import create_token

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def headers(customer_manager):
    """CM1's Bearer token, English messages."""
    _token, key = create_token(user=customer_manager.user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"from": "0001-01-01", "to": "9999-12-31"}, "from", "Dates must lie between 1900-01-01 and 2999-12-31."),
        ({"from": "2026-01-01", "to": "9999-12-31"}, "to", "Dates must lie between 1900-01-01 and 2999-12-31."),
        ({"from": "2020-01-01", "to": "2025-01-01"}, "to", "The period may span at most 5 years."),
        ({"from": "2026-13-01", "to": "2026-12-31"}, "from", "“2026-13-01” is not a date (use YYYY-MM-DD)."),
    ],
)
def test_an_unusable_period_is_a_400_naming_the_field(client, territory, headers, data, field, message):
    # given / when: the 81 MB request of issue 9, and its neighbours
    response = client.get("/api/v1/reports/classification-sales", data, **headers)

    # then
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message, "field": field}}


def test_five_whole_years_are_allowed(client, territory, headers):
    # given / when: 2021 to 2025, the longest period the default bound lets through
    response = client.get("/api/v1/reports/business-overview", {"from": "2021-01-01", "to": "2025-12-31"}, **headers)

    # then: sixty months
    assert response.status_code == 200
    assert len(response.json()["rows"]) == 60


def test_rows_come_one_page_at_a_time(client, territory, headers):
    # given: order frequency lists C001, C002, C005, C006 in January
    # when: the second page of two rows
    response = client.get("/api/v1/reports/order-frequency", {**JANUARY, "page": "2", "page_size": "2"}, **headers)

    # then: C005 and C006, with the paging, and the total and the histogram still for all four customers
    answer = response.json()
    assert [row["customer_code"] for row in answer["rows"]] == ["C005", "C006"]
    assert answer["paging"] == {"page": 2, "page_size": 2, "count": 4, "pages": 2}
    assert answer["total"]["customers"] == 4
    assert answer["extras"]["histogram"] == [
        {"order_count": 0, "customers": 0},
        {"order_count": 1, "customers": 3},
        {"order_count": 2, "customers": 1},
    ]


def test_a_page_past_the_last_is_empty(client, territory, headers):
    # given / when
    response = client.get("/api/v1/reports/order-frequency", {**JANUARY, "page": "3", "page_size": "2"}, **headers)

    # then
    assert response.status_code == 200
    assert response.json()["rows"] == []
    assert response.json()["paging"] == {"page": 3, "page_size": 2, "count": 4, "pages": 2}


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"page": "0"}, "page", "“page” must be a whole number from 1."),
        ({"page": "two"}, "page", "“page” must be a whole number from 1."),
        ({"page_size": "1001"}, "page_size", "“page_size” must be a whole number from 1 to 1000."),
        ({"page_size": "-5"}, "page_size", "“page_size” must be a whole number from 1 to 1000."),
    ],
)
def test_bad_paging_is_a_400(client, territory, headers, data, field, message):
    # given / when
    response = client.get("/api/v1/reports/order-frequency", {**JANUARY, **data}, **headers)

    # then
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message, "field": field}}


def test_the_largest_page_follows_the_setting(client, territory, headers, settings):
    # given: pages of at most 3 rows
    settings.WORKBENCH_API_MAX_PAGE_SIZE = 3

    # when: no page size is asked for
    response = client.get("/api/v1/reports/order-frequency", JANUARY, **headers)

    # then: the largest page is the default
    assert response.json()["paging"] == {"page": 1, "page_size": 3, "count": 4, "pages": 2}


def test_an_unknown_endpoint_is_a_json_404(client, headers):
    # given / when
    response = client.get("/api/v1/nothing-here", **headers)

    # then
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"error": {"message": "There is no such API endpoint.", "field": None}}


def test_the_openapi_document_refuses_post_in_json(client):
    # given / when
    response = client.post("/api/v1/openapi.json")

    # then
    assert response.status_code == 405
    assert response.json()["error"]["field"] is None


def test_a_post_with_csrf_checks_on_is_still_the_json_405(territory, headers):
    # given a client that enforces CSRF like a browser session would (the test client skips it by default)
    client = Client(enforce_csrf_checks=True)

    # when a script posts to a report
    response = client.post("/api/v1/reports/business-overview", **headers)

    # then the API's own 405 in JSON, not Django's HTML CSRF page
    assert response.status_code == 405
    assert response["Content-Type"] == "application/json"
    assert response["Allow"] == "GET, HEAD"


def test_a_csrf_failure_under_the_api_is_json(customer_manager):
    # given a logged-in session posting to the token page without its CSRF token, as a script would
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer_manager.user)

    # when
    response = client.post("/api/v1/tokens/", {"name": "script"}, HTTP_ACCEPT="application/json")

    # then the API's JSON error (in the default language, Chinese), and nothing created
    assert response.status_code == 403
    assert response.json() == {"error": {"message": "请求被拒绝：缺少 CSRF 令牌或令牌不正确。", "field": None}}
    assert not customer_manager.user.api_tokens.exists()


def test_a_server_error_is_json_under_the_api(client, territory, headers, monkeypatch):
    # given: a report that fails on the server
    def broken(user, name, data):
        raise RuntimeError("boom")

    monkeypatch.setattr("workbench.api.views.report_answer", broken)
    client.raise_request_exception = False

    # when
    response = client.get("/api/v1/reports/business-overview", JANUARY, **headers)

    # then: the JSON error, without the exception's text
    assert response.status_code == 500
    assert response.json() == {
        "error": {"message": "Something went wrong on the server; the error has been logged.", "field": None}
    }


def test_a_server_error_elsewhere_is_still_the_page(client, customer_manager, monkeypatch):
    # given: a report page that fails on the server
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("workbench.reporting.views.parse_params", broken)
    client.raise_request_exception = False
    client.force_login(customer_manager.user)

    # when
    response = client.get("/analysis/business-overview/", JANUARY, **ENGLISH)

    # then: the HTML 500 page
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
