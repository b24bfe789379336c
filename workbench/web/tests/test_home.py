"""The home page: this month so far against last month and the same month last year, per scope."""

from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench.web.queries import Comparison, MonthFigures, home_summary

pytestmark = pytest.mark.django_db


def test_customer_manager_figures_are_exact_and_exclude_his_colleague(customer_manager, monthly_totals, frozen_today):
    # given CM1's customers C001, C002 and C005 with known monthly totals, and his colleague's C003
    # when the home figures are computed for CM1 on 2026-03-15
    with translation.override("en"):  # the scope's name is compared with the English source
        summary = home_summary(customer_manager.user, frozen_today)

    # then this month so far, last month and the same month last year are exact, without C003's 1,000 条
    assert summary.scope_name == "My customers"
    assert summary.customers_in_scope == 2  # C005 closed on 2026-02-10: not in business in March
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 500, Decimal("66000.00"), 2)
    assert summary.last_month == MonthFigures(date(2026, 2, 1), 600, Decimal("66000.00"), 2)
    assert summary.same_month_last_year == MonthFigures(date(2025, 3, 1), 250, Decimal("24000.00"), 2)
    assert summary.this_month.cases == Decimal("2")
    assert summary.last_month.cases == Decimal("2.4")
    assert summary.same_month_last_year.cases == Decimal("1")
    assert summary.this_month.value_per_carton == Decimal("132")
    assert summary.last_month.value_per_carton == Decimal("110")
    assert summary.same_month_last_year.value_per_carton == Decimal("96")
    assert summary.vs_last_month == Comparison(
        order_qty=Decimal(-100) / Decimal(600),
        amount=Decimal("0"),
        value_per_carton=Decimal("0.2"),
        customers_ordering=Decimal("0"),
    )
    assert summary.vs_last_year == Comparison(
        order_qty=Decimal("1"),
        amount=Decimal("1.75"),
        value_per_carton=Decimal("0.375"),
        customers_ordering=Decimal("0"),
    )
    assert summary.has_data


def test_market_manager_sees_his_team_and_the_colleague_customers(market_manager, monthly_totals, frozen_today):
    # given the market manager of team T1 (CM1 and CM2)
    # when the home figures are computed for him
    summary = home_summary(market_manager.user, frozen_today)

    # then his scope is named after the team and includes C003's 1,000 条
    assert summary.scope_name == "玄武市场部"
    assert summary.customers_in_scope == 3  # C001, C002, C003
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 1500, Decimal("165999.00"), 3)


def test_outsider_sees_nothing_of_team_one(outsider, monthly_totals, frozen_today):
    # given a customer manager of team T2 whose customer C004 has no monthly totals
    # when the home figures are computed for him
    summary = home_summary(outsider.user, frozen_today)

    # then he has one customer, no figures, and no change can be computed
    assert summary.customers_in_scope == 1
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 0, Decimal("0"), 0)
    assert summary.this_month.value_per_carton is None
    assert summary.vs_last_month == Comparison(None, None, None, None)
    assert not summary.has_data


def test_admin_scope_is_every_customer(admin_staff, monthly_totals, frozen_today):
    # given an administrator
    # when the home figures are computed for him
    with translation.override("en"):  # the scope's name is compared with the English source
        summary = home_summary(admin_staff.user, frozen_today)

    # then the scope is all customers
    assert summary.scope_name == "All customers"
    assert summary.customers_in_scope == 4


def test_home_page_shows_the_figures_in_english(client, customer_manager, monthly_totals, frozen_today):
    # given CM1 logged in, reading English
    client.force_login(customer_manager.user)
    client.cookies["django_language"] = "en"

    # when he opens the home page
    response = client.get("/")

    # then the figures, the changes and the chart data are on the page
    assert response.status_code == 200
    content = response.content.decode()
    assert "My customers: 2 customers in business this month." in content
    assert "66,000.00" in content
    assert "132.00" in content
    assert "-16.7%" in content  # volume against last month
    assert "+175.0%" in content  # amount against the same month last year
    assert "+37.5%" in content  # value per carton against the same month last year
    assert "vendor/chart.js/chart.umd.min.js" in content
    assert response.context["chart"]["cases"] == [1.0, 2.4, 2.0]


def test_home_page_empty_state(client, outsider, monthly_totals, frozen_today):
    # given a customer manager whose customers have no orders imported
    client.force_login(outsider.user)

    # when he opens the home page
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    # then he reads that nothing is imported, with no figures, no import button and no chart
    content = response.content.decode()
    assert "No orders of your customers have been imported" in content
    assert "Import order files" not in content
    assert "chart.umd.min.js" not in content


def test_home_page_empty_state_offers_the_import_to_an_admin(client, admin_staff, frozen_today):
    # given an administrator and no orders at all
    client.force_login(admin_staff.user)

    # when he opens the home page
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")

    # then the empty state leads to the data import
    assert "Import order files" in response.content.decode()


@pytest.mark.parametrize("persona", ["customer_manager", "market_manager", "admin_staff"])
def test_home_page_query_count(request, client, persona, monthly_totals, frozen_today, django_assert_num_queries):
    # given a logged-in user with data in his scope
    user = request.getfixturevalue(persona).user
    client.force_login(user)

    # when he opens the home page
    # then the number of queries does not depend on the number of customers or months: session, user,
    # staff, (org unit), the monthly totals of the last two months, those of the same month last year, customers
    # in scope; and the plans section (planning.home): his own plan (a customer manager), the published team plans,
    # the plans waiting for his review (a market manager); and the day (visitplans.home, a customer manager only):
    # his visit plan, the order-day customers and their count, his monthly plan for this week's tasks
    expected = {"customer_manager": 8 + 4, "market_manager": 9, "admin_staff": 7}[persona]
    with django_assert_num_queries(expected + 1):  # + 数据截至, the data's end (orders.freshness)
        response = client.get("/")
    assert response.status_code == 200


def test_months_cross_the_year_in_january(customer_manager, customers):
    # given a day in January
    # when the home figures are computed
    summary = home_summary(customer_manager.user, date(2026, 1, 10))

    # then last month is December of the year before, and the year-ago month January 2025
    assert summary.this_month.month == date(2026, 1, 1)
    assert summary.last_month.month == date(2025, 12, 1)
    assert summary.same_month_last_year.month == date(2025, 1, 1)
