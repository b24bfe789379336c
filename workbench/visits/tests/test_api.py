"""POST /api/v1/visits/ and /api/v1/visits/sync, GET /api/v1/visits/ (docs/api.md "Visits"): the phone's outbox is
sent as often as the network allows, and each visit is recorded once."""

import json
import uuid

import pytest
from django.test import Client
from django.utils import translation

from workbench import testing
from workbench.api.services import create_token
from workbench.visits.models import Visit

pytestmark = pytest.mark.django_db

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)


def bearer(user) -> dict:
    _token, key = create_token(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


def a_visit(customer, **fields) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "customer": customer.pk,
        "visited_on": "2026-12-02",
        "start_time": "09:05",
        "end_time": "09:14",
        **fields,
    }


def post(client, url, body, **headers):
    return client.post(url, json.dumps(body), content_type="application/json", **headers)


def test_a_visit_posted_twice_is_created_once(client, customer_manager, customers):
    # given CM1's phone with a token and one visit
    headers = bearer(customer_manager.user)
    visit = a_visit(customers["c1"], purposes=["information"], satisfaction=4)
    # when it is posted, then posted again
    first = post(client, "/api/v1/visits/", visit, **headers)
    again = post(client, "/api/v1/visits/", visit, **headers)
    # then 201 then 200, the same visit
    assert (first.status_code, first.json()["created"], again.status_code, again.json()["created"]) == (
        201,
        True,
        200,
        False,
    )
    recorded = Visit.objects.get()
    assert first.json()["visit"] == {
        "id": recorded.pk,
        "client_id": visit["client_id"],
        "staff": "CM1",
        "customer": customers["c1"].pk,
        "customer_code": "C001",
        "customer_name": customers["c1"].name,
        "planned": False,
        "visited_on": "2026-12-02",
        "start_time": "09:05",
        "end_time": "09:14",
        "mode": "field",
        "purposes": ["information"],
        "satisfaction": 4,
        "requests": 0,
        "distance_m": None,
        "is_far": False,
    }
    assert again.json()["visit"]["id"] == recorded.pk


def test_a_refused_visit_names_its_field(client, customer_manager, customers):
    response = post(
        client, "/api/v1/visits/", a_visit(customers["c1"], end_time="08:00"), **bearer(customer_manager.user)
    )
    assert (response.status_code, response.json()) == (
        400,
        {"error": {"message": "The visit cannot end before it started.", "field": "end_time"}},
    )
    assert Visit.objects.count() == 0


def test_a_sync_records_each_visit_on_its_own_and_says_what_became_of_it(client, customer_manager, customers):
    # given a phone's outbox: two good visits, one to a customer no longer his, one with a bad time
    headers = bearer(customer_manager.user)
    good = [a_visit(customers["c1"]), a_visit(customers["c2"], requests=[{"kind": "complaint", "text": "送货晚"}])]
    gone = a_visit(customers["c3"])
    bad = a_visit(customers["c1"], start_time="25:00")
    # when it syncs, and the answer is lost so it syncs the same outbox again
    first = post(client, "/api/v1/visits/sync", {"visits": [*good, gone, bad]}, **headers)
    second = post(client, "/api/v1/visits/sync", {"visits": [*good, gone, bad]}, **headers)
    # then the first sync created the two, refused the others naming why; the second found the two
    statuses = [[(r["status"], r["status_code"]) for r in answer.json()["results"]] for answer in (first, second)]
    assert statuses == [
        [("created", 201), ("created", 201), ("refused", 404), ("refused", 400)],
        [("existing", 200), ("existing", 200), ("refused", 404), ("refused", 400)],
    ]
    results = first.json()["results"]
    assert results[2]["errors"] == {"customer": ["This customer is not one of yours (any more)."]}
    assert results[3] == {
        "client_id": bad["client_id"],
        "status": "refused",
        "visit": None,
        "errors": {"start_time": ["Give the time as HH:MM."]},
        "status_code": 400,
    }
    assert sorted(Visit.objects.values_list("customer__code", flat=True)) == ["C001", "C002"]


def test_a_sync_takes_a_bounded_list(client, customer_manager, settings):
    settings.WORKBENCH_VISIT_SYNC_MAX = 2
    headers = bearer(customer_manager.user)
    too_many = post(client, "/api/v1/visits/sync", {"visits": [{}, {}, {}]}, **headers)
    not_a_list = post(client, "/api/v1/visits/sync", {"visits": "all"}, **headers)
    assert (too_many.status_code, too_many.json()["error"]) == (
        400,
        {"message": "At most 2 visits at once.", "field": "visits"},
    )
    assert (not_a_list.status_code, not_a_list.json()["error"]["field"]) == (400, "visits")


def test_a_session_must_send_its_csrf_token(customer_manager, customers):
    # given the phone's browser logged in, checking CSRF as browsers are checked
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(customer_manager.user)
    body = {"visits": [a_visit(customers["c1"])]}
    # when it syncs without the token: refused, nothing written
    assert post(browser, "/api/v1/visits/sync", body, **ENGLISH).status_code == 403
    assert Visit.objects.count() == 0
    # when it sends its cookie's token: taken
    browser.get("/api/v1/tokens/")
    token = browser.cookies["csrftoken"].value
    assert post(browser, "/api/v1/visits/sync", body, HTTP_X_CSRFTOKEN=token, **ENGLISH).status_code == 200
    assert Visit.objects.count() == 1


def test_the_day_list_shows_a_days_visits_in_time_order(client, customer_manager, market_manager, customers):
    headers = bearer(customer_manager.user)
    post(client, "/api/v1/visits/", a_visit(customers["c2"], start_time="10:00", end_time="10:09"), **headers)
    post(client, "/api/v1/visits/", a_visit(customers["c1"], requests=[{"kind": "price", "text": "价格"}]), **headers)
    post(client, "/api/v1/visits/", a_visit(customers["c1"], visited_on="2026-12-01"), **headers)
    # when his market manager reads CM1's 2 December
    answer = client.get("/api/v1/visits/", {"staff": "CM1", "date": "2026-12-02"}, **bearer(market_manager.user))
    # then the two visits of that day, earliest first, with the request counted
    body = answer.json()
    assert (body["date"], body["staff"]) == ("2026-12-02", "CM1")
    assert [(v["customer_code"], v["start_time"], v["requests"]) for v in body["visits"]] == [
        ("C001", "09:05", 1),
        ("C002", "10:00", 0),
    ]


def test_other_methods_are_refused(client, customer_manager):
    response = client.put("/api/v1/visits/", **bearer(customer_manager.user))
    assert (response.status_code, response["Allow"]) == (405, "GET, HEAD, POST")


VISIT_ID = "7d0f2a56-0d56-4b3e-9d53-3f1c3b8e2a11"

# Recording a visit to C001 (CM1's customer): his alone; a denied write changes nothing (a form post).
test_post_visit_access = testing.view_matrix(
    "/api/v1/visits/",
    {
        "customer_manager": 201,
        "colleague": 404,
        "market_manager": 403,
        "outsider": 404,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 401,
    },
    method="post",
    data=lambda customers: {
        "client_id": VISIT_ID,
        "customer": str(customers["c1"].pk),
        "visited_on": "2026-12-02",
        "start_time": "09:00",
        "end_time": "09:10",
    },
    snapshot=testing.rows(Visit),
)
# The sync answers 200 to every logged-in persona, with the refusal of a visit to C001 inside the result.
SYNC_RESULT = {
    "customer_manager": 201,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
}


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_sync_access(request, client, persona, customers):
    for name in testing.PERSONAS:
        request.getfixturevalue(name)
    staff = request.getfixturevalue(persona)
    body = {"visits": [a_visit(customers["c1"])]}
    response = post(client, "/api/v1/visits/sync", body, HTTP_AUTHORIZATION=bearer(staff.user)["HTTP_AUTHORIZATION"])
    assert (response.status_code, response.json()["results"][0]["status_code"]) == (200, SYNC_RESULT[persona])
    assert Visit.objects.count() == (1 if persona == "customer_manager" else 0)


def test_sync_needs_a_login(client):
    assert post(client, "/api/v1/visits/sync", {"visits": []}).status_code == 401


test_day_visits_of_cm1_access = testing.view_matrix(
    "/api/v1/visits/",
    {
        "customer_manager": 200,
        "colleague": 404,
        "market_manager": 200,
        "outsider": 404,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 401,
    },
    data={"staff": "CM1", "date": "2026-12-02"},
)
