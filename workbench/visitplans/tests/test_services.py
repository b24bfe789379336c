"""propose_plan: the proposal written into the month's draft plan (docs/definitions.md#proposal)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from workbench import testing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState, VisitSource
from workbench.visitplans.services import PlanRefused, propose_plan

JUNE = date(2026, 6, 1)


def test_the_proposal_replaces_proposed_visits_and_keeps_added_ones(customer_manager):
    # given a draft June plan with an old proposed visit and an added one; C1 last visited 25 May, cycle 7
    first = testing.make_customer("C1", customer_manager, visit_cycle_days=7)
    second = testing.make_customer("C2", customer_manager, visit_cycle_days=14)
    testing.make_visit(first, date(2026, 5, 25))
    plan = VisitPlan.objects.create(staff=customer_manager, month=JUNE)
    PlannedVisit.objects.create(plan=plan, customer=first, day=date(2026, 6, 3))
    PlannedVisit.objects.create(plan=plan, customer=second, day=date(2026, 6, 10), source=VisitSource.ADDED)
    # when
    result = propose_plan(customer_manager, JUNE, by=customer_manager.user)
    # then C1 every 7 days from 25 May, C2's added visit kept and counted (its next one 14 days later)
    visits = list(result.visits.order_by("day", "customer__code").values_list("customer__code", "day", "source"))
    assert visits == [
        ("C1", date(2026, 6, 1), "proposed"),
        ("C1", date(2026, 6, 8), "proposed"),
        ("C2", date(2026, 6, 10), "added"),
        ("C1", date(2026, 6, 15), "proposed"),
        ("C1", date(2026, 6, 22), "proposed"),
        ("C2", date(2026, 6, 24), "proposed"),
        ("C1", date(2026, 6, 29), "proposed"),
    ]
    assert result.version == 2
    assert result.proposed_at is not None


def test_a_committed_plan_is_refused_and_unchanged(customer_manager):
    # given a committed June plan with one visit
    customer = testing.make_customer("C1", customer_manager)
    plan = VisitPlan.objects.create(staff=customer_manager, month=JUNE, state=VisitPlanState.COMMITTED)
    PlannedVisit.objects.create(plan=plan, customer=customer, day=date(2026, 6, 3))
    # when / then
    with pytest.raises(PlanRefused, match="2026-06"):
        propose_plan(customer_manager, JUNE, by=customer_manager.user)
    assert list(plan.visits.values_list("day", flat=True)) == [date(2026, 6, 3)]


@pytest.mark.parametrize("persona", ["outsider", "colleague", "market_manager", "admin_staff"])
def test_only_the_customer_manager_proposes_his_plan(request, customer_manager, persona):
    # given CM1 with a customer, and someone else asking (the command passes by=None: the platform itself)
    testing.make_customer("C1", customer_manager)
    other = request.getfixturevalue(persona)
    # when / then refused, and no plan was made
    with pytest.raises(PermissionDenied):
        propose_plan(customer_manager, JUNE, by=other.user)
    assert VisitPlan.objects.count() == 0


@pytest.mark.parametrize("customers", [1, 6])
def test_the_proposal_reads_one_query_per_kind_of_data(customer_manager, customers, django_assert_num_queries):
    # given a draft plan and 1 or 6 customers with a last visit each
    for number in range(customers):
        customer = testing.make_customer(f"C{number}", customer_manager, visit_cycle_days=7)
        testing.make_visit(customer, date(2026, 5, 25))
    VisitPlan.objects.create(staff=customer_manager, month=JUNE)
    # when / then the same queries whatever the number of customers: the transaction (savepoint, release), the plan
    # (get, then lock within his scope), the kept visits, the customers, the rules, the cycles, the last visits,
    # the delete, the insert, the version and the reload
    with django_assert_num_queries(13):
        propose_plan(customer_manager, JUNE, by=customer_manager.user)
    assert PlannedVisit.objects.filter(plan__month=JUNE).count() == 5 * customers
