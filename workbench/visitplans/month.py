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
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState


def day_hours(visit_count: int, travel_km: float) -> float:
    """A day's estimated hours: visits × WORKBENCH_VISIT_MINUTES, plus the route's km ÷ WORKBENCH_TRAVEL_KMH."""
    return visit_count * settings.WORKBENCH_VISIT_MINUTES / 60 + travel_km / settings.WORKBENCH_TRAVEL_KMH


def day_travel_km(plan: VisitPlan, visits: list[PlannedVisit]) -> float:
    """The length of the day's route through its customers, from the team's office (or the first customer).

    TODO(lead): wire `routing.path_km(start, stops)` of the route helper (visitplans/routing.py) once it is merged:
    until then travel counts 0 km, so a day's hours are its visits' minutes alone.
    """
    return 0.0


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
        return day_hours(self.count, self.travel_km)

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
        for plan_day in days.values():
            if plan_day.visits:
                plan_day.travel_km = day_travel_km(plan, plan_day.visits)
    return [days[day] for day in sorted(days)]


def calendar_weeks(days: list[PlanDay], month: date) -> list[list[PlanDay | date | None]]:
    """The month as weeks of seven cells, Monday first: a PlanDay, a day off of the month (its date), or None for a
    day of another month (the desktop's month grid; the phone shows the PlanDays alone)."""
    by_day = {plan_day.day: plan_day for plan_day in days}
    weeks = []
    for week in weeks_of_month(month):
        cells: list[PlanDay | date | None] = []
        for offset in range(7):
            day = week.start + timedelta(days=offset)
            if first_of_month(day) != first_of_month(month):
                cells.append(None)
            else:
                cells.append(by_day.get(day, day))
        weeks.append(cells)
    return weeks


def visit_plan_deadline(month: date) -> date:
    """The day the month's visit plan is due: the Nth working day from the end of the month before
    (WORKBENCH_VISIT_PLAN_DEADLINE_WORKING_DAYS_BEFORE, 1 = its last working day; domain.md §7.1)."""
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
    customers_planned: int  # of them, those with at least one planned visit in the month
    is_late: bool


def team_visit_plans(user, month: date, today: date) -> list[TeamRow]:
    """The visit plan of every active customer manager the user sees, for `month` (4 queries)."""
    month = first_of_month(month)
    managers = list(visible_staff(user, Staff.objects.customer_managers()).filter(is_active=True).order_by("code"))
    plans = {
        plan.staff_id: plan for plan in restrict(VisitPlan.objects.filter(month=month), user).filter(staff__in=managers)
    }
    in_business = Customer.objects.in_business(month, last_of_month(month)).filter(manager__in=managers)
    customers: dict[int, set[int]] = {}
    for customer_id, manager_id in in_business.values_list("pk", "manager_id"):
        customers.setdefault(manager_id, set()).add(customer_id)
    visits: dict[int, list[int]] = {}
    for plan_id, customer_id in PlannedVisit.objects.filter(plan__in=plans.values()).values_list(
        "plan_id", "customer_id"
    ):
        visits.setdefault(plan_id, []).append(customer_id)
    rows = []
    for manager in managers:
        plan = plans.get(manager.pk)
        planned = visits.get(plan.pk, []) if plan else []
        own = customers.get(manager.pk, set())
        rows.append(
            TeamRow(
                staff=manager,
                plan=plan,
                state=plan.state if plan else "none",
                visits=len(planned),
                customers=len(own),
                customers_planned=len(own & set(planned)),
                is_late=is_late(plan, month, today),
            )
        )
    return rows


STATE_NONE = "none"
PLAN_STATES = (STATE_NONE, VisitPlanState.DRAFT, VisitPlanState.COMMITTED)
