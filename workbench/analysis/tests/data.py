"""A small hand-built territory whose report answers are worked out by hand in the tests.

Customer manager CM1 (team T1) has six customers:

| code | class | grade | in business                 |
|------|-------|-------|-----------------------------|
| C001 | CZ2   | 10    | since 2020                  |
| C002 | CB1   | 20    | since 2020                  |
| C005 | XZ3   | 10    | opens 2026-01-20            |
| C006 | CY2   | 5     | closed 2026-01-10           |
| C007 | CZ2   | 10    | closed 2025-12-15           |
| C008 | CZ2   | 10    | opens 2026-02-10            |

so A(CM1, January 2026) = {C001, C002, C005, C006}. CM2 (same team) has C003, CM3 (team T2) has C004.

Specs: S1 6901 七匹狼(软通泰) at 100 元, S2 6902 七匹狼(红) at 150 元, S3 6903 南京(红) at 80 元; the brand set
"七匹狼" holds S1 and S2. The order lines are listed in `LINES` (day, customer, spec, demand, limit, order).
"""

from datetime import date
from decimal import Decimal

from workbench import testing
from workbench.catalog.models import BrandSet
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries

PRICES = {"6901": Decimal("100"), "6902": Decimal("150"), "6903": Decimal("80")}

# (order date, customer code, spec code, demand, limit or None, order)
LINES = [
    # January 2025: last year's January.
    (date(2025, 1, 6), "C001", "6901", 4, None, 4),
    # The 3 months before January 2026.
    (date(2025, 10, 15), "C002", "6901", 1, None, 1),
    (date(2025, 11, 3), "C007", "6901", 2, None, 2),
    (date(2025, 12, 8), "C001", "6901", 2, None, 2),
    (date(2025, 12, 9), "C002", "6902", 1, None, 1),
    (date(2025, 12, 20), "C001", "6902", 1, None, 1),
    # January 2026.
    (date(2026, 1, 5), "C001", "6901", 5, 5, 5),
    (date(2026, 1, 5), "C001", "6902", 3, None, 3),  # no limit
    (date(2026, 1, 12), "C001", "6901", 4, 2, 2),  # short: limited to 2
    (date(2026, 1, 19), "C001", "6903", 2, None, 0),  # stock-out
    (date(2026, 1, 26), "C001", "6902", 0, None, 0),  # no demand at all
    (date(2026, 1, 6), "C002", "6903", 10, 10, 8),  # short, under the limit
    (date(2026, 1, 6), "C002", "6901", 2, None, 0),  # stock-out
    (date(2026, 1, 7), "C006", "6901", 1, None, 1),  # closes on the 10th
    (date(2026, 1, 21), "C005", "6902", 2, None, 2),  # opened on the 20th: two specs of the set on one day
    (date(2026, 1, 21), "C005", "6901", 1, None, 1),
    (date(2026, 1, 8), "C003", "6901", 3, None, 3),  # CM2's customer
    (date(2026, 1, 9), "C004", "6901", 9, None, 9),  # CM3's customer, team T2
]


def build_territory(customer_manager, colleague, outsider) -> dict:
    """Create the customers, specs, brand set and order lines above, then rebuild the monthly summaries."""
    customers = {
        "C001": testing.make_customer("C001", customer_manager, format="Z", market_type="C", scale="2", grade=10),
        "C002": testing.make_customer("C002", customer_manager, format="B", market_type="C", scale="1", grade=20),
        "C005": testing.make_customer(
            "C005", customer_manager, format="Z", market_type="X", scale="3", grade=10, opened_on=date(2026, 1, 20)
        ),
        "C006": testing.make_customer(
            "C006",
            customer_manager,
            format="Y",
            market_type="C",
            scale="2",
            grade=5,
            status="closed",
            closed_on=date(2026, 1, 10),
        ),
        "C007": testing.make_customer(
            "C007", customer_manager, format="Z", status="closed", closed_on=date(2025, 12, 15)
        ),
        "C008": testing.make_customer("C008", customer_manager, format="Z", opened_on=date(2026, 2, 10)),
        "C003": testing.make_customer("C003", colleague, format="Y"),
        "C004": testing.make_customer("C004", outsider, format="S"),
    }
    specs = {
        "6901": testing.make_spec("6901", name="七匹狼(软通泰)", brand="七匹狼", wholesale_price=PRICES["6901"]),
        "6902": testing.make_spec("6902", name="七匹狼(红)", brand="七匹狼", wholesale_price=PRICES["6902"]),
        "6903": testing.make_spec("6903", name="南京(红)", brand="南京", wholesale_price=PRICES["6903"]),
    }
    brand_set = BrandSet.objects.create(owner=customer_manager, name="七匹狼")
    brand_set.specs.set([specs["6901"], specs["6902"]])
    for day, customer, spec, demand, limit, order in LINES:
        add_line(customers[customer], specs[spec], day, demand, order, limit)
    rebuild_all_summaries()
    return {"customers": customers, "specs": specs, "brand_set": brand_set}


def add_line(customer, spec, day: date, demand: int, order: int, limit: int | None = None, price=None) -> OrderLine:
    """One order line (one order per customer and day); amount = order × price (the spec's wholesale price)."""
    # str() first: a freshly created spec may still hold the price as the string it was given.
    price = Decimal(str(price if price is not None else spec.wholesale_price))
    return OrderLine.objects.create(
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
