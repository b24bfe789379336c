"""The shared Excel writer (workbench.lib.exports), read back with openpyxl."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import load_workbook

from workbench import testing
from workbench.lib.exports import (
    Column,
    Kind,
    Sheet,
    column_width,
    page_header,
    sheet_name_for,
    write_xlsx,
    xlsx_response,
)

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
    sheet = testing.active_sheet(target)
    return [
        [value.date() if isinstance(value, datetime) else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def shown_width(stored: float) -> float:
    """The column width Excel shows for a stored one: XlsxWriter stores the shown width plus Excel's 5-pixel
    padding, in units of the 7-pixel character of the default font."""
    return round((stored * 7 - 5) / 7, 2)


def test_write_xlsx_layout_values_and_formats():
    # given
    rows: list[dict[str, object]] = [
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
    sheet = testing.active_sheet(buffer)
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
    assert sheet["A7"].quotePrefix  # and stays text when edited in Excel
    assert not sheet["A6"].quotePrefix
    assert sheet["A1"].font.bold
    assert sheet["A5"].font.bold
    assert sheet["F5"].font.bold
    assert sheet["A8"].font.bold
    assert not sheet["A6"].font.bold
    assert shown_width(sheet.column_dimensions["A"].width) == 16
    assert shown_width(sheet.column_dimensions["D"].width) == 14


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
    with pytest.raises(ValueError, match="'percent' is not a valid Kind"):
        Column("a", "A", "percent")


def test_text_that_looks_like_a_formula_a_link_or_a_number_stays_text():
    # given: what XlsxWriter's write() would turn into a formula, a link and numbers
    values = ['=HYPERLINK("http://evil.example","x")', "+1", "-2", "@SUM(A1)", "http://evil.example", "0012", "1e5"]
    buffer = io.BytesIO()

    # when
    write_xlsx(buffer, title="T", params=[], columns=[Column("name", "Name")], rows=[{"name": v} for v in values])

    # then: every cell is a text cell holding the text, formula leaders quoted, no link anywhere
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    cells = [sheet.cell(row=4 + offset, column=1) for offset in range(len(values))]
    assert [cell.value for cell in cells] == values
    assert [cell.data_type for cell in cells] == ["s"] * 7
    assert [cell.quotePrefix for cell in cells] == [True, True, True, True, False, False, False]
    assert [cell.hyperlink for cell in cells] == [None] * 7
    assert sheet._hyperlinks == []


def test_a_narrow_table_prints_portrait_one_page_wide_with_header_row_and_page_header():
    # given
    buffer = io.BytesIO()

    # when: six columns (16 + 10 + 10 + 14 + 9 + 12 = 71 character units) fit a portrait A4 page
    write_xlsx(
        buffer,
        title="客户列表 & 汇总",
        params=[("范围", "CM1"), ("开始", "2026-01-01"), ("结束", "2026-01-31")],
        columns=COLUMNS,
        rows=[{"code": "C001"}],
    )

    # then
    buffer.seek(0)
    sheet = load_workbook(buffer).active
    assert sheet.page_setup.orientation == "portrait"
    assert sheet.page_setup.paperSize == 9  # A4
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.page_setup.fitToWidth is None  # absent means Excel's default: one page wide
    assert sheet.page_setup.fitToHeight == 0  # as many pages tall as needed
    assert sheet.print_title_rows == "$6:$6"  # the header row repeats on every printed page
    assert sheet.oddHeader.left.text == "客户列表 && 汇总"  # a literal & is doubled in a page header
    assert sheet.oddHeader.right.text == "范围: CM1 · 开始: 2026-01-01 · 结束: 2026-01-31"
    assert sheet.oddFooter.right.text == "&P / &N"


def test_a_wide_table_and_its_further_sheets_print_landscape():
    # given: eight 14-unit money columns (112 units) do not fit a portrait page
    columns = [Column(f"m{n}", f"M{n}", Kind.MONEY) for n in range(8)]
    pivot = Sheet("Pivot", columns, [{"m0": 1}])
    buffer = io.BytesIO()

    # when
    with translation.override("en"):
        write_xlsx(buffer, title="Wide", params=[("Scope", "City")], columns=columns, rows=[], sheets=[pivot])

    # then: both sheets landscape; the further sheet names the report and its parameters in its page header
    buffer.seek(0)
    workbook = load_workbook(buffer)
    main, further = workbook["Wide"], workbook["Pivot"]
    assert (main.page_setup.orientation, further.page_setup.orientation) == ("landscape", "landscape")
    assert (main.print_title_rows, further.print_title_rows) == ("$4:$4", "$3:$3")
    assert further.oddHeader.left.text == "Pivot"
    assert further.oddHeader.right.text == "Report: Wide · Scope: City"
    assert [list(row) for row in further.iter_rows(values_only=True)][2:] == [
        [f"M{n}" for n in range(8)],
        [1] + [None] * 7,
    ]


def test_page_header_fits_excel_limit():
    # given: a parameter far longer than a page header may be, ending in ampersands at the cut
    long_value = "x" * 240 + "&&&&&&&&&&"

    # when
    header = page_header("T", [("S", long_value)])

    # then
    assert len(header) <= 255
    assert header.startswith("&LT&RS: xxx")
    assert header.endswith("…")
    assert (len(header[:-1]) - len(header[:-1].rstrip("&"))) % 2 == 0  # no lone "&" before the ellipsis
