"""The visit pages: who reaches which (the role × view matrix), the form's round trip through the service, the day
page's figures, the list and its Excel copy, a visit's page and its request states."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from workbench import testing
from workbench.lib.stale import STALE_MESSAGE
from workbench.testing import rows
from workbench.visits.models import Visit, VisitMode, VisitRequest
from workbench.visits.tests.builders import committed_plan, make_visit

DAY = date(2026, 12, 1)  # a Tuesday
MONTH = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    settings.WORKBENCH_PRIVATE_MEDIA_ROOT = str(tmp_path / "private")


@pytest.fixture(autouse=True)
def the_day_after(time_machine):
    """The pages read the clock: it is the morning after DAY (Wednesday 2 December 2026)."""
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)


@pytest.fixture
def cm_day(customer_manager, customers):
    """CM1's committed December plan with C001 and C002 on DAY; C001 done by a field visit 09:00–09:30 with one
    request (supply, open)."""
    planned = committed_plan(customer_manager, MONTH, [(customers["c1"], DAY), (customers["c2"], DAY)])
    visit = make_visit(customer_manager, customers["c1"], DAY, "09:00", "09:30", planned=planned["C001"])
    VisitRequest.objects.create(visit=visit, kind="supply", text="想多要几条", state="open")
    return {"planned": planned, "visit": visit}


def day_url(**query) -> str:
    return reverse("visits:day") + "?" + "&".join(f"{k}={v}" for k, v in {"date": DAY.isoformat(), **query}.items())


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
# Those who see CM1's visits: himself, his market manager, and those above (a leader, a brand manager, an admin).
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
# A visit is recorded, and its requests and photos changed, by the customer manager who made it only.
CM1_WRITES = {
    "customer_manager": 302,
    "colleague": 404,
    "market_manager": 403,
    "outsider": 404,
    "leader": 403,
    "brand_manager": 403,
    "admin_staff": 403,
    "anonymous": 302,
}

test_own_day_access = testing.view_matrix(lambda cm_day: day_url(), EVERY_STAFF_MEMBER)
test_cm1_day_access = testing.view_matrix(lambda cm_day: day_url(staff="CM1"), SEES_CM1)
test_form_access = testing.view_matrix(
    lambda customers: reverse("visits:visit_new") + f"?customer={customers['c1'].pk}",
    {
        "customer_manager": 200,
        "colleague": 404,  # not his customer
        "market_manager": 403,  # sees C001, records no visit
        "outsider": 404,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
)
test_customer_search_access = testing.view_matrix(
    reverse("visits:visit_new") + "?q=C00",
    {
        "customer_manager": 200,
        "colleague": 200,
        "market_manager": 403,
        "outsider": 200,
        "leader": 403,
        "brand_manager": 403,
        "admin_staff": 403,
        "anonymous": 302,
    },
)


def visit_post(customers) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "customer": str(customers["c2"].pk),
        "visited_on": DAY.isoformat(),
        "start_time": "10:00",
        "end_time": "10:12",
        "mode": "field",
        "purposes": ["order_guidance"],
    }


test_form_post_access = testing.view_matrix(
    lambda customers: reverse("visits:visit_new") + f"?customer={customers['c2'].pk}",
    CM1_WRITES,
    method="post",
    data=visit_post,
    snapshot=rows(Visit, VisitRequest),
)
test_list_access = testing.view_matrix(
    lambda cm_day: reverse("visits:visit_list") + "?month=2026-12", EVERY_STAFF_MEMBER
)
test_list_export_access = testing.view_matrix(
    lambda cm_day: reverse("visits:visit_list_export") + "?month=2026-12", EVERY_STAFF_MEMBER
)
test_detail_access = testing.view_matrix(
    lambda cm_day: reverse("visits:visit_detail", args=[cm_day["visit"].pk]), SEES_CM1
)
test_request_state_access = testing.view_matrix(
    lambda cm_day: reverse("visits:visit_request_state", args=[cm_day["visit"].pk, cm_day["visit"].requests.get().pk]),
    CM1_WRITES,
    method="post",
    data=lambda cm_day: {"state": "resolved", "version": cm_day["visit"].requests.get().version},
    snapshot=rows(VisitRequest),
)


def test_the_day_page_shows_counts_states_and_form_links(client, customer_manager, cm_day):
    # given CM1 on the day after DAY
    testing.login(client, customer_manager)

    # when he opens DAY
    response = client.get(day_url(), HTTP_ACCEPT_LANGUAGE="en")

    # then the figures: 1 of 2 done, C002 missed
    day = response.context["vday"]
    assert [(stop.customer.code, stop.state) for stop in day.stops] == [("C001", "done"), ("C002", "missed")]
    content = response.content.decode()
    assert '<dd class="visit-done-count">1<span class="of">/2</span></dd>' in content
    assert '<dd class="visit-missed-count">1</dd>' in content
    assert "0.5 of 5 h" in content
    # and the missed customer links to the form with its planned visit, the done one to its visit
    planned = cm_day["planned"]["C002"]
    form_link = f'data-visit-form href="/visits/new/?customer={planned.customer_id}&amp;planned={planned.pk}"'
    assert form_link in content
    assert f'href="/visits/{cm_day["visit"].pk}/"' in content


def test_the_market_manager_sees_the_day_without_form_links(client, market_manager, cm_day):
    # when MM1 opens CM1's day
    testing.login(client, market_manager)
    content = client.get(day_url(staff="CM1")).content.decode()

    # then he sees the figures but no link to record a visit, nor the search
    assert '<dd class="visit-done-count">1<span class="of">/2</span></dd>' in content
    assert "data-visit-form" not in content
    assert "visit-search-q" not in content


def test_the_form_starts_fresh(client, customer_manager, cm_day):
    # when CM1 opens the form of C002's planned visit
    testing.login(client, customer_manager)
    planned = cm_day["planned"]["C002"]
    response = client.get(reverse("visits:visit_new") + f"?customer={planned.customer_id}&planned={planned.pk}")

    # then it carries a fresh client id, today, an in-person visit, the outbox's attributes
    values = response.context["values"]
    assert uuid.UUID(values["client_id"]).version == 4
    assert values["mode"] == "field"
    assert response.context["planned"] == planned
    content = response.content.decode()
    assert 'data-outbox="visit"' in content
    assert 'data-done-url="/visits/"' in content
    assert 'name="mode" value="field" checked' in content
    assert content.count('name="request_text"') == 4  # three rows and the template's


def test_the_form_records_a_visit_and_goes_back_to_the_day(client, customer_manager, cm_day, customers):
    # given CM1 on the form of C002
    testing.login(client, customer_manager)
    data = {
        **visit_post(customers),
        "purposes": ["order_guidance", "display"],
        "business": "生意平稳",
        "satisfaction": "5",
        "request_kind": ["price", "supply", "other"],
        "request_text": ["价格偏高", "", ""],
        "request_state": ["open", "open", "open"],
    }

    # when he saves it
    response = client.post(reverse("visits:visit_new") + f"?customer={customers['c2'].pk}", data)

    # then it is recorded with its request, ticking C002's planned visit, and he is back on the visit's day
    assert response.status_code == 302
    assert response.url == "/visits/?date=2026-12-01"
    visit = Visit.objects.get(client_id=data["client_id"])
    assert (visit.customer, visit.planned_visit, visit.purposes, visit.satisfaction, visit.business) == (
        customers["c2"],
        cm_day["planned"]["C002"],
        ["order_guidance", "display"],
        5,
        "生意平稳",
    )
    assert list(visit.requests.values_list("kind", "text", "state")) == [("price", "价格偏高", "open")]
    # and the day shows both planned visits done
    day = client.get(response.url).context["vday"]
    assert (day.done, day.missed) == (2, 0)

    # when the same form is sent again (a double tap)
    again = client.post(reverse("visits:visit_new") + f"?customer={customers['c2'].pk}", data)

    # then nothing more is written
    assert again.status_code == 302
    assert Visit.objects.filter(customer=customers["c2"]).count() == 1


def test_a_refused_visit_keeps_what_was_typed_and_names_the_field(client, customer_manager, customers):
    # given CM1 typing an end before the start, a text and a request
    testing.login(client, customer_manager)
    data = {
        **visit_post(customers),
        "start_time": "10:30",
        "end_time": "10:00",
        "next_action": "下周再来",
        "impressions": "客户很忙",
        "request_kind": ["complaint"],
        "request_text": ["送货太晚"],
        "request_state": ["following"],
    }

    # when he saves
    response = client.post(reverse("visits:visit_new") + f"?customer={customers['c2'].pk}", data)

    # then the form comes back (200) with the end time's error beside its field, and what he typed
    assert response.status_code == 200
    assert Visit.objects.count() == 0
    assert "end_time" in response.context["errors"]
    content = response.content.decode()
    assert 'class="field has-error">\n      <label for="visit-end">' in content
    assert 'value="10:30"' in content
    assert 'value="10:00"' in content
    assert "下周再来</textarea>" in content
    assert "客户很忙</textarea>" in content
    assert 'value="送货太晚"' in content
    assert '<option value="complaint" selected>' in content
    assert '<option value="following" selected>' in content
    assert f'name="client_id" value="{data["client_id"]}"' in content


def test_the_customer_search_finds_his_customers_only(client, customer_manager, customers):
    # when CM1 searches "C00"
    testing.login(client, customer_manager)
    response = client.get(reverse("visits:visit_new") + "?q=C00")

    # then he finds C001 and C002 (C003 and C004 are others'), each opening the form
    assert [customer.code for customer in response.context["found"]] == ["C001", "C002"]
    assert f'href="/visits/new/?customer={customers["c1"].pk}"' in response.content.decode()


def test_the_list_and_its_filters(client, market_manager, customer_manager, colleague, customers, cm_day):
    # given a phone visit of CM2 to C003 and a second visit of CM1 in November
    make_visit(colleague, customers["c3"], DAY, "11:00", "11:05", mode=VisitMode.PHONE)
    make_visit(customer_manager, customers["c2"], date(2026, 11, 30), "11:00", "11:05")
    testing.login(client, market_manager)
    url = reverse("visits:visit_list")

    # then December lists both of December, newest first; the filters narrow it
    def codes(**query):
        response = client.get(url, {"month": "2026-12", **query})
        return [(visit.staff.code, visit.customer.code) for visit in response.context["page"].object_list]

    assert codes() == [("CM2", "C003"), ("CM1", "C001")]
    assert codes(staff="CM1") == [("CM1", "C001")]
    assert codes(customer="C003") == [("CM2", "C003")]
    assert codes(mode="phone") == [("CM2", "C003")]
    assert codes(mode="nonsense") == []
    assert codes(month="2026-11") == [("CM1", "C002")]


def test_the_list_export_has_every_column(client, customer_manager, cm_day):
    # given CM1's visit with a stamp far from the shop
    visit = cm_day["visit"]
    Visit.objects.filter(pk=visit.pk).update(distance_m=512.4, is_far=True, satisfaction=4)
    testing.login(client, customer_manager)

    # when he downloads December's visits
    response = client.get(reverse("visits:visit_list_export"), {"month": "2026-12"}, HTTP_ACCEPT_LANGUAGE="en")

    # then one row with its requests counted, the distance and the far flag
    sheet = testing.active_sheet(response.content)
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = next(row for row in values if row and row[0] == "Date")
    data = values[values.index(header) + 1]
    row = dict(zip(header, data, strict=True))
    assert row["Customer code"] == "C001"
    assert row["Minutes"] == 30
    assert row["Requests"] == 1
    assert row["Satisfaction"] == 4
    assert row["Distance to the shop (m)"] == 512
    assert row["Far from the shop"] == "far"
    assert row["Planned"] == "yes"


def test_the_request_state_is_stale_guarded(client, customer_manager, cm_day):
    # given CM1's page loaded with the request as it was
    testing.login(client, customer_manager)
    visit_request = cm_day["visit"].requests.get()
    seen = visit_request.version
    url = reverse("visits:visit_request_state", args=[cm_day["visit"].pk, visit_request.pk])

    # when he sets it to following
    client.post(url, {"state": "following", "version": seen}, follow=True)

    # then it is following
    visit_request.refresh_from_db()
    assert visit_request.state == "following"

    # when an older page (the same `seen`) sets it to resolved
    response = client.post(url, {"state": "resolved", "version": seen}, follow=True, HTTP_ACCEPT_LANGUAGE="en")

    # then nothing is written and he is told
    visit_request.refresh_from_db()
    assert visit_request.state == "following"
    assert [str(message) for message in response.context["messages"]] == [str(STALE_MESSAGE)]


def test_a_customers_visit_records_span_every_month(client, customer_manager, customers, cm_day):
    # given a second visit to C001 in November
    make_visit(customer_manager, customers["c1"], date(2026, 11, 20), "11:00", "11:05")
    testing.login(client, customer_manager)

    # when he follows the customer page's link
    page = client.get(reverse("customers:customer_detail", args=["C001"])).content.decode()
    assert f'href="{reverse("visits:visit_list")}?customer=C001"' in page
    response = client.get(reverse("visits:visit_list"), {"customer": "C001"})

    # then both visits are listed, newest first
    assert [visit.visited_on for visit in response.context["page"].object_list] == [DAY, date(2026, 11, 20)]
    assert response.context["listing"].query == "month=all&customer=C001"


@pytest.mark.parametrize("shops", [2, 6])
def test_the_day_page_query_count(client, customer_manager, customers, django_assert_num_queries, shops):
    # given CM1's committed plan with `shops` shops on DAY, each visited once
    found = [testing.make_customer(f"C1{number:02d}", customer_manager) for number in range(shops)]
    planned = committed_plan(customer_manager, MONTH, [(customer, DAY) for customer in found])
    for customer in found:
        make_visit(customer_manager, customer, DAY, "09:00", "09:10", planned=planned[customer.code])
    testing.login(client, customer_manager)
    client.get(day_url())  # the session's first read

    # when he opens DAY
    # then the queries do not grow with the shops: session, user, staff, the customer managers he may pick, the
    # committed plan, its planned visits with their customers, the team's office (the route's start), the visits
    # ticking them, the day's visits
    with django_assert_num_queries(9):
        client.get(day_url())


@pytest.mark.parametrize("visits", [1, 5])
def test_the_list_page_query_count(
    client, market_manager, customer_manager, customers, django_assert_num_queries, visits
):
    # given `visits` visits of CM1 in December
    for _ in range(visits):
        make_visit(customer_manager, customers["c1"], DAY, "09:00", "09:10")
    testing.login(client, market_manager)
    client.get(reverse("visits:visit_list"))

    # when MM1 opens December's list
    # then the queries do not grow with the visits: session, user, staff, his org unit (the scope), the customer
    # managers he may pick, the count, the page's visits with their staff and customers and requests counted
    with django_assert_num_queries(7):
        client.get(reverse("visits:visit_list"), {"month": "2026-12"})
