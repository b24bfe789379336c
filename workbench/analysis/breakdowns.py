"""Breakdowns (docs/definitions.md "Breakdowns"): the six reports that total over customers, split by customer
manager, team or department, so that a market manager compares his people in one run.

With `breakdown=manager|team|department`, a report's table becomes one row per group: the report's total computed
over the customers of T whose manager is in that group, ranked by the report's key measure. The report's total
stays the undivided one (computed as without a breakdown), and so do its extras. Each group's figures are read by
grouped queries over the same order facts as the total: a handful of queries whatever the number of groups.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable

from django.db.models import Count
from django.utils.translation import pgettext_lazy

from workbench.accounts.models import OrgUnit, Staff
from workbench.analysis import queries
from workbench.lib.numbers import per_carton, rate
from workbench.lib.routers import report_database
from workbench.orders.facts import OrderFacts, Totals, count_pairs
from workbench.reporting.breakdown import RANK, group_column, rank_rows
from workbench.reporting.params import ReportParams
from workbench.reporting.results import Column, Kind, ReportResult

# The groups, and where a customer's group is found from the customer (the order facts use the same paths under
# "customer__", orders/facts.py KEY_PATHS). A customer manager sits on a team (市场部), a team in a department (营销部).
CUSTOMER_PATHS = {
    "manager": "manager_id",
    "team": "manager__org_unit_id",
    "department": "manager__org_unit__parent_id",
}


def apply(result: ReportResult) -> ReportResult:
    """The result split by the breakdown its parameters ask for; unchanged without one."""
    key = result.params.option("breakdown")
    if not key:
        return result
    measures, rank_by, columns = GROUP_MEASURES[result.report.name]
    values = measures(result.params, key)
    labels = group_labels(key, values)
    rows = [{"group": labels[group], **figures} for group, figures in values.items()]
    rank_rows(rows, rank_by(result.params))
    result.columns = [RANK, group_column(key), *columns(result.params)]
    result.rows = rows
    return result


def group_labels(key: str, values: dict) -> dict:
    """How each group is named: a customer manager by name and code, a unit by its name; "—" for none."""
    ids = [group for group in values if group is not None]
    if key == "manager":
        named = {staff.pk: str(staff) for staff in Staff.objects.using(report_database()).filter(pk__in=ids)}
    else:
        named = dict(OrgUnit.objects.using(report_database()).filter(pk__in=ids).values_list("pk", "name"))
    return {group: named.get(group, "—") for group in values}


def customers_per_group(customers, key: str) -> dict:
    """The number of customers of a queryset per group, in one grouped query."""
    path = CUSTOMER_PATHS[key]
    rows = customers.using(report_database()).order_by().values(path).annotate(customers=Count("pk"))
    return {row[path]: row["customers"] for row in rows}


def _sales(totals: Totals, ordering: int) -> dict:
    return {
        "qty": totals.order_qty,
        "amount": totals.amount,
        "value_per_carton": per_carton(totals.amount, totals.order_qty),
        "customers_ordering": ordering,
    }


def business_overview(params: ReportParams, key: str) -> dict:
    """经营情况信息's total per group: sales of P, distinct customers ordering, and the same dates a year earlier."""
    customers = params.customers()
    facts = OrderFacts(customers, params.period, params.spec_ids)
    totals = {group[0]: value for group, value in facts.totals([key]).items()}
    ordering = {group[0]: count for group, count in facts.ordering_counts([key]).items()}
    last_year = OrderFacts(customers, params.period.shift_years(-1), params.spec_ids)
    totals_ly = {group[0]: value for group, value in last_year.totals([key], ["order_qty", "amount"]).items()}
    values = {}
    for group in sorted(set(totals) | set(totals_ly), key=str):
        this, before = totals.get(group, Totals()), totals_ly.get(group, Totals())
        values[group] = {
            **_sales(this, ordering.get(group, 0)),
            "qty_ly": before.order_qty,
            "amount_ly": before.amount,
        }
    return values


def supply_demand(params: ReportParams, key: str) -> dict:
    """客户供需分析's total per group: demand, limits and orders with 满足率 and 订足率."""
    facts = OrderFacts(params.customers(), params.period, params.spec_ids)
    return {group[0]: queries.supply_demand_values(totals) for group, totals in facts.totals([key]).items()}


def classification_sales(params: ReportParams, key: str) -> dict:
    """客户分类销售情况一览表's total per group: sales of P and the distinct customers ordering."""
    facts = OrderFacts(params.customers(), params.period, params.spec_ids)
    ordering = {group[0]: count for group, count in facts.ordering_counts([key]).items()}
    return {group[0]: _sales(totals, ordering.get(group[0], 0)) for group, totals in facts.totals([key]).items()}


def distribution_rate(params: ReportParams, key: str) -> dict:
    """铺货率查询's set total per group: the customers of A(T,P) in the group who ordered any spec of S in P."""
    in_business = params.in_business()
    in_scope = customers_per_group(in_business, key)
    ordering, _everyone = count_pairs(OrderFacts(in_business, params.period, params.spec_ids).ordering_pairs([key]))
    return {
        group: {
            "customers_in_scope": customers,
            "customers_ordering": ordering.get(group, 0),
            "distribution_rate": rate(ordering.get(group, 0), customers),
        }
        for group, customers in in_scope.items()
    }


def order_frequency(params: ReportParams, key: str) -> dict:
    """订货次数查询's total per group: customers of A(T,P), their order days added up, their quantity."""
    in_business = params.in_business().using(report_database())
    group_of = dict(in_business.order_by().values_list("pk", CUSTOMER_PATHS[key]))
    facts = OrderFacts(in_business, params.period, params.spec_ids)
    days: Counter = Counter()
    for customer, count in facts.order_days().items():
        days[group_of[customer]] += count
    quantities = {group[0]: value.order_qty for group, value in facts.totals([key], ["order_qty"]).items()}
    customers = Counter(group_of.values())
    return {
        group: {"customers": count, "order_count": days.get(group, 0), "qty": quantities.get(group, 0)}
        for group, count in customers.items()
    }


def four_rates(params: ReportParams, key: str) -> dict:
    """四率查询's set total per group: the counts behind each rate of FOUR_RATES, then the rates."""
    keys = queries.four_rate_keys()
    customers, period = params.customers(), params.period
    counts: dict = defaultdict(lambda: defaultdict(int))

    def pairs_of(of_customers, of_period) -> set[tuple]:
        return OrderFacts(of_customers, of_period, params.spec_ids).ordering_pairs([key])

    needed = {count for rate_key in keys for count in queries.RATE_COLUMNS[rate_key][1:]}
    if needed & {"customers_in_scope", "customers_ordering"}:
        in_business = params.in_business()
        for group, number in customers_per_group(in_business, key).items():
            counts[group]["customers_in_scope"] = number
        for group, number in count_pairs(pairs_of(in_business, period))[0].items():
            counts[group]["customers_ordering"] = number
    buyers = pairs_of(customers, period) if needed & {"buyers", "repeat_buyers"} else set()
    for group, number in count_pairs(buyers)[0].items():
        counts[group]["buyers"] = number
    if "buyers_before" in needed:
        for group, number in count_pairs(pairs_of(customers, period.periods_before(3)))[0].items():
            counts[group]["buyers_before"] = number
    if "repeat_buyers" in needed:
        for group, number in count_pairs(buyers & pairs_of(customers, period.previous()))[0].items():
            counts[group]["repeat_buyers"] = number
    line_counts = needed & {
        "stockout_lines",
        "demand_lines",
        "order_qty",
        "demand_qty",
        "limited_order_qty",
        "limit_qty",
    }
    if line_counts:
        for group, totals in OrderFacts(customers, period, params.spec_ids).totals([key]).items():
            for name in line_counts:
                counts[group[0]][name] = getattr(totals, name)
    count_keys = [column.key for column in four_rates_columns(params) if column.kind != Kind.RATE]
    values = {}
    for group, found in counts.items():
        figures = {name: found[name] for name in count_keys}
        for rate_key in keys:
            _label, numerator, denominator = queries.RATE_COLUMNS[rate_key]
            figures[rate_key] = rate(figures[numerator], figures[denominator])
        values[group] = figures
    return values


def four_rates_columns(params: ReportParams) -> list[Column]:
    return queries.four_rates_columns(params)[2:]


CUSTOMERS = Column("customers", pgettext_lazy("number of customers", "Customers"), Kind.INTEGER)


def _first_rate(params: ReportParams) -> str:
    return queries.four_rate_keys()[0]


def _fixed(key: str) -> Callable[[ReportParams], str]:
    return lambda params: key


# Per report: the group figures, the measure ranked (highest first) and the columns after rank and group.
GROUP_MEASURES: dict[str, tuple[Callable, Callable, Callable]] = {
    "business-overview": (
        business_overview,
        _fixed("qty"),
        lambda params: queries.business_overview_columns(params)[1:],
    ),
    "supply-demand": (supply_demand, _fixed("fill_rate"), lambda params: queries.supply_demand_columns(params)[2:]),
    "classification-sales": (
        classification_sales,
        _fixed("qty"),
        lambda params: queries.classification_sales_columns(params)[2:],
    ),
    "distribution-rate": (
        distribution_rate,
        _fixed("distribution_rate"),
        lambda params: queries.distribution_rate_columns(params)[2:],
    ),
    "order-frequency": (
        order_frequency,
        _fixed("order_count"),
        lambda params: [CUSTOMERS, queries.ORDER_COUNT, queries.QUANTITY],
    ),
    "four-rates": (four_rates, _first_rate, four_rates_columns),
}
