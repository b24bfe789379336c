"""The sample point's part of the visit form (templates/visits/_observations.html): the rows offered, a POST that
records them through the service, and a refused row shown with its error and what was typed."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import translation

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.visits.models import SampleObservation, Visit

DAY = date(2026, 12, 1)


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def the_day_after(time_machine):
    time_machine.move_to("2026-12-02 10:00 +08:00", tick=False)


@pytest.fixture
def shop(customer_manager):
    """Sample point S1, who ordered B (30) and A (10) in the 4 weeks before DAY; spec C is on sale, never ordered."""
    shop = testing.make_customer("S1", customer_manager, is_sample_point=True)
    specs = {code: testing.make_spec(code, name=name) for code, name in (("A", "红南京"), ("B", "苏烟"), ("C", "黄山"))}
    for code, day, qty in (("A", date(2026, 11, 10), 10), ("B", date(2026, 11, 17), 30)):
        OrderLine.objects.create(
            order_no=f"S1-{day:%Y%m%d}",
            order_date=day,
            customer=shop,
            spec=specs[code],
            demand_qty=qty,
            order_qty=qty,
            price=Decimal("100"),
            amount=Decimal("100") * qty,
        )
    return {"shop": shop, **specs}


def form_url(customer) -> str:
    return reverse("visits:visit_new") + f"?customer={customer.pk}"


def post(shop, **rows) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "customer": str(shop["shop"].pk),
        "visited_on": DAY.isoformat(),
        "start_time": "10:00",
        "end_time": "10:12",
        "mode": "field",
        "purposes": ["information"],
        **rows,
    }


def test_the_form_of_a_sample_point_offers_its_ordered_specs_then_a_picker(client, customer_manager, shop):
    testing.login(client, customer_manager)
    content = client.get(form_url(shop["shop"]) + f"&date={DAY}").content.decode()
    # the ordered specs, most ordered first, then two rows to pick another spec
    assert content.index("苏烟") < content.index("红南京")
    assert f'<input type="hidden" name="obs_spec" value="{shop["B"].pk}">' in content
    assert f'<input type="hidden" name="obs_spec" value="{shop["A"].pk}">' in content
    assert content.count('<select name="obs_spec">') == 2
    assert content.count('name="obs_stockout_days"') == 4
    assert "css/observations.css" in content


def test_an_ordinary_customers_form_has_no_observations(client, customer_manager, shop):
    testing.login(client, customer_manager)
    ordinary = testing.make_customer("C1", customer_manager)
    content = client.get(form_url(ordinary)).content.decode()
    assert "obs_spec" not in content


def test_the_form_records_the_rows_filled_in(client, customer_manager, shop):
    # given B and a picked C filled in, A and the second picker left empty
    testing.login(client, customer_manager)
    data = post(
        shop,
        obs_spec=[str(shop["B"].pk), str(shop["A"].pk), str(shop["C"].pk), ""],
        obs_stock_qty=["12", "", "0", ""],
        obs_retail_price=["110.00", "", "", ""],
        obs_stockout_days=["0", "", "3", ""],
    )
    # when
    response = client.post(form_url(shop["shop"]), data)
    # then
    assert response.status_code == 302
    visit = Visit.objects.get(client_id=data["client_id"])
    found = visit.observations.order_by("spec__code")
    assert list(found.values_list("spec__code", "stock_qty", "retail_price", "stockout_days")) == [
        ("B", 12, Decimal("110.00"), 0),
        ("C", 0, None, 3),
    ]


def test_a_refused_row_comes_back_with_its_error_and_what_was_typed(client, customer_manager, shop):
    testing.login(client, customer_manager)
    data = post(
        shop,
        obs_spec=[str(shop["B"].pk), str(shop["A"].pk)],
        obs_stock_qty=["12", "4"],
        obs_retail_price=["", ""],
        obs_stockout_days=["0", "8"],
    )
    response = client.post(form_url(shop["shop"]), data)
    assert response.status_code == 200
    assert SampleObservation.objects.count() == 0
    assert response.context["errors"] == {
        "observations[1].stockout_days": ["The stock-out days must be between 0 and 7."]
    }
    assert response.context["general_errors"] == []
    content = response.content.decode()
    assert '<div class="observation-row has-error">' in content
    assert 'value="8"' in content
    assert "The stock-out days must be between 0 and 7." in content
