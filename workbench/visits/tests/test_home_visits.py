"""The home page's visits of today (visitplans/_home_day.html with visits.day.home_visits): each done or pending,
the pending ones opening the visit form, and a link to the day as visited."""

from datetime import date

import pytest

from workbench import testing
from workbench.visits.tests.builders import committed_plan, make_visit

DAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def on_the_day(time_machine):
    time_machine.move_to("2026-12-01 10:00 +08:00", tick=False)


@pytest.fixture
def today_of_two(customer_manager, customers):
    """CM1's committed plan with C001 (done) and C002 (pending) today."""
    planned = committed_plan(customer_manager, DAY, [(customers["c1"], DAY), (customers["c2"], DAY)])
    visit = make_visit(customer_manager, customers["c1"], DAY, "09:00", "09:20", planned=planned["C001"])
    return {"planned": planned, "visit": visit}


def test_todays_visits_say_done_or_pending(client, customer_manager, customers, today_of_two):
    # when CM1 opens the home page
    testing.login(client, customer_manager)
    content = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    # then C001 links to its visit, done; C002 to the form with its planned visit, pending; and the day's page
    assert f'<a href="/visits/{today_of_two["visit"].pk}/">{customers["c1"].name}</a>' in content
    planned = today_of_two["planned"]["C002"]
    assert f'data-visit-form href="/visits/new/?customer={customers["c2"].pk}&amp;planned={planned.pk}"' in content
    assert content.count('class="state state-done"') == 1
    assert content.count('class="state state-pending"') == 1
    assert 'href="/visits/"' in content


def test_todays_visits_cost_two_queries(client, customer_manager, today_of_two, django_assert_num_queries):
    # given CM1 logged in
    testing.login(client, customer_manager)

    # when he opens the home page on a day with two planned visits
    # then its queries are those of test_home_page_query_count (web/tests/test_home.py: 10 + 4, and the data's
    # end), today's planned visits with their customers and the team's office (the route's start, on a day with
    # visits), and two for the visits' states (visits.day.home_visits: today's planned visits, the visits ticking
    # them), whatever the number of visits
    with django_assert_num_queries(10 + 4 + 1 + 2 + 2):
        client.get("/")
