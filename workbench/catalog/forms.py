"""Forms of the spec screens: the filters of the spec list."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.catalog.models import Brand, PriceClass

ALL = [("", _("All"))]


class SpecFilterForm(forms.Form):
    """The filters of the spec list (GET). Every field is optional; an empty form lists every spec."""

    q = forms.CharField(label=_("Search"), required=False, max_length=100, help_text=_("Code or name"))
    brand = forms.ModelChoiceField(label=_("Brand"), required=False, queryset=Brand.objects.all(), empty_label=_("All"))
    price_class = forms.TypedChoiceField(
        label=_("Price class"), required=False, choices=[*ALL, *PriceClass.choices], coerce=int, empty_value=None
    )  # 价类
    origin = forms.ChoiceField(
        label=_("Origin"),
        required=False,
        choices=ALL + [("in", _("In province")), ("out", _("Out of province"))],
    )  # 省内 / 省外
    sale = forms.ChoiceField(
        label=_("On sale"),
        required=False,
        choices=ALL + [("yes", _("On sale")), ("no", _("Not on sale"))],
    )  # 在销

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    def has_filters(self) -> bool:
        """Whether the user asked for any filter (open the filter panel on phones)."""
        return any(self.data.get(name) for name in self.fields)
