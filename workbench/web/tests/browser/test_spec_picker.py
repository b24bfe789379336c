"""In a browser: the report's spec picker filters by pinyin initials and code, and shows the choice as chips."""

import pytest
from playwright.sync_api import expect

from workbench import testing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three_specs(db):
    """Two 七匹狼 specs and one 南京 spec: two brand groups."""
    testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", transfer_price="100")
    testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", transfer_price="150")
    testing.make_spec("6903", name="南京(红)", brand="南京", transfer_price="80")


def test_typing_pinyin_initials_finds_the_spec_and_picks_it_as_a_chip(screen, customer_manager, three_specs):
    # given CM1 on 铺货率查询, whose spec select has become a type-to-filter box
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/analysis/distribution-rate/")
    if screen.is_phone:
        filters = page.locator("details.filter-panel")
        if filters.get_attribute("open") is None:
            filters.locator("summary").click()
    box = page.locator(".field-specs .ts-control input")

    # when he types the initials of 七匹狼(红)
    box.click()
    box.fill("qplh")

    # then only that spec is offered, under its brand
    options = page.locator(".ts-dropdown .option")
    expect(options).to_have_count(1)  # the list is filtered as he types
    assert [option.inner_text() for option in options.all()] == ["七匹狼(红) (6902)"]
    assert page.locator(".ts-dropdown .optgroup-header").all_inner_texts() == ["七匹狼"]

    # when he picks it, then types a code
    options.first.click()
    box.fill("6903")
    page.locator(".ts-dropdown .option", has_text="南京(红)").click()

    # then both are chips, the form's select holds both, and the page still fits the screen
    chips = page.locator(".field-specs .ts-control .item")
    assert [chip.inner_text().replace("×", "").strip() for chip in chips.all()] == [
        "七匹狼(红) (6902)",
        "南京(红) (6903)",
    ]
    chosen = page.locator("#id_specs").evaluate("select => Array.from(select.selectedOptions, o => o.value)")
    assert chosen == ["6902", "6903"]
    screen.assert_fits("distribution-rate: spec picker")

    # when he types something no spec has
    box.fill("zzzz")

    # then he is told so, in Chinese
    expect(page.locator(".ts-dropdown .no-results")).to_have_text("没有找到规格。")
