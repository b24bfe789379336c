"""What a 客户集 (customer set) and a 品牌集 (brand set) have in common: an owner, a name, publishing, visibility.

`SavedSet` is an abstract model: it adds no table, each kind of set keeps its own. Who may see or change a set is
decided in accounts.access (the `OwnedAndShared` rule), like every other scope: `restrict(user, "view")` gives the
owner's sets and those published to his unit or a unit above it, `restrict(user, "change")` the owner's only.
"""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.accounts.access import OwnedAndShared, RestrictedQuerySet
from workbench.lib.stale import Versioned

if TYPE_CHECKING:
    from workbench.accounts.models import Staff


class SavedSetQuerySet(RestrictedQuerySet):
    """Saved sets; `restrict(user, action)` narrows them to what the user may see or change."""


def saved_set_owner(*, related_name: str) -> models.ForeignKey:
    """The `owner` (创建人) field of a saved set.

    Each kind of set declares it with its own reverse name (`staff.customer_sets`, `staff.brand_sets`), which
    `%(class)s` cannot spell, so the field is built here rather than declared on `SavedSet`.
    """
    return models.ForeignKey(
        "accounts.Staff",
        verbose_name=pgettext_lazy("saved set", "owner"),  # 创建人, not a shop's 负责人
        on_delete=models.CASCADE,
        related_name=related_name,
    )


class SavedSet(Versioned):
    """A named set a staff member saves for himself, private until he publishes it to an org unit (`shared_with`).

    A subclass declares `owner = saved_set_owner(related_name=...)` and its own members. `version` (Versioned)
    is the stale-edit guard: an edit loaded before the latest save is refused.
    """

    name = models.CharField(_("name"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    shared_with = models.ForeignKey(
        "accounts.OrgUnit",
        verbose_name=_("published to"),
        null=True,
        blank=True,
        # Deleting the unit makes the set private again: narrowing is the safe direction.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # Declared by each kind with its own reverse name (saved_set_owner); named here for the code every kind shares.
    owner: "Staff"

    objects = SavedSetQuerySet.as_manager()
    access_rule = OwnedAndShared(owner_field="owner", shared_field="shared_with")

    class Meta:
        abstract = True
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
