"""OrderFacts and Totals: the sums of order lines and monthly summaries, worked out by hand.

CM1's customers C001 and C002 (root conftest), specs 6901 at 100 元 and 6902 at 150 元:

| day        | customer | spec | demand | limit | order | amount |
|------------|----------|------|--------|-------|-------|--------|
| 2026-01-05 | C001     | 6901 | 5      | 5     | 5     | 500    |
| 2026-01-12 | C001     | 6902 | 4      | —     | 2     | 300    |
| 2026-02-03 | C002     | 6901 | 3      | —     | 0     | 0      |
| 2026-02-10 | C001     | 6901 | 2      | —     | 2     | 200    |

The period 2026-01-01 – 2026-02-15 reads January from the summaries and 1–15 February from the lines.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum

from workbench import testing
from workbench.customers.models import Customer
from workbench.lib.periods import Period
from workbench.orders.facts import MEASURES, OrderFacts, PlainCount, PlainSum, Totals
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries

PERIOD = Period(date(2026, 1, 1), date(2026, 2, 15))

C001 = Totals(
    demand_qty=11,
    limit_qty=5,
    limited_order_qty=5,
    order_qty=9,
    amount=Decimal("1000.00"),
    lines=3,
    limited_lines=1,
    demand_lines=3,
    stockout_lines=0,
    short_lines=1,
)
C002 = Totals(demand_qty=3, order_qty=0, lines=1, demand_lines=1, stockout_lines=1, short_lines=1)


def add_line(customer, spec, day, demand, order, limit=None):
    """One order line at the spec's wholesale price."""
    price = Decimal(str(spec.wholesale_price))
    OrderLine.objects.create(
        order_no=f"{customer.code}-{day:%Y%m%d}",
        order_date=day,
        customer=customer,
        spec=spec,
        demand_qty=demand,
        limit_qty=limit,
        order_qty=order,
        price=price,
        amount=price * order,
    )


@pytest.fixture
def orders(customers):
    """The four lines of the table above, and their monthly summaries."""
    s1 = testing.make_spec("6901", wholesale_price=Decimal("100"))
    s2 = testing.make_spec("6902", wholesale_price=Decimal("150"))
    add_line(customers["c1"], s1, date(2026, 1, 5), 5, 5, limit=5)
    add_line(customers["c1"], s2, date(2026, 1, 12), 4, 2)
    add_line(customers["c2"], s1, date(2026, 2, 3), 3, 0)
    add_line(customers["c1"], s1, date(2026, 2, 10), 2, 2)
    rebuild_all_summaries()
    return {"c1": customers["c1"], "c2": customers["c2"], "s1": s1, "s2": s2}


def test_totals_of_reads_measures_by_name_whatever_their_order():
    # given every measure, in the reverse of the field order
    measures = MEASURES[::-1]
    values = [getattr(C001, name) for name in measures]

    # when / then the values land on their own measures, not positionally
    assert Totals.of(values, measures) == C001
    assert Totals.of([getattr(C001, name) for name in MEASURES], MEASURES) == C001


def test_totals_of_counts_an_empty_sum_as_zero():
    assert Totals.of([None] * len(MEASURES), MEASURES) == Totals()
    assert Totals.of([None, 4], ["amount", "order_qty"]) == Totals(order_qty=4)


def test_totals_per_customer_over_summaries_and_edge_lines(orders, customer_manager):
    # given CM1's customers
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD)

    # when
    totals = facts.totals(["customer"])

    # then
    assert totals == {(orders["c1"].pk,): C001, (orders["c2"].pk,): C002}
    assert facts.totals() == {(): add(C001, C002)}


def add(*totals: Totals) -> Totals:
    """The sum of several Totals (a new one)."""
    result = Totals()
    for item in totals:
        result += item
    return result


def test_totals_with_every_measure_in_another_order_are_the_same(orders, customer_manager):
    # given the measures in the reverse of the field order
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD)

    # when
    totals = facts.totals(["customer"], MEASURES[::-1])

    # then
    assert totals == {(orders["c1"].pk,): C001, (orders["c2"].pk,): C002}


def test_sums_come_back_as_int_and_decimal_cents(orders, customer_manager):
    # given the sums of January (summaries) and of 1–15 February (lines) read separately
    customers = Customer.objects.filter(manager=customer_manager)
    january = OrderFacts(customers, Period.month(2026, 1)).totals()[()]
    february = OrderFacts(customers, Period(date(2026, 2, 1), date(2026, 2, 15))).totals()[()]

    # then the drivers' values are used as they are: ints, and amounts to the cent
    assert (january.order_qty, january.amount, january.lines) == (7, Decimal("800.00"), 2)
    assert (february.order_qty, february.amount, february.stockout_lines) == (2, Decimal("200.00"), 1)
    assert [type(january.order_qty), type(january.lines), type(february.lines)] == [int, int, int]
    assert str(january.amount) == "800.00"
    assert str(february.amount) == "200.00"


def test_totals_by_month_and_spec(orders, customer_manager):
    # given
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD, [orders["s1"].pk])

    # when
    by_month = facts.totals(["month"], ["order_qty", "amount"])

    # then January's summaries and February's lines of 6901 only
    assert {key: (value.order_qty, value.amount) for key, value in by_month.items()} == {
        (date(2026, 1, 1),): (5, Decimal("500.00")),
        (date(2026, 2, 1),): (2, Decimal("200.00")),
    }
    assert facts.ordering_counts(["month"]) == {(date(2026, 1, 1),): 1, (date(2026, 2, 1),): 1}
    assert facts.ordering_counts() == {(): 1}
    assert facts.order_days() == {orders["c1"].pk: 2}


def test_plain_aggregates_run_no_converter_per_row(db):
    # given the compiled query of an integer sum and a count, and of Django's own Sum for comparison
    query = OrderLine.objects.values("customer_id").annotate(
        qty=PlainSum("order_qty"), lines=PlainCount("pk"), django_qty=Sum("order_qty")
    )
    compiler = query.query.get_compiler(using=query.db)
    compiler.setup_query()
    columns = [expression for expression, _sql, alias in compiler.select]
    aliases = [alias for _expression, _sql, alias in compiler.select]

    # when
    converted = {aliases[index] for index in compiler.get_converters(columns)}

    # then only Django's Sum converts every row (int()); the plain ones are used as the driver returns them
    assert converted == {"django_qty"}


def test_monthly_ordering_counts_only_the_customers_in_business_that_month(orders, customer_manager):
    # given three more customers of CM1 who ordered 6901 while not in business in some month
    s1 = orders["s1"]
    late = testing.make_customer("C009", customer_manager, opened_on=date(2026, 2, 12))
    closing = testing.make_customer("C010", customer_manager, status="closed", closed_on=date(2026, 1, 31))
    closed = testing.make_customer("C011", customer_manager, status="closed", closed_on=date(2025, 12, 20))
    add_line(late, s1, date(2026, 1, 20), 1, 1)  # before it opened
    add_line(late, s1, date(2026, 2, 14), 1, 1)  # opened on the 12th: in business during 1–15 February
    add_line(closing, s1, date(2026, 1, 15), 1, 1)
    add_line(closing, s1, date(2026, 2, 4), 1, 1)  # after it closed
    add_line(closed, s1, date(2026, 1, 8), 1, 1)  # after it closed
    rebuild_all_summaries()
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD, [s1.pk])

    # when
    in_business = facts.ordering_counts_in_business()

    # then January (summaries): C001 and C010; 1–15 February (lines): C001 and C009
    assert in_business == {(date(2026, 1, 1),): 2, (date(2026, 2, 1),): 2}
    # while every customer who ordered counts without the condition
    assert facts.ordering_counts(["month"]) == {(date(2026, 1, 1),): 4, (date(2026, 2, 1),): 3}
    # and per spec as well
    assert facts.ordering_counts_in_business(["spec"]) == {(date(2026, 1, 1), s1.pk): 2, (date(2026, 2, 1), s1.pk): 2}


def test_order_days_per_customer_and_per_month(orders, customer_manager):
    # given C001's order dates: 5 and 12 January (summaries), 10 February (lines)
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD)
    c1 = orders["c1"].pk

    # when / then C002 ordered nothing (3 February: demand only)
    assert facts.order_days() == {c1: 3}
    assert facts.order_days(by_month=True) == {(c1, date(2026, 1, 1)): 2, (c1, date(2026, 2, 1)): 1}
    both = OrderFacts(Customer.objects.filter(pk=c1), PERIOD, [orders["s1"].pk, orders["s2"].pk])
    assert both.order_days(by_month=True) == {(c1, date(2026, 1, 1)): 2, (c1, date(2026, 2, 1)): 1}


def test_totals_per_spec_with_its_code_and_name(orders, customer_manager):
    # given
    facts = OrderFacts(Customer.objects.filter(pk=orders["c1"].pk), PERIOD)

    # when
    totals = facts.totals(["spec", "spec_code", "spec_name"], ["order_qty", "amount"])

    # then
    s1, s2 = orders["s1"], orders["s2"]
    assert {key: (value.order_qty, value.amount) for key, value in totals.items()} == {
        (s1.pk, "6901", s1.name): (7, Decimal("700.00")),
        (s2.pk, "6902", s2.name): (2, Decimal("300.00")),
    }


def test_month_totals_are_the_sums_and_the_customers_ordering_of_each_month(orders, customer_manager):
    # given
    facts = OrderFacts(Customer.objects.filter(manager=customer_manager), PERIOD)

    # when
    months = facts.month_totals(["order_qty", "amount"])

    # then January from the summaries: C001's 7 条; 1–15 February from the lines: C001's 2 条 (C002 only asked)
    assert {month: (sums.order_qty, sums.amount, ordering) for month, (sums, ordering) in months.items()} == {
        date(2026, 1, 1): (7, Decimal("800.00"), 1),
        date(2026, 2, 1): (2, Decimal("200.00"), 1),
    }
    # the same figures as the separate reads
    totals = facts.totals(["month"], ["order_qty", "amount"])
    assert {month: sums for month, (sums, _ordering) in months.items()} == {
        key[0]: sums for key, sums in totals.items()
    }
    assert {month: ordering for month, (_sums, ordering) in months.items()} == {
        key[0]: count for key, count in facts.ordering_counts(["month"]).items()
    }
