"""In a browser: a customer manager logs in and reads this month's figures; the language switch and back."""

from decimal import Decimal

import pytest
from django.utils import timezone

from workbench.lib.periods import add_months, first_of_month
from workbench.targets import services
from workbench.web.tests.conftest import add_lines

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def months_of_orders(customers):
    """CM1's C001 and C002 this month, last month and a year ago; CM2's C003 this month (not CM1's); every order on
    the 1st, so that the home page of any day compares the same days (the data end on this month's 1st).

    CM1 this month: 300 + 200 = 500 条, 36,000.00 + 30,000.00 = 66,000.00 元, 132.00 元 a carton, 2 ordering.
    CM1 last month: 600 条, 66,000.00 元 (110.00 a carton): -16.7% in volume, +20.0% in value per carton.
    CM1 a year ago: 250 条, 24,000.00 元: +100.0% in volume.
    """
    # The live server computes "this month" from the real clock: the data follows it (no frozen time here,
    # the browser and the server thread run on the real clock).
    this_month = first_of_month(timezone.localdate())
    last_month, year_ago = add_months(this_month, -1), add_months(this_month, -12)
    add_lines(
        [
            (customers["c1"], this_month, 300, "36000.00"),
            (customers["c2"], this_month, 200, "30000.00"),
            (customers["c1"], last_month, 600, "66000.00"),
            (customers["c1"], year_ago, 200, "20000.00"),
            (customers["c2"], year_ago, 50, "4000.00"),
            (customers["c3"], this_month, 1000, "99999.00"),
        ]
    )


def test_a_customer_manager_reads_this_month_on_the_home_page(screen, customer_manager, months_of_orders):
    # given CM1 with orders this month, last month and a year ago
    # when he logs in through the login form
    screen.log_in(customer_manager)

    # then the home page shows his figures of this month, without his colleague's 1,000 条
    page = screen.page
    assert page.locator("h1").inner_text() == "本月至今"
    assert page.locator(".lead").inner_text().splitlines()[0] == "我的客户：本月在营客户 2 户。"
    cards = [
        (card.locator(".label").inner_text(), card.locator(".value").inner_text())
        for card in page.locator(".cards:not(.day-cards) .card").all()
    ]
    assert cards == [("销量(条)", "500"), ("金额(元)", "66,000.00"), ("单条值(元)", "132.00"), ("订货户数", "2")]
    volume = page.locator("tbody tr").first
    assert [cell.inner_text() for cell in volume.locator("td").all()] == ["500", "600", "-16.7%", "250", "+100.0%"]
    # The chart drew the volumes in cases: a year ago, last month, this month so far.
    chart = page.locator("#home-volume-chart").evaluate("canvas => Chart.getChart(canvas).data")
    assert chart["datasets"][0]["data"] == [1, 2.4, 2]
    # The figures are readable without scrolling sideways (FIGURES_OFF_A_PHONE lists what is not, yet).
    screen.assert_in_view(page.locator(".cards:not(.day-cards) .card .value"), "home: cards")
    screen.assert_in_view(volume.locator("td.number").nth(2), "home: changes")
    screen.assert_fits("home")
    screen.screenshot("home")


def test_the_language_switch_to_english_and_back(screen, customer_manager, months_of_orders):
    # given CM1 on his home page, in Chinese (the default)
    screen.log_in(customer_manager)
    page = screen.page
    if screen.is_phone:
        # On a phone the language form is in the folded top bar: the menu button opens it.
        page.locator(".menu-button").click()

    # the switch button reads 切换 on one line (its two characters used to break over two)
    switch = page.locator(".language-form button")
    assert switch.inner_text() == "切换"
    line_boxes = "button => { const text = document.createRange(); text.selectNodeContents(button); "
    line_boxes += "return text.getClientRects().length; }"
    assert switch.evaluate(line_boxes) == 1
    screen.assert_accessible()  # the top bar's tools, open on a phone, pass axe-core too

    # when he picks English and presses the switch
    page.locator("#language-select").select_option("en")
    with page.expect_navigation():
        page.locator(".language-form button").click()

    # then the same page speaks English, with English number formats
    assert screen.path() == "/"
    assert page.locator("h1").inner_text() == "This month so far"
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".cards:not(.day-cards) .card .label").first.inner_text() == "Volume (cartons)"
    assert page.locator(".cards:not(.day-cards) .card .value").nth(1).inner_text() == "66,000.00"
    screen.assert_no_problems()
    screen.screenshot("home-english")

    # and when he switches back to Chinese, the page is Chinese again
    if screen.is_phone:
        page.locator(".menu-button").click()
    page.locator("#language-select").select_option("zh-hans")
    with page.expect_navigation():
        page.locator(".language-form button").click()
    assert page.locator("h1").inner_text() == "本月至今"
    assert page.locator("html").get_attribute("lang") == "zh-hans"
    screen.assert_no_problems()


def test_a_customer_manager_reads_his_target_progress_on_the_home_page(
    screen, customer_manager, market_manager, months_of_orders
):
    # given CM1's approved target of this month: 1,000 条, 100,000 元; 500 条 and 66,000 元 ordered so far
    month = first_of_month(timezone.localdate())
    target = services.save_sales_target(user=customer_manager.user, month=month, qty=1000, amount=Decimal("100000"))
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    services.approve_sales_target(user=market_manager.user, target=target, version=2)

    # when he opens his home page
    screen.log_in(customer_manager)

    # then the completion of each figure heads a card he reads without scrolling sideways: 50.0 %, 66.0 %
    page = screen.page
    values = page.locator(".home-targets .card .value")
    assert [values.nth(index).inner_text() for index in range(2)] == ["50.0%", "66.0%"]
    screen.assert_in_view(values.first, "home: target completion")
    screen.assert_fits("home-targets")
    screen.screenshot("home-targets")
