"""What every kind of saved set's form shares: name, description, publishing, and the version it was loaded with."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import publishable_units
from workbench.lib.forms import offer_objects
from workbench.lib.stale import VersionedForm

if TYPE_CHECKING:
    from workbench.accounts.models import OrgUnit


class SetFormBase(VersionedForm):
    """Name, description and publishing (`shared_with`, offered only to those who may publish)."""

    # What publishing means for this kind of set; a kind may say more.
    shared_with_help = _("Everyone in this unit will see the set.")

    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    shared_with: forms.ModelChoiceField[OrgUnit] = forms.ModelChoiceField(
        label=_("Publish to"), queryset=None, required=False, empty_label=_("Nobody (private)")
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = publishable_units(user)
        if units.exists():
            offer_objects(self, "shared_with", units).help_text = self.shared_with_help
        else:
            # Only a market manager or a brand manager publishes; everyone else keeps his sets private.
            del self.fields["shared_with"]

    def set_values(self) -> dict:
        """The cleaned name, description and publishing, as keyword arguments of the services."""
        data = self.cleaned_data
        return {"name": data["name"], "description": data["description"], "shared_with": data.get("shared_with")}


def set_initial(saved_set) -> dict:
    """The shared fields' initial values from a saved set, with the version the form is loaded with."""
    return {
        "name": saved_set.name,
        "description": saved_set.description,
        "shared_with": saved_set.shared_with_id,
        "version": saved_set.version,
    }
