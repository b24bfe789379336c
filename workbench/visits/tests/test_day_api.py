"""GET /api/v1/visits/day (docs/api.md "Visits"): the day as visited, the day page's numbers for the phone."""

from datetime import date

import pytest
from django.utils import translation

from workbench import testing
from workbench.visits.models import VisitMode
from workbench.visits.tests.builders import committed_plan, make_visit

DAY = date(2026, 12, 1)
URL = "/api/v1/visits/day?date=2026-12-01"


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def the_day_after(time_machine):
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)


@pytest.fixture
def cm_day(customer_manager, customers):
    """CM1's committed plan with C001 (done 09:00–09:30) and C002 (missed) on DAY, and an unplanned phone visit."""
    c1, c2 = customers["c1"], customers["c2"]
    c1.lat, c1.lng, c1.phone = 0, 1, "025-1"
    c1.save()
    planned = committed_plan(customer_manager, date(2026, 12, 1), [(c1, DAY), (c2, DAY)])
    done = make_visit(customer_manager, c1, DAY, "09:00", "09:30", planned=planned["C001"])
    by_phone = make_visit(customer_manager, c2, DAY, "15:00", "15:05", mode=VisitMode.PHONE)
    return {"planned": planned, "done": done, "by_phone": by_phone}


test_day_api_access = testing.view_matrix(
    lambda cm_day: URL + "&staff=CM1",
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
)


def test_the_day_as_the_phone_reads_it(client, customer_manager, customers, cm_day):
    # when CM1's phone asks for DAY
    testing.login(client, customer_manager)
    answer = client.get(URL).json()

    # then the counts, the hours of the field visit and each planned visit with its state, in route order
    planned = cm_day["planned"]
    other = answer.pop("other_visits")
    assert answer == {
        "date": "2026-12-01",
        "staff": "CM1",
        "has_plan": True,
        "done": 1,
        "missed": 1,
        "pending": 0,
        "unplanned": 1,
        "hours": 0.5,
        "hours_norm": 5.0,
        "planned": [
            {
                "number": 1,
                "planned_visit": planned["C001"].pk,
                "customer": customers["c1"].pk,
                "customer_code": "C001",
                "customer_name": customers["c1"].name,
                "address": customers["c1"].address,
                "phone": "025-1",
                "lat": 0.0,
                "lng": 1.0,
                "state": "done",
                "visit": cm_day["done"].pk,
            },
            {
                "number": 2,
                "planned_visit": planned["C002"].pk,
                "customer": customers["c2"].pk,
                "customer_code": "C002",
                "customer_name": customers["c2"].name,
                "address": customers["c2"].address,
                "phone": customers["c2"].phone,
                "lat": None,
                "lng": None,
                "state": "missed",
                "visit": None,
            },
        ],
    }
    assert [(visit["id"], visit["mode"], visit["planned"], visit["requests"]) for visit in other] == [
        (cm_day["by_phone"].pk, "phone", False, 0)
    ]


def test_a_bad_date_names_the_field(client, customer_manager):
    testing.login(client, customer_manager)
    response = client.get("/api/v1/visits/day?date=2026-13-01")
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "date"
