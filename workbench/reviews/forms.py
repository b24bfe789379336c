"""The reviewer's form: approve, or return with a comment."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.lib.stale import VersionedForm
from workbench.reviews.models import ReviewStep


class DecisionForm(VersionedForm):
    """The reviewer's decision on a submitted document; the comment is required to return it (services say so)."""

    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[(ReviewStep.APPROVED, _("Approve")), (ReviewStep.RETURNED, _("Return for changes"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
