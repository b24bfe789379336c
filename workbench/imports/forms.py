"""The upload form of the import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

KIND_CHOICES = [
    ("org", _("Org units (org.csv)")),
    ("staff", _("Staff (staff.csv)")),
    ("customers", _("Customers (customers.csv)")),
    ("specs", _("Specs (specs.csv)")),
    ("orders", _("Order lines (order_lines.csv)")),
]


class ImportForm(forms.Form):
    """Which kind of file, the file itself, and whether only to check it."""

    kind = forms.ChoiceField(label=_("Kind of file"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("File (CSV UTF-8 or XLSX)"))
    dry_run = forms.BooleanField(label=_("Only check the file, write nothing"), required=False)
