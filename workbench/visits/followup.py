"""Following up a customer's request (诉求): its state changed from a visit's page, with the stale guard.

The visit's page carries the request's `version` as it was loaded (lib/stale.py); a change from an older page
(another tab, a change made meanwhile) writes nothing and the user is told to look again.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from workbench.lib.stale import StaleEdit, claim_version
from workbench.visits.models import RequestState, VisitRequest


class RequestRefused(Exception):
    """A state change refused: an unknown state, or a page older than the request's last change."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def version_of(text: str | None) -> int | None:
    """The version a page carried (None when missing or not a number: the guard then refuses)."""
    try:
        return int(text or "")
    except ValueError:
        return None


def set_request_state(visit_request: VisitRequest, *, state: str, version: int | None) -> None:
    """Set the request's follow-up state, if it is still at the `version` the page showed."""
    if state not in RequestState.values:
        raise RequestRefused(_("Choose one of the request states."))
    try:
        with transaction.atomic():
            claim_version(visit_request, version)
            visit_request.state = state
            visit_request.save(update_fields=["state", "version", "updated_at"])
    except StaleEdit as stale:
        raise RequestRefused(str(stale.message)) from None
