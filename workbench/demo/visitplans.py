"""The visit plans of the demo city (客户拜访计划): team offices near their customers, the default visit cycles by
业态 and 档位 band, and each customer manager's committed visit plan for the two months before `end` and for `end`'s
own month, proposed by the platform (visitplans.services.propose_plan) month after month, so that each month's
proposal counts from the visits of the month before.

The commit moments are computed from `end` and the seed rather than stamped `now` (a past month's plan carries its
past dates), so that the same seed and end give the same plans: most are committed on their deadline day, a few
the working day after it (late).
"""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Avg

from workbench.accounts.models import OrgKind, OrgUnit, Staff
from workbench.customers.models import Customer, Format
from workbench.lib.periods import add_months, first_of_month, is_working_day
from workbench.visitplans.models import CycleRule, Office, VisitPlan, VisitPlanState
from workbench.visitplans.month import visit_plan_deadline
from workbench.visitplans.services import propose_plan

MONTHS = 3  # the two months before end's month, and end's month
# The default visit cycles (days): by 档位 band (higher grades, more often), and the 业态 visited more often.
GRADE_BANDS = ((1, 10, 14), (11, 20, 10), (21, 30, 7))
FORMAT_CYCLES = ((Format.TOBACCO_LIQUOR, 7), (Format.SUPERMARKET, 10))
LATE_SHARE = 0.15  # plans committed the working day after their deadline


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """A local time on `day`, aware, in the installation's time zone."""
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(settings.TIME_ZONE))


def next_working_day(day: date) -> date:
    day += timedelta(days=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def write_cycle_rules() -> int:
    """The admin's default cycles (replacing any there were)."""
    CycleRule.objects.all().delete()
    rules = [CycleRule(grade_min=low, grade_max=high, days=days) for low, high, days in GRADE_BANDS]
    rules += [CycleRule(format=code, days=days) for code, days in FORMAT_CYCLES]
    CycleRule.objects.bulk_create(rules)
    return len(rules)


def write_offices() -> int:
    """One office per team holding customers, at the mean of its customers' coordinates."""
    count = 0
    for team in OrgUnit.objects.filter(kind=OrgKind.TEAM).order_by("code"):
        centre = Customer.objects.filter(manager__org_unit=team, lat__isnull=False, lng__isnull=False).aggregate(
            lat=Avg("lat"), lng=Avg("lng")
        )
        if centre["lat"] is None:
            continue
        Office.objects.update_or_create(
            unit=team,
            defaults={
                "name": f"{team.name}办公室",
                "address": f"{team.name}",
                "lat": Decimal(centre["lat"]).quantize(Decimal("0.000001")),
                "lng": Decimal(centre["lng"]).quantize(Decimal("0.000001")),
            },
        )
        count += 1
    return count


@transaction.atomic
def generate_visit_plans(*, end: date, seed: int, on_month: Callable[[date], object] | None = None) -> dict[str, int]:
    """Write the demo city's offices, cycle rules and committed visit plans up to `end`'s month.

    `on_month(month)`, when given, runs once each month's plans are committed, before the next month is proposed
    (demo/visits.py records the month's visits there, so the next proposal counts from them)."""
    rng = random.Random(f"visitplans-{seed}")
    rules = write_cycle_rules()
    offices = write_offices()
    months = [add_months(first_of_month(end), offset) for offset in range(1 - MONTHS, 1)]
    managers = list(Staff.objects.customer_managers().filter(is_active=True).order_by("code"))
    plans = 0
    for month in months:
        deadline = visit_plan_deadline(month)
        for staff in managers:
            plan = propose_plan(staff, month, by=None)
            late = rng.random() < LATE_SHARE
            committed_on = next_working_day(deadline) if late else deadline
            VisitPlan.objects.filter(pk=plan.pk).update(
                state=VisitPlanState.COMMITTED,
                proposed_at=moment(deadline, 9, rng.randrange(60)),
                committed_at=moment(committed_on, 16 if not late else 10, rng.randrange(60)),
            )
            plans += 1
        if on_month is not None:
            on_month(month)
    return {"offices": offices, "rules": rules, "visit_plans": plans}
