"""The day's route page: who sees whose day, the order and the figures it shows, without tiles and with GCJ-02 tiles."""

import json
import math
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from workbench import testing
from workbench.visitplans import routing
from workbench.visitplans.geo import EARTH_RADIUS_KM, wgs84_to_gcj02
from workbench.visitplans.models import Office, PlannedVisit, VisitPlan, VisitPlanState
from workbench.visitplans.route_views import day_route

DAY = date(2026, 12, 1)  # a Tuesday
DEGREE_KM = EARTH_RADIUS_KM * math.pi / 180
URL = reverse("route:route_day")


@pytest.fixture
def day_plan(customer_manager, customers):
    """CM1's committed plan of December 2026: on DAY, four shops of his on the equator, listed out of route order
    (C001 at 2°, C002 at 1°, C005 at 3°, C006 without coordinates); T1's office at 0°. C001 has an order day and
    a phone; one visit on the next day."""
    c1, c2 = customers["c1"], customers["c2"]
    c1.lat, c1.lng, c1.phone, c1.order_weekday, c1.address = 0, 2, "025-8888 0001", 2, "玄武区中山路1号"
    c1.save()
    c2.lat, c2.lng = 0, 1
    c2.save()
    c5 = testing.make_customer("C005", customer_manager, name="钟山便利店", lat=0, lng=3)
    c6 = testing.make_customer("C006", customer_manager, name="无坐标小店")
    Office.objects.create(unit=customer_manager.org_unit, name="玄武市场部", lat=0, lng=0)
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 12, 1), state=VisitPlanState.COMMITTED)
    for customer in (c1, c6, c2, c5):
        PlannedVisit.objects.create(plan=plan, customer=customer, day=DAY)
    PlannedVisit.objects.create(plan=plan, customer=c2, day=date(2026, 12, 2))
    return plan


def day_url(**query) -> str:
    return URL + "?" + "&".join(f"{key}={value}" for key, value in {"date": DAY.isoformat(), **query}.items())


test_own_route_access = testing.view_matrix(
    lambda day_plan: day_url(),
    {
        "customer_manager": 200,  # his own day
        "colleague": 200,  # his own day: empty
        "market_manager": 200,  # the picker of his team's customer managers
        "outsider": 200,
        "leader": 200,
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)

test_team_member_route_access = testing.view_matrix(
    lambda day_plan: day_url(staff="CM1"),
    {
        "customer_manager": 200,  # his own
        "colleague": 404,  # same team, not his plan
        "market_manager": 200,  # his team member's
        "outsider": 404,
        "leader": 200,  # CM1 is below his unit (VisitPlan.access_rule: seen like the customer manager)
        "brand_manager": 200,
        "admin_staff": 200,
        "anonymous": 302,
    },
)


def test_an_unknown_staff_code_is_not_found(client, day_plan, admin_staff):
    # given the admin, who sees everyone
    testing.login(client, admin_staff)

    # when he asks for the route of a code nobody has
    # then there is no such page
    assert client.get(day_url(staff="NOBODY")).status_code == 404


test_route_post_access = testing.view_matrix(
    lambda day_plan: day_url(),
    {
        "customer_manager": 405,
        "colleague": 405,
        "market_manager": 405,
        "outsider": 405,
        "leader": 405,
        "brand_manager": 405,
        "admin_staff": 405,
        "anonymous": 302,
    },
    method="post",
    snapshot=testing.rows(PlannedVisit, VisitPlan),
)


def test_the_day_in_route_order_with_its_figures(client, customer_manager, day_plan):
    # given CM1's day of four shops (one without coordinates) and T1's office
    testing.login(client, customer_manager)
    client.cookies.load({"django_language": "en"})

    # when he opens his route of that day
    response = client.get(day_url())

    # then the shops come in route order from the office: 1°, 2°, 3°, then the one without coordinates
    assert response.status_code == 200
    route = response.context["route"]
    assert [stop.customer.code for stop in route.stops] == ["C002", "C001", "C005", "C006"]
    assert [stop.number for stop in route.stops] == [1, 2, 3, 4]
    assert [stop.km_from_previous for stop in route.stops] == pytest.approx([DEGREE_KM] * 3 + [None])
    # and the day is 3° long (333.6 km), four visits of 8 minutes plus 333.6 km at 15 km/h: 22.77 hours
    assert route.km == pytest.approx(3 * DEGREE_KM)
    assert route.hours == pytest.approx(4 * 8 / 60 + 3 * DEGREE_KM / 15)
    assert route.unlocated == 1
    page = response.content.decode()
    assert '<dd class="route-km">333.6 km</dd>' in page
    assert '<dd class="route-hours is-over">22.8 h of 5 h</dd>' in page


def test_the_page_order_is_the_solver_order(client, customer_manager, day_plan):
    # given CM1's day
    testing.login(client, customer_manager)
    visits = PlannedVisit.objects.filter(plan=day_plan, day=DAY).select_related("customer").order_by("id")
    stops = [(visit.customer_id, visit.customer.lat, visit.customer.lng) for visit in visits]

    # when the page is shown
    response = client.get(day_url())

    # then its order is routing.order_stops' from the office, and its km routing.route_km's
    order = routing.order_stops((0.0, 0.0), stops)
    assert [stop.customer.pk for stop in response.context["route"].stops] == order
    assert response.context["route"].km == routing.route_km((0.0, 0.0), stops)


def test_the_list_shows_phone_order_day_address_and_distance(client, customer_manager, day_plan):
    # given CM1's day, in English
    testing.login(client, customer_manager)
    client.cookies.load({"django_language": "en"})

    # when he opens it
    page = client.get(day_url()).content.decode()

    # then C001 (second on the route) shows a tap-to-call link, its order day, its address and its leg
    assert 'href="tel:025-8888 0001"' in page
    assert "Order day: Tuesday" in page
    assert "玄武区中山路1号" in page
    assert "+111.2 km" in page
    # and the shop without coordinates is announced
    assert "One customer has no coordinates: he is listed last, without a distance." in page


def test_the_map_data_island(client, customer_manager, day_plan, settings):
    # given no tiles configured
    settings.WORKBENCH_MAP_TILE_URL = ""
    testing.login(client, customer_manager)

    # when the page is shown
    response = client.get(day_url())

    # then the map's data is a JSON island (not executed: the CSP holds) with the office and the three placed
    # stops, numbered in route order, and no tiles
    data = response.context["map"]
    assert data["tiles"] == ""
    assert data["start"] == {"name": "玄武市场部", "at": [0.0, 0.0]}
    assert data["stops"] == [
        {"number": 1, "name": "长江便利店", "at": [0.0, 1.0]},
        {"number": 2, "name": "玄武食杂店", "at": [0.0, 2.0]},
        {"number": 3, "name": "钟山便利店", "at": [0.0, 3.0]},
    ]
    page = response.content.decode()
    assert '<script id="route-data" type="application/json">' in page
    assert json.loads(page.split('<script id="route-data" type="application/json">')[1].split("</script>")[0]) == {
        **data,
        "labels": {key: str(value) for key, value in data["labels"].items()},
    }
    assert "<script>" not in page
    assert " style=" not in page


def test_gcj02_tiles_get_converted_points_and_the_distances_stay_wgs84(client, customer_manager, day_plan, settings):
    # given GCJ-02 tiles and a day in Nanjing
    settings.WORKBENCH_MAP_TILE_URL = "https://tiles.example/{z}/{x}/{y}.png"
    settings.WORKBENCH_MAP_TILE_DATUM = "gcj02"
    Office.objects.filter(unit=customer_manager.org_unit).update(lat=Decimal("32.0416"), lng=Decimal("118.7784"))
    PlannedVisit.objects.filter(plan=day_plan, day=DAY).exclude(customer__code="C002").delete()
    day_plan.staff.customers.filter(code="C002").update(lat=Decimal("32.0603"), lng=Decimal("118.7969"))
    testing.login(client, customer_manager)

    # when the page is shown
    response = client.get(day_url())

    # then the map draws the converted points, and the km are the WGS-84 great-circle distance
    data = response.context["map"]
    assert data["start"]["at"] == list(wgs84_to_gcj02(32.0416, 118.7784))
    assert data["stops"][0]["at"] == list(wgs84_to_gcj02(32.0603, 118.7969))
    assert response.context["route"].km == pytest.approx(routing.path_km((32.0416, 118.7784), [(1, 32.0603, 118.7969)]))


def test_a_market_manager_sees_his_team_members_day(client, market_manager, day_plan):
    # given MM1, who leads CM1's team
    testing.login(client, market_manager)

    # when he opens CM1's route of the day
    response = client.get(day_url(staff="CM1"))

    # then he sees the same four stops, and may pick another of his team
    assert [stop.customer.code for stop in response.context["route"].stops] == ["C002", "C001", "C005", "C006"]
    assert [staff.code for staff in response.context["choices"]] == ["CM1", "CM2"]
    # and the day links keep CM1
    assert 'href="?date=2026-11-30&amp;staff=CM1"' in response.content.decode()
    assert 'href="?date=2026-12-02&amp;staff=CM1"' in response.content.decode()


def test_a_market_manager_without_a_pick_gets_the_picker(client, market_manager, day_plan):
    testing.login(client, market_manager)
    response = client.get(day_url())
    assert response.context["staff"] is None
    assert [staff.code for staff in response.context["choices"]] == ["CM1", "CM2"]
    assert "route" not in response.context


def test_the_next_day_and_an_empty_day(client, customer_manager, day_plan):
    testing.login(client, customer_manager)
    client.cookies.load({"django_language": "en"})

    # the next day has one visit, from the office: 1°
    response = client.get(day_url(date="2026-12-02"))
    assert [stop.customer.code for stop in response.context["route"].stops] == ["C002"]

    # a day with no visit says so
    response = client.get(day_url(date="2026-12-03"))
    assert response.context["route"].stops == []
    assert "No visits planned on this day." in response.content.decode()

    # a month without a plan says so
    response = client.get(day_url(date="2027-01-04"))
    assert "No visit plan for this month." in response.content.decode()


def test_no_coordinates_at_all_is_a_list_without_a_map(client, customer_manager, day_plan):
    # given a day whose shops have no coordinates
    day_plan.staff.customers.update(lat=None, lng=None)
    testing.login(client, customer_manager)
    client.cookies.load({"django_language": "en"})

    # when the page is shown
    page = client.get(day_url()).content.decode()

    # then there is a message, the list in the plan's order and no map
    assert "customers has coordinates: there is no map, and the list keeps the plan" in page
    assert [page.index(name) for name in ("玄武食杂店", "无坐标小店", "长江便利店", "钟山便利店")] == sorted(
        page.index(name) for name in ("玄武食杂店", "无坐标小店", "长江便利店", "钟山便利店")
    )
    assert 'id="route-map"' not in page
    assert "leaflet.js" not in page


def test_without_an_office_the_first_customer_starts(customer_manager, customers):
    # given three shops and no office
    c1, c2 = customers["c1"], customers["c2"]
    c1.lat, c1.lng = 0, 2
    c2.lat, c2.lng = 0, 0
    c3 = testing.make_customer("C007", customer_manager, lat=0, lng=1)

    # when routed
    route = day_route([c1, c2, c3], None)

    # then the first stays first, with no leg, and the rest follows: 2° in all
    assert [stop.customer.code for stop in route.stops] == ["C001", "C007", "C002"]
    assert [stop.km_from_previous for stop in route.stops] == pytest.approx([None, DEGREE_KM, DEGREE_KM])
    assert route.km == pytest.approx(2 * DEGREE_KM)


def test_the_page_reads_a_fixed_number_of_queries(client, customer_manager, day_plan, django_assert_num_queries):
    # given CM1 logged in
    testing.login(client, customer_manager)

    # then his day costs the same queries whatever its length: session, user, staff, the picker's staff, the
    # plan, its visits with their customers, the office
    with django_assert_num_queries(7):
        client.get(day_url())
