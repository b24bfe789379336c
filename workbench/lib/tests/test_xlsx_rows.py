"""The data rows written as XML (workbench.lib.xlsx_rows): the exact cells of a sheet, read from the file's XML.

devtools/tests/test_bench_exports.py compares these cells with those XlsxWriter's own methods write, on every kind
and the text an .xlsx file treats specially; this module pins the XML itself on a few of them.
"""

import inspect
import io
import re
import zipfile
from datetime import date
from decimal import Decimal

import pytest
import xlsxwriter.workbook

from workbench.lib.exports import Column, Kind, write_xlsx
from workbench.lib.xlsx_rows import ZIP_LEVEL, column_letters, utf16_cut

COLUMNS = [
    Column("name", "Name"),
    Column("qty", "Quantity", Kind.INTEGER),
    Column("amount", "Amount", Kind.MONEY),
    Column("day", "Day", Kind.DATE),
]


def found(pattern: str, text: str) -> re.Match:
    """The first match of `pattern` in `text`, which must have one."""
    match = re.search(pattern, text, re.S)
    assert match is not None, pattern
    return match


def sheet_rows(rows, total=None) -> list[str]:
    """The `<row>` elements of the first sheet of a workbook of COLUMNS (the title is row 1, the header row 3),
    each cell's style index replaced by what the style is (its number format, `quoted`, `bold`): the indices are
    numbered in the order XlsxWriter first meets the formats."""
    buffer = io.BytesIO()
    write_xlsx(buffer, title="T", params=[], columns=COLUMNS, rows=rows, total=total)
    with zipfile.ZipFile(buffer) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
        styles = archive.read("xl/styles.xml").decode()
    formats = dict(re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles))
    cell_styles = found(r"<cellXfs[^>]*>(.*?)</cellXfs>", styles)[1]
    names = []
    for xf in re.findall(r"<xf [^>]*?(?:/>|>.*?</xf>)", cell_styles, re.S):
        number_format = formats.get(found(r'numFmtId="(\d+)"', xf)[1], "")
        quoted = "quoted" if 'quotePrefix="1"' in xf else ""
        bold = "bold" if 'fontId="0"' not in xf else ""
        names.append(" ".join(name for name in (number_format, quoted, bold) if name))
    xml = re.sub(r' s="(\d+)"', lambda match: f' s="{names[int(match[1])]}"', xml)
    return re.findall(r"<row [^>]*>.*?</row>", xml)


def test_each_row_is_one_row_element_with_its_cells_in_the_columns_formats():
    # given
    rows = [
        {"name": "王记 & <便民>", "qty": 12, "amount": Decimal("1234.50"), "day": date(2026, 1, 31)},
        {"name": "=HYPERLINK(1)", "qty": None, "amount": ""},
        {"name": " spaced", "qty": 7.9, "amount": 0.1},
    ]

    # when
    written = sheet_rows(rows)

    # then
    assert written[2:] == [
        '<row r="4"><c r="A4" t="inlineStr"><is><t>王记 &amp; &lt;便民&gt;</t></is></c>'
        '<c r="B4" s="#,##0"><v>12</v></c><c r="C4" s="#,##0.00"><v>1234.5</v></c>'
        '<c r="D4" s="yyyy-mm-dd"><v>46053</v></c></row>',
        '<row r="5"><c r="A5" s="quoted" t="inlineStr"><is><t>=HYPERLINK(1)</t></is></c></row>',
        '<row r="6"><c r="A6" t="inlineStr"><is><t xml:space="preserve"> spaced</t></is></c>'
        '<c r="B6" s="#,##0"><v>7</v></c><c r="C6" s="#,##0.00"><v>0.1</v></c></row>',
    ]


def test_a_row_without_values_is_no_element_and_the_total_row_follows_the_rows():
    # given
    rows = [{"name": "a"}, {"name": None, "qty": ""}, {"name": "c"}]

    # when
    written = sheet_rows(rows, total={"qty": 3})

    # then
    assert [found(r'^<row r="(\d+)"', row)[1] for row in written] == ["1", "3", "4", "6", "7"]
    assert written[-1] == (
        '<row r="7"><c r="A7" s="bold" t="inlineStr"><is><t>Total</t></is></c>'
        '<c r="B7" s="#,##0 bold"><v>3</v></c><c r="C7" s="bold"/><c r="D7" s="bold"/></row>'
    )


def test_control_characters_and_literal_escapes_are_written_as_excel_escapes():
    # when
    written = sheet_rows([{"name": "a\rb\x07c"}, {"name": "_x0041_"}, {"name": "\x00"}])

    # then (the bell and the NUL are characters an .xlsx file cannot hold: gone, and the row with them)
    assert written[2:] == [
        '<row r="4"><c r="A4" t="inlineStr"><is><t>a_x000D_bc</t></is></c></row>',
        '<row r="5"><c r="A5" t="inlineStr"><is><t>_x005F_x0041_</t></is></c></row>',
    ]


def test_a_value_that_is_not_a_finite_number_is_an_empty_cell():
    # when
    written = sheet_rows([{"name": "x", "qty": 1, "amount": float("inf")}, {"amount": float("nan")}])

    # then
    assert written[2:] == [
        '<row r="4"><c r="A4" t="inlineStr"><is><t>x</t></is></c><c r="B4" s="#,##0"><v>1</v></c></row>'
    ]


@pytest.mark.parametrize(("index", "letters"), [(0, "A"), (25, "Z"), (26, "AA"), (27, "AB"), (702, "AAA")])
def test_column_letters(index, letters):
    assert column_letters(index) == letters


def test_utf16_cut_never_splits_a_character_outside_the_bmp():
    assert utf16_cut("ab🚬c", 3) == "ab"
    assert utf16_cut("ab🚬c", 4) == "ab🚬"
    assert utf16_cut("abc", 3) == "abc"


def test_the_workbook_is_deflated_at_the_chosen_level():
    # given: XlsxWriter's workbook module makes its zip through the name this module gave the level to
    source = inspect.getsource(xlsxwriter.workbook.Workbook._store_workbook)

    # then (an upgrade that zips another way fails here rather than silently losing the level)
    assert "ZipFile(" in source
    assert xlsxwriter.workbook.ZipFile.keywords == {"compresslevel": ZIP_LEVEL} == {"compresslevel": 3}
