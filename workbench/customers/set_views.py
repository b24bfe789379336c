"""Screens of 客户集设置 (customer sets): list, create, detail, edit, delete.

A set the user cannot see is 404; a set he can see but does not own is 403 on edit and delete. What every kind of
saved set shares (fetching a set, the list, deleting, showing a refused save) is in sets.views; a save from a form
loaded before the set's latest save is refused (lib.stale).
"""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workbench.accounts.access import staff_of
from workbench.customers.models import Customer, CustomerSet, CustomerSetKind
from workbench.customers.services import create_customer_set, delete_customer_set, update_customer_set
from workbench.customers.set_forms import CustomerListForm, CustomerRuleForm, initial_for
from workbench.customers.sets import describe_rule
from workbench.lib.stale import StaleEdit
from workbench.sets.views import (
    confirm_and_delete,
    is_set_owner,
    picker_context,
    posted_ids,
    render_set_list,
    set_for_user,
    show_save_errors,
    staff_who_creates,
)

PREVIEW_SIZE = 10


def _customer_sets():
    """The sets with what the screens show of them joined (visibility is applied by `set_for_user`)."""
    return CustomerSet.objects.select_related("owner", "shared_with", "rule_manager")


@login_required
def customerset_list(request):
    """My sets, then the sets published to me (an admin sees every set there)."""
    visible = CustomerSet.objects.restrict(request.user, "view").select_related("owner", "shared_with")
    return render_set_list(request, visible, "customers/customerset_list.html")


@login_required
def customerset_detail(request, pk: int):
    """A set with its customers as the user sees them, counted."""
    customer_set = set_for_user(_customer_sets(), pk, request.user, for_change=False)
    customers = customer_set.customers(request.user).select_related("manager")
    page = Paginator(customers, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "customers/customerset_detail.html",
        {
            "customer_set": customer_set,
            "rule_lines": describe_rule(customer_set) if customer_set.is_rule else [],
            "page": page,
            "customer_count": page.paginator.count,
            "is_owner": is_set_owner(request.user, customer_set),
        },
    )


# What the picker searches in a customer.
CUSTOMER_SEARCH_FIELDS = ("code", "name", "address")


def _picker_context(request, selected_ids: set[int]) -> dict:
    """The searchable, paginated checkbox list of the user's customers (sets.views.picker_context)."""
    customers = Customer.objects.restrict(request.user, "view").select_related("manager")
    return picker_context(request, customers, CUSTOMER_SEARCH_FIELDS, selected_ids)


def _posted_ids(request) -> set[int]:
    return posted_ids(request, "members")


def _render_form(request, form, customer_set, kind, *, extra=None):
    context = {"form": form, "customer_set": customer_set, "kind": kind, "is_rule": kind == CustomerSetKind.RULE}
    context.update(extra or {})
    return render(request, "customers/customerset_form.html", context)


def _rule_preview(request, form) -> dict:
    """How many of the user's customers a not-yet-saved rule matches, with the first few."""
    staff = staff_of(request.user)
    draft = CustomerSet(owner=staff, kind=CustomerSetKind.RULE)
    for name, value in form.rule().items():
        setattr(draft, name, value)
    customers = draft.customers(request.user)
    return {"preview_count": customers.count(), "preview": list(customers[:PREVIEW_SIZE])}


@login_required
@require_http_methods(["GET", "POST"])
def customerset_create(request):
    """A new fixed list (?kind=fixed) or saved rule (?kind=rule)."""
    staff = staff_who_creates(request)
    kind = request.POST.get("kind") or request.GET.get("kind") or CustomerSetKind.FIXED
    if kind not in CustomerSetKind.values:
        kind = CustomerSetKind.FIXED
    return _edit_or_create(request, staff, None, kind)


@login_required
@require_http_methods(["GET", "POST"])
def customerset_edit(request, pk: int):
    """Change a set the user owns."""
    customer_set = set_for_user(_customer_sets(), pk, request.user, for_change=True)
    return _edit_or_create(request, customer_set.owner, customer_set, customer_set.kind)


def _edit_or_create(request, staff, customer_set: CustomerSet | None, kind: str):
    form_class = CustomerRuleForm if kind == CustomerSetKind.RULE else CustomerListForm
    if request.method == "GET":
        initial = initial_for(customer_set) if customer_set else {}
        form = form_class(user=request.user, initial=initial)
        extra = {}
        if kind == CustomerSetKind.FIXED:
            selected = set(customer_set.customers(request.user).values_list("pk", flat=True)) if customer_set else set()
            extra = _picker_context(request, selected)
        return _render_form(request, form, customer_set, kind, extra=extra)

    # Only the Save button saves; Enter in a text box presses the first button, which searches or previews.
    action = request.POST.get("action", "")
    if kind == CustomerSetKind.FIXED and action != "save":
        # Searching or turning a page of the picker: show the form again with everything typed kept (as initial
        # values, so that no error shows before the user saves), and save nothing.
        form = form_class(user=request.user, initial=request.POST.dict())
        extra = _picker_context(request, _posted_ids(request))
        return _render_form(request, form, customer_set, kind, extra=extra)
    form = form_class(request.POST, request.FILES, user=request.user)
    if not form.is_valid():
        extra = _picker_context(request, _posted_ids(request)) if kind == CustomerSetKind.FIXED else {}
        return _render_form(request, form, customer_set, kind, extra=extra)
    if kind == CustomerSetKind.RULE and action != "save":
        return _render_form(request, form, customer_set, kind, extra=_rule_preview(request, form))

    try:
        values: dict[str, Any]  # one of the services' keyword arguments: rule= or members=
        if isinstance(form, CustomerRuleForm):  # kind RULE (form_class above)
            values = {"rule": form.rule()}
        else:
            values = {"members": form.chosen_customers()}
        if customer_set is None:
            customer_set = create_customer_set(owner=staff, kind=kind, **form.set_values(), **values)
            messages.success(request, _("Customer set created."))
        else:
            update_customer_set(customer_set=customer_set, version=form.loaded_version(), **form.set_values(), **values)
            messages.success(request, _("Customer set saved."))
    except (ValidationError, StaleEdit) as error:
        show_save_errors(form, error)
        extra = _picker_context(request, _posted_ids(request)) if kind == CustomerSetKind.FIXED else {}
        return _render_form(request, form, customer_set, kind, extra=extra)
    return redirect("customers:customerset_detail", pk=customer_set.pk)


@login_required
@require_http_methods(["GET", "POST"])
def customerset_delete(request, pk: int):
    """Ask, then delete a set the user owns."""
    customer_set = set_for_user(_customer_sets(), pk, request.user, for_change=True)
    return confirm_and_delete(
        request,
        delete=lambda: delete_customer_set(customer_set=customer_set),
        deleted_message=_("Customer set deleted."),
        list_view="customers:customerset_list",
        template_name="customers/customerset_confirm_delete.html",
        context={"customer_set": customer_set},
    )
