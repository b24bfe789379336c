"""The demo city's targets (目标): sales targets for the three past months and the current one, improvement targets
of a few customers per manager, a cultivation brand set and a KPI target per team.

Deterministic: the same loaded city, end day and seed give the same targets. Past months are approved (some after
being returned once); the current month mixes drafts, submitted, returned and approved targets, and some approved
ones changed afterwards (a version 2 waiting for review, version 1 in force), so that every
screen has something to show. Written in bulk, straight into the tables: the review rules are the services' and
are tested there; here the states are the history a real month would have left.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from workbench.accounts.models import Staff
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import Customer
from workbench.lib.numbers import CENT
from workbench.lib.periods import add_months, first_of_month, last_of_month
from workbench.reviews.models import ReviewEvent, ReviewState, ReviewStep
from workbench.targets.baselines import values_over
from workbench.targets.forecast import RECENT_MONTHS, forecasts_by_manager, recent_period
from workbench.targets.models import (
    ImprovementTarget,
    KpiMetric,
    KpiTarget,
    Metric,
    SalesTarget,
)

PAST_MONTHS = 3
IMPROVEMENT_CUSTOMERS = 2  # per customer manager and month: the done-when's "two improvement targets"
# The current month's states, in turn over the customer managers.
CURRENT_STATES = (ReviewState.APPROVED, ReviewState.SUBMITTED, ReviewState.DRAFT, ReviewState.RETURNED)
CULTIVATION_SPECS = 3
RETURN_COMMENT = "目标偏低，请结合七匹狼培育任务上调。"


@dataclass(frozen=True)
class TargetCounts:
    """What generate_targets wrote."""

    sales_targets: int
    improvement_targets: int
    kpi_targets: int


def _moment(day: date, hour: int) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


@transaction.atomic
def generate_targets(*, end: date, seed: int) -> TargetCounts:
    """Write the demo's targets up to the month of `end` (the demo's last order day), replacing any earlier ones."""
    rng = random.Random(seed)
    ReviewEvent.objects.filter(content_type=ContentType.objects.get_for_model(SalesTarget)).delete()
    SalesTarget.objects.all().delete()
    ImprovementTarget.objects.all().delete()
    KpiTarget.objects.all().delete()
    current = first_of_month(end)
    managers = list(
        Staff.objects.customer_managers().filter(is_active=True).select_related("org_unit").order_by("code")
    )
    market_managers = {
        staff.org_unit_id: staff for staff in Staff.objects.market_managers().filter(is_active=True).order_by("code")
    }
    months = [add_months(current, -offset) for offset in range(PAST_MONTHS, -1, -1)]
    sales = []
    for month in months:
        forecasts = forecasts_by_manager([manager.pk for manager in managers], month)
        for index, manager in enumerate(managers):
            forecast = forecasts[manager.pk]
            stretch = Decimal(rng.randint(100, 110)) / 100  # a target a little above the forecast
            qty = int((forecast.qty * stretch).quantize(Decimal(1), rounding=ROUND_HALF_UP))
            amount = (forecast.amount * stretch).quantize(CENT)
            state = CURRENT_STATES[index % len(CURRENT_STATES)] if month == current else ReviewState.APPROVED
            reviewer = market_managers.get(manager.org_unit_id)
            submitted = _moment(month + timedelta(days=1 + index % 3), 9)
            target = SalesTarget(
                staff=manager,
                month=month,
                qty=qty,
                amount=amount,
                review_state=state,
                is_in_force=state == ReviewState.APPROVED,
            )
            if state != ReviewState.DRAFT:
                target.submitted_at = submitted
            if state in (ReviewState.APPROVED, ReviewState.RETURNED) and reviewer is not None:
                target.decided_by, target.decided_at = reviewer, submitted + timedelta(hours=5)
            if state == ReviewState.RETURNED:
                target.return_comment = RETURN_COMMENT
            # One past target in five was returned once, then raised and approved (its history says so).
            sales.append((target, month != current and index % 5 == 0))
    SalesTarget.objects.bulk_create([target for target, _returned_once in sales])
    ReviewEvent.objects.bulk_create(event for target, once in sales for event in _history(target, returned_once=once))
    _changes_waiting([target for target, _once in sales if target.month == current], market_managers)
    improvements = _improvement_targets(managers, [add_months(current, -1), current], rng)
    kpis = _kpi_targets(market_managers.values(), current)
    return TargetCounts(len(sales), improvements, kpis)


def _history(target: SalesTarget, *, returned_once: bool) -> list[ReviewEvent]:
    """The review history a target in its state would have: created, submitted, and its decision; one
    `returned_once` was returned first, then changed and submitted again."""
    content_type = ContentType.objects.get_for_model(SalesTarget)

    def event(step, actor, at, state, comment=""):
        return ReviewEvent(
            content_type=content_type,
            object_id=target.pk,
            step=step,
            actor=actor,
            at=at,
            state_after=state,
            comment=comment,
        )

    created = _moment(target.month, 8)
    events = [event(ReviewStep.CREATED, target.staff, created, ReviewState.DRAFT)]
    if target.submitted_at is None:
        return events
    reviewer, decided = target.decided_by, target.decided_at
    if returned_once and target.review_state == ReviewState.APPROVED and reviewer and decided:
        first = target.submitted_at - timedelta(hours=20)
        events.append(event(ReviewStep.SUBMITTED, target.staff, first, ReviewState.SUBMITTED))
        events.append(
            event(ReviewStep.RETURNED, reviewer, first + timedelta(hours=2), ReviewState.RETURNED, RETURN_COMMENT)
        )
        events.append(event(ReviewStep.EDITED, target.staff, first + timedelta(hours=4), ReviewState.RETURNED))
    events.append(event(ReviewStep.SUBMITTED, target.staff, target.submitted_at, ReviewState.SUBMITTED))
    if reviewer and decided and target.review_state in (ReviewState.APPROVED, ReviewState.RETURNED):
        step = ReviewStep.APPROVED if target.review_state == ReviewState.APPROVED else ReviewStep.RETURNED
        comment = target.return_comment if step == ReviewStep.RETURNED else ""
        events.append(event(step, reviewer, decided, target.review_state, comment))
    return events


# One approved target of the current month in CHANGED_EVERY was raised afterwards: its version 2 waits for review
# while version 1 stays in force (docs/definitions.md#sales-target-versions).
CHANGED_EVERY = 8
CHANGE_STRETCH = Decimal("1.05")


def _changes_waiting(current: list[SalesTarget], reviewers: dict) -> None:
    """Version 2, submitted, of every CHANGED_EVERY-th approved target of the current month, with its history."""
    approved = [target for target in current if target.review_state == ReviewState.APPROVED]
    content_type = ContentType.objects.get_for_model(SalesTarget)
    events = []
    for target in approved[::CHANGED_EVERY]:
        if target.decided_at is None or reviewers.get(target.staff.org_unit_id) is None:
            continue
        at = target.decided_at + timedelta(days=2)
        qty = int((target.qty * CHANGE_STRETCH).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        amount = (target.amount * CHANGE_STRETCH).quantize(CENT)
        new = SalesTarget.objects.create(
            staff=target.staff,
            month=target.month,
            number=2,
            qty=qty,
            amount=amount,
            review_state=ReviewState.SUBMITTED,
            submitted_at=at + timedelta(hours=1),
        )
        changed = [{"change": "changed", "what": "target", "label": "", "fields": ["qty", "amount"]}]
        for step, moment, state, comment, changes in (
            (ReviewStep.REVISED, at, ReviewState.DRAFT, "1", []),
            (ReviewStep.EDITED, at, ReviewState.DRAFT, "", changed),
            (ReviewStep.SUBMITTED, at + timedelta(hours=1), ReviewState.SUBMITTED, "", []),
        ):
            events.append(
                ReviewEvent(
                    content_type=content_type,
                    object_id=new.pk,
                    step=step,
                    actor=target.staff,
                    at=moment,
                    state_after=state,
                    comment=comment,
                    changes=changes,
                )
            )
    ReviewEvent.objects.bulk_create(events)


def _improvement_targets(managers: list[Staff], months: list[date], rng: random.Random) -> int:
    """Two customers per manager and month: one to raise his volume, one his 单条值, 10 % above the baseline."""
    targets = []
    for month in months:
        chosen: list[int] = []
        set_by: dict[int, Staff] = {}
        for manager in managers:
            ids = list(Customer.objects.filter(manager=manager).order_by("code").values_list("pk", flat=True)[:20])
            picked = rng.sample(ids, min(IMPROVEMENT_CUSTOMERS, len(ids)))
            chosen.extend(picked)
            set_by.update(dict.fromkeys(picked, manager))
        customers = Customer.objects.filter(pk__in=chosen)
        volume = values_over(customers, recent_period(month), Metric.VOLUME)
        value = values_over(customers, recent_period(month), Metric.VALUE_PER_CARTON)
        for position, customer_id in enumerate(chosen):
            if position % 2 == 0:
                baseline = (Decimal(volume[customer_id] or 0) / RECENT_MONTHS).quantize(CENT)
                metric = Metric.VOLUME
            else:
                baseline = (value[customer_id] or Decimal(0)).quantize(CENT)
                metric = Metric.VALUE_PER_CARTON
            target = (baseline * Decimal("1.1")).quantize(Decimal(1), rounding=ROUND_HALF_UP)
            targets.append(
                ImprovementTarget(
                    customer_id=customer_id,
                    month=month,
                    metric=metric,
                    baseline=baseline,
                    target=target,
                    created_by=set_by[customer_id],
                )
            )
    ImprovementTarget.objects.bulk_create(targets)
    return len(targets)


def _kpi_targets(market_managers, current: date) -> int:
    """Per team: its market manager's cultivation brand set, 铺货率 60 % by the end of the third month."""
    specs = list(Spec.objects.filter(is_on_sale=True).order_by("-transfer_price", "code")[:CULTIVATION_SPECS])
    kpis = []
    for manager in market_managers:
        # The team's cultivation brand set of the plans demo (demo/plans.py, run before), else one of its own.
        brand_set = BrandSet.objects.filter(owner=manager, shared_with=manager.org_unit).order_by("pk").first()
        if brand_set is None:
            brand_set = BrandSet.objects.create(owner=manager, name="培育规格", shared_with=manager.org_unit)
            brand_set.specs.set(specs)
        kpis.append(
            KpiTarget(
                owner=manager,
                unit=manager.org_unit,
                brand_set=brand_set,
                metric=KpiMetric.DISTRIBUTION_RATE,
                target_rate=Decimal("0.6"),
                starts_on=current,
                due_on=last_of_month(add_months(current, 2)),
            )
        )
    KpiTarget.objects.bulk_create(kpis)
    return len(kpis)
