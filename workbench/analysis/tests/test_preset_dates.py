"""铺货率查询 and 四率查询 before any spec is chosen: the form still shows the dates its period preset means."""

from datetime import date

import pytest

from workbench.testing.personas import login


@pytest.mark.parametrize("report", ["distribution-rate", "four-rates"])
def test_a_first_visit_shows_the_dates_of_last_month(client, territory, customer_manager, time_machine, report):
    # given: today is 10 February 2026, and nothing is chosen yet
    time_machine.move_to(date(2026, 2, 10))
    login(client, customer_manager)

    # when
    response = client.get(f"/analysis/{report}/")

    # then: an invitation, and the period's dates beside 上月
    assert response.context["invitation"] == "Choose one or more specs, or a brand set."
    form = response.context["form"]
    assert (form["period"].value(), form["from"].value(), form["to"].value()) == (
        "last_month",
        "2026-01-01",
        "2026-01-31",
    )
    assert 'value="2026-01-01"' in response.content.decode()
    # and how far the data go (no summaries in this territory's fixture: nothing imported for these months)
    assert '<p class="data-end">' in response.content.decode()


def test_a_request_without_specs_still_shows_the_preset_dates(client, territory, customer_manager, time_machine):
    # given: the user asked for the last three months and forgot the specs
    time_machine.move_to(date(2026, 2, 10))
    login(client, customer_manager)

    # when
    response = client.get("/analysis/distribution-rate/", {"period": "last_3_months", "specs": ""})

    # then: the error, and the dates of November – January
    assert response.status_code == 400
    form = response.context["form"]
    assert (form["from"].value(), form["to"].value()) == ("2025-11-01", "2026-01-31")


def test_dates_the_user_typed_are_kept(client, territory, customer_manager):
    # given
    login(client, customer_manager)

    # when: a custom period without specs
    response = client.get("/analysis/four-rates/", {"period": "custom", "from": "2026-03-01", "to": "2026-03-31"})

    # then
    form = response.context["form"]
    assert (form["from"].value(), form["to"].value()) == ("2026-03-01", "2026-03-31")
