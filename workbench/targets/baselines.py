"""The values of the improvement metrics (提升目标) over a period: the baseline when a target is set, the actual over
its month (docs/definitions.md#improvement-target). Order sums come through orders.facts.OrderFacts only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet

from workbench.customers.models import Customer, OrderChannel
from workbench.lib.numbers import CENT, per_carton
from workbench.lib.periods import Period, last_of_month
from workbench.orders.facts import OrderFacts
from workbench.targets.forecast import RECENT_MONTHS, recent_period
from workbench.targets.models import ImprovementTarget, Metric


def values_over(
    customers: QuerySet, period: Period, metric: str, spec_ids: list[int] | None = None
) -> dict[int, Decimal | None]:
    """The metric's value for each customer of `customers` over `period` (customers without orders: 0, or None for
    单条值, which has no value without a carton ordered)."""
    ids = list(customers.values_list("pk", flat=True))
    if metric == Metric.ONLINE_ORDERING:
        online = set(customers.filter(order_channel=OrderChannel.ONLINE).values_list("pk", flat=True))
        return {pk: Decimal(1 if pk in online else 0) for pk in ids}
    facts = OrderFacts(customers, period, spec_ids if metric == Metric.SET_VOLUME else None)
    if metric == Metric.SPEC_COUNT:
        counts = Counter(customer_id for _spec, customer_id in facts.ordering_pairs(["spec"]))
        return {pk: Decimal(counts.get(pk, 0)) for pk in ids}
    if metric == Metric.ORDER_COUNT:
        days = facts.order_days()
        return {pk: Decimal(days.get(pk, 0)) for pk in ids}
    totals = facts.totals(["customer"], measures=("order_qty", "amount"))
    result: dict[int, Decimal | None] = {}
    for pk in ids:
        found = totals.get((pk,))
        if metric == Metric.VALUE_PER_CARTON:
            result[pk] = per_carton(found.amount, found.order_qty) if found else None
        else:  # volume, set_volume
            result[pk] = Decimal(found.order_qty if found else 0)
    return result


def _spec_ids(spec, brand_set) -> list[int] | None:
    if spec is not None:
        return [spec.pk]
    if brand_set is not None:
        return brand_set.spec_ids()
    return None


def baseline_of(customer: Customer, metric: str, month: date, *, spec=None, brand_set=None) -> Decimal:
    """The baseline of a new target: the value over the 3 whole months before `month`, a monthly mean for counts
    and sums, Σ 金额 ÷ Σ 订购量 for 单条值 (0 without orders), the current setting for online ordering."""
    customers = Customer.objects.filter(pk=customer.pk)
    value = values_over(customers, recent_period(month), metric, _spec_ids(spec, brand_set))[customer.pk]
    if value is None:
        return Decimal("0.00")
    if metric in (Metric.VALUE_PER_CARTON, Metric.ONLINE_ORDERING):
        return value.quantize(CENT)
    return (value / RECENT_MONTHS).quantize(CENT, rounding=ROUND_HALF_UP)


def actual_period(month: date, today: date) -> Period | None:
    """The days of the target's month with data: the whole month, or up to today; None for a month to come."""
    if month > today:
        return None
    return Period(month, min(last_of_month(month), today))


def actuals(targets: Iterable[ImprovementTarget], today: date) -> dict[int, Decimal | None]:
    """The actual of each target (by id) over its month to today: one read per month, metric and spec set."""
    groups: dict[tuple, list[ImprovementTarget]] = defaultdict(list)
    for target in targets:
        groups[(target.month, target.metric, target.spec_id, target.brand_set_id)].append(target)
    result: dict[int, Decimal | None] = {}
    for (month, metric, _spec, _set), members in groups.items():
        period = actual_period(month, today)
        if period is None:
            result.update({target.pk: None for target in members})
            continue
        first = members[0]
        customers = Customer.objects.filter(pk__in=[target.customer_id for target in members])
        values = values_over(customers, period, metric, _spec_ids(first.spec, first.brand_set))
        result.update({target.pk: values.get(target.customer_id) for target in members})
    return result


def is_met(actual: Decimal | None, target: Decimal) -> bool:
    """target_met: the actual over the month ≥ the target (no actual yet: not met)."""
    return actual is not None and actual >= target
