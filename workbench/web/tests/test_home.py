"""The home page: this month to date against the same days of last month and of the same month last year, per
scope (docs/definitions.md#month-to-date)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from workbench.lib.periods import Period
from workbench.web.queries import Comparison, MonthFigures, home_summary, same_days
from workbench.web.tests.conftest import add_lines

pytestmark = pytest.mark.django_db


def test_customer_manager_figures_are_exact_and_exclude_his_colleague(customer_manager, monthly_totals, frozen_today):
    # given CM1's customers C001, C002 and C005 with known monthly totals, and his colleague's C003
    # when the home figures are computed for CM1 on 2026-03-15
    with translation.override("en"):  # the scope's name is compared with the English source
        summary = home_summary(customer_manager.user, frozen_today)

    # then the 1st–14th (the data end on the 14th) of March, February and March 2025 are exact, without C003's
    # 1,000 条 nor the orders after the 14th
    assert summary.scope_name == "My customers"
    assert summary.customers_in_scope == 2  # C005 closed on 2026-02-10: not in business in March
    assert summary.day == date(2026, 3, 14)
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 500, Decimal("66000.00"), 2, date(2026, 3, 14))
    assert summary.last_month == MonthFigures(date(2026, 2, 1), 500, Decimal("55000.00"), 2, date(2026, 2, 14))
    assert summary.same_month_last_year == MonthFigures(
        date(2025, 3, 1), 250, Decimal("24000.00"), 2, date(2025, 3, 14)
    )
    assert (summary.this_month.cases, summary.last_month.cases, summary.same_month_last_year.cases) == (
        Decimal("2"),
        Decimal("2"),
        Decimal("1"),
    )
    assert summary.this_month.value_per_carton == Decimal("132")
    assert summary.last_month.value_per_carton == Decimal("110")
    assert summary.same_month_last_year.value_per_carton == Decimal("96")
    assert summary.vs_last_month == Comparison(
        order_qty=Decimal("0"),
        amount=Decimal("0.2"),
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
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 1500, Decimal("165999.00"), 3, date(2026, 3, 14))


def test_outsider_sees_nothing_of_team_one(outsider, monthly_totals, frozen_today):
    # given a customer manager of team T2 whose customer C004 has no monthly totals
    # when the home figures are computed for him
    summary = home_summary(outsider.user, frozen_today)

    # then he has one customer, no figures, and no change can be computed
    assert summary.customers_in_scope == 1
    assert summary.this_month == MonthFigures(date(2026, 3, 1), 0, Decimal("0"), 0, date(2026, 3, 14))
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
    assert "+20.0%" in content  # amount against the same days of last month
    assert "+175.0%" in content  # amount against the same days of the same month last year
    assert "+37.5%" in content  # value per carton against the same month last year
    assert "vendor/chart.js/chart.umd.min.js" in content
    assert "2026-02-01 – 02-14" in content  # the days compared
    assert response.context["chart"]["cases"] == [1.0, 2.0, 2.0]


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
    # staff, (org unit), the same days of this month, last month and the same month last year (one each), customers
    # in scope; the plans section (planning.home): his own plan (a customer manager), the published team plans,
    # the plans waiting for his review (a market manager); the day (visitplans.home, a customer manager only):
    # his visit plan (his team's office too, the route's start, on a day with visits: none here), the order-day
    # customers and their count, his monthly plan for this week's tasks; the targets
    # section (targets.home): his target of the month (a customer manager, none here), or his team's (a market
    # manager: the managers, their targets, two reads of the forecasts, one of the actuals, three of who ordered
    # this month and last); and a market manager's team visit plans (visitplans.month.team_visit_plans: the
    # managers, their plans, their customers, the cycles' two reads, the last visits, the planned visits); and his
    # team's visits of today and the last working day (visits.team.team_day, each: the managers, the planned visits
    # with their ticks, the day's visits)
    expected = {"customer_manager": 10 + 4, "market_manager": 18 + 6 + 6, "admin_staff": 8}[persona]
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


def test_on_the_first_the_first_day_is_compared_with_the_first_day(client, customer_manager, customers):
    # given C001's orders: 40 条 on 1 April 2026, 50 on 1 March and 5,000 later in March, 20 on 1 April 2025
    c1 = customers["c1"]
    add_lines(
        [
            (c1, date(2026, 4, 1), 40, "4000.00"),
            (c1, date(2026, 3, 1), 50, "5000.00"),
            (c1, date(2026, 3, 20), 5000, "500000.00"),
            (c1, date(2025, 4, 1), 20, "2000.00"),
        ]
    )

    # when the home figures are computed on the 1st, the day's orders imported
    summary = home_summary(customer_manager.user, date(2026, 4, 1))

    # then 1 April against 1 March and 1 April 2025: −20 % and +100 %, not 40 against March's 5,050 (−99.2 %)
    assert (summary.day, summary.last_month.last_day, summary.same_month_last_year.last_day) == (
        date(2026, 4, 1),
        date(2026, 3, 1),
        date(2025, 4, 1),
    )
    assert (summary.vs_last_month.order_qty, summary.vs_last_year.order_qty) == (Decimal("-0.2"), Decimal("1"))
    assert (summary.vs_last_month.amount, summary.vs_last_year.amount) == (Decimal("-0.2"), Decimal("1"))


def test_on_the_first_before_the_days_import_nothing_is_compared(client, customer_manager, monthly_totals):
    # given data up to 14 March; today 1 April
    with time_machine.travel(datetime(2026, 4, 1, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        summary = home_summary(customer_manager.user, date(2026, 4, 1))
        client.force_login(customer_manager.user)
        content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then no change is computed (no "−100 %" in red), and the page says why
    assert summary.day is None
    assert summary.vs_last_month == Comparison(None, None, None, None)
    assert summary.vs_last_year == Comparison(None, None, None, None)
    assert "-100.0%" not in content
    assert "No orders have been imported for this month yet: there is nothing to compare." in content


def test_a_longer_month_compares_with_the_whole_of_a_shorter_one():
    # 31 March against February 2026 (28 days): the whole of February
    assert same_days(date(2026, 2, 1), date(2026, 3, 31)) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert same_days(date(2025, 3, 1), date(2026, 3, 14)) == Period(date(2025, 3, 1), date(2025, 3, 14))
