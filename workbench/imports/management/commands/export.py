"""`workbench export DIR`: write the five data-contract files (English headers, UTF-8 CSV) into DIR."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from workbench.imports.exports import export_all


class Command(BaseCommand):
    help = "Write org.csv, staff.csv, customers.csv, specs.csv and order_lines.csv into DIR (created if needed)."

    def add_arguments(self, parser):
        parser.add_argument("directory", help="where to write the files")

    def handle(self, *args, directory: str, **options):
        for path, rows in export_all(Path(directory)).items():
            self.stdout.write(_("%(path)s: %(rows)s rows") % {"path": path, "rows": rows})
