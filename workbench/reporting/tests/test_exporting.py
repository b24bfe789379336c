"""Exports of a result: CSV neutralises what a spreadsheet would run, Excel adds a sheet per extra, JSON has it all."""

import io
import json

from openpyxl import load_workbook

from workbench.reporting import exporting
from workbench.reporting.tests.fakes import make_report, params_for


def result():
    report = make_report()
    return report.run(params_for(report))


def test_csv_neutralises_formula_cells():
    # given shops named =HYPERLINK(…), @SUM(1) and +1, and a negative quantity
    # when
    text = exporting.csv_text(result())

    # then: the names are text for a spreadsheet, the numbers stay numbers
    assert text.splitlines() == [
        "shop,qty",
        '"\'=HYPERLINK(""http://x"")",3',
        "'@SUM(1),-2",
        "'+1,1",
        "total,2",
    ]


def test_the_excel_file_keeps_formulas_as_text_and_adds_the_chart_sheet():
    # given / when
    stream = io.BytesIO()
    exporting.write_xlsx(result(), stream)
    workbook = load_workbook(io.BytesIO(stream.getvalue()))

    # then: the table's names are strings, not formulas; the chart's series follow on their own sheet
    table = workbook.worksheets[0]
    names = [row[0].value for row in table.iter_rows(min_row=7, max_row=9)]
    assert names == ['=HYPERLINK("http://x")', "@SUM(1)", "+1"]
    assert all(row[0].data_type == "s" for row in table.iter_rows(min_row=7, max_row=9))
    assert len(workbook.worksheets) == 2
    chart = workbook.worksheets[1]
    assert [list(row) for row in chart.iter_rows(min_row=3, values_only=True)] == [
        [None, "Qty"],
        ['=HYPERLINK("http://x")', 3],
        ["@SUM(1)", -2],
        ["+1", 1],
    ]


def test_json_has_the_report_name_and_the_extras():
    # given / when
    answer = json.loads(exporting.json_text(result()))

    # then
    assert answer["report"] == "shop-sales"
    assert answer["extras"]["chart"]["data"]["datasets"] == [{"label": "Qty", "data": [3, -2, 1]}]
