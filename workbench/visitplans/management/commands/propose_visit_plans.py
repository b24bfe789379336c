"""`workbench propose_visit_plans --month YYYY-MM [--staff CODE ...]`: propose a month's visit plans for an admin.

Every active customer manager (or those named) whose plan of the month is not committed gets the proposal
(services.propose_plan, docs/definitions.md#proposal) in his draft plan; a committed plan is left as it is.
Running it again gives the same plans (the proposal is deterministic and replaces only proposed visits).
"""

from datetime import date, datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.models import Staff
from workbench.lib.periods import add_months, first_of_month, month_key
from workbench.visitplans.models import VisitPlan, VisitPlanState
from workbench.visitplans.services import propose_plan


def parse_month(text: str) -> date:
    try:
        return datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 (a calendar month, no time of day)
    except ValueError:
        raise CommandError(_("Enter a month as YYYY-MM.")) from None


class Command(BaseCommand):
    help = (
        "Propose the visit plans of a month (next month by default) for every customer manager without a committed one."
    )

    def add_arguments(self, parser):
        parser.add_argument("--month", help="YYYY-MM (default: next month)")
        parser.add_argument("--staff", nargs="+", metavar="CODE", help="only these customer managers (staff codes)")

    def handle(self, *args, **options):
        month = (
            parse_month(options["month"]) if options["month"] else add_months(first_of_month(timezone.localdate()), 1)
        )
        staff = Staff.objects.customer_managers().filter(is_active=True).order_by("code")
        if options["staff"]:
            staff = staff.filter(code__in=options["staff"])
            unknown = sorted(set(options["staff"]) - set(staff.values_list("code", flat=True)))
            if unknown:
                raise CommandError(_("Not an active customer manager: %(codes)s.") % {"codes": ", ".join(unknown)})
        committed = set(
            VisitPlan.objects.filter(month=month, state=VisitPlanState.COMMITTED).values_list("staff_id", flat=True)
        )
        proposed = visits = skipped = 0
        for member in staff:
            if member.pk in committed:
                skipped += 1
                continue
            plan = propose_plan(member, month, by=None)
            proposed += 1
            visits += plan.visits.count()
        self.stdout.write(
            _("%(month)s: plans proposed %(plans)s (%(visits)s visits); committed plans left as they are: %(skipped)s.")
            % {"month": month_key(month), "plans": proposed, "visits": visits, "skipped": skipped}
        )
