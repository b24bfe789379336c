"""The writes of 市场机会 (market opportunities, docs/definitions.md#market-opportunities): enter one found in the
field, and follow it up to an outcome. Views and the API call these; both validate through opportunity_forms."""

from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from workbench.accounts.access import Action, is_owner, may_own_customers, staff_of
from workbench.lib.stale import StaleEdit
from workbench.visits.models import MarketOpportunity, OpportunityStatus

# 待跟进 → 跟进中 → 已转化 / 放弃: where the follow-up may go from each status (staying is always allowed, to add to
# the action or the result); a converted or dropped opportunity is closed for good.
NEXT_STATUSES = {
    OpportunityStatus.PENDING: (
        OpportunityStatus.PENDING,
        OpportunityStatus.FOLLOWING,
        OpportunityStatus.CONVERTED,
        OpportunityStatus.DROPPED,
    ),
    OpportunityStatus.FOLLOWING: (OpportunityStatus.FOLLOWING, OpportunityStatus.CONVERTED, OpportunityStatus.DROPPED),
    OpportunityStatus.CONVERTED: (OpportunityStatus.CONVERTED,),
    OpportunityStatus.DROPPED: (OpportunityStatus.DROPPED,),
}


def may_enter_opportunities(user) -> bool:
    """Opportunities are entered in the field by a customer manager (a role that may own customers), for himself."""
    staff = staff_of(user)
    return staff is not None and may_own_customers(staff.role)


def may_follow_up(user, opportunity: MarketOpportunity) -> bool:
    """Only the one who found it follows it up (his market manager and those above only see it)."""
    return (
        is_owner(user, opportunity, "staff")
        and MarketOpportunity.objects.restrict(user, Action.CHANGE).filter(pk=opportunity.pk).exists()
    )


def create_opportunity(*, user, values: dict) -> MarketOpportunity:
    """A new opportunity found by the user (`values`: an OpportunityForm's cleaned data); PermissionDenied unless
    he may enter opportunities."""
    if not may_enter_opportunities(user):
        raise PermissionDenied
    specs = values.pop("related_specs", [])
    with transaction.atomic():
        opportunity = MarketOpportunity(staff=staff_of(user), **values)
        opportunity.full_clean()
        opportunity.save()
        opportunity.related_specs.set(specs)
    return opportunity


def follow_up(*, user, opportunity: MarketOpportunity, values: dict, loaded_at: datetime | None) -> MarketOpportunity:
    """Save the follow-up (status, action, result, closing date) of an opportunity.

    `loaded_at` is the `updated_at` the form was loaded with: a save made on an older state is refused (StaleEdit)
    and writes nothing. The compare and the write are one UPDATE, so two saves racing cannot both pass.
    """
    if not may_follow_up(user, opportunity):
        raise PermissionDenied
    if loaded_at is None:
        raise StaleEdit
    for name, value in values.items():
        setattr(opportunity, name, value)
    opportunity.full_clean()
    with transaction.atomic():
        # Strictly later than the state it replaces, even on a clock that stands still or steps back, so that a
        # form loaded before this save can never match it again.
        saved = opportunity.updated_at = max(timezone.now(), loaded_at + timedelta(microseconds=1))
        updated = MarketOpportunity.objects.filter(pk=opportunity.pk, updated_at=loaded_at).update(
            **values, updated_at=saved
        )
        if updated != 1:
            raise StaleEdit
    return opportunity
