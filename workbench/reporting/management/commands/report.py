"""`workbench report <name> --user STAFF_CODE …`: any registered report as JSON, CSV or XLSX.

Same parameters, same function, same numbers as the screen and the API; the user's scope applies. An error prints
its message and exits with status 1.
"""

import sys
from types import SimpleNamespace

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from workbench.accounts.models import Staff
from workbench.lib.periods import PRESETS
from workbench.reporting import exporting
from workbench.reporting.params import ReportError, parse_params
from workbench.reporting.registry import REPORTS, parameter_names

# The help of the common report parameters (params.PARAMETER_NAMES); `--brand-set` stands for `brand_set` and so
# on. A report's options (`--by`) take their help from their label.
PARAMETER_HELP = {
    "scope": "a staff code or org code inside the user's scope",
    "period": "instead of --from/--to: " + ", ".join(name for name in PRESETS if name != "custom"),
    "from": "first day, YYYY-MM-DD",
    "to": "last day, YYYY-MM-DD",
    "specs": "comma-separated spec codes",
    "brand_set": "brand set id",
    "customer_set": "customer set id",
    "target": "target rate of the distribution-rate chart, e.g. 60%%",
}


def user_of(staff: Staff):
    """The login of a staff member; a stand-in with the same scope when he has no login yet."""
    if staff.user is not None:
        return staff.user
    return SimpleNamespace(is_authenticated=True, is_superuser=False, staff=staff, pk=None)


def option_help(name: str) -> str:
    """The help of a report option: its choices, and the reports that take it."""
    reports = [report for report in REPORTS.values() if name in report.options]
    choices = dict.fromkeys(choice for report in reports for choice in report.options[name].choices)
    return f"{', '.join(choices)} (reports {', '.join(report.name for report in reports)})"


class Command(BaseCommand):
    help = "Compute a report (metrics.md) for a staff member's scope and print or save it."

    def add_arguments(self, parser):
        parser.add_argument("name", choices=list(REPORTS), help="the report")
        parser.add_argument("--user", required=True, help="staff code whose scope applies")
        for name in parameter_names():
            help_text = PARAMETER_HELP.get(name) or option_help(name)
            parser.add_argument("--" + name.replace("_", "-"), dest=name, help=help_text)
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
        data = {name: options[name] for name in parameter_names(report) if options.get(name) not in (None, "")}
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
