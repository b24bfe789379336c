"""The shared Excel writer (workbench.lib.exports), read back with openpyxl."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from workbench.lib.exports import Column, Kind, column_width, sheet_name_for, write_xlsx, xlsx_response

COLUMNS = [
    Column("code", "客户编码"),
    Column("qty", "Quantity", Kind.INTEGER),
    Column("tar", "Tar", Kind.DECIMAL),
    Column("amount", "Amount", Kind.MONEY),
    Column("rate", "Rate", "rate"),
    Column("day", "Day", Kind.DATE),
]


def read_back(target) -> list[list]:
    """Every row of the first sheet as a list of cell values; Excel's date cells (read as datetimes) as dates."""
    sheet = load_workbook(target).active
    return [
        [value.date() if isinstance(value, datetime) else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def test_write_xlsx_layout_values_and_formats():
    # given
    rows = [
        {
            "code": "C001",
            "qty": 12,
            "tar": Decimal("10.5"),
            "amount": Decimal("1234.50"),
            "rate": 0.615,
            "day": date(2026, 1, 31),
        },
        {"code": "=1+1", "qty": None, "tar": None, "amount": None, "rate": None, "day": None},
    ]
    buffer = io.BytesIO()

    # when
    with translation.override("en"):
        count = write_xlsx(
            buffer,
            title="Customers",
            params=[("Scope", "CM1"), ("From", "2026-01-01")],
            columns=COLUMNS,
            rows=iter(rows),
            total={"qty": 12, "amount": Decimal("1234.50"), "rate": 0.5},
        )

    # then
    assert count == 2
    buffer.seek(0)
    assert read_back(buffer) == [
        ["Customers", None, None, None, None, None],
        ["Scope", "CM1", None, None, None, None],
        ["From", "2026-01-01", None, None, None, None],
        [None, None, None, None, None, None],
        ["客户编码", "Quantity", "Tar", "Amount", "Rate", "Day"],
        ["C001", 12, 10.5, 1234.5, 0.615, date(2026, 1, 31)],
        ["=1+1", None, None, None, None, None],
        ["Total", 12, None, 1234.5, 0.5, None],
    ]
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    assert sheet.title == "Customers"
    assert sheet.freeze_panes == "A6"
    assert [cell.number_format for cell in sheet[6]] == [
        "General",
        "#,##0",
        "#,##0.0##",
        "#,##0.00",
        "0.0%",
        "yyyy-mm-dd",
    ]
    assert [cell.number_format for cell in sheet[8]][1:5] == ["#,##0", "General", "#,##0.00", "0.0%"]
    assert sheet["A7"].data_type == "s"  # text that looks like a formula stays text
    assert sheet["A1"].font.bold and sheet["A5"].font.bold and sheet["F5"].font.bold and sheet["A8"].font.bold
    assert not sheet["A6"].font.bold
    assert sheet.column_dimensions["A"].width == 16
    assert sheet.column_dimensions["D"].width == 14


def test_write_xlsx_to_a_path_and_without_total(tmp_path):
    # given
    path = tmp_path / "specs.xlsx"

    # when
    count = write_xlsx(
        path, title="Specs", params=[], columns=[Column("code", "Code")], rows=({"code": str(n)} for n in range(3))
    )

    # then
    assert count == 3
    assert read_back(path) == [["Specs"], [None], ["Code"], ["0"], ["1"], ["2"]]


def test_xlsx_response_is_a_download_with_a_chinese_filename():
    # when
    response = xlsx_response(
        filename="客户列表", title="客户列表", params=[], columns=[Column("code", "Code")], rows=[{"code": "C001"}]
    )

    # then
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"] == ("attachment; filename*=utf-8''%E5%AE%A2%E6%88%B7%E5%88%97%E8%A1%A8.xlsx")
    assert read_back(io.BytesIO(response.content)) == [["客户列表"], [None], ["Code"], ["C001"]]


def test_text_loses_characters_excel_cannot_store():
    # given
    buffer = io.BytesIO()

    # when
    write_xlsx(buffer, title="T", params=[], columns=[Column("name", "Name")], rows=[{"name": "A\x01B"}])

    # then
    buffer.seek(0)
    assert read_back(buffer)[-1] == ["AB"]


@pytest.mark.parametrize(
    ("column", "width"),
    [
        (Column("a", "Code"), 16),  # the text default
        (Column("a", "Rate", Kind.RATE), 9),  # the rate default
        (Column("a", "A rather long English header"), 30),  # label length + 2
        (Column("a", "客户经理工号客户经理"), 22),  # CJK characters count double
        (Column("a", "Code", width=7), 7),  # an explicit width wins
    ],
)
def test_column_width(column, width):
    assert column_width(column) == width


def test_sheet_name_is_valid():
    assert sheet_name_for("Sales: 2026/01 [draft]") == "Sales  2026 01  draft"
    assert sheet_name_for("x" * 40) == "x" * 31
    assert sheet_name_for("") == "Sheet1"


def test_unknown_kind_is_rejected():
    with pytest.raises(ValueError):
        Column("a", "A", "percent")
