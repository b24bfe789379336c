"""The one 分析 screen beside the shared report pages: saving 铺货率查询's customers still to win as a customer set.

The report's parameters come back in the POST and are read by `params.parse_params`, like on the report page, so
the set holds exactly the list the page showed (a scope outside the user's own is a 404 there too). The set is
created by the customers' own service, fixed, owned by the user.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workbench.accounts.access import staff_of
from workbench.customers.models import Customer
from workbench.customers.services import create_customer_set
from workbench.reporting.params import ReportError, parse_params
from workbench.reporting.registry import REPORTS


def default_set_name(params) -> str:
    """What the set is called when the user gives no name: what it holds and for which period."""
    return _("Still to win %(start)s–%(end)s") % {
        "start": params.period.start.isoformat(),
        "end": params.period.end.isoformat(),
    }


@login_required
@require_POST
def save_not_ordered(request):
    """POST: the customers of A(T,P) who ordered none of S in P become a fixed customer set of the user's own.

    403 for a login without a staff record (a set needs an owner), 404 for a scope or set outside the user's own,
    400 for other bad parameters or without a target (there is no list to save).
    """
    staff = staff_of(request.user)
    if staff is None:
        raise PermissionDenied
    report = REPORTS["distribution-rate"]
    try:
        params = parse_params(request.user, report, request.POST, today=timezone.localdate())
    except ReportError as error:
        if error.status == 404:
            raise Http404(error.message) from None
        return HttpResponseBadRequest(error.message)
    if params.target is None:
        return HttpResponseBadRequest(_("Give a target: the customers still to win are those below it."))
    gap = report.run(params).extras["gap"]
    codes = [row["customer_code"] for row in gap["not_ordered"]]
    name = (request.POST.get("set_name") or "").strip()[:100] or default_set_name(params)
    try:
        customer_set = create_customer_set(
            owner=staff,
            name=name,
            description=_("Customers who ordered none of %(specs)s in %(period)s.")
            % {"specs": "、".join(spec.name for spec in params.required_specs()), "period": params.period},
            members=Customer.objects.filter(code__in=codes),
        )
    except ValidationError as error:
        return HttpResponseBadRequest(" ".join(error.messages))
    messages.success(
        request,
        _("Saved %(count)d customers as the set “%(name)s”.") % {"count": len(codes), "name": customer_set.name},
    )
    return redirect("customers:customerset_detail", pk=customer_set.pk)
