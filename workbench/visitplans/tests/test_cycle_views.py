"""The visit cycle override page against every persona, and its writes (stale guard, removal, bad input)."""

import pytest

from workbench import testing
from workbench.lib.stale import STALE_MESSAGE
from workbench.testing import rows, view_matrix
from workbench.visitplans.models import CustomerCycle

URL = "/visit-cycles/C1/"


@pytest.fixture
def shop(customer_manager):
    """CM1's customer C1, on the default cycle (no override, no customers.csv value)."""
    return testing.make_customer("C1", customer_manager)


SEES_THE_CUSTOMER = {
    "customer_manager": 200,
    "colleague": 404,
    "market_manager": 200,
    "outsider": 404,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}
CHANGES_IT = {**SEES_THE_CUSTOMER, **{name: 302 for name, status in SEES_THE_CUSTOMER.items() if status == 200}}

test_cycle_page_access = view_matrix(lambda shop: URL, SEES_THE_CUSTOMER)
test_cycle_save_access = view_matrix(
    lambda shop: URL, CHANGES_IT, method="post", data={"days": "7"}, snapshot=rows(CustomerCycle)
)


def test_the_page_shows_the_cycle_in_effect_and_saves_an_override(client, shop, customer_manager):
    # given
    testing.login(client, customer_manager)
    # when the page is opened
    page = client.get(URL)
    # then it shows the default of 14 days
    assert page.status_code == 200
    assert page.context["cycle"] == 14
    # when an override of 7 days is saved
    response = client.post(URL, {"days": "7"})
    # then
    assert response.status_code == 302
    override = CustomerCycle.objects.get()
    assert (override.customer_id, override.days, override.set_by_id, override.version) == (
        shop.pk,
        7,
        customer_manager.pk,
        1,
    )
    assert client.get(URL).context["cycle"] == 7


def test_a_stale_form_is_refused_and_keeps_its_input(client, shop, customer_manager):
    # given an override at version 2 (saved twice)
    override = CustomerCycle.objects.create(customer=shop, days=10)
    CustomerCycle.objects.filter(pk=override.pk).update(version=2)
    testing.login(client, customer_manager)
    # when a form loaded at version 1 saves 5 days
    response = client.post(URL, {"days": "5", "version": "1"})
    # then nothing is saved, the form keeps 5 and says why
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [str(STALE_MESSAGE)]
    assert response.context["form"]["days"].value() == "5"
    assert CustomerCycle.objects.values_list("days", "version").get() == (10, 2)


def test_a_cycle_outside_one_to_92_days_is_refused(client, shop, customer_manager):
    testing.login(client, customer_manager)
    response = client.post(URL, {"days": "93"})
    assert response.status_code == 200
    assert response.context["form"].errors["days"] == ["确保该值小于或等于92。"]
    assert CustomerCycle.objects.count() == 0


def test_an_empty_cycle_removes_the_override(client, shop, customer_manager):
    # given an override at version 1
    CustomerCycle.objects.create(customer=shop, days=10)
    testing.login(client, customer_manager)
    # when the field is emptied
    response = client.post(URL, {"days": "", "version": "1"})
    # then the default rules decide again
    assert response.status_code == 302
    assert CustomerCycle.objects.count() == 0
    assert client.get(URL).context["cycle"] == 14


# The session and the user, the count and the page of customers, the rules and the cycles (whatever the rows).
QUERIES = 7
EVERY_STAFF_MEMBER = {name: 200 for name in SEES_THE_CUSTOMER} | {"anonymous": 302}
test_cycle_list_access = view_matrix("/visit-cycles/", EVERY_STAFF_MEMBER)


def test_the_list_shows_my_customers_with_their_cycles(
    client, shop, customer_manager, colleague, django_assert_num_queries
):
    # given C1 on the default, C2 from customers.csv, C3 with an override, and a colleague's customer
    testing.make_customer("C2", customer_manager, visit_cycle_days=21, route="R1", order_weekday=3)
    overridden = testing.make_customer("C3", customer_manager, visit_cycle_days=21)
    CustomerCycle.objects.create(customer=overridden, days=5)
    testing.make_customer("C4", colleague)
    testing.login(client, customer_manager)
    # when the list is sorted by route, descending
    with django_assert_num_queries(QUERIES):
        response = client.get("/visit-cycles/?sort=-route", HTTP_ACCEPT_LANGUAGE="en")
    # then only my customers, with the cycle in effect, each linking to its override page
    rows = [(customer.code, order_day, cycle) for customer, order_day, cycle in response.context["rows"]]
    assert rows == [("C2", "Wednesday", 21), ("C3", "", 5), ("C1", "", 14)]
    html = response.content.decode()
    assert html.count('href="/visit-cycles/C') == 3
    sources = ["customers.csv", "set on this customer", "the default rules"]
    assert [html.count(f"<td>{source}</td>") for source in sources] == [1, 1, 1]
