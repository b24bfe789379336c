"""Forms of 客户集设置 (customer sets): a fixed list and a saved rule. They validate; sets.py writes."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from workbench.accounts.models import Staff
from workbench.customers.models import (
    CLASS_CODE_PATTERN,
    Customer,
    CustomerSet,
    Format,
    MarketType,
    OrderChannel,
    Scale,
    Status,
    TerminalType,
)
from workbench.customers.sets import CodeFileError, parse_code_text, read_code_file, resolve_customer_codes
from workbench.lib.forms import offer_objects
from workbench.sets.forms import SetFormBase, set_initial


def _any(choices) -> list:
    """Choices with a first "any" entry: a rule criterion left at "any" does not narrow."""
    return [("", _("Any"))] + list(choices)


class CustomerSetForm(SetFormBase):
    """Name, description and publishing of a 客户集 (sets.forms.SetFormBase), shared by both kinds."""

    shared_with_help = _("Everyone in this unit will see the set, each within his own customers.")


class CustomerListForm(CustomerSetForm):
    """A fixed list (固定名单): customers picked from a list, pasted as codes, or read from a CSV/XLSX file."""

    members = forms.ModelMultipleChoiceField(
        label=_("Customers"), queryset=Customer.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )
    codes = forms.CharField(
        label=_("Paste customer codes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("One per line, or separated by commas."),
    )
    file = forms.FileField(
        label=_("Or upload a file"),
        required=False,
        help_text=_("CSV or XLSX with a customer_code (客户编码) column."),
    )
    q = forms.CharField(label=_("Search my customers"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_objects(self, "members", Customer.objects.restrict(self.user, "view"))
        self.added_customers: list[Customer] = []

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        codes = parse_code_text(cleaned.get("codes", ""))
        upload = cleaned.get("file")
        if upload:
            try:
                codes += read_code_file(upload)
            except CodeFileError as error:
                self.add_error("file", str(error))
        if codes:
            resolution = resolve_customer_codes(self.user, codes)
            if resolution.unknown:
                self.add_error(None, _("Unknown customer codes: %(codes)s") % {"codes": ", ".join(resolution.unknown)})
            if resolution.out_of_scope:
                self.add_error(
                    None,
                    _("Customers outside your scope: %(codes)s") % {"codes": ", ".join(resolution.out_of_scope)},
                )
            self.added_customers = resolution.customers
        return cleaned

    def chosen_customers(self) -> list[Customer]:
        """The picked customers plus those named by the pasted codes and the file."""
        chosen = {customer.pk: customer for customer in self.cleaned_data.get("members") or []}
        for customer in self.added_customers:
            chosen.setdefault(customer.pk, customer)
        return list(chosen.values())


class CustomerRuleForm(CustomerSetForm):
    """A saved rule (条件规则), e.g. "城镇 烟酒商店 档位 ≥ 20"; evaluated each time the set is used."""

    rule_formats = forms.MultipleChoiceField(
        label=_("Formats"), choices=Format.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    rule_market_type = forms.ChoiceField(label=_("Market type"), choices=_any(MarketType.choices), required=False)
    rule_scale = forms.ChoiceField(label=_("Scale"), choices=_any(Scale.choices), required=False)
    rule_grade_min = forms.IntegerField(
        label=_("Grade from"), required=False, min_value=settings.GRADE_MIN, max_value=settings.GRADE_MAX
    )
    rule_grade_max = forms.IntegerField(
        label=_("Grade to"), required=False, min_value=settings.GRADE_MIN, max_value=settings.GRADE_MAX
    )
    rule_status = forms.ChoiceField(label=_("Status"), choices=_any(Status.choices), required=False)
    rule_order_channel = forms.ChoiceField(label=_("Order channel"), choices=_any(OrderChannel.choices), required=False)
    rule_class_codes = forms.CharField(
        label=_("Classes"),
        required=False,
        help_text=_("Class codes separated by commas, e.g. CY1, CY2; CY alone means every scale."),
    )
    rule_terminal_type = forms.ChoiceField(label=_("Terminal type"), choices=_any(TerminalType.choices), required=False)
    rule_manager = forms.ModelChoiceField(
        label=_("Customer manager"), queryset=Staff.objects.none(), required=False, empty_label=_("Any")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        offer_objects(self, "rule_manager", Staff.objects.restrict(self.user, "view").customer_managers())

    def clean_rule_class_codes(self) -> list[str]:
        codes = [code.strip().upper() for code in self.cleaned_data["rule_class_codes"].replace("，", ",").split(",")]
        codes = list(dict.fromkeys(code for code in codes if code))
        wrong = [code for code in codes if not CLASS_CODE_PATTERN.fullmatch(code)]
        if wrong:
            raise forms.ValidationError(
                _("Not a class code: %(codes)s (e.g. CZ1 = urban grocery, large)") % {"codes": ", ".join(wrong)}
            )
        return codes

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        low, high = cleaned.get("rule_grade_min"), cleaned.get("rule_grade_max")
        if low is not None and high is not None and low > high:
            self.add_error("rule_grade_max", _("The highest grade must not be below the lowest grade."))
        return cleaned

    def rule(self) -> dict:
        """The cleaned criteria, as the `rule` argument of the services."""
        return {name: self.cleaned_data.get(name) for name in self.fields if name.startswith("rule_")}


def initial_for(customer_set: CustomerSet) -> dict:
    """A form's initial values from a saved set."""
    initial = set_initial(customer_set)
    if customer_set.is_rule:
        initial.update(
            rule_formats=customer_set.rule_formats,
            rule_market_type=customer_set.rule_market_type,
            rule_scale=customer_set.rule_scale,
            rule_grade_min=customer_set.rule_grade_min,
            rule_grade_max=customer_set.rule_grade_max,
            rule_status=customer_set.rule_status,
            rule_order_channel=customer_set.rule_order_channel,
            rule_class_codes=", ".join(customer_set.rule_class_codes),
            rule_terminal_type=customer_set.rule_terminal_type,
            rule_manager=customer_set.rule_manager_id,
        )
    return initial
