"""The forms of the visit plan pages: add a visit, move one, and the version-only forms of remove and commit.

Every form carries the plan's version (lib/stale.py): a page loaded before the plan's last change is refused.
"""

from datetime import date

from django import forms
from django.utils.translation import gettext_lazy as _

from workbench.customers.models import Customer
from workbench.lib.forms import offer_objects
from workbench.lib.periods import first_of_month, last_of_month
from workbench.lib.stale import VersionedForm
from workbench.visitplans.models import VisitSource


def parse_month(value: str | None, default: date) -> date:
    """A month from the query string ("2026-12"), or `default`'s month when it is missing or not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return first_of_month(default)


def day_input(month: date) -> forms.DateInput:
    """A date input limited to the plan's month (the phone's own date picker)."""
    return forms.DateInput(
        attrs={"type": "date", "min": month.isoformat(), "max": last_of_month(month).isoformat()}, format="%Y-%m-%d"
    )


class PlanVersionForm(VersionedForm):
    """Remove a visit, commit the plan: only the version of the page."""


class AddVisitForm(VersionedForm):
    """Add one of his customers on a day; a suggested visit comes with its source and reason."""

    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.none())
    day = forms.DateField(label=_("Date"))
    source = forms.ChoiceField(
        choices=[(VisitSource.ADDED, VisitSource.ADDED.label), (VisitSource.SUGGESTED, VisitSource.SUGGESTED.label)],
        initial=VisitSource.ADDED,
        required=False,
        widget=forms.HiddenInput,
    )
    reason = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, customers, month: date, **kwargs):
        super().__init__(*args, **kwargs)
        offer_objects(self, "customer", customers)
        self.fields["day"].widget = day_input(month)

    def clean_source(self) -> str:
        return self.cleaned_data.get("source") or VisitSource.ADDED


class MoveVisitForm(VersionedForm):
    """Put a visit on another day of the month."""

    day = forms.DateField(label=_("New date"))

    def __init__(self, *args, month: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["day"].widget = day_input(month)
