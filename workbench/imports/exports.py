"""Write the database back as the five data-contract files (English headers, UTF-8 CSV without BOM).

The columns are the importers' own, so an export imported into an empty database gives the same data back. Rows
are streamed from the database (`iterator`), so exporting 20 million order lines runs in constant memory.
"""

from __future__ import annotations

import csv
from datetime import date
from decimal import Decimal
from pathlib import Path

from django.db.models import OuterRef, QuerySet, Subquery

from workbench.accounts.models import OrgUnit, Staff
from workbench.catalog.models import Spec
from workbench.customers.models import Customer, GradeChange
from workbench.imports import customers, order_lines, org_units, specs, staff
from workbench.imports.columns import Column
from workbench.orders.models import OrderLine

CHUNK_SIZE = 5000


def _latest_grade_change() -> Subquery:
    changes = GradeChange.objects.filter(customer=OuterRef("pk")).order_by("-changed_on", "-pk")
    return Subquery(changes.values("changed_on")[:1])


def _exports() -> list[tuple[str, list[Column], QuerySet, dict[str, str]]]:
    """(file name, the importer's columns, rows, column key → ORM lookup) for each kind, in import order."""
    return [
        (
            "org.csv",
            org_units.columns(),
            OrgUnit.objects.order_by("path"),
            {"org_code": "code", "name": "name", "kind": "kind", "parent_code": "parent__code"},
        ),
        (
            "staff.csv",
            staff.columns(),
            Staff.objects.order_by("code"),
            {
                "staff_code": "code",
                "name": "name",
                "role": "role",
                "org_code": "org_unit__code",
                "mobile": "mobile",
                "active": "is_active",
            },
        ),
        (
            "customers.csv",
            customers.columns(),
            Customer.objects.order_by("code").annotate(grade_since=_latest_grade_change()),
            {
                "customer_code": "code",
                "manager_code": "manager__code",
                **{key: key for key in customers.TEXT_FIELDS},
                **{key: key for key in customers.NULLABLE_FIELDS},
                "grade_since": "grade_since",
                "sample_point": "is_sample_point",
            },
        ),
        (
            "specs.csv",
            specs.columns(),
            Spec.objects.order_by("code"),
            {
                "spec_code": "code",
                "brand": "brand__name",
                **specs.TEXT_FIELDS,
                **specs.NULLABLE_FIELDS,
                "on_sale": "is_on_sale",
            },
        ),
        (
            "order_lines.csv",
            order_lines.columns(),
            OrderLine.objects.order_by("pk"),
            {
                "customer_code": "customer__code",
                "spec_code": "spec__code",
                **{name: name for name in order_lines.LINE_COLUMNS if not name.endswith("_id")},
            },
        ),
    ]


def export_all(directory: Path) -> dict[Path, int]:
    """Write org.csv, staff.csv, customers.csv, specs.csv and order_lines.csv into `directory`; rows per file."""
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[Path, int] = {}
    for file_name, columns, queryset, lookups in _exports():
        keys = [column.key for column in columns]
        path = directory / file_name
        rows = 0
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(keys)
            for values in queryset.values_list(*(lookups[key] for key in keys)).iterator(chunk_size=CHUNK_SIZE):
                writer.writerow([_cell(value) for value in values])
                rows += 1
        written[path] = rows
    return written


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)
