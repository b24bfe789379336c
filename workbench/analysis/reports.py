"""The nine reports of the 分析 step, registered into the shared reporting layer (`AnalysisConfig.ready()`).

Each report function here calls its query (queries.py, the numbers) and adds the extras the report declares
(charts.py turns the result into Chart.js series): nothing beside the table runs a query of its own.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.analysis import charts, queries
from workbench.analysis.extras import HISTOGRAM, PIVOT, TREND, histogram_of, quantity_pivot
from workbench.reporting.extras import CHART
from workbench.reporting.params import REQUIRED, ReportParams
from workbench.reporting.registry import Option, Report, ReportGroup, Step, register
from workbench.reporting.results import ReportResult

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


def business_overview(params: ReportParams) -> ReportResult:
    result = queries.business_overview(params)
    result.extras["chart"] = charts.business_overview_chart(result)
    return result


def classification_sales(params: ReportParams) -> ReportResult:
    result = queries.classification_sales(params)
    result.extras["pivot"] = quantity_pivot(result)
    result.extras["chart"] = charts.classification_sales_chart(result)
    return result


def distribution_rate(params: ReportParams) -> ReportResult:
    # The query computes the monthly trend from the same reads as the table; the chart draws it.
    result = queries.distribution_rate(params)
    result.extras["chart"] = charts.distribution_rate_chart(result)
    return result


def order_frequency(params: ReportParams) -> ReportResult:
    result = queries.order_frequency(params)
    result.extras["histogram"] = histogram_of(result)
    result.extras["chart"] = charts.order_frequency_chart(result)
    return result


def four_rates(params: ReportParams) -> ReportResult:
    result = queries.four_rates(params)
    result.extras["chart"] = charts.four_rates_chart(result)
    return result


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
        extras=(CHART,),
    ),
    Report(
        "supply-demand",
        pgettext_lazy("report title", "Customer supply and demand"),
        _("Demand, limits and orders per customer, with the demand fill rate and the limit fill rate."),
        queries.supply_demand,
        queries.supply_demand_columns,
        STEP,
        CUSTOMER,
        "客户供需分析",
    ),
    Report(
        "customer-set-sales",
        pgettext_lazy("report title", "Customer set sales"),
        _("Sales and order count of each customer of a customer set."),
        queries.customer_set_sales,
        queries.customer_set_sales_columns,
        STEP,
        CUSTOMER,
        "客户集销售查询-客户",
        customer_set=REQUIRED,
    ),
    Report(
        "classification-overview",
        pgettext_lazy("report title", "Customer classification overview"),
        _("Customers in business per class (market type, format, scale) or per grade."),
        queries.classification_overview,
        queries.classification_overview_columns,
        STEP,
        CUSTOMER,
        "客户分类情况一览表",
        menu_title=pgettext_lazy("report title", "Customer classes"),
        specs=None,
        options={"by": GROUP_BY_CLASS},
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
        options={"by": GROUP_BY_FORMAT},
        extras=(PIVOT, CHART),
    ),
    Report(
        "opportunity-analysis",
        pgettext_lazy("report title", "Market opportunity analysis"),
        _("Market opportunities found in the period, per type and status."),
        queries.opportunity_analysis,
        queries.opportunity_analysis_columns,
        STEP,
        MARKET,
        "市场机会分析",
        specs=None,
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
        extras=(TREND, CHART),
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
        extras=(CHART,),
    ),
]


def register_reports() -> None:
    """Put the nine reports into the shared registry (called once, from AnalysisConfig.ready())."""
    register(ANALYSE, *REPORTS)
