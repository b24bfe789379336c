"""品牌集 (brand sets): specs found by brand, 价类, manufacturer, 省内/省外 and launch date; visibility; services."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from workbench import testing
from workbench.accounts.models import Role
from workbench.catalog.models import Brand, BrandSet
from workbench.catalog.services import create_brand_set, update_brand_set
from workbench.catalog.sets import months_before, specs_matching

TODAY = date(2026, 3, 15)


@pytest.fixture
def specs(db):
    """Six specs with known brands, 价类 (from the transfer price), makers, provinces and launch dates."""
    make = testing.make_spec
    return {
        "S1": make(
            "S1", "南京(红)", "南京", "80", manufacturer="江苏中烟", is_in_province=True, launched_on=date(2020, 1, 1)
        ),
        "S2": make(
            "S2",
            "南京(炫赫门)",
            "南京",
            "120",
            manufacturer="江苏中烟",
            is_in_province=True,
            launched_on=date(2026, 1, 10),
        ),
        "S3": make(
            "S3",
            "七匹狼(软通泰)",
            "七匹狼",
            "75",
            manufacturer="福建中烟",
            is_in_province=False,
            launched_on=date(2025, 10, 1),
        ),
        "S4": make("S4", "中华(硬)", "中华", "250", manufacturer="上海烟草", is_in_province=False),
        "S5": make(
            "S5",
            "南京(老)",
            "南京",
            "80",
            manufacturer="江苏中烟",
            is_in_province=True,
            launched_on=date(2026, 2, 1),
            is_on_sale=False,
        ),
        "S6": make(
            "S6",
            "苏烟(软金砂)",
            "苏烟",
            "150",
            manufacturer="江苏中烟",
            is_in_province=True,
            launched_on=date(2025, 9, 15),
        ),
    }


def spec_codes(queryset) -> list[str]:
    return [spec.code for spec in queryset]


def test_price_classes_follow_the_transfer_price(specs):
    assert {code: spec.price_class for code, spec in specs.items()} == {
        "S1": 2, "S2": 1, "S3": 2, "S4": 1, "S5": 2, "S6": 1,
    }  # fmt: skip


@pytest.mark.parametrize(
    ("criteria", "expected"),
    [
        ({"brands": ["南京"]}, ["S1", "S2"]),  # S5 is no longer on sale
        ({"brands": ["南京"], "only_on_sale": False}, ["S1", "S2", "S5"]),
        ({"brands": ["南京", "七匹狼"]}, ["S1", "S2", "S3"]),
        ({"price_classes": [1]}, ["S2", "S4", "S6"]),
        ({"price_classes": [2]}, ["S1", "S3"]),
        ({"price_classes": [1], "is_in_province": False}, ["S4"]),
        ({"is_in_province": False}, ["S3", "S4"]),
        ({"is_in_province": True}, ["S1", "S2", "S6"]),
        ({"manufacturers": ["江苏中烟"]}, ["S1", "S2", "S6"]),
        ({"brands": ["南京"], "price_classes": [2]}, ["S1"]),
        ({"launched_within_months": 6}, ["S2", "S3", "S6"]),  # since 2025-09-15, inclusive
        ({"launched_within_months": 3}, ["S2"]),  # since 2025-12-15
        ({"launched_within_months": 3, "only_on_sale": False}, ["S2", "S5"]),
        ({}, ["S1", "S2", "S3", "S4", "S6"]),
    ],
)
def test_specs_matching_gives_exact_lists(specs, criteria, expected):
    # given brand names turned into Brand objects
    if "brands" in criteria:
        criteria = {**criteria, "brands": list(Brand.objects.filter(name__in=criteria["brands"]))}
    # when
    result = specs_matching(today=TODAY, **criteria)
    # then
    assert spec_codes(result) == expected


def test_spec_launched_after_today_is_not_a_new_launch(specs):
    testing.make_spec("S7", "南京(未来)", "南京", "80", launched_on=date(2026, 4, 1))
    assert spec_codes(specs_matching(launched_within_months=1, today=TODAY)) == []


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 3, 15), 6, date(2025, 9, 15)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 2, 29)),
        (date(2026, 1, 10), 12, date(2025, 1, 10)),
    ],
)
def test_months_before(day, months, expected):
    assert months_before(day, months) == expected


def test_spec_ids_are_the_set_specs_in_order(specs, customer_manager):
    # given
    brand_set = create_brand_set(owner=customer_manager, name="省外烟", specs=[specs["S4"], specs["S3"]])
    # when
    ids = brand_set.spec_ids()
    # then
    assert ids == sorted([specs["S3"].pk, specs["S4"].pk])


def test_a_set_keeps_its_specs_when_new_ones_arrive(specs, customer_manager):
    # given a set made from brand 南京
    nanjing = specs_matching(brands=[Brand.objects.get(name="南京")], today=TODAY)
    brand_set = create_brand_set(owner=customer_manager, name="南京", specs=nanjing)
    # when a new 南京 spec arrives
    testing.make_spec("S8", "南京(新)", "南京", "90")
    # then the set is unchanged
    assert brand_set.spec_ids() == sorted([specs["S1"].pk, specs["S2"].pk])


def test_update_replaces_specs(specs, customer_manager):
    brand_set = create_brand_set(owner=customer_manager, name="a", specs=[specs["S1"]])
    update_brand_set(brand_set=brand_set, version=brand_set.version, name="b", specs=[specs["S2"], specs["S6"]])
    brand_set.refresh_from_db()
    assert brand_set.name == "b"
    assert brand_set.spec_ids() == sorted([specs["S2"].pk, specs["S6"].pk])


@pytest.fixture
def brand_manager(org):
    """A brand manager of department D1: publishes to the whole department."""
    return testing.make_staff("BM1", Role.BRAND_MANAGER, org["department"], name="品牌经理")


@pytest.fixture
def sets(specs, customer_manager, market_manager, brand_manager, org):
    """A private set of CM1, one the market manager published to T1, one the brand manager published to D1."""
    return {
        "private": create_brand_set(owner=customer_manager, name="private", specs=[specs["S1"]]),
        "team": create_brand_set(owner=market_manager, name="team", shared_with=org["team1"], specs=[specs["S2"]]),
        "department": create_brand_set(
            owner=brand_manager, name="department", shared_with=org["department"], specs=[specs["S3"]]
        ),
    }


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("customer_manager", ["department", "private", "team"]),
        ("colleague", ["department", "team"]),
        ("market_manager", ["department", "team"]),
        ("outsider", ["department"]),  # team T2 is below D1, not below T1
        ("brand_manager", ["department"]),
        ("leader", []),  # published below him, not to his unit
        ("admin_staff", ["department", "private", "team"]),
    ],
)
def test_visible_to(request, sets, persona, expected):
    # given
    user = request.getfixturevalue(persona).user
    # when
    visible = BrandSet.objects.visible_to(user)
    # then
    assert sorted(visible.values_list("name", flat=True)) == expected


def test_nobody_without_staff_sees_sets(sets, django_user_model):
    user = django_user_model.objects.create_user(username="nobody", password="x")
    assert list(BrandSet.objects.visible_to(user)) == []


def test_customer_manager_cannot_publish(specs, customer_manager, org):
    with pytest.raises(ValidationError):
        create_brand_set(owner=customer_manager, name="x", shared_with=org["team1"])
    assert BrandSet.objects.count() == 0


def test_brand_manager_cannot_publish_above_his_unit(specs, brand_manager, org):
    with pytest.raises(ValidationError):
        create_brand_set(owner=brand_manager, name="x", shared_with=org["company"])
    assert BrandSet.objects.count() == 0
