"""A visit's sample-point observations through `services.record_visit` (docs/definitions.md#sample-observation):
only for a sample point, specs existing and on sale, each field named `observations[i].field`, all or nothing."""

import uuid
from datetime import date
from decimal import Decimal

import pytest
from django.utils import translation

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.visits import services
from workbench.visits.models import SampleObservation, Visit
from workbench.visits.observations import specs_to_observe


@pytest.fixture(autouse=True)
def english(settings):
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def shop(customer_manager):
    return testing.make_customer("S1", customer_manager, is_sample_point=True)


@pytest.fixture
def specs(db):
    return {
        "A": testing.make_spec("A", retail_price=Decimal("100")),
        "B": testing.make_spec("B"),
        "OLD": testing.make_spec("OLD", is_on_sale=False),
    }


def add_line(customer, spec, day: date, order: int) -> OrderLine:
    return OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=order,
        order_qty=order,
        price=Decimal("100"),
        amount=Decimal("100") * order,
    )


def visit(customer, observations) -> dict:
    return {
        "client_id": str(uuid.uuid4()),
        "customer": customer.pk,
        "visited_on": "2026-12-01",
        "start_time": "09:05",
        "end_time": "09:14",
        "mode": "field",
        "purposes": ["information"],
        "requests": [],
        "observations": observations,
    }


def refused(user, data) -> services.VisitRefused:
    with pytest.raises(services.VisitRefused) as caught:
        services.record_visit(user, data)
    return caught.value


def test_a_sample_points_visit_stores_its_observations(customer_manager, shop, specs):
    # when
    recorded, created = services.record_visit(
        customer_manager.user,
        visit(
            shop,
            [
                {"spec": specs["A"].pk, "stock_qty": 12, "retail_price": "110.00", "stockout_days": 0},
                {"spec": specs["B"].pk, "stock_qty": 0, "retail_price": None, "stockout_days": 3},
            ],
        ),
    )
    # then
    assert created
    assert list(
        recorded.observations.order_by("spec__code").values_list(
            "spec__code", "stock_qty", "retail_price", "stockout_days", "customer_id", "visited_on"
        )
    ) == [
        ("A", 12, Decimal("110.00"), 0, shop.pk, date(2026, 12, 1)),
        ("B", 0, None, 3, shop.pk, date(2026, 12, 1)),
    ]


def test_a_customer_who_is_not_a_sample_point_takes_none(customer_manager, specs):
    # given an ordinary customer
    ordinary = testing.make_customer("C1", customer_manager)
    # when the visit carries an observation
    error = refused(customer_manager.user, visit(ordinary, [{"spec": specs["A"].pk, "stock_qty": 1}]))
    # then a 400 naming "observations", and no visit
    assert error.status == 400
    assert error.errors == {"observations": ["This customer is not a sample point: his visits take no observations."]}
    assert Visit.objects.count() == 0


def test_an_ordinary_customers_visit_without_observations_is_recorded(customer_manager, specs):
    ordinary = testing.make_customer("C1", customer_manager)
    recorded, created = services.record_visit(customer_manager.user, visit(ordinary, []))
    assert created
    assert recorded.observations.count() == 0


def test_each_bad_field_is_named_by_its_row_and_nothing_is_written(customer_manager, shop, specs):
    # when row 0 is fine, row 1 names an unknown spec, row 2 a spec off sale with 8 stock-out days, row 3 repeats A
    # with a negative stock and a price of 0
    error = refused(
        customer_manager.user,
        visit(
            shop,
            [
                {"spec": specs["A"].pk, "stock_qty": 5, "retail_price": "100", "stockout_days": 0},
                {"spec": 999999, "stock_qty": 5},
                {"spec": specs["OLD"].pk, "stock_qty": 5, "stockout_days": 8},
                {"spec": specs["A"].pk, "stock_qty": -1, "retail_price": "0", "stockout_days": 1},
            ],
        ),
    )
    # then
    assert error.status == 400
    assert error.errors == {
        "observations[1].spec": ["Unknown spec."],
        "observations[2].spec": ["This spec is not on sale."],
        "observations[2].stockout_days": ["The stock-out days must be between 0 and 7."],
        "observations[3].spec": ["This spec is observed in row 1 already."],
        "observations[3].stock_qty": ["Give the stock as a whole number of cartons, 0 or more."],
        "observations[3].retail_price": ["Give the retail price in yuan per carton, above 0."],
    }
    assert (Visit.objects.count(), SampleObservation.objects.count()) == (0, 0)


def test_stockout_days_of_eight_are_refused_naming_the_row(customer_manager, shop, specs):
    error = refused(customer_manager.user, visit(shop, [{"spec": specs["A"].pk, "stock_qty": 0, "stockout_days": 8}]))
    assert error.errors == {"observations[0].stockout_days": ["The stock-out days must be between 0 and 7."]}


def test_the_same_client_id_again_writes_no_second_observation(customer_manager, shop, specs):
    data = visit(shop, [{"spec": specs["A"].pk, "stock_qty": 3}])
    services.record_visit(customer_manager.user, data)
    again, created = services.record_visit(customer_manager.user, data)
    assert not created
    assert SampleObservation.objects.count() == 1


def test_the_form_offers_the_specs_ordered_in_the_four_weeks_before_most_ordered_first(shop, specs):
    # given orders of B (30) and A (10) in the 4 weeks before 12-01, A again on the day itself, OLD off sale
    add_line(shop, specs["A"], date(2026, 11, 10), 10)
    add_line(shop, specs["B"], date(2026, 11, 17), 30)
    add_line(shop, specs["OLD"], date(2026, 11, 24), 50)
    add_line(shop, specs["A"], date(2026, 12, 1), 100)
    c = testing.make_spec("C")
    add_line(shop, c, date(2026, 11, 2), 90)  # 29 days before: outside the window
    # then
    assert [spec.code for spec in specs_to_observe(shop, date(2026, 12, 1))] == ["B", "A"]
