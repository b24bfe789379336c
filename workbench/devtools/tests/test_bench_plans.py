"""`workbench bench plans` on the analysis territory: it finds the pages, requests each, prints its line, and writes
nothing (its transaction is rolled back). Durations are not asserted: speed is measured, not tested."""

from workbench.devtools.bench.plans import run_plans_bench
from workbench.lib.periods import first_of_month, week_of
from workbench.orders.freshness import data_end
from workbench.planning import services
from workbench.planning.models import MonthlyPlan, TeamPlan
from workbench.planning.tests.conftest import content, one_task
from workbench.targets.models import SalesTarget
from workbench.testing import rows

everything = rows(MonthlyPlan, TeamPlan, SalesTarget)


def test_the_plans_bench_requests_the_three_pages_and_writes_nothing(territory, customer_manager, market_manager):
    # given CM1's approved plan of the month of the data's last day
    end = data_end()
    assert end is not None
    month = first_of_month(end)
    plan = services.start_plan(user=customer_manager.user, month=month)
    services.save_plan(
        plan=plan, user=customer_manager.user, version=1, content=content(one_task(week=week_of(month).start))
    )
    services.submit_plan(plan=plan, user=customer_manager.user, version=2)
    services.decide_plan(plan=plan, user=market_manager.user, version=3, decision="approved")
    before = everything()
    lines: list[str] = []

    # when
    run_plans_bench(runs=1, write=lines.append)

    # then a line per page, each answered (no "HTTP" line), and what the bench generated is gone
    labels = [line.split("  ")[0] for line in lines if line.startswith(("plan page", "team plan states", "home page"))]
    assert labels == ["plan page (CM1, 1 tasks)", "team plan states (MM1, 2 managers)", "home page (CM1)"]
    assert not [line for line in lines if "HTTP" in line]
    assert everything() == before
