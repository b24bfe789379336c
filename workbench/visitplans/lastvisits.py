"""The last visit of each customer before a day: what the cycles count from (docs/definitions.md#proposal).

Until 实施 records the visits themselves, a customer's last visit is the latest visit of a committed visit plan
before that day. This is the one function that says it, so that 实施 switches the whole platform by changing it.
"""

from collections.abc import Iterable
from datetime import date

from django.db.models import Max

from workbench.visitplans.models import PlannedVisit, VisitPlanState


def last_visits(customer_ids: Iterable[int], before: date) -> dict[int, date]:
    """The day of the last visit before `before` of each customer of `customer_ids` that has one (one query)."""
    ids = list(customer_ids)
    if not ids:
        return {}
    rows = (
        PlannedVisit.objects.filter(customer_id__in=ids, day__lt=before, plan__state=VisitPlanState.COMMITTED)
        .values("customer_id")
        .annotate(last=Max("day"))
        .values_list("customer_id", "last")
    )
    return dict(rows)
