"""A market manager's team on one day (docs/definitions.md#team-visit-day): for each customer manager he sees, the
planned visits of the day done, missed or pending, the visits outside the plan and the hours visited in person.

The numbers are those of each one's day page (`visits.day.visit_day`, tested to agree), counted for the whole team
in two queries instead of one day page per customer manager.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q

from workbench.accounts.access import Action, visible_staff
from workbench.accounts.models import Staff
from workbench.lib.periods import is_working_day
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visits.day import VisitState, planned_state
from workbench.visits.models import Visit, VisitMode, visit_minutes


@dataclass(frozen=True)
class TeamDayRow:
    """One customer manager's day, at a glance."""

    staff: Staff
    planned: int
    done: int
    missed: int
    pending: int
    unplanned: int
    hours: float  # in-person (实地) visits' Σ (end − start)

    @property
    def below_norm(self) -> bool:
        return self.hours < settings.WORKBENCH_VISIT_HOURS_NORM


def team_day(user, day: date, today: date) -> list[TeamDayRow]:
    """The day of every active customer manager the user sees but himself, in code order (three queries)."""
    managers = list(
        visible_staff(user, Staff.objects.customer_managers())
        .filter(is_active=True)
        .exclude(user=user)
        .order_by("code")
    )
    if not managers:
        return []
    plans = VisitPlan.objects.restrict(user, Action.VIEW).filter(
        staff__in=managers, month=day.replace(day=1), state=VisitPlanState.COMMITTED
    )
    ticked = Exists(Visit.objects.filter(planned_visit=OuterRef("pk")))
    planned = {
        row["plan__staff"]: row
        for row in PlannedVisit.objects.filter(plan__in=plans, day=day)
        .annotate(ticked=ticked)
        .values("plan__staff")
        .annotate(planned=Count("pk"), done=Count("pk", filter=Q(ticked=True)))
    }
    minutes: dict[int, int] = {}
    unplanned: dict[int, int] = {}
    visits = Visit.objects.restrict(user, Action.VIEW).filter(staff__in=managers, visited_on=day)
    for staff_id, mode, start, end, planned_visit in visits.values_list(
        "staff", "mode", "start_time", "end_time", "planned_visit"
    ):
        if mode == VisitMode.FIELD:
            minutes[staff_id] = minutes.get(staff_id, 0) + visit_minutes(start, end)
        if planned_visit is None:
            unplanned[staff_id] = unplanned.get(staff_id, 0) + 1
    rows = []
    for staff in managers:
        counts = planned.get(staff.pk, {"planned": 0, "done": 0})
        open_visits = counts["planned"] - counts["done"]
        missed = planned_state(False, day, today) == VisitState.MISSED  # the day page's rule for a visit not done
        rows.append(
            TeamDayRow(
                staff=staff,
                planned=counts["planned"],
                done=counts["done"],
                missed=open_visits if missed else 0,
                pending=0 if missed else open_visits,
                unplanned=unplanned.get(staff.pk, 0),
                hours=minutes.get(staff.pk, 0) / 60,
            )
        )
    return rows


def previous_working_day(day: date) -> date:
    """The last working day before `day`."""
    day -= timedelta(days=1)
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day
