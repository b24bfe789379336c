"""In a browser: the brand-set form's "已选 N 个" count follows the ticks."""

import pytest

from workbench import testing

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_picked_count_follows_the_ticks(screen, customer_manager):
    # given three specs and CM1 on a new brand set
    for code, name in (("S1", "南京(红)"), ("S2", "南京(炫赫门)"), ("S3", "中华(硬)")):
        testing.make_spec(code, name, name[:2], "80")
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit("/catalog/sets/new/")
    count = page.locator("legend .picked-count")
    assert count.inner_text() == "0"

    # when he ticks two specs, then unticks one
    boxes = page.locator("input[name=specs][type=checkbox]")
    boxes.nth(0).check()
    boxes.nth(2).check()
    two = count.inner_text()
    boxes.nth(0).uncheck()

    # then the count says so each time, without a reload
    assert (two, count.inner_text()) == ("2", "1")
    assert page.locator("legend").first.inner_text() == "规格（已选 1 个）"
