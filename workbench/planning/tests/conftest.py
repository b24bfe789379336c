"""What the plan tests share: CM1's plan of December 2026 with one task, at each review state."""

from datetime import date

import pytest

from workbench.planning import services
from workbench.planning.services import PlanContent
from workbench.reviews.models import ReviewState

MONTH = date(2026, 12, 1)
FIRST_WEEK = date(2026, 11, 30)  # the ISO week holding 1 December 2026


def one_task(description="拜访玄武食杂店", week=FIRST_WEEK, line=None, customer=None) -> dict:
    """A plan task row as the editor sends it to the service."""
    return {
        "line": line,
        "kind": "visit",
        "description": description,
        "customer_id": customer.pk if customer else None,
        "customer_set_id": None,
        "week_start": week,
    }


def content(*items, summary="本月重点：提升七匹狼铺货率", problems=()) -> PlanContent:
    return PlanContent(summary=summary, problems=list(problems), items=list(items), taken_task_ids=frozenset())


@pytest.fixture
def plan(customer_manager):
    """CM1's plan of December 2026, version 1 a draft with one task."""
    plan = services.start_plan(user=customer_manager.user, month=MONTH)
    services.save_plan(plan=plan, user=customer_manager.user, version=1, content=content(one_task()))
    return plan


def bring_to(plan, state, customer_manager, market_manager):
    """Move the plan's newest version to `state` through the services, as the two people would."""
    if state == ReviewState.DRAFT:
        return
    version = plan.latest_version()
    services.submit_plan(plan=plan, user=customer_manager.user, version=version.version)
    if state == ReviewState.SUBMITTED:
        return
    version.refresh_from_db()
    decision = "approved" if state == ReviewState.APPROVED else "returned"
    services.decide_plan(
        plan=plan, user=market_manager.user, version=version.version, decision=decision, comment="请补充拜访客户"
    )
