"""`workbench report <name> --user STAFF_CODE …`: an analysis report as JSON, CSV or XLSX.

Same parameters, same function, same numbers as the screen and the API; the user's scope applies. An error prints
its message and exits with status 1.
"""

import sys
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workbench.accounts.models import Staff
from workbench.analysis import exporting
from workbench.analysis.params import ReportError, parse_params
from workbench.analysis.registry import REPORTS


def user_of(staff: Staff):
    """The login of a staff member; a stand-in with the same scope when he has no login yet."""
    if staff.user is not None:
        return staff.user
    return SimpleNamespace(is_authenticated=True, is_superuser=False, staff=staff, pk=None)


class Command(BaseCommand):
    help = "Compute an analysis report (metrics.md) for a staff member's scope and print or save it."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(REPORTS), help="the report")
        parser.add_argument("--user", required=True, help="staff code whose scope applies")
        parser.add_argument("--scope", help="a staff code or org code inside the user's scope")
        parser.add_argument("--from", dest="from", help="first day, YYYY-MM-DD")
        parser.add_argument("--to", help="last day, YYYY-MM-DD")
        parser.add_argument(
            "--period", help="instead of --from/--to: this_month, last_month, last_3_months, year_to_date"
        )
        parser.add_argument("--specs", help="comma-separated spec codes")
        parser.add_argument("--brand-set", dest="brand_set", help="brand set id")
        parser.add_argument("--customer-set", dest="customer_set", help="customer set id")
        parser.add_argument("--by", help="grouping of the classification reports")
        parser.add_argument("--target", help="target rate of the distribution-rate chart, e.g. 60%%")
        parser.add_argument("--format", choices=["json", "csv", "xlsx"], default="json")
        parser.add_argument("--output", help="write to this file instead of the standard output (required for xlsx)")
        parser.add_argument("--language", default=None, help="language of the labels (zh-hans, en)")

    def handle(self, *args, **options):
        with translation.override(options["language"] or translation.get_language()):
            self.run(options)

    def run(self, options):
        staff = Staff.objects.select_related("user", "org_unit").filter(code=options["user"]).first()
        if staff is None:
            raise CommandError(_("Unknown staff code “%(code)s”.") % {"code": options["user"]})
        report = REPORTS[options["name"]]
        names = ("scope", "from", "to", "period", "specs", "brand_set", "customer_set", "by", "target")
        data = {name: options[name] for name in names if options.get(name) not in (None, "")}
        try:
            params = parse_params(user_of(staff), report, data, today=timezone.localdate())
        except ReportError as error:
            field = f" ({error.field})" if error.field else ""
            raise CommandError(f"{error.message}{field}") from None
        result = report.run(params)

        output = options["output"]
        if options["format"] == "xlsx":
            if not output:
                raise CommandError(_("--format xlsx needs --output FILE."))
            exporting.write_xlsx(result, output)
            return
        text = exporting.json_text(result) + "\n" if options["format"] == "json" else exporting.csv_text(result)
        if output:
            with open(output, "w", encoding="utf-8", newline="") as handle:
                handle.write(text)
        else:
            sys.stdout.write(text)
