"""`workbench bench visitplans`: time the month's visit plan proposal (visitplans.services.propose_plan).

Cases: one customer manager (the one with the most customers: one warm-up, then `runs` timed runs; median and p95),
the pure algorithm alone for him (visitplans.proposal.propose on needs read once), and every customer manager of the
city once, as the propose_visit_plans command does. The issue's measures: ≤ 300 ms for one customer manager, ≤ 60 s
for the city. Everything written runs inside one transaction that is rolled back: the database is left as it was.
"""

from __future__ import annotations

import statistics
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from workbench.accounts.models import Staff
from workbench.devtools.bench.timing import time_runs
from workbench.lib.periods import Period, add_months, first_of_month, last_of_month, working_days
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visitplans.proposal import propose
from workbench.visitplans.services import calendar_of, needs_of, propose_plan

ONE_LIMIT_MS = 300
CITY_LIMIT_S = 60


def median_spread(month) -> float:
    """The median over the month's plans of their spread: the most minus the fewest visits of a working day."""
    days = working_days(Period(month, last_of_month(month)))
    counts: dict[int, Counter] = defaultdict(Counter)
    rows = PlannedVisit.objects.filter(plan__month=month).values_list("plan_id", "day").annotate(visits=Count("id"))
    for plan_id, day, visits in rows:
        counts[plan_id][day] = visits
    return statistics.median(
        max(daily[day] for day in days) - min(daily[day] for day in days) for daily in counts.values()
    )


class RolledBack(Exception):
    """Raised at the end of the benchmark's transaction so that nothing it wrote stays."""


def run_visitplans_bench(*, runs: int, write: Callable[[str], None]) -> bool:
    """Print the timings; False when there are no customer managers or a measure is exceeded."""
    month = add_months(first_of_month(timezone.localdate()), 1)
    managers = list(
        Staff.objects.customer_managers()
        .filter(is_active=True)
        .annotate(customer_count=Count("customers"))
        .filter(customer_count__gt=0)
        .order_by("-customer_count", "code")
    )
    if not managers:
        write("No customer managers with customers: load a demo city first (workbench demo --preset city).")
        return False
    biggest = managers[0]
    write(
        f"database: {connection.vendor} {connection.settings_dict['NAME']}; proposal of {month:%Y-%m}; "
        f"daily maximum {settings.WORKBENCH_VISITS_PER_DAY_MAX}"
    )
    within = True
    try:
        with transaction.atomic():
            # The committed plans count as visits: the city's own, or none.
            committed = VisitPlan.objects.filter(month=month, state=VisitPlanState.COMMITTED)
            committed.update(state=VisitPlanState.DRAFT)  # rolled back below; lets the benchmark propose for all
            with CaptureQueriesContext(connection) as queries:
                plan = propose_plan(biggest, month, by=None)
            visits = plan.visits.count()
            _plan, one = time_runs(partial(propose_plan, biggest, month, by=None), runs)
            write(
                f"one customer manager ({biggest.code}, {biggest.customer_count} customers, {visits} visits, "
                f"{len(queries)} queries): median {one.median:.1f} ms, p95 {one.p95:.1f} ms"
            )
            needs = needs_of(biggest, month)
            working = calendar_of(month)
            compute = partial(
                propose,
                needs,
                start=month,
                end=last_of_month(month),
                working=working,
                daily_max=settings.WORKBENCH_VISITS_PER_DAY_MAX,
            )
            _visits, pure = time_runs(compute, runs)
            write(f"  of which the algorithm alone: median {pure.median:.1f} ms, p95 {pure.p95:.1f} ms")
            within = one.median <= ONE_LIMIT_MS
            started = time.perf_counter()
            for manager in managers:
                propose_plan(manager, month, by=None)
            city = time.perf_counter() - started
            total = PlannedVisit.objects.filter(plan__month=month).count()
            customers = sum(manager.customer_count for manager in managers)
            write(f"the city ({len(managers)} customer managers, {customers} customers, {total} visits): {city:.1f} s")
            write(f"  evenness: median spread {median_spread(month)} visits (docs/definitions.md#proposal)")
            within = within and city <= CITY_LIMIT_S
            raise RolledBack
    except RolledBack:
        pass
    return within
