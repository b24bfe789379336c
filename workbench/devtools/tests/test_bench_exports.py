"""The export benchmark compares like with like: both writers produce the same cells from the same table."""

from datetime import datetime
from io import StringIO
from pathlib import Path

from django.core.management import call_command
from openpyxl import load_workbook

from workbench.devtools.bench.exports import sample_columns, sample_rows, write_with_openpyxl
from workbench.lib.exports import write_xlsx

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

    # when
    written = write_xlsx(ours, title="客户列表", params=PARAMS, columns=sample_columns(), rows=sample_rows(40))
    written_before = write_with_openpyxl(
        reference, title="客户列表", params=PARAMS, columns=sample_columns(), rows=sample_rows(40)
    )

    # then
    assert (written, written_before) == (40, 40)
    ours_cells = cells(ours)
    assert ours_cells == cells(reference)
    assert len(ours_cells) == 4 + 40  # title, one parameter, a blank row, the header, then the rows
    assert ours_cells[4][:3] == ["320100000000", "32010000000000", "王记中山便民店0"]
    assert ours_cells[-1][-3:] == [39, 39.25, 0.039]


def test_the_command_prints_one_line_per_writer_and_the_ratio():
    # given
    out = StringIO()

    # when
    call_command("bench_exports", "--rows", "200", "--runs", "1", "--memory", stdout=out)

    # then
    lines = out.getvalue().splitlines()
    assert lines[0] == "200 rows × 23 columns, 1 timed runs per writer"
    assert lines[3].startswith("XlsxWriter, constant memory (now)")
    assert lines[4].startswith("openpyxl, write-only (before)")
    assert lines[5].startswith("openpyxl / XlsxWriter: ")
    assert len(lines) == 6
