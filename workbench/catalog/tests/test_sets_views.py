"""品牌集设置 screens: the visibility matrix over the personas, and building a set by picking and by criteria."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from workbench import testing
from workbench.catalog.models import Brand, BrandSet
from workbench.catalog.services import create_brand_set


@pytest.fixture
def specs(db):
    make = testing.make_spec
    return {
        "S1": make("S1", "南京(红)", "南京", "80", is_in_province=True, launched_on=date(2020, 1, 1)),
        "S2": make("S2", "南京(炫赫门)", "南京", "120", is_in_province=True, launched_on=date(2026, 1, 10)),
        "S3": make("S3", "七匹狼(软通泰)", "七匹狼", "75", is_in_province=False, launched_on=date(2025, 10, 1)),
        "S4": make("S4", "中华(硬)", "中华", "250", is_in_province=False),
    }


@pytest.fixture
def private_set(specs, customer_manager):
    """CM1's private set."""
    return create_brand_set(owner=customer_manager, name="我的品牌集", specs=[specs["S1"]])


@pytest.fixture
def published_set(specs, market_manager, org):
    """The market manager's set published to team T1."""
    return create_brand_set(owner=market_manager, name="团队品牌集", shared_with=org["team1"], specs=[specs["S3"]])


# The role × view matrix, denied writes and the stale-edit guard are tested for every kind of set at once, in
# workbench/sets/tests/test_set_views.py; this file keeps what only this kind has.


def test_list_page_query_count_does_not_grow(
    client, specs, customer_manager, market_manager, org, django_assert_num_queries
):
    # given five sets of each
    for number in range(5):
        create_brand_set(owner=customer_manager, name=f"mine {number}", specs=[specs["S1"], specs["S2"]])
        create_brand_set(owner=market_manager, name=f"team {number}", shared_with=org["team1"], specs=[specs["S3"]])
    testing.login(client, customer_manager)
    # when / then: session, user, staff, org unit, my sets, the count and page of the others
    with django_assert_num_queries(7):
        response = client.get(reverse("catalog:brandset_list"))
    assert [brand_set.spec_count for brand_set in response.context["mine"]] == [2] * 5


def test_detail_lists_the_specs(client, specs, customer_manager, django_assert_num_queries):
    brand_set = create_brand_set(owner=customer_manager, name="s", specs=[specs["S1"], specs["S3"], specs["S4"]])
    testing.login(client, customer_manager)
    # session, user, staff, his org unit, the set, count and page of specs
    with django_assert_num_queries(7):
        response = client.get(reverse("catalog:brandset_detail", args=[brand_set.pk]))
    assert response.context["spec_count"] == 3
    assert [spec.code for spec in response.context["page"].object_list] == ["S1", "S3", "S4"]


def post_set(client, url=None, **data):
    # version 1: the version a set has from its creation (the stale-edit guard, lib.stale); create ignores it.
    values = {"name": "新品牌集", "description": "", "action": "save", "version": "1"}
    values.update(data)
    return client.post(url or reverse("catalog:brandset_create"), values)


def test_create_by_picking(client, specs, customer_manager):
    testing.login(client, customer_manager)
    response = post_set(client, specs=[specs["S2"].pk, specs["S4"].pk])
    brand_set = BrandSet.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("catalog:brandset_detail", args=[brand_set.pk])
    assert (brand_set.owner, brand_set.name) == (customer_manager, "新品牌集")
    assert brand_set.spec_ids() == sorted([specs["S2"].pk, specs["S4"].pk])


def test_create_by_brand_and_out_of_province(client, specs, customer_manager):
    # given
    testing.login(client, customer_manager)
    nanjing = Brand.objects.get(name="南京")
    # when: picked 中华 plus every 南京 spec; then a set of every 省外 spec
    by_brand = post_set(client, name="南京+中华", specs=[specs["S4"].pk], brands=[nanjing.pk])
    by_province = post_set(client, name="省外烟", province="out")
    # then
    assert by_brand.status_code == by_province.status_code == 302
    assert BrandSet.objects.get(name="南京+中华").spec_ids() == sorted([specs["S1"].pk, specs["S2"].pk, specs["S4"].pk])
    assert BrandSet.objects.get(name="省外烟").spec_ids() == sorted([specs["S3"].pk, specs["S4"].pk])


@time_machine.travel(date(2026, 3, 15), tick=False)
def test_add_new_launches_ticks_them_without_saving(client, specs, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when he asks for specs launched in the last 3 months, then 6 months, with 中华 already picked
    three = post_set(client, action="add", launched_within_months="3", specs=[specs["S4"].pk])
    six = post_set(client, action="add", launched_within_months="6")
    # then they are ticked, and nothing is saved yet
    assert three.context["selected_ids"] == {specs["S2"].pk, specs["S4"].pk}
    assert three.context["matched_count"] == 1
    assert six.context["selected_ids"] == {specs["S2"].pk, specs["S3"].pk}
    assert 'value="新品牌集"' in six.text
    assert BrandSet.objects.count() == 0


def test_price_class_criterion(client, specs, customer_manager):
    testing.login(client, customer_manager)
    post_set(client, price_classes=["1"])
    assert BrandSet.objects.get().spec_ids() == sorted([specs["S2"].pk, specs["S4"].pk])


def test_errors_keep_input_and_save_nothing(client, specs, customer_manager):
    testing.login(client, customer_manager)
    response = post_set(client, name="", description="说明", specs=[specs["S1"].pk], launched_within_months="0")
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "launched_within_months"}
    assert "说明" in response.text
    assert response.context["selected_ids"] == {specs["S1"].pk}
    assert BrandSet.objects.count() == 0


def test_brand_manager_publishes_to_his_unit(client, specs, org):
    # given
    from workbench.accounts.models import Role

    brand_manager = testing.make_staff("BM1", Role.BRAND_MANAGER, org["department"])
    testing.login(client, brand_manager)
    # when
    response = post_set(client, shared_with=org["department"].pk, specs=[specs["S1"].pk])
    refused = post_set(client, name="above", shared_with=org["company"].pk)
    # then
    assert response.status_code == 302
    assert BrandSet.objects.get(name="新品牌集").shared_with == org["department"]
    assert "shared_with" in refused.context["form"].errors
    assert not BrandSet.objects.filter(name="above").exists()


def test_owner_edits_and_deletes(client, specs, customer_manager, private_set):
    testing.login(client, customer_manager)
    edit = post_set(
        client, reverse("catalog:brandset_edit", args=[private_set.pk]), name="改名", specs=[specs["S2"].pk]
    )
    private_set.refresh_from_db()
    assert edit.status_code == 302
    assert (private_set.name, private_set.spec_ids()) == ("改名", [specs["S2"].pk])
    delete = client.post(reverse("catalog:brandset_delete", args=[private_set.pk]))
    assert delete.status_code == 302
    assert BrandSet.objects.count() == 0


def test_adding_matching_specs_while_editing_keeps_the_loaded_version(client, specs, customer_manager, private_set):
    # given CM1 editing his set (loaded at version 1)
    testing.login(client, customer_manager)
    url = reverse("catalog:brandset_edit", args=[private_set.pk])
    # when he adds the 中华 specs by brand, then saves what is ticked
    added = post_set(client, url, action="add", name="我的品牌集", brands=[specs["S4"].brand.pk])
    saved = post_set(
        client,
        url,
        name="我的品牌集",
        version=added.context["form"]["version"].value(),
        specs=[specs["S1"].pk, specs["S4"].pk],
    )
    # then the added page carried version 1 on, and the save went through
    assert '<input type="hidden" name="version" value="1"' in added.text
    assert saved.status_code == 302
    private_set.refresh_from_db()
    assert (private_set.version, private_set.spec_ids()) == (2, [specs["S1"].pk, specs["S4"].pk])
