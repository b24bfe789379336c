"""The registry of reports: every step app (分析 today, 评估 and 改进 later) registers its own here.

A report is its function, its columns, the parameters it takes, the extras it shows beside its table, and where
it lives: its step (the app whose URL namespace and prefix it gets, e.g. "analysis" → /analysis/<name>/) and its
group on the index and in the menu. The screens, the API (and its OpenAPI description), the command line and the
menu all read this registry, so a report registered once is reachable in every way at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise

from workbench.reporting.params import OPTIONAL, PARAMETER_NAMES, ReportParams
from workbench.reporting.results import Column, ReportResult


@dataclass(frozen=True)
class Option:
    """A report option such as `by`: its label, its choices (value → label) and the default."""

    label: str | Promise
    choices: dict
    default: str


@dataclass(frozen=True)
class ReportGroup:
    """A group of reports on a step's index and in the menu (客户分析, 品牌分析, 市场分析 …)."""

    slug: str  # the menu's second-level slug, e.g. "customer-analysis"
    label: str | Promise  # the menu's label, e.g. "Customer analysis"
    name_zh: str  # the 2011 platform's name (a domain word, not translated)
    heading: str | Promise  # the index page's heading, e.g. "Customer"


@dataclass(frozen=True)
class Step:
    """A step app that registers reports: its URL namespace, its index page's title and lead paragraph, and its
    groups in the order the index and the menu show them."""

    name: str  # "analysis": the URL namespace, `<name>:index` its index page
    title: str | Promise
    lead: str | Promise
    groups: tuple[ReportGroup, ...]


@dataclass(frozen=True)
class Extra:
    """Something a report shows beside its table (a pivot, a histogram, a chart, a monthly trend).

    The report function computes it into `result.extras[name]`; `table` turns that value into (columns, rows) for
    the extra sheet of the Excel file (None: the extra has no sheet of its own); `template` draws it on the report
    page, above the table, from the context's `extras` (None: the page does not draw it, or draws it itself, as the
    chart).
    """

    name: str
    title: str | Promise
    table: Callable[[Any], tuple[list[Column], list[dict]]] | None = None
    template: str | None = None


@dataclass(frozen=True)
class Report:
    """One report: `specs` and `customer_set` are REQUIRED, OPTIONAL or None (not taken)."""

    name: str
    title: str | Promise
    description: str | Promise
    function: Callable[[ReportParams], ReportResult]
    columns: Callable[[ReportParams], list[Column]]
    step: str  # the URL namespace of the app that registers it ("analysis")
    group: ReportGroup
    name_zh: str  # the 2011 module's name (铺货率查询 …), which the Chinese title and menu label read
    menu_title: str | Promise | None = None  # a shorter label for the menu; the title when None
    specs: str | None = OPTIONAL
    customer_set: str | None = OPTIONAL
    options: dict[str, Option] = field(default_factory=dict)
    target: bool = False
    extras: tuple[Extra, ...] = ()
    # What the page says when there are no rows, where that needs more than "nothing to show" (a template).
    empty_template: str | None = None

    def run(self, params: ReportParams) -> ReportResult:
        """Compute the report, with the extras it declares (a missing or undeclared extra is a programming error)."""
        result = self.function(params)
        declared = [extra.name for extra in self.extras]
        if sorted(result.extras) != sorted(declared):
            raise RuntimeError(f"{self.name} computed the extras {sorted(result.extras)}, declared {declared}")
        return result

    @property
    def url_name(self) -> str:
        """The name of the report's page (`analysis:four-rates`)."""
        return f"{self.step}:{self.name}"

    @property
    def export_url_name(self) -> str:
        """The name of the report's Excel export (`analysis:four-rates-export`)."""
        return f"{self.step}:{self.name}-export"

    @property
    def label(self) -> str | Promise:
        """What the menu says."""
        return self.menu_title or self.title


# Every registered report by name, in the order of registration (the order of the index and the menu).
REPORTS: dict[str, Report] = {}
STEPS: dict[str, Step] = {}


def register(step: Step, *reports: Report) -> None:
    """Add a step and its reports; a second report of the same name is refused (names are URLs and API paths)."""
    STEPS[step.name] = step
    for report in reports:
        if report.step != step.name or report.group not in step.groups:
            raise ValueError(f"{report.name} belongs to {report.step!r}, not {step.name!r} or its groups")
        existing = REPORTS.get(report.name)
        if existing is not None and existing is not report:
            raise ValueError(f"A report named {report.name!r} is already registered")
        REPORTS[report.name] = report


def reports_of(step: str) -> list[Report]:
    """The reports of one step, in the order they were registered."""
    return [report for report in REPORTS.values() if report.step == step]


def groups_of(step: str) -> list[tuple[ReportGroup, list[Report]]]:
    """The step's groups in its order, each with its reports in the order they were registered."""
    reports = reports_of(step)
    return [(group, [report for report in reports if report.group == group]) for group in STEPS[step].groups]


def parameter_names(report: Report | None = None) -> tuple[str, ...]:
    """The parameters of a report (PARAMETER_NAMES and its options), or of every registered report."""
    reports = [report] if report is not None else list(REPORTS.values())
    options = dict.fromkeys(name for each in reports for name in each.options)
    return (*PARAMETER_NAMES, *options)
