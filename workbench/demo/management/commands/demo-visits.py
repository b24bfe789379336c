"""`workbench demo-visits`: add the demo's visits (demo/visits.py) to a demo database already loaded.

The months of visits the preset gets (`--months`, default: a year for the city, else the plans' three months)
ending with the month of `--end` (default: the last day with orders). Each month's visits are replaced: running
it again gives the same visits. Months with committed visit plans follow the plans; the others the visit cycles.
"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.management.commands.demo import parse_day
from workbench.demo.samples import generate_demo_samples
from workbench.demo.visits import VisitStats, demo_visit_months, generate_visits
from workbench.lib.periods import add_months, first_of_month
from workbench.orders.freshness import data_end


class Command(BaseCommand):
    help = "Add the demo's visits to a loaded demo database: a year on the city preset, replacing those there were."

    def add_arguments(self, parser):
        parser.add_argument("--preset", default="city", help="the preset loaded (city: a year of visits)")
        parser.add_argument("--months", type=int, help="months of visits ending with --end's month")
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (the demo's)")
        parser.add_argument("--end", help="last day of visits, YYYY-MM-DD (default the last day with orders)")

    def handle(self, *args, preset, months, seed, end, **options):
        end_day = parse_day(end) if end else data_end()
        if end_day is None:
            self.stderr.write(_("No order data: load a demo city first (workbench demo --preset city)."))
            return
        count = months or demo_visit_months(preset)
        total = VisitStats()
        for offset in range(1 - count, 1):
            month = add_months(first_of_month(end_day), offset)
            stats = generate_visits(month, end=end_day, seed=seed)
            self.stdout.write(f"{month:%Y-%m}: {stats.visits:,} visits in {stats.seconds:.1f} s")
            total.add(stats)
        self.stdout.write(
            _(
                "Visits: %(visits)s over %(months)s months (%(ticked)s planned visits done, %(missed)s missed; "
                "%(field)s in person, %(far)s far from the shop; %(requests)s requests, %(complaints)s complaints) "
                "in %(seconds).1f s."
            )
            % total.as_dict()
        )
        # The visits replaced took their observations with them: observe the sample points' visits again.
        samples = generate_demo_samples(seed=seed)
        self.stdout.write(
            _("Sample points: %(sample_points)s, %(observations)s observations in %(visits)s visits.") % samples
        )
