"""`workbench bench reports`: time every report's query function on the database DATABASE_URL points at.
(`workbench bench forecast` times the targets' sales forecast instead: devtools/bench/forecast.py; `workbench bench
suggestions` the week's suggested visits: devtools/bench/suggestions.py; `workbench bench route` the day's route
order: devtools/bench/route.py; `workbench bench plans` the 计划 pages: devtools/bench/plans.py; `workbench bench
visits` recording visits and the visit pages: devtools/bench/visits.py.)

For a customer manager's scope, a market manager's and the whole city, over one month and over six months (the
last months with orders), each report runs once to warm up and then `--runs` times; the table gives the median
and the 95th percentile in milliseconds. Our timing goes through `REPORTS[name].run(params)`, the function the
screens, the API and the command line call, rows included. Nothing is written: the customer set the
customer-set report needs is created inside a transaction that is rolled back.

With `--duckdb`, the same run copies the raw order lines, customers, specs and market opportunities into an
in-process DuckDB database (devtools.bench.duckdb_copy; reused by the next run while the lines are unchanged) and
times a hand-written DuckDB SQL equivalent of each report (devtools.bench.duckdb_reference) the same way: the ratio
ours / DuckDB says how far we are from a columnar engine scanning the lines on this machine. `--check` (on with
--duckdb) compares the two answers number by number and prints every disagreement.
"""

import argparse
import re
import tempfile
from pathlib import Path
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.models import Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer, CustomerSet
from workbench.devtools.bench.forecast import run_forecast_bench
from workbench.devtools.bench.plans import run_plans_bench
from workbench.devtools.bench.route import run_route_bench
from workbench.devtools.bench.suggestions import run_suggestions_bench
from workbench.devtools.bench.timing import time_runs
from workbench.devtools.bench.visitplans import run_visitplans_bench
from workbench.devtools.bench.visits import run_visits_bench
from workbench.lib.periods import Period, add_months
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine
from workbench.reporting.params import REQUIRED, parse_params
from workbench.reporting.registry import REPORTS, reports_of

CITY = SimpleNamespace(is_authenticated=True, is_superuser=True, staff=None, pk=None)
SCOPES = {"cm": "customer manager", "mm": "market manager", "city": "city"}
SHOWN_PROBLEMS = 5  # disagreements printed per case; the count says how many there were


def comma_list(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


class Command(BaseCommand):
    help = "Benchmark the analysis reports: median and p95 per report, scope and period length."

    def add_arguments(self, parser):
        parser.add_argument(
            "what", choices=["reports", "forecast", "plans", "visitplans", "suggestions", "route", "visits"]
        )
        parser.add_argument(
            "--pending-migrations-in-transaction",
            action="store_true",
            help="plans, visits: apply unapplied migrations inside the benchmark's rolled-back transaction",
        )
        parser.add_argument("--runs", "--repeat", dest="runs", type=int, default=5, help="timed runs per case (5)")
        parser.add_argument("--reports", "--only", dest="reports", help="comma-separated report names (all)")
        parser.add_argument("--scopes", default="cm,mm,city", help="comma-separated: cm, mm, city (all three)")
        parser.add_argument("--periods", default="1,6", help="comma-separated period lengths in months (1,6)")
        parser.add_argument(
            "--duckdb", action="store_true", help='also time a DuckDB reference (pip install -e ".[bench]")'
        )
        parser.add_argument("--duckdb-path", help="the DuckDB file (default: one per database in the temp folder)")
        parser.add_argument("--duckdb-reload", action="store_true", help="copy the order lines again")
        parser.add_argument(
            "--check",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="compare our numbers with DuckDB's (on with --duckdb; --check alone implies --duckdb)",
        )
        parser.add_argument("--days", type=int, default=20, help="route: random days ordered (20)")
        parser.add_argument("--stops", type=int, default=40, help="route: stops a day (40)")
        parser.add_argument("--reference-seconds", type=float, default=2.0, help="route: OR-Tools' time a day (2 s)")

    def handle(self, *args, **options):
        if options["what"] == "visits":  # recording visits and the visit pages: devtools/bench/visits.py
            pending = options["pending_migrations_in_transaction"]
            if not run_visits_bench(runs=options["runs"], write=self.stdout.write, pending_migrations=pending):
                raise CommandError(_("Recording a visit or a visit page took longer than its measure, or no data."))
            return
        if options["what"] == "visitplans":  # the month's visit plan proposal: devtools/bench/visitplans.py
            if not run_visitplans_bench(runs=options["runs"], write=self.stdout.write):
                raise CommandError(_("A visit plan proposal took longer than its measure, or there is no data."))
            return
        if options["what"] == "forecast":  # targets' sales forecast: devtools/bench/forecast.py
            if not run_forecast_bench(runs=options["runs"], write=self.stdout.write):
                raise CommandError(_("The city's forecast took longer than 5 s, or there is no order data."))
            return
        if options["what"] == "plans":  # the 计划 pages: devtools/bench/plans.py
            within = run_plans_bench(
                runs=options["runs"],
                write=self.stdout.write,
                pending_migrations=options["pending_migrations_in_transaction"],
            )
            if not within:
                raise CommandError(_("A plan page took longer than 150 ms (median), or there is nothing to measure."))
            return
        if options["what"] == "suggestions":  # visitplans' suggested visits: devtools/bench/suggestions.py
            if not run_suggestions_bench(runs=options["runs"], write=self.stdout.write):
                raise CommandError(_("One customer manager's suggested visits took longer than 200 ms, or no data."))
            return
        if options["what"] == "route":  # the day's route order: devtools/bench/route.py
            bench = {key: options[key] for key in ("days", "stops", "runs", "reference_seconds")}
            if not run_route_bench(**bench, write=self.stdout.write):
                raise CommandError(
                    _("A day's route took over 100 ms, or came out over 2 per cent longer than the reference's.")
                )
            return
        # By default the 分析 step's reports, which the DuckDB reference covers; others by name (--reports).
        names = comma_list(options["reports"]) if options["reports"] else [r.name for r in reports_of("analysis")]
        unknown = [name for name in names if name not in REPORTS]
        if unknown:
            raise CommandError(
                _("Unknown report: %(names)s (known: %(known)s).")
                % {"names": ", ".join(unknown), "known": ", ".join(REPORTS)}
            )
        scopes = comma_list(options["scopes"])
        if not scopes or any(scope not in SCOPES for scope in scopes):
            raise CommandError(_("--scopes takes a comma-separated list of cm, mm and city."))
        try:
            lengths = [int(length) for length in comma_list(options["periods"])]
        except ValueError:
            lengths = []
        if not lengths or min(lengths) < 1:
            raise CommandError(_("--periods takes a comma-separated list of month counts, such as 1,6."))
        check = bool(options["check"]) if options["check"] is not None else options["duckdb"]
        use_duckdb = options["duckdb"] or check

        last_month = CustomerMonth.objects.aggregate(month=Max("month"))["month"]
        if last_month is None:
            raise CommandError(_("No order data: load a demo city first (workbench demo --preset city)."))
        periods = {
            f"{length} month{'s' if length > 1 else ''}": Period.months_from(add_months(last_month, 1 - length), length)
            for length in lengths
        }
        top_specs = list(
            CustomerSpecMonth.objects.filter(month=last_month)
            .values("spec_id")
            .annotate(qty=Sum("order_qty"))
            .order_by("-qty")
            .values_list("spec_id", flat=True)[:3]
        )
        spec_codes = list(Spec.objects.filter(pk__in=top_specs).values_list("code", flat=True))
        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        for table in self.tables_without_statistics():
            self.stdout.write(f"warning: {table} has no planner statistics: run ANALYZE {table}; (plans will be poor)")
        self.stdout.write(f"specs: {', '.join(spec_codes)}; last month with orders: {last_month:%Y-%m}")
        duckdb_connection = self.open_duckdb(options) if use_duckdb else None

        header = f"{'report':<24}{'scope':<26}{'period':<10}{'rows':>7}{'ours ms':>10}{'p95':>9}"
        if duckdb_connection is not None:
            header += f"{'duckdb ms':>11}{'p95':>9}{'ratio':>8}"
            if check:
                header += "  agree"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        try:
            disagreeing = self.run_cases(names, scopes, periods, spec_codes, duckdb_connection, check, options["runs"])
        finally:
            if duckdb_connection is not None:
                duckdb_connection.close()
        if disagreeing:
            if not options["duckdb_reload"]:
                self.stdout.write(
                    "If order lines were re-imported in place since the DuckDB copy was made, run again with"
                    " --duckdb-reload."
                )
            raise CommandError(
                _("Our numbers and DuckDB's disagree in %(count)d cases (listed above).") % {"count": disagreeing}
            )

    def run_cases(self, names, scopes, periods, spec_codes, duckdb_connection, check, runs) -> int:
        """Print one line per report, scope and period (and its disagreements); the number of cases that disagree."""
        disagreeing = 0
        with transaction.atomic():
            for label, user in self.personas(scopes):
                customer_set = self.customer_set(user)
                for name in names:
                    for period_label, period in periods.items():
                        data = {"from": period.start.isoformat(), "to": period.end.isoformat()}
                        if REPORTS[name].specs == REQUIRED:
                            data["specs"] = ",".join(spec_codes)
                        if REPORTS[name].customer_set == REQUIRED:
                            data["customer_set"] = str(customer_set.pk)
                        params = parse_params(user, REPORTS[name], data, today=timezone.localdate())
                        line, problems = self.case(name, params, duckdb_connection, check, runs)
                        self.stdout.write(f"{name:<24}{label:<26}{period_label:<10}{line}")
                        for problem in problems[:SHOWN_PROBLEMS]:
                            self.stdout.write(f"    ! {problem}")
                        if len(problems) > SHOWN_PROBLEMS:
                            self.stdout.write(f"    ! … and {len(problems) - SHOWN_PROBLEMS} more")
                        disagreeing += bool(problems)
            transaction.set_rollback(True)
        return disagreeing

    def open_duckdb(self, options):
        """The DuckDB copy of the database (devtools.bench.duckdb_copy), with a line saying what loading it took."""
        from workbench.devtools.bench.duckdb_copy import DuckDBMissing, open_copy

        path = Path(options["duckdb_path"] or default_duckdb_path(connection.settings_dict["NAME"]))
        try:
            con, copied = open_copy(path, reload=options["duckdb_reload"])
        except DuckDBMissing as error:
            raise CommandError(str(error)) from None
        lines = "reused" if copied.lines_reused else f"loaded in {copied.lines_seconds:.1f} s"
        threads = con.execute("SELECT current_setting('threads')").fetchone()[0]
        self.stdout.write(
            f"duckdb: {path}: {copied.lines:,} order lines {lines}; customers, staff, specs and opportunities"
            f" loaded in {copied.other_seconds:.1f} s; {threads} threads"
        )
        return con

    def case(self, name: str, params, con, check: bool, runs: int) -> tuple[str, list[str]]:
        """Time one report for one scope and period, and its DuckDB reference when there is a copy.

        Returns the table's columns from `rows` on, and the disagreements with DuckDB (when checking).
        """
        report = REPORTS[name]
        result, ours = time_runs(lambda: report.run(params), runs)
        line = f"{len(result.rows):>7}{ours.median:>10.1f}{ours.p95:>9.1f}"
        if con is None:
            return line, []
        from workbench.devtools.bench.compare import disagreements
        from workbench.devtools.bench.duckdb_reference import reference_query, run_reference

        query = reference_query(name, params)
        answer, theirs = time_runs(lambda: run_reference(con, query), runs)
        line += f"{theirs.median:>11.1f}{theirs.p95:>9.1f}{ours.median / max(theirs.median, 1e-6):>8.1f}"
        problems = disagreements(result, answer) if check else []
        if check:
            line += "  " + ("yes" if not problems else f"NO ({len(problems)})")
        return line, problems

    def tables_without_statistics(self) -> list[str]:
        """PostgreSQL tables the reports read that were never analysed (after a bulk load, until autovacuum)."""
        if connection.vendor != "postgresql":
            return []
        tables = [model._meta.db_table for model in (CustomerMonth, CustomerSpecMonth, OrderLine, Customer)]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname FROM pg_stat_user_tables WHERE relname = ANY(%s)"
                " AND last_analyze IS NULL AND last_autoanalyze IS NULL ORDER BY relname",
                [tables],
            )
            return [row[0] for row in cursor.fetchall()]

    def personas(self, scopes: list[str]) -> list[tuple[str, object]]:
        """The customer manager with the most customers, the market manager with the largest team, the city."""
        personas = []
        if "cm" in scopes:
            customer_manager = (
                Staff.objects.customer_managers()
                .filter(is_active=True)
                .annotate(customers_count=Count("customers"))
                .order_by("-customers_count", "code")
                .first()
            )
            if customer_manager is not None:
                personas.append((f"{SCOPES['cm']} {customer_manager.code}", self.user_of(customer_manager)))
        if "mm" in scopes:
            market_managers = Staff.objects.market_managers().filter(is_active=True).select_related("org_unit")
            market_manager = max(
                market_managers,
                key=lambda member: Customer.objects.filter(
                    manager__org_unit__path__startswith=member.org_unit.path
                ).count(),
                default=None,
            )
            if market_manager is not None:
                personas.append((f"{SCOPES['mm']} {market_manager.code}", self.user_of(market_manager)))
        if "city" in scopes:
            personas.append((SCOPES["city"], CITY))
        return personas

    @staticmethod
    def user_of(staff: Staff):
        """The staff member's login, or a stand-in with his scope when he has none."""
        return staff.user or SimpleNamespace(is_authenticated=True, is_superuser=False, staff=staff, pk=None)

    def customer_set(self, user) -> CustomerSet:
        """A fixed set of (at most) 100 customers of the user's scope, owned by his staff (rolled back later)."""

        owner = getattr(user, "staff", None) or Staff.objects.earliest("pk")
        customer_set = CustomerSet.objects.create(owner=owner, name="bench")
        customer_set.members.set(Customer.objects.restrict(user, "view").order_by("code")[:100])
        return customer_set


def default_duckdb_path(database_name) -> Path:
    """One DuckDB file per source database, in the temporary folder (/tmp/workbench-bench-<name>.duckdb)."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", Path(str(database_name)).name) or "default"
    return Path(tempfile.gettempdir()) / f"workbench-bench-{stem}.duckdb"
