"""`workbench propose_visit_plans`: every customer manager without a committed plan, counts printed, idempotent."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from workbench import testing
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState


def run(*args) -> str:
    out = StringIO()
    with translation.override("en"):  # compared with the English source
        call_command("propose_visit_plans", *args, stdout=out)
    return out.getvalue().strip()


def plans():
    return list(
        PlannedVisit.objects.order_by("plan__staff__code", "day", "customer__code").values_list(
            "plan__staff__code", "customer__code", "day", "source", "gave_way"
        )
    )


def test_the_command_proposes_for_everyone_without_a_committed_plan(customer_manager, colleague, outsider):
    # given CM1 with one customer on a 14-day cycle, CM2 with a committed June plan, CM3 with none
    testing.make_customer("C1", customer_manager, visit_cycle_days=14)
    testing.make_customer("C2", colleague, visit_cycle_days=14)
    committed = VisitPlan.objects.create(staff=colleague, month=date(2026, 6, 1), state=VisitPlanState.COMMITTED)
    # when run twice
    first = run("--month", "2026-06")
    before = plans()
    second = run("--month", "2026-06")
    # then CM1 and CM3 got plans (CM3's empty), CM2's committed one is untouched, and the second run changed nothing
    assert first == second == "2026-06: plans proposed 2 (2 visits); committed plans left as they are: 1."
    assert (
        before
        == plans()
        == [
            ("CM1", "C1", date(2026, 6, 12), "proposed", ""),
            ("CM1", "C1", date(2026, 6, 26), "proposed", ""),
        ]
    )
    assert committed.visits.count() == 0
    assert VisitPlan.objects.filter(state=VisitPlanState.DRAFT).count() == 2


def test_the_command_takes_staff_codes_and_refuses_unknown_ones(customer_manager, market_manager):
    assert run("--month", "2026-06", "--staff", "CM1") == (
        "2026-06: plans proposed 1 (0 visits); committed plans left as they are: 0."
    )
    with pytest.raises(CommandError, match="MM1, XX"):
        run("--month", "2026-06", "--staff", "CM1", "MM1", "XX")
    with pytest.raises(CommandError):
        run("--month", "June")


def test_the_benchmark_times_the_proposal_and_leaves_nothing_behind(customer_manager, colleague):
    # given two customer managers with a customer each
    testing.make_customer("C1", customer_manager, visit_cycle_days=14)
    testing.make_customer("C2", colleague, visit_cycle_days=7)
    out = StringIO()
    # when
    call_command("bench", "visitplans", "--runs", "1", stdout=out)
    # then it reports the cases, and the plans it proposed were rolled back
    lines = out.getvalue().splitlines()
    assert lines[1].startswith("one customer manager (CM1, 1 customers, ")
    assert lines[3].startswith("the city (2 customer managers, 2 customers, ")
    assert VisitPlan.objects.count() == 0
