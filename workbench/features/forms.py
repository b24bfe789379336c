"""The edit form of a customer's market features and the list's filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.features.models import FEATURE_FIELDS, MarketFeature, RimType
from workbench.lib.stale import VersionedForm


class MarketFeatureForm(forms.ModelForm):
    """The features a customer manager records (FEATURE_FIELDS), with the version of the row it was loaded with."""

    version = VersionedForm.base_fields["version"]

    class Meta:
        model = MarketFeature
        fields = FEATURE_FIELDS
        widgets = {
            "opens": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "closes": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "area_m2": forms.NumberInput(attrs={"inputmode": "numeric"}),
            "competitors": forms.NumberInput(attrs={"inputmode": "numeric"}),
        }

    def loaded_version(self) -> int | None:
        """The version of the row in force the form was loaded with (None: it saw none)."""
        return self.cleaned_data.get("version")

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in FEATURE_FIELDS}


class FeatureFilterForm(forms.Form):
    """The list's filter: a trade area type, or the customers without features yet."""

    MISSING = "none"

    rim_type = forms.ChoiceField(
        label=_("Trade area type"),
        required=False,
        choices=[("", _("All")), (MISSING, _("No features yet")), *RimType.choices],
    )
