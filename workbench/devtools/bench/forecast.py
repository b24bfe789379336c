"""`workbench bench forecast`: time the sales forecast (targets.forecast) of every customer manager of the city.

Three cases, each run once to warm up and then `runs` times: one customer manager, one team's managers, and every
customer manager at once (the issue's measure: the whole city's 120 customer managers ≤ 5 s). Each goes through
`forecasts_by_manager`, the function the sales-target screens call, for the month after the last one with orders
(the month a target is being set for). Nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db import connection
from django.db.models import Max

from workbench.accounts.models import Staff
from workbench.devtools.bench.timing import time_runs
from workbench.lib.periods import add_months
from workbench.orders.models import CustomerMonth
from workbench.targets.forecast import forecasts_by_manager

LIMIT_MS = 5000  # the measure for the whole city


def run_forecast_bench(*, runs: int, write: Callable[[str], None]) -> bool:
    """Print the timings; False when there is no order data or the city's case exceeds LIMIT_MS."""
    last_month = CustomerMonth.objects.aggregate(month=Max("month"))["month"]
    if last_month is None:
        write("No order data: load a demo city first (workbench demo --preset city).")
        return False
    month = add_months(last_month, 1)
    managers = list(Staff.objects.customer_managers().filter(customers__isnull=False).distinct().order_by("code"))
    first = managers[0]
    team = [manager.pk for manager in managers if manager.org_unit_id == first.org_unit_id]
    cases = [
        ("one customer manager", [first.pk]),
        (f"one team ({len(team)})", team),
        (f"every customer manager ({len(managers)})", None),
    ]
    write(f"database: {connection.vendor} {connection.settings_dict['NAME']}; forecast of {month:%Y-%m}")
    header = f"{'case':<36}{'managers':>9}{'ms':>10}{'p95':>9}"
    write(header)
    write("-" * len(header))
    within = True
    for label, ids in cases:
        result, timing = time_runs(partial(forecasts_by_manager, ids, month), runs)
        write(f"{label:<36}{len(result):>9}{timing.median:>10.1f}{timing.p95:>9.1f}")
        if ids is None and timing.p95 > LIMIT_MS:
            within = False
    total = sum(forecast.qty for forecast in forecasts_by_manager(None, month).values())
    write(f"city forecast: {total:,} cartons")
    return within
