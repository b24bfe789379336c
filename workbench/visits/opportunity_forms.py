"""The forms of 市场机会: entering one in the field, following it up, and the list's filter."""

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import Action, staff_of
from workbench.catalog.models import Spec
from workbench.customers.models import Customer
from workbench.lib.widgets import PickerSelectMultiple
from workbench.visits.models import MarketOpportunity, OpportunityStatus, OpportunityType
from workbench.visits.opportunity_services import NEXT_STATUSES


def own_customers(user):
    """The customers a user may name in an opportunity: his own (those he is the customer manager of)."""
    return Customer.objects.restrict(user, Action.VIEW).filter(manager=staff_of(user)).order_by("code")


class OpportunityForm(forms.ModelForm):
    """An opportunity found in the field: the customer is optional and must be one of the user's own; specs by code."""

    customer = forms.ModelChoiceField(
        label=_("Customer"),
        queryset=Customer.objects.none(),
        required=False,
        to_field_name="code",
        help_text=_("Optional: one of your customers, when the opportunity is about one shop."),
    )
    related_specs = forms.MultipleChoiceField(label=_("Related specs"), required=False)

    class Meta:
        model = MarketOpportunity
        # What matters first on a phone: what was found; then where, the specs, the demand and the day.
        fields = ["type", "description", "customer", "area", "related_specs", "estimated_qty", "found_on"]
        widgets = {
            "found_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "description": forms.Textarea(attrs={"rows": 3}),
            "estimated_qty": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def __init__(self, user, *args, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("found_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        customers = own_customers(user)
        field = self.fields["customer"]
        field.queryset = customers  # type: ignore[attr-defined]
        field.label_from_instance = lambda customer: f"{customer.name} ({customer.code})"  # type: ignore[attr-defined]
        specs = list(Spec.objects.select_related("brand").order_by("brand__name", "name"))
        self.specs = {spec.code: spec for spec in specs}
        details = {spec.code: (spec.brand.name, f"{spec.code} {spec.name_initials}") for spec in specs}
        spec_field = self.fields["related_specs"]
        spec_field.choices = [(spec.code, f"{spec.name} ({spec.code})") for spec in specs]  # type: ignore[attr-defined]
        spec_field.widget = PickerSelectMultiple(
            attrs={"size": 6, "data-no-results": _("No specs found.")}, details=details
        )
        spec_field.widget.choices = spec_field.choices  # type: ignore[attr-defined]

    def clean_related_specs(self) -> list[Spec]:
        return [self.specs[code] for code in self.cleaned_data["related_specs"]]

    def values(self) -> dict:
        """What services.create_opportunity takes."""
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class FollowUpForm(forms.ModelForm):
    """The follow-up of an opportunity (待跟进 → 跟进中 → 已转化 / 放弃), with the state it was loaded in."""

    loaded_at = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = MarketOpportunity
        fields = ["status", "action", "result", "closed_on"]
        widgets = {
            "closed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "action": forms.Textarea(attrs={"rows": 3}),
            "result": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, data=None, *, instance: MarketOpportunity):
        self.stored_status = instance.status
        super().__init__(data, instance=instance, initial={"loaded_at": instance.updated_at.isoformat()})
        allowed = NEXT_STATUSES[OpportunityStatus(instance.status)]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (value, label) for value, label in OpportunityStatus.choices if value in allowed
        ]

    def clean_loaded_at(self) -> datetime | None:
        text = self.cleaned_data.get("loaded_at") or ""
        try:
            return datetime.fromisoformat(text) if text else None
        except ValueError:
            return None

    def clean_status(self) -> str:
        status = self.cleaned_data["status"]
        if status not in NEXT_STATUSES[OpportunityStatus(self.stored_status)]:
            raise ValidationError(_("A closed opportunity stays closed; a followed one does not go back to pending."))
        return status

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class OpportunityFilterForm(forms.Form):
    """The list's filters."""

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *OpportunityStatus.choices])
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("All")), *OpportunityType.choices])
