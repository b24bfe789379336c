"""The reports of the 实施 step, registered into the shared reporting layer (`ImplementationConfig.ready()`): what
the sample points (信息采集点) report in their visits — 存销比, 客户断货率 and retail prices against the guided price
(docs/definitions.md#sample-points). Each report gets its page, Excel export, API answer and command from this
one registration, like the nine of 分析.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.implementation import queries
from workbench.reporting.params import REQUIRED
from workbench.reporting.registry import Report, ReportGroup, Step, register

STEP = "implementation"

SAMPLE_POINTS = ReportGroup("sample-points", _("Sample points"), "信息采集点", _("Sample points"))
IMPLEMENT = Step(
    STEP,
    _("Implement"),
    _("What the sample points report in their visits: stock, stock-outs and retail prices per spec."),
    (SAMPLE_POINTS,),
)

REPORTS = [
    Report(
        "stock-to-sales",
        pgettext_lazy("report title", "Stock-to-sales"),
        _("Each sample point's stock of a spec at its last observation against what it ordered in the 4 weeks before."),
        queries.stock_to_sales,
        queries.stock_to_sales_columns,
        STEP,
        SAMPLE_POINTS,
        "存销比",
        customer_set=None,
    ),
    Report(
        "customer-stockout-rate",
        pgettext_lazy("report title", "Customer stock-out rate"),
        _("Sample points out of stock of each spec against those that ordered it in the three periods before."),
        queries.customer_stockout_rate,
        queries.customer_stockout_rate_columns,
        STEP,
        SAMPLE_POINTS,
        "客户断货率",
        specs=REQUIRED,
        customer_set=None,
    ),
    Report(
        "retail-prices",
        pgettext_lazy("report title", "Retail prices"),
        _("Retail prices observed at the sample points against each spec's guided retail price."),
        queries.retail_prices,
        queries.retail_prices_columns,
        STEP,
        SAMPLE_POINTS,
        "零售价格监测",
        customer_set=None,
    ),
]


def register_reports() -> None:
    """Put the sample-point reports into the shared registry (called once, from ImplementationConfig.ready())."""
    register(IMPLEMENT, *REPORTS)
