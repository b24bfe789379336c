"""The demo city's sample points (信息采集点) and what its customer managers observed there.

`SAMPLE_POINTS` (5) customers of each customer manager are marked sample points: drawn from his customers in
business, by a generator seeded by the seed and his staff code (the same seed, the same shops). Each visit to one
of them then observes the specs the shop ordered in the 4 weeks before the visit (most ordered first, at most 15,
as the form offers them, visits.observations): a stock of about half to two weeks of its orders, the retail price
mostly at the guide (some shops above it, a few below), and now and then a spec that ran out (stock 0, a few
stock-out days). Every visit draws from its own generator seeded by the seed and its client id, so the same visits
give the same observations whichever months are generated together. Rows go in with bulk_create in batches.

`generate_demo_samples(seed=)` marks the sample points (when none is marked yet) and observes every visit to one
that has no observations yet: `workbench demo` runs it after the visits.
"""

from __future__ import annotations

import random
from bisect import bisect_left
from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Sum

from workbench.catalog.models import Spec
from workbench.customers.models import Customer, Status
from workbench.orders.models import OrderLine
from workbench.visits.models import SampleObservation, Visit, VisitMode
from workbench.visits.observations import WINDOW_DAYS, observation_specs_shown, window_before

SAMPLE_POINTS = 5  # per customer manager (YC/T 455.2's example density)
BATCH = 5000
STOCKOUT_SHARE = 0.06  # observations of a spec that ran out
STOCKOUT_DAYS = (1, 4)
WEEKS_OF_STOCK = (0.4, 2.2)  # the stock as weeks of the shop's orders
ABOVE_GUIDE_SHARE = 0.18  # shops asking above the guided retail price (by 2–10 元)
BELOW_GUIDE_SHARE = 0.07  # and below it (by 1–5 元)
NO_PRICE_SHARE = 0.05  # observations without a price


def mark_sample_points(seed: int) -> int:
    """Mark SAMPLE_POINTS customers in business of each customer manager (none when some are marked already)."""
    if Customer.objects.filter(is_sample_point=True).exists():
        return 0
    by_manager: dict[str, list[int]] = defaultdict(list)
    active = Customer.objects.exclude(status=Status.CLOSED).order_by("code")
    for pk, manager_code in active.values_list("pk", "manager__code"):
        by_manager[manager_code].append(pk)
    chosen: list[int] = []
    for manager_code, customers in sorted(by_manager.items()):
        rng = random.Random(f"{seed}-sample-points-{manager_code}")
        chosen += rng.sample(customers, min(SAMPLE_POINTS, len(customers)))
    return Customer.objects.filter(pk__in=chosen).update(is_sample_point=True)


def _orders_of(customer_ids: list[int], start: date, end: date) -> dict[int, dict[int, list[tuple[date, int]]]]:
    """customer → spec → [(order day, 订购量)] in day order, over [start, end]."""
    found: dict[int, dict[int, list[tuple[date, int]]]] = defaultdict(lambda: defaultdict(list))
    lines = (
        OrderLine.objects.filter(customer_id__in=customer_ids, order_date__gte=start, order_date__lte=end)
        .filter(order_qty__gt=0)
        .values("customer_id", "spec_id", "order_date")
        .annotate(qty=Sum("order_qty"))
        .order_by("customer_id", "spec_id", "order_date")
    )
    for line in lines:
        found[line["customer_id"]][line["spec_id"]].append((line["order_date"], line["qty"]))
    return found


def _window_qty(days: list[tuple[date, int]], day: date) -> int:
    """订购量 of the 4 weeks before `day` (window_before)."""
    window = window_before(day)
    dates = [found for found, _qty in days]
    low, high = bisect_left(dates, window.start), bisect_left(dates, day)
    return sum(qty for _day, qty in days[low:high])


def _price(rng: random.Random, spec: Spec) -> Decimal | None:
    guide = spec.retail_price
    if guide is None:
        guide = (spec.wholesale_price * Decimal("1.1")).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    draw = rng.random()
    if draw < NO_PRICE_SHARE:
        return None
    if draw < NO_PRICE_SHARE + ABOVE_GUIDE_SHARE:
        return guide + rng.randint(2, 10)
    if draw < NO_PRICE_SHARE + ABOVE_GUIDE_SHARE + BELOW_GUIDE_SHARE:
        return max(guide - rng.randint(1, 5), Decimal("1"))
    return guide


def observe(visits: list[Visit], seed: int) -> list[SampleObservation]:
    """The observations of these visits (to sample points), not yet saved."""
    if not visits:
        return []
    start = min(visit.visited_on for visit in visits)
    end = max(visit.visited_on for visit in visits)
    orders = _orders_of(sorted({visit.customer_id for visit in visits}), window_before(start).start, end)
    specs = {spec.pk: spec for spec in Spec.objects.only("pk", "retail_price", "wholesale_price", "is_on_sale")}
    shown = observation_specs_shown()
    made = []
    for visit in visits:
        rng = random.Random(f"{seed}-observations-{visit.client_id}")
        ordered = {
            spec_id: qty
            for spec_id, days in orders.get(visit.customer_id, {}).items()
            if (qty := _window_qty(days, visit.visited_on)) > 0 and specs[spec_id].is_on_sale
        }
        ranked = sorted(ordered, key=lambda spec_id: -ordered[spec_id])[:shown]
        for spec_id in ranked:
            weekly = ordered[spec_id] * 7 / WINDOW_DAYS
            if rng.random() < STOCKOUT_SHARE:
                stock, days = 0, rng.randint(*STOCKOUT_DAYS)
            else:
                stock, days = round(weekly * rng.uniform(*WEEKS_OF_STOCK)), 0
            made.append(
                SampleObservation(
                    visit=visit,
                    customer_id=visit.customer_id,
                    visited_on=visit.visited_on,
                    spec_id=spec_id,
                    stock_qty=stock,
                    retail_price=_price(rng, specs[spec_id]),
                    stockout_days=days,
                )
            )
    return made


def generate_demo_samples(*, seed: int) -> dict[str, int]:
    """Mark the sample points (if none is) and observe their visits that have no observations yet."""
    with transaction.atomic():
        marked = mark_sample_points(seed)
        visits = list(
            Visit.objects.filter(customer__is_sample_point=True, mode=VisitMode.FIELD, observations__isnull=True)
            .only("pk", "client_id", "customer_id", "visited_on")
            .order_by("visited_on", "pk")
        )
        made = observe(visits, seed)
        SampleObservation.objects.bulk_create(made, batch_size=BATCH)
    return {
        "sample_points": Customer.objects.filter(is_sample_point=True).count(),
        "marked": marked,
        "visits": len(visits),
        "observations": len(made),
    }
