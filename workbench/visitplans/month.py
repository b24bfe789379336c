"""Reads of the visit plan pages: a month's calendar with each day's visits and estimated hours, and the team's
visit plans at a glance (docs/definitions.md#visit-plans).

One code path per number: the pages, the Excel copies and the JSON API all read these functions.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.conf import settings
from django.utils import timezone

from workbench.accounts.access import restrict, visible_staff
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import Period, first_of_month, is_working_day, last_of_month, weeks_of_month, working_days
from workbench.visitplans import routing
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.lastvisits import last_visits
from workbench.visitplans.models import Office, PlannedVisit, VisitPlan, VisitPlanState


def route_start(staff: Staff) -> tuple[float, float] | None:
    """Where his day's route starts: his team's office, if an admin entered it (else the first customer)."""
    office = Office.objects.filter(unit_id=staff.org_unit_id).first()
    return (float(office.lat), float(office.lng)) if office is not None else None


def day_travel_km(start: tuple[float, float] | None, visits: list[PlannedVisit]) -> float:
    """The length of the day's route through its customers from the team's office (or the first customer): the
    route the route page shows (routing.route_km, docs/definitions.md#day-route)."""
    return routing.route_km(start, [(visit.customer_id, visit.customer.lat, visit.customer.lng) for visit in visits])


@dataclass
class PlanDay:
    """One day of the month's calendar: its visits, their count and the day's estimated hours."""

    day: date
    is_working_day: bool
    visits: list[PlannedVisit] = field(default_factory=list)
    travel_km: float = 0.0

    @property
    def count(self) -> int:
        return len(self.visits)

    @property
    def hours(self) -> float:
        return routing.day_hours(self.count, self.travel_km)

    @property
    def over_norm(self) -> bool:
        """More hours than the norm of a working day (WORKBENCH_VISIT_HOURS_NORM, 5 h)."""
        return self.hours > settings.WORKBENCH_VISIT_HOURS_NORM


def plan_visits(plan: VisitPlan):
    """The plan's visits with their customers, by day."""
    return plan.visits.select_related("customer").order_by("day", "customer__route", "customer__code")


def plan_days(plan: VisitPlan | None, month: date) -> list[PlanDay]:
    """Every working day of the month, and any other day holding a visit, with its visits (2 queries)."""
    month = first_of_month(month)
    days = {day: PlanDay(day, True) for day in working_days(Period(month, last_of_month(month)))}
    if plan is not None:
        for visit in plan_visits(plan):
            if visit.day not in days:
                days[visit.day] = PlanDay(visit.day, is_working_day(visit.day))
            days[visit.day].visits.append(visit)
        start = route_start(plan.staff)
        for plan_day in days.values():
            if plan_day.visits:
                plan_day.travel_km = day_travel_km(start, plan_day.visits)
    return [days[day] for day in sorted(days)]


@dataclass(frozen=True)
class CalendarCell:
    """One cell of the desktop's month grid: a day, whether it is in the month, and its PlanDay (None: a day off
    without visits)."""

    day: date
    in_month: bool
    plan_day: PlanDay | None


def calendar_weeks(days: list[PlanDay], month: date) -> list[list[CalendarCell]]:
    """The month as weeks of seven cells, Monday first (the desktop's month grid; the phone shows the PlanDays
    alone, one card a day)."""
    by_day = {plan_day.day: plan_day for plan_day in days}
    weeks = []
    for week in weeks_of_month(month):
        cells = []
        for offset in range(7):
            day = week.start + timedelta(days=offset)
            in_month = first_of_month(day) == first_of_month(month)
            cells.append(CalendarCell(day, in_month, by_day.get(day) if in_month else None))
        weeks.append(cells)
    return weeks


def visit_plan_deadline(month: date) -> date:
    """The day the month's visit plan is due: the Nth working day from the end of the month before
    (WORKBENCH_VISIT_PLAN_DEADLINE_WORKING_DAYS_BEFORE, 1 = its last working day; see
    docs/definitions.md#visit-plan-deadline)."""
    before = first_of_month(month) - timedelta(days=1)
    days = working_days(Period(first_of_month(before), before))
    rank = settings.WORKBENCH_VISIT_PLAN_DEADLINE_WORKING_DAYS_BEFORE
    return days[-rank] if len(days) >= rank else first_of_month(before)


def is_late(plan: VisitPlan | None, month: date, today: date) -> bool:
    """Late: committed after the deadline day, or not committed and the deadline day is over."""
    deadline = visit_plan_deadline(month)
    if plan is not None and plan.committed_at is not None:
        return timezone.localtime(plan.committed_at).date() > deadline
    return today > deadline


@dataclass(frozen=True)
class TeamRow:
    """One customer manager's visit plan of the month, at a glance (the team page's row)."""

    staff: Staff
    plan: VisitPlan | None
    state: str  # "none", "draft" or "committed"
    visits: int
    customers: int  # his customers in business in the month
    customers_covered: int  # of them, those whose planned visits keep within their visit cycle (is_covered)
    is_late: bool


def is_covered(cycle: int, previous: date, last_day: date, days: list[date]) -> bool:
    """Whether a customer's visits of the month keep within his cycle: from `previous` (his last visit before the
    month, or the day before his first day in business of the month when he has none), each next visit falls within
    one cycle of the one before, until the due day passes `last_day` (his last day in business of the month)."""
    visits = sorted(days)
    while previous + timedelta(days=cycle) <= last_day:
        due = previous + timedelta(days=cycle)
        within = [day for day in visits if previous < day <= due]
        if not within:
            return False
        previous = within[-1]
    return True


def team_visit_plans(user, month: date, today: date, *, staff: Staff | None = None) -> list[TeamRow]:
    """The visit plan of every active customer manager the user sees (or of `staff` alone), for `month` (seven
    queries, whatever the team's size)."""
    month = first_of_month(month)
    end = last_of_month(month)
    managers_seen = visible_staff(user, Staff.objects.customer_managers()).filter(is_active=True)
    if staff is not None:
        managers_seen = managers_seen.filter(pk=staff.pk)
    managers = list(managers_seen.order_by("code"))
    plans = {
        plan.staff_id: plan for plan in restrict(VisitPlan.objects.filter(month=month), user).filter(staff__in=managers)
    }
    in_business = list(
        Customer.objects.in_business(month, end)
        .filter(manager__in=managers)
        .values_list("pk", "manager_id", "opened_on", "closed_on")
    )
    ids = [row[0] for row in in_business]
    cycles = cycle_days(ids)
    last = last_visits(ids, month)
    planned: dict[int, dict[int, list[date]]] = {}
    for plan_id, customer_id, day in PlannedVisit.objects.filter(plan__in=plans.values()).values_list(
        "plan_id", "customer_id", "day"
    ):
        planned.setdefault(plan_id, {}).setdefault(customer_id, []).append(day)
    customers: dict[int, int] = {}
    covered: dict[int, int] = {}
    for customer_id, manager_id, opened_on, closed_on in in_business:
        customers[manager_id] = customers.get(manager_id, 0) + 1
        plan = plans.get(manager_id)
        days = planned.get(plan.pk, {}).get(customer_id, []) if plan else []
        previous = last.get(customer_id) or max(opened_on, month) - timedelta(days=1)
        last_day = min(closed_on, end) if closed_on else end
        if is_covered(cycles[customer_id], previous, last_day, days):
            covered[manager_id] = covered.get(manager_id, 0) + 1
    rows = []
    for manager in managers:
        plan = plans.get(manager.pk)
        rows.append(
            TeamRow(
                staff=manager,
                plan=plan,
                state=plan.state if plan else STATE_NONE,
                visits=sum(len(days) for days in planned.get(plan.pk, {}).values()) if plan else 0,
                customers=customers.get(manager.pk, 0),
                customers_covered=covered.get(manager.pk, 0),
                is_late=is_late(plan, month, today),
            )
        )
    return rows


STATE_NONE = "none"
PLAN_STATES = (STATE_NONE, VisitPlanState.DRAFT, VisitPlanState.COMMITTED)
