"""The customer page's tap-to-call and map links (customers/contact.py), and the page's header showing them."""

from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation

from workbench import testing
from workbench.customers.contact import contact_links, geo_url, map_url, tel_url


@pytest.mark.parametrize(
    ("stored", "uri"),
    [
        ("025-8451 2345", "tel:02584512345"),
        ("(025) 84512345", "tel:02584512345"),
        ("+86 139 0000 1111", "tel:+8613900001111"),
        ("139+0000", "tel:1390000"),
        ("", None),
        ("无", None),
    ],
)
def test_a_stored_number_becomes_what_a_dialler_takes(stored, uri):
    assert tel_url(stored) == uri


def test_a_position_becomes_a_geo_uri_labelled_with_the_shop():
    # the shop's name is URL-quoted: a space or a bracket in it must not end the label
    assert geo_url(Decimal("32.060255"), Decimal("118.796877"), "玄武 (店)") == (
        "geo:32.060255,118.796877?q=32.060255,118.796877(%E7%8E%84%E6%AD%A6%20%28%E5%BA%97%29)"
    )


def test_the_intranet_map_template_is_filled_in_and_quoted():
    template = "http://gis.intranet/map?lat={lat}&lng={lng}&title={name}&id={code}"
    url = map_url(template, Decimal("32.06"), Decimal("118.79"), "A&B", "C 1")
    assert url == "http://gis.intranet/map?lat=32.06&lng=118.79&title=A%26B&id=C%201"


def test_a_map_template_naming_an_unknown_field_says_so():
    with pytest.raises(ImproperlyConfigured, match=r"WORKBENCH_MAP_URL names latitude: it may use only \{lat\}"):
        map_url("http://gis.intranet/?y={latitude}", Decimal("32.06"), Decimal("118.79"), "店", "C001")


@pytest.mark.django_db
def test_no_phone_and_no_position_give_no_links(customer_manager):
    customer = testing.make_customer("C009", customer_manager)
    assert contact_links(customer) == []


@pytest.mark.django_db
def test_the_map_server_link_comes_only_with_the_setting(customer_manager, settings):
    # given a customer with a phone and a position
    customer = testing.make_customer(
        "C009", customer_manager, name="玄武店", phone="025-1234", lat=Decimal("32.06"), lng=Decimal("118.79")
    )

    # when no map server is set (the default), then: call, and the phone's own map app
    settings.WORKBENCH_MAP_URL = ""
    with translation.override("zh-hans"):
        links = [(link.label, link.url) for link in contact_links(customer)]
    assert links == [
        ("拨打 025-1234", "tel:0251234"),
        ("在地图应用中打开", "geo:32.06,118.79?q=32.06,118.79(%E7%8E%84%E6%AD%A6%E5%BA%97)"),
    ]

    # when the intranet's map server is set, then its link comes third
    settings.WORKBENCH_MAP_URL = "http://gis.intranet/?p={lng},{lat}"
    with translation.override("zh-hans"):
        links = [(link.label, link.url) for link in contact_links(customer)]
    assert links[2] == ("内网地图", "http://gis.intranet/?p=118.79,32.06")


@pytest.mark.django_db
def test_the_customer_page_header_offers_the_links(client, customer_manager):
    # given CM1's customer with a phone and a position
    testing.make_customer("C009", customer_manager, phone="13900001111", lat=Decimal("32.06"), lng=Decimal("118.79"))
    testing.login(client, customer_manager)

    # when he opens its page
    response = client.get(reverse("customers:customer_detail", args=["C009"]))

    # then the header links to his dialler and to a map
    html = response.content.decode()
    assert '<a class="button button-secondary" href="tel:13900001111">' in html
    assert 'href="geo:32.060000,118.790000?q=32.060000,118.790000(%E5%BA%97C009)"' in html
