"""Setting, per form instance, what a choice field offers: the user's own staff, customers or units.

A field declared on the form class is shared by every instance; what it offers often depends on the user, so the
form's `__init__` sets it on its own copy (`self.fields[name]`). Form.fields is typed as plain Fields: these
helpers check the field's kind once, where a typo or a changed field would otherwise fail only at render time.
"""

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet


def offer_objects(form: forms.BaseForm, name: str, queryset: QuerySet) -> forms.ModelChoiceField:
    """Let the model choice field `name` of this form offer `queryset` (also a multiple choice field)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a model choice field")
    field.queryset = queryset
    return field


def offer_choices(form: forms.BaseForm, name: str, choices: Iterable[tuple[Any, Any]]) -> forms.ChoiceField:
    """Let the choice field `name` of this form offer `choices` ((value, label) pairs)."""
    field = form.fields[name]
    if not isinstance(field, forms.ChoiceField):
        raise TypeError(f"{type(form).__name__}.{name} is a {type(field).__name__}, not a choice field")
    field.choices = list(choices)
    return field
