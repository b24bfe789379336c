"""客户集 (customer sets): the services that write them.

Views and any other caller go through these functions; each write runs in one transaction and re-checks the
owner's scope, so a set never holds a customer its owner could not pick. A change passes the version the caller
read the set with: a stale one is refused (lib.stale) and nothing is written.
"""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from workbench.accounts.models import OrgUnit, Staff
from workbench.customers.models import Customer, CustomerSet, CustomerSetKind
from workbench.customers.sets import RULE_DEFAULTS
from workbench.sets.services import check_publishing, start_change


def _check_members(owner: Staff, member_ids: set[int]) -> None:
    visible = Customer.objects.restrict(owner.user, "view").filter(pk__in=member_ids).count()
    if visible != len(member_ids):
        raise ValidationError({"members": _("A set may only hold customers its owner can see.")})


def _apply_rule(customer_set: CustomerSet, rule: dict | None) -> None:
    rule = rule or {}
    unknown = set(rule) - set(RULE_DEFAULTS)
    if unknown:
        raise ValueError(f"unknown rule criteria: {sorted(unknown)}")
    for name, default in RULE_DEFAULTS.items():
        value = rule.get(name, default)
        setattr(customer_set, name, list(value or []) if isinstance(default, list) else value)
    manager = customer_set.rule_manager
    managers = Staff.objects.restrict(customer_set.owner.user, "view").customer_managers()
    if manager is not None and not managers.filter(pk=manager.pk).exists():
        raise ValidationError({"rule_manager": _("Pick a customer manager in your scope.")})


@transaction.atomic
def create_customer_set(
    *,
    owner: Staff,
    name: str,
    description: str = "",
    kind: str = CustomerSetKind.FIXED,
    shared_with: OrgUnit | None = None,
    members: Iterable[Customer] = (),
    rule: dict | None = None,
) -> CustomerSet:
    """Create a 客户集: a fixed list of `members`, or a saved `rule` (a dict of RULE_DEFAULTS values)."""
    check_publishing(owner, shared_with)
    customer_set = CustomerSet(owner=owner, name=name, description=description, kind=kind, shared_with=shared_with)
    member_ids = {customer.pk for customer in members}
    if kind == CustomerSetKind.RULE:
        if member_ids:
            raise ValidationError({"members": _("A saved rule has no fixed members.")})
        _apply_rule(customer_set, rule)
    else:
        _check_members(owner, member_ids)
    customer_set.full_clean()
    customer_set.save()
    customer_set.members.set(member_ids)
    return customer_set


@transaction.atomic
def update_customer_set(
    *,
    customer_set: CustomerSet,
    version: int | None,
    name: str,
    description: str = "",
    shared_with: OrgUnit | None = None,
    members: Iterable[Customer] | None = None,
    rule: dict | None = None,
) -> CustomerSet:
    """Change a 客户集's name, description, publishing, and its members (a fixed list) or rule (a saved rule).

    `version` is the one the caller read the set with; StaleEdit if the set was saved since. Members the owner
    can no longer see (customers moved to another manager) stay in a fixed list: he could not pick them again,
    and they are hidden from him anyway by `customers(user)`.
    """
    owner = customer_set.owner
    start_change(customer_set, version=version, shared_with=shared_with)
    customer_set.name = name
    customer_set.description = description
    customer_set.shared_with = shared_with
    if customer_set.is_rule:
        _apply_rule(customer_set, rule)
    customer_set.full_clean()
    customer_set.save()
    if not customer_set.is_rule and members is not None:
        member_ids = {customer.pk for customer in members}
        _check_members(owner, member_ids)
        in_scope = Customer.objects.restrict(owner.user, "view").values("pk")
        hidden_ids = set(customer_set.members.exclude(pk__in=in_scope).values_list("pk", flat=True))
        customer_set.members.set(member_ids | hidden_ids)
    return customer_set


@transaction.atomic
def delete_customer_set(*, customer_set: CustomerSet) -> None:
    """Delete a 客户集 (its member links go with it; the customers stay)."""
    customer_set.delete()
