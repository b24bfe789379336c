"""The export benchmark compares like with like: both writers produce the same cells from the same table."""

from datetime import UTC, date, datetime
from decimal import Decimal
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from django.test import override_settings
from openpyxl import load_workbook

from workbench import testing
from workbench.devtools.bench.exports import sample_columns, sample_rows, write_with_cells, write_with_openpyxl
from workbench.lib.exports import Column, Kind, write_xlsx
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries

PARAMS = [("范围", "全市")]


def cells(path: Path) -> list[list]:
    """Every value of the first sheet, dates as dates (openpyxl reads Excel's date cells as datetimes)."""
    sheet = load_workbook(path).worksheets[0]
    return [
        [value.date() if isinstance(value, datetime) else value for value in row]
        for row in sheet.iter_rows(values_only=True)
    ]


def test_both_writers_write_the_same_cells(tmp_path):
    # given
    ours, reference = tmp_path / "ours.xlsx", tmp_path / "reference.xlsx"

    cells_before = tmp_path / "cells.xlsx"

    # when
    written = write_xlsx(ours, title="客户列表", params=PARAMS, columns=sample_columns(), rows=sample_rows(40))
    written_before = write_with_openpyxl(
        reference, title="客户列表", params=PARAMS, columns=sample_columns(), rows=sample_rows(40)
    )
    written_by_cells = write_with_cells(
        cells_before, title="客户列表", params=PARAMS, columns=sample_columns(), rows=sample_rows(40)
    )

    # then
    assert (written, written_before, written_by_cells) == (40, 40, 40)
    ours_cells = cells(ours)
    assert ours_cells == cells(reference) == cells(cells_before)
    assert len(ours_cells) == 4 + 40  # title, one parameter, a blank row, the header, then the rows
    assert ours_cells[4][:3] == ["320100000000", "32010000000000", "王记中山便民店0"]
    assert ours_cells[-1][-3:] == [39, 39.25, 0.039]


def styled_cells(path: Path) -> list[tuple]:
    """Every cell of the first sheet's data rows (after the header in row 4): its place, value, number format and
    quote prefix."""
    sheet = load_workbook(path).worksheets[0]
    return [
        (cell.coordinate, cell.value, cell.number_format, cell.quotePrefix)
        for row in sheet.iter_rows(min_row=5)
        for cell in row
        if cell.value is not None
    ]


# Every kind, and the text an .xlsx file treats specially: formulas, control characters, Excel's own _xHHHH_
# escapes, outer whitespace, XML's &<>, characters outside the BMP, text past Excel's 32,767 units.
TRICKY_COLUMNS = [
    Column("text", "Text"),
    Column("code", "Code", Kind.CODE),
    Column("qty", "Quantity", Kind.INTEGER),
    Column("tar", "Tar", Kind.DECIMAL),
    Column("amount", "Amount", Kind.MONEY),
    Column("rate", "Rate", Kind.RATE),
    Column("day", "Day", Kind.DATE),
]
TRICKY_TEXTS = [
    "=1+1",
    "@SUM(A1)",
    "-2",
    "\tindented",
    "a\nb",
    "carriage\rreturn",
    "\rleading return",
    "bell\x07 and \x00null",
    "\x01",
    "_x0041_ literal",
    " leading space",
    "trailing space ",
    "\u3000ideographic space",
    "a & <b> > c",
    "烟草 🚬 emoji",
    "\ufffe",
    "x" * 40_000,
    "🚬" * 20_000,
    "",
    "0012",
    "http://example.com",
]


NAIVE_MORNING = datetime.fromisoformat("2026-02-01T08:30")  # a datetime without a zone is written as it is


def tricky_rows() -> list[dict]:
    rows: list[dict] = [{"text": text, "code": text} for text in TRICKY_TEXTS]
    rows += [
        {"qty": 3, "tar": Decimal("10.5"), "amount": Decimal("1234.25"), "rate": 0.125, "day": date(2026, 1, 31)},
        {"qty": Decimal("7"), "tar": 8, "amount": "99.10", "rate": Decimal("1.5"), "day": NAIVE_MORNING},
        {"qty": "", "tar": None, "amount": 0, "rate": 0, "day": datetime(2026, 3, 1, 0, 30, tzinfo=UTC)},
        {"code": 12, "text": 3.5, "day": "not a date"},
        {},  # a row without a value: no cell at all
        {"qty": 10**17, "amount": -0.005, "rate": 1 / 3},
        {"qty": 7.9, "tar": 7.9, "code": "A&B"},
    ]
    return rows


@override_settings(TIME_ZONE="Asia/Shanghai")
def test_the_rows_written_as_xml_are_the_cells_xlsxwriter_writes(tmp_path):
    # given
    ours, reference = tmp_path / "ours.xlsx", tmp_path / "reference.xlsx"

    # when
    written = write_xlsx(ours, title="T", params=PARAMS, columns=TRICKY_COLUMNS, rows=tricky_rows())
    written_before = write_with_cells(reference, title="T", params=PARAMS, columns=TRICKY_COLUMNS, rows=tricky_rows())

    # then
    assert written == written_before == len(tricky_rows())
    ours_cells = styled_cells(ours)
    assert ours_cells == styled_cells(reference)
    first = {coordinate: (value, number_format, quoted) for coordinate, value, number_format, quoted in ours_cells}
    assert first["A5"] == ("=1+1", "General", True)
    assert first["A15"] == (" leading space", "General", False)
    assert len(first["A21"][0]) == 32_767
    assert first["E26"] == (1234.25, "#,##0.00", False)
    assert first["G28"][0] == datetime.fromisoformat("2026-03-01T08:30")  # 00:30 UTC is 08:30 in Shanghai


def test_the_command_prints_one_line_per_writer_and_the_ratio():
    # given
    out = StringIO()

    # when
    call_command("bench_exports", "--rows", "200", "--runs", "1", "--memory", stdout=out)

    # then
    lines = out.getvalue().splitlines()
    assert lines[0] == "200 rows × 23 columns, 1 timed runs per writer"
    assert lines[3].startswith("rows as XML (now)")
    assert lines[4].startswith("XlsxWriter, a call a cell (before)")
    assert lines[5].startswith("openpyxl, write-only (first)")
    assert lines[6].startswith("processor time against now: a call a cell ")
    assert len(lines) == 7


def test_the_database_timing_downloads_both_city_wide_exports(db, customers):
    # given: one order of C001 in January 2026, so that the last month with orders is January
    spec = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100")
    OrderLine.objects.create(
        order_no="C001-20260105",
        order_date=date(2026, 1, 5),
        customer=customers["c1"],
        spec=spec,
        demand_qty=10,
        order_qty=5,
        price=Decimal("120"),
        amount=Decimal("600"),
    )
    rebuild_all_summaries()
    out = StringIO()

    # when
    call_command("bench_exports", "--database", "--runs", "1", stdout=out)

    # then: every customer of the city in the customer list, the one who ordered in 客户供需分析's January
    lines = out.getvalue().splitlines()
    assert lines[0].endswith(", 1 timed runs")
    assert lines[1].split() == ["export", "rows", "median", "ms", "p95", "ms", "cpu", "ms", "read", "ms", "size", "KiB"]
    assert lines[3].split()[:3] == ["customer", "list", "4"]
    assert lines[4].split()[:3] == ["客户供需分析", "2026-01", "1"]
    assert len(lines) == 5
