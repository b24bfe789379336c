"""The registry of the nine reports: name → function, columns, parameters it takes, chart.

The screens, the API (and its OpenAPI description), the command line and the benchmark all read this registry,
so a report added here is reachable in every way at once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.analysis import charts, queries
from workbench.analysis.params import OPTIONAL, REQUIRED, ReportParams
from workbench.analysis.results import Column, ReportResult


@dataclass(frozen=True)
class Option:
    """A report option such as `by`: its label, its choices (value → label) and the default."""

    label: str | Promise
    choices: dict
    default: str


@dataclass(frozen=True)
class Report:
    """One report: `specs` and `customer_set` are REQUIRED, OPTIONAL or None (not taken)."""

    name: str
    title: str | Promise
    description: str | Promise
    function: Callable[[ReportParams], ReportResult]
    columns: Callable[[ReportParams], list[Column]]
    specs: str | None = OPTIONAL
    customer_set: str | None = OPTIONAL
    options: dict[str, Option] = field(default_factory=dict)
    target: bool = False
    chart: Callable[[ReportResult], dict] | None = None

    def run(self, params: ReportParams) -> ReportResult:
        """Compute the report."""
        return self.function(params)


GROUP_BY_FORMAT = Option(
    _("Group by"),
    {
        "format": _("Format"),
        "class_code": _("Class"),
        "grade": _("Grade"),
        "market_type": _("Market type"),
    },
    "format",
)
GROUP_BY_CLASS = Option(_("Group by"), {"class_code": _("Class"), "grade": _("Grade")}, "class_code")

# Titles carry the context "report title": they are the 2011 module names (铺货率查询), while the same English words
# may also name a column (铺货率).
REPORTS: dict[str, Report] = {
    report.name: report
    for report in [
        Report(
            "business-overview",
            pgettext_lazy("report title", "Business overview"),  # 经营情况信息
            _("Sales per month of the period against the same month last year."),
            queries.business_overview,
            queries.business_overview_columns,
            chart=charts.business_overview_chart,
        ),
        Report(
            "supply-demand",
            pgettext_lazy("report title", "Customer supply and demand"),  # 客户供需分析
            _("Demand, limits and orders per customer, with the demand fill rate and the limit fill rate."),
            queries.supply_demand,
            queries.supply_demand_columns,
        ),
        Report(
            "customer-set-sales",
            pgettext_lazy("report title", "Customer set sales"),  # 客户集销售查询-客户
            _("Sales and order count of each customer of a customer set."),
            queries.customer_set_sales,
            queries.customer_set_sales_columns,
            customer_set=REQUIRED,
        ),
        Report(
            "classification-overview",
            pgettext_lazy("report title", "Customer classification overview"),  # 客户分类情况一览表
            _("Customers in business per class (market type, format, scale) or per grade."),
            queries.classification_overview,
            queries.classification_overview_columns,
            specs=None,
            options={"by": GROUP_BY_CLASS},
        ),
        Report(
            "classification-sales",
            pgettext_lazy("report title", "Sales by customer classification"),  # 客户分类销售情况一览表
            _("Sales per format (or class, grade, market type) and month."),
            queries.classification_sales,
            queries.classification_sales_columns,
            options={"by": GROUP_BY_FORMAT},
            chart=charts.classification_sales_chart,
        ),
        Report(
            "opportunity-analysis",
            pgettext_lazy("report title", "Market opportunity analysis"),  # 市场机会分析
            _("Market opportunities found in the period, per type and status."),
            queries.opportunity_analysis,
            queries.opportunity_analysis_columns,
            specs=None,
        ),
        Report(
            "distribution-rate",
            pgettext_lazy("report title", "Distribution rate"),  # 铺货率查询
            _("Share of the customers in business who ordered each spec, and the set, against a target."),
            queries.distribution_rate,
            queries.distribution_rate_columns,
            specs=REQUIRED,
            target=True,
            chart=charts.distribution_rate_chart,
        ),
        Report(
            "order-frequency",
            pgettext_lazy("report title", "Order frequency"),  # 订货次数查询
            _("Number of order days of each customer in business, with the histogram."),
            queries.order_frequency,
            queries.order_frequency_columns,
            chart=charts.order_frequency_chart,
        ),
        Report(
            "four-rates",
            pgettext_lazy("report title", "Four rates"),  # 四率查询
            _("Distribution, movement, stock-out and repurchase rates of each spec and the set."),
            queries.four_rates,
            queries.four_rates_columns,
            specs=REQUIRED,
            chart=charts.four_rates_chart,
        ),
    ]
}


def get_report(name: str) -> Report | None:
    """The report of this name, or None."""
    return REPORTS.get(name)
