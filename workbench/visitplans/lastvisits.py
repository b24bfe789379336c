"""The last visit of each customer before a day: what the cycles count from (docs/definitions.md#proposal).

This is the one function that says it. The visits are recorded in 实施 (the visits app, a layer above this one):
that app registers its reading here when Django starts (`register_source`), so that the proposal, the overdue list
and the month's cycle counts all count from the visits really made. Without it (the app not installed) the latest
visit of a committed visit plan stands in.
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.db.models import Max

from workbench.visitplans.models import PlannedVisit, VisitPlanState

LastVisits = Callable[[list[int], date], dict[int, date]]
SOURCE: list[LastVisits] = []


def register_source(source: LastVisits) -> LastVisits:
    """Make `source(customer_ids, before) -> {customer id: day}` the reading of the last visits (the latest wins)."""
    SOURCE[:] = [source]
    return source


def last_visits(customer_ids: Iterable[int], before: date) -> dict[int, date]:
    """The day of the last visit before `before` of each customer of `customer_ids` that has one (one query)."""
    ids = list(customer_ids)
    if not ids:
        return {}
    if SOURCE:
        return SOURCE[0](ids, before)
    return planned_last_visits(ids, before)


def planned_last_visits(ids: list[int], before: date) -> dict[int, date]:
    """The latest day of a committed visit plan's visit before `before`, per customer."""
    rows = (
        PlannedVisit.objects.filter(customer_id__in=ids, day__lt=before, plan__state=VisitPlanState.COMMITTED)
        .values("customer_id")
        .annotate(last=Max("day"))
        .values_list("customer_id", "last")
    )
    return dict(rows)
