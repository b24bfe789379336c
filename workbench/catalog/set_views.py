"""Screens of 品牌集设置 (brand sets): list, create, detail, edit, delete.

A set the user cannot see is 404; a set he can see but does not own is 403 on edit and delete. What every kind of
saved set shares (fetching a set, the list, deleting, showing a refused save) is in sets.views; a save from a form
loaded before the set's latest save is refused (lib.stale).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from workbench.catalog.models import BrandSet, Spec
from workbench.catalog.services import create_brand_set, delete_brand_set, update_brand_set
from workbench.catalog.set_forms import BrandSetForm, initial_for
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


def _brand_sets():
    """The sets with what the screens show of them joined (visibility is applied by `set_for_user`)."""
    return BrandSet.objects.select_related("owner", "shared_with")


@login_required
def brandset_list(request):
    """My sets, then the sets published to me (an admin sees every set there)."""
    visible = BrandSet.objects.restrict(request.user, "view").select_related("owner", "shared_with")
    visible = visible.annotate(spec_count=Count("specs")).order_by("name", "id")
    return render_set_list(request, visible, "catalog/brandset_list.html")


@login_required
def brandset_detail(request, pk: int):
    """A set with its specs, counted."""
    brand_set = set_for_user(_brand_sets(), pk, request.user, for_change=False)
    specs = brand_set.specs.select_related("brand").order_by("code")
    page = Paginator(specs, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "catalog/brandset_detail.html",
        {
            "brand_set": brand_set,
            "page": page,
            "spec_count": page.paginator.count,
            "is_owner": is_set_owner(request.user, brand_set),
        },
    )


# What the picker searches in a spec.
SPEC_SEARCH_FIELDS = ("code", "name", "brand__name")


def _posted_ids(request) -> set[int]:
    return posted_ids(request, "specs")


def _render_form(
    request, form, brand_set, selected_ids: set[int], matched_count: int | None = None, name_missing: bool = False
):
    """The form with its searchable, paginated checkbox list of specs (sets.views.picker_context)."""
    specs = Spec.objects.select_related("brand").order_by("code")
    context = {"form": form, "brand_set": brand_set, "matched_count": matched_count, "name_missing": name_missing}
    context.update(picker_context(request, specs, SPEC_SEARCH_FIELDS, selected_ids))
    return render(request, "catalog/brandset_form.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def brandset_create(request):
    """A new brand set."""
    return _edit_or_create(request, staff_who_creates(request), None)


@login_required
@require_http_methods(["GET", "POST"])
def brandset_edit(request, pk: int):
    """Change a set the user owns."""
    brand_set = set_for_user(_brand_sets(), pk, request.user, for_change=True)
    return _edit_or_create(request, brand_set.owner, brand_set)


def _edit_or_create(request, staff, brand_set: BrandSet | None):
    if request.method == "GET":
        form = BrandSetForm(user=request.user, initial=initial_for(brand_set) if brand_set else {})
        return _render_form(request, form, brand_set, set(brand_set.spec_ids()) if brand_set else set())

    # Only the Save button saves; Enter in a text box presses the first button, which searches.
    action = request.POST.get("action", "")
    if action not in ("save", "add"):
        # Searching or turning a page of the picker: show everything typed again (as initial values, so that no
        # error shows before the user saves), and save nothing.
        form = BrandSetForm(user=request.user, initial=_initial_from_post(request))
        return _render_form(request, form, brand_set, _posted_ids(request))
    form = BrandSetForm(request.POST, user=request.user)
    if action == "add":
        return _add_matching(request, form, brand_set)
    if not form.is_valid():
        return _render_form(request, form, brand_set, _posted_ids(request))

    try:
        if brand_set is None:
            brand_set = create_brand_set(owner=staff, **form.set_values(), specs=form.chosen_specs())
            messages.success(request, _("Brand set created."))
        else:
            update_brand_set(
                brand_set=brand_set, version=form.loaded_version(), **form.set_values(), specs=form.chosen_specs()
            )
            messages.success(request, _("Brand set saved."))
    except (ValidationError, StaleEdit) as error:
        show_save_errors(form, error)
        return _render_form(request, form, brand_set, _posted_ids(request))
    return redirect("catalog:brandset_detail", pk=brand_set.pk)


def _add_matching(request, form: BrandSetForm, brand_set: BrandSet | None):
    """ "Add matching specs": tick the specs the criteria find, so the user sees them before saving.

    Only the criteria need to be valid: a name still empty is no reason to add nothing. It is said next to the
    button the user just pressed (the name field, at the top of a long page, shows it too), and nothing is saved.
    """
    form.is_valid()
    criteria_errors = [name for name in form.CRITERIA if name in form.errors]
    if criteria_errors:
        return _render_form(request, form, brand_set, _posted_ids(request))
    matching = form.matching_specs()
    selected = _posted_ids(request) | {spec.pk for spec in matching}
    if "name" in form.errors:
        # Keep the bound form: its name error shows by the field, and every value typed comes back.
        return _render_form(request, form, brand_set, selected, matched_count=len(matching), name_missing=True)
    initial = {name: request.POST.get(name, "") for name in ("name", "description", "shared_with", "version")}
    form = BrandSetForm(user=request.user, initial=initial)
    return _render_form(request, form, brand_set, selected, matched_count=len(matching))


def _initial_from_post(request) -> dict:
    """Initial values from the posted fields, multi-valued ones as lists."""
    multiple = ("brands", "price_classes", "manufacturers")
    return {key: request.POST.getlist(key) if key in multiple else request.POST.get(key) for key in request.POST}


@login_required
@require_http_methods(["GET", "POST"])
def brandset_delete(request, pk: int):
    """Ask, then delete a set the user owns."""
    brand_set = set_for_user(_brand_sets(), pk, request.user, for_change=True)
    return confirm_and_delete(
        request,
        delete=lambda: delete_brand_set(brand_set=brand_set),
        deleted_message=_("Brand set deleted."),
        list_view="catalog:brandset_list",
        template_name="catalog/brandset_confirm_delete.html",
        context={"brand_set": brand_set},
    )
