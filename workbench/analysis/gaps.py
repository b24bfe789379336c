"""铺货率查询 against a target: how far the scope is from it, and the customers still to win.

The report's extra "gap" (docs/definitions.md "Gap to a target"): whether the set's 铺货率 reaches the target, 还需
N 户 (the customers still needed), and the customers of A(T,P) who ordered no spec of S in P, each with his order
day and the last day he ordered S. The screen, the Excel sheet, the JSON answer and the saved customer set all read
this one value.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from workbench.lib.routers import report_database
from workbench.orders.facts import OrderFacts
from workbench.reporting.params import ReportParams
from workbench.reporting.results import Column, Kind

# Django's weekdays count from 0 = Monday; the customers' order day from 1 = Monday (the import's 订货日).
ORDER_DAYS = {day + 1: label for day, label in WEEKDAYS.items()}

NOT_ORDERED_COLUMNS = [
    Column("customer_code", _("Customer code"), Kind.CODE, link="customer"),
    Column("customer_name", _("Customer name"), Kind.TEXT, link="customer"),
    Column("manager", _("Customer manager"), Kind.TEXT),
    Column("order_weekday", _("Order day"), Kind.CHOICE, choices=ORDER_DAYS),
    Column("last_order_date", _("Last order of the specs"), Kind.DATE),
]


def customers_needed(target: Decimal, customers_ordering: int, customers_in_scope: int) -> int | None:
    """还需 N 户: the smallest N with (ordering + N) / in_scope ≥ target, 0 when the target is met; None without
    any customer in business (the rate is undefined, and no number of customers closes the gap)."""
    if not customers_in_scope:
        return None
    # Decimal × int is exact: a 60% target of 5 customers asks for 3, not for 3.0000000000000004 rounded up to 4.
    return max(0, math.ceil(target * customers_in_scope) - customers_ordering)


def distribution_gap(params: ReportParams, total: dict, pairs: set[tuple]) -> dict | None:
    """The gap of the set's 铺货率 to the target (None without a target), from the report's own (spec, month,
    customer) pairs: the customers of A(T,P) absent from them are those still to win, in code order."""
    if params.target is None:
        return None
    needed = customers_needed(params.target, total["customers_ordering"], total["customers_in_scope"])
    ordered = {customer for _spec, _month, customer in pairs}
    in_business = params.in_business().using(report_database())
    last_orders = OrderFacts(in_business, params.period, params.spec_ids).last_order_dates()
    customers = in_business.order_by("code").values_list("pk", "code", "name", "order_weekday", "manager__name")
    not_ordered = [
        {
            "customer_code": code,
            "customer_name": name,
            "manager": manager,
            "order_weekday": weekday,
            "last_order_date": last_orders.get(pk),
        }
        for pk, code, name, weekday, manager in customers
        if pk not in ordered
    ]
    return {
        "target": params.target,
        "customers_in_scope": total["customers_in_scope"],
        "customers_ordering": total["customers_ordering"],
        "distribution_rate": total["distribution_rate"],
        "met": None if needed is None else needed == 0,
        "customers_needed": needed,
        "not_ordered": not_ordered,
    }


def not_ordered_table(gap: dict | None) -> tuple[list[Column], list[dict]]:
    """The customers still to win as an Excel sheet (no rows without a target); order days by their name."""
    if gap is None:
        return NOT_ORDERED_COLUMNS, []
    day = NOT_ORDERED_COLUMNS[3]
    rows = [{**row, "order_weekday": _display(day, row["order_weekday"])} for row in gap["not_ordered"]]
    return NOT_ORDERED_COLUMNS, rows


def _display(column: Column, value):
    shown = column.display(value)
    return None if shown is None else str(shown)
