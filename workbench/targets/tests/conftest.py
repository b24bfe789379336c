"""The targets tests' order data: lines written directly, then the monthly summaries rebuilt from them."""

from decimal import Decimal

import pytest

from workbench import testing
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries


def add_lines(lines) -> None:
    """Order lines from (customer, spec, day, 条, price per 条) tuples, then the summaries rebuilt from them."""
    OrderLine.objects.bulk_create(
        OrderLine(
            order_no=f"{customer.code}-{day:%Y%m%d}",
            order_date=day,
            customer=customer,
            spec=spec,
            demand_qty=qty,
            order_qty=qty,
            price=Decimal(price),
            amount=Decimal(price) * qty,
        )
        for customer, spec, day, qty, price in lines
    )
    rebuild_all_summaries()


@pytest.fixture
def specs(db):
    """Two specs: 红南京 and 七匹狼(软通泰)."""
    return {
        "red": testing.make_spec("6901028000001", "红南京", brand="南京", transfer_price="50"),
        "wolf": testing.make_spec("6901028000002", "七匹狼(软通泰)", brand="七匹狼", transfer_price="100"),
    }
