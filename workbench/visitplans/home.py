"""The day on the home page (issue 11 §5): a customer manager's visits of today, the customers whose order day is
today, and this week's plan tasks. web.views reads it (web sits above visitplans)."""

from dataclasses import dataclass, field
from datetime import date

from django.utils.dates import WEEKDAYS

from workbench.accounts.access import Action, may_own_customers, restrict, staff_of, writes_team_plans
from workbench.customers.contact import tel_url
from workbench.customers.models import Customer
from workbench.lib.periods import first_of_month, week_of
from workbench.planning.models import MonthlyPlan, PlanItem
from workbench.visitplans import routing
from workbench.visitplans.models import VisitPlan
from workbench.visitplans.month import TeamRow, route_start, team_visit_plans

# The home page's lists show this many customers, then link to the rest (the day's route page, the customer list).
ORDER_DAY_SHOWN = 8
VISITS_SHOWN = 5


@dataclass(frozen=True)
class Stop:
    """A customer on the home page's day: the shop, its tap-to-call link, its order day in words."""

    customer: Customer
    tel: str | None
    order_day: str


def stop(customer: Customer) -> Stop:
    weekday = customer.order_weekday
    return Stop(customer, tel_url(customer.phone), str(WEEKDAYS[weekday - 1]) if weekday else "—")


@dataclass(frozen=True)
class HomeDay:
    """What the home page shows of the user's day."""

    today: date
    is_field_staff: bool
    visit_plan: VisitPlan | None = None
    visits: list[Stop] = field(default_factory=list)  # the first VISITS_SHOWN of the day's route
    visit_count: int = 0
    order_day_customers: list[Stop] = field(default_factory=list)
    order_day_count: int = 0
    week_items: list[PlanItem] = field(default_factory=list)
    # A market manager's team: each customer manager's visit plan of the month, who is late.
    team_visit_plans: list[TeamRow] = field(default_factory=list)

    @property
    def late_team_members(self) -> list[TeamRow]:
        return [row for row in self.team_visit_plans if row.is_late]


def home_day(user, today: date) -> HomeDay:
    """The user's day; for a market manager, his team's visit plans of the month instead."""
    staff = staff_of(user)
    if staff is None:
        return HomeDay(today=today, is_field_staff=False)
    if not may_own_customers(staff.role):
        team = team_visit_plans(user, today, today) if writes_team_plans(staff.role) else []
        return HomeDay(today=today, is_field_staff=False, team_visit_plans=team)
    plan = restrict(VisitPlan.objects.filter(staff=staff, month=first_of_month(today)), user, Action.VIEW).first()
    visits: list[Customer] = []
    if plan is not None:
        visits = [visit.customer for visit in plan.visits.filter(day=today).select_related("customer")]
    # In the order of the day's route (the route page's), from his team's office.
    by_id = {customer.pk: customer for customer in visits}
    order = routing.order_stops(route_start(staff), [(c.pk, c.lat, c.lng) for c in visits]) if visits else []
    customers = restrict(Customer.objects.in_business(today, today), user, Action.VIEW)
    order_day = customers.filter(order_weekday=today.isoweekday()).order_by("route", "code")
    return HomeDay(
        today=today,
        is_field_staff=True,
        visit_plan=plan,
        visits=[stop(by_id[customer_id]) for customer_id in order[:VISITS_SHOWN]],
        visit_count=len(visits),
        order_day_customers=[stop(customer) for customer in order_day[:ORDER_DAY_SHOWN]],
        order_day_count=order_day.count(),
        week_items=week_items(user, staff, today),
    )


def week_items(user, staff, today: date) -> list[PlanItem]:
    """This week's tasks of his monthly plan (the version that guides the work), by day."""
    monthly = restrict(MonthlyPlan.objects.filter(owner=staff, month=first_of_month(today)), user, Action.VIEW)
    plan = monthly.select_related("in_force").first()
    if plan is None:
        return []
    week = week_of(today)
    items = plan.working_version().items.filter(week_start=week.start).select_related("customer", "customer_set")
    return list(items.order_by("day", "line"))
