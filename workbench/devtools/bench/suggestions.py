"""`workbench bench suggestions`: time the week's suggested visits (visitplans.suggestions) of customer managers.

Two weeks: the one holding the data's last order day (数据截至), where the demo's cultivation tasks and improvement
targets still run, so every kind of reason is read; and the week after it, the one a customer manager plans when
the newest orders are in. For `managers` customer managers spread over the city (every n-th by code),
`suggestions()` — the function the page, the one-tap add and the home panel call — runs once to warm up and then
`runs` times; the table gives each one's median and p95 and the reasons found, then the median of the medians per
week (the issue's measure: one customer manager ≤ 200 ms). Nothing is written.
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
    """Print the timings; False when there is no order data or a week's median exceeds LIMIT_MS."""
    last = data_end()
    if last is None:
        write("No order data: load a demo city first (workbench demo --preset city).")
        return False
    every = list(
        Staff.objects.customer_managers().filter(is_active=True, customers__isnull=False).distinct().order_by("code")
    )
    if not every:
        write("No customer manager with customers.")
        return False
    step = max(1, len(every) // max(1, managers))
    chosen = every[::step][:managers]
    write(f"database: {connection.vendor} {connection.settings_dict['NAME']}; data up to {last}")
    within = True
    for label, week_start in (
        ("the data's last week", week_of(last).start),
        ("the week after the data", week_of(last).start + timedelta(days=7)),
    ):
        write(f"week {week_start} ({label})")
        median = time_week(chosen, week_start, runs, write)
        within = within and median <= LIMIT_MS
    return within


def time_week(chosen: list[Staff], week_start, runs: int, write: Callable[[str], None]) -> float:
    """Time each chosen customer manager's list of the week; print the rows and return the median of the medians."""
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
    median = statistics.median(medians)
    write(f"median of the medians: {median:.1f} ms (limit {LIMIT_MS} ms)")
    return median
