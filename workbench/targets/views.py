"""Screens of 目标: sales targets (mine, my team's, one with its review), improvement targets, KPI targets.

Every object is fetched through accounts.access: outside the user's scope is 404, inside it but not his to change
or approve is 403. Writes go through services.py; a refused save shows the form again with what was typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workbench.accounts.access import Action, may_own_customers, publishable_units, staff_of
from workbench.lib.periods import month_key
from workbench.lib.stale import StaleEdit
from workbench.reviews.models import ReviewState
from workbench.reviews.services import TransitionRefused
from workbench.targets import exports, services
from workbench.targets.baselines import actuals, is_met
from workbench.targets.forecast import forecast_for
from workbench.targets.forms import (
    ImprovementTargetEditForm,
    ImprovementTargetForm,
    KpiTargetForm,
    MonthChoiceForm,
    ReviewForm,
    SalesTargetForm,
    SalesTargetLineForm,
)
from workbench.targets.history import history_of
from workbench.targets.models import ImprovementTarget, KpiTarget, SalesTarget, SalesTargetLine
from workbench.targets.queries import kpi_progress, sales_overview, sales_row_of


def fetch(queryset, user, pk: int, action: Action = Action.VIEW):
    """The object `pk` if the user sees it (else 404) and may do `action` on it (else 403)."""
    obj = get_object_or_404(queryset.restrict(user, Action.VIEW), pk=pk)
    if action != Action.VIEW and not queryset.restrict(user, action).filter(pk=obj.pk).exists():
        raise PermissionDenied
    return obj


def show_refusal(form, error: ValidationError | StaleEdit) -> None:
    """A refused save on the form: a stale edit or a state error above it, a field's error on the field."""
    if isinstance(error, StaleEdit):
        form.add_error(None, error.message)
    elif hasattr(error, "error_dict"):
        for name, errors in error.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def refusal_text(error: ValidationError | StaleEdit | TransitionRefused) -> str:
    """A refused transition as one message."""
    if isinstance(error, StaleEdit | TransitionRefused):
        return str(error.message)
    return " ".join(error.messages)


# 销售目标


@login_required
@require_GET
def salestarget_list(request):
    """Sales targets of a month: every customer manager the user sees, by team, with team sums and the total."""
    today = timezone.localdate()
    month_form = MonthChoiceForm(request.GET)
    month = month_form.chosen(today)
    teams, total = sales_overview(request.user, month, today)
    if request.GET.get("format") == "xlsx":
        return exports.sales_targets(teams, total, month)
    staff = staff_of(request.user)
    return render(
        request,
        "targets/salestarget_list.html",
        {
            "month_form": month_form,
            "month": month,
            "month_key": month_key(month),
            "teams": teams,
            "total": total,
            "show_teams": len(teams) > 1 or sum(len(team.rows) for team in teams) > 1,
            "may_set_own": staff is not None and may_own_customers(staff.role),
            "is_current_month": month == today.replace(day=1),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def salestarget_mine(request):
    """My sales target of a month (`?month=YYYY-MM`), pre-filled from the forecast with its workings."""
    staff = staff_of(request.user)
    if staff is None or not may_own_customers(staff.role):
        raise PermissionDenied
    today = timezone.localdate()
    month = MonthChoiceForm(request.GET).chosen(today)
    target = services.newest_version(staff, month)
    forecast = forecast_for(staff.pk, month)
    if request.method == "POST":
        form = SalesTargetForm(request.POST)
        if form.is_valid():
            try:
                target = services.save_sales_target(
                    user=request.user,
                    month=month,
                    qty=form.cleaned_data["qty"],
                    amount=form.cleaned_data["amount"],
                    version=form.loaded_version() if target else None,
                )
            except (ValidationError, StaleEdit) as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Sales target saved."))
                return redirect("targets:salestarget_detail", pk=target.pk)
    elif target is not None:
        form = SalesTargetForm(initial={"qty": target.qty, "amount": target.amount, "version": target.version})
    else:
        form = SalesTargetForm(initial={"qty": forecast.qty, "amount": forecast.amount})
    return render(
        request,
        "targets/salestarget_form.html",
        {"form": form, "target": target, "forecast": forecast, "month": month, "month_key": month_key(month)},
    )


@login_required
@require_GET
def salestarget_detail(request, pk: int):
    """One sales target: its figures beside the forecast and the actual, its lines, its review."""
    target = fetch(SalesTarget.objects.select_related("staff", "decided_by"), request.user, pk)
    today = timezone.localdate()
    is_owner = SalesTarget.objects.restrict(request.user, Action.CHANGE).filter(pk=target.pk).exists()
    may_approve = SalesTarget.objects.restrict(request.user, Action.APPROVE).filter(pk=target.pk).exists()
    versions = list(SalesTarget.objects.filter(staff=target.staff_id, month=target.month).order_by("number"))
    newest = versions[-1]
    in_force = next((version for version in versions if version.is_in_force), None)
    # The owner changes the newest version: in place while editable, into a new version when it is approved.
    may_change = is_owner and newest.pk == target.pk and target.review_state != ReviewState.SUBMITTED
    return render(
        request,
        "targets/salestarget_detail.html",
        {
            "target": target,
            "row": sales_row_of(target, today),
            "lines": target.lines.select_related("spec", "brand_set"),
            "is_owner": is_owner,
            "may_change": may_change,
            "may_approve": may_approve,
            "versions": versions,
            "newest": newest,
            "in_force": in_force,
            "line_form": SalesTargetLineForm(user=request.user) if may_change else None,
            "review_form": ReviewForm(initial={"version": target.version}) if may_approve else None,
            "events": history_of(versions),
            "month_key": month_key(target.month),
            "is_current_month": target.month == today.replace(day=1),
        },
    )


def _transition(request, pk: int, action: Action, run, done: str):
    target = fetch(SalesTarget.objects.all(), request.user, pk, action)
    form = ReviewForm(request.POST)
    version = form.loaded_version() if form.is_valid() else None
    comment = form.cleaned_data.get("comment", "") if form.is_valid() else ""
    try:
        run(user=request.user, target=target, version=version, comment=comment)
    except (ValidationError, StaleEdit, TransitionRefused) as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, done)
    return redirect("targets:salestarget_detail", pk=target.pk)


@login_required
@require_POST
def salestarget_submit(request, pk: int):
    """Submit my target to my market manager."""

    def run(*, user, target, version, comment):
        services.submit_sales_target(user=user, target=target, version=version)

    return _transition(request, pk, Action.CHANGE, run, _("Sales target submitted."))


@login_required
@require_POST
def salestarget_approve(request, pk: int):
    """Approve a submitted target (the owner's market manager)."""
    return _transition(request, pk, Action.APPROVE, services.approve_sales_target, _("Sales target approved."))


@login_required
@require_POST
def salestarget_return(request, pk: int):
    """Return a submitted target with a comment (the owner's market manager)."""
    return _transition(request, pk, Action.APPROVE, services.return_sales_target, _("Sales target returned."))


@login_required
@require_POST
def salestargetline_add(request, pk: int):
    """Add a line for a spec or a brand set to my target."""
    target = fetch(SalesTarget.objects.all(), request.user, pk, Action.CHANGE)
    form = SalesTargetLineForm(request.POST, user=request.user)
    shown = target.pk
    if form.is_valid():
        try:
            line = services.add_sales_target_line(user=request.user, target=target, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, refusal_text(error))
        else:
            shown = line.target_id
            messages.success(request, _("Line added."))
    else:
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
    return redirect("targets:salestarget_detail", pk=shown)


@login_required
@require_POST
def salestargetline_delete(request, pk: int):
    """Remove a line of my target."""
    line = get_object_or_404(SalesTargetLine, pk=pk, target__in=SalesTarget.objects.restrict(request.user))
    fetch(SalesTarget.objects.all(), request.user, line.target_id, Action.CHANGE)
    shown = line.target_id
    try:
        shown = services.delete_sales_target_line(user=request.user, line=line).pk
    except ValidationError as error:
        messages.error(request, refusal_text(error))
    else:
        messages.success(request, _("Line removed."))
    return redirect("targets:salestarget_detail", pk=shown)


# 提升目标


@login_required
@require_GET
def improvementtarget_list(request):
    """Improvement targets of a month for the customers the user sees (`?customer=<code>` for one customer)."""
    today = timezone.localdate()
    month_form = MonthChoiceForm(request.GET)
    month = month_form.chosen(today)
    targets = (
        ImprovementTarget.objects.restrict(request.user)
        .filter(month=month)
        .select_related("customer", "customer__manager", "spec", "brand_set")
    )
    customer_code = request.GET.get("customer", "").strip()
    if customer_code:
        targets = targets.filter(customer__code=customer_code)
    chosen = list(targets)
    actual = actuals(chosen, today)
    rows = [
        {"target": target, "actual": actual[target.pk], "met": is_met(actual[target.pk], target.target)}
        for target in chosen
    ]
    met = sum(1 for row in rows if row["met"])
    if request.GET.get("format") == "xlsx":
        return exports.improvement_targets(rows, month, met)
    changeable = set(
        ImprovementTarget.objects.restrict(request.user, Action.CHANGE)
        .filter(pk__in=[target.pk for target in chosen])
        .values_list("pk", flat=True)
    )
    staff = staff_of(request.user)
    return render(
        request,
        "targets/improvementtarget_list.html",
        {
            "month_form": month_form,
            "month": month,
            "month_key": month_key(month),
            "customer_code": customer_code,
            "rows": rows,
            "met": met,
            "achievement_rate": met / len(rows) if rows else None,
            "changeable": changeable,
            "may_create": staff is not None and may_own_customers(staff.role),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def improvementtarget_create(request):
    """A new improvement target for one of my customers; its baseline is computed when saved."""
    staff = staff_of(request.user)
    if staff is None or not may_own_customers(staff.role):
        raise PermissionDenied
    if request.method == "POST":
        form = ImprovementTargetForm(request.POST, user=request.user, staff=staff)
        if form.is_valid():
            try:
                improvement = services.create_improvement_target(user=request.user, **form.cleaned_data)
            except ValidationError as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Improvement target saved."))
                url = reverse("targets:improvementtarget_list")
                return redirect(f"{url}?month={month_key(improvement.month)}")
    else:
        initial: dict = {"month": timezone.localdate().replace(day=1)}
        code = request.GET.get("customer", "")
        customer = staff.customers.filter(code=code).first() if code else None
        if customer is not None:
            initial["customer"] = customer.pk
        form = ImprovementTargetForm(user=request.user, staff=staff, initial=initial)
    return render(request, "targets/improvementtarget_form.html", {"form": form, "improvement": None})


@login_required
@require_http_methods(["GET", "POST"])
def improvementtarget_edit(request, pk: int):
    """Change the target value of an improvement target of one of my customers."""
    improvement = fetch(ImprovementTarget.objects.select_related("customer"), request.user, pk, Action.CHANGE)
    if request.method == "POST":
        form = ImprovementTargetEditForm(request.POST)
        if form.is_valid():
            try:
                services.update_improvement_target(
                    user=request.user,
                    improvement=improvement,
                    version=form.loaded_version(),
                    target=form.cleaned_data["target"],
                    note=form.cleaned_data["note"],
                )
            except (ValidationError, StaleEdit) as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("Improvement target saved."))
                url = reverse("targets:improvementtarget_list")
                return redirect(f"{url}?month={month_key(improvement.month)}")
    else:
        form = ImprovementTargetEditForm(
            initial={"target": improvement.target, "note": improvement.note, "version": improvement.version}
        )
    return render(request, "targets/improvementtarget_form.html", {"form": form, "improvement": improvement})


@login_required
@require_POST
def improvementtarget_delete(request, pk: int):
    """Remove an improvement target of one of my customers."""
    improvement = fetch(ImprovementTarget.objects.all(), request.user, pk, Action.CHANGE)
    month = improvement.month
    services.delete_improvement_target(user=request.user, improvement=improvement)
    messages.success(request, _("Improvement target removed."))
    return redirect(f"{reverse('targets:improvementtarget_list')}?month={month_key(month)}")


# KPI targets


@login_required
@require_GET
def kpitarget_list(request):
    """The KPI targets the user sees: those he set, and those of his unit and the units above it."""
    today = timezone.localdate()
    kpis = list(KpiTarget.objects.restrict(request.user).select_related("owner", "unit", "brand_set"))
    rows = [{"kpi": kpi, "progress": kpi_progress(kpi, today)} for kpi in kpis]
    if request.GET.get("format") == "xlsx":
        return exports.kpi_targets(rows)
    changeable = set(KpiTarget.objects.restrict(request.user, Action.CHANGE).values_list("pk", flat=True))
    return render(
        request,
        "targets/kpitarget_list.html",
        {"rows": rows, "changeable": changeable, "may_create": publishable_units(request.user).exists()},
    )


def _kpi_form(request, kpi: KpiTarget | None):
    if not publishable_units(request.user).exists():
        raise PermissionDenied
    if request.method == "POST":
        form = KpiTargetForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                if kpi is None:
                    services.create_kpi_target(user=request.user, **form.values())
                else:
                    services.update_kpi_target(
                        user=request.user, kpi=kpi, version=form.loaded_version(), **form.values()
                    )
            except (ValidationError, StaleEdit) as error:
                show_refusal(form, error)
            else:
                messages.success(request, _("KPI target saved."))
                return redirect("targets:kpitarget_list")
    elif kpi is not None:
        form = KpiTargetForm(
            user=request.user,
            initial={
                "unit": kpi.unit_id,
                "brand_set": kpi.brand_set_id,
                "metric": kpi.metric,
                "target_percent": kpi.target_rate * 100,
                "starts_on": kpi.starts_on,
                "due_on": kpi.due_on,
                "note": kpi.note,
                "version": kpi.version,
            },
        )
    else:
        form = KpiTargetForm(user=request.user)
    return render(request, "targets/kpitarget_form.html", {"form": form, "kpi": kpi})


@login_required
@require_http_methods(["GET", "POST"])
def kpitarget_create(request):
    """A new KPI target for the unit the user leads (a market manager or a brand manager)."""
    return _kpi_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def kpitarget_edit(request, pk: int):
    """Change a KPI target the user set."""
    return _kpi_form(request, fetch(KpiTarget.objects.all(), request.user, pk, Action.CHANGE))


@login_required
@require_POST
def kpitarget_delete(request, pk: int):
    """Remove a KPI target the user set."""
    kpi = fetch(KpiTarget.objects.all(), request.user, pk, Action.CHANGE)
    services.delete_kpi_target(user=request.user, kpi=kpi)
    messages.success(request, _("KPI target removed."))
    return redirect("targets:kpitarget_list")
