"""Customer screens: the list (with its Excel export) and the customer page.

Every view starts from `Customer.objects.restrict(request.user, "view")`: a customer outside the user's scope is a 404.
"""

from django.contrib.auth.decorators import login_required
from django.db.models import Field
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.customers import queries
from workbench.customers.contact import contact_links
from workbench.customers.filters import CUSTOMER_SORTS, DEFAULT_CUSTOMER_SORT, filter_customers
from workbench.customers.forms import CustomerFilterForm, MonthForm
from workbench.customers.models import (
    CreditClass,
    Customer,
    Format,
    MarketType,
    OrderChannel,
    Scale,
    Status,
    TerminalType,
)
from workbench.lib.exports import Column, Kind, describe_filters, xlsx_response
from workbench.lib.fields import model_field
from workbench.lib.pagination import paginate, sort_headers, sort_order

# Fields of the profile, in the order of the data contract (customers.csv).
PROFILE_FIELDS = [
    "code",
    "license_no",
    "name",
    "owner_name",
    "phone",
    "address",
    "format",
    "market_type",
    "scale",
    "class_code",
    "grade",
    "credit_class",
    "terminal_type",
    "order_channel",
    "manager",
    "route",
    "order_weekday",
    "status",
    "opened_on",
    "closed_on",
    "lng",
    "lat",
]


def filtered_customers(request) -> tuple[CustomerFilterForm, object, str]:
    """The filter form, the user's customers it selects (None while the form is invalid) and the sort key."""
    form = CustomerFilterForm(request.GET, user=request.user)
    sort, ordering = sort_order(request.GET.get("sort"), CUSTOMER_SORTS, DEFAULT_CUSTOMER_SORT)
    if not form.is_valid():
        return form, None, sort
    customers = filter_customers(Customer.objects.restrict(request.user, "view"), form.cleaned_data)
    return form, customers.order_by(*ordering), sort


def render_customer_list(request, form, customers, sort, status=200):
    """The list page: the filter form, then the sorted page of customers (no rows while the filters are invalid)."""
    page = paginate(request, customers.select_related("manager")) if customers is not None else None
    headers = sort_headers(
        [
            (_("Code"), "code"),
            (_("Name"), "name"),
            (_("Class"), "class"),
            (_("Format"), ""),
            (_("Grade"), "grade"),
            (_("Status"), "status"),
            (_("Customer manager"), "manager"),
            (_("Address"), ""),
        ],
        sort,
    )
    context = {"form": form, "page": page, "headers": headers}
    return render(request, "customers/customer_list.html", context, status=status)


@login_required
def customer_list(request):
    """客户列表: the user's customers, filtered, sorted and paged; invalid filters show their errors and no rows."""
    return render_customer_list(request, *filtered_customers(request))


def customer_export_columns() -> list[Column]:
    """The columns of the customer list's Excel export: every field of the data contract."""
    return [
        Column("code", _("Customer code")),
        Column("license_no", _("Licence number"), width=20),
        Column("name", _("Shop name"), width=24),
        Column("owner_name", _("Owner")),
        Column("phone", _("Order phone"), width=14),
        Column("address", _("Address"), width=32),
        Column("class_code", _("Class"), width=8),
        Column("format", _("Format")),
        Column("market_type", _("Market type")),
        Column("scale", _("Scale")),
        Column("grade", _("Grade"), Kind.INTEGER, width=8),
        Column("credit_class", _("Credit class")),
        Column("terminal_type", _("Terminal type")),
        Column("order_channel", _("Order channel")),
        Column("manager_code", _("Customer manager code")),
        Column("manager_name", _("Customer manager")),
        Column("route", _("Route")),
        Column("order_weekday", _("Order day"), Kind.INTEGER, width=8),
        Column("status", _("Status")),
        Column("opened_on", _("Opened on"), Kind.DATE),
        Column("closed_on", _("Closed on"), Kind.DATE),
    ]


def customer_export_rows(customers):
    """The export's rows, streamed from the database; choices are written by their label, not their code."""
    # Each label is translated once here, not once a row: 30,000 customers × 7 choices were 210,000 lookups of a
    # lazy translation, a third of the export's time (docs/performance.md#excel-exports).
    labels = {
        name: {code: str(label) for code, label in choices.choices}
        for name, choices in (
            ("format", Format),
            ("market_type", MarketType),
            ("scale", Scale),
            ("credit_class", CreditClass),
            ("terminal_type", TerminalType),
            ("order_channel", OrderChannel),
            ("status", Status),
        )
    }
    fields = [column.key for column in customer_export_columns() if not column.key.startswith("manager_")]
    for row in customers.values(*fields, "manager__code", "manager__name").iterator(chunk_size=2000):
        for name, choices in labels.items():
            row[name] = choices[row[name]] if row[name] else ""
        row["manager_code"] = row.pop("manager__code")
        row["manager_name"] = row.pop("manager__name")
        yield row


@login_required
def customer_export(request):
    """客户列表 as Excel: every customer the filters select (not only one page), in the list's order."""
    form, customers, sort = filtered_customers(request)
    if customers is None:
        # No file for filters that mean nothing: show the list page with the errors instead.
        return render_customer_list(request, form, customers, sort, status=400)
    now = timezone.localtime()
    params = [(_("Exported at"), now.strftime("%Y-%m-%d %H:%M")), *describe_filters(form)]
    return xlsx_response(
        filename=f"{_('Customers')}-{now:%Y%m%d}",
        title=_("Customers"),
        params=params,
        columns=customer_export_columns(),
        rows=customer_export_rows(customers),
    )


def customer_profile(customer: Customer) -> list[tuple[str, object]]:
    """(label, shown value) of every profile field, choices by their label."""
    profile = []
    for name in PROFILE_FIELDS:
        field = model_field(Customer, name, Field)
        if field.choices:
            value = getattr(customer, f"get_{name}_display")()
        else:
            value = getattr(customer, name)
        profile.append((str(field.verbose_name), value))
    return profile


@login_required
def customer_detail(request, code: str):
    """客户档案: profile, 档位 history, the last 12 months by month with a chart, and the top specs."""
    customer = get_object_or_404(Customer.objects.restrict(request.user, "view").select_related("manager"), code=code)
    month_form = MonthForm(request.GET)
    period = queries.twelve_months(month_form, timezone.localdate())
    month_rows = queries.customer_months(customer, period)
    chart = {
        "labels": [f"{row.month:%Y-%m}" for row in month_rows],
        "qty": [row.qty for row in month_rows],
        "amount": [float(row.amount) for row in month_rows],
        "qty_label": _("Quantity (cartons)"),
        "amount_label": _("Amount (yuan)"),
    }
    return render(
        request,
        "customers/customer_detail.html",
        {
            "customer": customer,
            "profile": customer_profile(customer),
            "contact_links": contact_links(customer),
            "grade_changes": customer.grade_changes.order_by("-changed_on", "-id"),
            "month_form": month_form,
            "months": month_rows,
            "months_total": queries.total_of_months(month_rows),
            "chart": chart,
            "top_specs": queries.customer_top_specs(customer, period),
        },
    )
