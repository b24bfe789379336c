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
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction

from workbench.catalog.models import Spec
from workbench.customers.models import Customer, Status
from workbench.lib.periods import Period
from workbench.orders.facts import OrderFacts
from workbench.visits.models import SampleObservation, Visit, VisitMode
from workbench.visits.observations import WINDOW_DAYS, observation_specs_shown, ordered_before, window_before

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
    customers = Customer.objects.filter(pk__in={visit.customer_id for visit in visits})
    orders = OrderFacts(customers, Period(window_before(start).start, end)).daily_order_qty()
    specs = {spec.pk: spec for spec in Spec.objects.only("pk", "retail_price", "wholesale_price", "is_on_sale")}
    by_customer: dict[int, dict[int, list]] = defaultdict(dict)
    for (customer_id, spec_id), found in orders.items():
        by_customer[customer_id][spec_id] = found
    shown = observation_specs_shown()
    made = []
    for visit in visits:
        rng = random.Random(f"{seed}-observations-{visit.client_id}")
        ordered = {
            spec_id: qty
            for spec_id, days in by_customer.get(visit.customer_id, {}).items()
            if (qty := ordered_before(days, visit.visited_on)) > 0 and specs[spec_id].is_on_sale
        }
        ranked = sorted(ordered, key=lambda spec_id: -ordered[spec_id])[:shown]
        for spec_id in ranked:
            weekly = ordered[spec_id] * 7 / WINDOW_DAYS
            if rng.random() < STOCKOUT_SHARE:
                stock, out_days = 0, rng.randint(*STOCKOUT_DAYS)
            else:
                stock, out_days = round(weekly * rng.uniform(*WEEKS_OF_STOCK)), 0
            made.append(
                SampleObservation(
                    visit=visit,
                    customer_id=visit.customer_id,
                    visited_on=visit.visited_on,
                    spec_id=spec_id,
                    stock_qty=stock,
                    retail_price=_price(rng, specs[spec_id]),
                    stockout_days=out_days,
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
