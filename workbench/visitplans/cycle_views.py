"""The pages of the visit cycles (docs/definitions.md#visit-cycle): the user's customers with the cycle in effect,
and the page that sets one customer's override.

The customer is fetched through accounts.access (outside the user's scope: 404); changing his override is
CustomerCycle's access rule (in scope but not allowed: 403). The write is services.set_customer_cycle's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from workbench.accounts.access import Action, may
from workbench.customers.models import Customer
from workbench.lib.pagination import paginate, sort_headers, sort_order
from workbench.lib.stale import StaleEdit
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.forms_cycle import CustomerCycleForm
from workbench.visitplans.models import CustomerCycle
from workbench.visitplans.services import set_customer_cycle

CYCLE_SORTS = {"code": ("code",), "name": ("name", "code"), "route": ("route", "code")}


@login_required
@require_GET
def customercycle_list(request):
    """The customers the user sees, a page at a time, each with his cycle in effect and where it comes from."""
    sort, ordering = sort_order(request.GET.get("sort"), CYCLE_SORTS, "code")
    customers = (
        Customer.objects.restrict(request.user, Action.VIEW)
        .select_related("visit_cycle")
        .only("code", "name", "route", "order_weekday", "visit_cycle_days", "visit_cycle__days", "visit_cycle__id")
        .order_by(*ordering)
    )
    page = paginate(request, customers)
    cycles = cycle_days([customer.pk for customer in page.object_list])
    rows = [
        (customer, WEEKDAYS[customer.order_weekday - 1] if customer.order_weekday else "", cycles[customer.pk])
        for customer in page.object_list
    ]
    headers = sort_headers(
        [
            (_("Code"), "code"),
            (_("Name"), "name"),
            (_("Visit cycle (days)"), ""),
            (_("From"), ""),
            (_("Route"), "route"),
            (_("Order day"), ""),
        ],
        sort,
    )
    return render(request, "visitplans/cycle_list.html", {"page": page, "rows": rows, "headers": headers})


@login_required
@require_http_methods(["GET", "POST"])
def customercycle_edit(request, code: str):
    """Set or remove the visit cycle of one customer; shows the cycle in effect and where it comes from."""
    customer = get_object_or_404(Customer.objects.restrict(request.user, Action.VIEW), code=code)
    override = CustomerCycle.objects.filter(customer=customer).first()
    if override is not None and not may(request.user, override, Action.CHANGE):
        raise PermissionDenied
    if request.method == "POST":
        form = CustomerCycleForm(request.POST)
        if form.is_valid():
            try:
                set_customer_cycle(
                    user=request.user, customer=customer, days=form.cleaned_data["days"], version=form.loaded_version()
                )
            except StaleEdit as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Visit cycle saved."))
                return redirect("visitcycles:customercycle_edit", code=customer.code)
    else:
        initial = {"days": override.days, "version": override.version} if override else {}
        form = CustomerCycleForm(initial=initial)
    context = {
        "customer": customer,
        "form": form,
        "override": override,
        "cycle": cycle_days([customer.pk])[customer.pk],
    }
    return render(request, "visitplans/cycle_edit.html", context)
