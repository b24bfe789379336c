"""The day's route (线路, docs/definitions.md#day-route): a customer manager's planned customers of one day in route
order, on a map and as a numbered list, with the day's kilometres and estimated hours.

`?date=YYYY-MM-DD` picks the day (today by default); `?staff=CODE` the customer manager, for those who may see his
visit plan (VisitPlan.access_rule: his market manager, and those above): anyone else gets a 404. Without `?staff`
a customer manager sees his own day, and anyone else picks a customer manager first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from workbench.accounts.access import Action, may_own_customers, staff_of
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.visitplans import routing
from workbench.visitplans.geo import wgs84_to_gcj02
from workbench.visitplans.models import Office, PlannedVisit, VisitPlan


@dataclass(frozen=True)
class RouteStop:
    """One customer of the day's route: his number on the route and the distance from the previous stop."""

    number: int
    customer: Customer
    km_from_previous: float | None  # None: no coordinates, or the first stop of a route with no office

    @property
    def order_day(self) -> str:
        """The customer's 访销日 (order day) by its name, "" when none is stored."""
        weekday = self.customer.order_weekday
        return str(WEEKDAYS[weekday - 1]) if weekday else ""

    @property
    def is_located(self) -> bool:
        return self.customer.lat is not None and self.customer.lng is not None


@dataclass(frozen=True)
class DayRoute:
    """The day's planned customers in route order from the start, with the day's length and estimated hours."""

    office: Office | None
    stops: list[RouteStop]
    km: float
    hours: float

    @property
    def unlocated(self) -> int:
        """How many of the day's customers have no coordinates (listed last, not on the map)."""
        return sum(not stop.is_located for stop in self.stops)


def coordinates(lat, lng) -> tuple[float, float] | None:
    return (float(lat), float(lng)) if lat is not None and lng is not None else None


def day_route(customers: list[Customer], office: Office | None) -> DayRoute:
    """The route of these customers from the office (or from the first of them with coordinates, without one)."""
    start = coordinates(office.lat, office.lng) if office is not None else None
    stops = [(customer.pk, customer.lat, customer.lng) for customer in customers]
    by_id = {customer.pk: customer for customer in customers}
    order = routing.order_stops(start, stops)
    ordered = [(customer_id, by_id[customer_id].lat, by_id[customer_id].lng) for customer_id in order]
    legs = routing.leg_km(start, ordered)
    km = routing.path_km(start, ordered)
    return DayRoute(
        office=office,
        stops=[
            RouteStop(number, by_id[customer_id], leg)
            for number, (customer_id, leg) in enumerate(zip(order, legs, strict=True), start=1)
        ],
        km=km,
        hours=routing.day_hours(len(customers), km),
    )


def map_data(route: DayRoute) -> dict:
    """What route.js draws (a json_script data island): the start, the numbered stops and the tiles, if any.
    Coordinates are converted to GCJ-02 for GCJ-02 tiles (display only: every distance is WGS-84)."""
    tiles = settings.WORKBENCH_MAP_TILE_URL
    convert = bool(tiles) and settings.WORKBENCH_MAP_TILE_DATUM == "gcj02"

    def shown(point: tuple[float, float]) -> list[float]:
        return list(wgs84_to_gcj02(*point)) if convert else list(point)

    start = None
    if route.office is not None:
        start = {"name": route.office.name, "at": shown((float(route.office.lat), float(route.office.lng)))}
    stops = []
    for stop in route.stops:
        point = coordinates(stop.customer.lat, stop.customer.lng)
        if point is not None:
            stops.append({"number": stop.number, "name": stop.customer.name, "at": shown(point)})
    return {
        "tiles": tiles,
        "start": start,
        "stops": stops,
        "labels": {"zoomIn": _("Zoom in"), "zoomOut": _("Zoom out"), "start": _("Start")},
    }


def parse_day(text: str | None, today: date) -> date:
    """The day asked for (YYYY-MM-DD), today when none or not a date."""
    try:
        return date.fromisoformat(text) if text else today
    except ValueError:
        return today


@login_required
@require_GET
def route_day(request):
    """The day's route of a customer manager (his own, or ?staff=CODE of one the user may see)."""
    today = timezone.localdate()
    day = parse_day(request.GET.get("date"), today)
    code = request.GET.get("staff", "")
    viewer = staff_of(request.user)
    if code:
        staff = get_object_or_404(Staff.objects.restrict(request.user, Action.VIEW), code=code)
    elif viewer is not None and may_own_customers(viewer.role):
        staff = viewer
    else:
        staff = None
    # Whom the user may pick: the customer managers whose visit plans he sees (only himself, for one of them).
    choices = list(Staff.objects.restrict(request.user, Action.VIEW).customer_managers().order_by("code"))
    context: dict[str, object] = {
        "day": day,
        "today": today,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "staff": staff,
        "staff_query": f"&staff={quote(staff.code)}" if code and staff is not None else "",
        "choices": choices if len(choices) > 1 or staff is None else [],
        "hours_norm": settings.WORKBENCH_VISIT_HOURS_NORM,
    }
    if staff is not None:
        # The plan is read through its own access rule (VisitPlan.access_rule), whatever the staff lookup above
        # let through: nothing of a plan the user may not see is ever shown.
        plan = (
            VisitPlan.objects.restrict(request.user, Action.VIEW).filter(staff=staff, month=day.replace(day=1)).first()
        )
        visits = PlannedVisit.objects.filter(plan=plan, day=day) if plan is not None else PlannedVisit.objects.none()
        customers = [visit.customer for visit in visits.select_related("customer").order_by("id")]
        route = day_route(customers, Office.objects.filter(unit_id=staff.org_unit_id).first())
        context.update({"plan": plan, "route": route, "map": map_data(route)})
    return render(request, "visitplans/route_day.html", context)
