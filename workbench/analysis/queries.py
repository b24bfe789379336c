"""The nine reports of the 分析 (Analyze) step, one function each, exactly as metrics.md defines them.

Every function takes validated `ReportParams` and returns a `ReportResult`; the screens, the Excel export, the JSON
API and the command line all call these functions and nothing else, so the numbers are the same everywhere.
Counts are kept next to every rate, and totals are recomputed from counts (never averaged from rates).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from django.conf import settings
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.customers.models import Format, MarketType, Scale
from workbench.lib.numbers import per_carton, rate
from workbench.lib.periods import first_of_month, month_key
from workbench.lib.routers import report_database
from workbench.orders.facts import OrderFacts, Totals, count_pairs
from workbench.reporting.params import ReportParams
from workbench.reporting.results import Column, Kind, ReportResult
from workbench.visits.models import MarketOpportunity, OpportunityStatus, OpportunityType

FORMAT_LABELS = dict(Format.choices)
MARKET_TYPE_LABELS = dict(MarketType.choices)
SCALE_LABELS = dict(Scale.choices)

# Columns shared by several reports.
MONTH = Column("month", _("Month"), Kind.MONTH)
CUSTOMER_CODE = Column("customer_code", _("Customer code"), Kind.CODE, link="customer")  # 客户编码
CUSTOMER_NAME = Column("customer_name", _("Customer name"), Kind.TEXT, link="customer")  # 客户名称
SPEC_CODE = Column("spec_code", _("Spec code"), Kind.CODE, link="spec")  # 卷烟编码
SPEC_NAME = Column("spec_name", _("Spec name"), Kind.TEXT, link="spec")  # 卷烟名称
QUANTITY = Column("qty", _("Quantity (cartons)"), Kind.INTEGER)  # 销量(条)
AMOUNT = Column("amount", _("Amount (yuan)"), Kind.MONEY)  # 金额(元)
VALUE_PER_CARTON = Column("value_per_carton", _("Value per carton (yuan)"), Kind.MONEY)  # 单条值
CUSTOMERS_ORDERING = Column("customers_ordering", _("Customers ordering"), Kind.INTEGER)  # 订货户数
ORDER_COUNT = Column("order_count", _("Order count"), Kind.INTEGER)  # 订货次数
CUSTOMERS_IN_SCOPE = Column("customers_in_scope", _("Customers in business"), Kind.INTEGER)  # 在营户数
DISTRIBUTION_RATE = Column("distribution_rate", _("Distribution rate"), Kind.RATE)  # 铺货率

# Groupings of the classification reports: the customer attribute, its label, and its choices (if any).
GROUPINGS = {
    "format": (_("Format"), FORMAT_LABELS),  # 业态
    "class_code": (_("Class"), None),  # 客户分类, e.g. CZ1
    "grade": (_("Grade"), None),  # 档位
    "market_type": (_("Market type"), MARKET_TYPE_LABELS),  # 市场类型
}


def group_column(by: str) -> Column:
    """The column of a classification grouping (a class code links to the customer list of that class)."""
    label, choices = GROUPINGS[by]
    if by == "class_code":
        return Column("class_code", label, Kind.CODE, link="class")
    if by == "grade":
        return Column("grade", label, Kind.INTEGER)
    return Column(by, label, Kind.CHOICE, choices=choices)


def group_sort_key(by: str):
    """Order of the groups: the order of the choices where there are some, else the natural order."""
    _label, choices = GROUPINGS[by]
    if choices:
        order = {code: index for index, code in enumerate(choices)}
        return lambda value: (order.get(value, len(order)), str(value))
    return lambda value: (value is None, value)


def customer_names(customers) -> dict[int, tuple[str, str]]:
    """(code, name) of every customer of a queryset, in one query (no list of ids: a city has 30,000)."""
    rows = customers.using(report_database()).order_by().values_list("pk", "code", "name")
    return {pk: (code, name) for pk, code, name in rows}


# ---------------------------------------------------------------------------------------------------------------
# 经营情况信息 business overview


def business_overview_columns(params: ReportParams) -> list[Column]:
    return [
        MONTH,
        QUANTITY,
        AMOUNT,
        VALUE_PER_CARTON,
        CUSTOMERS_ORDERING,
        Column("qty_ly", _("Quantity last year"), Kind.INTEGER),  # 去年同期销量
        Column("amount_ly", _("Amount last year"), Kind.MONEY),  # 去年同期金额
    ]


def business_overview(params: ReportParams) -> ReportResult:
    """经营情况信息: per month of P, sales of T (of S when given) and the same month of the previous year.

    A partial month at an edge of P is compared with the same days a year earlier.
    """
    customers = params.customers()
    facts = OrderFacts(customers, params.period, params.spec_ids)
    last_year = OrderFacts(customers, params.period.shift_years(-1), params.spec_ids)
    totals = facts.totals(["month"])
    ordering = facts.ordering_counts(["month"])
    totals_ly = {key[0].replace(year=key[0].year + 1): value for key, value in last_year.totals(["month"]).items()}
    rows = []
    for month in params.period.months():
        this = totals.get((month,), Totals())
        before = totals_ly.get(month, Totals())
        rows.append(
            {
                "month": month_key(month),
                "qty": this.order_qty,
                "amount": this.amount,
                "value_per_carton": per_carton(this.amount, this.order_qty),
                "customers_ordering": ordering.get((month,), 0),
                "qty_ly": before.order_qty,
                "amount_ly": before.amount,
            }
        )
    qty = sum(row["qty"] for row in rows)
    amount = sum((row["amount"] for row in rows), Totals().amount)
    total = {
        "qty": qty,
        "amount": amount,
        "value_per_carton": per_carton(amount, qty),
        # Distinct customers over the whole period, not the sum of the months.
        "customers_ordering": facts.ordering_counts().get((), 0),
        "qty_ly": sum(row["qty_ly"] for row in rows),
        "amount_ly": sum((row["amount_ly"] for row in rows), Totals().amount),
    }
    return ReportResult(params.report, params, business_overview_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 客户供需分析 supply and demand


def supply_demand_columns(params: ReportParams) -> list[Column]:
    return [
        CUSTOMER_CODE,
        CUSTOMER_NAME,
        Column("demand_qty", _("Demand"), Kind.INTEGER),  # 需求量
        Column("limit_qty", _("Limit"), Kind.INTEGER),  # 限量
        Column("limited_order_qty", _("Ordered under a limit"), Kind.INTEGER),  # 有限量的订购量
        Column("order_qty", _("Ordered"), Kind.INTEGER),  # 订购量
        Column("fill_rate", _("Demand fill rate"), Kind.RATE),  # 满足率
        Column("limit_fill_rate", _("Limit fill rate"), Kind.RATE),  # 订足率
        Column("lines", _("Order lines"), Kind.INTEGER),
        Column("short_lines", _("Short lines"), Kind.INTEGER),  # 订购量 < 需求量
    ]


def _supply_demand_values(totals: Totals) -> dict:
    return {
        "demand_qty": totals.demand_qty,
        "limit_qty": totals.limit_qty,
        "limited_order_qty": totals.limited_order_qty,
        "order_qty": totals.order_qty,
        "fill_rate": rate(totals.order_qty, totals.demand_qty),
        "limit_fill_rate": rate(totals.limited_order_qty, totals.limit_qty),
        "lines": totals.lines,
        "short_lines": totals.short_lines,
    }


def supply_demand(params: ReportParams) -> ReportResult:
    """客户供需分析: per customer of T with order lines in P, demand, limit and orders with 满足率 and 订足率."""
    customers = params.customers()
    facts = OrderFacts(customers, params.period, params.spec_ids)
    per_customer = {key[0]: totals for key, totals in facts.totals(["customer"]).items()}
    names = customer_names(customers)
    rows = []
    for customer_id, totals in per_customer.items():
        code, name = names[customer_id]
        rows.append({"customer_code": code, "customer_name": name, **_supply_demand_values(totals)})
    overall = facts.totals()[()]  # the database adds up 29,000 customers faster than Python
    rows.sort(key=lambda row: row["customer_code"])
    total = {"customers": len(rows), **_supply_demand_values(overall)}
    return ReportResult(params.report, params, supply_demand_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 客户集销售查询-客户 customer-set sales


def customer_set_sales_columns(params: ReportParams) -> list[Column]:
    return [CUSTOMER_CODE, CUSTOMER_NAME, QUANTITY, AMOUNT, VALUE_PER_CARTON, ORDER_COUNT]


def customer_set_sales(params: ReportParams) -> ReportResult:
    """客户集销售查询-客户: per customer of the customer set (inside the scope), sales of P and 订货次数."""
    customers = params.customers().using(report_database())
    facts = OrderFacts(customers, params.period, params.spec_ids)
    per_customer = {key[0]: totals for key, totals in facts.totals(["customer"]).items()}
    days = facts.order_days()
    rows = []
    for customer_id, code, name in customers.order_by("code").values_list("pk", "code", "name"):
        totals = per_customer.get(customer_id, Totals())
        rows.append(
            {
                "customer_code": code,
                "customer_name": name,
                "qty": totals.order_qty,
                "amount": totals.amount,
                "value_per_carton": per_carton(totals.amount, totals.order_qty),
                "order_count": days.get(customer_id, 0),
            }
        )
    qty = sum(row["qty"] for row in rows)
    amount = sum((row["amount"] for row in rows), Totals().amount)
    total = {
        "customers": len(rows),
        "qty": qty,
        "amount": amount,
        "value_per_carton": per_carton(amount, qty),
        "order_count": sum(row["order_count"] for row in rows),
    }
    return ReportResult(params.report, params, customer_set_sales_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 客户分类情况一览表 classification overview

CUSTOMERS = Column("customers", pgettext_lazy("number of customers", "Customers"), Kind.INTEGER)  # 户数
SHARE = Column("share", _("Share"), Kind.RATE)  # 占比


def classification_overview_columns(params: ReportParams) -> list[Column]:
    if params.option("by") == "grade":
        return [group_column("grade"), CUSTOMERS, SHARE]
    return [
        group_column("class_code"),
        Column("format", _("Format"), Kind.CHOICE, choices=FORMAT_LABELS),
        Column("market_type", _("Market type"), Kind.CHOICE, choices=MARKET_TYPE_LABELS),
        Column("scale", _("Scale"), Kind.CHOICE, choices=SCALE_LABELS),
        CUSTOMERS,
        SHARE,
    ]


def classification_overview(params: ReportParams) -> ReportResult:
    """客户分类情况一览表: customers of A(T,P) per class (市场类型 + 业态 + 规模), or per 档位 with by=grade."""
    in_business = params.in_business().using(report_database()).order_by()
    if params.option("by") == "grade":
        rows = list(in_business.values("grade").annotate(customers=Count("pk")).order_by("grade"))
    else:
        fields = ["class_code", "format", "market_type", "scale"]
        rows = list(in_business.values(*fields).annotate(customers=Count("pk")).order_by("class_code"))
    customers = sum(row["customers"] for row in rows)
    for row in rows:
        row["share"] = rate(row["customers"], customers)
    total = {"customers": customers, "share": rate(customers, customers)}
    return ReportResult(params.report, params, classification_overview_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 客户分类销售情况一览表 classification sales


def classification_sales_columns(params: ReportParams) -> list[Column]:
    return [group_column(params.option("by")), MONTH, QUANTITY, AMOUNT, VALUE_PER_CARTON, CUSTOMERS_ORDERING]


def classification_sales(params: ReportParams) -> ReportResult:
    """客户分类销售情况一览表: sales of T (of S when given) per 业态 (or class, 档位, 市场类型) × month of P.

    Every group that ordered or had order lines in P gets a row for every month of P, zero months included.
    """
    by = params.option("by")
    facts = OrderFacts(params.customers(), params.period, params.spec_ids)
    totals = facts.totals([by, "month"])
    ordering = facts.ordering_counts([by, "month"])
    groups = sorted({key[0] for key in totals}, key=group_sort_key(by))
    rows = []
    for group in groups:
        for month in params.period.months():
            values = totals.get((group, month), Totals())
            rows.append(
                {
                    by: group,
                    "month": month_key(month),
                    "qty": values.order_qty,
                    "amount": values.amount,
                    "value_per_carton": per_carton(values.amount, values.order_qty),
                    "customers_ordering": ordering.get((group, month), 0),
                }
            )
    qty = sum(row["qty"] for row in rows)
    amount = sum((row["amount"] for row in rows), Totals().amount)
    total = {
        "qty": qty,
        "amount": amount,
        "value_per_carton": per_carton(amount, qty),
        "customers_ordering": facts.ordering_counts().get((), 0),
    }
    return ReportResult(params.report, params, classification_sales_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 市场机会分析 market opportunities


def opportunity_analysis_columns(params: ReportParams) -> list[Column]:
    return [
        Column("type", _("Type"), Kind.CHOICE, choices=dict(OpportunityType.choices)),
        Column("status", _("Status"), Kind.CHOICE, choices=dict(OpportunityStatus.choices)),
        Column("count", _("Opportunities"), Kind.INTEGER),
        Column("estimated_qty", _("Estimated demand (cartons/week)"), Kind.INTEGER),  # 预计需求(条/周)
    ]


def opportunity_analysis(params: ReportParams) -> ReportResult:
    """市场机会分析: the market opportunities of T found in P, counted per type and status.

    An opportunity belongs to T when its customer is in T, or, having no customer, when it was found by a staff
    member of the scope; with a customer set, only opportunities about its customers count.
    """
    customers = params.customers()
    in_scope = Q(customer__in=customers.order_by().values("pk"))
    if params.customer_set is None:
        in_scope |= Q(customer__isnull=True, staff__in=params.scope.staff.order_by().values("pk"))
    opportunities = (
        MarketOpportunity.objects.using(report_database())
        .restrict(params.user, "view")
        .filter(in_scope, found_on__gte=params.period.start, found_on__lte=params.period.end)
    )
    grouped = opportunities.values("type", "status").annotate(count=Count("pk"), estimated_qty=Sum("estimated_qty"))
    type_order = {code: index for index, code in enumerate(OpportunityType.values)}
    status_order = {code: index for index, code in enumerate(OpportunityStatus.values)}
    rows = [
        {
            "type": row["type"],
            "status": row["status"],
            "count": row["count"],
            "estimated_qty": row["estimated_qty"] or 0,
        }
        for row in grouped.order_by()
    ]
    rows.sort(key=lambda row: (type_order.get(row["type"], 99), status_order.get(row["status"], 99)))
    total = {"count": sum(row["count"] for row in rows), "estimated_qty": sum(row["estimated_qty"] for row in rows)}
    return ReportResult(params.report, params, opportunity_analysis_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 铺货率查询 distribution rate


def distribution_rate_columns(params: ReportParams) -> list[Column]:
    return [SPEC_CODE, SPEC_NAME, CUSTOMERS_IN_SCOPE, CUSTOMERS_ORDERING, DISTRIBUTION_RATE]


def distribution_rate(params: ReportParams) -> ReportResult:
    """铺货率查询: per spec of S, #{c ∈ A(T,P) who ordered it in P} / #A(T,P); the total is for the set (a customer
    who ordered any spec of S counts once).

    The extra "trend" is the set's 铺货率 for each month of P taken as its own period, read from the same
    (spec, month, customer) pairs as the table rather than by running the report once per month.
    """
    in_business = params.in_business()
    customers_in_scope = in_business.using(report_database()).count()
    facts = OrderFacts(in_business, params.period, params.spec_ids)
    pairs = facts.ordering_pairs(["spec", "month"])
    per_spec, ordering_any = count_pairs({(spec, customer) for spec, _month, customer in pairs})
    rows = []
    for spec in params.specs:
        ordering = per_spec.get(spec.pk, 0)
        rows.append(
            {
                "spec_code": spec.code,
                "spec_name": spec.name,
                "customers_in_scope": customers_in_scope,
                "customers_ordering": ordering,
                "distribution_rate": rate(ordering, customers_in_scope),
            }
        )
    total = {
        "customers_in_scope": customers_in_scope,
        "customers_ordering": ordering_any,
        "distribution_rate": rate(ordering_any, customers_in_scope),
    }
    result = ReportResult(params.report, params, distribution_rate_columns(params), rows, total)
    result.extras["trend"] = distribution_rate_trend(params, total, pairs)
    return result


def distribution_rate_trend(params: ReportParams, total: dict, pairs: set[tuple]) -> list[dict]:
    """The set's 铺货率 for each month m of P: #{c ∈ A(T,m) who ordered any spec of S in m} / #A(T,m).

    A one-month period is its own trend. Otherwise one read of the opening and closing dates of A(T,P) gives each
    month's A(T,m) (a subset of A(T,P)), and the pairs already read give who ordered in which month.
    """
    parts = params.period.month_parts()
    if len(parts) == 1:
        return [{"month": month_key(parts[0].start), **total}]
    dates = list(params.in_business().using(report_database()).values_list("pk", "opened_on", "closed_on"))
    ordering_by_month: dict = defaultdict(set)
    for _spec, month, customer in pairs:
        ordering_by_month[month].add(customer)
    points = []
    for part in parts:
        in_business = {
            pk for pk, opened, closed in dates if opened <= part.end and (closed is None or closed >= part.start)
        }
        ordering = len(ordering_by_month[first_of_month(part.start)] & in_business)
        points.append(
            {
                "month": month_key(part.start),
                "customers_in_scope": len(in_business),
                "customers_ordering": ordering,
                "distribution_rate": rate(ordering, len(in_business)),
            }
        )
    return points


# ---------------------------------------------------------------------------------------------------------------
# 订货次数查询 order frequency


def order_frequency_columns(params: ReportParams) -> list[Column]:
    return [CUSTOMER_CODE, CUSTOMER_NAME, ORDER_COUNT, QUANTITY]


def order_frequency(params: ReportParams) -> ReportResult:
    """订货次数查询: per customer of A(T,P), zero included, the distinct order dates in P (of S when given).

    The total holds the histogram {订货次数: customers}, every count from 0 to the highest.
    """
    in_business = params.in_business().using(report_database())
    facts = OrderFacts(in_business, params.period, params.spec_ids)
    days = facts.order_days()
    quantities = {key[0]: totals.order_qty for key, totals in facts.totals(["customer"], ["order_qty"]).items()}
    rows = [
        {
            "customer_code": code,
            "customer_name": name,
            "order_count": days.get(customer_id, 0),
            "qty": quantities.get(customer_id, 0),
        }
        for customer_id, code, name in in_business.order_by("code").values_list("pk", "code", "name")
    ]
    counts = Counter(row["order_count"] for row in rows)
    highest = max(counts, default=-1)
    total = {
        "customers": len(rows),
        "order_count": sum(row["order_count"] for row in rows),
        "qty": sum(row["qty"] for row in rows),
        "histogram": {count: counts.get(count, 0) for count in range(highest + 1)},
    }
    return ReportResult(params.report, params, order_frequency_columns(params), rows, total)


# ---------------------------------------------------------------------------------------------------------------
# 四率查询 four rates

# Every rate the four-rates report can show (settings.FOUR_RATES picks them): its label, then the keys of its
# numerator and denominator columns.
RATE_COLUMNS = {
    "distribution_rate": (_("Distribution rate"), "customers_ordering", "customers_in_scope"),  # 铺货率
    "movement_rate": (_("Movement rate"), "buyers", "buyers_before"),  # 动销率 (YC/T 455.3)
    "stockout_rate": (_("Stock-out rate"), "stockout_lines", "demand_lines"),  # 断货率 (公司断货率)
    "repurchase_rate": (_("Repurchase rate"), "repeat_buyers", "buyers"),  # 重购率
    "fill_rate": (_("Demand fill rate"), "order_qty", "demand_qty"),  # 满足率
    "limit_fill_rate": (_("Limit fill rate"), "limited_order_qty", "limit_qty"),  # 订足率
}
COUNT_LABELS = {
    "customers_in_scope": _("Customers in business"),
    "customers_ordering": _("Customers ordering"),
    "buyers": _("Customers ordering in the period"),  # 本期订货户数
    "buyers_before": _("Customers ordering in the 3 periods before"),  # 前三期订货户数
    "repeat_buyers": _("Customers ordering in this and the previous period"),  # 连续订货户数
    "stockout_lines": _("Stock-out lines"),  # 断货记录数
    "demand_lines": _("Lines with demand"),  # 有需求记录数
    "order_qty": _("Ordered"),
    "demand_qty": _("Demand"),
    "limited_order_qty": _("Ordered under a limit"),
    "limit_qty": _("Limit"),
}


def four_rate_keys() -> list[str]:
    """The rates of the four-rates report (the FOUR_RATES setting), checked against the known ones."""
    unknown = [key for key in settings.FOUR_RATES if key not in RATE_COLUMNS]
    if unknown:
        raise ValueError(f"FOUR_RATES: unknown rates {unknown} (known: {list(RATE_COLUMNS)})")
    return list(settings.FOUR_RATES)


def four_rates_columns(params: ReportParams) -> list[Column]:
    columns = [SPEC_CODE, SPEC_NAME]
    seen = set()
    for key in four_rate_keys():
        label, numerator, denominator = RATE_COLUMNS[key]
        for count in (numerator, denominator):
            if count not in seen:
                seen.add(count)
                columns.append(Column(count, COUNT_LABELS[count], Kind.INTEGER))
        columns.append(Column(key, label, Kind.RATE))
    return columns


def four_rates(params: ReportParams) -> ReportResult:
    """四率查询: per spec of S and for the set, the rates of settings.FOUR_RATES with the counts behind each.

    铺货率 counts customers of A(T,P); 动销率 and 重购率 count customers of T (metrics.md); 断货率 counts lines.
    """
    keys = four_rate_keys()
    needed = {count for key in keys for count in RATE_COLUMNS[key][1:]}
    customers = params.customers()
    period = params.period
    per_spec: dict[object, dict] = defaultdict(dict)  # spec id (or None for the set) → counts

    def put(count_key: str, per_spec_values: dict, set_value) -> None:
        for spec in params.specs:
            per_spec[spec.pk][count_key] = per_spec_values.get(spec.pk, 0)
        per_spec[None][count_key] = set_value

    def pairs_of(of_period) -> set[tuple]:
        return OrderFacts(customers, of_period, params.spec_ids).ordering_pairs(["spec"])

    # The (spec, customer) pairs of P serve 铺货率, 动销率 and 重购率 alike: read them once.
    buyers = pairs_of(period) if needed & {"customers_ordering", "buyers", "repeat_buyers"} else set()
    if needed & {"customers_ordering", "customers_in_scope"}:
        # A(T,P) as ids: 铺货率 counts the buyers among them (one id query instead of two joined aggregates).
        in_business = set(params.in_business().using(report_database()).order_by().values_list("pk", flat=True))
        put("customers_in_scope", {spec.pk: len(in_business) for spec in params.specs}, len(in_business))
        put("customers_ordering", *count_pairs({pair for pair in buyers if pair[1] in in_business}))

    if needed & {"buyers", "buyers_before", "repeat_buyers"}:
        put("buyers", *count_pairs(buyers))
        if "buyers_before" in needed:
            put("buyers_before", *count_pairs(pairs_of(period.periods_before(3))))
        if "repeat_buyers" in needed:
            previous = pairs_of(period.previous())
            repeat_per_spec = Counter(spec_id for spec_id, customer in buyers & previous)
            buyers_set = {customer for _spec, customer in buyers}
            previous_set = {customer for _spec, customer in previous}
            put("repeat_buyers", dict(repeat_per_spec), len(buyers_set & previous_set))

    line_counts = needed & {
        "stockout_lines",
        "demand_lines",
        "order_qty",
        "demand_qty",
        "limited_order_qty",
        "limit_qty",
    }
    if line_counts:
        totals = OrderFacts(customers, period, params.spec_ids).totals(["spec"])
        overall = Totals()
        for value in totals.values():
            overall += value
        for count_key in line_counts:
            put(
                count_key,
                {key[0]: getattr(value, count_key) for key, value in totals.items()},
                getattr(overall, count_key),
            )

    def with_rates(counts: dict) -> dict:
        values = dict(counts)
        for key in keys:
            _label, numerator, denominator = RATE_COLUMNS[key]
            values[key] = rate(counts[numerator], counts[denominator])
        return values

    columns = four_rates_columns(params)
    count_keys = [column.key for column in columns[2:] if column.kind != Kind.RATE]
    rows = []
    for spec in params.specs:
        counts = {key: per_spec[spec.pk][key] for key in count_keys}
        rows.append({"spec_code": spec.code, "spec_name": spec.name, **with_rates(counts)})
    total = with_rates({key: per_spec[None][key] for key in count_keys})
    return ReportResult(params.report, params, columns, rows, total)
