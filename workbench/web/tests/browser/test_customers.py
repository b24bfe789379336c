"""In a browser: a customer manager filters his customer list and opens a customer; he makes a customer set."""

from decimal import Decimal

import pytest

from workbench.customers.models import CustomerSet

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_customer_list_filters_and_opens_a_customer(screen, customer_manager, customers):
    # given CM1, whose customers are C001 玄武食杂店 and C002 长江便利店 (C003 is his colleague's); C002's phone and
    # position are on record
    customers["c2"].phone = "025-8451 2345"
    customers["c2"].lat, customers["c2"].lng = Decimal("32.060255"), Decimal("118.796877")
    customers["c2"].save()
    screen.log_in(customer_manager)
    page = screen.page

    # when he opens the customer list
    screen.visit("/customers/")

    # then he sees his two customers, and only them
    assert page.locator(".result-count").inner_text().startswith("2 户")
    assert [link.inner_text() for link in page.locator("tbody tr td:first-child a").all()] == ["C001", "C002"]
    screen.assert_fits("customer-list")
    screen.screenshot("customer-list")

    # when he filters on a part of a shop's name (on a phone the filters are folded until tapped)
    filters = page.locator("details.filter-panel")
    if screen.is_phone:
        assert filters.get_attribute("open") is None
        filters.locator("summary").click()
    filters.locator("#id_q").fill("长江")
    with page.expect_navigation():
        filters.locator("button[type=submit]").click()
    screen.assert_no_problems()

    # then only C002 is left, and the filter stays filled in
    assert page.locator(".result-count").inner_text().startswith("1 户")
    assert [link.inner_text() for link in page.locator("tbody tr td:first-child a").all()] == ["C002"]
    assert page.locator("#id_q").input_value() == "长江"

    # when he opens it
    with page.expect_navigation():
        page.locator("tbody tr td:first-child a", has_text="C002").click()
    screen.assert_no_problems()

    # then its page names the shop, its class and its grade
    assert screen.path() == "/customers/C002/"
    heading = page.locator("h1")
    assert heading.inner_text().splitlines()[0].startswith("长江便利店")
    assert heading.locator("small").inner_text() == "C002 · CB2 · 档位 10 · 正常"
    screen.assert_in_view(heading.locator("small"), "customer-page: class and grade")
    # and a tap calls the shop, another opens its place in the phone's map app (no external map service)
    links = page.locator(".contact-links a")
    assert [(link.inner_text(), link.get_attribute("href")) for link in links.all()] == [
        ("拨打 025-8451 2345", "tel:02584512345"),
        (
            "在地图应用中打开",
            "geo:32.060255,118.796877?q=32.060255,118.796877(%E9%95%BF%E6%B1%9F%E4%BE%BF%E5%88%A9%E5%BA%97)",
        ),
    ]
    screen.assert_in_view(links, "customer-page: call and map")
    screen.assert_fits("customer-page")
    screen.screenshot("customer-page")


def test_a_customer_manager_makes_a_customer_set(screen, customer_manager, customers):
    # given CM1 on the customer sets page, with no set yet
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/customers/sets/")
    assert page.locator("main section").first.locator(".empty-state").is_visible()

    # when he starts a new list, names it, ticks both his customers and saves
    with page.expect_navigation():
        page.get_by_role("link", name="新建客户名单").click()
    screen.assert_no_problems()
    screen.assert_fits("customer-set-form")
    screen.screenshot("customer-set-form")
    page.locator("#id_name").fill("重点户")
    page.get_by_label("C001").check()
    page.get_by_label("C002").check()
    save = page.locator("button[name=action][value=save]")
    with page.expect_navigation():
        save.click()
    screen.assert_no_problems()

    # then the set's page says so and counts both customers
    saved = CustomerSet.objects.get()
    assert (saved.owner, saved.name) == (customer_manager, "重点户")
    assert screen.path() == f"/customers/sets/{saved.pk}/"
    assert page.locator(".messages").inner_text() == "客户集已创建。"
    assert [code.inner_text() for code in page.locator("tbody tr td:first-child").all()] == ["C001", "C002"]

    # and the list of his sets shows it, as a private fixed list
    screen.visit("/customers/sets/")
    row = page.locator("main section").first.locator("tbody tr")
    assert [cell.inner_text() for cell in row.locator("td").all()] == ["重点户", "固定名单", "仅自己可见"]
    screen.assert_fits("customer-sets")
    screen.screenshot("customer-sets")
