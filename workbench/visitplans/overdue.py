"""Overdue customers (逾期未访, docs/definitions.md#overdue): in business, and last visited longer ago than their
visit cycle, or never."""

from dataclasses import dataclass
from datetime import date, timedelta

from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.lastvisits import last_visits


@dataclass(frozen=True)
class Overdue:
    """One overdue customer: his last visit (None: never visited), his cycle, and the days past it (None when
    never visited)."""

    customer_id: int
    last_visit: date | None
    cycle_days: int
    days_late: int | None


def overdue(staff: Staff, on: date) -> list[Overdue]:
    """The staff member's customers in business on `on` that are overdue that day: never visited first, then the
    latest first (three queries)."""
    ids = list(Customer.objects.filter(manager=staff).in_business(on, on).values_list("pk", flat=True))
    cycles = cycle_days(ids)
    last = last_visits(ids, on + timedelta(days=1))
    rows = []
    for customer_id in ids:
        visited = last.get(customer_id)
        cycle = cycles[customer_id]
        if visited is None:
            rows.append(Overdue(customer_id, None, cycle, None))
        elif (on - visited).days > cycle:
            rows.append(Overdue(customer_id, visited, cycle, (on - visited).days - cycle))
    return sorted(rows, key=lambda row: (row.days_late is not None, -(row.days_late or 0), row.customer_id))
