"""`workbench demo --preset {tiny,small,city}`: generate a deterministic demo city and load it.

The city is written as data-contract files into DIR (default var/demo/<preset>), then imported through
the same import path as real files, and every staff login gets the demo password.
"""

import time
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.customers.models import Customer
from workbench.demo.features import generate_features
from workbench.demo.generator import DEFAULT_SEED, default_directory, generate
from workbench.demo.plans import generate_plans
from workbench.demo.presets import PRESETS
from workbench.demo.samples import generate_demo_samples
from workbench.demo.scorecards import generate_scorecards
from workbench.demo.services import DemoLoadError, demo_accounts, load_demo, set_demo_passwords
from workbench.demo.targets import generate_targets
from workbench.demo.visits import generate_demo_visits

DEMO_URL = "http://127.0.0.1:8000/"


def parse_day(value: str) -> date:
    """A YYYY-MM-DD argument."""
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": value}) from error


class Command(BaseCommand):
    help = (
        "Generate a deterministic demo city in the style of Nanjing as data-contract files, "
        "load them through the import path and set the demo password on every login."
    )

    def add_arguments(self, parser):
        parser.add_argument("--preset", choices=list(PRESETS), default="small", help="size of the city (default small)")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (same seed, same files)")
        parser.add_argument("--end", help="last order date, YYYY-MM-DD (default today)")
        parser.add_argument("--dir", dest="directory", help="where to write the files (default var/demo/<preset>)")
        parser.add_argument("--no-load", action="store_true", help="only write the files")
        parser.add_argument("--if-empty", action="store_true", help="do nothing when the database has customers")

    def handle(self, *args, preset, seed, end, directory, no_load, if_empty, **options):
        if if_empty and not no_load and Customer.objects.exists():
            self.stdout.write(_("The database already has customers: the demo is not loaded again."))
            return
        end_day = parse_day(end) if end else timezone.localdate()
        target = Path(directory) if directory else default_directory(preset)

        started = time.perf_counter()
        result = generate(preset=preset, seed=seed, end=end_day, directory=target)
        generated = time.perf_counter() - started
        stats = result.order_stats
        self.stdout.write(
            _(
                "Generated the %(preset)s preset (seed %(seed)s, orders %(start)s – %(end)s) in %(seconds).1f s: "
                "%(org_units)s org units, %(staff)s staff, %(customers)s customers, %(specs)s specs, "
                "%(orders)s orders, %(lines)s order lines, in %(directory)s"
            )
            % {
                "preset": preset,
                "seed": seed,
                "start": result.start,
                "end": result.end,
                "seconds": generated,
                "org_units": result.org_units,
                "staff": result.staff,
                "customers": result.customers,
                "specs": result.specs,
                "orders": f"{stats.orders:,}",
                "lines": f"{stats.lines:,}",
                "directory": target,
            }
        )
        if no_load:
            return

        started = time.perf_counter()
        try:
            load_demo(directory=target, on_report=lambda kind, report: self.stdout.write(report.as_text()))
        except DemoLoadError as error:
            raise CommandError(_("The demo %(kind)s file did not import.") % {"kind": error.kind}) from error
        logins = set_demo_passwords(password=settings.DEMO_PASSWORD)
        # 计划: the plans of the city's last three months (not data-contract files: written after the import).
        plans = generate_plans(end=end_day, seed=seed)
        self.stdout.write(
            _("Plans: %(team_plans)s team plans, %(monthly_plans)s monthly plans of customer managers.") % plans
        )
        targets = generate_targets(end=result.end, seed=seed)
        self.stdout.write(
            _("Targets: %(sales)s sales targets, %(improvement)s improvement targets, %(kpi)s KPI targets.")
            % {"sales": targets.sales_targets, "improvement": targets.improvement_targets, "kpi": targets.kpi_targets}
        )
        # 客户拜访计划 and 拜访: each month's plans, then its visits, so the next month's proposal counts from them.
        visits, recorded = generate_demo_visits(preset, end=end_day, seed=seed)
        self.stdout.write(
            _(
                "Visit plans: %(offices)s team offices, %(rules)s visit cycle rules, "
                "%(visit_plans)s committed visit plans."
            )
            % visits
        )
        self.stdout.write(
            _(
                "Visits: %(visits)s over %(months)s months (%(ticked)s planned visits done, %(missed)s missed; "
                "%(field)s in person, %(far)s far from the shop; %(requests)s requests, %(complaints)s complaints) "
                "in %(seconds).1f s."
            )
            % recorded.as_dict()
        )
        # 信息采集点: five sample points per customer manager, with what was observed in their visits.
        samples = generate_demo_samples(seed=seed)
        self.stdout.write(
            _("Sample points: %(sample_points)s, %(observations)s observations in %(visits)s visits.") % counts(samples)
        )
        self.stdout.write(
            _("Scorecards: %(scorecards)s of %(customers)s customers.")
            % counts(generate_scorecards(end=end_day, seed=seed))
        )
        market = generate_features(end=end_day, seed=seed)
        self.stdout.write(
            _("Market information: %(features)s market features, %(opportunities)s opportunities.") % counts(market)
        )
        loaded = time.perf_counter() - started
        self.stdout.write(
            _(
                "Ready in %(seconds).1f s (generate %(generate).1f s + load %(load).1f s); "
                "%(logins)s logins have the demo password."
            )
            % {"seconds": generated + loaded, "generate": generated, "load": loaded, "logins": logins}
        )
        self.write_accounts()

    def write_accounts(self) -> None:
        """The table of accounts to try, with the password and the address."""
        accounts = demo_accounts()
        headers = (_("Role"), _("Login"), _("Name"), _("Org unit"))
        rows = [(account.role, account.username, account.name, account.org_unit) for account in accounts]
        widths = [max(display_width(str(cell)) for cell in column) for column in zip(headers, *rows, strict=False)]
        self.stdout.write("")
        self.stdout.write(_("Accounts to try (password: %(password)s):") % {"password": settings.DEMO_PASSWORD})
        for row in (headers, *rows):
            cells = (pad(str(cell), width) for cell, width in zip(row, widths, strict=True))
            self.stdout.write(("  " + "  ".join(cells)).rstrip())
        self.stdout.write(_("Open %(url)s") % {"url": DEMO_URL})


def display_width(text: str) -> int:
    """Columns the text takes in a terminal: CJK characters take two."""
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def pad(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal columns."""
    return text + " " * (width - display_width(text))


def counts(figures: dict) -> dict:
    """Whole numbers with thousands separators, as the command's other lines write them."""
    return {name: f"{value:,}" if isinstance(value, int) else value for name, value in figures.items()}
