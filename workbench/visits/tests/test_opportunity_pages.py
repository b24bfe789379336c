"""市场机会录入: entering an opportunity in the field, the list and its export, the follow-up (status flow, closing
date, stale guard), the API, and every page against every persona."""

import json
from datetime import date

import pytest
from django.utils import translation

from workbench import testing
from workbench.lib.stale import STALE_MESSAGE
from workbench.testing import rows, view_matrix
from workbench.visits.models import MarketOpportunity, OpportunityType

NEW_URL = "/opportunities/new/"
API_URL = "/api/v1/opportunities/"
ENTERED = {"area": "玄武区", "type": "new_shop", "description": "新开小区便利店", "found_on": "2026-12-01"}


@pytest.fixture(autouse=True)
def frozen_today(time_machine):
    time_machine.move_to("2026-12-01 10:00 +08:00", tick=False)


@pytest.fixture(autouse=True)
def english(client):
    """Every page and message in English (the new messages have no Chinese catalogue in the tests' checkout)."""
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def specs(db):
    return {"6901": testing.make_spec("6901", "南京(红)"), "6902": testing.make_spec("6902", "南京(炫赫门)")}


@pytest.fixture
def found(customers, customer_manager, specs):
    """An opportunity CM1 found at C001 on 20 November, pending."""
    opportunity = MarketOpportunity.objects.create(
        staff=customer_manager,
        customer=customers["c1"],
        type=OpportunityType.CONSTRUCTION_SITE,
        description="工地开工",
        found_on=date(2026, 11, 20),
        estimated_qty=30,
    )
    opportunity.related_specs.set([specs["6901"]])
    return opportunity


def detail_url(found) -> str:
    return f"/opportunities/{found.pk}/"


def follow_up_data(found, **fields) -> dict:
    return {
        "status": "following",
        "action": "",
        "result": "",
        "closed_on": "",
        "loaded_at": found.updated_at.isoformat(),
    } | fields


ENTERS = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 403,
    "outsider": 200,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}
ENTERS_POST = {**ENTERS, "customer_manager": 302, "colleague": 302, "outsider": 302}
EVERY_STAFF_MEMBER = {name: 200 for name in testing.STAFF_PERSONAS} | {"anonymous": 302}
SEES_CM1 = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
# Only the finder follows up; his market manager and those above only see it.
FOLLOWS_UP = {**SEES_CM1, "customer_manager": 302, "market_manager": 403, "leader": 403, "brand_manager": 403,
              "admin_staff": 403}  # fmt: skip
API_ENTERS = {**ENTERS, "customer_manager": 201, "colleague": 201, "outsider": 201, "anonymous": 401}

test_new_page_access = view_matrix(lambda found: NEW_URL, ENTERS)
test_new_save_access = view_matrix(
    lambda found: NEW_URL, ENTERS_POST, method="post", data=ENTERED, snapshot=rows(MarketOpportunity)
)
test_list_access = view_matrix(lambda found: "/opportunities/", EVERY_STAFF_MEMBER)
test_export_access = view_matrix(lambda found: "/opportunities/export/", EVERY_STAFF_MEMBER)
test_detail_access = view_matrix(detail_url, SEES_CM1)
test_follow_up_access = view_matrix(
    detail_url, FOLLOWS_UP, method="post", data=lambda found: follow_up_data(found), snapshot=rows(MarketOpportunity)
)
test_api_list_access = view_matrix(lambda found: API_URL, {**EVERY_STAFF_MEMBER, "anonymous": 401})
test_api_create_access = view_matrix(
    lambda found: API_URL, API_ENTERS, method="post", data=ENTERED, snapshot=rows(MarketOpportunity)
)
test_api_follow_up_access = view_matrix(
    lambda found: f"{API_URL}{found.pk}/follow-up",
    {**FOLLOWS_UP, "customer_manager": 200, "anonymous": 401},
    method="post",
    data=lambda found: follow_up_data(found),
    snapshot=rows(MarketOpportunity),
)


def test_an_opportunity_entered_in_the_field_is_saved_with_its_specs(client, customers, customer_manager, specs):
    # given
    testing.login(client, customer_manager)
    # when CM1 enters one at his customer C002 with two specs
    response = client.post(
        NEW_URL, {**ENTERED, "customer": "C002", "related_specs": ["6901", "6902"], "estimated_qty": "12"}
    )
    # then it is his, pending, and the page of it follows
    opportunity = MarketOpportunity.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/opportunities/{opportunity.pk}/"
    assert (opportunity.staff_id, opportunity.customer_id, opportunity.status, opportunity.found_on) == (
        customer_manager.pk,
        customers["c2"].pk,
        "pending",
        date(2026, 12, 1),
    )
    assert sorted(opportunity.related_specs.values_list("code", flat=True)) == ["6901", "6902"]
    assert opportunity.estimated_qty == 12


def test_the_form_offers_his_own_customers_and_today(client, customers, customer_manager, specs):
    testing.login(client, customer_manager)
    form = client.get(NEW_URL).context["form"]
    assert [choice[1] for choice in form.fields["customer"].choices] == [
        "---------",
        "玄武食杂店 (C001)",
        "长江便利店 (C002)",
    ]
    assert form["found_on"].value() == date(2026, 12, 1)


def test_a_customer_not_his_own_is_refused(client, customers, market_manager, colleague):
    # given CM2 (colleague), naming CM1's customer C001
    testing.login(client, colleague)
    # when
    response = client.post(NEW_URL, {**ENTERED, "customer": "C001"})
    # then the form names the field and nothing is saved
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["customer"]
    assert MarketOpportunity.objects.count() == 0


def test_validation_names_the_fields(client, customers, customer_manager):
    testing.login(client, customer_manager)
    response = client.post(NEW_URL, {"type": "meteor", "description": "", "estimated_qty": "-1", "found_on": ""})
    assert sorted(response.context["form"].errors) == ["description", "estimated_qty", "found_on", "type"]
    assert MarketOpportunity.objects.count() == 0


def test_the_follow_up_goes_from_pending_to_converted(client, found, customer_manager):
    testing.login(client, customer_manager)
    # when CM1 starts following it up
    response = client.post(detail_url(found), follow_up_data(found, action="上门拜访"))
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.status, found.action, found.closed_on) == ("following", "上门拜访", None)
    # when he closes it converted without a date: refused, naming the closing date
    response = client.post(detail_url(found), follow_up_data(found, status="converted"))
    assert response.status_code == 200
    assert response.context["form"].errors["closed_on"] == [
        "Give the date a converted or dropped opportunity was closed."
    ]
    # when the date is before it was found: refused
    response = client.post(detail_url(found), follow_up_data(found, status="converted", closed_on="2026-11-19"))
    assert response.context["form"].errors["closed_on"] == ["An opportunity cannot be closed before it was found."]
    # when converted on 28 November with a result: saved
    response = client.post(
        detail_url(found), follow_up_data(found, status="converted", closed_on="2026-11-28", result="新增3条/周")
    )
    assert response.status_code == 302
    found.refresh_from_db()
    assert (found.status, found.result, found.closed_on) == ("converted", "新增3条/周", date(2026, 11, 28))
    # then a converted opportunity stays closed: back to pending is refused
    response = client.post(detail_url(found), follow_up_data(found, status="pending", closed_on="2026-11-28"))
    assert list(response.context["form"].errors) == ["status"]
    found.refresh_from_db()
    assert found.status == "converted"


def test_an_open_opportunity_has_no_closing_date(client, found, customer_manager):
    testing.login(client, customer_manager)
    response = client.post(detail_url(found), follow_up_data(found, closed_on="2026-11-30"))
    assert response.context["form"].errors["closed_on"] == [
        "Only a converted or dropped opportunity has a closing date."
    ]
    found.refresh_from_db()
    assert found.closed_on is None


def test_a_stale_follow_up_is_refused(client, found, customer_manager):
    # given a form loaded, then the opportunity saved in another tab
    testing.login(client, customer_manager)
    loaded = follow_up_data(found, action="第一页")
    assert client.post(detail_url(found), follow_up_data(found, action="第二页")).status_code == 302
    # when the first form saves
    response = client.post(detail_url(found), loaded)
    # then it is refused and the other tab's save stands
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(STALE_MESSAGE)]
    found.refresh_from_db()
    assert found.action == "第二页"


def test_the_list_filters_by_status_and_type(client, found, customer_manager):
    testing.login(client, customer_manager)
    MarketOpportunity.objects.create(
        staff=customer_manager, type="event", description="展会", found_on=date(2026, 11, 25), status="following"
    )

    def listed(**query):
        return [item.description for item in client.get("/opportunities/", query).context["page"].object_list]

    assert listed() == ["展会", "工地开工"]
    assert listed(status="pending") == ["工地开工"]
    assert listed(type="event") == ["展会"]
    assert listed(status="converted") == []


def test_the_export_lists_the_opportunities(client, found, customer_manager):
    testing.login(client, customer_manager)
    response = client.get("/opportunities/export/", HTTP_ACCEPT_LANGUAGE="en")
    values = [[cell.value for cell in row] for row in testing.active_sheet(response.content).iter_rows()]
    header = next(index for index, row in enumerate(values) if row[0] == "Found on")
    assert values[header + 1][1:8] == [
        "张伟 (CM1)",
        "C001",
        "玄武食杂店",
        None,
        "Construction site",
        "工地开工",
        "南京(红)",
    ]
    assert len(values) == header + 2


def test_the_api_lists_and_enters(client, found, customer_manager, specs):
    testing.login(client, customer_manager)
    answer = client.get(API_URL, {"status": "pending"}).json()
    assert answer["opportunities"] == [
        {
            "id": found.pk,
            "found_on": "2026-11-20",
            "staff": "CM1",
            "customer": "C001",
            "area": "",
            "type": "construction_site",
            "description": "工地开工",
            "related_specs": ["6901"],
            "estimated_qty": 30,
            "status": "pending",
            "action": "",
            "result": "",
            "closed_on": None,
            "updated_at": found.updated_at.isoformat(),
        }
    ]
    assert answer["paging"] == {"page": 1, "page_size": 1000, "count": 1, "pages": 1}
    # when an opportunity is posted as JSON, without a date
    body = {"type": "event", "description": "庙会", "customer": None, "related_specs": ["6902"], "estimated_qty": 5}
    response = client.post(API_URL, json.dumps(body), content_type="application/json")
    # then it is entered today
    assert response.status_code == 201
    entered = response.json()["opportunity"]
    assert (entered["found_on"], entered["related_specs"], entered["staff"]) == ("2026-12-01", ["6902"], "CM1")
    # and a refused one names its field
    refused = client.post(API_URL, json.dumps({"type": "event", "description": "x", "customer": "C003"}),
                          content_type="application/json")  # fmt: skip
    assert refused.status_code == 400
    assert refused.json()["error"]["field"] == "customer"
    assert MarketOpportunity.objects.count() == 2
    assert client.get(API_URL, {"status": "nope"}).json()["error"]["field"] == "status"


def test_the_report_says_where_opportunities_come_from(client, customers, customer_manager, market_manager):
    # given no opportunity at all
    testing.login(client, customer_manager)
    page = client.get("/analysis/opportunity-analysis/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # then a customer manager is shown where they come from and where to enter one
    assert "Opportunities come from the field" in page
    assert 'href="/opportunities/new/"' in page
    # and his market manager reads the same, without the link
    testing.login(client, market_manager)
    page = client.get("/analysis/opportunity-analysis/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Opportunities come from the field" in page
    assert 'href="/opportunities/new/"' not in page


def test_the_list_does_not_grow_with_its_rows(client, found, customer_manager, django_assert_num_queries):
    # given a second opportunity of CM1
    MarketOpportunity.objects.create(
        staff=customer_manager, type="event", description="展会", found_on=date(2026, 11, 2)
    )
    testing.login(client, customer_manager)
    # when / then: session, user, staff, the count, the page with its finders and customers
    with django_assert_num_queries(5):
        assert client.get("/opportunities/").status_code == 200


def test_the_api_follows_up_with_the_stale_guard(client, found, customer_manager):
    testing.login(client, customer_manager)
    url = f"{API_URL}{found.pk}/follow-up"
    read = client.get(API_URL).json()["opportunities"][0]
    # when CM1 takes it up from the phone with the state he read
    body = {"status": "following", "action": "已联系施工方", "loaded_at": read["updated_at"]}
    answer = client.post(url, json.dumps(body), content_type="application/json")
    # then it is being followed, with a new state
    assert answer.status_code == 200
    followed = answer.json()["opportunity"]
    assert (followed["status"], followed["action"]) == ("following", "已联系施工方")
    assert followed["updated_at"] != read["updated_at"]
    # when the same body is sent again (read before that save): refused, nothing changes
    stale = client.post(url, json.dumps({**body, "action": "又一次"}), content_type="application/json")
    assert stale.status_code == 409
    # and going back to pending, or a number for a text, names the field
    back = {"status": "pending", "loaded_at": followed["updated_at"]}
    refused = client.post(url, json.dumps(back), content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert (refused.status_code, refused.json()["error"]["field"]) == (400, "status")
    wrong = client.post(url, json.dumps({"status": 1}), content_type="application/json")
    assert (wrong.status_code, wrong.json()["error"]["field"]) == (400, "status")
    found.refresh_from_db()
    assert (found.status, found.action) == ("following", "已联系施工方")
