"""铺货率查询 against a target: met or not, 还需 N 户, the customers still to win, their sheet, and saving them as a
customer set (data.py: A(CM1, January 2026) = {C001, C002, C005, C006})."""

import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model
from openpyxl import load_workbook

from workbench import testing
from workbench.analysis.gaps import customers_needed
from workbench.customers.models import CustomerSet, CustomerSetKind

JANUARY = {"from": "2026-01-01", "to": "2026-01-31"}


def brand_set_january(territory, target: str) -> dict:
    return {**JANUARY, "brand_set": str(territory["brand_set"].pk), "target": target}


def test_customers_needed_is_the_smallest_number_that_reaches_the_target():
    # given / when / then: 70% of 10 is 7 exactly (a float product would be 7.000000000000001, rounded up to 8)
    assert customers_needed(Decimal("0.7"), 0, 10) == 7
    assert customers_needed(Decimal("0.7"), 6, 10) == 1
    assert customers_needed(Decimal("0.61"), 6, 10) == 1  # 6.1 customers: a seventh is needed
    assert customers_needed(Decimal("0.6"), 6, 10) == 0
    assert customers_needed(Decimal("0.5"), 9, 10) == 0  # above the target: nothing more is needed
    assert customers_needed(Decimal("0.5"), 0, 0) is None  # nobody in business: no rate, no gap


def test_the_set_below_its_target_names_the_customers_still_to_win(territory, customer_manager, run):
    # given: C001, C005 and C006 ordered a spec of 七匹狼 in January, C002 only asked for 6901 and got none
    territory["customers"]["C002"].order_weekday = 3
    territory["customers"]["C002"].save()

    # when: 3 of 4 is 75%, short of 80%
    result = run("distribution-rate", customer_manager, **brand_set_january(territory, "80%"))

    # then: ⌈0.8 × 4⌉ − 3 = 1 more customer; C002 last ordered the set on 2025-12-09 (6902)
    gap = result.extras["gap"]
    assert (gap["met"], gap["customers_needed"], gap["customers_ordering"], gap["customers_in_scope"]) == (
        False,
        1,
        3,
        4,
    )
    assert gap["not_ordered"] == [
        {
            "customer_code": "C002",
            "customer_name": "店C002",
            "manager": "张伟",
            "order_weekday": 3,
            "last_order_date": date(2025, 12, 9),
        }
    ]
    assert result.total["distribution_rate"] == 0.75  # the table is the same with or without a target


def test_one_spec_far_from_its_target_and_customers_who_never_ordered_it(territory, customer_manager, run):
    # given / when: only C002 ordered 6903 in January (C001's line of the 19th was a stock-out)
    result = run("distribution-rate", customer_manager, **JANUARY, specs="6903", target="60%")

    # then: ⌈0.6 × 4⌉ − 1 = 2; none of the three others ever ordered 6903
    gap = result.extras["gap"]
    assert (gap["met"], gap["customers_needed"]) == (False, 2)
    assert [(row["customer_code"], row["last_order_date"]) for row in gap["not_ordered"]] == [
        ("C001", None),
        ("C005", None),
        ("C006", None),
    ]


def test_a_target_exactly_reached_is_met(territory, customer_manager, run):
    # given / when: 3 of 4 against 75%
    result = run("distribution-rate", customer_manager, **brand_set_january(territory, "75%"))

    # then
    gap = result.extras["gap"]
    assert (gap["met"], gap["customers_needed"]) == (True, 0)
    assert [row["customer_code"] for row in gap["not_ordered"]] == ["C002"]


def test_a_market_manager_sees_his_teams_gap(territory, market_manager, run):
    # given / when: team T1 adds CM2's C003, who ordered 6901: 4 of 5 against 90%
    result = run("distribution-rate", market_manager, **JANUARY, specs="6901,6902", target="90%")

    # then: ⌈4.5⌉ − 4 = 1
    gap = result.extras["gap"]
    assert (gap["customers_in_scope"], gap["customers_ordering"], gap["customers_needed"]) == (5, 4, 1)
    assert [row["customer_code"] for row in gap["not_ordered"]] == ["C002"]


def test_without_a_target_there_is_no_gap(territory, customer_manager, run):
    # given / when
    result = run("distribution-rate", customer_manager, **JANUARY, brand_set=str(territory["brand_set"].pk))

    # then
    assert result.extras["gap"] is None


def test_the_page_shows_the_gap_and_links_the_customers(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.get("/analysis/distribution-rate/", brand_set_january(territory, "80%"))

    # then
    content = response.content.decode()
    assert "Target 80.0% not met: 1 more customer must order." in content
    assert '<a href="/customers/C002/">店C002</a>' in content
    assert "2025-12-09" in content
    assert 'action="/analysis/distribution-rate/save-not-ordered/"' in content


def test_the_export_has_the_customers_still_to_win_on_a_sheet(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)
    territory["customers"]["C002"].order_weekday = 1
    territory["customers"]["C002"].save()

    # when
    response = client.get("/analysis/distribution-rate/export/", brand_set_january(territory, "80%"))

    # then
    workbook = load_workbook(io.BytesIO(response.content))
    assert "Customers still to win" in workbook.sheetnames
    rows = [list(row) for row in workbook["Customers still to win"].iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ["Customer code", "Customer name", "Customer manager", "Order day", "Last order of the specs"]
    assert rows[1][:4] == ["C002", "店C002", "张伟", "Monday"]
    last_order = rows[1][4]
    assert isinstance(last_order, datetime)
    assert last_order.date() == date(2025, 12, 9)


SAVE = "/analysis/distribution-rate/save-not-ordered/"


def test_the_customers_still_to_win_are_saved_as_a_fixed_set_in_one_click(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    response = client.post(SAVE, {**brand_set_january(territory, "80%"), "set_name": "七匹狼 未订户"})

    # then: a fixed set of the user's own, holding C002, and its page
    customer_set = CustomerSet.objects.get(name="七匹狼 未订户")
    assert response.status_code == 302
    assert response["Location"] == f"/customers/sets/{customer_set.pk}/"
    assert (customer_set.owner, customer_set.kind) == (customer_manager, CustomerSetKind.FIXED)
    assert list(customer_set.members.values_list("code", flat=True)) == ["C002"]


def test_a_set_without_a_name_is_named_after_the_period(client, territory, customer_manager):
    # given
    testing.login(client, customer_manager)

    # when
    client.post(SAVE, brand_set_january(territory, "80%"))

    # then
    assert list(CustomerSet.objects.values_list("name", flat=True)) == ["Still to win 2026-01-01–2026-01-31"]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ({"scope": "CM1"}, 404),  # CM1's customers lie outside CM3's scope
        ({"target": ""}, 400),  # no target, no list
    ],
)
def test_saving_outside_the_scope_or_without_a_target_saves_nothing(client, territory, outsider, data, expected):
    # given
    testing.login(client, outsider)
    territory["brand_set"].shared_with = outsider.org_unit.parent
    territory["brand_set"].save()

    # when
    response = client.post(SAVE, {**brand_set_january(territory, "80%"), **data})

    # then
    assert response.status_code == expected
    assert not CustomerSet.objects.exists()


def test_a_login_without_a_staff_record_may_not_save(client, territory):
    # given: a bare superuser owns no sets
    user = get_user_model().objects.create_superuser("root", password="x")
    client.force_login(user)

    # when
    response = client.post(SAVE, brand_set_january(territory, "80%"))

    # then
    assert response.status_code == 403
    assert not CustomerSet.objects.exists()


def test_saving_is_post_only_and_needs_a_login(client, territory, customer_manager):
    # given / when: logged out, then logged in with a GET
    anonymous = client.post(SAVE, brand_set_january(territory, "80%"))
    testing.login(client, customer_manager)
    get = client.get(SAVE, brand_set_january(territory, "80%"))

    # then
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert get.status_code == 405
    assert not CustomerSet.objects.exists()
