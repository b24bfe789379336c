"""One stale-edit guard for every editable object: two tabs editing the same object must not lose an update.

The object carries a `version` integer, raised by one at every save through the guard. The edit form carries the
version it was loaded with; a save whose version is no longer the stored one is refused (StaleEdit), nothing is
written, and the view shows the form again with the user's input and `STALE_MESSAGE`.

How to use it (saved sets do exactly this; plans and reports will too):

1. The model inherits `Versioned` (an abstract model: it only adds the `version` field); run makemigrations.
2. The edit form inherits `VersionedForm`; the view gives it `initial={"version": obj.version, ...}` on GET.
3. The service that saves takes `version` and calls `claim_version(obj, version)` first, inside its
   `transaction.atomic()`: the version is compared and raised in one UPDATE, so two saves racing each other
   cannot both pass.
4. The view catches StaleEdit and adds `error.message` to the form (`form.add_error(None, error.message)`).

It lives in lib, below every app, because every editable object needs it; `Versioned` is abstract, so lib still
has no table and no app of its own.
"""

from django import forms
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Someone saved this in the meantime (another tab or another person). Nothing was saved: "
    "open it again to see the new version, then make your change."
)


class StaleEdit(Exception):
    """A save from a form loaded before the object's latest save: refused, nothing written."""

    def __init__(self, message=STALE_MESSAGE):
        super().__init__(str(message))
        self.message = message


class Versioned(models.Model):
    """Adds `version`, the number of the object's latest save through the guard (1 when created)."""

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


def claim_version(obj: Versioned, version: int | None) -> None:
    """Check that `obj` is still at `version` and raise it by one, in one UPDATE; StaleEdit if it is not.

    Call it inside the saving transaction before any other write, so a refused save writes nothing. `obj.version`
    is set to the new number, so a later `obj.save()` keeps it. Without a version (None) the edit is refused too:
    a form that lost its version cannot prove it saw the latest save.
    """
    if version is None:
        raise StaleEdit
    claimed = type(obj)._default_manager.filter(pk=obj.pk, version=version).update(version=F("version") + 1)
    if claimed != 1:
        raise StaleEdit
    obj.version = version + 1


class VersionedForm(forms.Form):
    """A form that carries, hidden, the version of the object it was loaded with (see the module docstring)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def loaded_version(self) -> int | None:
        """The version the form was loaded with (None on a form that creates, or one that lost it)."""
        return self.cleaned_data.get("version")
