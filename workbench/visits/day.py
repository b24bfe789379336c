"""A customer manager's day as visited (docs/definitions.md#visit-day): the planned visits of his committed visit
plan in the order of the day's route, each done, missed or pending, the visits outside the plan, and the hours
visited against the norm.

One code path per number: the day page (`visits:day`), the home page and `GET /api/v1/visits/day` read `visit_day`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.conf import settings
from django.utils.translation import pgettext_lazy

from workbench.accounts.access import Action
from workbench.accounts.models import Staff
from workbench.customers.contact import tel_url
from workbench.visitplans import routing
from workbench.visitplans.home import HomeDay, Stop
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visitplans.month import route_start
from workbench.visits.models import Visit, VisitMode


class VisitState(StrEnum):
    """Where a planned visit of the day stands."""

    DONE = "done"  # a visit ticked it (on its day or later in the same ISO week)
    MISSED = "missed"  # its day is past and no visit ticked it
    PENDING = "pending"  # its day is today or later and no visit ticked it yet


STATE_LABELS = {
    VisitState.DONE: pgettext_lazy("visit state", "Done"),  # 已拜访
    VisitState.MISSED: pgettext_lazy("visit state", "Missed"),  # 未拜访
    VisitState.PENDING: pgettext_lazy("visit state", "Pending"),  # 待拜访
}


@dataclass(frozen=True)
class DayStop:
    """One planned visit of the day: its number on the route, the customer, its state and the visit that ticked it."""

    number: int
    planned: PlannedVisit
    state: VisitState
    visit: Visit | None

    @property
    def customer(self):
        return self.planned.customer

    @property
    def tel(self) -> str | None:
        return tel_url(self.planned.customer.phone)

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass
class VisitDay:
    """What the day page shows of one customer manager's day."""

    staff: Staff
    day: date
    today: date
    plan: VisitPlan | None  # his committed visit plan of the month, None without one
    stops: list[DayStop] = field(default_factory=list)
    # The day's visits that tick none of the day's planned visits (unplanned ones, and those that ticked a planned
    # visit of another day of the week), by start time.
    other_visits: list[Visit] = field(default_factory=list)
    hours: float = 0.0  # Σ (end − start) of the day's field (实地) visits, in hours

    @property
    def hours_norm(self) -> float:
        return settings.WORKBENCH_VISIT_HOURS_NORM

    @property
    def below_norm(self) -> bool:
        return self.hours < self.hours_norm

    def count(self, state: VisitState) -> int:
        return sum(stop.state == state for stop in self.stops)

    @property
    def done(self) -> int:
        return self.count(VisitState.DONE)

    @property
    def missed(self) -> int:
        return self.count(VisitState.MISSED)

    @property
    def pending(self) -> int:
        return self.count(VisitState.PENDING)

    @property
    def unplanned(self) -> int:
        """The day's visits that tick no planned visit at all."""
        return sum(visit.planned_visit_id is None for visit in self.other_visits)

    @property
    def visits(self) -> int:
        """Every visit recorded on the day."""
        return sum(stop.visit is not None and stop.visit.visited_on == self.day for stop in self.stops) + len(
            self.other_visits
        )


def planned_state(ticked: bool, day: date, today: date) -> VisitState:
    """A planned visit of `day` seen on `today`: done once a visit ticked it, else missed when the day is past."""
    if ticked:
        return VisitState.DONE
    return VisitState.MISSED if day < today else VisitState.PENDING


def field_hours(visits: Sequence[Visit]) -> float:
    """Σ (end − start) of the in-person (实地) visits, in hours (visit_hours_per_day for one day,
    docs/definitions.md#visit-day)."""
    return sum(visit.minutes for visit in visits if visit.mode == VisitMode.FIELD) / 60


def committed_plan(user, staff: Staff, day: date) -> VisitPlan | None:
    """His committed visit plan of the day's month, if the user may see it (VisitPlan.access_rule)."""
    plans = VisitPlan.objects.restrict(user, Action.VIEW).filter(
        staff=staff, month=day.replace(day=1), state=VisitPlanState.COMMITTED
    )
    return plans.first()


def visit_day(user, staff: Staff, day: date, today: date) -> VisitDay:
    """The customer manager's day (`staff`, one the user may see): planned visits in route order with their states,
    the other visits of the day, the field hours. Every read starts from the user's scope."""
    plan = committed_plan(user, staff, day)
    planned = list(
        PlannedVisit.objects.filter(plan=plan, day=day).select_related("customer").order_by("id")
        if plan is not None
        else []
    )
    # In the order of the day's route (the route page's and the home page's), from his team's office.
    by_customer = {visit.customer_id: visit for visit in planned}
    order = routing.order_stops(
        route_start(staff), [(visit.customer_id, visit.customer.lat, visit.customer.lng) for visit in planned]
    )
    visits = Visit.objects.restrict(user, Action.VIEW).filter(staff=staff)
    ticking = {
        visit.planned_visit_id: visit
        for visit in visits.filter(planned_visit__in=[visit.pk for visit in planned]).order_by("visited_on", "id")
    }
    day_visits = list(
        visits.filter(visited_on=day)
        .select_related("staff", "customer", "planned_visit")
        .with_request_count()
        .order_by("start_time", "id")
    )
    stops = []
    for number, customer_id in enumerate(order, start=1):
        planned_visit = by_customer[customer_id]
        ticked = ticking.get(planned_visit.pk)
        stops.append(DayStop(number, planned_visit, planned_state(ticked is not None, day, today), ticked))
    planned_ids = {visit.pk for visit in planned}
    return VisitDay(
        staff=staff,
        day=day,
        today=today,
        plan=plan,
        stops=stops,
        other_visits=[visit for visit in day_visits if visit.planned_visit_id not in planned_ids],
        hours=field_hours(day_visits),
    )


@dataclass(frozen=True)
class HomeVisit:
    """One of today's visits on the home page (visitplans.home's stop), with its planned visit and its state."""

    stop: Stop
    planned_id: int | None
    visit: Visit | None

    @property
    def state(self) -> VisitState:
        return VisitState.DONE if self.visit is not None else VisitState.PENDING

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


def home_visits(user, home: HomeDay) -> list[HomeVisit]:
    """The home page's visits of today (visitplans.home.home_day, in route order), each done or pending, with the
    planned visit the form link names (two queries; none on a day without visits)."""
    if not home.visits or home.visit_plan is None:
        return []
    customer_ids = [stop.customer.pk for stop in home.visits]
    planned = dict(
        PlannedVisit.objects.filter(plan=home.visit_plan, day=home.today, customer__in=customer_ids).values_list(
            "customer_id", "pk"
        )
    )
    ticks = {
        visit.planned_visit_id: visit
        for visit in Visit.objects.restrict(user, Action.VIEW).filter(planned_visit__in=list(planned.values()))
    }
    found = []
    for stop in home.visits:
        planned_id = planned.get(stop.customer.pk)
        found.append(HomeVisit(stop, planned_id, ticks.get(planned_id) if planned_id is not None else None))
    return found
