"""The review state machine: the only code that moves a `Reviewable` from one state to the next.

    draft ──submit──► submitted ──approve──► approved
    returned ──submit──┘         └──return (with a comment)──► returned

Submitting is the owner's (Action.CHANGE on the document); approving and returning are the reviewer's
(Action.APPROVE: the market manager of the owner's team, never the owner himself: accounts.access). Every step
runs in one transaction that first claims the document's version (the stale-edit guard), checks the state,
writes the document and its ReviewEvent, then checks again that the user still may see the document; a refused
step raises and so writes nothing.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import Action, may, staff_of
from workbench.lib.stale import claim_version
from workbench.reviews.models import Reviewable, ReviewEvent, ReviewState, ReviewStep


class TransitionRefused(Exception):
    """A step the document's state does not allow (approving a draft, submitting an approved document)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass(frozen=True)
class Transition:
    """A step of the state machine: the states it starts from, the state it leads to, the action it needs."""

    step: str
    sources: frozenset
    target: str
    action: Action


TRANSITIONS: dict[str, Transition] = {
    ReviewStep.SUBMITTED: Transition(
        ReviewStep.SUBMITTED, frozenset({ReviewState.DRAFT, ReviewState.RETURNED}), ReviewState.SUBMITTED, Action.CHANGE
    ),
    ReviewStep.APPROVED: Transition(
        ReviewStep.APPROVED, frozenset({ReviewState.SUBMITTED}), ReviewState.APPROVED, Action.APPROVE
    ),
    ReviewStep.RETURNED: Transition(
        ReviewStep.RETURNED, frozenset({ReviewState.SUBMITTED}), ReviewState.RETURNED, Action.APPROVE
    ),
}

REFUSALS: dict[str, Promise] = {
    ReviewStep.SUBMITTED: _("Only a draft or a returned document can be submitted."),
    ReviewStep.APPROVED: _("Only a submitted document can be approved."),
    ReviewStep.RETURNED: _("Only a submitted document can be returned."),
}


def allowed_steps(user, subject: Reviewable) -> list[str]:
    """The steps this user may take on the document now (what the page offers as buttons)."""
    return [
        step
        for step, transition in TRANSITIONS.items()
        if subject.review_state in transition.sources and may(user, subject, transition.action)
    ]


def record_event(subject, *, step: str, actor, comment: str = "", changes: list | None = None) -> ReviewEvent:
    """Add one step to the document's history (created, edited … as well as the transitions)."""
    return ReviewEvent.objects.create(
        subject=subject,
        step=step,
        actor=actor,
        at=timezone.now(),
        state_after=subject.review_state,
        comment=comment,
        changes=changes or [],
    )


def take_step(subject: Reviewable, *, step: str, user, version: int | None, comment: str = "") -> ReviewEvent:
    """Move the document by `step` (a ReviewStep of TRANSITIONS) for `user`, or raise and write nothing.

    Raises PermissionDenied (the user may not take this step: the caller has already given 404 to a user who
    may not see the document), StaleEdit (the page was loaded before another save), TransitionRefused (the state
    does not allow the step) or ValidationError (a return without a comment).
    """
    transition = TRANSITIONS[step]
    actor = staff_of(user)
    if actor is None or not may(user, subject, transition.action):
        raise PermissionDenied
    comment = comment.strip()
    if step == ReviewStep.RETURNED and not comment:
        raise ValidationError({"comment": _("Say what is to be changed: a return needs a comment.")})
    with transaction.atomic():
        claim_version(subject, version)
        fresh = type(subject)._default_manager.select_for_update().get(pk=subject.pk)
        if fresh.review_state not in transition.sources:
            raise TransitionRefused(REFUSALS[step])
        now = timezone.now()
        subject.review_state = transition.target
        if step == ReviewStep.SUBMITTED:
            subject.submitted_at = now
            subject.decided_at = None
            subject.decided_by = None
        else:
            subject.decided_at = now
            subject.decided_by = actor
            subject.return_comment = comment if step == ReviewStep.RETURNED else ""
        subject.save(
            update_fields=["review_state", "submitted_at", "decided_at", "decided_by", "return_comment", "version"]
        )
        event = record_event(subject, step=step, actor=actor, comment=comment)
        # After the write, the scope once more: a document that left the user's view in the meantime is not his
        # to move, and the transaction rolls back.
        if not may(user, subject, Action.VIEW):
            raise PermissionDenied
    return event


def submit(subject: Reviewable, *, user, version: int | None) -> ReviewEvent:
    """The owner sends a draft (or a returned document) for review."""
    return take_step(subject, step=ReviewStep.SUBMITTED, user=user, version=version)


def approve(subject: Reviewable, *, user, version: int | None, comment: str = "") -> ReviewEvent:
    """The reviewer approves a submitted document (an optional comment goes to the history)."""
    return take_step(subject, step=ReviewStep.APPROVED, user=user, version=version, comment=comment)


def return_for_changes(subject: Reviewable, *, user, version: int | None, comment: str) -> ReviewEvent:
    """The reviewer sends a submitted document back to its owner, saying what to change."""
    return take_step(subject, step=ReviewStep.RETURNED, user=user, version=version, comment=comment)
