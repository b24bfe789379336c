"""How far the order data go (数据截至): the last day any customer ordered, as the imports left the data.

A period after that day shows zeros; the pages say so by showing this date (docs/definitions.md, "Data up to").
It is read from the monthly summaries, never from the order lines: the newest month is the top of the
(month, customer) key, and OR-ing that month's day masks gives its last order day, in one indexed query.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Subquery

from workbench.lib.routers import report_database
from workbench.orders.facts import BitOr
from workbench.orders.models import CustomerMonth


def data_end() -> date | None:
    """The last order date in the data (a day with 订购量 > 0 for some customer), or None before any import.

    Bit d-1 of a day mask is day d, so the highest bit set is the last order day. When the newest month holds
    only lines with nothing supplied (no bit set), its first day is returned: the data reach into that month.
    """
    months = CustomerMonth.objects.using(report_database())
    rows = list(
        months.filter(month=Subquery(months.order_by("-month").values("month")[:1]))
        .values("month")
        .annotate(mask=BitOr("order_day_mask"))
        .order_by()
    )
    if not rows:
        return None
    row = rows[0]
    mask = row["mask"] or 0
    return row["month"].replace(day=mask.bit_length()) if mask else row["month"]
