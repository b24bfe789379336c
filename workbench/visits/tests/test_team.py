"""A market manager's team day (visits.team, docs/definitions.md#team-visit-day): each customer manager's day page
numbers, counted for the whole team at once."""

import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from workbench import testing
from workbench.visits.day import visit_day
from workbench.visits.team import previous_working_day, team_day
from workbench.visits.tests.test_day import DAY

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("today", [DAY, date(2026, 12, 2)])
def test_the_team_day_has_each_managers_day_page_numbers(
    market_manager, customer_manager, colleague, day_of_three, today
):
    # given CM1's day of three planned visits (one done, a phone visit and an unplanned one) and CM2 with none
    # when his market manager reads the team's day, on the day and the day after
    rows = team_day(market_manager.user, DAY, today)
    # then CM1's row has the numbers of his day page; CM2's is empty
    page = visit_day(market_manager.user, customer_manager, DAY, today)
    assert [(row.staff.code, row.planned, row.done, row.missed, row.pending, row.unplanned) for row in rows] == [
        ("CM1", len(page.stops), page.done, page.missed, page.pending, page.unplanned),
        ("CM2", 0, 0, 0, 0, 0),
    ]
    assert (rows[0].hours, rows[1].hours) == (pytest.approx(page.hours), 0)
    assert (page.done, page.missed + page.pending, page.unplanned) == (1, 2, 2)


def test_a_customer_manager_sees_no_team_day(customer_manager, day_of_three):
    assert team_day(customer_manager.user, DAY, DAY) == []


def test_the_last_working_day_skips_the_weekend():
    assert previous_working_day(date(2026, 12, 7)) == date(2026, 12, 4)  # Monday → Friday
    assert previous_working_day(date(2026, 12, 2)) == date(2026, 12, 1)


def test_the_home_page_shows_the_team_today_and_the_day_before(client, market_manager, day_of_three, time_machine):
    # given today is Wednesday 2 December: the day before is DAY
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)
    testing.login(client, market_manager)
    # when he opens the home page
    with translation.override("en"):
        content = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # then both days are there, CM1's 1 of 3 done on Tuesday, 2 missed, 2 unplanned, 1.1 hours in person
    assert "The team's visits today" in content
    assert "The team's visits on 12-01 Tuesday" in content
    section = content[content.index("The team's visits on") :]
    row = section[section.index("?staff=CM1") : section.index("</tr>", section.index("?staff=CM1"))]
    cells = [re.sub(r"<[^>]+>", "", cell).strip() for cell in row.split("</td>")[1:-1]]
    assert cells[:3] == ["1 / 3", "2", "2"]
    assert "1.1" in row
