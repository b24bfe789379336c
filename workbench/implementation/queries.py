"""The sample-point reports' numbers (docs/definitions.md#sample-points): 存销比, 客户断货率 and retail prices
against the guided price, from the observations of the sample-point customers of T in P.

Observations carry their customer and day (visits.SampleObservation), so a period of a city's observations is read
by index without the visits; order sums come through orders/facts.py like every report's.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.exports import Kind
from workbench.lib.numbers import CENT, rate
from workbench.lib.periods import Period
from workbench.lib.routers import report_database
from workbench.orders.facts import OrderFacts, count_pairs
from workbench.reporting.params import ReportParams
from workbench.reporting.results import Column, ReportResult
from workbench.visits.models import SampleObservation
from workbench.visits.observations import ordered_before, window_before

CUSTOMER_CODE = Column("customer_code", _("Customer code"), Kind.CODE, link="customer")  # 客户编码
CUSTOMER_NAME = Column("customer_name", _("Customer name"), Kind.TEXT, link="customer")  # 客户名称
SPEC_CODE = Column("spec_code", _("Spec code"), Kind.CODE, link="spec")  # 卷烟编码
SPEC_NAME = Column("spec_name", _("Spec name"), Kind.TEXT, link="spec")  # 卷烟名称


def sample_points(params: ReportParams) -> QuerySet:
    """The sample-point customers of T (marked now: the mark has no history)."""
    return params.customers().filter(is_sample_point=True)


def observations(params: ReportParams) -> QuerySet:
    """The observations in P of the sample-point customers of T, of S when given."""
    found = SampleObservation.objects.using(report_database()).filter(
        visited_on__gte=params.period.start,
        visited_on__lte=params.period.end,
        customer__in=sample_points(params).values("pk"),
    )
    if params.spec_ids is not None:
        found = found.filter(spec_id__in=params.spec_ids)
    return found.order_by()


# 存销比 ---------------------------------------------------------------------------------------------------------


def stock_to_sales_columns(params: ReportParams) -> list[Column]:
    return [
        CUSTOMER_CODE,
        CUSTOMER_NAME,
        SPEC_CODE,
        SPEC_NAME,
        Column("observed_on", _("Observed on"), Kind.DATE),
        Column("stock_qty", _("Stock"), Kind.INTEGER),
        Column("order_qty", _("Ordered in the 4 weeks before"), Kind.INTEGER),
        Column("stock_to_sales", _("Stock-to-sales"), Kind.DECIMAL),
    ]


def stock_to_sales(params: ReportParams) -> ReportResult:
    """存销比: per sample-point customer × spec, the stock at its last observation in P ÷ 订购量 of the 4 weeks
    before that observation's day; the total is Σ stock ÷ Σ 订购量."""
    last: dict[tuple[int, int], dict] = {}
    rows_read = observations(params).values_list("customer_id", "spec_id", "visited_on", "visit_id", "stock_qty")
    for customer_id, spec_id, day, _visit, stock in rows_read.order_by("visited_on", "visit_id"):
        last[(customer_id, spec_id)] = {"observed_on": day, "stock_qty": stock}
    # One read of the sample points' daily 订购量 over every window (4 weeks before each last observation).
    ordered: dict[tuple[int, int], int] = {}
    if last:
        days = [found["observed_on"] for found in last.values()]
        span = Period(window_before(min(days)).start, max(days) - timedelta(days=1))
        customers = Customer.objects.filter(pk__in={customer for customer, _spec in last})
        # Every spec of the customers (or S): a list of the specs observed would lead the planner to the spec index
        # of the order lines, where the few sample points' rows are found faster by customer.
        daily = OrderFacts(customers, span, params.spec_ids).daily_order_qty()
        for pair, found in last.items():
            ordered[pair] = ordered_before(daily.get(pair, []), found["observed_on"])
    customers_by_id = _names(Customer.objects, {customer for customer, _spec in last})
    specs_by_id = _spec_names({spec for _customer, spec in last})
    rows = []
    for (customer_id, spec_id), found in last.items():
        order_qty = ordered.get((customer_id, spec_id), 0)
        code, name = customers_by_id[customer_id]
        spec_code, spec_name = specs_by_id[spec_id]
        rows.append(
            {
                "customer_code": code,
                "customer_name": name,
                "spec_code": spec_code,
                "spec_name": spec_name,
                "observed_on": found["observed_on"],
                "stock_qty": found["stock_qty"],
                "order_qty": order_qty,
                "stock_to_sales": rate(found["stock_qty"], order_qty),
            }
        )
    rows.sort(key=lambda row: (row["customer_code"], row["spec_code"]))
    stock = sum(row["stock_qty"] for row in rows)
    order_qty = sum(row["order_qty"] for row in rows)
    total = {"stock_qty": stock, "order_qty": order_qty, "stock_to_sales": rate(stock, order_qty)}
    return ReportResult(params.report, params, stock_to_sales_columns(params), rows, total)


# 客户断货率 -------------------------------------------------------------------------------------------------------


def customer_stockout_rate_columns(params: ReportParams) -> list[Column]:
    return [
        SPEC_CODE,
        SPEC_NAME,
        Column("observed_customers", _("Sample points observed"), Kind.INTEGER),
        Column("stockout_customers", _("Sample points out of stock"), Kind.INTEGER),
        Column("buyers_before", _("Sample points ordering in the 3 periods before"), Kind.INTEGER),
        Column("customer_stockout_rate", _("Customer stock-out rate"), Kind.RATE),
    ]


def customer_stockout_rate(params: ReportParams) -> ReportResult:
    """客户断货率 (YC/T 455.3): per spec of S and for the set, the sample-point customers of T with stock-out days
    > 0 for it in P ÷ those who ordered it in the three periods before P (not 公司断货率, which counts lines)."""
    specs = params.required_specs()
    observed: set[tuple[int, int]] = set()
    out: set[tuple[int, int]] = set()
    for spec_id, customer_id, days in observations(params).values_list("spec_id", "customer_id", "stockout_days"):
        observed.add((spec_id, customer_id))
        if days > 0:
            out.add((spec_id, customer_id))
    before = OrderFacts(sample_points(params), params.period.periods_before(3), params.spec_ids).ordering_pairs(
        ["spec"]
    )
    counts = {
        "observed_customers": count_pairs(observed),
        "stockout_customers": count_pairs(out),
        "buyers_before": count_pairs(before),
    }

    def with_rate(values: dict) -> dict:
        return {**values, "customer_stockout_rate": rate(values["stockout_customers"], values["buyers_before"])}

    rows = [
        {
            "spec_code": spec.code,
            "spec_name": spec.name,
            **with_rate({key: per_spec.get(spec.pk, 0) for key, (per_spec, _all) in counts.items()}),
        }
        for spec in specs
    ]
    total = with_rate({key: every for key, (_per_spec, every) in counts.items()})
    return ReportResult(params.report, params, customer_stockout_rate_columns(params), rows, total)


# Retail prices against the guided price ---------------------------------------------------------------------------


def retail_prices_columns(params: ReportParams) -> list[Column]:
    return [
        SPEC_CODE,
        SPEC_NAME,
        Column("guide_price", _("Guided retail price"), Kind.MONEY),
        Column("observations", _("Observations"), Kind.INTEGER),
        Column("mean_price", _("Mean price"), Kind.MONEY),
        Column("min_price", _("Lowest price"), Kind.MONEY),
        Column("max_price", _("Highest price"), Kind.MONEY),
        Column("above_guide", _("Above the guide"), Kind.INTEGER),
        Column("above_guide_share", _("Share above the guide"), Kind.RATE),
    ]


def retail_prices(params: ReportParams) -> ReportResult:
    """Observed retail prices per spec (mean, lowest, highest) against the spec's guided retail price, with the
    share of the observations above it; the total counts the specs that have a guide."""
    grouped = (
        observations(params)
        .filter(retail_price__isnull=False)
        .values("spec_id", "spec__code", "spec__name", "spec__retail_price")
        .annotate(
            count=Count("pk"),
            price_sum=Sum("retail_price"),
            low=Min("retail_price"),
            high=Max("retail_price"),
            above=Count("pk", filter=Q(retail_price__gt=F("spec__retail_price"))),
        )
        .order_by("spec__code")
    )
    rows = []
    counted = above = 0
    for found in grouped:
        guide = found["spec__retail_price"]
        above_guide = found["above"] if guide is not None else None
        if guide is not None:
            counted += found["count"]
            above += found["above"]
        rows.append(
            {
                "spec_code": found["spec__code"],
                "spec_name": found["spec__name"],
                "guide_price": guide,
                "observations": found["count"],
                "mean_price": (Decimal(found["price_sum"]) / found["count"]).quantize(CENT, rounding=ROUND_HALF_UP),
                "min_price": found["low"],
                "max_price": found["high"],
                "above_guide": above_guide,
                "above_guide_share": None if guide is None else rate(found["above"], found["count"]),
            }
        )
    total = {"observations": counted, "above_guide": above, "above_guide_share": rate(above, counted)}
    return ReportResult(params.report, params, retail_prices_columns(params), rows, total)


def _names(manager, ids: set[int]) -> dict[int, tuple[str, str]]:
    found = manager.using(report_database()).filter(pk__in=ids).values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in found}


def _spec_names(ids: set[int]) -> dict[int, tuple[str, str]]:
    return _names(Spec.objects, ids)
