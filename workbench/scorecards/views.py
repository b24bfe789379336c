"""The scorecard pages (记分卡录入, docs/definitions.md#scorecards): the month's list over the user's scope, its
Excel copy, and the entry page of one customer's scorecard of a month.

Every page starts from accounts.access: a customer outside the user's scope is a 404; in scope, scoring is the
Scorecard rule's change (the customer's own manager only), else 403. The write is services.save_scorecard's.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from workbench.accounts.access import Action, ScopeError, resolve_scope
from workbench.customers.models import Customer
from workbench.lib.exports import Column, Kind, xlsx_response
from workbench.lib.pagination import paginate
from workbench.lib.periods import add_months, first_of_month
from workbench.lib.stale import StaleEdit
from workbench.scorecards.forms import ScorecardFilterForm, ScorecardForm
from workbench.scorecards.models import Scorecard
from workbench.scorecards.queries import (
    customers_of_month,
    last_month_scores,
    month_rows,
    not_scored_count,
    parse_month,
    stars_text,
)
from workbench.scorecards.services import (
    ensure_default_template,
    save_scorecard,
    scorable_customers,
    template_items,
)


def filtered(request):
    """(form, scope, month) of the list's filter; scope None when the filter is invalid (the form says why)."""
    data = request.GET.copy()
    if not data.get("month"):
        # This month, shown in the filter as if picked.
        data["month"] = f"{first_of_month(timezone.localdate()):%Y-%m}"
    form = ScorecardFilterForm(request.user, data)
    if not form.is_valid():
        return form, None, None
    try:
        scope = resolve_scope(request.user, form.cleaned_data["scope"])
    except ScopeError as error:
        if error.status == 403:
            raise PermissionDenied from None
        raise Http404(error.message) from None
    return form, scope, form.cleaned_data["month"]


@login_required
@require_GET
def scorecard_list(request):
    """The month's customers of the scope with their total and stars, last month's total beside, a page at a time."""
    form, scope, month = filtered(request)
    if scope is None:
        return render(request, "scorecards/scorecard_list.html", {"form": form}, status=400)
    customers = customers_of_month(scope.customers, month).select_related("manager")
    page = paginate(request, customers)
    context = {
        "form": form,
        "scope": scope,
        "month": month,
        "month_key": f"{month:%Y-%m}",
        "previous_key": f"{add_months(month, -1):%Y-%m}",
        "next_key": month_begun(add_months(month, 1)),
        "page": page,
        "rows": month_rows(request.user, list(page.object_list), month),
        "not_scored": not_scored_count(request.user, scope.customers, month),
        "count": page.paginator.count,
    }
    return render(request, "scorecards/scorecard_list.html", context)


def export_columns() -> list[Column]:
    return [
        Column("code", _("Customer code"), Kind.CODE),
        Column("name", _("Shop name"), width=24),
        Column("manager", _("Customer manager")),
        Column("total", _("Total"), Kind.INTEGER),
        Column("maximum", _("Maximum points"), Kind.INTEGER),
        Column("stars", _("Stars"), Kind.INTEGER),
        Column("last_total", _("Last month's total"), Kind.INTEGER),
        Column("version", _("Template version"), Kind.INTEGER),
        Column("scored_by", _("Scored by")),
        Column("updated_at", _("Updated at"), width=17),
    ]


def export_rows(user, customers, month: date):
    """The export's rows, a thousand customers at a time (month_rows reads each batch in two queries)."""
    batch: list[Customer] = []
    for customer in customers.iterator(chunk_size=1000):
        batch.append(customer)
        if len(batch) == 1000:
            yield from export_batch(user, batch, month)
            batch = []
    yield from export_batch(user, batch, month)


def export_batch(user, customers: list[Customer], month: date):
    for row in month_rows(user, customers, month):
        card = row.scorecard
        yield {
            "code": row.customer.code,
            "name": row.customer.name,
            "manager": str(row.customer.manager) if row.customer.manager_id else "",
            "total": card.total if card else None,
            "maximum": card.maximum if card else None,  # type: ignore[attr-defined]
            "stars": card.stars if card else None,
            "last_total": row.last_total,
            "version": card.template.version if card else None,
            "scored_by": str(card.scored_by) if card and card.scored_by else "",
            "updated_at": timezone.localtime(card.updated_at).strftime("%Y-%m-%d %H:%M") if card else "",
        }


@login_required
@require_GET
def scorecard_export(request):
    """The month's list as Excel: every customer of the scope, not only one page."""
    form, scope, month = filtered(request)
    if scope is None:
        return render(request, "scorecards/scorecard_list.html", {"form": form}, status=400)
    customers = customers_of_month(scope.customers, month).select_related("manager")
    now = timezone.localtime()
    return xlsx_response(
        filename=f"{_('Scorecards')}-{month:%Y%m}",
        title=_("Scorecards"),
        params=[
            (_("Month"), f"{month:%Y-%m}"),
            (_("Scope"), scope.label),
            (_("Not yet scored"), str(not_scored_count(request.user, scope.customers, month))),
            (_("Exported at"), now.strftime("%Y-%m-%d %H:%M")),
        ],
        columns=export_columns(),
        rows=export_rows(request.user, customers, month),
    )


@login_required
@require_GET
def scorecard_current(request, code: str):
    """The customer's scorecard of this month (the customer page links here)."""
    customer = get_object_or_404(Customer.objects.restrict(request.user, Action.VIEW), code=code)
    month = first_of_month(timezone.localdate())
    return redirect("scorecards:scorecard_edit", code=customer.code, month=f"{month:%Y-%m}")


def item_groups(form: ScorecardForm, last: dict[tuple[str, str], int]) -> list[dict]:
    """The form's items grouped by dimension, each with its two fields and last month's score."""
    groups: list[dict] = []
    for item in form.items:
        if not groups or groups[-1]["dimension"].pk != item.dimension_id:
            groups.append({"dimension": item.dimension, "items": []})
        groups[-1]["items"].append(
            {
                "item": item,
                "score": form[f"score_{item.pk}"],
                "comment": form[f"comment_{item.pk}"],
                "last": last.get((item.dimension.name, item.name)),
            }
        )
    return groups


@login_required
@require_http_methods(["GET", "POST"])
def scorecard_edit(request, code: str, month: str):
    """One customer's scorecard of a month: the entry form for his own manager, the same page read-only for the
    others who see the customer. The total and stars are computed live by static/js/scorecard.js and on save."""
    customer = get_object_or_404(Customer.objects.restrict(request.user, Action.VIEW), code=code)
    first = parse_month(month)
    if first is None:
        raise Http404(_("Not a month."))
    card = (
        Scorecard.objects.restrict(request.user)
        .filter(customer=customer, month=first)
        .select_related("template", "scored_by")
        .first()
    )
    editable = scorable_customers(request.user).filter(pk=customer.pk).exists()
    if request.method == "POST" and not editable:
        raise PermissionDenied
    template = card.template if card is not None else ensure_default_template()
    items = template_items(template)
    if request.method == "POST":
        form = ScorecardForm(request.POST, items=items)
        if form.is_valid():
            try:
                save_scorecard(
                    user=request.user,
                    customer=customer,
                    month=first,
                    scores=form.scores(),
                    version=form.loaded_version(),
                )
            except StaleEdit as error:
                form.add_error(None, error.message)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("Scorecard of %(customer)s saved.") % {"customer": customer.name})
                return redirect(f"{reverse('scorecards:scorecard_list')}?month={first:%Y-%m}")
    else:
        initial: dict = {}
        if card is not None:
            initial["version"] = card.version
            for score in card.scores.all():
                initial[f"score_{score.item_id}"] = score.score
                initial[f"comment_{score.item_id}"] = score.comment
        form = ScorecardForm(initial=initial, items=items, editable=editable)
    maximum = sum(item.max_points for item in items)
    context = {
        "customer": customer,
        "card": card,
        "template": template,
        "form": form,
        "groups": item_groups(form, last_month_scores(customer, first)),
        "editable": editable,
        "month": first,
        "month_key": f"{first:%Y-%m}",
        "previous_key": f"{add_months(first, -1):%Y-%m}",
        "next_key": month_begun(add_months(first, 1)),
        "maximum": maximum,
        "bands": ",".join(str(band) for band in settings.WORKBENCH_SCORECARD_STAR_BANDS),
        "stars": stars_text(card.stars) if card else "",
    }
    return render(request, "scorecards/scorecard_edit.html", context)


def month_begun(month: date) -> str | None:
    """The month's key (YYYY-MM) when it has begun, else None: a month not begun is not scored yet."""
    return f"{month:%Y-%m}" if month <= first_of_month(timezone.localdate()) else None
