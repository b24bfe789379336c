"""The nine reports written by hand in DuckDB SQL over the raw order lines of the copy (`duckdb_copy`).

This is the benchmark's yardstick and a second opinion on the numbers: each report as metrics.md defines it,
computed the plainest way — scanning the order lines of the period — with none of our monthly summaries, period
parts, day masks or Python set arithmetic. The rows come out in the report's order under the report's keys, so
that `compare` can set them side by side.

What the reference takes from our code is only the input: the scope (turned into a column of the customer table:
the manager's staff code, or the team, department or company code), the period with the periods metrics.md derives
from it (lib.periods: last year, the previous period, the 3 periods before), the spec ids of S and the customer
set's members. It assumes, as the benchmark does, that the scope asked for is the user's own.

Money per carton (单条值) is left unrounded: the report rounds it to the cent, and `compare` allows half a cent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from workbench.accounts.access import Reach, reach_of
from workbench.accounts.models import OrgKind, OrgUnit, Staff
from workbench.customers.models import Format, MarketType
from workbench.lib.periods import Period
from workbench.reporting.params import ReportParams, Scope
from workbench.visits.models import OpportunityStatus, OpportunityType

# The scope columns of the copy's customer table (the same names on its staff table, where a customer manager's
# own code is `code`).
SCOPE_COLUMNS = ("manager_code", "team_code", "department_code", "company_code")
UNIT_SCOPE_COLUMNS: dict[str, str] = {
    OrgKind.TEAM: "team_code",
    OrgKind.DEPARTMENT: "department_code",
    OrgKind.COMPANY: "company_code",
}
# The groupings of the classification reports and, for coded attributes, the order of their groups.
GROUP_ORDERS = {
    "format": list(Format.values),
    "market_type": list(MarketType.values),
    "class_code": None,
    "grade": None,
}


@dataclass(frozen=True)
class ReferenceScope:
    """Scope T as an analyst writes it: `column = value` on the customer table; no column = the whole city."""

    column: str | None = None
    value: str | None = None

    def __post_init__(self):
        if self.column is not None and self.column not in SCOPE_COLUMNS:
            raise ValueError(f"unknown scope column {self.column!r}")


@dataclass(frozen=True)
class ReferenceQuery:
    """One report's parameters for the reference: the report, T, P, S, the customer set's members, options."""

    report: str
    scope: ReferenceScope
    period: Period
    spec_ids: tuple[int, ...] | None = None
    customer_ids: tuple[int, ...] | None = None  # the customer set narrowing T, when one is given
    options: dict[str, str] = field(default_factory=dict)


@dataclass
class ReferenceResult:
    """The reference's answer: rows under the report's keys, in the report's order, and the total."""

    rows: list[dict]
    total: dict


def reference_scope(scope: Scope) -> ReferenceScope:
    """The copy's column and value for a report's scope (a staff code or an org code; none = the whole city)."""
    if scope.code is None:
        return ReferenceScope()
    staff = Staff.objects.filter(code=scope.code).select_related("org_unit").first()
    if staff is not None:
        reach = reach_of(staff)
        if reach == Reach.OWN:
            return ReferenceScope("manager_code", staff.code)
        if reach == Reach.EVERYTHING:
            return ReferenceScope()
        unit = staff.org_unit
    else:
        unit = OrgUnit.objects.get(code=scope.code)
    return ReferenceScope(UNIT_SCOPE_COLUMNS[unit.kind], unit.code)


def reference_query(name: str, params: ReportParams) -> ReferenceQuery:
    """The reference's parameters for report `name` computed with `params`."""
    customer_ids = None
    if params.customer_set is not None:
        customer_ids = tuple(params.customer_set.customers(params.user).values_list("pk", flat=True))
    return ReferenceQuery(
        report=name,
        scope=reference_scope(params.scope),
        period=params.period,
        spec_ids=None if params.specs is None else tuple(spec.pk for spec in params.specs),
        customer_ids=customer_ids,
        options=dict(params.options),
    )


def run_reference(con, query: ReferenceQuery) -> ReferenceResult:
    """Compute one report on the DuckDB copy `con`."""
    return REFERENCES[query.report](Reference(con, query))


def ratio(numerator: str, denominator: str) -> str:
    """SQL for a rate: NULL when the denominator is 0 (metrics.md), a fraction otherwise."""
    return f"coalesce({numerator}, 0) / nullif({denominator}, 0)"


PER_CARTON = "sum(amount) / nullif(sum(order_qty), 0)"  # 单条值, unrounded
ORDERING = "count(DISTINCT customer_id) FILTER (WHERE order_qty > 0)"  # customers who ordered (订购量 > 0)


class Reference:
    """The SQL building blocks of one query: T, A(T,P), the lines of a period, and a runner."""

    def __init__(self, con, query: ReferenceQuery):
        self.con = con
        self.query = query
        period = query.period
        previous = period.previous()
        before = period.periods_before(3)
        last_year = period.shift_years(-1)
        self.parameters: dict[str, object] = {
            "scope": query.scope.value,
            "customer_ids": list(query.customer_ids or ()),
            "start": period.start,
            "end": period.end,
            "previous_start": previous.start,
            "previous_end": previous.end,
            "before_start": before.start,
            "before_end": before.end,
            "last_year_start": last_year.start,
            "last_year_end": last_year.end,
        }

    def fetch(self, sql: str) -> list[dict]:
        """The rows of `sql` as dicts; `$name` parameters come from the query."""
        used = set(re.findall(r"\$(\w+)", sql))
        cursor = self.con.execute(sql, {name: value for name, value in self.parameters.items() if name in used})
        names = [column[0] for column in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    @property
    def spec_filter(self) -> str:
        """` AND spec_id IN (…)` for S (literal ids: the scan filters them), nothing when every spec counts."""
        if self.query.spec_ids is None:
            return ""
        return f" AND spec_id IN ({', '.join(str(int(spec_id)) for spec_id in self.query.spec_ids)})"

    def customers(self) -> str:
        """T: the customers of the scope, narrowed to the customer set when one is given."""
        conditions = []
        if self.query.scope.column is not None:
            conditions.append(f"{self.query.scope.column} = $scope")
        if self.query.customer_ids is not None:
            conditions.append("id IN (SELECT unnest($customer_ids::BIGINT[]))")
        return "SELECT * FROM customer" + (f" WHERE {' AND '.join(conditions)}" if conditions else "")

    @staticmethod
    def in_business() -> str:
        """A(T,P): the customers of T opened by the end of P and not closed before its start."""
        return "SELECT * FROM t WHERE opened_on <= $end AND (closed_on IS NULL OR closed_on >= $start)"

    @property
    def whole_city(self) -> bool:
        """Whether T is every customer (no scope column, no customer set): its lines need no customer filter."""
        return self.query.scope.column is None and self.query.customer_ids is None

    def lines(self, period: str = "", customers: str = "t") -> str:
        """The order lines of `customers` (a CTE name), of S, in P (or `period`: "previous_", "before_" …)."""
        sql = f"SELECT * FROM order_line WHERE order_date BETWEEN ${period}start AND ${period}end{self.spec_filter}"
        if customers == "t" and self.whole_city:
            return sql
        return f"{sql} AND customer_id IN (SELECT id FROM {customers})"

    def spec_keys(self) -> str:
        """The specs of S (sorted by the statement), then the row of the set's total (`is_total`)."""
        return (
            "SELECT id AS spec_id, code AS spec_code, name AS spec_name, false AS is_total FROM spec"
            f" WHERE TRUE{self.spec_filter.replace('spec_id', 'id')} UNION ALL SELECT NULL, NULL, NULL, true"
        )

    @staticmethod
    def months() -> str:
        """The first days of the months P touches (shown as "YYYY-MM" at the end: formatting every line is slow)."""
        return (
            "SELECT m::DATE AS month"
            " FROM generate_series(date_trunc('month', $start::DATE), $end::DATE, INTERVAL 1 MONTH) AS g(m)"
        )

    def with_(self, **ctes: str) -> str:
        """A WITH clause: T first, then the given CTEs in order (computed once where marked `Materialized`)."""
        parts = {"t": self.customers(), **ctes}
        return (
            "WITH "
            + ", ".join(
                f"{name} AS {'MATERIALIZED ' if isinstance(sql, Materialized) else ''}({sql})"
                for name, sql in parts.items()
            )
            + " "
        )


class Materialized(str):
    """A CTE that several parts of the statement read (rows and total): DuckDB computes it once."""


def split_total(found: list[dict], row_only: tuple[str, ...] = (), total_only: tuple[str, ...] = ()) -> ReferenceResult:
    """The rows and the total of a statement that returns both, the total marked `is_total`.

    `row_only` keys are dropped from the total (the row's code, name, month), `total_only` keys from the rows.
    """
    rows, totals = [], []
    for row in found:
        if row.pop("is_total"):
            for key in row_only:
                del row[key]
            totals.append(row)
        else:
            for key in total_only:
                del row[key]
            rows.append(row)
    (total,) = totals
    return ReferenceResult(rows, total)


# ---------------------------------------------------------------------------------------------------------------
# The reports, in the registry's order.


def business_overview(ref: Reference) -> ReferenceResult:
    """经营情况信息: per month of P, sales of T (of S) and the same month a year before."""
    with_clause = ref.with_(
        lines=f"SELECT *, date_trunc('month', order_date)::DATE AS month FROM ({ref.lines()})",
        lines_ly=(
            "SELECT *, date_trunc('month', order_date + INTERVAL 1 YEAR)::DATE AS month"
            f" FROM ({ref.lines('last_year_')})"
        ),
        month_keys=f"SELECT month, false AS is_total FROM ({ref.months()}) UNION ALL SELECT NULL, true",
        this_year=(
            "SELECT month, sum(order_qty) AS qty, sum(amount) AS amount, "
            f" {PER_CARTON} AS value_per_carton, {ORDERING} AS customers_ordering"
            " FROM lines GROUP BY GROUPING SETS ((month), ())"
        ),
        last_year=(
            "SELECT month, sum(order_qty) AS qty_ly, sum(amount) AS amount_ly"
            " FROM lines_ly GROUP BY GROUPING SETS ((month), ())"
        ),
    )
    found = ref.fetch(
        with_clause + "SELECT strftime(month_keys.month, '%Y-%m') AS month, is_total, coalesce(qty, 0) AS qty,"
        " coalesce(amount, 0) AS amount,"
        " value_per_carton, coalesce(customers_ordering, 0) AS customers_ordering, coalesce(qty_ly, 0) AS qty_ly,"
        " coalesce(amount_ly, 0) AS amount_ly FROM month_keys"
        " LEFT JOIN this_year ON this_year.month IS NOT DISTINCT FROM month_keys.month"
        " LEFT JOIN last_year ON last_year.month IS NOT DISTINCT FROM month_keys.month"
        " ORDER BY is_total, month_keys.month"
    )
    return split_total(found, row_only=("month",))


SUPPLY_DEMAND_SUMS = (
    "coalesce(sum(demand_qty), 0) AS demand_qty, coalesce(sum(limit_qty), 0) AS limit_qty,"
    " coalesce(sum(order_qty) FILTER (WHERE limit_qty IS NOT NULL), 0) AS limited_order_qty,"
    " coalesce(sum(order_qty), 0) AS order_qty, count(*) AS lines,"
    " count(*) FILTER (WHERE order_qty < demand_qty) AS short_lines"
)


def supply_demand(ref: Reference) -> ReferenceResult:
    """客户供需分析: per customer of T with order lines in P, demand, limit and orders with 满足率 and 订足率."""
    with_clause = ref.with_(
        lines=ref.lines(),
        per_customer=(
            "SELECT customer_id, grouping(customer_id) = 1 AS is_total, count(DISTINCT customer_id) AS customers,"
            f" {SUPPLY_DEMAND_SUMS} FROM lines GROUP BY GROUPING SETS ((customer_id), ())"
        ),
    )
    found = ref.fetch(
        with_clause + "SELECT t.code AS customer_code, t.name AS customer_name, is_total, customers,"
        " demand_qty, limit_qty, limited_order_qty, order_qty,"
        f" {ratio('order_qty', 'demand_qty')} AS fill_rate,"
        f" {ratio('limited_order_qty', 'limit_qty')} AS limit_fill_rate, lines, short_lines"
        " FROM per_customer LEFT JOIN t ON t.id = per_customer.customer_id ORDER BY is_total, t.code"
    )
    return split_total(found, row_only=("customer_code", "customer_name"), total_only=("customers",))


def customer_set_sales(ref: Reference) -> ReferenceResult:
    """客户集销售查询-客户: per customer of the customer set (inside T), sales of P and 订货次数, zero included;
    the total adds up the rows."""
    with_clause = ref.with_(
        lines=ref.lines(),
        per_customer=(
            "SELECT customer_id, sum(order_qty) AS qty, sum(amount) AS amount,"
            " count(DISTINCT order_date) FILTER (WHERE order_qty > 0) AS order_count FROM lines GROUP BY customer_id"
        ),
        per_row=Materialized(
            "SELECT t.code AS customer_code, t.name AS customer_name, coalesce(qty, 0) AS qty,"
            " coalesce(amount, 0) AS amount, amount / nullif(qty, 0) AS value_per_carton,"
            " coalesce(order_count, 0) AS order_count"
            " FROM t LEFT JOIN per_customer ON per_customer.customer_id = t.id"
        ),
    )
    found = ref.fetch(
        with_clause + "SELECT *, false AS is_total, NULL::BIGINT AS customers FROM per_row UNION ALL"
        " SELECT NULL, NULL, coalesce(sum(qty), 0), coalesce(sum(amount), 0), sum(amount) / nullif(sum(qty), 0),"
        " coalesce(sum(order_count), 0), true, count(*) FROM per_row ORDER BY is_total, customer_code"
    )
    return split_total(found, row_only=("customer_code", "customer_name"), total_only=("customers",))


def classification_overview(ref: Reference) -> ReferenceResult:
    """客户分类情况一览表: customers of A(T,P) per class (市场类型 + 业态 + 规模), or per 档位 with by=grade."""
    keys = "grade" if ref.query.options.get("by") == "grade" else "class_code, format, market_type, scale"
    with_clause = ref.with_(a=ref.in_business())
    rows = ref.fetch(
        with_clause + f"SELECT {keys}, count(*) AS customers, count(*) / sum(count(*)) OVER () AS share"
        f" FROM a GROUP BY {keys} ORDER BY {keys.split(',')[0]}"
    )
    (total,) = ref.fetch(with_clause + f"SELECT count(*) AS customers, {ratio('count(*)', 'count(*)')} AS share FROM a")
    return ReferenceResult(rows, total)


def classification_sales(ref: Reference) -> ReferenceResult:
    """客户分类销售情况一览表: sales of T (of S) per 业态 (or class, 档位, 市场类型) × month of P, zero months included
    for every group with order lines in P."""
    by = ref.query.options.get("by") or "format"
    order = GROUP_ORDERS[by]  # KeyError for an unknown grouping: it is never spliced into SQL
    ref.parameters["group_order"] = order or []
    group_order = (
        "list_position($group_order, group_keys.grp) NULLS LAST, group_keys.grp" if order else "group_keys.grp"
    )
    with_clause = ref.with_(
        lines=(
            f"SELECT l.*, t.{by} AS grp, date_trunc('month', l.order_date)::DATE AS month FROM order_line AS l"
            f" JOIN t ON t.id = l.customer_id WHERE l.order_date BETWEEN $start AND $end"
            + ref.spec_filter.replace("spec_id", "l.spec_id")
        ),
        per_group=(
            "SELECT grp, month, sum(order_qty) AS qty, sum(amount) AS amount,"
            f" {PER_CARTON} AS value_per_carton, {ORDERING} AS customers_ordering"
            " FROM lines GROUP BY GROUPING SETS ((grp, month), ())"
        ),
        group_keys=(
            f"SELECT grp, month, false AS is_total FROM (SELECT DISTINCT grp FROM per_group WHERE grp IS NOT NULL)"
            f" CROSS JOIN ({ref.months()}) UNION ALL SELECT NULL, NULL, true"
        ),
    )
    found = ref.fetch(
        with_clause + f"SELECT group_keys.grp AS {by}, strftime(group_keys.month, '%Y-%m') AS month, is_total,"
        " coalesce(qty, 0) AS qty,"
        " coalesce(amount, 0) AS amount, value_per_carton, coalesce(customers_ordering, 0) AS customers_ordering"
        " FROM group_keys LEFT JOIN per_group ON per_group.grp IS NOT DISTINCT FROM group_keys.grp"
        " AND per_group.month IS NOT DISTINCT FROM group_keys.month"
        f" ORDER BY is_total, {group_order}, group_keys.month"
    )
    return split_total(found, row_only=(by, "month"))


def opportunity_analysis(ref: Reference) -> ReferenceResult:
    """市场机会分析: opportunities found in P by staff of the scope, about a customer of T or (without a customer
    set) about no customer, per type and status."""
    column = ref.query.scope.column
    staff_condition = "TRUE" if column is None else f"{'code' if column == 'manager_code' else column} = $scope"
    about = "o.customer_id IN (SELECT id FROM t)"
    if ref.query.customer_ids is None:
        about = f"({about} OR o.customer_id IS NULL)"
    ref.parameters["types"] = list(OpportunityType.values)
    ref.parameters["statuses"] = list(OpportunityStatus.values)
    with_clause = ref.with_(
        scope_staff=f"SELECT id FROM staff WHERE {staff_condition}",
        grouped=Materialized(
            'SELECT o.type, o.status, count(*) AS "count", coalesce(sum(o.estimated_qty), 0) AS estimated_qty'
            " FROM opportunity AS o WHERE o.found_on BETWEEN $start AND $end"
            f" AND o.staff_id IN (SELECT id FROM scope_staff) AND {about} GROUP BY o.type, o.status"
        ),
    )
    found = ref.fetch(
        with_clause + "SELECT *, false AS is_total FROM grouped UNION ALL"
        ' SELECT NULL, NULL, coalesce(sum("count"), 0), coalesce(sum(estimated_qty), 0), true FROM grouped'
        " ORDER BY is_total, list_position($types, type) NULLS LAST, list_position($statuses, status) NULLS LAST"
    )
    return split_total(found, row_only=("type", "status"))


def distribution_rate(ref: Reference) -> ReferenceResult:
    """铺货率查询: per spec of S and for the set, the customers of A(T,P) who ordered it in P over #A(T,P)."""
    with_clause = ref.with_(
        a=ref.in_business(),
        ordering=f"SELECT spec_id, customer_id FROM ({ref.lines(customers='a')}) WHERE order_qty > 0",
        in_scope="SELECT count(*) AS customers_in_scope FROM a",
        per_spec=(
            "SELECT spec_id, count(DISTINCT customer_id) AS customers_ordering FROM ordering"
            " GROUP BY GROUPING SETS ((spec_id), ())"
        ),
        spec_keys=ref.spec_keys(),
    )
    found = ref.fetch(
        with_clause + "SELECT spec_code, spec_name, is_total, customers_in_scope,"
        " coalesce(customers_ordering, 0) AS customers_ordering,"
        f" {ratio('customers_ordering', 'customers_in_scope')} AS distribution_rate"
        " FROM spec_keys CROSS JOIN in_scope"
        " LEFT JOIN per_spec ON per_spec.spec_id IS NOT DISTINCT FROM spec_keys.spec_id"
        " ORDER BY is_total, spec_code"
    )
    return split_total(found, row_only=("spec_code", "spec_name"))


def order_frequency(ref: Reference) -> ReferenceResult:
    """订货次数查询: per customer of A(T,P), zero included, the distinct dates in P he ordered on (S when given);
    the total adds up the rows and holds the histogram {订货次数: customers} from 0 to the highest count."""
    with_clause = ref.with_(
        a=ref.in_business(),
        lines=ref.lines(customers="a"),
        per_customer=(
            "SELECT customer_id, count(DISTINCT order_date) FILTER (WHERE order_qty > 0) AS order_count,"
            " sum(order_qty) AS qty FROM lines GROUP BY customer_id"
        ),
        per_row=Materialized(
            "SELECT a.code AS customer_code, a.name AS customer_name, coalesce(order_count, 0) AS order_count,"
            " coalesce(qty, 0) AS qty FROM a LEFT JOIN per_customer ON per_customer.customer_id = a.id"
        ),
        histogram=(
            "SELECT counts.k AS order_count, count(per_row.customer_code) AS customers"
            " FROM (SELECT unnest(range(0, (SELECT coalesce(max(order_count) + 1, 0) FROM per_row))) AS k) AS counts"
            " LEFT JOIN per_row ON per_row.order_count = counts.k GROUP BY counts.k"
        ),
    )
    found = ref.fetch(
        with_clause + "SELECT *, false AS is_total, NULL::BIGINT AS customers,"
        " NULL::MAP(BIGINT, BIGINT) AS histogram FROM per_row UNION ALL"
        " SELECT NULL, NULL, coalesce(sum(order_count), 0), coalesce(sum(qty), 0), true, count(*),"
        " (SELECT map(list(order_count ORDER BY order_count), list(customers ORDER BY order_count)) FROM histogram)"
        " FROM per_row ORDER BY is_total, customer_code"
    )
    result = split_total(found, row_only=("customer_code", "customer_name"), total_only=("customers", "histogram"))
    result.total["histogram"] = dict(result.total["histogram"] or {})
    return result


# Every rate the four-rates report can show, from its numerator and denominator (metrics.md "Indicators").
FOUR_RATES = {
    "distribution_rate": ("customers_ordering", "customers_in_scope"),  # 铺货率
    "movement_rate": ("buyers", "buyers_before"),  # 动销率
    "stockout_rate": ("stockout_lines", "demand_lines"),  # 断货率
    "repurchase_rate": ("repeat_buyers", "buyers"),  # 重购率
    "fill_rate": ("order_qty", "demand_qty"),  # 满足率
    "limit_fill_rate": ("limited_order_qty", "limit_qty"),  # 订足率
}


def _buyers(ref: Reference, period: str = "") -> str:
    """The distinct (spec, customer) of T who ordered a spec of S in the period."""
    return f"SELECT DISTINCT spec_id, customer_id FROM ({ref.lines(period)}) WHERE order_qty > 0"


def four_rates(ref: Reference) -> ReferenceResult:
    """四率查询: per spec of S and for the set, every rate the report can show with the counts behind it.

    The set's row counts a customer once whatever specs of S he ordered; its 重购率 numerator counts the customers
    who ordered S (any spec) both in P and in the previous period.
    """
    per_spec_and_set = "GROUP BY GROUPING SETS ((spec_id), ())"
    with_clause = ref.with_(
        a=ref.in_business(),
        pairs_now=_buyers(ref),
        pairs_before=_buyers(ref, "before_"),
        pairs_previous=_buyers(ref, "previous_"),
        lines=ref.lines(),
        spec_keys=ref.spec_keys(),
        ordering_counts=(
            "SELECT spec_id, count(DISTINCT customer_id) AS customers_ordering FROM pairs_now"
            f" WHERE customer_id IN (SELECT id FROM a) {per_spec_and_set}"
        ),
        buyer_counts=f"SELECT spec_id, count(DISTINCT customer_id) AS buyers FROM pairs_now {per_spec_and_set}",
        before_counts=(
            f"SELECT spec_id, count(DISTINCT customer_id) AS buyers_before FROM pairs_before {per_spec_and_set}"
        ),
        repeat_counts=(
            "SELECT spec_id, count(*) AS repeat_buyers"
            " FROM pairs_now JOIN pairs_previous USING (spec_id, customer_id)"
            " GROUP BY spec_id UNION ALL SELECT NULL, count(*) FROM"
            " (SELECT customer_id FROM pairs_now INTERSECT SELECT customer_id FROM pairs_previous)"
        ),
        line_counts=(
            "SELECT spec_id, count(*) FILTER (WHERE demand_qty > 0 AND order_qty = 0) AS stockout_lines,"
            " count(*) FILTER (WHERE demand_qty > 0) AS demand_lines, sum(order_qty) AS order_qty,"
            " sum(demand_qty) AS demand_qty, sum(order_qty) FILTER (WHERE limit_qty IS NOT NULL) AS limited_order_qty,"
            f" sum(limit_qty) AS limit_qty FROM lines {per_spec_and_set}"
        ),
        counts=(
            "SELECT spec_code, spec_name, is_total, (SELECT count(*) FROM a) AS customers_in_scope,"
            + ", ".join(
                f"coalesce({name}, 0) AS {name}"
                for name in (
                    "customers_ordering",
                    "buyers",
                    "buyers_before",
                    "repeat_buyers",
                    "stockout_lines",
                    "demand_lines",
                    "order_qty",
                    "demand_qty",
                    "limited_order_qty",
                    "limit_qty",
                )
            )
            + " FROM spec_keys"
            + "".join(
                f" LEFT JOIN {cte} ON {cte}.spec_id IS NOT DISTINCT FROM spec_keys.spec_id"
                for cte in ("ordering_counts", "buyer_counts", "before_counts", "repeat_counts", "line_counts")
            )
        ),
    )
    rates = ", ".join(
        f"{ratio(numerator, denominator)} AS {name}" for name, (numerator, denominator) in FOUR_RATES.items()
    )
    found = ref.fetch(with_clause + f"SELECT *, {rates} FROM counts ORDER BY is_total, spec_code")
    return split_total(found, row_only=("spec_code", "spec_name"))


REFERENCES = {
    "business-overview": business_overview,
    "supply-demand": supply_demand,
    "customer-set-sales": customer_set_sales,
    "classification-overview": classification_overview,
    "classification-sales": classification_sales,
    "opportunity-analysis": opportunity_analysis,
    "distribution-rate": distribution_rate,
    "order-frequency": order_frequency,
    "four-rates": four_rates,
}
