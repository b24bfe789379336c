"""The checks every kind of saved set's services share: publishing, and the stale-edit guard before a change.

Each kind's own services (customers.services, catalog.services) call these inside their transaction.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from workbench.accounts.access import publishable_units
from workbench.lib.stale import claim_version
from workbench.sets.models import SavedSet


def check_publishing(owner, shared_with) -> None:
    """Refuse publishing a set to a unit its owner may not publish to (accounts.access.publishable_units)."""
    if shared_with is not None and not publishable_units(owner.user).filter(pk=shared_with.pk).exists():
        raise ValidationError({"shared_with": _("You may not publish a set to this unit.")})


def start_change(saved_set: SavedSet, *, version: int | None, shared_with) -> None:
    """The first step of every change of a set: the stale-edit guard (lib.stale), then the publishing check.

    `version` is the one the caller read the set with (the edit form's hidden field); a missing one is refused
    like an old one. Raises StaleEdit or ValidationError; nothing is written then, because the caller's
    transaction rolls the raised version back.
    """
    claim_version(saved_set, version)
    check_publishing(saved_set.owner, shared_with)
