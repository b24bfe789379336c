"""Adding a suggested visit to a day (推荐拜访, docs/definitions.md#suggested-visits): into the customer manager's
visit plan of that day's month, made as a draft when there is none.

The write itself is editing.add_visit (stale-edit guard, the plan's owner only, his own customer, a working day of
the month, once a day). Making the plan runs in the same transaction, so a refused add leaves no empty plan behind.
"""

from datetime import date

from django.db import transaction

from workbench.customers.models import Customer
from workbench.lib.stale import StaleEdit
from workbench.visitplans import editing
from workbench.visitplans.models import PlannedVisit, VisitSource


def add_suggested_visit(*, by, customer: Customer, day: date, reason: str, version: int | None) -> PlannedVisit:
    """Put a suggested visit of `customer` on `day` in his manager's plan of that month, with the reasons' words.

    `version` is the plan's version the page was loaded with; None when the page saw no plan of that month, in
    which case the plan is made now (and a plan made meanwhile, by another tab, makes the page stale).
    """
    with transaction.atomic():
        plan = editing.plan_for(customer.manager, day)
        if plan is None:
            if version is not None:
                raise StaleEdit  # the page saw a plan that is gone
            plan = editing.plan_for(customer.manager, day, create=True)
            assert plan is not None  # made when missing
            version = plan.version
        return editing.add_visit(
            plan, customer, day, by=by, source=VisitSource.SUGGESTED, reason=reason, version=version
        )
