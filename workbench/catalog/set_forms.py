"""Form of 品牌集设置 (brand sets): picked specs plus specs found by brand, 价类, manufacturer, 省内/省外 or launch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import publishable_units
from workbench.catalog.models import Brand, BrandSet, PriceClass, Spec
from workbench.catalog.sets import specs_matching

PROVINCE_CHOICES = [("", _("Any")), ("in", _("In province")), ("out", _("Out of province"))]  # 省内 / 省外


class BrandSetForm(forms.Form):
    """Name, description, publishing, and the specs: those picked and those matching the criteria."""

    name = forms.CharField(label=_("Name"), max_length=100)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    shared_with = forms.ModelChoiceField(
        label=_("Publish to"),
        queryset=None,
        required=False,
        empty_label=_("Nobody (private)"),
        help_text=_("Everyone in this unit will see the set."),
    )
    specs = forms.ModelMultipleChoiceField(
        label=_("Specs"), queryset=Spec.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    brands = forms.ModelMultipleChoiceField(
        label=_("Brands"), queryset=None, required=False, widget=forms.SelectMultiple(attrs={"size": 6})
    )
    price_classes = forms.TypedMultipleChoiceField(
        label=_("Price classes"),
        choices=PriceClass.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    manufacturers = forms.MultipleChoiceField(
        label=_("Manufacturers"), choices=(), required=False, widget=forms.SelectMultiple(attrs={"size": 4})
    )
    province = forms.ChoiceField(label=_("In or out of province"), choices=PROVINCE_CHOICES, required=False)
    launched_within_months = forms.IntegerField(
        label=_("Launched within (months)"),
        required=False,
        min_value=1,
        max_value=120,
        help_text=_("New launches: specs launched in the last N months."),
    )
    include_off_sale = forms.BooleanField(label=_("Include specs no longer on sale"), required=False)
    q = forms.CharField(label=_("Search specs"), required=False)

    CRITERIA = ("brands", "price_classes", "manufacturers", "province", "launched_within_months")

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        units = publishable_units(user)
        if units.exists():
            self.fields["shared_with"].queryset = units
        else:
            # Only a market manager or a brand manager publishes; everyone else keeps his sets private.
            del self.fields["shared_with"]
        self.fields["brands"].queryset = Brand.objects.all()
        manufacturers = Spec.objects.exclude(manufacturer="").order_by("manufacturer").values_list("manufacturer")
        self.fields["manufacturers"].choices = [(name, name) for (name,) in manufacturers.distinct()]

    def has_criteria(self) -> bool:
        """Whether the user asked for specs by any criterion."""
        return any(self.cleaned_data.get(name) for name in self.CRITERIA)

    def matching_specs(self) -> list[Spec]:
        """The specs meeting every criterion given; none when no criterion is given."""
        if not self.has_criteria():
            return []
        data = self.cleaned_data
        province = data.get("province")
        return list(
            specs_matching(
                brands=data.get("brands") or (),
                price_classes=data.get("price_classes") or (),
                manufacturers=data.get("manufacturers") or (),
                is_in_province={"in": True, "out": False}.get(province),
                launched_within_months=data.get("launched_within_months"),
                only_on_sale=not data.get("include_off_sale"),
            )
        )

    def chosen_specs(self) -> list[Spec]:
        """The picked specs plus those matching the criteria."""
        chosen = {spec.pk: spec for spec in self.cleaned_data.get("specs") or []}
        for spec in self.matching_specs():
            chosen.setdefault(spec.pk, spec)
        return list(chosen.values())

    def set_values(self) -> dict:
        """The cleaned name, description and publishing, as keyword arguments of the services."""
        data = self.cleaned_data
        return {"name": data["name"], "description": data["description"], "shared_with": data.get("shared_with")}


def initial_for(brand_set: BrandSet) -> dict:
    """The form's initial values from a saved set."""
    return {"name": brand_set.name, "description": brand_set.description, "shared_with": brand_set.shared_with_id}
