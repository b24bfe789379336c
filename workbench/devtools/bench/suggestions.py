"""`workbench bench suggestions`: time the week's suggested visits (visitplans.suggestions) of customer managers.

The week is the one after the data's last order day (数据截至), the week a customer manager plans when the newest
orders are in. For `managers` customer managers spread over the city (every n-th by code), `suggestions()` — the
function the page, the one-tap add and the home panel call — runs once to warm up and then `runs` times; the table
gives each one's median and p95 and the reasons found, then the median of the medians (the issue's measure: one
customer manager ≤ 200 ms). Nothing is written.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from functools import partial

from django.db import connection

from workbench.accounts.models import Staff
from workbench.devtools.bench.timing import time_runs
from workbench.lib.periods import week_of
from workbench.orders.freshness import data_end
from workbench.visitplans.suggestions import suggestions

LIMIT_MS = 200  # the measure for one customer manager


def run_suggestions_bench(*, runs: int, write: Callable[[str], None], managers: int = 5) -> bool:
    """Print the timings; False when there is no order data or the median exceeds LIMIT_MS."""
    last = data_end()
    if last is None:
        write("No order data: load a demo city first (workbench demo --preset city).")
        return False
    week_start = week_of(last).start + timedelta(days=7)
    every = list(
        Staff.objects.customer_managers().filter(is_active=True, customers__isnull=False).distinct().order_by("code")
    )
    step = max(1, len(every) // max(1, managers))
    chosen = every[::step][:managers]
    write(f"database: {connection.vendor} {connection.settings_dict['NAME']}; data up to {last}; week {week_start}")
    header = f"{'customer manager':<20}{'customers':>10}{'suggested':>10}{'ms':>9}{'p95':>9}  reasons"
    write(header)
    write("-" * len(header))
    medians = []
    for staff in chosen:
        found, timing = time_runs(partial(suggestions, staff, week_start), runs)
        kinds = Counter(reason.kind for suggestion in found for reason in suggestion.reasons)
        customers = staff.customers.count()
        reasons = ", ".join(f"{kind} {count}" for kind, count in sorted(kinds.items()))
        write(f"{staff.code:<20}{customers:>10}{len(found):>10}{timing.median:>9.1f}{timing.p95:>9.1f}  {reasons}")
        medians.append(timing.median)
    if not medians:
        write("No customer manager with customers.")
        return False
    median = statistics.median(medians)
    write(f"median of the medians: {median:.1f} ms (limit {LIMIT_MS} ms)")
    return median <= LIMIT_MS
