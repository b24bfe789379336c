"""市场特征 (market features): each change is a new row of the customer's history, an unchanged form makes none, a
stale form is refused; the pages, the export and the API against every persona."""

from datetime import date, time

import pytest
from django.utils import translation

from workbench import testing
from workbench.features.models import MarketFeature, RimType
from workbench.features.services import record_features
from workbench.lib.stale import STALE_MESSAGE
from workbench.testing import rows, view_matrix

URL = "/features/C001/"
FORM = {
    "rim_type": "residential",
    "consumer_group": "regular",
    "consumption_level": "medium",
    "opens": "07:30",
    "closes": "22:00",
    "is_night_shop": "",
    "area_m2": "40",
    "competitors": "3",
    "price_class": "3",
    "note": "小区门口",
}
VALUES = {
    "rim_type": "residential",
    "consumer_group": "regular",
    "consumption_level": "medium",
    "opens": time(7, 30),
    "closes": time(22, 0),
    "is_night_shop": False,
    "is_chain": False,
    "area_m2": 40,
    "competitors": 3,
    "price_class": 3,
    "note": "小区门口",
}


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to("2026-12-01 10:00 +08:00", tick=False)


@pytest.fixture
def features(customers, customer_manager):
    """C001's features, recorded once by CM1 on 1 December 2026 (version 1)."""
    return record_features(user=customer_manager.user, customer=customers["c1"], values=VALUES, version=None)


SEES_C001 = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
# Only C001's own customer manager saves; the others who see him get 403, and nothing changes.
SAVES_C001 = {
    "customer_manager": 302,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
EVERY_STAFF_MEMBER = {name: 200 for name in testing.STAFF_PERSONAS} | {"anonymous": 302}

test_feature_page_access = view_matrix(lambda features: URL, SEES_C001)
test_feature_save_access = view_matrix(
    lambda features: URL,
    SAVES_C001,
    method="post",
    data={**FORM, "rim_type": "commercial", "version": "1"},
    snapshot=rows(MarketFeature),
)
test_feature_list_access = view_matrix(lambda features: "/features/", EVERY_STAFF_MEMBER)
test_feature_export_access = view_matrix(lambda features: "/features/export/", EVERY_STAFF_MEMBER)
test_feature_api_list_access = view_matrix(
    lambda features: "/api/v1/features/", {**EVERY_STAFF_MEMBER, "anonymous": 401}
)
test_feature_api_outside_access = view_matrix(
    lambda features: "/api/v1/features/",
    {**SEES_C001, "anonymous": 401},
    data={"customer": "C001"},
)


def test_a_change_makes_a_new_row_and_keeps_the_old_one(client, features, customer_manager):
    # given C001's features at version 1
    testing.login(client, customer_manager)
    # when CM1 changes the trade area type and the hours
    response = client.post(URL, {**FORM, "rim_type": "commercial", "closes": "23:30", "version": "1"})
    # then a version 2 is in force and version 1 is kept as it was
    assert response.status_code == 302
    history = list(MarketFeature.objects.order_by("version").values_list("version", "rim_type", "closes"))
    assert history == [(1, "residential", time(22, 0)), (2, "commercial", time(23, 30))]
    current = MarketFeature.objects.current().get()
    assert (current.version, current.valid_from, current.entered_by_id) == (2, date(2026, 12, 1), customer_manager.pk)
    # and the page lists both, the newest first, with what changed
    with translation.override("en"):
        page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert [(row.version, changed) for row, changed in page.context["history"]] == [
        (2, ["trade area type", "closes at"]),
        (1, ["trade area type", "consumer group", "consumption level", "opens at", "closes at", "area (m²)",
             "competing outlets nearby", "main price class", "note"]),
    ]  # fmt: skip


def test_an_unchanged_form_makes_no_row(client, features, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when the form is saved as it was loaded
    response = client.post(URL, {**FORM, "version": "1"})
    # then no new row
    assert response.status_code == 302
    assert list(MarketFeature.objects.values_list("version", flat=True)) == [1]


def test_the_form_is_prefilled_with_the_features_in_force(client, features, customer_manager):
    testing.login(client, customer_manager)
    form = client.get(URL).context["form"]
    assert (form["rim_type"].value(), form["closes"].value(), form["version"].value()) == (
        "residential",
        time(22, 0),
        1,
    )


def test_a_stale_form_is_refused_and_keeps_its_input(client, features, customer_manager):
    # given C001 changed to version 2 in another tab
    record_features(
        user=customer_manager.user, customer=features.customer, values={**VALUES, "note": "另一页"}, version=1
    )
    testing.login(client, customer_manager)
    # when a form loaded at version 1 saves
    response = client.post(URL, {**FORM, "rim_type": "school", "version": "1"})
    # then nothing is saved and the form says why, keeping the input
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(STALE_MESSAGE)]
    assert response.context["form"]["rim_type"].value() == "school"
    assert list(MarketFeature.objects.order_by("version").values_list("version", "rim_type")) == [
        (1, "residential"),
        (2, "residential"),
    ]


def test_a_first_record_over_one_made_meanwhile_is_stale(client, customers, customer_manager, features):
    # given C001 has features, and a form that saw none (no version)
    testing.login(client, customer_manager)
    # when it is saved
    response = client.post(URL, {**FORM, "rim_type": "school"})
    # then it is refused
    assert response.context["form"].non_field_errors() == [str(STALE_MESSAGE)]
    assert MarketFeature.objects.count() == 1


def test_validation_names_the_fields(client, customers, customer_manager):
    testing.login(client, customer_manager)
    with translation.override("en"):
        response = client.post(
            URL,
            {**FORM, "rim_type": "moon", "opens": "08:00", "closes": "", "area_m2": "-5"},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        # (the messages are lazy: read them in English too)
        assert response.status_code == 200
        errors = response.context["form"].errors
        assert sorted(errors) == ["area_m2", "closes", "rim_type"]
        assert errors["closes"] == ["Give both the opening and the closing time, or neither."]
    assert MarketFeature.objects.count() == 0


def test_the_list_shows_who_has_none_yet_and_filters(client, features, customer_manager):
    testing.login(client, customer_manager)
    # given C001 with features, C002 without
    page = client.get("/features/")
    assert [(customer.code, feature.version if feature else None) for customer, feature in page.context["rows"]] == [
        ("C001", 1),
        ("C002", None),
    ]
    missing = client.get("/features/", {"rim_type": "none"}).context["rows"]
    assert [customer.code for customer, _feature in missing] == ["C002"]
    residential = client.get("/features/", {"rim_type": RimType.RESIDENTIAL}).context["rows"]
    assert [customer.code for customer, _feature in residential] == ["C001"]
    assert client.get("/features/", {"rim_type": RimType.SCHOOL}).context["rows"] == []


def test_the_export_has_every_customer_with_his_features(client, features, customer_manager):
    testing.login(client, customer_manager)
    with translation.override("en"):
        response = client.get("/features/export/", HTTP_ACCEPT_LANGUAGE="en")
    sheet = testing.active_sheet(response.content)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(index for index, row in enumerate(values) if row[0] == "Customer code")
    assert values[header + 1][:4] == ["C001", "玄武食杂店", "Residential area", "Mostly regular customers"]
    assert values[header + 2][:3] == ["C002", "长江便利店", None]


def test_the_api_answers_the_history(client, features, customer_manager):
    testing.login(client, customer_manager)
    answer = client.get("/api/v1/features/", {"customer": "C001"}).json()
    assert answer["customer"] == "C001"
    assert answer["current"] == {
        "customer": "C001",
        "version": 1,
        "valid_from": "2026-12-01",
        "entered_by": "CM1",
        "rim_type": "residential",
        "consumer_group": "regular",
        "consumption_level": "medium",
        "opens": "07:30",
        "closes": "22:00",
        "is_night_shop": False,
        "is_chain": False,
        "area_m2": 40,
        "competitors": 3,
        "price_class": 3,
        "note": "小区门口",
    }
    assert len(answer["history"]) == 1
    listed = client.get("/api/v1/features/").json()
    assert [row["customer"] for row in listed["features"]] == ["C001"]
    assert listed["paging"]["count"] == 1


def test_the_customer_page_links_to_the_features(client, customers, customer_manager):
    testing.login(client, customer_manager)
    assert 'href="/features/C001/"' in client.get("/customers/C001/").content.decode()


def test_the_list_does_not_grow_with_its_customers(client, customers, customer_manager, django_assert_num_queries):
    # given C001 and C002 with features
    for customer in (customers["c1"], customers["c2"]):
        record_features(user=customer_manager.user, customer=customer, values=VALUES, version=None)
    testing.login(client, customer_manager)
    # when / then: session, user, staff, the count, the page of customers, their features
    with django_assert_num_queries(6):
        assert client.get("/features/").status_code == 200
