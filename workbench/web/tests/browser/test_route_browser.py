"""In a browser, at desktop and at phone width, with no map tiles configured: a customer manager opens his day's
route and sees the points and the path on a plain background above the numbered list, without sideways scrolling
and without an accessibility fault (axe-core)."""

from datetime import date
from decimal import Decimal

import pytest

from workbench import testing
from workbench.visitplans.models import Office, PlannedVisit, VisitPlan, VisitPlanState

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DAY = date(2026, 12, 1)
# Five shops around Xinjiekou, Nanjing (WGS-84), in the plan's order.
SHOPS = [
    ("C101", "新街口烟酒店", "32.0450", "118.7850", "025-8000 0101"),
    ("C102", "中山东路便利店", "32.0405", "118.7800", "025-8000 0102"),
    ("C103", "洪武路超市", "32.0380", "118.7900", ""),
    ("C104", "长江路食杂店", "32.0480", "118.7920", "025-8000 0104"),
    ("C105", "太平南路商店", "32.0350", "118.7950", ""),
]


@pytest.fixture
def day_of_five(customer_manager, settings):
    """CM1's committed plan with five shops on DAY and T1's office at Xinjiekou; no tile server."""
    settings.WORKBENCH_MAP_TILE_URL = ""
    Office.objects.create(
        unit=customer_manager.org_unit, name="玄武市场部", lat=Decimal("32.0416"), lng=Decimal("118.7784")
    )
    plan = VisitPlan.objects.create(staff=customer_manager, month=DAY.replace(day=1), state=VisitPlanState.COMMITTED)
    for code, name, lat, lng, phone in SHOPS:
        customer = testing.make_customer(
            code, customer_manager, name=name, lat=Decimal(lat), lng=Decimal(lng), phone=phone, order_weekday=2
        )
        PlannedVisit.objects.create(plan=plan, customer=customer, day=DAY)
    return plan


def test_the_day_route_without_tiles(screen, customer_manager, day_of_five):  # noqa: F811
    # given CM1 logged in, no tile server configured
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens his route of the day
    screen.visit(f"/visit-plans/route/?date={DAY.isoformat()}")

    # then the map drew its five numbered points and the path from the office, with no tile layer
    page.locator('#route-map[data-drawn="5"]').wait_for()
    assert page.locator("#route-map .leaflet-tile-pane img").count() == 0
    markers = page.locator("#route-map .route-marker")
    assert markers.all_inner_texts() == ["1", "2", "3", "4", "5"]
    assert page.locator("#route-map path.route-path").count() == 1
    assert len(page.locator("#route-map path.route-path").get_attribute("d") or "") > 10
    assert page.locator("#route-map path.route-start-point").count() == 1
    box = page.locator("#route-map").bounding_box()
    for marker in markers.all():
        point = marker.bounding_box()
        assert box["x"] <= point["x"]
        assert point["x"] + point["width"] <= box["x"] + box["width"]
        assert box["y"] <= point["y"]
        assert point["y"] + point["height"] <= box["y"] + box["height"]

    # and the numbered list shows the five shops, each with its number, the phones as tap-to-call links
    assert page.locator(".route-stop .route-number").all_inner_texts() == ["1", "2", "3", "4", "5"]
    assert page.locator(".route-stop").first.is_visible()
    assert page.locator('.route-stop a[href^="tel:"]').count() == 3

    # and the page fits the screen, the day's km read at once
    screen.assert_fits("day-route")
    screen.assert_in_view(page.locator(".route-km"), "day route: km")
    screen.assert_in_view(page.locator(".route-hours"), "day route: hours")
    screen.screenshot("day-route")

    # and on paper the figures, the map and the list are printed, the menu and the buttons are not
    page.emulate_media(media="print")
    assert page.locator("#route-map").is_visible()
    assert page.locator(".route-km").is_visible()
    assert page.locator(".route-stop").nth(4).is_visible()
    assert not page.locator(".route-days").is_visible()
    assert not page.locator(".topbar").is_visible()
    assert not page.locator(".route-call").first.is_visible()
    page.emulate_media(media="screen")

    # when he goes to the next day (nothing planned)
    with page.expect_navigation():
        page.locator('.route-days a[rel="next"]').click()

    # then the page says so, without a map
    screen.assert_no_problems()
    assert screen.path() == "/visit-plans/route/?date=2026-12-02"
    assert page.locator("#route-map").count() == 0
