"""The review state machine (reviews.services) on the monthly plan: every transition from every state, by every
role; a refused transition changes nothing (docs/definitions.md#plan-review)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workbench import testing
from workbench.accounts.access import Action, may
from workbench.lib.stale import StaleEdit
from workbench.planning.models import MonthlyPlan, PlanItem, PlanVersion
from workbench.planning.tests.conftest import bring_to
from workbench.reviews import services as reviews
from workbench.reviews.models import ReviewEvent, ReviewState

snapshot = testing.rows(MonthlyPlan, PlanVersion, PlanItem, ReviewEvent)

# Who may take each step at all: submitting is the owner's; approving and returning his market manager's.
MAY_SUBMIT = {
    "customer_manager": True,  # the owner
    "colleague": False,
    "market_manager": False,
    "outsider": False,
    "leader": False,
    "brand_manager": False,
    "admin_staff": False,
}
MAY_DECIDE = {
    "customer_manager": False,  # never his own plan
    "colleague": False,
    "market_manager": True,  # the market manager of CM1's team
    "outsider": False,
    "leader": False,
    "brand_manager": False,
    "admin_staff": False,
}
# The state each step leads to from each state; None: the state refuses the step.
LEADS_TO = {
    ("submit", ReviewState.DRAFT): ReviewState.SUBMITTED,
    ("submit", ReviewState.SUBMITTED): None,
    ("submit", ReviewState.APPROVED): None,
    ("submit", ReviewState.RETURNED): ReviewState.SUBMITTED,
    ("approve", ReviewState.DRAFT): None,
    ("approve", ReviewState.SUBMITTED): ReviewState.APPROVED,
    ("approve", ReviewState.APPROVED): None,
    ("approve", ReviewState.RETURNED): None,
    ("return", ReviewState.DRAFT): None,
    ("return", ReviewState.SUBMITTED): ReviewState.RETURNED,
    ("return", ReviewState.APPROVED): None,
    ("return", ReviewState.RETURNED): None,
}


def take(step, version, user):
    if step == "submit":
        return reviews.submit(version, user=user, version=version.version)
    if step == "approve":
        return reviews.approve(version, user=user, version=version.version)
    return reviews.return_for_changes(version, user=user, version=version.version, comment="周计划太空")


@pytest.mark.parametrize("persona", testing.STAFF_PERSONAS)
@pytest.mark.parametrize(("step", "state"), list(LEADS_TO))
def test_every_transition_by_every_role(request, plan, customer_manager, market_manager, persona, step, state):
    # given CM1's plan at `state`, and a persona who wants to take `step`
    bring_to(plan, state, customer_manager, market_manager)
    version = plan.latest_version()
    staff = request.getfixturevalue(persona)
    allowed_role = (MAY_SUBMIT if step == "submit" else MAY_DECIDE)[persona]
    target = LEADS_TO[(step, state)]
    before = snapshot()

    # when he takes it
    if allowed_role and target is not None:
        event = take(step, version, staff.user)

        # then the version moves to the target state, and the history says who did it
        version.refresh_from_db()
        assert version.review_state == target
        assert (event.actor, event.state_after) == (staff, target)
    else:
        expected = PermissionDenied if not allowed_role else reviews.TransitionRefused
        with pytest.raises(expected):
            take(step, version, staff.user)

        # then nothing changed
        assert snapshot() == before


def test_a_return_needs_a_comment(plan, customer_manager, market_manager):
    # given a submitted plan
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    version = plan.latest_version()
    before = snapshot()

    # when the market manager returns it without a word, then it is refused and nothing changed
    with pytest.raises(ValidationError):
        reviews.return_for_changes(version, user=market_manager.user, version=version.version, comment="  ")
    assert snapshot() == before


def test_a_stale_decision_is_refused(plan, customer_manager, market_manager):
    # given a submitted plan, and a review page loaded before the submission
    loaded = plan.latest_version().version
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    before = snapshot()

    # when the market manager approves from the old page, then it is refused and nothing changed
    with pytest.raises(StaleEdit):
        reviews.approve(plan.latest_version(), user=market_manager.user, version=loaded)
    assert snapshot() == before


def test_nobody_approves_his_own_document(org, market_manager):
    # given a document owned by the market manager himself (made directly: the services give him no monthly plan)
    own = MonthlyPlan.objects.create(owner=market_manager, month="2026-12-01")
    version = PlanVersion.objects.create(plan=own, number=1, review_state=ReviewState.SUBMITTED)

    # then the approve action is refused to him on his own document
    assert may(market_manager.user, version, Action.APPROVE) is False
    assert may(market_manager.user, version, Action.CHANGE) is True


def test_the_steps_offered(plan, customer_manager, market_manager):
    # given a draft: only the owner may submit it
    version = plan.latest_version()
    assert reviews.allowed_steps(customer_manager.user, version) == ["submitted"]
    assert reviews.allowed_steps(market_manager.user, version) == []

    # when it is submitted: only the market manager may approve or return it
    bring_to(plan, ReviewState.SUBMITTED, customer_manager, market_manager)
    version.refresh_from_db()
    assert reviews.allowed_steps(customer_manager.user, version) == []
    assert reviews.allowed_steps(market_manager.user, version) == ["approved", "returned"]
