"""品牌集设置's form: "添加匹配的规格" before the set has a name, and the "已选 N 个" count."""

from datetime import date

import pytest
from django.urls import reverse

from workbench import testing
from workbench.catalog.models import Brand, BrandSet


@pytest.fixture
def specs(db):
    make = testing.make_spec
    return {
        "S1": make("S1", "南京(红)", "南京", "80", launched_on=date(2020, 1, 1)),
        "S2": make("S2", "南京(炫赫门)", "南京", "120", launched_on=date(2026, 1, 10)),
        "S3": make("S3", "中华(硬)", "中华", "250"),
    }


def add_matching(client, **data):
    values = {"name": "", "description": "说明", "action": "add", "version": "1"}
    values.update(data)
    return client.post(reverse("catalog:brandset_create"), values)


def test_adding_matching_specs_without_a_name_adds_them_and_says_so_by_the_button(client, specs, customer_manager):
    # given CM1 on a new brand set, 中华 picked, no name yet
    client.force_login(customer_manager.user)

    # when he asks for every 南京 spec
    response = add_matching(client, specs=[specs["S3"].pk], brands=[Brand.objects.get(name="南京").pk])

    # then the page stays, the two 南京 specs are ticked beside 中华, what he typed is kept, nothing is saved
    assert response.status_code == 200
    assert response.context["selected_ids"] == {specs["S1"].pk, specs["S2"].pk, specs["S3"].pk}
    assert response.context["matched_count"] == 2
    assert response.context["name_missing"] is True
    assert list(response.context["form"].errors) == ["name"]
    page = response.content.decode()
    assert "匹配到 2 个规格，已全部选中。" in page
    assert '<a href="#id_name">保存前请填写品牌集名称：尚未保存。</a>' in page
    # the message sits right after the button that was pressed, not at the top of the page
    assert page.index("保存前请填写品牌集名称") > page.index('value="add"')
    assert "\n说明</textarea>" in page
    assert BrandSet.objects.count() == 0


def test_a_bad_criterion_is_said_and_adds_nothing(client, specs, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when
    response = add_matching(client, specs=[specs["S3"].pk], launched_within_months="0")

    # then
    assert response.context["selected_ids"] == {specs["S3"].pk}
    assert response.context["matched_count"] is None
    assert set(response.context["form"].errors) == {"name", "launched_within_months"}


def test_adding_with_a_name_keeps_the_form_clean(client, specs, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when
    response = add_matching(client, name="南京系列", brands=[Brand.objects.get(name="南京").pk])

    # then
    assert response.context["selected_ids"] == {specs["S1"].pk, specs["S2"].pk}
    assert response.context["name_missing"] is False
    assert not response.context["form"].errors
    assert 'value="南京系列"' in response.content.decode()


def test_the_count_is_in_a_span_the_script_updates(client, specs, customer_manager):
    # given
    client.force_login(customer_manager.user)

    # when
    response = add_matching(client, name="x", specs=[specs["S1"].pk, specs["S3"].pk])

    # then
    page = response.content.decode()
    assert '<legend data-picked-count="specs">规格（已选 <span class="picked-count">2</span> 个）</legend>' in page
    assert "js/picked-count.js" in page
