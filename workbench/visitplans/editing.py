"""What a customer manager does to his month's visit plan: add, move and remove visits, commit the plan
(docs/definitions.md#visit-plan-editing).

Every write runs in one transaction that first claims the plan's stale-edit guard (lib/stale.py: a page loaded
before the plan's last change is refused, nothing written), then checks the user may change the plan and that the
customer is one of the plan's customer manager's own, writes, records the change (`VisitPlanEvent`: who, when,
what) and re-checks the scope. A committed plan can still be changed, like a plan task's day (planning/models.py):
the days are the execution of the plan; the changes after the commit are marked as such in its history.
"""

from datetime import date
from typing import Literal, overload

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, may, staff_of
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import first_of_month, is_working_day
from workbench.lib.stale import claim_version
from workbench.visitplans.models import (
    PlannedVisit,
    VisitPlan,
    VisitPlanAction,
    VisitPlanEvent,
    VisitPlanState,
    VisitSource,
)


@overload
def plan_for(staff: Staff, month: date, *, create: Literal[True]) -> VisitPlan: ...
@overload
def plan_for(staff: Staff, month: date, *, create: bool = False) -> VisitPlan | None: ...
def plan_for(staff: Staff, month: date, *, create: bool = False) -> VisitPlan | None:
    """The staff member's visit plan of `month` (any day of it); made as an empty draft when `create` is set."""
    month = first_of_month(month)
    if create:
        plan, _created = VisitPlan.objects.get_or_create(staff=staff, month=month)
        return plan
    return VisitPlan.objects.filter(staff=staff, month=month).first()


def check_change(plan: VisitPlan, user) -> None:
    """The user must be allowed to change the plan (its customer manager alone): else 403."""
    if not may(user, plan, Action.CHANGE):
        raise PermissionDenied


def check_scope(plan: VisitPlan, user) -> None:
    """After a write: the user must still be allowed to change the plan, or the transaction rolls back."""
    check_change(plan, user)


def check_customer(plan: VisitPlan, customer: Customer, user) -> None:
    """The customer must be one of the plan's customer manager's own, and in the user's scope."""
    if customer.manager_id != plan.staff_id or not Customer.objects.restrict(user).filter(pk=customer.pk).exists():
        raise PermissionDenied


def check_day(plan: VisitPlan, day: date) -> None:
    """A visit's day is a working day of the plan's month."""
    if first_of_month(day) != plan.month:
        raise ValidationError({"day": _("The day is not in the plan's month.")})
    if not is_working_day(day):
        raise ValidationError({"day": _("The day is not a working day.")})


def record(plan: VisitPlan, user, action: str, *, customer=None, day=None, new_day=None) -> VisitPlanEvent:
    """One change in the plan's history."""
    return VisitPlanEvent.objects.create(
        plan=plan,
        action=action,
        by=staff_of(user),
        customer=customer,
        day=day,
        new_day=new_day,
        after_commit=plan.state == VisitPlanState.COMMITTED and action != VisitPlanAction.COMMITTED,
    )


def add_visit(
    plan: VisitPlan,
    customer: Customer,
    day: date,
    *,
    by,
    source: str = VisitSource.ADDED,
    reason: str = "",
    version: int | None,
) -> PlannedVisit:
    """Put a visit of one of his customers on a working day of the month (a customer once a day)."""
    if source not in VisitSource.values:
        raise ValidationError({"source": _("Unknown source of a visit.")})
    check_change(plan, by)
    check_customer(plan, customer, by)
    check_day(plan, day)
    with transaction.atomic():
        claim_version(plan, version)
        if PlannedVisit.objects.filter(plan=plan, customer=customer, day=day).exists():
            raise ValidationError({"day": _("This customer is already planned on that day.")})
        visit = PlannedVisit.objects.create(plan=plan, customer=customer, day=day, source=source, reason=reason[:200])
        record(plan, by, VisitPlanAction.ADDED, customer=customer, day=day)
        check_scope(plan, by)
    return visit


def move_visit(visit: PlannedVisit, day: date, *, by, version: int | None) -> PlannedVisit:
    """Put a planned visit on another working day of the month; the rule that gave way no longer applies."""
    plan = visit.plan
    check_change(plan, by)
    check_day(plan, day)
    if day == visit.day:
        raise ValidationError({"day": _("The visit is already on that day.")})
    with transaction.atomic():
        claim_version(plan, version)
        if PlannedVisit.objects.filter(plan=plan, customer_id=visit.customer_id, day=day).exists():
            raise ValidationError({"day": _("This customer is already planned on that day.")})
        old_day = visit.day
        visit.day = day
        # The proposal's note said which of its rules this visit broke on its proposed day; he chose another.
        visit.gave_way = ""
        visit.save(update_fields=["day", "gave_way"])
        record(plan, by, VisitPlanAction.MOVED, customer=visit.customer, day=old_day, new_day=day)
        check_scope(plan, by)
    return visit


def remove_visit(visit: PlannedVisit, *, by, version: int | None) -> None:
    """Take a planned visit out of the plan."""
    plan = visit.plan
    check_change(plan, by)
    with transaction.atomic():
        claim_version(plan, version)
        record(plan, by, VisitPlanAction.REMOVED, customer=visit.customer, day=visit.day)
        visit.delete()
        check_scope(plan, by)


def commit_plan(plan: VisitPlan, *, by, version: int | None) -> VisitPlan:
    """确认: the customer manager commits his draft plan; a plan without a visit cannot be committed."""
    check_change(plan, by)
    with transaction.atomic():
        claim_version(plan, version)
        if plan.state == VisitPlanState.COMMITTED:
            raise ValidationError(_("The plan is already committed."))
        if not plan.visits.exists():
            raise ValidationError(_("The plan has no visit yet: propose it or add visits, then commit it."))
        plan.state = VisitPlanState.COMMITTED
        plan.committed_at = timezone.now()
        plan.save(update_fields=["state", "committed_at", "updated_at"])
        record(plan, by, VisitPlanAction.COMMITTED)
        check_scope(plan, by)
    return plan
