"""The sales target's review, every transition allowed and refused by who asks, and "a refused transition
changes nothing" (the small review of services.py, until the reviews app takes it over)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from workbench.lib.stale import StaleEdit
from workbench.reviews.models import ReviewEvent, ReviewState
from workbench.reviews.services import TransitionRefused
from workbench.targets import services
from workbench.targets.models import SalesTarget
from workbench.testing import rows

MONTH = date(2026, 11, 1)
snapshot = rows(SalesTarget)
history = rows(ReviewEvent)


@pytest.fixture
def target(customer_manager):
    """CM1's draft target of November 2026: 300 条, 24,000 元."""
    return services.save_sales_target(user=customer_manager.user, month=MONTH, qty=300, amount=Decimal("24000"))


def test_a_draft_is_created_by_its_owner_then_changed_with_its_version(target, customer_manager):
    # when he changes it with the version he read
    changed = services.save_sales_target(
        user=customer_manager.user, month=date(2026, 11, 20), qty=320, amount=Decimal("25600.50"), version=1
    )

    # then the same target, at version 2, with a 单条值 of 25,600.50 / 320
    assert (changed.pk, changed.version, changed.qty, changed.review_state) == (target.pk, 2, 320, ReviewState.DRAFT)
    assert changed.value_per_carton == Decimal("80.00")


def test_a_stale_save_is_refused_and_writes_nothing(target, customer_manager):
    # given a save from another tab
    services.save_sales_target(user=customer_manager.user, month=MONTH, qty=310, amount=Decimal("1"), version=1)
    before = snapshot()

    # when the first tab saves with the version it read
    with pytest.raises(StaleEdit):
        services.save_sales_target(user=customer_manager.user, month=MONTH, qty=999, amount=Decimal("1"), version=1)

    # then
    assert snapshot() == before


def test_submit_approve(target, customer_manager, market_manager):
    # when he submits it and his market manager approves it
    submitted = services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    approved = services.approve_sales_target(user=market_manager.user, target=submitted, version=2, comment="好")

    # then approved, and the history says who did what: created, submitted, approved with the comment
    assert (approved.review_state, approved.version, approved.decided_by, approved.return_comment) == (
        ReviewState.APPROVED,
        3,
        market_manager,
        "",
    )
    assert approved.submitted_at is not None
    assert approved.decided_at is not None
    history = [(event.step, event.actor, event.state_after, event.comment) for event in ReviewEvent.objects.of(target)]
    assert history == [
        ("created", customer_manager, "draft", ""),
        ("submitted", customer_manager, "submitted", ""),
        ("approved", market_manager, "approved", "好"),
    ]


def test_return_then_fix_and_resubmit(target, customer_manager, market_manager):
    # given a submitted target returned with a comment
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    returned = services.return_sales_target(user=market_manager.user, target=target, version=2, comment="太低")
    assert (returned.review_state, returned.return_comment) == (ReviewState.RETURNED, "太低")

    # when he changes it: it stays returned until he submits it again
    fixed = services.save_sales_target(
        user=customer_manager.user, month=MONTH, qty=350, amount=Decimal("28000"), version=3
    )
    assert fixed.review_state == ReviewState.RETURNED
    resubmitted = services.submit_sales_target(user=customer_manager.user, target=fixed, version=4)

    # then
    assert (resubmitted.review_state, resubmitted.qty, resubmitted.version) == (ReviewState.SUBMITTED, 350, 5)


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        # only the owner submits: not his colleague, nor his market manager, nor an admin
        ("colleague", "submit", PermissionDenied),
        ("market_manager", "submit", PermissionDenied),
        ("admin_staff", "submit", PermissionDenied),
        # a draft cannot be approved or returned, even by the right person
        ("market_manager", "approve", TransitionRefused),
        ("market_manager", "return", TransitionRefused),
        # the owner never approves himself
        ("customer_manager", "approve", PermissionDenied),
    ],
)
def test_refused_transitions_of_a_draft_change_nothing(request, target, who, action, error):
    # given
    user = request.getfixturevalue(who).user
    before = snapshot(), history()

    # when
    with pytest.raises(error):
        run(action, user, target, version=1)

    # then neither the target nor its history changed
    assert (snapshot(), history()) == before


@pytest.mark.parametrize(
    ("who", "action", "error"),
    [
        # who is not the market manager of the owner's team may not approve nor return
        ("customer_manager", "approve", PermissionDenied),
        ("customer_manager", "return", PermissionDenied),
        ("colleague", "approve", PermissionDenied),
        ("outsider", "approve", PermissionDenied),
        ("leader", "approve", PermissionDenied),
        ("brand_manager", "approve", PermissionDenied),
        ("admin_staff", "approve", PermissionDenied),
        # a submitted target is no longer the owner's to change or submit
        ("customer_manager", "submit", TransitionRefused),
        ("customer_manager", "save", ValidationError),
    ],
)
def test_refused_transitions_of_a_submitted_target_change_nothing(
    request, target, customer_manager, who, action, error
):
    # given a submitted target
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    user = request.getfixturevalue(who).user
    before = snapshot()

    # when
    with pytest.raises(error):
        run(action, user, target, version=2)

    # then
    assert snapshot() == before


def test_approving_an_approved_target_again_is_refused(target, customer_manager, market_manager):
    # given an approved target
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    services.approve_sales_target(user=market_manager.user, target=target, version=2)
    before = snapshot()

    # when / then: neither approved again, nor returned, nor submitted by its owner (changing it makes a new
    # version: test_versions.py)
    for action, error in (
        ("approve", TransitionRefused),
        ("return", TransitionRefused),
        ("submit", TransitionRefused),
    ):
        user = (customer_manager if action in ("submit", "save") else market_manager).user
        with pytest.raises(error):
            run(action, user, target, version=3)
    assert snapshot() == before


def test_a_return_needs_a_comment(target, customer_manager, market_manager):
    services.submit_sales_target(user=customer_manager.user, target=target, version=1)
    before = snapshot()
    with pytest.raises(ValidationError):
        services.return_sales_target(user=market_manager.user, target=target, version=2, comment="  ")
    assert snapshot() == before


def run(action: str, user, target: SalesTarget, *, version: int):
    if action == "submit":
        return services.submit_sales_target(user=user, target=target, version=version)
    if action == "approve":
        return services.approve_sales_target(user=user, target=target, version=version)
    if action == "return":
        return services.return_sales_target(user=user, target=target, version=version, comment="退回")
    return services.save_sales_target(user=user, month=target.month, qty=1, amount=Decimal(1), version=version)


def test_a_second_new_target_of_the_same_month_is_refused_as_stale(target, customer_manager):
    # given a form loaded before the target existed, saved without a version, after another tab created it:
    # the service finds the target and asks for the version the form does not have
    before = snapshot()
    with pytest.raises(StaleEdit):
        services.save_sales_target(user=customer_manager.user, month=MONTH, qty=5, amount=Decimal(5))
    assert snapshot() == before
