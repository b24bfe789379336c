"""Generate the demo city as the five data-contract files (org, staff, customers, specs, order lines).

The files are byte-identical for the same preset, seed and end date: every draw comes from `random.Random`
instances seeded from the seed, and nothing iterates over an unordered collection.
"""

import csv
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from workbench.demo.catalogue import select_specs
from workbench.demo.orders import OrderStats, money, write_order_lines
from workbench.demo.population import City, build_city
from workbench.demo.presets import PRESETS

# File key → file name, in import order. Each key is the import kind (as imports.services.import_file takes it),
# but for customers_before: the customers whose 档位 changed during the data, with the grade they had before, loaded
# ahead of customers.csv so that the import records each change (old → new, on grade_since) as it would have
# happened in a real company that imports its customer file every month.
FILE_NAMES = {
    "org": "org.csv",
    "staff": "staff.csv",
    "customers_before": "customers_before.csv",
    "customers": "customers.csv",
    "specs": "specs.csv",
    "orders": "order_lines.csv",
}
IMPORT_KINDS = {"customers_before": "customers"}
DEFAULT_SEED = 135  # after the "135" work method


@dataclass
class GenerationResult:
    """What was generated and where."""

    preset: str
    seed: int
    start: date
    end: date
    launch_on: date  # launch date of the new spec, 七匹狼(软通泰)
    directory: Path
    org_units: int
    staff: int
    customers: int
    specs: int
    order_stats: OrderStats
    paths: dict[str, Path] = field(default_factory=dict)

    @property
    def price_class_mix(self) -> dict[int, float]:
        """Share of each 价类 in the ordered volume (条)."""
        total = sum(self.order_stats.qty_by_price_class.values()) or 1
        return {pc: self.order_stats.qty_by_price_class.get(pc, 0) / total for pc in range(1, 6)}


def write_csv(path: Path, header: tuple[str, ...], rows) -> None:
    """Write a small CSV file (UTF-8, no BOM, "\\n" line ends)."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def iso(day: date | None) -> str:
    """A date as YYYY-MM-DD, or empty."""
    return day.isoformat() if day else ""


def write_master_files(city: City, paths: dict[str, Path]) -> None:
    """org.csv, staff.csv, customers.csv and specs.csv."""
    write_csv(
        paths["org"],
        ("org_code", "name", "kind", "parent_code"),
        ((unit.code, unit.name, unit.kind, unit.parent_code) for unit in city.org_units),
    )
    write_csv(
        paths["staff"],
        ("staff_code", "name", "role", "org_code", "mobile", "active"),
        ((person.code, person.name, person.role, person.org_code, person.mobile, 1) for person in city.staff),
    )
    header = (
        "customer_code",
        "license_no",
        "name",
        "owner_name",
        "phone",
        "address",
        "format",
        "market_type",
        "scale",
        "grade",
        "grade_since",
        "credit_class",
        "terminal_type",
        "order_channel",
        "manager_code",
        "route",
        "order_weekday",
        "status",
        "opened_on",
        "closed_on",
        "lng",
        "lat",
    )
    changed = [c for c in city.customers if c.grade_since]
    write_csv(paths["customers_before"], header, (customer_row(c, before=True) for c in changed))
    write_csv(paths["customers"], header, (customer_row(c, before=False) for c in city.customers))
    # The old specs were launched years ago; the new one during the data.
    write_csv(
        paths["specs"],
        (
            "spec_code",
            "name",
            "brand",
            "manufacturer",
            "in_province",
            "blend",
            "stick",
            "tar_mg",
            "transfer_price",
            "wholesale_price",
            "retail_price",
            "launched_on",
            "on_sale",
        ),
        (
            (
                spec.code,
                spec.name,
                spec.brand,
                spec.manufacturer,
                1 if spec.in_province else 0,
                spec.blend,
                spec.stick,
                spec.tar_mg,
                money(spec.transfer_cents),
                money(spec.wholesale_cents),
                money(spec.retail_cents),
                iso(
                    city.launch_on
                    if spec.is_launch
                    else date(2004 + spec.launch_order % 15, 1 + spec.launch_order % 12, 1)
                ),
                1,
            )
            for spec in city.specs
        ),
    )


def customer_row(c, *, before: bool) -> tuple:
    """One customers.csv row; `before` gives the 档位 the customer had before its change (no grade_since)."""
    return (
        c.code,
        c.license_no,
        c.name,
        c.owner_name,
        c.phone,
        c.address,
        c.format,
        c.market_type,
        c.scale,
        c.old_grade if before else c.grade,
        "" if before else iso(c.grade_since),
        c.credit_class,
        c.terminal_type,
        c.order_channel,
        c.manager_code,
        c.route,
        c.order_weekday,
        c.status,
        iso(c.opened_on),
        iso(c.closed_on),
        f"{c.lng:.6f}",
        f"{c.lat:.6f}",
    )


def default_directory(preset: str) -> Path:
    """var/demo/<preset> beside the project package."""
    from django.conf import settings

    return Path(settings.BASE_DIR).parent / "var" / "demo" / preset


def generate(*, preset: str, seed: int = DEFAULT_SEED, end: date, directory: Path) -> GenerationResult:
    """Generate the demo city `preset` with orders up to `end` and write its five files into `directory`."""
    city = build_city(PRESETS[preset], select_specs(PRESETS[preset].spec_count), seed, end)
    directory.mkdir(parents=True, exist_ok=True)
    paths = {kind: directory / name for kind, name in FILE_NAMES.items()}
    # Write beside the final names and rename at the end: a reader (an import running at the same time, or another
    # demo run into the same directory) then only ever sees whole files.
    partial = {kind: directory / f".{path.name}.{os.getpid()}.partial" for kind, path in paths.items()}
    try:
        write_master_files(city, partial)
        order_stats = write_order_lines(city, partial["orders"], seed)
        for kind, path in paths.items():
            os.replace(partial[kind], path)
    finally:
        for path in partial.values():
            path.unlink(missing_ok=True)
    return GenerationResult(
        preset=preset,
        seed=seed,
        start=city.start,
        end=city.end,
        launch_on=city.launch_on,
        directory=directory,
        org_units=len(city.org_units),
        staff=len(city.staff),
        customers=len(city.customers),
        specs=len(city.specs),
        order_stats=order_stats,
        paths=paths,
    )
