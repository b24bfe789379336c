"""Spec screens: the list (with its Excel export) and the spec page.

Specs are visible to every logged-in user; the sales figures on the spec page are restricted to the customers the
user may see (`Customer.objects.visible_to`), so two users see different figures for the same spec.
"""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.catalog import queries
from workbench.catalog.filters import DEFAULT_SPEC_SORT, SPEC_SORTS, filter_specs
from workbench.catalog.forms import SpecFilterForm
from workbench.catalog.models import Blend, PriceClass, Spec, Stick
from workbench.customers.forms import MonthForm
from workbench.customers.models import Customer
from workbench.customers.queries import twelve_months
from workbench.lib.exports import Column, Kind, describe_filters, xlsx_response
from workbench.lib.pagination import paginate, sort_headers, sort_order


def filtered_specs(request) -> tuple[SpecFilterForm, object, str]:
    """The filter form, the specs it selects (None while the form is invalid) and the sort key."""
    form = SpecFilterForm(request.GET)
    sort, ordering = sort_order(request.GET.get("sort"), SPEC_SORTS, DEFAULT_SPEC_SORT)
    if not form.is_valid():
        return form, None, sort
    return form, filter_specs(Spec.objects.all(), form.cleaned_data).order_by(*ordering), sort


def render_spec_list(request, form, specs, sort, status=200):
    """The list page: the filter form, then the sorted page of specs (no rows while the filters are invalid)."""
    page = paginate(request, specs.select_related("brand")) if specs is not None else None
    headers = sort_headers(
        [
            (_("Code"), "code"),
            (_("Name"), "name"),
            (_("Brand"), "brand"),
            (_("Price class"), "price_class"),
            (_("Origin"), ""),
            (_("Wholesale price"), "wholesale_price"),
            (_("Launch date"), "launched_on"),
            (_("On sale"), ""),
        ],
        sort,
    )
    context = {"form": form, "page": page, "headers": headers}
    return render(request, "catalog/spec_list.html", context, status=status)


@login_required
def spec_list(request):
    """卷烟规格列表: every spec, filtered, sorted and paged."""
    return render_spec_list(request, *filtered_specs(request))


def spec_export_columns() -> list[Column]:
    """The columns of the spec list's Excel export: every field of the data contract, plus the 价类."""
    return [
        Column("code", _("Spec code"), width=16),
        Column("name", _("Spec name"), width=20),
        Column("brand", _("Brand")),
        Column("manufacturer", _("Manufacturer")),
        Column("origin", _("Origin")),
        Column("blend", _("Blend")),
        Column("stick", _("Stick format")),
        Column("tar_mg", _("Tar (mg)"), Kind.DECIMAL),
        Column("price_class", _("Price class")),
        Column("transfer_price", _("Transfer price"), Kind.MONEY),
        Column("wholesale_price", _("Wholesale price"), Kind.MONEY),
        Column("retail_price", _("Retail price"), Kind.MONEY),
        Column("launched_on", _("Launch date"), Kind.DATE),
        Column("on_sale", _("On sale")),
    ]


def origin_label(is_in_province: bool | None) -> str:
    """省内 / 省外, or empty when the file did not say."""
    if is_in_province is None:
        return ""
    return _("In province") if is_in_province else _("Out of province")


def spec_export_rows(specs):
    """The export's rows, streamed from the database; choices are written by their label, not their code."""
    blends, sticks, price_classes = dict(Blend.choices), dict(Stick.choices), dict(PriceClass.choices)
    fields = ["code", "name", "manufacturer", "blend", "stick", "tar_mg", "price_class", "transfer_price"]
    fields += ["wholesale_price", "retail_price", "launched_on", "is_on_sale", "is_in_province", "brand__name"]
    for row in specs.values(*fields).iterator(chunk_size=2000):
        row["brand"] = row.pop("brand__name")
        row["origin"] = origin_label(row.pop("is_in_province"))
        row["blend"] = str(blends[row["blend"]]) if row["blend"] else ""
        row["stick"] = str(sticks[row["stick"]]) if row["stick"] else ""
        row["price_class"] = str(price_classes[row["price_class"]])
        row["on_sale"] = _("Yes") if row.pop("is_on_sale") else _("No")
        yield row


@login_required
def spec_export(request):
    """卷烟规格列表 as Excel: every spec the filters select (not only one page), in the list's order."""
    form, specs, sort = filtered_specs(request)
    if specs is None:
        # No file for filters that mean nothing: show the list page with the errors instead.
        return render_spec_list(request, form, specs, sort, status=400)
    now = timezone.localtime()
    params = [(_("Exported at"), now.strftime("%Y-%m-%d %H:%M")), *describe_filters(form)]
    return xlsx_response(
        filename=f"{_('Specs')}-{now:%Y%m%d}",
        title=_("Specs"),
        params=params,
        columns=spec_export_columns(),
        rows=spec_export_rows(specs),
    )


@login_required
def spec_detail(request, code: str):
    """卷烟规格: attributes, 价类, prices, and the last 12 months of its sales in the user's scope (辖区)."""
    spec = get_object_or_404(Spec.objects.select_related("brand"), code=code)
    month_form = MonthForm(request.GET)
    period = twelve_months(month_form, timezone.localdate())
    rows = queries.spec_months_in_scope(spec, Customer.objects.restrict(request.user, "view"), period)
    return render(
        request,
        "catalog/spec_detail.html",
        {
            "spec": spec,
            "origin": origin_label(spec.is_in_province),
            "month_form": month_form,
            "months": rows,
            "months_total": queries.total_of_spec_months(rows),
        },
    )
