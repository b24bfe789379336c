"""The screens of the visit plans (客户拜访计划): my month's plan as a calendar (propose, add, move, remove, commit),
its Excel copy, the overdue customers, and the team's visit plans (docs/definitions.md#visit-plans).

Every object is fetched through the scoped queryset (404 outside the scope), every write checks its action in
editing.py or services.py (403 in the scope but not allowed) and every state change is a POST.
"""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workbench.accounts.access import Action, may, may_own_customers, staff_of
from workbench.customers.models import Customer
from workbench.lib.periods import add_months, last_of_month
from workbench.lib.stale import StaleEdit
from workbench.visitplans import editing, exports, forms, month, services
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visitplans.overdue import overdue


def visit_plan_for(user, pk: int, action: Action = Action.VIEW) -> VisitPlan:
    """The visit plan `pk` if the user sees it (else 404); with another action, 403 unless he may take it."""
    plan = get_object_or_404(VisitPlan.objects.restrict(user).select_related("staff__org_unit"), pk=pk)
    if action != Action.VIEW and not may(user, plan, action):
        raise PermissionDenied
    return plan


def planned_visit_for(user, pk: int, visit_id) -> PlannedVisit:
    """The visit `visit_id` of the plan `pk` the user may change: 404 outside his scope (or not a visit of that
    plan), 403 when he only sees the plan."""
    plan = visit_plan_for(user, pk, Action.CHANGE)
    try:
        number = int(visit_id)
    except (TypeError, ValueError):
        raise Http404 from None
    return get_object_or_404(plan.visits.select_related("plan", "customer"), pk=number)


def refusal_message(error) -> str:
    """What the user reads when a write was refused: a stale page, an invalid day, a refused proposal."""
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return str(error.message)


def version_of(form) -> int | None:
    return form.loaded_version() if form.is_valid() else None


def to_plan(plan: VisitPlan, day=None):
    """Back to the plan's page, at the day changed."""
    anchor = f"#day-{day.isoformat()}" if day else ""
    response = redirect("visitplans:visitplan_detail", plan.pk)
    response["Location"] += anchor
    return response


# My plan


@login_required
def visitplan_mine(request):
    """客户拜访计划: my visit plan of the month asked (this month by default), or what to do to start it."""
    today = timezone.localdate()
    plan_month = forms.parse_month(request.GET.get("month"), today)
    staff = staff_of(request.user)
    may_write = staff is not None and may_own_customers(staff.role)
    plan = editing.plan_for(staff, plan_month) if may_write and staff else None
    if plan is not None:
        return redirect("visitplans:visitplan_detail", plan.pk)
    return render(
        request,
        "visitplans/visitplan_mine.html",
        {
            "month": plan_month,
            "may_write": may_write,
            "deadline": month.visit_plan_deadline(plan_month),
            "previous_month": add_months(plan_month, -1),
            "next_month": add_months(plan_month, 1),
        },
    )


def own_staff(user):
    """The user's staff record when he may have a visit plan (a customer manager), else 403."""
    staff = staff_of(user)
    if staff is None or not may_own_customers(staff.role):
        raise PermissionDenied
    return staff


@login_required
@require_POST
def visitplan_start(request):
    """Start my visit plan of the month posted, empty, to fill by hand."""
    staff = own_staff(request.user)
    plan = editing.plan_for(staff, forms.parse_month(request.POST.get("month"), timezone.localdate()), create=True)
    return redirect("visitplans:visitplan_detail", plan.pk)


@login_required
@require_POST
def visitplan_propose(request):
    """Let the platform propose my visit plan of the month posted (its proposed visits replaced, mine kept)."""
    staff = own_staff(request.user)
    plan_month = forms.parse_month(request.POST.get("month"), timezone.localdate())
    existing = editing.plan_for(staff, plan_month)
    try:
        plan = services.propose_plan(staff, plan_month, by=request.user)
    except services.PlanRefused as error:
        messages.error(request, error.message)
        if existing is None:
            return redirect("visitplans:visitplan_mine")
        return to_plan(existing)
    messages.success(
        request,
        _("Proposed: %(count)s visits. Move, add or remove visits, then commit the plan.")
        % {"count": plan.visits.count()},
    )
    return to_plan(plan)


def detail_context(request, plan: VisitPlan) -> dict:
    """What the plan page shows: the calendar, the totals, the overdue customers, the add form, the history."""
    days = month.plan_days(plan, plan.month)
    may_change = may(request.user, plan, Action.CHANGE)
    today = timezone.localdate()
    late = overdue(plan.staff, today)
    names = Customer.objects.in_bulk([row.customer_id for row in late])
    return {
        "plan": plan,
        "month": plan.month,
        "days": days,
        "weeks": month.calendar_weeks(days, plan.month),
        "visit_count": sum(day.count for day in days),
        "customer_count": len({visit.customer_id for day in days for visit in day.visits}),
        "month_end": last_of_month(plan.month),
        "weekday_headings": [date_format(date(2024, 1, day), "D") for day in range(1, 8)],  # 2024-01-01: a Monday
        "norm": settings.WORKBENCH_VISIT_HOURS_NORM,
        "minutes": settings.WORKBENCH_VISIT_MINUTES,
        "may_change": may_change,
        "is_committed": plan.state == VisitPlanState.COMMITTED,
        "deadline": month.visit_plan_deadline(plan.month),
        "is_late": month.is_late(plan, plan.month, today),
        "overdue": [(names[row.customer_id], row) for row in late if row.customer_id in names],
        "today": today,
        "add_form": forms.AddVisitForm(
            initial={"version": plan.version},
            customers=Customer.objects.restrict(request.user).filter(manager=plan.staff).order_by("code"),
            month=plan.month,
        )
        if may_change
        else None,
        "events": plan.events.select_related("by", "customer"),
        "previous_month": add_months(plan.month, -1),
        "next_month": add_months(plan.month, 1),
    }


@login_required
def visitplan_detail(request, pk: int):
    """One visit plan: its working days with their visits and estimated hours, what its reader may do."""
    plan = visit_plan_for(request.user, pk)
    return render(request, "visitplans/visitplan_detail.html", detail_context(request, plan))


@login_required
@require_POST
def visitplan_repropose(request, pk: int):
    """Propose this draft plan again (its proposed visits replaced, those added by hand kept)."""
    plan = visit_plan_for(request.user, pk, Action.CHANGE)
    try:
        services.propose_plan(plan.staff, plan.month, by=request.user)
    except services.PlanRefused as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Proposed again: the visits you added are kept."))
    return to_plan(plan)


@login_required
@require_POST
def visit_add(request, pk: int):
    """Add one of his customers on a day (a suggested visit comes with its reason)."""
    plan = visit_plan_for(request.user, pk, Action.CHANGE)
    form = forms.AddVisitForm(
        request.POST, customers=Customer.objects.restrict(request.user).order_by("code"), month=plan.month
    )
    if not form.is_valid():
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return to_plan(plan)
    data = form.cleaned_data
    try:
        editing.add_visit(
            plan,
            data["customer"],
            data["day"],
            by=request.user,
            source=data["source"],
            reason=data["reason"],
            version=form.loaded_version(),
        )
    except (StaleEdit, ValidationError) as error:
        messages.error(request, refusal_message(error))
        return to_plan(plan)
    messages.success(
        request, _("%(customer)s added on %(day)s.") % {"customer": data["customer"].name, "day": data["day"]}
    )
    return to_plan(plan, data["day"])


@login_required
@require_POST
def visit_move(request, pk: int):
    """Put a planned visit (`visit`) of the plan on another day of the month."""
    visit = planned_visit_for(request.user, pk, request.POST.get("visit"))
    form = forms.MoveVisitForm(request.POST, month=visit.plan.month)
    if not form.is_valid():
        messages.error(request, _("Pick the new date within the plan's month."))
        return to_plan(visit.plan, visit.day)
    try:
        editing.move_visit(visit, form.cleaned_data["day"], by=request.user, version=form.loaded_version())
    except (StaleEdit, ValidationError) as error:
        messages.error(request, refusal_message(error))
        return to_plan(visit.plan, visit.day)
    messages.success(request, _("%(customer)s moved to %(day)s.") % {"customer": visit.customer.name, "day": visit.day})
    return to_plan(visit.plan, visit.day)


@login_required
@require_POST
def visit_remove(request, pk: int):
    """Take a planned visit (`visit`) out of the plan."""
    visit = planned_visit_for(request.user, pk, request.POST.get("visit"))
    form = forms.PlanVersionForm(request.POST)
    try:
        editing.remove_visit(visit, by=request.user, version=version_of(form))
    except StaleEdit as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(
            request, _("%(customer)s removed from %(day)s.") % {"customer": visit.customer.name, "day": visit.day}
        )
    return to_plan(visit.plan, visit.day)


@login_required
@require_POST
def visitplan_commit(request, pk: int):
    """确认: commit the plan (it then counts as part of his monthly plan; changes after it are recorded)."""
    plan = visit_plan_for(request.user, pk, Action.CHANGE)
    form = forms.PlanVersionForm(request.POST)
    try:
        editing.commit_plan(plan, by=request.user, version=version_of(form))
    except (StaleEdit, ValidationError) as error:
        messages.error(request, refusal_message(error))
    else:
        messages.success(request, _("Visit plan committed."))
    return to_plan(plan)


@login_required
def visitplan_export(request, pk: int):
    """The plan's visits as Excel."""
    plan = visit_plan_for(request.user, pk)
    return exports.plan_xlsx(plan)


# The team


@login_required
def team_visit_plans(request):
    """The visit plans of the customer managers the user sees, for one month: state, visits, coverage, late."""
    today = timezone.localdate()
    plan_month = forms.parse_month(request.GET.get("month"), today)
    return render(
        request,
        "visitplans/team_visitplans.html",
        {
            "month": plan_month,
            "rows": month.team_visit_plans(request.user, plan_month, today),
            "deadline": month.visit_plan_deadline(plan_month),
            "previous_month": add_months(plan_month, -1),
            "next_month": add_months(plan_month, 1),
        },
    )


@login_required
def team_visit_plans_export(request):
    """The team's visit plans as Excel."""
    today = timezone.localdate()
    plan_month = forms.parse_month(request.GET.get("month"), today)
    return exports.team_xlsx(month.team_visit_plans(request.user, plan_month, today), plan_month)
