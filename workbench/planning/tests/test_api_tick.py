"""POST /api/v1/plans/monthly/<id>/tick: 实施 ticks a task done from the phone. The owner only; a session needs its
CSRF token, a Bearer token none; a list read before another version came into force is refused; every refusal is
the JSON error object naming the field, and changes nothing."""

import json

import pytest
from django.test import Client

from workbench.api.services import create_token
from workbench.planning import services
from workbench.planning.models import PlanItem
from workbench.planning.tests.conftest import content, one_task
from workbench.testing import rows

ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}
items = rows(PlanItem)


@pytest.fixture
def key(customer_manager):
    """A token of CM1."""
    _token, key = create_token(user=customer_manager.user, name="phone")
    return key


def tick(client, plan, body, **headers):
    return client.post(
        f"/api/v1/plans/monthly/{plan.pk}/tick", json.dumps(body), content_type="application/json", **headers
    )


def bearer(key: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", **ENGLISH}


def test_the_owner_ticks_a_task_done_with_his_token(client, plan, key):
    # given CM1's draft plan, its version 1 the working version, its one task not done
    # when
    response = tick(client, plan, {"version": 1, "line": 1, "done": True}, **bearer(key))

    # then
    assert response.status_code == 200
    assert response.json() == {
        "plan_id": plan.pk,
        "version": 1,
        "line": 1,
        "kind": "visit",
        "description": "拜访玄武食杂店",
        "customer": None,
        "customer_set": None,
        "week": "2026-11-30",
        "day": None,
        "is_done": True,
    }
    assert list(PlanItem.objects.values_list("is_done", flat=True)) == [True]

    # and untick it again
    tick(client, plan, {"version": 1, "line": 1, "done": False}, **bearer(key))
    assert list(PlanItem.objects.values_list("is_done", flat=True)) == [False]


def test_a_list_read_before_another_version_came_into_force_is_refused(
    client, plan, key, customer_manager, market_manager
):
    # given version 1 approved, then version 2 written, submitted and approved: version 2 guides the work now
    for number, summary in ((1, None), (2, "第二版")):
        version = plan.latest_version()
        if summary:
            services.save_plan(
                plan=plan,
                user=customer_manager.user,
                version=version.version,
                content=content(one_task(line=1), summary=summary),
            )
            version = plan.latest_version()
        services.submit_plan(plan=plan, user=customer_manager.user, version=version.version)
        version.refresh_from_db()
        services.decide_plan(plan=plan, user=market_manager.user, version=version.version, decision="approved")
        plan.refresh_from_db()
        assert plan.in_force.number == number
    before = items()

    # when the phone ticks from its list of version 1
    response = tick(client, plan, {"version": 1, "line": 1, "done": True}, **bearer(key))

    # then
    assert response.status_code == 409
    assert response.json() == {
        "error": {"message": "Another version of the plan came into force: read its tasks again.", "field": "version"}
    }
    assert items() == before


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"line": 1, "done": True}, "version", "“version” must be a whole number from 1."),
        ({"version": 1, "line": 0, "done": True}, "line", "“line” must be a whole number from 1."),
        ({"version": 1, "line": True, "done": True}, "line", "“line” must be a whole number from 1."),
        ({"version": 1, "line": 1, "done": "yes"}, "done", "“done” must be true or false."),
        ({"version": 1, "line": 7, "done": True}, "line", "The plan has no task on this line."),
        ([1, 2], None, "Send a JSON object."),
    ],
)
def test_a_bad_field_is_a_400_naming_it_and_changes_nothing(client, plan, key, body, field, message):
    # given
    before = items()

    # when
    response = tick(client, plan, body, **bearer(key))

    # then
    assert response.status_code == 400
    assert response.json() == {"error": {"message": message, "field": field}}
    assert items() == before


def test_a_body_that_is_not_json_is_a_400(client, plan, key):
    # given / when
    response = client.post(
        f"/api/v1/plans/monthly/{plan.pk}/tick", "{done", content_type="application/json", **bearer(key)
    )

    # then
    assert response.status_code == 400
    assert response.json() == {"error": {"message": "The body is not valid JSON.", "field": None}}


def test_a_session_must_send_its_csrf_token_a_bearer_token_need_not(plan, customer_manager, key):
    # given a client that checks CSRF as a browser's requests are checked
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(customer_manager.user)
    body = {"version": 1, "line": 1, "done": True}
    before = items()

    # when the session posts without the token: refused, as the JSON error
    refused = tick(browser, plan, body, **ENGLISH)

    # then
    assert refused.status_code == 403
    assert refused.json() == {
        "error": {"message": "The request was refused: its CSRF token is missing or wrong.", "field": None}
    }
    assert items() == before

    # when it sends the token of its cookie, it is taken
    browser.get("/api/v1/tokens/")  # a page with a form sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    assert tick(browser, plan, body, HTTP_X_CSRFTOKEN=token, **ENGLISH).status_code == 200

    # and a Bearer token needs no CSRF token at all
    assert tick(Client(enforce_csrf_checks=True), plan, body | {"done": False}, **bearer(key)).status_code == 200
    assert list(PlanItem.objects.values_list("is_done", flat=True)) == [False]


def test_only_post_is_allowed(client, plan, key):
    # given / when
    response = client.get(f"/api/v1/plans/monthly/{plan.pk}/tick", **bearer(key))

    # then
    assert response.status_code == 405
    assert response["Allow"] == "POST"
