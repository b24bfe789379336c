"""The screens of the 分析 step: the index of the nine reports, each report's page and its Excel export.

A report page reads its parameters with `params.parse_params` and computes them with the registry's function,
exactly like the API and the command line; a scope outside the user's own is a 404 with the reason on screen.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.analysis import exporting
from workbench.analysis.forms import ReportFilterForm, form_data
from workbench.analysis.params import ReportError, ReportParams, parse_params
from workbench.analysis.registry import REPORTS, Report
from workbench.analysis.results import Column, Kind, ReportResult
from workbench.lib.pagination import paginate

# The parameters a report page reads; any of them in the address means the user asked for something.
PARAMETER_NAMES = ("scope", "period", "from", "to", "specs", "brand_set", "customer_set", "by", "target")
# A first visit shows last month: the last complete month, the one the monthly 分析 looks back on.
DEFAULT_PERIOD = "last_month"

# The index page groups the reports like the menu: customer, brand, market (the three key points).
INDEX_GROUPS = [
    (
        "customer",
        [
            "business-overview",
            "supply-demand",
            "customer-set-sales",
            "classification-overview",
            "classification-sales",
            "order-frequency",
        ],
    ),
    ("brand", ["distribution-rate", "four-rates"]),
    ("market", ["opportunity-analysis"]),
]


def get_report_or_404(name: str) -> Report:
    report = REPORTS.get(name)
    if report is None:
        raise Http404(name)
    return report


def read_params(request, report: Report) -> tuple[ReportParams | None, ReportError | None, bool, QueryDict]:
    """The validated parameters of the request (or the error), whether this is a first visit, and the data read."""
    data = request.GET.copy()
    first_visit = not any(name in data for name in PARAMETER_NAMES)
    if first_visit:
        data["period"] = DEFAULT_PERIOD
    try:
        return parse_params(request.user, report, data, today=timezone.localdate()), None, first_visit, data
    except ReportError as error:
        return None, error, first_visit, data


@login_required
def report_index(request):
    """分析: the nine reports, grouped by customer, brand and market."""
    labels = {"customer": _("Customer"), "brand": _("Brand"), "market": _("Market")}
    groups = [{"label": labels[key], "reports": [REPORTS[name] for name in names]} for key, names in INDEX_GROUPS]
    return render(request, "analysis/report_index.html", {"groups": groups})


@login_required
def report_page(request, name: str):
    """One report: the filter form, a chart where one helps, the sortable table with its total, the export link."""
    report = get_report_or_404(name)
    params, error, first_visit, data = read_params(request, report)
    context = {"report": report, "error": error, "invitation": None}
    status = 200
    if error is not None:
        if first_visit and error.status == 400 and error.field in ("specs", "customer_set"):
            # Nothing asked yet: invite the user to choose what the report needs rather than scold him.
            context["invitation"], context["error"] = error.message, None
        else:
            status = error.status
        context["form"] = ReportFilterForm(report, request.user, data=data)
        return render(request, "analysis/report_page.html", context, status=status)

    result = report.run(params)
    sort = request.GET.get("sort", "")
    rows = sort_rows(result, sort)
    page = paginate(request, rows)
    context.update(
        {
            "form": ReportFilterForm(report, request.user, data={**form_data(params), **period_choice(data)}),
            "result": result,
            "headers": headers(result.columns, sort),
            "page": page,
            "table_rows": [table_row(result.columns, row) for row in page.object_list],
            "total_row": total_row(result),
            "chart": report.chart(result) if report.chart else None,
            "histogram": result.total.get("histogram"),
            "pivot": quantity_pivot(result) if report.name == "classification-sales" else None,
            "export_query": urlencode({**params.as_query(), **({"sort": sort} if sort else {})}),
            "target_percent": None if params.target is None else float(params.target) * 100,
        }
    )
    return render(request, "analysis/report_page.html", context)


@login_required
def report_export(request, name: str):
    """The report as an Excel file: every row (not one page), in the order the screen shows them."""
    report = get_report_or_404(name)
    params, error, _first_visit, data = read_params(request, report)
    if error is not None:
        context = {"report": report, "error": error, "form": ReportFilterForm(report, request.user, data=data)}
        return render(request, "analysis/report_page.html", context, status=error.status)
    result = report.run(params)
    result.rows = sort_rows(result, request.GET.get("sort", ""))
    return exporting.xlsx_response(result)


def period_choice(data) -> dict:
    """Keep the preset the user picked in the form (its dates are shown next to it)."""
    preset = data.get("period")
    return {"period": preset} if preset and preset != "custom" else {}


def sort_rows(result: ReportResult, sort: str) -> list[dict]:
    """The rows sorted by a column key (`-key` descending), empty values last; unknown keys keep the report's order."""
    key = sort.lstrip("-")
    if key not in {column.key for column in result.columns}:
        return result.rows
    present = [row for row in result.rows if row.get(key) is not None]
    missing = [row for row in result.rows if row.get(key) is None]
    present.sort(key=lambda row: row[key], reverse=sort.startswith("-"))
    return present + missing


def headers(columns: list[Column], sort: str) -> list[dict]:
    """Column headers with the sort link each offers (ascending first, then toggling)."""
    result = []
    for column in columns:
        if sort == column.key:
            direction, next_sort = "ascending", f"-{column.key}"
        elif sort == f"-{column.key}":
            direction, next_sort = "descending", column.key
        else:
            direction, next_sort = "", column.key
        result.append(
            {"label": column.label, "direction": direction, "next_sort": next_sort, "numeric": is_numeric(column)}
        )
    return result


def is_numeric(column: Column) -> bool:
    return column.kind in (Kind.INTEGER, Kind.MONEY, Kind.RATE)


def format_value(column: Column, value) -> str:
    """A value as the screen shows it: rates as percentages with one decimal, "—" for no value."""
    if value is None:
        return "—"
    if column.kind == Kind.RATE:
        return f"{value * 100:.1f}%"
    if column.kind == Kind.MONEY:
        return f"{value:,.2f}"
    if column.kind == Kind.INTEGER and isinstance(value, int):
        return f"{value:,}"
    return str(column.display(value))


def drill_down_url(column: Column, row: dict) -> str | None:
    """Where a cell leads: the customer's page, the customer list of a class, or the spec's page."""
    try:
        if column.link == "customer" and row.get("customer_code"):
            return reverse("customers:customer_detail", args=[row["customer_code"]])
        if column.link == "spec" and row.get("spec_code"):
            return reverse("catalog:spec_detail", args=[row["spec_code"]])
        if column.link == "class" and row.get("class_code"):
            return f"{reverse('customers:customer_list')}?{urlencode({'class_code': row['class_code']})}"
    except NoReverseMatch:
        return None
    return None


def table_row(columns: list[Column], row: dict) -> list[dict]:
    return [
        {
            "text": format_value(column, row.get(column.key)),
            "url": drill_down_url(column, row),
            "numeric": is_numeric(column),
            "kind": column.kind,
        }
        for column in columns
    ]


def total_row(result: ReportResult) -> list[dict] | None:
    """The totals row: "Total" in the first column, then the totals of the columns that have one."""
    if not result.total:
        return None
    cells = []
    for index, column in enumerate(result.columns):
        if index == 0:
            text = _("Total")
        elif column.key in result.total:
            text = format_value(column, result.total[column.key])
        else:
            text = ""
        cells.append({"text": text, "numeric": is_numeric(column)})
    return cells


def quantity_pivot(result: ReportResult) -> dict:
    """客户分类销售 as people lay it out by hand: one line per group, one column per month, quantities (条),
    with the totals of each line and each column (quantities add up; customers would not)."""
    by = result.params.option("by")
    column = next(column for column in result.columns if column.key == by)
    months = list(dict.fromkeys(row["month"] for row in result.rows))
    lines: dict = {}
    for row in result.rows:
        lines.setdefault(row[by], {})[row["month"]] = row["qty"]
    return {
        "label": column.label,
        "months": months,
        "lines": [
            {
                "label": column.display(group),
                "values": [f"{quantities.get(month, 0):,}" for month in months],
                "total": f"{sum(quantities.values()):,}",
            }
            for group, quantities in lines.items()
        ],
        "totals": [f"{sum(quantities.get(month, 0) for quantities in lines.values()):,}" for month in months],
        "total": f"{result.total['qty']:,}",
    }
