"""客户集设置 screens: the visibility matrix over the personas, and creating lists by picking, pasting and uploading."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from workbench import testing
from workbench.customers.models import CustomerSet, CustomerSetKind
from workbench.customers.services import create_customer_set


@pytest.fixture
def private_set(customers, customer_manager):
    """CM1's private list of his shop C001."""
    return create_customer_set(owner=customer_manager, name="我的重点户", members=[customers["c1"]])


@pytest.fixture
def published_set(customers, market_manager, org):
    """The market manager's rule "烟酒商店", published to his team T1."""
    return create_customer_set(
        owner=market_manager,
        name="团队烟酒店",
        kind=CustomerSetKind.RULE,
        rule={"rule_formats": ["Y"]},
        shared_with=org["team1"],
    )


# The role × view matrix, denied writes and the stale-edit guard are tested for every kind of set at once, in
# workbench/sets/tests/test_set_views.py; this file keeps what only this kind has.


def test_detail_shows_only_the_viewer_customers(client, customers, published_set, customer_manager, market_manager):
    # given a shop of the outsider that matches the rule too
    # when CM1 (who has no 烟酒商店) and the market manager (C003 of CM2) open the set
    testing.login(client, customer_manager)
    cm_page = client.get(reverse("customers:customerset_detail", args=[published_set.pk]))
    testing.login(client, market_manager)
    mm_page = client.get(reverse("customers:customerset_detail", args=[published_set.pk]))
    # then
    assert cm_page.context["customer_count"] == 0
    assert mm_page.context["customer_count"] == 1
    assert [c.code for c in mm_page.context["page"].object_list] == ["C003"]
    assert "C004" not in mm_page.text


def test_list_page_query_count_does_not_grow(
    client, customers, customer_manager, market_manager, org, django_assert_num_queries
):
    # given five sets of CM1 and five published by his market manager
    for number in range(5):
        create_customer_set(owner=customer_manager, name=f"mine {number}", members=[customers["c1"]])
        create_customer_set(
            owner=market_manager, name=f"team {number}", kind=CustomerSetKind.RULE, shared_with=org["team1"]
        )
    testing.login(client, customer_manager)
    # when / then: session, user, staff, org unit, my sets, the count and page of the others
    with django_assert_num_queries(7):
        response = client.get(reverse("customers:customerset_list"))
    assert len(response.context["mine"]) == 5
    assert len(response.context["others_page"].object_list) == 5


def test_detail_page_query_count_does_not_grow(client, customers, customer_manager, django_assert_num_queries):
    # given a list of both of CM1's shops
    customer_set = create_customer_set(owner=customer_manager, name="list", members=[customers["c1"], customers["c2"]])
    testing.login(client, customer_manager)
    # when / then: session, user, staff, the set, org unit, count and page of customers
    with django_assert_num_queries(7):
        response = client.get(reverse("customers:customerset_detail", args=[customer_set.pk]))
    assert response.context["customer_count"] == 2


# --- creating a fixed list ---------------------------------------------------------------------------------------


def post_list(client, **data):
    values = {"kind": "fixed", "name": "新名单", "description": "", "action": "save"}
    values.update(data)
    return client.post(reverse("customers:customerset_create"), values)


def test_create_list_by_pasting_codes(client, customers, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when
    response = post_list(client, codes="C002\nC001")
    # then
    customer_set = CustomerSet.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("customers:customerset_detail", args=[customer_set.pk])
    assert (customer_set.owner, customer_set.kind, customer_set.name) == (customer_manager, "fixed", "新名单")
    assert sorted(customer_set.members.values_list("code", flat=True)) == ["C001", "C002"]


def test_pasted_unknown_and_out_of_scope_codes_are_reported_and_nothing_saved(
    client, customers, customer_manager, settings
):
    # given CM1 reading English
    settings.LANGUAGE_CODE = "en"
    testing.login(client, customer_manager)
    # when
    response = post_list(client, codes="C001, C999\nC003, C004")
    # then
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == ["Unknown customer codes: C999", "Customers outside your scope: C003, C004"]
    assert CustomerSet.objects.count() == 0
    # and what he typed is still there
    assert 'value="新名单"' in response.text
    assert "C001, C999" in response.text


def csv_file(text: str, name: str = "codes.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "codes.xlsx") -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.worksheets[0]  # the one sheet a new workbook has
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def test_create_list_from_csv_with_chinese_header(client, customers, customer_manager):
    # given a CSV with a BOM and the Chinese header, among other columns
    testing.login(client, customer_manager)
    upload = csv_file("客户名称,客户编码\n玄武食杂店,C001\n长江便利店,C002\n")
    # when
    response = post_list(client, file=upload)
    # then
    assert response.status_code == 302
    assert sorted(CustomerSet.objects.get().members.values_list("code", flat=True)) == ["C001", "C002"]


def test_create_list_from_xlsx_with_english_header(client, customers, customer_manager):
    # given
    testing.login(client, customer_manager)
    upload = xlsx_file([[" Customer_Code ", "note"], ["C002", "x"], [None, "blank row"]])
    # when
    response = post_list(client, file=upload)
    # then
    assert response.status_code == 302
    assert list(CustomerSet.objects.get().members.values_list("code", flat=True)) == ["C002"]


def test_file_with_unknown_and_out_of_scope_codes_saves_nothing(client, customers, customer_manager, settings):
    # given CM1 reading English
    settings.LANGUAGE_CODE = "en"
    testing.login(client, customer_manager)
    upload = xlsx_file([["客户编码"], ["C001"], ["C404"], ["C004"]])
    # when
    response = post_list(client, file=upload)
    # then
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Unknown customer codes: C404",
        "Customers outside your scope: C004",
    ]
    assert CustomerSet.objects.count() == 0


def test_file_without_a_code_column_is_refused(client, customers, customer_manager, settings):
    settings.LANGUAGE_CODE = "en"
    testing.login(client, customer_manager)
    response = post_list(client, file=csv_file("name\nC001\n"))
    assert response.context["form"].errors["file"] == ["The file has no customer_code (客户编码) column."]
    assert CustomerSet.objects.count() == 0


def test_create_list_by_picking(client, customers, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when
    response = post_list(client, members=[customers["c2"].pk])
    # then
    assert response.status_code == 302
    assert list(CustomerSet.objects.get().members.values_list("code", flat=True)) == ["C002"]


def test_picking_a_customer_outside_scope_saves_nothing(client, customers, customer_manager):
    testing.login(client, customer_manager)
    response = post_list(client, members=[customers["c1"].pk, customers["c4"].pk])
    assert response.status_code == 200
    assert "members" in response.context["form"].errors
    assert CustomerSet.objects.count() == 0


def test_searching_the_picker_keeps_input_and_saves_nothing(client, customers, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when he has picked C001 and searches for 长江
    response = post_list(client, action="search", q="长江", members=[customers["c1"].pk], codes="C002")
    # then
    assert response.status_code == 200
    assert CustomerSet.objects.count() == 0
    assert [c.code for c in response.context["picker_page"].object_list] == ["C002"]
    assert response.context["selected_elsewhere"] == [customers["c1"].pk]
    assert 'value="新名单"' in response.text


def test_picker_lists_only_the_user_customers(client, customers, market_manager):
    testing.login(client, market_manager)
    response = client.get(reverse("customers:customerset_create") + "?kind=fixed")
    assert [c.code for c in response.context["picker_page"].object_list] == ["C001", "C002", "C003"]


def test_edit_list_removes_unchecked_and_adds_pasted(client, customers, customer_manager, private_set):
    # given CM1's list holds C001
    testing.login(client, customer_manager)
    # when he unchecks C001 and pastes C002
    response = client.post(
        reverse("customers:customerset_edit", args=[private_set.pk]),
        {"kind": "fixed", "version": "1", "name": "改名", "codes": "C002", "action": "save"},
    )
    # then
    assert response.status_code == 302
    private_set.refresh_from_db()
    assert private_set.name == "改名"
    assert list(private_set.members.values_list("code", flat=True)) == ["C002"]


def test_owner_deletes_after_confirming(client, customers, customer_manager, private_set):
    testing.login(client, customer_manager)
    confirm = client.get(reverse("customers:customerset_delete", args=[private_set.pk]))
    response = client.post(reverse("customers:customerset_delete", args=[private_set.pk]))
    assert confirm.status_code == 200
    assert response.status_code == 302
    assert CustomerSet.objects.count() == 0
    assert customers["c1"].__class__.objects.filter(code="C001").exists()


# --- creating a saved rule -----------------------------------------------------------------------------------------


def test_create_rule_and_publish_it_to_the_team(client, customers, market_manager, org):
    # given
    testing.login(client, market_manager)
    # when
    response = client.post(
        reverse("customers:customerset_create"),
        {
            "kind": "rule",
            "name": "城镇烟酒店20档以上",
            "shared_with": org["team1"].pk,
            "rule_formats": ["Y"],
            "rule_market_type": "C",
            "rule_grade_min": "20",
            "rule_class_codes": "cy1, CY2",
            "action": "save",
        },
    )
    # then
    customer_set = CustomerSet.objects.get()
    assert response.status_code == 302
    assert customer_set.kind == "rule"
    assert customer_set.shared_with == org["team1"]
    assert (customer_set.rule_formats, customer_set.rule_market_type, customer_set.rule_grade_min) == (["Y"], "C", 20)
    assert customer_set.rule_class_codes == ["CY1", "CY2"]
    assert customer_set.rule_grade_max is None


def test_customer_manager_cannot_publish(client, customers, customer_manager, org):
    # given
    testing.login(client, customer_manager)
    # when he forges the field the form does not offer him
    response = client.post(
        reverse("customers:customerset_create"),
        {"kind": "rule", "name": "x", "shared_with": org["team1"].pk, "action": "save"},
    )
    # then the set is saved private
    assert response.status_code == 302
    assert CustomerSet.objects.get().shared_with is None


def test_rule_preview_counts_and_saves_nothing(client, customers, market_manager):
    # given
    testing.login(client, market_manager)
    # when
    response = client.post(
        reverse("customers:customerset_create"),
        {"kind": "rule", "name": "preview", "rule_formats": ["Y", "B"], "action": "preview"},
    )
    # then
    assert response.status_code == 200
    assert response.context["preview_count"] == 2
    assert [c.code for c in response.context["preview"]] == ["C002", "C003"]
    assert CustomerSet.objects.count() == 0


def test_rule_form_errors_keep_input(client, customers, customer_manager):
    testing.login(client, customer_manager)
    response = client.post(
        reverse("customers:customerset_create"),
        {"kind": "rule", "name": "bad", "rule_grade_min": "25", "rule_grade_max": "20", "rule_class_codes": "CK1"},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"rule_grade_max", "rule_class_codes"}
    assert 'value="bad"' in response.text
    assert CustomerSet.objects.count() == 0


def test_edit_rule_changes_its_criteria(client, customers, published_set, market_manager, org):
    # given
    testing.login(client, market_manager)
    form_page = client.get(reverse("customers:customerset_edit", args=[published_set.pk]))
    # when
    response = client.post(
        reverse("customers:customerset_edit", args=[published_set.pk]),
        {
            "kind": "rule",
            "version": "1",
            "name": "团队便利店",
            "rule_formats": ["B"],
            "rule_grade_max": "15",
            "action": "save",
        },
    )
    # then
    assert form_page.context["form"].initial["rule_formats"] == ["Y"]
    assert response.status_code == 302
    published_set.refresh_from_db()
    assert (published_set.name, published_set.rule_formats, published_set.rule_grade_max) == ("团队便利店", ["B"], 15)
    assert published_set.shared_with is None  # he left "publish to" empty: the set is private again
    assert published_set.kind == "rule"


def test_edit_list_starts_with_its_members_picked(client, customers, customer_manager, private_set):
    testing.login(client, customer_manager)
    response = client.get(reverse("customers:customerset_edit", args=[private_set.pk]))
    assert response.context["selected_ids"] == {customers["c1"].pk}
    assert f'value="{customers["c1"].pk}" id="member-{customers["c1"].pk}" checked' in response.text


def test_picker_pages_keep_picks_from_other_pages(client, settings, customer_manager):
    # given 3 customers and pages of 2
    settings.PAGE_SIZE = 2
    shops = [testing.make_customer(f"P{number}", customer_manager) for number in range(1, 4)]
    testing.login(client, customer_manager)
    # when he picks P1 on page 1, turns to page 2, then saves with P3 picked there
    page_two = post_list(client, action="", picker_page="2", members=[shops[0].pk])
    saved = post_list(client, members=[shops[0].pk, shops[2].pk])
    # then
    assert [c.code for c in page_two.context["picker_page"].object_list] == ["P3"]
    assert page_two.context["selected_elsewhere"] == [shops[0].pk]
    assert f'<input type="hidden" name="members" value="{shops[0].pk}">' in page_two.text
    assert saved.status_code == 302
    assert sorted(CustomerSet.objects.get().members.values_list("code", flat=True)) == ["P1", "P3"]


def test_searching_the_picker_while_editing_keeps_the_loaded_version(client, customers, customer_manager, private_set):
    # given CM1 editing his list (loaded at version 1)
    testing.login(client, customer_manager)
    url = reverse("customers:customerset_edit", args=[private_set.pk])
    base = {"kind": "fixed", "version": "1", "name": "我的重点户", "members": [customers["c1"].pk]}
    # when he searches for 长江, then saves with C002 ticked too
    searched = client.post(url, {**base, "action": "", "q": "长江"})
    saved = client.post(url, {**base, "action": "save", "members": [customers["c1"].pk, customers["c2"].pk]})
    # then the search page carried version 1 on, and the save went through
    assert [c.code for c in searched.context["picker_page"].object_list] == ["C002"]
    assert '<input type="hidden" name="version" value="1"' in searched.text
    assert saved.status_code == 302
    private_set.refresh_from_db()
    assert (private_set.version, sorted(private_set.members.values_list("code", flat=True))) == (2, ["C001", "C002"])
