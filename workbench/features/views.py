"""The market feature pages (市场特征录入, docs/definitions.md#market-features): one customer's features in force with
their history and the edit form, and the list of the user's customers with their features (and its Excel copy).

The customer is fetched through accounts.access (outside the user's scope: 404); only his own customer manager
saves (in scope but not allowed: 403). The write is services.record_features'.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from workbench.accounts.access import Action
from workbench.customers.models import Customer
from workbench.features.forms import FeatureFilterForm, MarketFeatureForm
from workbench.features.models import MarketFeature
from workbench.features.services import current_features, may_record_features, record_features
from workbench.lib.exports import Column, Kind, describe_filters, xlsx_response
from workbench.lib.pagination import paginate
from workbench.lib.stale import StaleEdit


def history_of(customer: Customer) -> list[tuple[MarketFeature, list[str]]]:
    """The customer's feature rows, newest first, each with the labels of the fields it changed."""
    rows = list(MarketFeature.objects.filter(customer=customer).select_related("entered_by").order_by("-version"))
    return [
        (row, row.changes_from(rows[index + 1] if index + 1 < len(rows) else None)) for index, row in enumerate(rows)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def marketfeature_detail(request, code: str):
    """One customer's features in force, what changed when and by whom, and (for his manager) the edit form."""
    customer = get_object_or_404(Customer.objects.restrict(request.user, Action.VIEW), code=code)
    may_edit = may_record_features(request.user, customer)
    current = current_features(customer)
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        form = MarketFeatureForm(request.POST)
        if form.is_valid():
            try:
                row = record_features(
                    user=request.user, customer=customer, values=form.values(), version=form.loaded_version()
                )
            except StaleEdit as error:
                form.add_error(None, error.message)
            else:
                if row is None:
                    messages.info(request, _("Nothing changed: no new record was made."))
                else:
                    messages.success(request, _("Market features saved."))
                return redirect("features:marketfeature_detail", code=customer.code)
    else:
        initial = {**current.values(), "version": current.version} if current else {}
        form = MarketFeatureForm(initial=initial)
    context = {
        "customer": customer,
        "current": current,
        "history": history_of(customer),
        "form": form if may_edit else None,
    }
    return render(request, "features/marketfeature_detail.html", context)


def filtered_customers(request):
    """The filter form and the user's customers it selects, with the code order of the list."""
    form = FeatureFilterForm(request.GET or None)
    customers = Customer.objects.restrict(request.user, Action.VIEW).order_by("code")
    rim_type = form.cleaned_data.get("rim_type") if form.is_valid() else ""
    if rim_type == FeatureFilterForm.MISSING:
        customers = customers.exclude(pk__in=MarketFeature.objects.values("customer"))
    elif rim_type:
        customers = customers.filter(
            pk__in=MarketFeature.objects.current().filter(rim_type=rim_type).values("customer")
        )
    return form, customers


def with_features(customers) -> list[tuple[Customer, MarketFeature | None]]:
    """Each customer with his features in force (one query for all of them)."""
    customers = list(customers)
    current = {
        row.customer_id: row
        for row in MarketFeature.objects.current().filter(customer__in=[customer.pk for customer in customers])
    }
    return [(customer, current.get(customer.pk)) for customer in customers]


@login_required
@require_GET
def marketfeature_list(request):
    """The customers the user sees, a page at a time, each with his features in force (or none yet)."""
    form, customers = filtered_customers(request)
    page = paginate(request, customers.only("code", "name", "address"))
    rows = with_features(page.object_list)
    return render(request, "features/marketfeature_list.html", {"form": form, "page": page, "rows": rows})


def export_columns() -> list[Column]:
    return [
        Column("code", _("Customer code"), Kind.CODE),
        Column("name", _("Shop name"), width=24),
        Column("rim_type", _("Trade area type")),
        Column("consumer_group", _("Consumer group")),
        Column("consumption_level", _("Consumption level")),
        Column("opens", _("Opens at")),
        Column("closes", _("Closes at")),
        Column("night_shop", _("Night shop")),
        Column("chain", _("Chain store")),
        Column("area_m2", _("Area (m²)"), Kind.INTEGER),
        Column("competitors", _("Competing outlets nearby"), Kind.INTEGER),
        Column("price_class", _("Main price class")),
        Column("note", _("Note"), width=30),
        Column("valid_from", _("Valid from"), Kind.DATE),
        Column("entered_by", _("Entered by")),
    ]


def export_row(customer: Customer, feature: MarketFeature | None) -> dict:
    row: dict = {"code": customer.code, "name": customer.name}
    if feature is None:
        return row
    yes, no = _("Yes"), _("No")
    return row | {
        "rim_type": feature.get_rim_type_display(),
        "consumer_group": feature.get_consumer_group_display(),
        "consumption_level": feature.get_consumption_level_display(),
        "opens": f"{feature.opens:%H:%M}" if feature.opens else "",
        "closes": f"{feature.closes:%H:%M}" if feature.closes else "",
        "night_shop": yes if feature.is_night_shop else no,
        "chain": yes if feature.is_chain else no,
        "area_m2": feature.area_m2,
        "competitors": feature.competitors,
        "price_class": feature.get_price_class_display() if feature.price_class else "",
        "note": feature.note,
        "valid_from": feature.valid_from,
        "entered_by": str(feature.entered_by) if feature.entered_by else "",
    }


@login_required
@require_GET
def marketfeature_export(request):
    """The list as Excel: every customer the filter selects (not only one page), with his features in force."""
    form, customers = filtered_customers(request)
    current = {
        row.customer_id: row
        for row in MarketFeature.objects.current().filter(customer__in=customers).select_related("entered_by")
    }
    now = timezone.localtime()
    filters = describe_filters(form) if form.is_bound and form.is_valid() else []
    return xlsx_response(
        filename=f"{_('Market features')}-{now:%Y%m%d}",
        title=_("Market features"),
        params=[
            (_("Exported at"), now.strftime("%Y-%m-%d %H:%M")),
            *filters,
        ],
        columns=export_columns(),
        rows=(export_row(customer, current.get(customer.pk)) for customer in customers.only("code", "name")),
    )
