"""`workbench bench plans`: time the 计划 pages the issue measures, through the test Client, on the database
DATABASE_URL points at (the city preset).

Inside one transaction that is rolled back at the end (nothing stays written), the demo's plans and targets of the
last three months with orders are generated (demo.plans, demo.targets) as `workbench demo` writes them, unless the
database holds its own for the month of the data's last day; then each
page runs once to warm up and `runs` times on the clock, the request going through the whole stack (middleware,
access, queries, template), "today" being the data's last day:

- a customer manager's monthly plan page (planning:monthlyplan_detail), ≤ 150 ms median;
- a market manager's team plan states (planning:team_states), ≤ 150 ms median;
- a customer manager's home page (issue 11's measure, with the target progress), ≤ 150 ms median.

`pending_migrations=True` applies this branch's unapplied migrations inside the same rolled-back transaction
(PostgreSQL's DDL is transactional): the way to measure a branch against a shared database it may not migrate.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime, time
from functools import partial
from time import perf_counter

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.test import Client

from workbench.accounts.models import Staff
from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.plans import generate_plans
from workbench.demo.targets import generate_targets
from workbench.devtools.bench.timing import time_runs
from workbench.lib.periods import first_of_month
from workbench.orders.freshness import data_end
from workbench.planning.models import MonthlyPlan
from workbench.targets.models import SalesTarget

LIMIT_MS = 150  # the measure for each page
SLOWEST_SHOWN = 3  # the slowest queries of each page's warm-up request, printed under its line


class Rollback(Exception):
    """Raised at the end of the benchmark's transaction so that everything it wrote goes."""


def pending(executor: MigrationExecutor) -> list:
    return executor.migration_plan(executor.loader.graph.leaf_nodes())


def frozen(day):
    """Today as the data's last day, at noon, while time-machine (a dev dependency) is installed."""
    try:
        import time_machine
    except ImportError:  # pragma: no cover - the bench runs from a dev install
        return nullcontext()
    return time_machine.travel(datetime.combine(day, time(12)).astimezone(), tick=True)


def run_plans_bench(*, runs: int, write: Callable[[str], None], pending_migrations: bool = False) -> bool:
    """Print the timings; False when there is no data, migrations are pending, or a median exceeds LIMIT_MS."""
    end = data_end()
    if end is None:
        write("No order data: load a demo city first (workbench demo --preset city).")
        return False
    executor = MigrationExecutor(connection)
    if pending(executor) and not pending_migrations:
        write("The database has unapplied migrations: migrate it, or pass --pending-migrations-in-transaction.")
        return False
    within = True
    try:
        with transaction.atomic():
            if pending(executor):
                write(f"applying {len(pending(executor))} pending migrations inside the rolled-back transaction")
                executor.migrate(executor.loader.graph.leaf_nodes())
            with frozen(end):
                within = _measure(end, runs, write)
            raise Rollback
    except Rollback:
        pass
    return within


def _measure(end, runs: int, write: Callable[[str], None]) -> bool:
    month = first_of_month(end)
    # The database's own plans and targets when it has them (the lead's city has its plans), else the demo's.
    started = perf_counter()
    if not MonthlyPlan.objects.filter(month=month).exists():
        generate_plans(end=end, seed=DEFAULT_SEED)
    generated_plans = perf_counter()
    if not SalesTarget.objects.filter(month=month).exists():
        generate_targets(end=end, seed=DEFAULT_SEED)
    write(
        f"generated (rolled back): plans in {generated_plans - started:.1f} s, "
        f"targets in {perf_counter() - generated_plans:.1f} s"
    )
    plan = (
        MonthlyPlan.objects.filter(month=month, in_force__isnull=False)
        .select_related("owner")
        .order_by("owner__code")
        .first()
    )
    market_manager = Staff.objects.market_managers().filter(is_active=True).order_by("code").first()
    if plan is None or market_manager is None or plan.owner.user is None or market_manager.user is None:
        write("No approved plan of the month, or no market manager with a login, in the generated data.")
        return False
    team_size = Staff.objects.customer_managers().filter(org_unit=market_manager.org_unit, is_active=True).count()
    items = plan.in_force.items.count()  # type: ignore[union-attr]
    write(
        f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; today {end}; "
        f"{MonthlyPlan.objects.filter(month=month).count()} monthly plans of {month:%Y-%m}"
    )
    # The test Client's host and scheme as a browser's would be (ALLOWED_HOSTS; HTTPS when it redirects to it).
    host = next((name.lstrip(".") for name in settings.ALLOWED_HOSTS if name != "*"), "localhost")
    customer_manager, reviewer = Client(HTTP_HOST=host), Client(HTTP_HOST=host)
    customer_manager.force_login(plan.owner.user)
    reviewer.force_login(market_manager.user)
    cases = [
        (
            f"plan page ({plan.owner.code}, {items} tasks)",
            customer_manager,
            f"/planning/plans/{plan.pk}/",
        ),
        (
            f"team plan states ({market_manager.code}, {team_size} managers)",
            reviewer,
            f"/planning/team/?month={month:%Y-%m}",
        ),
        (f"home page ({plan.owner.code})", customer_manager, "/"),
    ]
    header = f"{'case':<48}{'queries':>8}{'median ms':>11}{'p95':>9}"
    write(header)
    write("-" * len(header))
    within = True
    for label, client, url in cases:
        get = partial(client.get, url, secure=settings.SECURE_SSL_REDIRECT)
        with CountQueries() as counted:
            response = get()
        if response.status_code != 200:
            write(f"{label}: HTTP {response.status_code}")
            within = False
            continue
        _result, timing = time_runs(get, runs)
        write(f"{label:<48}{counted.count:>8}{timing.median:>11.1f}{timing.p95:>9.1f}")
        for duration, sql in sorted(counted.timings, reverse=True)[:SLOWEST_SHOWN]:
            write(f"    {duration:7.1f} ms  {' '.join(sql.split())[:150]}")
        within = within and timing.median <= LIMIT_MS
    return within


class CountQueries:
    """The number of queries one request runs (the first, warm-up request of a case), and each one's duration."""

    def __enter__(self):
        self.count = 0
        self.timings: list[tuple[float, str]] = []
        self._wrapper = connection.execute_wrapper(self._count)
        self._wrapper.__enter__()
        return self

    def _count(self, execute, sql, params, many, context):
        self.count += 1
        started = perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.timings.append(((perf_counter() - started) * 1000, sql))

    def __exit__(self, *exc):
        self._wrapper.__exit__(*exc)
        return False
