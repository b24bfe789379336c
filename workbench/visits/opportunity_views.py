"""The pages of 市场机会录入 (docs/definitions.md#market-opportunities): enter one in the field, the list (with its
Excel copy), one opportunity with its follow-up.

Opportunities are fetched through accounts.access (MarketOpportunity.access_rule: the finder's scope; outside it
404); only the finder enters and follows up (in scope but not allowed: 403). The writes are opportunity_services'.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from workbench.accounts.access import Action
from workbench.lib.exports import Column, Kind, describe_filters, xlsx_response
from workbench.lib.pagination import paginate
from workbench.lib.stale import StaleEdit
from workbench.visits.models import MarketOpportunity
from workbench.visits.opportunity_forms import FollowUpForm, OpportunityFilterForm, OpportunityForm
from workbench.visits.opportunity_services import (
    create_opportunity,
    follow_up,
    may_enter_opportunities,
    may_follow_up,
)


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_new(request):
    """Enter an opportunity found in the field (a customer manager, for himself)."""
    if not may_enter_opportunities(request.user):
        raise PermissionDenied
    form = OpportunityForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        opportunity = create_opportunity(user=request.user, values=form.values())
        messages.success(request, _("Market opportunity saved."))
        return redirect("opportunities:opportunity_detail", pk=opportunity.pk)
    return render(request, "visits/opportunity_form.html", {"form": form})


def filtered_opportunities(request):
    """The filter form and the opportunities the user sees that it selects, newest found first."""
    form = OpportunityFilterForm(request.GET or None)
    opportunities = MarketOpportunity.objects.restrict(request.user, Action.VIEW).select_related("staff", "customer")
    if form.is_valid():
        if form.cleaned_data["status"]:
            opportunities = opportunities.filter(status=form.cleaned_data["status"])
        if form.cleaned_data["type"]:
            opportunities = opportunities.filter(type=form.cleaned_data["type"])
    return form, opportunities.order_by("-found_on", "-pk")


@login_required
@require_GET
def opportunity_list(request):
    """The opportunities the user sees (his own; his team's for a market manager), a page at a time."""
    form, opportunities = filtered_opportunities(request)
    page = paginate(request, opportunities)
    context = {"form": form, "page": page, "may_enter": may_enter_opportunities(request.user)}
    return render(request, "visits/opportunity_list.html", context)


def export_columns() -> list[Column]:
    return [
        Column("found_on", _("Found on"), Kind.DATE),
        Column("staff", _("Found by")),
        Column("customer_code", _("Customer code"), Kind.CODE),
        Column("customer_name", _("Shop name"), width=24),
        Column("area", _("Area")),
        Column("type", _("Type")),
        Column("description", _("Description"), width=40),
        Column("specs", _("Related specs"), width=30),
        Column("estimated_qty", _("Estimated demand (cartons/week)"), Kind.INTEGER),
        Column("status", _("Status")),
        Column("action", _("Action taken"), width=30),
        Column("result", _("Result"), width=30),
        Column("closed_on", _("Closed on"), Kind.DATE),
    ]


def export_rows(opportunities):
    for opportunity in opportunities.prefetch_related("related_specs"):
        customer = opportunity.customer
        yield {
            "found_on": opportunity.found_on,
            "staff": str(opportunity.staff),
            "customer_code": customer.code if customer else "",
            "customer_name": customer.name if customer else "",
            "area": opportunity.area,
            "type": opportunity.get_type_display(),
            "description": opportunity.description,
            "specs": "、".join(spec.name for spec in opportunity.related_specs.all()),
            "estimated_qty": opportunity.estimated_qty,
            "status": opportunity.get_status_display(),
            "action": opportunity.action,
            "result": opportunity.result,
            "closed_on": opportunity.closed_on,
        }


@login_required
@require_GET
def opportunity_export(request):
    """The list as Excel: every opportunity the filters select (not only one page)."""
    form, opportunities = filtered_opportunities(request)
    now = timezone.localtime()
    filters = describe_filters(form) if form.is_bound and form.is_valid() else []
    return xlsx_response(
        filename=f"{_('Market opportunities')}-{now:%Y%m%d}",
        title=_("Market opportunities"),
        params=[(_("Exported at"), now.strftime("%Y-%m-%d %H:%M")), *filters],
        columns=export_columns(),
        rows=export_rows(opportunities),
    )


@login_required
@require_http_methods(["GET", "POST"])
def opportunity_detail(request, pk: int):
    """One opportunity, and (for its finder) the follow-up form."""
    opportunity = get_object_or_404(
        MarketOpportunity.objects.restrict(request.user, Action.VIEW).select_related("staff", "customer"), pk=pk
    )
    may_edit = may_follow_up(request.user, opportunity)
    form = None
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = FollowUpForm(request.POST, instance=opportunity)
        if form.is_valid():
            try:
                follow_up(
                    user=request.user,
                    opportunity=opportunity,
                    values=form.values(),
                    loaded_at=form.cleaned_data["loaded_at"],
                )
            except StaleEdit as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Follow-up saved."))
                return redirect("opportunities:opportunity_detail", pk=opportunity.pk)
        # What is shown above the form is the stored opportunity, not the refused input.
        opportunity.refresh_from_db()
    elif may_edit:
        form = FollowUpForm(instance=opportunity)
    context = {"opportunity": opportunity, "form": form, "specs": list(opportunity.related_specs.all())}
    return render(request, "visits/opportunity_detail.html", context)
