"""Whole exports timed on a database (`workbench bench_exports --database`): the query and the file, as a user
downloads them.

Three exports, city-wide (every customer, as a leader or the admin sees them): the customer list's (`customers:
customer_export`, every customer), 客户供需分析's (`analysis:supply-demand-export`, the last month with orders) and
the visit list's (`visits:visit_list_export`, the last month with visits).
Each case calls the export view itself with a GET request, so what is timed is what a download costs the server:
the query, the rows, the workbook and the response's bytes. The reading alone (the rows the view's export
consumes, without the workbook) is timed apart, so the difference is the writing.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any, cast

from django.db.models import Max
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from workbench.customers import views as customer_views
from workbench.customers.models import Customer
from workbench.devtools.bench.timing import Timing, time_runs
from workbench.lib.exports import XLSX_CONTENT_TYPE
from workbench.lib.periods import Period
from workbench.orders.models import CustomerMonth
from workbench.reporting import views as report_views
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS
from workbench.visits import exports as visit_exports
from workbench.visits import views as visit_views
from workbench.visits.models import Visit

# Every customer of the city, as bench.py's reports see it: restrict() lets a superuser see everything.
CITY = SimpleNamespace(is_authenticated=True, is_superuser=True, staff=None, pk=None)


@dataclass(frozen=True)
class ExportCase:
    """One export: its name, the number of data rows it writes, how to read its rows and how to download it."""

    name: str
    rows: int
    read: Callable[[], object]
    download: Callable[[], HttpResponse]


@dataclass(frozen=True)
class ExportTiming:
    """A case's timings: the whole download (wall clock and processor), the reading alone, the file's size."""

    case: ExportCase
    download: Timing
    download_cpu_ms: float
    read: Timing
    size: int


def customer_list_case(factory: RequestFactory) -> ExportCase:
    """客户列表's export of every customer (no filter), as the leaders of the load test download it."""
    request = factory.get(reverse("customers:customer_export"))
    request.user = cast(Any, CITY)  # what restrict() needs of a user: bench.py's stand-in for the city

    def read() -> int:
        form, customers, _sort = customer_views.filtered_customers(request)
        return sum(1 for _row in customer_views.customer_export_rows(customers))

    return ExportCase(
        name="customer list",
        rows=Customer.objects.count(),
        read=read,
        download=lambda: customer_views.customer_export(request),
    )


def supply_demand_case(factory: RequestFactory, period: Period) -> ExportCase:
    """客户供需分析 city-wide over `period`: the report's rows, then its workbook (the view's export)."""
    report = REPORTS["supply-demand"]
    query = {"from": period.start.isoformat(), "to": period.end.isoformat()}
    request = factory.get(reverse(f"{report.step}:{report.name}-export"), query)
    request.user = cast(Any, CITY)
    params = parse_params(CITY, report, query, today=timezone.localdate())
    return ExportCase(
        name=f"客户供需分析 {period.start:%Y-%m}",
        rows=len(report.run(params).rows),
        read=lambda: report.run(params),
        download=lambda: report_views.report_export(request, name=report.name),
    )


def visit_list_case(factory: RequestFactory, month) -> ExportCase:
    """拜访记录's export of every visit of `month` (its 29 columns), as the admin downloads it."""
    query = {"month": f"{month:%Y-%m}"}
    request = factory.get(reverse("visits:visit_list_export"), query)
    request.user = cast(Any, CITY)

    def read() -> int:
        found = visit_exports.listing(CITY, query, timezone.localdate())
        return sum(1 for _row in visit_exports.visit_rows(found))

    return ExportCase(
        name=f"visit list {month:%Y-%m}",
        rows=read(),
        read=read,
        download=lambda: visit_views.visit_list_export(request),
    )


def export_cases() -> list[ExportCase]:
    """The two city-wide exports; the report over the last month with orders (none without order data)."""
    factory = RequestFactory()
    cases = [customer_list_case(factory)]
    last_month = CustomerMonth.objects.aggregate(month=Max("month"))["month"]
    if last_month is not None:
        cases.append(supply_demand_case(factory, Period.months_from(last_month, 1)))
    last_visit = Visit.objects.aggregate(day=Max("visited_on"))["day"]
    if last_visit is not None:
        cases.append(visit_list_case(factory, last_visit.replace(day=1)))
    return cases


def time_case(case: ExportCase, runs: int) -> ExportTiming:
    """One warm-up and `runs` timed downloads (wall clock and processor time), then the reading alone."""
    cpu: list[float] = []

    def download() -> HttpResponse:
        started = time.process_time()
        response = case.download()
        cpu.append((time.process_time() - started) * 1000)
        return response

    response, download_timing = time_runs(download, runs)
    if response.status_code != 200 or response["Content-Type"] != XLSX_CONTENT_TYPE:
        raise RuntimeError(f"{case.name}: the export answered {response.status_code}, not a workbook.")
    _result, read_timing = time_runs(case.read, runs)
    return ExportTiming(
        case=case,
        download=download_timing,
        download_cpu_ms=statistics.median(cpu[1:]),  # the first run is the warm-up
        read=read_timing,
        size=len(response.content),
    )
