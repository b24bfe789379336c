"""The filter form of a report screen.

The form only draws the fields (with the choices the user may pick: his own scope and what lies below it, his
sets); the values are validated by `params.parse_params`, the same code the API and the command line use, so a
screen can never accept what the API refuses.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import scope_choices
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import CustomerSet
from workbench.lib.periods import PRESETS
from workbench.lib.widgets import PlainSelectMultiple


class ReportFilterForm(forms.Form):
    """The parameters of one report, drawn for one user (fields the report does not take are left out)."""

    def __init__(self, report, user, data=None):
        super().__init__(data=data)
        self.fields["scope"] = forms.ChoiceField(label=_("Scope"), required=False, choices=scope_choices(user))
        self.fields["period"] = forms.ChoiceField(label=_("Period"), required=False, choices=list(PRESETS.items()))
        date_input = forms.DateInput(attrs={"type": "date"})
        self.fields["from"] = forms.DateField(label=_("From"), required=False, widget=date_input)
        self.fields["to"] = forms.DateField(label=_("To"), required=False, widget=date_input)
        if report.specs is not None:
            specs = Spec.objects.select_related("brand").order_by("brand__name", "name")
            self.fields["specs"] = forms.MultipleChoiceField(
                label=_("Specs"),
                required=False,
                choices=[(spec.code, f"{spec.name} ({spec.code})") for spec in specs],
                widget=PlainSelectMultiple(attrs={"size": 6}),
                help_text=_("Or choose a brand set."),
            )
            self.fields["brand_set"] = forms.ChoiceField(
                label=_("Brand set"),
                required=False,
                choices=[("", "—"), *[(str(item.pk), item.name) for item in BrandSet.objects.restrict(user, "view")]],
            )
        if report.customer_set is not None:
            self.fields["customer_set"] = forms.ChoiceField(
                label=_("Customer set"),
                required=False,
                choices=[
                    ("", "—"),
                    *[(str(item.pk), item.name) for item in CustomerSet.objects.restrict(user, "view")],
                ],
            )
        for name, option in report.options.items():
            self.fields[name] = forms.ChoiceField(
                label=option.label, required=False, choices=list(option.choices.items())
            )
        if report.target:
            self.fields["target"] = forms.CharField(
                label=_("Target"), required=False, max_length=8, help_text=_("e.g. 60%")
            )


def form_data(params) -> dict:
    """What the form shows for validated parameters (a comma-separated spec list becomes a multiple choice)."""
    data: dict = dict(params.as_query())
    if "specs" in data:
        data["specs"] = data["specs"].split(",")
    data["period"] = "custom"
    return data
