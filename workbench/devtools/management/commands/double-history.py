"""`workbench double-history --yes`: copy the order history back in time, for the growth benchmark only."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workbench.devtools.history import double_history


class Command(BaseCommand):
    help = (
        "Benchmark databases only: copy every order line and monthly summary back in time by the span of the "
        "history, so that the database holds twice the years (run it twice for four times)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--yes", action="store_true", help="confirm: this adds orders nobody placed")

    def handle(self, *args, yes, **options):
        if not yes:
            raise CommandError(
                _("This adds copies of every order to the database: run it with --yes on a benchmark copy.")
            )
        started = time.perf_counter()
        doubling = double_history()
        if not doubling.years:
            raise CommandError(_("No order data: load a demo city first (workbench demo --preset city)."))
        self.stdout.write(
            _(
                "Copied %(lines)s order lines, %(spec_months)s customer × spec × month and %(customer_months)s "
                "customer × month summaries %(years)s years back in %(seconds).1f s."
            )
            % {
                "lines": f"{doubling.lines:,}",
                "spec_months": f"{doubling.spec_months:,}",
                "customer_months": f"{doubling.customer_months:,}",
                "years": doubling.years,
                "seconds": time.perf_counter() - started,
            }
        )
