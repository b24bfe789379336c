"""Forms of the customer screens: the filters of the customer list, the month picker of the customer page."""

import re

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from workbench.accounts.models import Staff
from workbench.customers.models import Format, MarketType, Scale, Status
from workbench.lib.forms import offer_objects

ALL = [("", _("All"))]
# 市场类型 + 业态 (+ 规模): "CZ" matches the three classes CZ1, CZ2, CZ3.
CLASS_CODE_PATTERN = re.compile(r"^[CX][ZBSNYFQ][123]?$")


class CustomerFilterForm(forms.Form):
    """The filters of the customer list (GET). Every field is optional; an empty form lists every visible customer.

    `manager` offers only the customer managers the user may see (Staff.objects.restrict), so a hand-made
    link cannot filter on someone else's staff either.
    """

    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("Code, name, licence number or address"),
    )
    class_code = forms.CharField(label=_("Class"), required=False, max_length=3, help_text=_("e.g. CZ1 or CZ"))
    format = forms.ChoiceField(label=_("Format"), required=False, choices=ALL + Format.choices)  # 业态
    market_type = forms.ChoiceField(label=_("Market type"), required=False, choices=ALL + MarketType.choices)
    scale = forms.ChoiceField(label=_("Scale"), required=False, choices=ALL + Scale.choices)  # 规模
    grade_from = forms.IntegerField(
        label=_("Grade from"), required=False, min_value=settings.GRADE_MIN, max_value=settings.GRADE_MAX
    )  # 档位
    grade_to = forms.IntegerField(
        label=_("Grade to"), required=False, min_value=settings.GRADE_MIN, max_value=settings.GRADE_MAX
    )
    status = forms.ChoiceField(label=_("Status"), required=False, choices=ALL + Status.choices)
    manager = forms.ModelChoiceField(
        label=_("Customer manager"),
        required=False,
        queryset=Staff.objects.none(),
        empty_label=_("All"),
        to_field_name="code",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        offer_objects(self, "manager", Staff.objects.restrict(user, "view").customer_managers().order_by("code"))
        # Numbers are typed, not spun: a text box keeps whatever the user typed and the server says what is wrong.
        for name in ("grade_from", "grade_to"):
            self.fields[name].widget = forms.TextInput(attrs={"inputmode": "numeric", "size": 4})

    def clean_q(self) -> str:
        return self.cleaned_data["q"].strip()

    def clean_class_code(self) -> str:
        code = self.cleaned_data["class_code"].strip().upper()
        if code and not CLASS_CODE_PATTERN.match(code):
            raise forms.ValidationError(
                _("Enter a class code such as CZ1: market type C or X, a format letter, then an optional scale 1–3."),
                code="invalid_class_code",
            )
        return code

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        low, high = cleaned.get("grade_from"), cleaned.get("grade_to")
        if low is not None and high is not None and low > high:
            self.add_error("grade_to", _("The highest grade must not be below the lowest grade."))
        return cleaned

    def has_filters(self) -> bool:
        """Whether the user asked for any filter (open the filter panel on phones)."""
        return any(self.data.get(name) for name in self.fields)


class MonthForm(forms.Form):
    """The last month of the 12 a page shows (`?until=YYYY-MM`); empty means the current month."""

    until = forms.DateField(
        label=_("Up to month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        error_messages={"invalid": _("Enter a month as YYYY-MM.")},
    )
