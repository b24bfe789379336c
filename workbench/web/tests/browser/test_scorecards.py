"""In a browser, at phone width: a customer manager scores his customer for the month; the total and the stars follow
what he types, and the list shows them after the save (scorecards app)."""

import pytest
from django.utils import timezone

from workbench.lib.periods import first_of_month
from workbench.scorecards.models import Scorecard
from workbench.scorecards.services import ensure_default_template, template_items
from workbench.scorecards.tests.conftest import WORKED_EXAMPLE

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("screen", ["phone"], indirect=True)
def test_a_customer_manager_scores_a_customer_on_his_phone(screen, customer_manager, customers):
    # given the default template and CM1 on C001's scorecard of this month
    template = ensure_default_template()
    month = f"{first_of_month(timezone.localdate()):%Y-%m}"
    screen.log_in(customer_manager)
    page = screen.page
    screen.visit(f"/scorecards/C001/{month}/")
    screen.assert_fits("scorecard-entry")

    # when he types the worked example, 月购烟总量 first too high
    items = {item.name: item.pk for item in template_items(template)}
    page.locator(f"#id_score_{items['月购烟总量']}").fill("16")
    assert "score-out-of-range" in (page.locator(f"#id_score_{items['月购烟总量']}").get_attribute("class") or "")
    for name, score in WORKED_EXAMPLE.items():
        page.locator(f"#id_score_{items[name]}").fill(str(score))

    # then the total and the stars are computed as he types
    assert page.locator("[data-total]").inner_text() == "81"
    assert page.locator("[data-stars]").inner_text() == "★★★★☆"
    screen.screenshot("scorecard-entry")

    # when he saves
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    screen.assert_no_problems()

    # then the month's list shows C001 with 81 points
    assert page.url.endswith(f"/scorecards/?month={month}")
    row = page.locator("tbody tr", has_text="C001")
    assert row.locator('td[data-label="合计"]').inner_text() == "81"
    screen.assert_fits("scorecard-list")
    screen.screenshot("scorecard-list")
    card = Scorecard.objects.get()
    assert (card.total, card.stars) == (81, 4)
