"""Sample-point observations (信息采集点, docs/definitions.md#sample-observation): the `observations` of a visit.

`record_visit` (services.py) hands the visit's `observations` list here, through the part registered by `register`
(VisitsConfig.ready): `check` validates it against the customer (a sample point only) and the specs (existing, on
sale), naming each bad field `observations[i].field` like the other keys of the visit's JSON, before anything is
written; `write` stores the checked rows with the visit, in its transaction. The form's rows
come from `specs_to_observe`: the specs the customer ordered in the 4 weeks before the visit, most ordered first.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.periods import Period
from workbench.orders.facts import OrderFacts

KEY = "observations"
STOCKOUT_DAYS_MAX = 7  # 断货天数 of the last week
PRICE_MAX = Decimal("99999999.99")  # the model's ten digits, two after the point
WINDOW_DAYS = 28  # "the 4 weeks before the visit": the form's specs, and 存销比's 订购量


def observation_specs_shown() -> int:
    """How many ordered specs the form lists (`WORKBENCH_OBSERVATION_SPECS`, 15)."""
    return settings.WORKBENCH_OBSERVATION_SPECS


def window_before(day: date) -> Period:
    """The 4 weeks before `day`: d − 28 … d − 1 (the visit day's own order not counted)."""
    return Period(day - timedelta(days=WINDOW_DAYS), day - timedelta(days=1))


def register() -> None:
    """Make `observations` a part of the visit's data that record_visit checks and writes (once)."""
    from workbench.visits.services import register_part

    register_part(KEY, check, write)


def check(customer: Customer, value: Any, fail: Callable[[str, str], None]) -> list[dict]:
    """record_visit's check: the rows of `clean`, each problem handed to `fail(key, message)`."""
    errors: dict[str, list[str]] = {}
    rows = clean(customer, value, errors)
    for key, messages in errors.items():
        for message in messages:
            fail(key, message)
    return rows


def ordered_before(days: list[tuple[date, int]], day: date) -> int:
    """订购量 of the 4 weeks before `day` from one customer's and spec's (order day, 订购量) in day order
    (OrderFacts.daily_order_qty)."""
    window = window_before(day)
    dates = [found for found, _qty in days]
    return sum(qty for _day, qty in days[bisect_left(dates, window.start) : bisect_left(dates, day)])


def clean(customer: Customer, value: Any, errors: dict[str, list[str]]) -> list[dict]:
    """The visit's observations as rows ready to store ({"spec_id", "stock_qty", "retail_price", "stockout_days"}),
    or [] with the problems added to `errors` (JSON key → messages). An absent or empty list is no observation."""
    if value in (None, []):
        return []
    if not isinstance(value, list):
        errors[KEY] = [_("Give the observations as a list.")]
        return []
    if not customer.is_sample_point:
        errors[KEY] = [_("This customer is not a sample point: his visits take no observations.")]
        return []
    rows: list[dict] = []
    problems: dict[str, list[str]] = {}
    wanted = [item.get("spec") for item in value if isinstance(item, dict)]
    spec_ids = [spec for spec in (_whole(item) for item in wanted) if spec is not None]
    on_sale = dict(Spec.objects.filter(pk__in=spec_ids).values_list("pk", "is_on_sale"))
    seen: dict[int, int] = {}
    for index, item in enumerate(value):
        prefix = f"{KEY}[{index}]"
        if not isinstance(item, dict):
            problems[prefix] = [_("Give each observation as an object.")]
            continue
        row: dict = {}
        spec_id = _whole(item.get("spec"))
        if spec_id is None or spec_id not in on_sale:
            problems[f"{prefix}.spec"] = [_("Unknown spec.")]
        elif not on_sale[spec_id]:
            problems[f"{prefix}.spec"] = [_("This spec is not on sale.")]
        elif spec_id in seen:
            problems[f"{prefix}.spec"] = [
                _("This spec is observed in row %(row)s already.") % {"row": seen[spec_id] + 1}
            ]
        else:
            seen[spec_id] = index
            row["spec_id"] = spec_id
        stock = _whole(item.get("stock_qty"))
        if stock is None or stock < 0:
            problems[f"{prefix}.stock_qty"] = [_("Give the stock as a whole number of cartons, 0 or more.")]
        else:
            row["stock_qty"] = stock
        price = _price(item.get("retail_price"))
        if price is False:
            problems[f"{prefix}.retail_price"] = [_("Give the retail price in yuan per carton, above 0.")]
        else:
            row["retail_price"] = price
        days = item.get("stockout_days")
        days = 0 if days in (None, "") else _whole(days)
        if days is None or not 0 <= days <= STOCKOUT_DAYS_MAX:
            problems[f"{prefix}.stockout_days"] = [
                _("The stock-out days must be between 0 and %(max)s.") % {"max": STOCKOUT_DAYS_MAX}
            ]
        else:
            row["stockout_days"] = days
        rows.append(row)
    if problems:
        errors.update(problems)
        return []
    return rows


def write(visit, rows: list[dict]) -> list:
    """Store the cleaned rows of `clean` with their visit (inside the visit's transaction)."""
    from workbench.visits.models import SampleObservation

    return SampleObservation.objects.bulk_create(
        SampleObservation(visit=visit, customer_id=visit.customer_id, visited_on=visit.visited_on, **row)
        for row in rows
    )


def _whole(value: Any) -> int | None:
    """A whole number from JSON (12) or a form ("12"); None for anything else (booleans, 1.5, "x")."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    return None


def _price(value: Any) -> Decimal | None | bool:
    """A retail price (元/条) with at most two decimals above 0; None when not given; False when invalid."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        return False
    if isinstance(value, float):
        value = str(value)
    if not isinstance(value, int | str):
        return False
    try:
        price = Decimal(str(value).strip())
    except InvalidOperation:
        return False
    if not price.is_finite() or price <= 0 or price > PRICE_MAX or price != price.quantize(Decimal("0.01")):
        return False
    return price


def specs_to_observe(customer: Customer, day: date) -> list[Spec]:
    """The specs the form lists for a sample point: those it ordered (订购量 > 0) in the 4 weeks before `day`,
    most ordered first (then by code), at most `observation_specs_shown()`; specs no longer on sale left out."""
    facts = OrderFacts(Customer.objects.filter(pk=customer.pk), window_before(day))
    totals = facts.totals(["spec"], ["order_qty"])
    ordered = {key[0]: value.order_qty for key, value in totals.items() if value.order_qty > 0}
    specs = Spec.objects.filter(pk__in=ordered, is_on_sale=True).only("pk", "code", "name")
    ranked = sorted(specs, key=lambda spec: (-ordered[spec.pk], spec.code))
    return ranked[: observation_specs_shown()]
