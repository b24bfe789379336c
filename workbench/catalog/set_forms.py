"""Form of 品牌集设置 (brand sets): picked specs plus specs found by brand, 价类, manufacturer, 省内/省外 or launch."""

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.catalog.models import Brand, BrandSet, PriceClass, Spec
from workbench.catalog.sets import specs_matching
from workbench.lib.forms import offer_choices, offer_objects
from workbench.sets.forms import SetFormBase, set_initial

PROVINCE_CHOICES = [("", _("Any")), ("in", _("In province")), ("out", _("Out of province"))]  # 省内 / 省外


class BrandSetForm(SetFormBase):
    """Name, description, publishing (sets.forms.SetFormBase), and the specs: those picked and those matching
    the criteria."""

    specs = forms.ModelMultipleChoiceField(
        label=_("Specs"), queryset=Spec.objects.all(), required=False, widget=forms.MultipleHiddenInput
    )
    brands = forms.ModelMultipleChoiceField(
        label=_("Brands"), queryset=Brand.objects.none(), required=False, widget=forms.SelectMultiple(attrs={"size": 6})
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_objects(self, "brands", Brand.objects.all())
        manufacturers = Spec.objects.exclude(manufacturer="").order_by("manufacturer").values_list("manufacturer")
        offer_choices(self, "manufacturers", [(name, name) for (name,) in manufacturers.distinct()])

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
                is_in_province={"in": True, "out": False}.get(province or ""),
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


def initial_for(brand_set: BrandSet) -> dict:
    """The form's initial values from a saved set (with the version it is loaded with)."""
    return set_initial(brand_set)
