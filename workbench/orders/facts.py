"""Reading the order data of a scope, a spec set and a period: the one place the reports and the pages (home,
customer, spec) read order sums.

A period is read in parts (lib.periods.Period.split_whole_months): its run of whole months from the exact monthly
summaries (CustomerMonth when every spec counts, CustomerSpecMonth for a spec set), and its partial months at the
edges from the order lines. Sums add up across parts. Distinct customers do not, so they are counted by the
database when one part holds them all (one part, or a grouping by month: parts never share a month) and otherwise
from the (key, customer) pairs of every part, united in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from operator import itemgetter
from typing import Any

from django.db.models import Aggregate, BigIntegerField, Count, DecimalField, F, Max, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from workbench.lib.periods import Period, first_of_month
from workbench.lib.routers import report_database
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine

# Grouping keys the reports use, and where each lives on an order line or a summary row. "month" is the summary's
# month, or the (single) month of a partial edge.
KEY_PATHS = {
    "month": "month",
    "customer": "customer_id",
    "manager": "customer__manager_id",  # 客户经理: the customer's current manager (targets' forecasts, per manager)
    "spec": "spec_id",
    "format": "customer__format",  # 业态
    "market_type": "customer__market_type",  # 市场类型
    "scale": "customer__scale",  # 经营规模
    "class_code": "customer__class_code",  # 客户分类
    "grade": "customer__grade",  # 档位
    "spec_code": "spec__code",  # 卷烟编码, beside "spec" where a page shows the spec
    "spec_name": "spec__name",  # 卷烟名称
    # The breakdowns of analysis (docs/definitions.md "Breakdowns"): the customer's manager, his team, its department.
    "team": "customer__manager__org_unit_id",  # 市场部
    "department": "customer__manager__org_unit__parent_id",  # 营销部
}


@dataclass
class Totals:
    """The sums a group of order lines reduces to (the same measures as the monthly summaries)."""

    demand_qty: int = 0  # Σ 需求量
    limit_qty: int = 0  # Σ 限量 over lines with a limit
    limited_order_qty: int = 0  # Σ 订购量 over lines with a limit (订足率 numerator)
    order_qty: int = 0  # Σ 订购量
    amount: Decimal = Decimal("0.00")  # Σ 金额
    lines: int = 0
    limited_lines: int = 0  # lines with a limit
    demand_lines: int = 0  # lines with 需求量 > 0 (断货率 denominator)
    stockout_lines: int = 0  # lines with 需求量 > 0 and 订购量 = 0 (断货率 numerator)
    short_lines: int = 0  # lines with 订购量 < 需求量

    def add(self, values: dict, prefix: str = "") -> None:
        """Add one aggregated row, its measures named `prefix` + name (None, for an empty group, counts as 0)."""
        for item in fields(self):
            value = values.get(prefix + item.name)
            if value:
                setattr(self, item.name, getattr(self, item.name) + value)

    def __iadd__(self, other: Totals) -> Totals:
        self.add(other.__dict__)
        return self

    @classmethod
    def of(cls, values: Sequence, measures: Sequence[str]) -> Totals:
        """The totals of one aggregated row of these measures (None, for an empty sum, counts as 0).

        Adding to the zeros keeps amounts to the cent (SQLite's sums come back as Decimal("200"), not "200.00").
        """
        if measures == MEASURES or tuple(measures) == MEASURE_ORDER:  # every measure in field order: positional
            return cls(*[zero if value is None else zero + value for value, zero in zip(values, ZEROS, strict=True)])
        totals = cls()
        for name, value in zip(measures, values, strict=True):
            if value is not None:
                setattr(totals, name, getattr(totals, name) + value)
        return totals


MEASURES = [item.name for item in fields(Totals)]
MEASURE_ORDER = tuple(MEASURES)
ZEROS: list[Any] = [item.default for item in fields(Totals)]


class DriverValue(Aggregate):
    """An aggregate whose value is used as the database driver returns it: no Python converter of the expression
    itself runs on every row.

    Django's expressions add a converter of their own per output field (int(), Decimal()) because PostgreSQL's SUM
    of a bigint is a numeric: a call per row and sum, which city-wide is measurable (docs/performance.md#plain-sums).
    `get_db_converters` is the hook
    the SQL compiler asks for an expression's converters; this one keeps only those of the output field (none for
    integers; the backend's own, such as SQLite's Decimal converter, are added by the compiler as usual).
    """

    def get_db_converters(self, connection):
        return self.output_field.get_db_converters(connection)


class PlainSum(DriverValue, Sum):
    """SUM, read as the driver returns it (see DriverValue). Integer sums are cast to bigint in SQL, so the driver
    returns ints; money sums come back as Decimal (SQLite's own converter still makes them so there)."""

    # Django's Aggregate.as_sql takes only **extra_context (forwarding Func's template=None would replace the
    # aggregate's template); the stubs give it Func's signature.
    def as_sql(self, compiler, connection, **extra_context):  # type: ignore[override]
        sql, params = super().as_sql(compiler, connection, **extra_context)
        if isinstance(self.output_field, DecimalField):
            return sql, params
        return f"CAST({sql} AS bigint)", params


class PlainCount(DriverValue, Count):
    """COUNT, an int from every driver: no Python converter per row (see DriverValue)."""


# The aggregates are named "sum_<measure>": an annotation named like a field would shadow the field in the
# aggregates that follow it.
SUMMARY_SUMS = {f"sum_{name}": PlainSum(name) for name in MEASURES}
LINE_SUMS = {
    "sum_demand_qty": PlainSum("demand_qty"),
    "sum_limit_qty": PlainSum("limit_qty"),  # SUM skips the lines without a limit
    "sum_limited_order_qty": PlainSum("order_qty", filter=Q(limit_qty__isnull=False)),
    "sum_order_qty": PlainSum("order_qty"),
    "sum_amount": PlainSum("amount"),
    "sum_lines": PlainCount("pk"),
    "sum_limited_lines": PlainCount("pk", filter=Q(limit_qty__isnull=False)),
    "sum_demand_lines": PlainCount("pk", filter=Q(demand_qty__gt=0)),
    "sum_stockout_lines": PlainCount("pk", filter=Q(demand_qty__gt=0, order_qty=0)),
    "sum_short_lines": PlainCount("pk", filter=Q(order_qty__lt=F("demand_qty"))),
}


class BitOr(Aggregate):
    """BIT_OR over the order-day masks of several specs (SQLite's comes from orders/sqlite.py)."""

    function = "BIT_OR"
    output_field = BigIntegerField()


def count_pairs(pairs: set[tuple]) -> tuple[dict, int]:
    """From (key value, customer id) pairs: customers per key value, and distinct customers over all of them."""
    return dict(Counter(map(itemgetter(0), pairs))), len(set(map(itemgetter(1), pairs)))


@dataclass(frozen=True)
class Part:
    """One piece of a period: whole months read from summaries, or one partial month read from order lines."""

    queryset: QuerySet
    from_lines: bool
    month: date | None  # the month of a partial edge; None for the summaries (their rows carry it)
    days: Period | None = None  # the dates of a partial edge


class OrderFacts:
    """The orders of `customers` (a Customer queryset: scope T or A(T,P)) for spec ids S (None: every spec)
    during `period`. "Ordered" always means 订购量 > 0."""

    def __init__(self, customers: QuerySet, period: Period, spec_ids: Sequence[int] | None = None):
        self.database = report_database()
        # Every line and summary row belongs to a stored customer (the import checks each code; deleting a customer
        # deletes his summaries and is refused while he has lines): a scope of every customer needs no filter, and
        # PostgreSQL then does not join every customer of the city to every query
        # (docs/performance.md#every-customer-in-scope).
        self.customer_ids = customers.order_by().values("pk") if customers.query.has_filters() else None
        self.period = period
        self.spec_ids = None if spec_ids is None else list(spec_ids)
        self.whole, self.edges = period.split_whole_months()

    def parts(self, spec_level: bool = False) -> list[Part]:
        """The querysets that together hold the period's orders; `spec_level` forces per-spec summaries."""
        parts = []
        if self.whole is not None:
            model = CustomerSpecMonth if (spec_level or self.spec_ids is not None) else CustomerMonth
            queryset = self._of_customers(
                model.objects.using(self.database).filter(month__gte=self.whole.start, month__lte=self.whole.end)
            )
            if self.spec_ids is not None:
                queryset = queryset.filter(spec_id__in=self.spec_ids)
            parts.append(Part(queryset.order_by(), from_lines=False, month=None))
        for edge in self.edges:
            queryset = self._of_customers(
                OrderLine.objects.using(self.database).filter(order_date__gte=edge.start, order_date__lte=edge.end)
            )
            if self.spec_ids is not None:
                queryset = queryset.filter(spec_id__in=self.spec_ids)
            parts.append(Part(queryset.order_by(), from_lines=True, month=first_of_month(edge.start), days=edge))
        return parts

    def _of_customers(self, queryset: QuerySet) -> QuerySet:
        return queryset if self.customer_ids is None else queryset.filter(customer_id__in=self.customer_ids)

    @staticmethod
    def _paths(keys: Sequence[str], part: Part) -> list[str]:
        """The ORM paths of the grouping keys on this part ("month" of an edge is a constant, added later)."""
        return [KEY_PATHS[key] for key in keys if not (key == "month" and part.from_lines)]

    @staticmethod
    def _key(keys: Sequence[str], part: Part, values: Sequence) -> tuple:
        """The grouping key of a row: its values, with an edge's month put back in its place."""
        rest = iter(values)
        return tuple(part.month if key == "month" and part.from_lines else next(rest) for key in keys)

    def _grouped(self, queryset: QuerySet, paths: list[str], aggregates: dict) -> list[dict]:
        """Aggregates per group of `paths` (or one row over everything when there is no path)."""
        if not paths:
            return [queryset.aggregate(**aggregates)]
        return list(queryset.values(*paths).annotate(**aggregates).order_by())

    def totals(self, keys: Sequence[str] = (), measures: Sequence[str] = MEASURES) -> dict[tuple, Totals]:
        """The sums of the orders per group of `keys` (e.g. ("customer",), ("format", "month")).

        Groups without any order line are absent; with no key, the one group () is always there. `measures` limits
        the sums read to those a report shows (the others stay 0): a city's rows cost less to build
        (docs/performance.md#totals-from-tuples).
        """
        keys = tuple(keys)
        measures = list(dict.fromkeys([*measures, "lines"]))  # "lines" tells an empty group
        result: dict[tuple, Totals] = defaultdict(Totals)
        if not keys:
            result[()] = Totals()
        for part in self.parts(spec_level="spec" in keys):
            paths = self._paths(keys, part)
            every_sum = LINE_SUMS if part.from_lines else SUMMARY_SUMS
            sums = {f"sum_{name}": every_sum[f"sum_{name}"] for name in measures}
            if not paths:  # one row over the part (an edge's month, or no key at all)
                result[self._key(keys, part, ())].add(part.queryset.aggregate(**sums), prefix="sum_")
                continue
            # Tuples, and Totals built in one call: city-wide the per-row cost counts
            # (docs/performance.md#totals-from-tuples).
            rows = part.queryset.values(*paths).annotate(**sums).order_by().values_list(*paths, *sums)
            width, month_of_edge = len(paths), part.from_lines and "month" in keys
            lines = width + measures.index("lines")
            for row in rows:
                if not row[lines]:
                    continue  # a group without lines is absent
                key = self._key(keys, part, row[:width]) if month_of_edge else row[:width]
                if key in result:
                    result[key] += Totals.of(row[width:], measures)
                else:
                    result[key] = Totals.of(row[width:], measures)
        return dict(result)

    def month_totals(self, measures: Sequence[str] = MEASURES) -> dict[date, tuple[Totals, int]]:
        """Per month of the period with orders: the sums of `measures` and the number of customers who ordered, both
        from one grouped query per part (a month lies in one part, so its distinct customers are counted there).

        Months without any order line are absent. The same figures as totals(["month"]) and
        ordering_counts(["month"]) at half the queries: the home page reads three months this way.
        """
        measures = list(dict.fromkeys([*measures, "lines"]))
        result: dict[date, tuple[Totals, int]] = {}
        for part in self.parts():
            every_sum = LINE_SUMS if part.from_lines else SUMMARY_SUMS
            aggregates: dict[str, Aggregate] = {f"sum_{name}": every_sum[f"sum_{name}"] for name in measures}
            aggregates["ordering"] = Count("customer_id", distinct=True, filter=Q(order_qty__gt=0))
            for row in self._grouped(part.queryset, self._paths(["month"], part), aggregates):
                if not row["sum_lines"]:
                    continue  # a month without lines is absent
                month = row["month"] if part.month is None else part.month  # an edge's month is its own
                result[month] = (Totals.of([row[f"sum_{name}"] for name in measures], measures), row["ordering"])
        return result

    def ordering_pairs(self, keys: Sequence[str] = ()) -> set[tuple]:
        """The distinct (key values…, customer id) of customers who ordered, over the whole period."""
        keys = tuple(keys)
        pairs: set[tuple] = set()
        for part in self.parts(spec_level="spec" in keys):
            paths = self._paths(keys, part)
            rows = part.queryset.filter(order_qty__gt=0).values_list(*paths, "customer_id")
            if not self._unique_per_customer(part, keys):
                rows = rows.distinct()
            if part.from_lines and "month" in keys:
                pairs.update((*self._key(keys, part, row[:-1]), row[-1]) for row in rows)
            else:
                # The rows are already (key values…, customer id): none is rebuilt
                # (docs/performance.md#pairs-from-rows).
                pairs.update(rows)
        return pairs

    def _unique_per_customer(self, part: Part, keys: Sequence[str]) -> bool:
        """Whether the part's rows are already one per (keys…, customer): summary rows of one month, per spec when
        they are per spec — there DISTINCT would only cost a hash of every row
        (docs/performance.md#one-month-without-distinct)."""
        whole = self.whole  # summary rows come from the run of whole months
        if part.from_lines or whole is None or first_of_month(whole.start) != first_of_month(whole.end):
            return False
        return part.queryset.model is CustomerMonth or "spec" in keys

    def last_order_dates(self) -> dict[int, date]:
        """The last day before the period on which each customer ordered (订购量 > 0) a spec of S, any spec when S
        is None; customers who never did are absent. Read from the order lines: the summaries hold no days."""
        lines = self._of_customers(
            OrderLine.objects.using(self.database).filter(order_date__lt=self.period.start, order_qty__gt=0)
        )
        if self.spec_ids is not None:
            lines = lines.filter(spec_id__in=self.spec_ids)
        rows = (
            lines.order_by().values("customer_id").annotate(last=Max("order_date")).values_list("customer_id", "last")
        )
        return dict(rows)

    def daily_order_qty(self) -> dict[tuple[int, int], list[tuple[date, int]]]:
        """订购量 per (customer id, spec id) and order day of the period, in day order, days with none absent; for
        windows that move with each day, such as 存销比's 4 weeks before each observation. Read from the order
        lines: the summaries hold no days."""
        lines = OrderLine.objects.using(self.database).filter(
            order_date__gte=self.period.start, order_date__lte=self.period.end, order_qty__gt=0
        )
        if self.customer_ids is not None:
            # The few customers (sample points) as a list: PostgreSQL then reads their lines by the customer index
            # rather than hashing the customers against a scan of every line.
            ids = self.customer_ids.using(self.database).values_list("pk", flat=True)
            lines = lines.filter(customer_id__in=list(ids))
        if self.spec_ids is not None:
            lines = lines.filter(spec_id__in=self.spec_ids)
        rows = lines.order_by().values_list("customer_id", "spec_id", "order_date").annotate(qty=Sum("order_qty"))
        found: dict[tuple[int, int], list[tuple[date, int]]] = defaultdict(list)
        for customer_id, spec_id, day, qty in rows.order_by("customer_id", "spec_id", "order_date"):
            found[(customer_id, spec_id)].append((day, qty))
        return dict(found)

    def stockout_lines(self, keys: Sequence[str] = ("customer", "spec")) -> dict[tuple, int]:
        """The number of 断货 lines (需求量 > 0 and 订购量 = 0, the lines of 断货率) per group of `keys`; groups
        without any are absent. Filtered in the database, so that a scope's few stock-outs come back, not every
        group of its lines (visitplans' suggested visits read a customer manager's four weeks this way)."""
        keys = tuple(keys)
        counts: dict[tuple, int] = defaultdict(int)
        for part in self.parts(spec_level="spec" in keys):
            paths = self._paths(keys, part)
            if part.from_lines:
                short = part.queryset.filter(demand_qty__gt=0, order_qty=0)
                aggregate: Aggregate = PlainCount("pk")
            else:
                short = part.queryset.filter(stockout_lines__gt=0)
                aggregate = PlainSum("stockout_lines")
            if not paths:
                counts[self._key(keys, part, ())] += short.aggregate(lines=aggregate)["lines"] or 0
                continue
            for *values, lines in short.values_list(*paths).annotate(lines=aggregate).order_by():
                counts[self._key(keys, part, values)] += lines
        return dict(counts)

    def ordering_counts_with_total(self, key: str) -> tuple[dict, int]:
        """Customers who ordered per value of `key`, and distinct customers over all values, from one read of the
        (key, customer) pairs — two COUNT(DISTINCT) queries each read the same rows
        (docs/performance.md#distribution-rate-in-one-read)."""
        return count_pairs(self.ordering_pairs([key]))

    def ordering_counts(self, keys: Sequence[str] = ()) -> dict[tuple, int]:
        """Number of distinct customers who ordered, per group of `keys` (groups with none are absent)."""
        keys = tuple(keys)
        parts = self.parts(spec_level="spec" in keys)
        counts: dict[tuple, int] = defaultdict(int)
        if len(parts) <= 1 or "month" in keys:
            # Each group lies inside one part, so the database counts and the parts simply add up.
            for part in parts:
                paths = self._paths(keys, part)
                aggregate = {"customers": Count("customer_id", distinct=True)}
                for row in self._grouped(part.queryset.filter(order_qty__gt=0), paths, aggregate):
                    if row["customers"]:
                        counts[self._key(keys, part, [row[path] for path in paths])] += row["customers"]
        else:
            for pair in self.ordering_pairs(keys):
                counts[pair[:-1]] += 1
        return dict(counts)

    def ordering_counts_in_business(self, keys: Sequence[str] = ()) -> dict[tuple, int]:
        """Customers who ordered, per month of the period (then per `keys`), each month counting only the customers
        in business during it: the numerator of a monthly 铺货率, every month (clipped to the period) taken as a
        period of its own over A(T, month). Groups with none are absent; the keys start with "month"."""
        keys = ("month", *(key for key in keys if key != "month"))
        counts: dict[tuple, int] = {}
        for part in self.parts(spec_level="spec" in keys):
            paths = self._paths(keys, part)
            ordered = self._in_business(part).filter(order_qty__gt=0)
            aggregate = {"customers": Count("customer_id", distinct=True)}
            # Parts never share a month, so every group lies inside one part.
            for row in self._grouped(ordered, paths, aggregate):
                if row["customers"]:
                    counts[self._key(keys, part, [row[path] for path in paths])] = row["customers"]
        return counts

    @staticmethod
    def _in_business(part: Part) -> QuerySet:
        """The part's rows of customers in business during their month: opened by its end, not closed before it.

        A summary row carries its month (its first day): "opened by the month's end" is "opened in that month or
        before". An edge is one partial month read from the lines: its own first and last days.
        """
        not_closed_before = Q(customer__closed_on__isnull=True)
        days = part.days
        if days is not None:  # an edge, read from the lines, carries its dates
            return part.queryset.filter(
                Q(customer__opened_on__lte=days.end) & (not_closed_before | Q(customer__closed_on__gte=days.start))
            )
        return part.queryset.alias(opened_month=TruncMonth("customer__opened_on")).filter(
            Q(opened_month__lte=F("month")) & (not_closed_before | Q(customer__closed_on__gte=F("month")))
        )

    def order_days(self, by_month: bool = False) -> dict:
        """订货次数 per customer: the distinct order dates on which he ordered (S when given), customers with none
        absent; keyed by (customer id, month) when `by_month`. Parts never share a date, so their counts add up;
        within a month of summaries the days of several specs are united by OR-ing their order-day masks."""
        days: dict = defaultdict(int)
        for part in self.parts():
            ordered = part.queryset.filter(order_qty__gt=0)
            if part.from_lines:
                rows = ordered.values_list("customer_id").annotate(days=Count("order_date", distinct=True))
                for customer_id, count in rows.order_by():
                    days[(customer_id, part.month) if by_month else customer_id] += count
            elif self.spec_ids is None or len(self.spec_ids) == 1:
                # One summary row per customer and month: its order_days is already the distinct count.
                paths = ["customer_id", "month"] if by_month else ["customer_id"]
                rows = ordered.values_list(*paths).annotate(days=Sum("order_days")).order_by()
                for *key, count in rows:
                    days[tuple(key) if by_month else key[0]] += count
            else:
                rows = ordered.values_list("customer_id", "month").annotate(mask=BitOr("order_day_mask")).order_by()
                for customer_id, month, mask in rows:
                    days[(customer_id, month) if by_month else customer_id] += int(mask).bit_count()
        return dict(days)
