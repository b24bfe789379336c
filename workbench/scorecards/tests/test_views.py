"""The scorecard pages against every persona (the list, its Excel copy, the entry page, a save), what each one sees,
and the entry form's errors and stale guard."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from workbench import testing
from workbench.lib.stale import STALE_MESSAGE
from workbench.scorecards.models import Scorecard, ScorecardScore
from workbench.scorecards.services import save_scorecard, template_items
from workbench.scorecards.tests.conftest import WORKED_EXAMPLE, form_data, scores_of
from workbench.testing import rows, view_matrix

pytestmark = pytest.mark.django_db

LIST = "/scorecards/?month=2026-11"
EXPORT = "/scorecards/export/?month=2026-11"
ENTRY = "/scorecards/C001/2026-11/"
QUERIES = 11  # the login's, the scope's, and a fixed few for the page: none a row


@pytest.fixture
def october(template, customer_manager, customers):
    """C001's October scorecard: the worked example but 经营稳定 0 (76 points, 3 stars)."""
    return save_scorecard(
        user=customer_manager.user,
        customer=customers["c1"],
        month=date(2026, 10, 1),
        scores=scores_of(template, {**WORKED_EXAMPLE, "经营稳定": 0}),
        version=None,
    )


EVERY_STAFF_MEMBER = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
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
SCORES_C001 = {
    "customer_manager": 302,  # his own customer: saved, back to the list
    "colleague": 404,
    "market_manager": 403,  # sees it, does not score it
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}

test_list_access = view_matrix(lambda customers, template: LIST, EVERY_STAFF_MEMBER)
test_export_access = view_matrix(lambda customers, template: EXPORT, EVERY_STAFF_MEMBER)
test_entry_page_access = view_matrix(lambda customers, template: ENTRY, SEES_C001)
test_current_month_link_access = view_matrix(
    lambda customers, template: "/scorecards/C001/",
    {**SEES_C001, **{name: 302 for name, status in SEES_C001.items() if status == 200}},
)
test_save_access = view_matrix(
    lambda customers, template: ENTRY,
    SCORES_C001,
    method="post",
    data=lambda template: form_data(template, WORKED_EXAMPLE),
    snapshot=rows(Scorecard, ScorecardScore),
)
test_save_over_an_existing_scorecard_access = view_matrix(
    lambda october: "/scorecards/C001/2026-10/",
    SCORES_C001,
    method="post",
    data=lambda template: form_data(template, WORKED_EXAMPLE, version=1),
    snapshot=rows(Scorecard, ScorecardScore),
)


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
def test_each_persona_lists_the_customers_of_his_scope(client, request, persona, customers, october, template):
    # given C001 scored in October (76) and November (81), nothing else scored
    save_scorecard(
        user=request.getfixturevalue("customer_manager").user,
        customer=customers["c1"],
        month=date(2026, 11, 1),
        scores=scores_of(template, WORKED_EXAMPLE),
        version=None,
    )
    testing.login_as(client, request, persona)
    # when the November list is opened
    page = client.get(LIST)
    # then each persona sees the customers of his scope, C001 with 81 (4 stars) and last month's 76 beside
    shown = [
        (row.customer.code, row.scorecard.total if row.scorecard else None, row.last_total)
        for row in page.context["rows"]
    ]
    c1 = ("C001", 81, 76)
    expected = {
        "customer_manager": ([c1, ("C002", None, None)], 1),
        "colleague": ([("C003", None, None)], 1),
        "market_manager": ([c1, ("C002", None, None), ("C003", None, None)], 2),
        "outsider": ([("C004", None, None)], 1),
        "leader": ([c1, ("C002", None, None), ("C003", None, None), ("C004", None, None)], 3),
        "brand_manager": ([c1, ("C002", None, None), ("C003", None, None), ("C004", None, None)], 3),
        "admin_staff": ([c1, ("C002", None, None), ("C003", None, None), ("C004", None, None)], 3),
    }[persona]
    assert (shown, page.context["not_scored"]) == expected


def test_the_market_manager_picks_one_of_his_managers(client, market_manager, customers, template):
    # given MM1, who leads CM1 and CM2
    testing.login(client, market_manager)
    # when he picks CM2
    page = client.get("/scorecards/", {"month": "2026-11", "scope": "CM2"})
    # then only CM2's customer is listed; an outsider's code is not offered (the filter's error, no rows)
    assert [row.customer.code for row in page.context["rows"]] == ["C003"]
    outside = client.get("/scorecards/", {"month": "2026-11", "scope": "CM3"})
    assert outside.status_code == 400
    assert list(outside.context["form"].errors) == ["scope"]
    assert "rows" not in outside.context


def test_a_bad_month_is_shown_as_the_filters_error(client, customer_manager, customers):
    testing.login(client, customer_manager)
    page = client.get("/scorecards/", {"month": "2026-13"})
    assert page.status_code == 400
    assert page.context["form"].errors == {"month": ["“2026-13” is not a month (use YYYY-MM)."]}


def test_the_export_has_every_customer_of_the_scope(client, customer_manager, october):
    # given CM1's October list
    testing.login(client, customer_manager)
    # when exported
    response = client.get("/scorecards/export/?month=2026-10")
    # then it is a workbook of his two customers
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet is not None
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = values.index(["Customer code", "Shop name", "Customer manager", "Total", "Maximum points", "Stars",
                           "Last month's total", "Template version", "Scored by", "Updated at"])  # fmt: skip
    data = [row[:8] for row in values[header + 1 :]]
    assert data == [
        ["C001", "玄武食杂店", "张伟 (CM1)", 76, 100, 3, None, 1],
        ["C002", "长江便利店", "张伟 (CM1)", None, None, None, None, None],
    ]


def test_the_entry_page_groups_items_and_shows_last_month(client, customer_manager, october, template):
    # given C001's October scorecard
    testing.login(client, customer_manager)
    # when November's entry page is opened
    page = client.get(ENTRY)
    # then the six dimensions are there, each item with October's score beside it, and the form is editable
    groups = page.context["groups"]
    assert [group["dimension"].name for group in groups] == [
        "诚信守法 / 规范经营", "经营能力", "终端形象 / 陈列", "配合度 / 客我互动", "品牌培育配合", "信息化",
    ]  # fmt: skip
    assert [(row["item"].name, row["last"]) for row in groups[1]["items"]] == [
        ("月购烟总量", 12),
        ("一类占比", 6),
        ("月进货均价", 11),
        ("经营稳定", 0),
    ]
    assert page.context["editable"] is True
    assert page.context["maximum"] == 100
    html = page.content.decode()
    assert 'data-bands="90,80,70,60"' in html
    assert 'max="15"' in html


def test_the_market_manager_sees_the_scorecard_read_only(client, market_manager, october):
    testing.login(client, market_manager)
    page = client.get("/scorecards/C001/2026-10/")
    assert page.context["editable"] is False
    assert page.context["form"][f"score_{template_items(october.template)[0].pk}"].value() == 9
    assert "Save</button>" not in page.content.decode()
    assert b"disabled" in page.content


def test_a_refused_form_keeps_what_was_typed_with_an_error_per_item(client, customer_manager, customers, template):
    # given CM1 types 16 for 月购烟总量 (at most 15) and "x" for 一类占比
    testing.login(client, customer_manager)
    data = form_data(template, {**WORKED_EXAMPLE, "月购烟总量": 16})
    items = {item.name: item.pk for item in template_items(template)}
    data[f"score_{items['一类占比']}"] = "x"
    data[f"comment_{items['明码标价']}"] = "价签齐全"
    # when he saves
    page = client.post(ENTRY, data)
    # then the page comes back with each error on its own item, his input kept, nothing written
    assert page.status_code == 200
    form = page.context["form"]
    assert form.errors == {
        f"score_{items['月购烟总量']}": ["“月购烟总量”: at most 15 points."],
        f"score_{items['一类占比']}": ["“一类占比”: enter a whole number."],
    }
    assert form[f"score_{items['月购烟总量']}"].value() == "16"
    assert form[f"comment_{items['明码标价']}"].value() == "价签齐全"
    assert Scorecard.objects.count() == 0


def test_a_save_writes_the_total_and_stars(client, customer_manager, customers, template):
    testing.login(client, customer_manager)
    response = client.post(ENTRY, form_data(template, WORKED_EXAMPLE))
    assert response.status_code == 302
    assert response.url == "/scorecards/?month=2026-11"
    card = Scorecard.objects.get()
    assert (card.customer.code, card.month, card.total, card.stars) == ("C001", date(2026, 11, 1), 81, 4)


def test_a_stale_form_is_refused_and_keeps_its_input(client, customer_manager, october, template):
    # given October's scorecard saved again since the page was loaded (now version 2)
    testing.login(client, customer_manager)
    assert client.post("/scorecards/C001/2026-10/", form_data(template, WORKED_EXAMPLE, version=1)).status_code == 302
    # when the page loaded at version 1 saves
    page = client.post("/scorecards/C001/2026-10/", form_data(template, {**WORKED_EXAMPLE, "配合度": 1}, version=1))
    # then it is refused with the stale message, the typed values kept, the newer save standing
    assert page.status_code == 200
    assert page.context["form"].non_field_errors() == [str(STALE_MESSAGE)]
    items = {item.name: item.pk for item in template_items(template)}
    assert page.context["form"][f"score_{items['配合度']}"].value() == "1"
    card = Scorecard.objects.get()
    assert (card.total, card.version) == (81, 2)


def test_the_customer_page_links_to_the_scorecard(client, customer_manager, customers):
    testing.login(client, customer_manager)
    page = client.get("/customers/C001/")
    assert b'href="/scorecards/C001/"' in page.content


@pytest.mark.parametrize("extra", [0, 6])
def test_the_list_reads_a_page_in_a_fixed_number_of_queries(
    client, customer_manager, october, template, django_assert_num_queries, extra
):
    # given CM1's two customers, and six more scored in October and November
    for number in range(extra):
        customer = testing.make_customer(f"C1{number:02}", customer_manager)
        for month in (date(2026, 10, 1), date(2026, 11, 1)):
            save_scorecard(
                user=customer_manager.user,
                customer=customer,
                month=month,
                scores=scores_of(template, WORKED_EXAMPLE),
                version=None,
            )
    testing.login(client, customer_manager)
    # when the November list is opened / then the same queries, whatever the number of rows
    with django_assert_num_queries(QUERIES):
        page = client.get(LIST)
    assert len(page.context["rows"]) == 2 + extra


def test_the_list_opens_on_this_month(client, customer_manager, customers, time_machine):
    # given today is 2 December 2026 (Beijing)
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)
    testing.login(client, customer_manager)
    # when the list is opened without a month / then it is December's, picked in the filter
    page = client.get("/scorecards/")
    assert (page.context["month"], page.context["form"]["month"].value()) == (date(2026, 12, 1), "2026-12")
    # (no link to January: a month not begun is not scored yet)
    assert (page.context["previous_key"], page.context["next_key"]) == ("2026-11", None)
    # and the customer page's link opens December's scorecard
    assert client.get("/scorecards/C001/").url == "/scorecards/C001/2026-12/"
