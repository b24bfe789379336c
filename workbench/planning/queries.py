"""Reads of 计划: the deadlines, whether a plan is late, the team's plan states at a glance
(docs/definitions.md#plan-deadlines)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from workbench.accounts.access import restrict, visible_staff
from workbench.accounts.models import Staff
from workbench.lib.periods import Period, first_of_month, last_of_month, week_of, working_days
from workbench.planning.models import MonthlyPlan, PlanItem, TeamPlan, WeekSplit


def month_plan_deadline(month: date) -> date:
    """The day the monthly plan is due: the Nth working day of its month (WORKBENCH_MONTH_PLAN_DEADLINE_WORKING_DAY);
    the month's last day when it has fewer working days."""
    days = working_days(Period(first_of_month(month), last_of_month(month)))
    rank = settings.WORKBENCH_MONTH_PLAN_DEADLINE_WORKING_DAY
    return days[rank - 1] if len(days) >= rank else last_of_month(month)


def week_days_deadline(week_start: date) -> date:
    """The day a week's days are due: the WORKBENCH_WEEK_DAYS_DEADLINE_WEEKDAY of the week before (a Friday)."""
    return week_of(week_start).start - timedelta(days=7) + timedelta(days=settings.WORKBENCH_WEEK_DAYS_DEADLINE_WEEKDAY)


def local_day(moment: datetime | None) -> date | None:
    """The local date of a stored moment (the deadlines are days in the installation's time zone)."""
    return timezone.localtime(moment).date() if moment is not None else None


def is_late(done_at: datetime | None, deadline: date, today: date) -> bool:
    """Late: done after the deadline day, or not done and the deadline day is over."""
    done_on = local_day(done_at)
    return done_on > deadline if done_on is not None else today > deadline


@dataclass(frozen=True)
class PlanState:
    """One customer manager's plan of the month, at a glance (the team page's row)."""

    staff: Staff
    plan: MonthlyPlan | None
    state: str | None  # the newest version's review state; None without a plan
    version_number: int | None
    in_force_number: int | None
    first_submitted_on: date | None
    is_late: bool
    next_week_split_on: date | None
    next_week_is_late: bool


def team_states(user, month: date, today: date) -> list[PlanState]:
    """The plan state of every customer manager the user sees, for `month` (3 queries, whatever the team's size)."""
    month = first_of_month(month)
    managers = list(visible_staff(user, Staff.objects.customer_managers()).filter(is_active=True).order_by("code"))
    plans = {
        plan.owner_id: plan
        for plan in restrict(MonthlyPlan.objects.of_month(month), user)
        .filter(owner__in=managers)
        .select_related("in_force")
        .prefetch_related("versions")
    }
    next_week = week_of(today).start + timedelta(days=7)
    splits = {
        split.plan_id: split.split_at
        for split in WeekSplit.objects.filter(plan__in=plans.values(), week_start=next_week)
    }
    deadline = month_plan_deadline(month)
    week_deadline = week_days_deadline(next_week)
    rows = []
    for manager in managers:
        plan = plans.get(manager.pk)
        latest = max(plan.versions.all(), key=lambda v: v.number) if plan else None
        split_at = splits.get(plan.pk) if plan else None
        rows.append(
            PlanState(
                staff=manager,
                plan=plan,
                state=latest.review_state if latest else None,
                version_number=latest.number if latest else None,
                in_force_number=plan.in_force.number if plan and plan.in_force else None,
                first_submitted_on=local_day(plan.first_submitted_at) if plan else None,
                is_late=is_late(plan.first_submitted_at if plan else None, deadline, today),
                next_week_split_on=local_day(split_at),
                next_week_is_late=is_late(split_at, week_deadline, today),
            )
        )
    return rows


def team_plans_for(user, month: date):
    """The published team plans the user reads for `month` (his market manager's, for a customer manager)."""
    return (
        restrict(TeamPlan.objects.of_month(month), user)
        .filter(is_published=True)
        .select_related("team", "author")
        .prefetch_related("tasks__brand_set", "tasks__customer_set", "weeks")
    )


def plan_items_between(user, owner: Staff, period: Period) -> list[PlanItem]:
    """The tasks of `owner`'s monthly plans (those the user sees) that fall in `period`, from each plan's working
    version (where 实施 ticks them): a task on a day of the period, or a task without a day whose week overlaps it.
    In order of week, day and line (3 queries, and one more per plan without a version in force)."""
    # A plan's weeks run from the Monday on or before its first day: look one week around the period.
    plans = restrict(
        MonthlyPlan.objects.filter(
            owner=owner,
            month__gte=first_of_month(period.start - timedelta(days=7)),
            month__lte=first_of_month(period.end + timedelta(days=7)),
        ),
        user,
    ).select_related("in_force")
    versions = [plan.working_version() for plan in plans]
    on_a_day = Q(day__gte=period.start, day__lte=period.end)
    in_a_week = Q(day__isnull=True, week_start__gte=period.start - timedelta(days=6), week_start__lte=period.end)
    return list(
        PlanItem.objects.filter(version__in=versions)
        .filter(on_a_day | in_a_week)
        .select_related("customer", "customer_set", "version__plan")
        .order_by("week_start", "day", "line", "pk")
    )
