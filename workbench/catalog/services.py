"""品牌集 (brand sets): the services that write them, each in one transaction.

A change passes the version the caller read the set with: a stale one is refused (lib.stale), nothing written.
"""

from collections.abc import Iterable

from django.db import transaction

from workbench.accounts.models import OrgUnit, Staff
from workbench.catalog.models import BrandSet, Spec
from workbench.sets.services import check_publishing, start_change


@transaction.atomic
def create_brand_set(
    *,
    owner: Staff,
    name: str,
    description: str = "",
    shared_with: OrgUnit | None = None,
    specs: Iterable[Spec] = (),
) -> BrandSet:
    """Create a 品牌集 holding `specs`."""
    check_publishing(owner, shared_with)
    brand_set = BrandSet(owner=owner, name=name, description=description, shared_with=shared_with)
    brand_set.full_clean()
    brand_set.save()
    brand_set.specs.set({spec.pk for spec in specs})
    return brand_set


@transaction.atomic
def update_brand_set(
    *,
    brand_set: BrandSet,
    version: int | None,
    name: str,
    description: str = "",
    shared_with: OrgUnit | None = None,
    specs: Iterable[Spec] | None = None,
) -> BrandSet:
    """Change a 品牌集's name, description, publishing and (when given) its specs; StaleEdit if `version`, the
    one the caller read the set with, is no longer the stored one."""
    start_change(brand_set, version=version, shared_with=shared_with)
    brand_set.name = name
    brand_set.description = description
    brand_set.shared_with = shared_with
    brand_set.full_clean()
    brand_set.save()
    if specs is not None:
        brand_set.specs.set({spec.pk for spec in specs})
    return brand_set


@transaction.atomic
def delete_brand_set(*, brand_set: BrandSet) -> None:
    """Delete a 品牌集 (the specs stay)."""
    brand_set.delete()
