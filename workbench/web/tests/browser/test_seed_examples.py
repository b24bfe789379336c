"""In a browser, at desktop and phone width: the seed's two worked examples, clicked through as a customer manager does.

The 2011 presentation (shared/seed/) asks the platform to make two jobs easy:

1. 七匹狼(软通泰)'s 铺货率 in the manager's territory must reach 60 %: define the 七匹狼 "通" brand set, then ask
   铺货率查询 against the target, and learn how many customers are still needed and which ones.
2. 七匹狼(软通泰)'s sales by 业态 over January–June: one query in 客户分类销售情况一览表 instead of six and a
   hand-made Excel sheet: the 业态 × month table.

Each test starts on the home page after logging in, goes through the menu and fills the forms (the brand-set form,
the report's parameters, the spec picker), and ends in the table a person reads: its numbers are those the report
function gives for the same parameters, and they lie within the screen, at 390 px too.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation
from playwright.sync_api import expect

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting import tables
from workbench.reporting.params import parse_params
from workbench.reporting.registry import REPORTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SECOND_QUARTER = {"from": "2026-04-01", "to": "2026-06-30"}
FIRST_HALF = {"from": "2026-01-01", "to": "2026-06-30"}


def order(customer, spec, day: date, quantity: int) -> None:
    """One order line of `quantity` cartons, all of them supplied, at the spec's wholesale price."""
    price = Decimal(spec.wholesale_price)
    OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=quantity,
        order_qty=quantity,
        price=price,
        amount=price * quantity,
    )


@pytest.fixture
def first_half_of_2026(customers, customer_manager):
    """CM1's five customers in business over 2026's first half, and what they ordered.

    Customers: C001 玄武食杂店 and C005 新街口食杂店 (食杂店), C002 长江便利店 and C007 汉中便利店
    (便利店), C006 鼓楼烟酒店 (烟酒商店). Specs: 6901 七匹狼(软通泰) and 6903 七匹狼(通仙), the 七匹狼 "通"
    series; 6902 七匹狼(红) and 6904 南京(红).

    6901: C001 5 on 01-05, 4 on 03-03, 6 on 04-08; C005 1 on 02-10; C002 2 on 02-04, 3 on 06-10; C006 2 on 03-15.
    6903: C005 1 on 01-15; C002 2 on 05-06. C007 orders 6902 (01-12) and 6904 (05-20) only. CM2's C003 orders 10 of
    6901 on 02-04, outside CM1's scope.

    Example 1, the second quarter: the 通 series reaches C001 and C002, 2 of 5 = 40.0 % (6901 alone the same two,
    6903 C002 alone, 20.0 %); a 60 % target needs ceil(0.6 × 5) = 3, so 还需 1 户, one of C005 (last ordered the
    series on 02-10), C006 (03-15) and C007 (never).
    Example 2, 6901 over January–June by 业态: 食杂店 5, 1, 4, 6, 0, 0 = 16; 便利店 0, 2, 0, 0, 0, 3 = 5; 烟酒商店
    0, 0, 2, 0, 0, 0 = 2; every month 5, 3, 6, 6, 0, 3 = 23 cartons.
    """
    c1, c2 = customers["c1"], customers["c2"]
    c5 = testing.make_customer("C005", customer_manager, name="新街口食杂店", order_weekday=2)
    c6 = testing.make_customer("C006", customer_manager, name="鼓楼烟酒店", format="Y", order_weekday=4)
    c7 = testing.make_customer("C007", customer_manager, name="汉中便利店", format="B")
    soft = testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100")
    red = testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", transfer_price="150")
    immortal = testing.make_spec("6903", name="七匹狼(通仙)", brand="七匹狼", transfer_price="200")
    nanjing = testing.make_spec("6904", name="南京(红)", brand="南京", transfer_price="80")
    for customer, day, quantity in (
        (c1, date(2026, 1, 5), 5),
        (c1, date(2026, 3, 3), 4),
        (c1, date(2026, 4, 8), 6),
        (c5, date(2026, 2, 10), 1),
        (c2, date(2026, 2, 4), 2),
        (c2, date(2026, 6, 10), 3),
        (c6, date(2026, 3, 15), 2),
        (customers["c3"], date(2026, 2, 4), 10),
    ):
        order(customer, soft, day, quantity)
    order(c5, immortal, date(2026, 1, 15), 1)
    order(c2, immortal, date(2026, 5, 6), 2)
    order(c7, red, date(2026, 1, 12), 1)
    order(c7, nanjing, date(2026, 5, 20), 4)
    rebuild_all_summaries()


def go_by_menu(screen, module: str, entry: str) -> None:
    """Open `entry` of the main menu's `module`, as a person does (on a phone, the menu button first)."""
    page = screen.page
    if screen.is_phone:
        page.locator(".menu-button").click()
    nav = page.locator("#main-nav")
    details = nav.locator("li.module > details", has=page.locator("summary", has_text=module))
    if details.get_attribute("open") is None:
        details.locator("summary").click()
    with page.expect_navigation():
        details.get_by_role("link", name=entry, exact=True).click()
    screen.assert_no_problems()
    screen.assert_accessible()


def open_parameters(page) -> None:
    """Unfold the report's parameters when they are folded (phones keep them under the answer's heading)."""
    filters = page.locator("details#report-filters")
    if filters.get_attribute("open") is None:
        filters.locator("summary").click()


def run_report(user, name: str, query: dict):
    """What the report function gives for these parameters: the result the screen draws."""
    report = REPORTS[name]
    return report.run(parse_params(user, report, query, today=date(2026, 12, 1)))


def shown_rows(result) -> list[list[str]]:
    """The report's rows as the screen writes them, in Chinese (reporting.tables, what the page's template prints)."""
    with translation.override("zh-hans"):
        return [[str(cell["text"]) for cell in tables.table_row(result.columns, row)] for row in result.rows]


def cell_texts(rows) -> list[list[str]]:
    return [[cell.inner_text() for cell in row.locator("th, td").all()] for row in rows.all()]


def test_example_one_a_brand_set_then_its_distribution_rate_against_60_percent(
    screen, customer_manager, first_half_of_2026
):
    # given CM1 logged in, on his home page
    screen.log_in(customer_manager)
    page = screen.page

    # when he defines the 七匹狼 "通" series as a brand set: 工具 › 品牌集 › 新建品牌集, finds the specs by "通",
    # ticks both and saves
    go_by_menu(screen, "工具", "品牌集")
    with page.expect_navigation():
        page.get_by_role("link", name="新建品牌集").click()
    page.locator("#id_name").fill("七匹狼通系列")
    page.locator("#id_q").fill("通")
    with page.expect_navigation():
        page.locator("button[name=action][value=search]").click()
    offered = page.locator("input[name=specs][type=checkbox]")
    assert [box.evaluate("box => box.closest('tr').cells[1].innerText") for box in offered.all()] == ["6901", "6903"]
    page.get_by_label("6901", exact=True).check()
    page.get_by_label("6903", exact=True).check()
    with page.expect_navigation():
        page.locator("button[name=action][value=save]").click()
    screen.assert_no_problems()
    assert page.locator("h1").inner_text() == "七匹狼通系列"

    # and asks 铺货率查询 for the set over the second quarter, against a target of 60 %
    go_by_menu(screen, "分析", "铺货率查询")
    open_parameters(page)
    form = page.locator("#report-filters form")
    form.locator("#id_brand_set").select_option(label="七匹狼通系列")
    form.locator("#id_from").fill(SECOND_QUARTER["from"])
    form.locator("#id_to").fill(SECOND_QUARTER["to"])
    form.locator("#id_target").fill("60%")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    screen.assert_no_problems()
    screen.assert_accessible()

    # then the table gives each spec's 铺货率 and the set's, as the report function does for the same parameters
    brand_set = BrandSet.objects.get(name="七匹狼通系列")
    assert sorted(brand_set.specs.values_list("code", flat=True)) == ["6901", "6903"]
    result = run_report(
        customer_manager.user, "distribution-rate", {**SECOND_QUARTER, "brand_set": str(brand_set.pk), "target": "60%"}
    )
    table = page.locator("table.report-table")
    expected = [["6901", "七匹狼(软通泰)", "5", "2", "40.0%"], ["6903", "七匹狼(通仙)", "5", "1", "20.0%"]]
    assert shown_rows(result) == expected
    assert cell_texts(table.locator("tbody tr")) == expected
    assert cell_texts(table.locator("tfoot tr"))[0][-1] == "40.0%"
    assert result.total["distribution_rate"] == 0.4

    # and how far the scope is from the target: 还需 1 户, and the three customers still to win
    gap = result.extras["gap"]
    assert (gap["customers_needed"], gap["met"]) == (1, False)
    assert page.locator(".gap-verdict").inner_text() == "未达到目标 60.0%：还需 1 户。"
    to_win = page.locator("table.not-ordered tbody tr")
    assert cell_texts(to_win) == [
        ["C005", "新街口食杂店", "张伟", "星期二", "2026-02-10"],
        ["C006", "鼓楼烟酒店", "张伟", "星期四", "2026-03-15"],
        ["C007", "汉中便利店", "张伟", "—", "从未订购"],
    ]
    assert [(row["customer_code"], row["last_order_date"]) for row in gap["not_ordered"]] == [
        ("C005", date(2026, 2, 10)),
        ("C006", date(2026, 3, 15)),
        ("C007", None),
    ]

    # and the figures he acts on are on the screen without a sideways swipe
    screen.assert_in_view(table.locator('tbody td[data-label="铺货率"]'), "seed example 1: 铺货率")
    screen.assert_in_view(page.locator(".gap-verdict"), "seed example 1: 还需 N 户")
    screen.assert_in_view(to_win.locator("td:first-child"), "seed example 1: customers still to win")
    screen.assert_fits("seed example 1")
    screen.screenshot("seed-example-1")


def test_example_two_sales_of_one_spec_by_format_january_to_june(screen, customer_manager, first_half_of_2026):
    # given CM1 logged in, on his home page
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens 客户分类销售情况一览表 from the menu, picks 七匹狼(软通泰) by typing its name, gives January–June,
    # groups by 业态 and asks
    go_by_menu(screen, "分析", "客户分类销售情况一览表")
    open_parameters(page)
    box = page.locator(".field-specs .ts-control input")
    box.click()
    box.fill("软通泰")
    option = page.locator(".ts-dropdown .option")
    expect(option).to_have_count(1)
    option.first.click()
    form = page.locator("#report-filters form")
    form.locator("#id_from").fill(FIRST_HALF["from"])
    form.locator("#id_to").fill(FIRST_HALF["to"])
    form.locator("#id_by").select_option(label="业态")
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    screen.assert_no_problems()
    screen.assert_accessible()

    # then the 业态 × month table is the one the six queries and the hand-made sheet gave, as the report function
    # computes it for the same parameters
    result = run_report(customer_manager.user, "classification-sales", {**FIRST_HALF, "specs": "6901", "by": "format"})
    pivot = result.extras["pivot"]
    assert pivot["months"] == ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"]
    assert [(str(line["label"]), line["values"], line["total"]) for line in pivot["lines"]] == [
        ("食杂店", [5, 1, 4, 6, 0, 0], 16),
        ("便利店", [0, 2, 0, 0, 0, 3], 5),
        ("烟酒商店", [0, 0, 2, 0, 0, 0], 2),
    ]
    assert (pivot["totals"], pivot["total"]) == ([5, 3, 6, 6, 0, 3], 23)
    crosstab = page.locator("table.pivot")
    assert cell_texts(crosstab.locator("thead tr")) == [
        ["业态", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06", "合计"]
    ]
    assert cell_texts(crosstab.locator("tbody tr")) == [
        ["食杂店", "5", "1", "4", "6", "0", "0", "16"],
        ["便利店", "0", "2", "0", "0", "0", "3", "5"],
        ["烟酒商店", "0", "0", "2", "0", "0", "0", "2"],
    ]
    assert cell_texts(crosstab.locator("tfoot tr")) == [["合计", "5", "3", "6", "6", "0", "3", "23"]]

    # and the long table below it, month by month, says the same
    table = page.locator("table.report-table")
    quantities = table.locator('tbody td[data-label="销量(条)"]')
    assert quantities.all_inner_texts() == [row[2] for row in shown_rows(result)]
    assert quantities.all_inner_texts()[:6] == ["5", "1", "4", "6", "0", "0"]

    # and every number of the 业态 × month table is on the screen without a sideways swipe
    screen.assert_in_view(crosstab.locator("td"), "seed example 2: 业态 × month")
    screen.assert_in_view(quantities, "seed example 2: 销量(条)")
    screen.assert_fits("seed example 2")
    screen.screenshot("seed-example-2")
