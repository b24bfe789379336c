"""The forms of the scorecards: the month's list filter (month and scope) and the entry form of one scorecard."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import scope_tree_choices
from workbench.lib.periods import first_of_month
from workbench.lib.stale import VersionedForm
from workbench.scorecards.models import ScorecardItem
from workbench.scorecards.queries import parse_month
from workbench.scorecards.services import ItemScore, check_scores


class ScorecardFilterForm(forms.Form):
    """The list's filter: the month (this month by default) and the scope (the user's own by default)."""

    month = forms.CharField(
        label=_("Month"), required=False, widget=forms.TextInput(attrs={"type": "month", "placeholder": "YYYY-MM"})
    )
    scope = forms.ChoiceField(label=_("Scope"), required=False)

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = scope_tree_choices(user)
        scope = self.fields["scope"]
        assert isinstance(scope, forms.ChoiceField)
        scope.choices = choices
        if len(choices) <= 1:
            # A customer manager has only his own customers: no picker to show.
            self.fields["scope"].widget = forms.HiddenInput()

    def clean_month(self):
        text = self.cleaned_data["month"]
        if not text:
            return first_of_month(timezone.localdate())
        month = parse_month(text)
        if month is None:
            raise forms.ValidationError(_("“%(value)s” is not a month (use YYYY-MM)."), params={"value": text})
        return month


class ScorecardForm(VersionedForm):
    """One scorecard: a score (0 … the item's maximum) and a comment per item of its template version; every error
    names its item (services.check_scores), on the item's own field."""

    def __init__(self, *args, items: list[ScorecardItem], editable: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.items = items
        for item in items:
            self.fields[f"score_{item.pk}"] = forms.IntegerField(
                label=item.name,
                required=False,
                disabled=not editable,
                help_text=item.help_text,
                error_messages={"invalid": _("“%(item)s”: enter a whole number.") % {"item": item.name}},
                widget=forms.NumberInput(
                    attrs={
                        "min": 0,
                        "max": item.max_points,
                        "step": 1,
                        "inputmode": "numeric",
                        "data-score": "",
                        "class": "score-input",
                    }
                ),
            )
            self.fields[f"comment_{item.pk}"] = forms.CharField(
                label=_("Comment on “%(item)s”") % {"item": item.name},
                required=False,
                max_length=200,
                disabled=not editable,
                widget=forms.TextInput(attrs={"placeholder": _("Comment")}),
            )

    def clean(self):
        cleaned = super().clean()
        given = self.scores()
        for name, messages in check_scores(self.items, given).items():
            if name not in self.errors:
                self.add_error(name, messages)
        return cleaned

    def scores(self) -> dict[int, ItemScore]:
        """The scores and comments given, by item id (None where a score is missing or not a number)."""
        data = getattr(self, "cleaned_data", {})
        return {
            item.pk: ItemScore(data.get(f"score_{item.pk}"), data.get(f"comment_{item.pk}") or "")
            for item in self.items
        }
