"""`workbench bench reports`: time every report's query function on the database DATABASE_URL points at.

For a customer manager's scope, a market manager's and the whole city, over one month and over six months (the
last months with orders), each report runs once to warm up and then `--repeat` times; the table gives the median
and the 95th percentile in milliseconds. Nothing is written: the customer set the customer-set report needs is
created inside a transaction that is rolled back.
"""

import math
import statistics
import time
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Count, Max, Sum
from django.utils import timezone

from workbench.accounts.models import Role, Staff
from workbench.analysis.params import REQUIRED, parse_params
from workbench.analysis.registry import REPORTS
from workbench.catalog.models import Spec
from workbench.customers.models import Customer, CustomerSet
from workbench.lib.periods import Period, add_months
from workbench.orders.models import CustomerMonth, CustomerSpecMonth, OrderLine

CITY = SimpleNamespace(is_authenticated=True, is_superuser=True, staff=None, pk=None)


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


class Command(BaseCommand):
    help = "Benchmark the analysis reports: median and p95 per report, scope and period length."

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["reports"])
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per case (default 5)")
        parser.add_argument("--only", help="comma-separated report names")

    def handle(self, *args, **options):
        last_month = CustomerMonth.objects.aggregate(month=Max("month"))["month"]
        if last_month is None:
            raise CommandError("No order data: load a demo city first (workbench demo --preset city).")
        periods = {
            "1 month": Period.months_from(last_month, 1),
            "6 months": Period.months_from(add_months(last_month, -5), 6),
        }
        personas = self.personas()
        top_specs = list(
            CustomerSpecMonth.objects.filter(month=last_month)
            .values("spec_id")
            .annotate(qty=Sum("order_qty"))
            .order_by("-qty")
            .values_list("spec_id", flat=True)[:3]
        )
        spec_codes = list(Spec.objects.filter(pk__in=top_specs).values_list("code", flat=True))
        names = options["only"].split(",") if options["only"] else list(REPORTS)
        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}")
        for table in self.tables_without_statistics():
            self.stdout.write(f"warning: {table} has no planner statistics: run ANALYZE {table}; (plans will be poor)")
        self.stdout.write(f"specs: {', '.join(spec_codes)}; last month with orders: {last_month:%Y-%m}")
        header = f"{'report':<26}{'scope':<28}{'period':<10}{'rows':>8}{'median ms':>12}{'p95 ms':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        with transaction.atomic():
            for label, user in personas:
                customer_set = self.customer_set(user)
                for name in names:
                    report = REPORTS[name]
                    for period_label, period in periods.items():
                        data = {"from": period.start.isoformat(), "to": period.end.isoformat()}
                        if report.specs == REQUIRED:
                            data["specs"] = ",".join(spec_codes)
                        if report.customer_set == REQUIRED:
                            data["customer_set"] = str(customer_set.pk)
                        params = parse_params(user, report, data, today=timezone.localdate())
                        rows = len(report.run(params).rows)  # warm-up
                        times = []
                        for _run in range(options["repeat"]):
                            started = time.perf_counter()
                            report.run(params)
                            times.append((time.perf_counter() - started) * 1000)
                        self.stdout.write(
                            f"{name:<26}{label:<28}{period_label:<10}{rows:>8}"
                            f"{statistics.median(times):>12.1f}{percentile(times, 0.95):>10.1f}"
                        )
            transaction.set_rollback(True)

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

    def personas(self) -> list[tuple[str, object]]:
        """The customer manager with the most customers, the market manager with the largest team, the city."""
        personas = []
        customer_manager = (
            Staff.objects.filter(role=Role.CUSTOMER_MANAGER, is_active=True)
            .annotate(customers_count=Count("customers"))
            .order_by("-customers_count", "code")
            .first()
        )
        market_managers = Staff.objects.filter(role=Role.MARKET_MANAGER, is_active=True).select_related("org_unit")
        market_manager = max(
            market_managers,
            key=lambda member: Customer.objects.filter(
                manager__org_unit__path__startswith=member.org_unit.path
            ).count(),
            default=None,
        )
        for label, staff in (("customer manager", customer_manager), ("market manager", market_manager)):
            if staff is not None:
                user = staff.user or SimpleNamespace(is_authenticated=True, is_superuser=False, staff=staff, pk=None)
                personas.append((f"{label} {staff.code}", user))
        personas.append(("city", CITY))
        return personas

    def customer_set(self, user) -> CustomerSet:
        """A fixed set of (at most) 100 customers of the user's scope, owned by his staff (rolled back later)."""
        from workbench.accounts.access import visible_customers

        owner = getattr(user, "staff", None) or Staff.objects.order_by("pk").first()
        customer_set = CustomerSet.objects.create(owner=owner, name="bench")
        customer_set.members.set(visible_customers(user).order_by("code")[:100])
        return customer_set
