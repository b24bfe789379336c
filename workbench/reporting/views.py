"""The screens every step's reports share: a step's index, each report's page and its Excel export.

A report page reads its parameters with `params.parse_params` and computes them with the registry's function,
exactly like the API and the command line; a bad parameter is a 400 and a scope outside the user's own a 404, with
the reason on screen.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, QueryDict
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.lib.pagination import paginate
from workbench.reporting import exporting, tables
from workbench.reporting.forms import ReportFilterForm, form_data
from workbench.reporting.params import DEFAULT_PERIOD, ReportError, ReportParams, parse_params
from workbench.reporting.registry import REPORTS, STEPS, Report, groups_of, parameter_names


def get_report_or_404(name: str) -> Report:
    report = REPORTS.get(name)
    if report is None:
        raise Http404(name)
    return report


def read_params(request, report: Report) -> tuple[ReportParams | None, ReportError | None, bool, QueryDict]:
    """The validated parameters of the request (or the error), whether this is a first visit, and the data read."""
    data = request.GET.copy()
    first_visit = not any(name in data for name in parameter_names(report))
    if first_visit:
        data["period"] = DEFAULT_PERIOD
    try:
        return parse_params(request.user, report, data, today=timezone.localdate()), None, first_visit, data
    except ReportError as error:
        return None, error, first_visit, data


@login_required
def report_index(request, step: str):
    """A step's reports, by group (分析: customer, brand and market)."""
    groups = [{"label": group.heading, "reports": reports} for group, reports in groups_of(step)]
    return render(request, "reporting/report_index.html", {"step": STEPS[step], "groups": groups})


def error_page(request, report: Report, error: ReportError, data: QueryDict, status: int):
    """The report page with the form and the reason the report cannot be shown."""
    context = {
        "report": report,
        "step": STEPS[report.step],
        "error": error,
        "invitation": None,
        "form": ReportFilterForm(report, request.user, data=data),
    }
    return render(request, "reporting/report_page.html", context, status=status)


@login_required
def report_page(request, name: str):
    """One report: the filter form, its extras (a chart, a pivot …), the sortable table with its total, the export."""
    report = get_report_or_404(name)
    params, error, first_visit, data = read_params(request, report)
    if error is not None:
        if first_visit and error.status == 400 and error.field in ("specs", "customer_set"):
            # Nothing asked yet: invite the user to choose what the report needs rather than scold him.
            context = {"report": report, "step": STEPS[report.step], "error": None, "invitation": error.message}
            context["form"] = ReportFilterForm(report, request.user, data=data)
            return render(request, "reporting/report_page.html", context)
        return error_page(request, report, error, data, error.status)

    result = report.run(params)
    sort = request.GET.get("sort", "")
    page = paginate(request, tables.sort_rows(result, sort))
    context = {
        "report": report,
        "step": STEPS[report.step],
        "error": None,
        "invitation": None,
        "form": ReportFilterForm(report, request.user, data={**form_data(params), **period_choice(data)}),
        "result": result,
        "headers": tables.headers(result.columns, sort),
        "page": page,
        "table_rows": [tables.table_row(result.columns, row) for row in page.object_list],
        "total_row": tables.total_row(result),
        "extras": result.extras,
        "extra_templates": [extra.template for extra in report.extras if extra.template],
        "chart": result.extras.get("chart"),
        "export_query": urlencode({**params.as_query(), **({"sort": sort} if sort else {})}),
        "target_percent": None if params.target is None else float(params.target) * 100,
    }
    return render(request, "reporting/report_page.html", context)


@login_required
def report_export(request, name: str):
    """The report as an Excel file: every row (not one page), in the order the screen shows them, then a sheet per
    extra. Past settings.WORKBENCH_EXPORT_MAX_ROWS rows it is refused with a 400 that says how to narrow it."""
    report = get_report_or_404(name)
    params, error, _first_visit, data = read_params(request, report)
    if error is not None:
        return error_page(request, report, error, data, error.status)
    result = report.run(params)
    limit = settings.WORKBENCH_EXPORT_MAX_ROWS
    if len(result.rows) > limit:
        error = ReportError(
            _(
                "The export would have %(count)s rows, more than the limit of %(limit)s: "
                "narrow the scope or shorten the period."
            )
            % {"count": f"{len(result.rows):,}", "limit": f"{limit:,}"}
        )
        return error_page(request, report, error, data, 400)
    result.rows = tables.sort_rows(result, request.GET.get("sort", ""))
    return exporting.xlsx_response(result)


def period_choice(data) -> dict:
    """Keep the preset the user picked in the form (its dates are shown next to it)."""
    preset = data.get("period")
    return {"period": preset} if preset and preset != "custom" else {}
