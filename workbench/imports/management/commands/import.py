"""`workbench import KIND FILE`: import a data-contract file (CSV or XLSX), all-or-nothing."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from workbench.imports.services import KINDS, import_file


class Command(BaseCommand):
    help = "Import a data-contract file (org, staff, customers, specs, orders) from CSV or XLSX, all-or-nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "kind", choices=KINDS, help="what the file holds; import in this order: " + " → ".join(KINDS)
        )
        parser.add_argument("file", help="a .csv (UTF-8) or .xlsx file with the columns of docs/data-contract.md")
        parser.add_argument("--dry-run", action="store_true", help="check the file and report, write nothing")

    def handle(self, *args, kind: str, file: str, dry_run: bool, **options):
        report = import_file(kind, file, dry_run=dry_run)
        self.stdout.write(report.as_text())
        if not report.ok:
            raise CommandError(_("%(count)s errors; nothing was written.") % {"count": report.error_count})
