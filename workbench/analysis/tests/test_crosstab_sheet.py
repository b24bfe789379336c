"""客户分类销售情况一览表: the Excel file's 业态 × month sheet holds exactly the crosstab the screen shows, cell for
cell, and prints like every export (one page wide, header row repeated, report, scope and period on top)."""

import io
from datetime import date
from html.parser import HTMLParser

from openpyxl import load_workbook

from workbench import testing
from workbench.analysis.tests.data import add_line
from workbench.orders.summaries import rebuild_all_summaries
from workbench.testing.personas import login


class PivotCells(HTMLParser):
    """The text of every cell of the page's <table class="pivot">, row by row (caption left out)."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.in_pivot = self.in_cell = False

    def handle_starttag(self, tag, attrs):
        if tag == "table" and ("class", "pivot") in attrs:
            self.in_pivot = True
        elif self.in_pivot and tag == "tr":
            self.rows.append([])
        elif self.in_pivot and tag in ("td", "th"):
            self.in_cell = True
            self.rows[-1].append("")

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_pivot = False
        elif tag in ("td", "th"):
            self.in_cell = False

    def handle_data(self, data):
        if self.in_pivot and self.in_cell:
            self.rows[-1][-1] += data.strip()


def screen_cells(html: str) -> list[list[str]]:
    parser = PivotCells()
    parser.feed(html)
    return parser.rows


def as_shown(value) -> str:
    """A sheet cell as the screen writes it: integers with thousands separators."""
    return f"{value:,}" if isinstance(value, int) else str(value)


def test_the_crosstab_sheet_is_the_screens_crosstab(client, customer_manager):
    # given three 业态 over three months, one of them with more than a thousand cartons (thousands separators)
    spec = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", wholesale_price="100")
    grocery = testing.make_customer("C01", customer_manager, format="Z")
    convenience = testing.make_customer("C02", customer_manager, format="B")
    liquor = testing.make_customer("C03", customer_manager, format="Y")
    for month, quantity in ((1, 3), (2, 1200), (3, 7)):
        add_line(grocery, spec, date(2026, month, 5), quantity, quantity)
    add_line(convenience, spec, date(2026, 2, 6), 20, 20)
    add_line(liquor, spec, date(2026, 3, 9), 5, 5)
    rebuild_all_summaries()
    login(client, customer_manager)
    params = {"from": "2026-01-01", "to": "2026-03-31", "specs": spec.code, "by": "format"}

    # when
    page = client.get("/analysis/classification-sales/", params, HTTP_ACCEPT_LANGUAGE="zh-hans")
    export = client.get("/analysis/classification-sales/export/", params, HTTP_ACCEPT_LANGUAGE="zh-hans")

    # then: the screen's crosstab, known by hand
    shown = screen_cells(page.content.decode())
    assert shown == [
        ["业态", "2026-01", "2026-02", "2026-03", "合计"],
        ["食杂店", "3", "1,200", "7", "1,210"],
        ["便利店", "0", "20", "0", "20"],
        ["烟酒商店", "0", "0", "5", "5"],
        ["合计", "3", "1,220", "12", "1,235"],
    ]
    # and the sheet holds the same cells, as numbers, below its title and a blank row
    workbook = load_workbook(io.BytesIO(export.content))
    sheet = workbook.worksheets[1]
    cells = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert [[as_shown(value) for value in row] for row in cells] == shown
    assert all(isinstance(value, int) for row in cells[1:] for value in row[1:])
    # and it prints like the long table beside it
    assert sheet.print_title_rows == "$3:$3"
    header, fit = sheet.oddHeader, sheet.sheet_properties.pageSetUpPr
    assert header is not None
    assert fit is not None
    assert str(header.right.text).startswith("报表: 客户分类销售情况一览表")
    assert fit.fitToPage is True
