"""The one write of the market features: record a customer's features as a new row of his history."""

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from workbench.accounts.access import is_owner, staff_of
from workbench.customers.models import Customer
from workbench.features.models import FEATURE_FIELDS, MarketFeature
from workbench.lib.stale import StaleEdit


def current_features(customer: Customer) -> MarketFeature | None:
    """The customer's features in force: his row of the highest version (None: none recorded yet)."""
    return MarketFeature.objects.filter(customer=customer).order_by("-version").first()


def may_record_features(user, customer: Customer) -> bool:
    """Only the customer's own customer manager records his features (MarketFeature.access_rule, CHANGE)."""
    return is_owner(user, customer, "manager")


def record_features(*, user, customer: Customer, values: dict, version: int | None) -> MarketFeature | None:
    """Save `values` (FEATURE_FIELDS) as the customer's features from today; the new row, or None when nothing
    changed (no row is made for an unchanged form).

    `version` is the version of the row in force the form was loaded with (None: the form saw none); a save made
    on an older version is refused with StaleEdit and writes nothing. PermissionDenied unless the user is the
    customer's manager.
    """
    if not may_record_features(user, customer):
        raise PermissionDenied
    values = {name: values[name] for name in FEATURE_FIELDS}
    with transaction.atomic():
        current = current_features(customer)
        if (current.version if current else None) != version:
            raise StaleEdit
        if current is not None and current.values() == values:
            return None
        row = MarketFeature(
            customer=customer,
            version=current.version + 1 if current else 1,
            valid_from=timezone.localdate(),
            entered_by=staff_of(user),
            **values,
        )
        row.full_clean()
        try:
            # A savepoint: a race lost to the unique version is a stale edit, not a broken transaction.
            with transaction.atomic():
                row.save()
        except IntegrityError:
            raise StaleEdit from None
    return row
