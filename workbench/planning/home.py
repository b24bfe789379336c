"""The plans section of the home page: my plan of the month, my team's published plans, the plans waiting for my
review. web.views reads it (web sits above planning)."""

from dataclasses import dataclass
from datetime import date

from workbench.accounts.access import Action, may_own_customers, restrict, staff_of
from workbench.lib.periods import first_of_month
from workbench.planning.models import MonthlyPlan, PlanVersion
from workbench.planning.queries import month_plan_deadline, team_plans_for


@dataclass(frozen=True)
class HomePlans:
    """What the home page shows of 计划 for one user."""

    month: date
    writes_monthly_plan: bool
    my_plan: MonthlyPlan | None
    my_version: PlanVersion | None
    deadline: date
    team_plans: list
    waiting_for_me: int


def home_plans(user, today: date) -> HomePlans:
    """The current plans of the user: his own (a customer manager), his team's, those waiting for his review."""
    month = first_of_month(today)
    staff = staff_of(user)
    writes = staff is not None and may_own_customers(staff.role)
    plan = MonthlyPlan.objects.filter(owner=staff, month=month).select_related("in_force").first() if writes else None
    waiting = restrict(PlanVersion.objects.waiting(), user, Action.APPROVE).count() if staff else 0
    return HomePlans(
        month=month,
        writes_monthly_plan=writes,
        my_plan=plan,
        my_version=plan.latest_version() if plan else None,
        deadline=month_plan_deadline(month),
        team_plans=list(team_plans_for(user, month)),
        waiting_for_me=waiting,
    )
