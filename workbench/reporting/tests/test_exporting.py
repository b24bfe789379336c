"""Exports of a result: CSV neutralises what a spreadsheet would run, Excel adds a sheet per extra, JSON has it all."""

import io
import json
from types import SimpleNamespace

from django.utils import translation
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from workbench.reporting import exporting
from workbench.reporting.results import Column, Kind
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


def test_every_printed_page_names_the_report_scope_and_period():
    # given / when
    stream = io.BytesIO()
    with translation.override("en"):
        exporting.write_xlsx(result(), stream)
    workbook = load_workbook(io.BytesIO(stream.getvalue()))

    # then: the table and the chart sheet print one page wide, header row repeated, report, scope and period on top
    table, chart = workbook.worksheets
    assert table.oddHeader.left.text == "Shop sales"
    assert table.oddHeader.right.text == "Scope: CM1 · Period: 2026-01-01 – 2026-01-31"
    assert table.print_title_rows == "$6:$6"  # title, scope, from, to, one blank row, then the header
    assert chart.oddHeader.left.text == "Chart"
    assert chart.oddHeader.right.text == "Report: Shop sales · Scope: CM1 · Period: 2026-01-01 – 2026-01-31"
    assert chart.print_title_rows == "$3:$3"
    assert [sheet.sheet_properties.pageSetUpPr.fitToPage for sheet in (table, chart)] == [True, True]


def test_json_has_the_report_name_and_the_extras():
    # given / when
    answer = json.loads(exporting.json_text(result()))

    # then
    assert answer["report"] == "shop-sales"
    assert answer["extras"]["chart"]["data"]["datasets"] == [{"label": "Qty", "data": [3, -2, 1]}]


def test_the_excel_rows_show_choices_by_their_label_and_leave_an_empty_one_empty():
    # given: a 业态 column with two choices, and rows with a known code, an unknown one and none
    columns = [
        Column("format", "Format", Kind.CHOICE, choices={"Z": gettext_lazy("Grocery"), "B": "Convenience store"}),
        Column("qty", "Qty", Kind.INTEGER),
    ]
    rows = [{"format": "Z", "qty": 1}, {"format": "X", "qty": 2}, {"format": None, "qty": 3}]
    shown = SimpleNamespace(columns=columns, rows=rows)

    # when
    with translation.override("zh-hans"):
        displayed = list(exporting.displayed_rows(shown))

    # then: the label in the language of the request, the unknown code as it is, nothing for none
    assert displayed == [{"format": "食杂店", "qty": 1}, {"format": "X", "qty": 2}, {"format": None, "qty": 3}]
    assert rows[0] == {"format": "Z", "qty": 1}  # the result's own rows are left as they were
