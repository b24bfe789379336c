"""GET /api/v1/visit-plans/day and /month: the day's list the phone reads and a month's visit plan, for the
caller's scope, with the numbers of the plan page."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench.api.services import create_token
from workbench.visitplans import editing
from workbench.visitplans.models import PlannedVisit, VisitPlan
from workbench.visits.services import record_visit

pytestmark = pytest.mark.django_db

DAY_URL = "/api/v1/visit-plans/day"
MONTH_URL = "/api/v1/visit-plans/month"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    """Today is 2 December 2026 (Beijing): the December plans' deadline, 30 November, is over."""
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)


def bearer(user) -> dict:
    _token, key = create_token(user=user, name="phone")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}", "HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture
def plan(customer_manager, customers):
    """CM1's December plan, committed on 30 November: C001 (with coordinates) and C002 on 2 December."""
    c1 = customers["c1"]
    c1.address, c1.phone, c1.route, c1.order_weekday = "玄武区中山路1号", "025-8888", "R1", 3
    c1.lat, c1.lng = Decimal("32.045000"), Decimal("118.790000")
    c1.save()
    plan = editing.plan_for(customer_manager, date(2026, 12, 1), create=True)
    PlannedVisit.objects.create(plan=plan, customer=c1, day=date(2026, 12, 2), gave_way="order_day")
    PlannedVisit.objects.create(
        plan=plan, customer=customers["c2"], day=date(2026, 12, 2), source="suggested", reason="订货量环比指数 0.62"
    )
    VisitPlan.objects.filter(pk=plan.pk).update(state="committed", committed_at="2026-11-30T17:00:00+08:00")
    return plan


def test_the_day_list_has_each_customer_the_phone_shows(client, customer_manager, customers, plan):
    # given C002 visited already today (its planned visit ticked)
    record_visit(customer_manager.user, {
        "client_id": "7d0f2a56-0d56-4b3e-9d53-3f1c3b8e2a11", "customer": customers["c2"].pk,
        "visited_on": "2026-12-02", "start_time": "09:00", "end_time": "09:10",
    })  # fmt: skip

    # when CM1's phone asks for today's list
    response = client.get(DAY_URL, **bearer(customer_manager.user))

    # then it answers both visits of 2 December in the route's order (C002 has no coordinates: last), with the
    # customers' details, C002's done
    assert response.status_code == 200
    assert response.json() == {
        "date": "2026-12-02",
        "staff": "CM1",
        "plan_state": "committed",
        "hours": 0.27,
        "visits": [
            {
                "customer_code": "C001",
                "customer_name": "玄武食杂店",
                "address": "玄武区中山路1号",
                "phone": "025-8888",
                "route": "R1",
                "order_weekday": 3,
                "lat": 32.045,
                "lng": 118.79,
                "source": "proposed",
                "gave_way": "order_day",
                "reason": "",
                "done": False,
            },
            {
                "customer_code": "C002",
                "customer_name": "长江便利店",
                "address": "",
                "phone": "",
                "route": "",
                "order_weekday": None,
                "lat": None,
                "lng": None,
                "source": "suggested",
                "gave_way": None,
                "reason": "订货量环比指数 0.62",
                "done": True,
            },
        ],
    }


def test_another_day_and_another_managers_day(client, customer_manager, market_manager, plan):
    # a day without visits is an empty list
    answer = client.get(DAY_URL, {"date": "2026-12-03"}, **bearer(customer_manager.user)).json()
    assert (answer["visits"], answer["hours"]) == ([], 0.0)
    # his market manager reads CM1's day
    answer = client.get(DAY_URL, {"staff": "CM1"}, **bearer(market_manager.user)).json()
    assert [visit["customer_code"] for visit in answer["visits"]] == ["C001", "C002"]


def test_the_month_is_the_plan_page_day_by_day(client, customer_manager, plan):
    # when CM1 asks for his December plan
    answer = client.get(MONTH_URL, {"month": "2026-12"}, **bearer(customer_manager.user)).json()

    # then: committed on 30 November, not late; 23 working days, 2 December with its two visits
    days = answer.pop("days")
    assert answer == {
        "staff": "CM1",
        "month": "2026-12",
        "state": "committed",
        "version": 1,
        "committed_at": "2026-11-30T17:00:00+08:00",
        "deadline": "2026-11-30",
        "is_late": False,
    }
    assert len(days) == 23
    assert days[0] == {"date": "2026-12-01", "is_working_day": True, "count": 0, "hours": 0.0, "visits": []}
    assert days[1] == {
        "date": "2026-12-02",
        "is_working_day": True,
        "count": 2,
        "hours": 0.27,
        "visits": [
            {
                "customer_code": "C002",
                "customer_name": "长江便利店",
                "source": "suggested",
                "gave_way": None,
                "reason": "订货量环比指数 0.62",
            },
            {
                "customer_code": "C001",
                "customer_name": "玄武食杂店",
                "source": "proposed",
                "gave_way": "order_day",
                "reason": "",
            },
        ],
    }


def test_a_month_without_a_plan(client, colleague, customers):
    answer = client.get(MONTH_URL, {"month": "2027-01"}, **bearer(colleague.user)).json()
    assert (answer["state"], answer["version"], answer["deadline"], answer["is_late"]) == (
        "none",
        None,
        "2026-12-31",
        False,
    )


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("customer_manager", 200),
        ("colleague", 404),
        ("market_manager", 200),
        ("outsider", 404),
        ("leader", 200),
        ("brand_manager", 200),
        ("admin_staff", 200),
    ],
)
@pytest.mark.parametrize("url", [DAY_URL, MONTH_URL])
def test_cm1s_plan_by_role(request, client, plan, persona, status, url):
    # given each persona's token / when he asks for CM1's plan / then he gets it if CM1 is in his scope
    staff = request.getfixturevalue(persona)
    response = client.get(url, {"staff": "CM1"}, **bearer(staff.user))
    assert response.status_code == status
    if status == 404:
        assert response.json() == {
            "error": {"message": "Unknown staff member “CM1”, or outside your scope.", "field": "staff"}
        }


@pytest.mark.parametrize("url", [DAY_URL, MONTH_URL])
def test_without_a_login_or_with_a_post(client, customer_manager, url):
    assert client.get(url).status_code == 401
    assert client.post(url, **bearer(customer_manager.user)).status_code == 405


def test_a_login_without_staff_has_no_scope(client, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    response = client.get(DAY_URL, **bearer(user))
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("url", "params", "field"),
    [
        (DAY_URL, {"date": "2026-13-01"}, "date"),
        (DAY_URL, {"date": "0202-01-01"}, "date"),
        (DAY_URL, {"date": "2026-1-1"}, "date"),
        (MONTH_URL, {"month": "2026-13"}, "month"),
        (MONTH_URL, {"month": "12-2026"}, "month"),
    ],
)
def test_a_bad_date_is_a_400_naming_it(client, customer_manager, url, params, field):
    response = client.get(url, params, **bearer(customer_manager.user))
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field


def test_the_document_describes_both_paths(client):
    document = client.get("/api/v1/openapi.json").json()
    assert {"/api/v1/visit-plans/day", "/api/v1/visit-plans/month"} <= set(document["paths"])
    day = document["paths"]["/api/v1/visit-plans/day"]["get"]
    assert [parameter["name"] for parameter in day["parameters"]] == ["staff", "date"]
    assert set(day["responses"]) == {"200", "400", "401", "403", "404"}
    assert document["components"]["schemas"]["VisitDay"]["properties"]["visits"]["items"]["required"][-1] == "done"
