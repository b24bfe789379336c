"""Writes of the visit plans: the month's proposed visits of a customer manager (docs/definitions.md#proposal) and
a customer's visit cycle override. Editing a plan by hand (moving, adding, removing, committing) is editing.py's."""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, may, staff_of
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import Period, first_of_month, last_of_month, month_key, working_days
from workbench.lib.stale import StaleEdit, claim_version
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.lastvisits import last_visits
from workbench.visitplans.models import CustomerCycle, PlannedVisit, VisitPlan, VisitPlanState, VisitSource
from workbench.visitplans.proposal import Need, propose


class PlanRefused(Exception):
    """A proposal the plan cannot take (a committed plan); `message` says why, for the page or the command."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def needs_of(staff: Staff, month: date) -> list[Need]:
    """What each customer of the staff member in business during the month needs (three queries)."""
    start, end = first_of_month(month), last_of_month(month)
    rows = list(
        Customer.objects.filter(manager=staff)
        .in_business(start, end)
        .order_by("pk")
        .values_list("pk", "order_weekday", "route", "opened_on", "closed_on")
    )
    ids = [row[0] for row in rows]
    cycles = cycle_days(ids)
    last = last_visits(ids, start)
    return [
        Need(
            customer_id=pk,
            cycle_days=cycles[pk],
            last_visit=last.get(pk),
            order_weekday=order_weekday,
            route=route,
            first_day=max(opened_on, start),
            last_day=min(closed_on, end) if closed_on else end,
        )
        for pk, order_weekday, route, opened_on, closed_on in rows
    ]


def calendar_of(month: date) -> list[date]:
    """The working days the proposal of a month reads: the month's and the next week's (for the order days)."""
    start = first_of_month(month)
    return working_days(Period(start, last_of_month(start) + timedelta(days=7)))


def propose_plan(staff: Staff, month: date, *, by) -> VisitPlan:
    """Write the proposal into the staff member's draft plan of `month` (made when he has none): its proposed
    visits are replaced, the visits he added or took from the suggestions are kept (and counted by the proposal).

    `by` is the user asking (he must be allowed to change the plan: its customer manager himself, by
    VisitPlan.access_rule, else PermissionDenied and nothing is written) or None for the platform itself (the
    management command an admin runs). A committed plan raises PlanRefused.
    """
    start = first_of_month(month)
    working = calendar_of(start)
    with transaction.atomic():
        made, _created = VisitPlan.objects.get_or_create(staff=staff, month=start)
        # The plan is changed by its customer manager only (VisitPlan.access_rule); a refusal rolls back its making.
        changeable = VisitPlan.objects.select_for_update().filter(pk=made.pk)
        if by is not None:
            changeable = changeable.restrict(by, Action.CHANGE)
        plan = changeable.first()
        if plan is None:
            raise PermissionDenied
        if plan.state == VisitPlanState.COMMITTED:
            raise PlanRefused(
                _("The visit plan of %(month)s is committed: it is not proposed again.") % {"month": month_key(start)}
            )
        kept = list(plan.visits.exclude(source=VisitSource.PROPOSED).values_list("customer_id", "day"))
        visits = propose(
            needs_of(staff, start),
            start=start,
            end=last_of_month(start),
            working=working,
            daily_max=settings.WORKBENCH_VISITS_PER_DAY_MAX,
            kept=kept,
        )
        plan.visits.filter(source=VisitSource.PROPOSED).delete()
        PlannedVisit.objects.bulk_create(
            PlannedVisit(plan=plan, customer_id=visit.customer_id, day=visit.day, gave_way=visit.gave_way)
            for visit in visits
        )
        # A page loaded before the proposal must not save over it (lib/stale.py): the version moves on.
        now = timezone.now()
        VisitPlan.objects.filter(pk=plan.pk).update(version=F("version") + 1, proposed_at=now, updated_at=now)
        plan.refresh_from_db()
    return plan


def set_customer_cycle(*, user, customer: Customer, days: int | None, version: int | None) -> CustomerCycle | None:
    """Set (or, with `days` None, remove) the visit cycle override of a customer; returns it (None once removed).

    The stale guard (lib/stale.py) holds on the override: `version` is the one the form was loaded with (None when
    the customer had none). The user must be allowed to change the override (CustomerCycle.access_rule), else
    PermissionDenied and nothing is written.
    """
    with transaction.atomic():
        cycle = CustomerCycle.objects.select_for_update().filter(customer=customer).first()
        if cycle is None:
            if version is not None:  # removed in another tab since the form was loaded
                raise StaleEdit
            if days is None:
                return None
            cycle = CustomerCycle.objects.create(customer=customer, days=days, set_by=staff_of(user))
        else:
            claim_version(cycle, version)
            if not may(user, cycle, Action.CHANGE):
                raise PermissionDenied
            if days is None:
                cycle.delete()
                return None
            cycle.days, cycle.set_by = days, staff_of(user)
            cycle.save()
        if not may(user, cycle, Action.CHANGE):
            raise PermissionDenied
    return cycle
