"""Forms of the 目标 screens. Every form keeps what was typed when a save is refused; edits carry the version."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import cast

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import Action, publishable_units
from workbench.accounts.models import OrgUnit
from workbench.catalog.models import BrandSet, Spec
from workbench.customers.models import Customer
from workbench.lib.periods import first_of_month
from workbench.lib.stale import VersionedForm
from workbench.targets.models import KpiMetric, Metric


def offer(form: forms.Form, name: str, queryset) -> None:
    """Set the choices of the model choice field `name` (they depend on who fills the form in)."""
    cast(forms.ModelChoiceField, form.fields[name]).queryset = queryset


class MonthChoiceForm(forms.Form):
    """The month a page shows (`?month=YYYY-MM`); empty means the current month."""

    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as YYYY-MM.")},
    )

    def chosen(self, today: date) -> date:
        """The first day of the chosen month (the current one when empty or invalid)."""
        if self.is_valid() and self.cleaned_data["month"]:
            return first_of_month(self.cleaned_data["month"])
        return first_of_month(today)


class SalesTargetForm(VersionedForm):
    """The 条 and 金额 of one's monthly sales target."""

    qty = forms.IntegerField(label=_("Target quantity (cartons)"), min_value=0, max_value=10_000_000)
    amount = forms.DecimalField(label=_("Target amount (yuan)"), min_value=Decimal(0), max_digits=14, decimal_places=2)


class ReviewForm(VersionedForm):
    """The market manager's comment when he approves or returns a target."""

    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class SalesTargetLineForm(forms.Form):
    """A line of a sales target for one spec or one brand set."""

    spec = forms.ModelChoiceField(label=_("Spec"), queryset=Spec.objects.none(), required=False)
    brand_set = forms.ModelChoiceField(label=_("Brand set"), queryset=BrandSet.objects.none(), required=False)
    qty = forms.IntegerField(label=_("Target quantity (cartons)"), min_value=0, max_value=10_000_000)
    amount = forms.DecimalField(label=_("Target amount (yuan)"), min_value=Decimal(0), max_digits=14, decimal_places=2)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self, "spec", Spec.objects.filter(is_on_sale=True).order_by("code"))
        offer(self, "brand_set", BrandSet.objects.restrict(user, Action.VIEW).order_by("name"))

    def clean(self):
        cleaned = super().clean() or {}
        if (cleaned.get("spec") is None) == (cleaned.get("brand_set") is None):
            raise forms.ValidationError(_("Pick a spec or a brand set, not both."))
        return cleaned


class ImprovementTargetForm(forms.Form):
    """A new 提升目标 for one of one's own customers."""

    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.none())
    month = forms.DateField(
        label=_("Month"),
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as YYYY-MM.")},
    )
    metric = forms.ChoiceField(label=_("Metric"), choices=Metric.choices)
    spec = forms.ModelChoiceField(label=_("Spec"), queryset=Spec.objects.none(), required=False)
    brand_set = forms.ModelChoiceField(label=_("Brand set"), queryset=BrandSet.objects.none(), required=False)
    target = forms.DecimalField(label=_("Target"), min_value=Decimal(0), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, staff, **kwargs):
        super().__init__(*args, **kwargs)
        # One's own customers: the rule (targets.models.CustomerTarget) lets only the customer's manager set one.
        offer(self, "customer", Customer.objects.filter(manager=staff).order_by("code"))
        offer(self, "spec", Spec.objects.filter(is_on_sale=True).order_by("code"))
        offer(self, "brand_set", BrandSet.objects.restrict(user, Action.VIEW).order_by("name"))

    def clean(self):
        cleaned = super().clean() or {}
        names_one = (cleaned.get("spec") is None) != (cleaned.get("brand_set") is None)
        if cleaned.get("metric") == Metric.SET_VOLUME and not names_one:
            raise forms.ValidationError(_("Pick a spec or a brand set, not both."))
        if cleaned.get("metric") != Metric.SET_VOLUME and (cleaned.get("spec") or cleaned.get("brand_set")):
            raise forms.ValidationError(_("Only the ordering of a spec or brand set names a spec or a brand set."))
        return cleaned


class ImprovementTargetEditForm(VersionedForm):
    """The target value and note of an improvement target."""

    target = forms.DecimalField(label=_("Target"), min_value=Decimal(0), max_digits=14, decimal_places=2)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class KpiTargetForm(VersionedForm):
    """A KPI target: an indicator of a brand set in the unit one leads, by a date (the rate typed in %)."""

    unit: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Org unit"), queryset=OrgUnit.objects.none(), empty_label=None
    )
    brand_set: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Brand set"), queryset=BrandSet.objects.none())
    metric = forms.ChoiceField(label=_("Indicator"), choices=KpiMetric.choices)
    target_percent = forms.DecimalField(
        label=_("Target (%)"), min_value=Decimal(0), max_value=Decimal(100), max_digits=5, decimal_places=2
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    due_on = forms.DateField(label=_("Due by"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer(self, "unit", publishable_units(user))
        offer(self, "brand_set", BrandSet.objects.restrict(user, Action.VIEW).order_by("name"))

    def clean(self):
        cleaned = super().clean() or {}
        if cleaned.get("starts_on") and cleaned.get("due_on") and cleaned["starts_on"] > cleaned["due_on"]:
            self.add_error("due_on", _("The due date is before the start date."))
        return cleaned

    def values(self) -> dict:
        """The service's keyword arguments."""
        data = self.cleaned_data or {}
        return {
            "unit": data["unit"],
            "brand_set": data["brand_set"],
            "metric": data["metric"],
            "target_rate": (data["target_percent"] / 100).quantize(Decimal("0.0001")),
            "starts_on": data["starts_on"],
            "due_on": data["due_on"],
            "note": data["note"],
        }
