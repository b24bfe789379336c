"""The page that sets a customer's visit cycle override (docs/definitions.md#visit-cycle).

The customer is fetched through accounts.access (outside the user's scope: 404); changing his override is
CustomerCycle's access rule (in scope but not allowed: 403). The write is services.set_customer_cycle's.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workbench.accounts.access import Action, may
from workbench.customers.models import Customer
from workbench.lib.stale import StaleEdit
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.forms_cycle import CustomerCycleForm
from workbench.visitplans.models import CustomerCycle
from workbench.visitplans.services import set_customer_cycle


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
