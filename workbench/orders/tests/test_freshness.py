"""数据截至: the last order day of the newest month, from the monthly summaries' day masks."""

from datetime import date

import pytest
from django.template import Context, Template
from django.utils import translation

from workbench import testing
from workbench.orders.freshness import data_end
from workbench.orders.models import CustomerMonth

pytestmark = pytest.mark.django_db


def day_mask(*days: int) -> int:
    """The order-day mask of these days of the month (bit d-1 for day d)."""
    return sum(1 << (day - 1) for day in days)


def test_no_summaries_means_no_date():
    assert data_end() is None


def test_the_last_order_day_of_the_newest_month_over_all_customers(customer_manager):
    # given: two customers; the newest month is February, where the later order is on the 26th
    first = testing.make_customer("C001", customer_manager)
    second = testing.make_customer("C002", customer_manager)
    CustomerMonth.objects.create(customer=first, month=date(2026, 1, 1), order_day_mask=day_mask(5, 31))
    CustomerMonth.objects.create(customer=first, month=date(2026, 2, 1), order_day_mask=day_mask(3, 19))
    CustomerMonth.objects.create(customer=second, month=date(2026, 2, 1), order_day_mask=day_mask(26))

    # when / then
    assert data_end() == date(2026, 2, 26)


def test_a_newest_month_with_nothing_supplied_counts_from_its_first_day(customer_manager):
    # given: March holds only lines where nothing was supplied (no day bit)
    customer = testing.make_customer("C001", customer_manager)
    CustomerMonth.objects.create(customer=customer, month=date(2026, 2, 1), order_day_mask=day_mask(26))
    CustomerMonth.objects.create(customer=customer, month=date(2026, 3, 1), order_day_mask=0)

    # when / then
    assert data_end() == date(2026, 3, 1)


def test_the_tag_says_how_far_the_data_go(customer_manager):
    # given
    template = Template("{% load data_end %}{% data_end %}")
    with translation.override("en"):
        before = template.render(Context())
    CustomerMonth.objects.create(
        customer=testing.make_customer("C001", customer_manager), month=date(2026, 1, 1), order_day_mask=day_mask(30)
    )

    # when
    with translation.override("en"):
        english = template.render(Context())
    with translation.override("zh-hans"):
        chinese = template.render(Context())

    # then
    assert before.strip() == '<p class="data-end">No orders imported yet</p>'
    assert english.strip() == '<p class="data-end">Data up to 2026-01-30</p>'
    assert chinese.strip() == '<p class="data-end">数据截至 2026-01-30</p>'
