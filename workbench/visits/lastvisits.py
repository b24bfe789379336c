"""The last visit of each customer, from the visits recorded (registered as visitplans' reading when Django starts)."""

from datetime import date

from django.db.models import Max

from workbench.visits.models import Visit


def recorded_last_visits(ids: list[int], before: date) -> dict[int, date]:
    """The day of the latest recorded visit before `before`, per customer of `ids` that has one (one query)."""
    rows = (
        Visit.objects.filter(customer_id__in=ids, visited_on__lt=before)
        .values("customer_id")
        .annotate(last=Max("visited_on"))
        .values_list("customer_id", "last")
    )
    return dict(rows)
