"""Following up a customer's request (诉求): its state changed from a visit's page, guarded against a stale page.

The visit's page carries the request's `updated_at` as it was loaded; the change is one UPDATE that also matches
that time, so a change made meanwhile (another tab, the phone's sync) is never overwritten: nothing is written and
the user is told to look again.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.visits.models import RequestState, VisitRequest


class RequestRefused(Exception):
    """A state change refused: an unknown state, or a page older than the request's last change."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def stamp(moment: datetime) -> str:
    """How a request's `updated_at` travels in the page (ISO 8601, microseconds kept)."""
    return moment.isoformat()


@transaction.atomic
def set_request_state(visit_request: VisitRequest, *, state: str, seen: str) -> None:
    """Set the request's follow-up state, if it is still as the page showed it (`seen`, its `updated_at`)."""
    if state not in RequestState.values:
        raise RequestRefused(_("Choose one of the request states."))
    try:
        seen_at = datetime.fromisoformat(seen)
    except ValueError:
        seen_at = None
    if seen_at is None or seen_at.tzinfo is None:
        raise RequestRefused(_("The page is out of date: open the visit again and make your change."))
    # The new time always differs from the one seen (two changes within a microsecond, a clock set back), or a
    # second page loaded before the first change would still match.
    now = max(timezone.now(), seen_at + timedelta(microseconds=1))
    changed = VisitRequest.objects.filter(pk=visit_request.pk, updated_at=seen_at).update(state=state, updated_at=now)
    if not changed:
        raise RequestRefused(
            _("Someone changed this request in the meantime. Nothing was saved: look at its state and change it again.")
        )
