"""Builders of the visit pages' tests: a committed visit plan and visits written straight to the tables (the
service is tested by the visit core)."""

from __future__ import annotations

import uuid
from datetime import date, time

from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visits.models import Visit, VisitMode


def committed_plan(staff, month: date, visits: list[tuple]) -> dict:
    """A committed visit plan of `staff` for `month` with these (customer, day) visits; the planned visits by code."""
    plan = VisitPlan.objects.create(staff=staff, month=month, state=VisitPlanState.COMMITTED)
    return {
        customer.code: PlannedVisit.objects.create(plan=plan, customer=customer, day=day) for customer, day in visits
    }


def make_visit(
    staff,
    customer,
    day: date,
    start: str,
    end: str,
    *,
    mode: str = VisitMode.FIELD,
    planned: PlannedVisit | None = None,
    **fields,
) -> Visit:
    """A visit as the service would have written it."""
    return Visit.objects.create(
        client_id=uuid.uuid4(),
        staff=staff,
        customer=customer,
        planned_visit=planned,
        visited_on=day,
        start_time=time.fromisoformat(start),
        end_time=time.fromisoformat(end),
        mode=mode,
        purposes=fields.pop("purposes", ["information"]),
        **fields,
    )
