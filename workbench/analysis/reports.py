"""The nine reports of the 分析 step, registered into the shared reporting layer (`AnalysisConfig.ready()`).

Each report function here calls its query (queries.py, the numbers) and adds the extras the report declares
(charts.py turns the result into Chart.js series): nothing beside the table runs a query of its own.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.analysis import breakdowns, charts, queries
from workbench.analysis.extras import (
    GAP,
    HISTOGRAM,
    MOVEMENT_NOTE,
    PIVOT,
    SPREAD_CHART,
    TREND,
    histogram_of,
    movement_above_full,
    quantity_pivot,
)
from workbench.lib.routers import report_database
from workbench.reporting.breakdown import BREAKDOWN
from workbench.reporting.extras import CHART
from workbench.reporting.params import REQUIRED, ReportParams
from workbench.reporting.registry import Option, Report, ReportGroup, Step, register
from workbench.reporting.results import ReportResult
from workbench.targets.models import KpiMetric
from workbench.targets.queries import kpi_targets_for_specs

STEP = "analysis"

# The three key points of the 135 method, as the menu and the index group the reports.
CUSTOMER = ReportGroup("customer-analysis", _("Customer analysis"), "客户分析", _("Customer"))
BRAND = ReportGroup("brand-analysis", _("Brand analysis"), "品牌分析", _("Brand"))
MARKET = ReportGroup("market-analysis", _("Market analysis"), "市场分析", _("Market"))
ANALYSE = Step(
    STEP,
    _("Analyse"),
    _("Find out what is happening with your customers, brands and market before you plan the month."),
    (CUSTOMER, BRAND, MARKET),
)

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


def supply_demand(params: ReportParams) -> ReportResult:
    # Two charts: the specs ordered furthest below demand (one grouped read by spec), and the customers' spread
    # over bands of 满足率 (from the rows).
    result = queries.supply_demand(params)
    result.extras["chart"] = charts.short_specs_chart(queries.short_specs(params, charts.SHORT_SPECS_SHOWN))
    result.extras["spread_chart"] = charts.fill_rate_spread_chart(charts.fill_rate_bands(result))
    return breakdowns.apply(result)


def customer_set_sales(params: ReportParams) -> ReportResult:
    result = queries.customer_set_sales(params)
    result.extras["chart"] = charts.customer_set_sales_chart(result)
    return result


def classification_overview(params: ReportParams) -> ReportResult:
    result = queries.classification_overview(params)
    result.extras["chart"] = charts.classification_overview_chart(result)
    return result


def opportunity_analysis(params: ReportParams) -> ReportResult:
    result = queries.opportunity_analysis(params)
    result.extras["chart"] = charts.opportunity_analysis_chart(result)
    return result


def business_overview(params: ReportParams) -> ReportResult:
    result = queries.business_overview(params)
    result.extras["chart"] = charts.business_overview_chart(result)
    return breakdowns.apply(result)


def classification_sales(params: ReportParams) -> ReportResult:
    result = queries.classification_sales(params)
    result.extras["pivot"] = quantity_pivot(result)
    result.extras["chart"] = charts.classification_sales_chart(result)
    return breakdowns.apply(result)


def distribution_rate(params: ReportParams) -> ReportResult:
    # The query computes the monthly trend from the same reads as the table; the chart draws it, with the KPI
    # targets of the set running at the end of the period (docs/definitions.md#kpi-target-on-the-chart).
    result = queries.distribution_rate(params)
    result.extras["chart"] = charts.distribution_rate_chart(result, kpi_targets_of(params))
    return breakdowns.apply(result)


def kpi_targets_of(params: ReportParams) -> list:
    """The 铺货率 KPI targets the user sees for the report's brand set (or, without one, for a brand set holding
    any of its specs), running on the period's last day or today, whichever comes first."""
    day = min(params.period.end, timezone.localdate())
    found = kpi_targets_for_specs(
        params.user, params.spec_ids or [], day, metric=KpiMetric.DISTRIBUTION_RATE, using=report_database()
    )
    if params.brand_set is not None:
        found = [kpi for kpi in found if kpi.brand_set_id == params.brand_set.pk]
    return found


def order_frequency(params: ReportParams) -> ReportResult:
    result = queries.order_frequency(params)
    result.extras["histogram"] = histogram_of(result)
    result.extras["chart"] = charts.order_frequency_chart(result)
    return breakdowns.apply(result)


def four_rates(params: ReportParams) -> ReportResult:
    result = queries.four_rates(params)
    result.extras["chart"] = charts.four_rates_chart(result)
    result.extras["movement_note"] = movement_above_full(result)
    return breakdowns.apply(result)


# Titles carry the context "report title": they are the 2011 module names (铺货率查询), while the same English words
# may also name a column (铺货率). Within a group, the order is the index's and the menu's.
REPORTS = [
    Report(
        "business-overview",
        pgettext_lazy("report title", "Business overview"),
        _("Sales per month of the period against the same month last year."),
        business_overview,
        queries.business_overview_columns,
        STEP,
        CUSTOMER,
        "经营情况信息",
        options={"breakdown": BREAKDOWN},
        extras=(CHART,),
    ),
    Report(
        "supply-demand",
        pgettext_lazy("report title", "Customer supply and demand"),
        _("Demand, limits and orders per customer, with the demand fill rate and the limit fill rate."),
        supply_demand,
        queries.supply_demand_columns,
        STEP,
        CUSTOMER,
        "客户供需分析",
        options={"breakdown": BREAKDOWN},
        extras=(CHART, SPREAD_CHART),
    ),
    Report(
        "customer-set-sales",
        pgettext_lazy("report title", "Customer set sales"),
        _("Sales and order count of each customer of a customer set."),
        customer_set_sales,
        queries.customer_set_sales_columns,
        STEP,
        CUSTOMER,
        "客户集销售查询-客户",
        customer_set=REQUIRED,
        extras=(CHART,),
    ),
    Report(
        "classification-overview",
        pgettext_lazy("report title", "Customer classification overview"),
        _("Customers in business per class (market type, format, scale) or per grade."),
        classification_overview,
        queries.classification_overview_columns,
        STEP,
        CUSTOMER,
        "客户分类情况一览表",
        menu_title=pgettext_lazy("report title", "Customer classes"),
        specs=None,
        options={"by": GROUP_BY_CLASS},
        extras=(CHART,),
    ),
    Report(
        "classification-sales",
        pgettext_lazy("report title", "Sales by customer classification"),
        _("Sales per format (or class, grade, market type) and month."),
        classification_sales,
        queries.classification_sales_columns,
        STEP,
        CUSTOMER,
        "客户分类销售情况一览表",
        menu_title=pgettext_lazy("report title", "Sales by class"),
        options={"by": GROUP_BY_FORMAT, "breakdown": BREAKDOWN},
        extras=(PIVOT, CHART),
    ),
    Report(
        "opportunity-analysis",
        pgettext_lazy("report title", "Market opportunity analysis"),
        _("Market opportunities found in the period, per type and status."),
        opportunity_analysis,
        queries.opportunity_analysis_columns,
        STEP,
        MARKET,
        "市场机会分析",
        specs=None,
        extras=(CHART,),
        empty_template="analysis/opportunity_empty.html",
    ),
    Report(
        "distribution-rate",
        pgettext_lazy("report title", "Distribution rate"),
        _("Share of the customers in business who ordered each spec, and the set, against a target."),
        distribution_rate,
        queries.distribution_rate_columns,
        STEP,
        BRAND,
        "铺货率查询",
        specs=REQUIRED,
        target=True,
        options={"breakdown": BREAKDOWN},
        extras=(TREND, GAP, CHART),
    ),
    Report(
        "order-frequency",
        pgettext_lazy("report title", "Order frequency"),
        _("Number of order days of each customer in business, with the histogram."),
        order_frequency,
        queries.order_frequency_columns,
        STEP,
        CUSTOMER,
        "订货次数查询",
        options={"breakdown": BREAKDOWN},
        extras=(HISTOGRAM, CHART),
    ),
    Report(
        "four-rates",
        pgettext_lazy("report title", "Four rates"),
        _("Distribution, movement, stock-out and repurchase rates of each spec and the set."),
        four_rates,
        queries.four_rates_columns,
        STEP,
        BRAND,
        "四率查询",
        specs=REQUIRED,
        options={"breakdown": BREAKDOWN},
        extras=(CHART, MOVEMENT_NOTE),
    ),
]


def register_reports() -> None:
    """Put the nine reports into the shared registry (called once, from AnalysisConfig.ready())."""
    register(ANALYSE, *REPORTS)
