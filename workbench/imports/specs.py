"""Import specs.csv: cigarette specs (卷烟规格), upserted by spec_code; brands are created by name as needed.

The 价类 (price class) is derived from the transfer price (catalog.price_class_for), never imported.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from workbench.catalog.models import BLEND_WORDS, STICK_WORDS, Blend, Brand, Spec, Stick, price_class_for
from workbench.catalog.pinyin import pinyin_initials
from workbench.imports.columns import (
    Column,
    Record,
    boolean,
    choice,
    field_decimal,
    field_text,
    match_header,
    parse_date,
    read_records,
)
from workbench.imports.reading import Table
from workbench.imports.report import ImportReport
from workbench.imports.saving import plan_upsert

TEXT_FIELDS = {"name": "name", "manufacturer": "manufacturer", "blend": "blend", "stick": "stick"}
NULLABLE_FIELDS = {
    "in_province": "is_in_province",
    "tar_mg": "tar_mg",
    "transfer_price": "transfer_price",
    "wholesale_price": "wholesale_price",
    "retail_price": "retail_price",
    "launched_on": "launched_on",
}


def columns() -> list[Column]:
    return [
        Column("spec_code", "卷烟编码", True, field_text(Spec, "code")),
        Column("name", "卷烟名称", True, field_text(Spec, "name")),
        Column("brand", "品牌", True, field_text(Brand, "name")),
        Column("manufacturer", "生产企业", False, field_text(Spec, "manufacturer")),
        Column("in_province", "省内外", False, boolean(("省内",), ("省外",))),
        Column("blend", "卷烟类型", False, choice(Blend, BLEND_WORDS)),
        Column("stick", "规格类型", False, choice(Stick, STICK_WORDS)),
        Column("tar_mg", "焦油量", False, field_decimal(Spec, "tar_mg")),
        Column("transfer_price", "调拨价", True, field_decimal(Spec, "transfer_price")),
        Column("wholesale_price", "批发价", True, field_decimal(Spec, "wholesale_price")),
        Column("retail_price", "零售指导价", False, field_decimal(Spec, "retail_price")),
        Column("launched_on", "上市日期", False, parse_date),
        Column("on_sale", "在销", False, boolean()),
    ]


def run(table: Table, report: ImportReport, *, dry_run: bool = False) -> None:
    """Validate every row, then (when all are valid) upsert the specs and create the brands they name."""
    column_map = match_header(table.header, columns(), report)
    if column_map is None:
        return
    records: dict[str, Record] = {}
    for record in read_records(table, columns(), column_map, report):
        code = record.get("spec_code")
        if code is None:
            continue
        if code in records:
            record.error("spec_code", _("Duplicate spec_code: already in row %(row)s.") % {"row": records[code].row})
            continue
        records[code] = record
    if not report.ok:
        return

    brand_ids = dict(Brand.objects.values_list("name", "pk"))
    for name in sorted({record.get("brand") for record in records.values()} - set(brand_ids)):
        brand_ids[name] = Brand.objects.create(name=name).pk
    rows = {}
    for code, record in records.items():
        values: dict[str, object] = {"brand_id": brand_ids[record.get("brand")]}
        for key, name in TEXT_FIELDS.items():
            if key in column_map:
                values[name] = record.get(key) or ""
        for key, name in NULLABLE_FIELDS.items():
            if key in column_map:
                values[name] = record.get(key)
        if "on_sale" in column_map:
            values["is_on_sale"] = record.get("on_sale") is not False  # empty means 1 (on sale)
        rows[code] = values
    plan = plan_upsert(
        Spec,
        "code",
        rows,
        derived={
            "price_class": lambda spec: price_class_for(spec.transfer_price),
            "name_initials": lambda spec: pinyin_initials(spec.name),  # for the spec picker (catalog.pinyin)
        },
    )
    plan.save(Spec)
    report.created += len(plan.new)
    report.updated += len(plan.changed)
    report.unchanged += plan.unchanged
