"""What the screens of 客户集 and 品牌集 (customer and brand sets) share: fetching a set, the list, deleting.

A set the user cannot see is 404; a set he can see but may not change (not his own) is 403 on edit and delete:
both are decided by accounts.access (`restrict(user, "view")`, `restrict(user, "change")`). The screens that
differ (detail, create, edit) stay in customers.set_views and catalog.set_views.
"""

import operator
from collections.abc import Callable, Sequence
from functools import reduce
from typing import TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404, redirect, render

from workbench.accounts.access import Action, is_admin, is_owner, restrict, staff_of
from workbench.lib.stale import StaleEdit
from workbench.sets.models import SavedSet

# The concrete kind of set a screen works on (CustomerSet, BrandSet): what it fetches is what it gets back.
SetT = TypeVar("SetT", bound=SavedSet)


def is_set_owner(user, saved_set: SavedSet) -> bool:
    """Whether the user owns the set (an admin without a staff record owns none)."""
    return is_owner(user, saved_set)


def staff_who_creates(request):
    """The staff member creating a set, who will own it; 403 for a login without one (a bare superuser)."""
    staff = staff_of(request.user)
    if staff is None:
        raise PermissionDenied
    return staff


def set_for_user(queryset: QuerySet[SetT], pk: int, user, *, for_change: bool) -> SetT:
    """The set `pk` of `queryset` if the user may see it, else 404; with `for_change`, 403 unless he may change it."""
    saved_set = get_object_or_404(restrict(queryset, user, Action.VIEW), pk=pk)
    if for_change and not restrict(queryset, user, Action.CHANGE).filter(pk=saved_set.pk).exists():
        raise PermissionDenied
    return saved_set


def show_save_errors(form, error: ValidationError | StaleEdit) -> None:
    """Show why a service refused to save on the form: a stale edit above the form, a validation error on its field
    (above the form when the form has no such field). The user's input stays in the form."""
    if isinstance(error, StaleEdit):
        form.add_error(None, error.message)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def render_set_list(request, visible: QuerySet, template_name: str):
    """My sets, then the sets published to me, paginated (an admin sees every set there).

    `visible` is the kind's `visible_to(user)` queryset, with whatever the list template shows joined or counted.
    """
    staff = staff_of(request.user)
    mine = visible.filter(owner=staff) if staff else visible.none()
    others = visible.exclude(owner=staff) if staff else visible
    page = Paginator(others, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        template_name,
        {"mine": list(mine), "others_page": page, "can_create": staff is not None, "sees_all": is_admin(request.user)},
    )


def confirm_and_delete(
    request,
    *,
    delete: Callable[[], None],
    deleted_message: str,
    list_view: str,
    template_name: str,
    context: dict,
):
    """Ask on GET; on POST call `delete` (the kind's service), say `deleted_message` and go back to the list.

    The caller has fetched the set with `set_for_user(..., for_change=True)`.
    """
    if request.method == "POST":
        delete()
        messages.success(request, deleted_message)
        return redirect(list_view)
    return render(request, template_name, context)


def posted_ids(request, field: str) -> set[int]:
    """The ids ticked in the picker (`field`: "members", "specs"), from the POST; junk values are ignored."""
    return {int(value) for value in request.POST.getlist(field) if value.isdigit()}


def picker_context(request, choices: QuerySet, search_fields: Sequence[str], selected_ids: set[int]) -> dict:
    """The searchable, paginated checkbox list of what a set may hold, keeping choices across pages.

    `choices` is what the user may pick (already restricted to his scope); the search text (`q`) and the page
    (`picker_page`) come from the form's POST, so that searching never loses what was typed. Ticks on other pages
    travel as hidden inputs (`selected_elsewhere`).
    """
    query = (request.POST.get("q", "") if request.method == "POST" else "").strip()
    if query:
        choices = choices.filter(reduce(operator.or_, (Q(**{f"{name}__icontains": query}) for name in search_fields)))
    page = Paginator(choices, settings.PAGE_SIZE).get_page(request.POST.get("picker_page"))
    on_page = {item.pk for item in page.object_list}
    return {
        "picker_page": page,
        "selected_ids": selected_ids,
        "selected_elsewhere": sorted(selected_ids - on_page),
        "selected_count": len(selected_ids),
    }
