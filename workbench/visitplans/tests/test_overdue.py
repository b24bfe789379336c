"""Overdue customers (docs/definitions.md#overdue): last visit longer ago than the cycle, or none."""

from datetime import date

from workbench import testing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visitplans.overdue import Overdue, overdue


def test_overdue_customers_with_how_late_they_are(customer_manager):
    # given C1 visited on 20 May, C2 on 25 May; C3 never; C4 only planned (a plan is not a visit); all 7-day cycles
    customers = [testing.make_customer(f"C{n}", customer_manager, visit_cycle_days=7) for n in range(1, 5)]
    testing.make_visit(customers[0], date(2026, 5, 20))
    testing.make_visit(customers[1], date(2026, 5, 25))
    committed = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 5, 1), state=VisitPlanState.COMMITTED)
    PlannedVisit.objects.create(plan=committed, customer=customers[3], day=date(2026, 5, 30))
    # when on 1 June (C2's gap is 7 days: not late)
    rows = overdue(customer_manager, date(2026, 6, 1))
    # then
    assert rows == [
        Overdue(customers[2].pk, None, 7, None),
        Overdue(customers[3].pk, None, 7, None),
        Overdue(customers[0].pk, date(2026, 5, 20), 7, 5),
    ]
