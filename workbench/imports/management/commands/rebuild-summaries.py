"""`workbench rebuild-summaries`: recompute the monthly summary tables from every order line."""

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workbench.orders.summaries import rebuild_all_summaries


class Command(BaseCommand):
    help = "Recompute the monthly summaries (customer × spec × month, customer × month) from the order lines."

    def handle(self, *args, **options):
        started = time.perf_counter()
        rebuild_all_summaries()
        self.stdout.write(_("Summaries rebuilt in %(seconds).1f s.") % {"seconds": time.perf_counter() - started})
