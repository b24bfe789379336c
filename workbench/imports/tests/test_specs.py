"""specs.csv: specs with their brands and 价类, in both header languages, and every kind of bad row."""

from datetime import date
from decimal import Decimal

from workbench.catalog.models import Brand, Spec
from workbench.imports.report import RowError
from workbench.imports.services import import_file
from workbench.imports.tests.conftest import SPECS, imported, write_csv, write_xlsx

CHINESE_HEADER = [
    "卷烟编码",
    "卷烟名称",
    "品牌",
    "生产企业",
    "省内外",
    "卷烟类型",
    "规格类型",
    "焦油量",
    "调拨价",
    "批发价",
    "零售指导价",
    "上市日期",
    "在销",
]


def spec_values():
    return list(
        Spec.objects.values_list(
            "code",
            "name",
            "brand__name",
            "manufacturer",
            "is_in_province",
            "blend",
            "stick",
            "tar_mg",
            "transfer_price",
            "wholesale_price",
            "retail_price",
            "launched_on",
            "is_on_sale",
            "price_class",
        )
    )


EXPECTED = [
    (
        "6901",
        "南京(红)",
        "南京",
        "江苏中烟",
        True,
        "flue_cured",
        "regular",
        Decimal("10.0"),
        Decimal("80.00"),
        Decimal("96.00"),
        Decimal("110.00"),
        date(2010, 1, 1),
        True,
        2,
    ),
    (
        "6902",
        "七匹狼(软通泰)",
        "七匹狼",
        "福建中烟",
        False,
        "flue_cured",
        "slim",
        None,
        Decimal("120.50"),
        Decimal("140.00"),
        None,
        None,
        True,
        1,
    ),
    ("6903", "黄山(红方印)", "黄山", "", None, "", "", None, Decimal("16.00"), Decimal("19.20"), None, None, False, 5),
]


def test_specs_are_imported_with_brands_and_price_classes(db, tmp_path):
    report = imported("specs", write_csv(tmp_path / "specs.csv", SPECS))

    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert spec_values() == EXPECTED
    assert list(Brand.objects.values_list("name", flat=True)) == ["七匹狼", "南京", "黄山"]


def test_chinese_headers_in_xlsx_give_the_same_specs(db, tmp_path):
    imported("specs", write_xlsx(tmp_path / "specs.xlsx", [CHINESE_HEADER, *SPECS[1:]]))

    assert spec_values() == EXPECTED


def test_reimporting_specs_changes_nothing_and_a_new_price_moves_the_class(db, tmp_path):
    imported("specs", write_csv(tmp_path / "specs.csv", SPECS))
    again = imported("specs", write_csv(tmp_path / "specs.csv", SPECS))

    changed = [SPECS[0], SPECS[1][:8] + ["101", "120"] + SPECS[1][10:]]
    report = imported("specs", write_csv(tmp_path / "price.csv", changed))

    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (report.updated, Spec.objects.get(code="6901").price_class) == (1, 1)


def test_each_bad_spec_row_has_its_own_message_and_nothing_is_written(db, tmp_path):
    header = ["spec_code", "name", "brand", "blend", "tar_mg", "transfer_price", "wholesale_price", "launched_on"]
    rows = [
        header,
        ["6901", "南京(红)", "南京", "", "", "80", "96", ""],
        ["6902", "七匹狼", "七匹狼", "menthol", "", "120", "140", ""],
        ["6903", "黄山", "黄山", "", "", "-16", "19.2", ""],
        ["6904", "红塔山", "红塔山", "", "", "16", "19.234", ""],
        ["6905", "中华", "中华", "", "", "1e9", "700", ""],
        ["6906", "玉溪", "玉溪", "", "ten", "100", "120", ""],
        ["6907", "利群", "利群", "", "", "100", "", "2021-02-30"],
        ["6901", "南京(红)", "南京", "", "", "80", "96", ""],
    ]

    report = import_file("specs", write_csv(tmp_path / "specs.csv", rows))

    assert report.sorted_errors() == [
        RowError(
            3,
            "blend",
            "menthol",
            "Unknown value (expected one of: flue_cured/flue-cured/烤烟型, blended/blended/混合型, "
            "aromatic/aromatic/外香型, cigar/cigar/雪茄型).",
        ),
        RowError(4, "transfer_price", "-16", "Must not be negative."),
        RowError(5, "wholesale_price", "19.234", "At most 2 decimal places."),
        RowError(6, "transfer_price", "1e9", "Number too large."),
        RowError(7, "tar_mg", "ten", "Not a number."),
        RowError(8, "wholesale_price", "", "A value is required."),
        RowError(8, "launched_on", "2021-02-30", "Not a valid date (expected YYYY-MM-DD)."),
        RowError(9, "spec_code", "6901", "Duplicate spec_code: already in row 2."),
    ]
    assert (Spec.objects.count(), Brand.objects.count()) == (0, 0)
