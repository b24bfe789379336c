"""The form of a customer's visit cycle override (docs/definitions.md#visit-cycle)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.lib.stale import VersionedForm
from workbench.visitplans.models import CYCLE_VALIDATORS


class CustomerCycleForm(VersionedForm):
    """The days of the override; empty removes it (customers.csv or the rules decide again)."""

    days = forms.IntegerField(
        label=_("Visit cycle (days)"),
        required=False,
        validators=CYCLE_VALIDATORS,
        help_text=_("1–92 days. Leave it empty to follow customers.csv or the default rules."),
    )
