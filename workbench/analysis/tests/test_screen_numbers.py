"""The report screens against numbers worked out by hand (analysis/tests/data.py: CM1's January 2026), read from
the HTML a person gets, not from the view's own formatter."""

from html.parser import HTMLParser

from workbench import testing

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


class TableCells(HTMLParser):
    """The text of every cell of the page's report table: body rows, then the total row of its footer."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.section: str | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag in ("tbody", "tfoot") and self.section is None:
            self.section = tag
        elif tag == "tr" and self.section:
            self.rows.append([])
        elif tag in ("td", "th") and self.section and self.rows:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag in ("tbody", "tfoot"):
            self.section = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def table_of(html: str) -> list[list[str]]:
    parser = TableCells()
    parser.feed(html[html.index('class="report-table') :] if 'class="report-table' in html else html)
    return parser.rows


def test_business_overview_shows_cm1s_january(client, territory, customer_manager):
    # given CM1's January: C001 10 条 / 1,150 元, C002 8 / 640, C005 3 / 400, C006 1 / 100; last January C001 4 / 400
    testing.login(client, customer_manager)

    # when he opens the report
    html = client.get("/analysis/business-overview/", JANUARY).content.decode()

    # then 22 条, 2,290.00 元, 2,290 / 22 = 104.09 元 a carton, 4 customers; last year 4 条 and 400.00 元
    assert ["2026-01", "22", "2,290.00", "104.09", "4", "4", "400.00"] in table_of(html)


def test_supply_demand_shows_each_customers_fill_rates(client, territory, customer_manager):
    # given CM1's January order lines (demand, limit, ordered per customer)
    testing.login(client, customer_manager)

    # when
    html = client.get("/analysis/supply-demand/", JANUARY).content.decode()

    # then C001: 10 of 14 demanded (71.4%), 7 of a 7 limit (100.0%); C002: 8/12 = 66.7%, 8/10 = 80.0%;
    # C005 and C006 had no limit (—); the total 22/30 = 73.3% and 15/17 = 88.2%
    rows = table_of(html)
    assert ["C001", "店C001", "14", "7", "7", "10", "71.4%", "100.0%", "5", "2"] in rows
    assert ["C002", "店C002", "12", "10", "8", "8", "66.7%", "80.0%", "2", "2"] in rows
    assert ["C005", "店C005", "3", "0", "0", "3", "100.0%", "—", "2", "0"] in rows
    assert ["Total", "", "30", "17", "15", "22", "73.3%", "88.2%", "10", "4"] in rows
