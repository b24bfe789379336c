"""The forms of 计划: the monthly plan's editor (summary, problems, tasks), the day split, the team plan."""

from datetime import date
from typing import Any

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from workbench.catalog.models import BrandSet
from workbench.customers.models import Customer, CustomerSet
from workbench.lib.periods import iso_week_key, weeks_of_month
from workbench.lib.stale import VersionedForm
from workbench.planning.models import CultivationTask, ItemKind, KeyPoint, check_local_link

EMPTY_CHOICE: list[tuple[str, Any]] = [("", "—")]


def week_choices(month: date) -> list[tuple[str, str]]:
    """The weeks of the plan's month, by their Monday: "2026-W49 (11-30 – 12-06)"."""
    return [
        (week.start.isoformat(), f"{iso_week_key(week.start)} ({week.start:%m-%d} – {week.end:%m-%d})")
        for week in weeks_of_month(month)
    ]


def parse_month(value: str | None, default: date) -> date:
    """A month from the query string ("2026-12"), or `default` when it is missing or not a month."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1)
    except ValueError:
        return date(default.year, default.month, 1)


class MonthlyPlanForm(VersionedForm):
    """The head of the monthly plan's editor: the summary and the cultivation tasks taken from the team plan."""

    summary = forms.CharField(label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    taken_tasks: forms.ModelMultipleChoiceField = forms.ModelMultipleChoiceField(
        label=_("Cultivation tasks I take on"),
        queryset=CultivationTask.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["taken_tasks"].queryset = tasks  # type: ignore[attr-defined]


class ProblemForm(forms.Form):
    """One problem found in 分析, under one key point: the report link that shows it, its cause, the actions."""

    line = forms.IntegerField(widget=forms.HiddenInput, required=False)
    key_point = forms.ChoiceField(label=_("Key point"), choices=EMPTY_CHOICE + KeyPoint.choices)
    title = forms.CharField(label=_("Problem found"), max_length=200)
    report_url = forms.CharField(
        label=_("Report link"),
        max_length=1000,
        required=False,
        validators=[check_local_link],
        help_text=_("The address of the 分析 report with its parameters, e.g. /analysis/distribution-rate/?…"),
    )
    cause = forms.CharField(label=_("Cause"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    actions = forms.CharField(label=_("Actions"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PlanItemForm(forms.Form):
    """One task of the month: what, for which customer or customer set, in which week."""

    line = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=EMPTY_CHOICE + ItemKind.choices)
    description = forms.CharField(label=_("Task"), max_length=300)
    week_start = forms.ChoiceField(label=_("Week"))
    customer: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.none(), required=False
    )
    customer_set: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Customer set"), queryset=CustomerSet.objects.none(), required=False
    )

    def __init__(self, *args, month, customers, customer_sets, **kwargs):
        super().__init__(*args, **kwargs)
        # The fields' own classes have these attributes; the form's `fields` dict only knows them as Field.
        self.fields["week_start"].choices = EMPTY_CHOICE + week_choices(month)  # type: ignore[attr-defined]
        self.fields["customer"].queryset = customers  # type: ignore[attr-defined]
        self.fields["customer_set"].queryset = customer_sets  # type: ignore[attr-defined]

    def clean_week_start(self) -> date:
        return date.fromisoformat(self.cleaned_data["week_start"])


ProblemFormSet = forms.formset_factory(ProblemForm, extra=1, can_delete=True, max_num=60, validate_max=True)
PlanItemFormSet = forms.formset_factory(PlanItemForm, extra=3, can_delete=True, max_num=300, validate_max=True)


class SubmitForm(VersionedForm):
    """The owner's submit button, carrying the version the page showed."""


class DaySplitForm(forms.Form):
    """日安排: the day of each task of one week (the week's working days, or none)."""

    def __init__(self, *args, items, days, **kwargs):
        super().__init__(*args, **kwargs)
        choices = EMPTY_CHOICE + [(day.isoformat(), date_format(day, "D m-d")) for day in days]
        self.items = items
        for item in items:
            self.fields[f"day_{item.line}"] = forms.ChoiceField(
                label=item.description,
                choices=choices,
                required=False,
                initial=item.day.isoformat() if item.day else "",
            )

    def days(self) -> dict[int, date | None]:
        """line → the chosen day (None: not on a day yet)."""
        chosen = {}
        for item in self.items:
            value = self.cleaned_data.get(f"day_{item.line}")
            chosen[item.line] = date.fromisoformat(value) if value else None
        return chosen


class TeamPlanForm(VersionedForm):
    """The market manager's team plan: the key points of the month, and whether to publish it to the team."""

    customer_points = forms.CharField(
        label=_("Key points: customer"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    brand_points = forms.CharField(
        label=_("Key points: brand"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    market_points = forms.CharField(
        label=_("Key points: market"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    publish = forms.BooleanField(label=_("Publish to my team"), required=False)


class CultivationTaskForm(forms.Form):
    """A brand-cultivation task of the team plan."""

    title = forms.CharField(label=_("Task"), max_length=200)
    brand_set: forms.ModelChoiceField = forms.ModelChoiceField(label=_("Brand set"), queryset=BrandSet.objects.none())
    customer_set: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("Customer set"), queryset=CustomerSet.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("From"), widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("To"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, brand_sets, customer_sets, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["brand_set"].queryset = brand_sets  # type: ignore[attr-defined]
        self.fields["customer_set"].queryset = customer_sets  # type: ignore[attr-defined]


CultivationTaskFormSet = forms.formset_factory(CultivationTaskForm, extra=1, can_delete=True, max_num=30)


class TeamWeekForm(forms.Form):
    """The market manager's arrangement of one week of the month."""

    week_start = forms.DateField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("Arrangement"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


TeamWeekFormSet = forms.formset_factory(TeamWeekForm, extra=0)


class CommentForm(forms.Form):
    """A leader's comment on a published team plan."""

    text = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
