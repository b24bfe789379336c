"""A model's field by name, as the kind of field the caller relies on (its max_length, its digits, its label)."""

from typing import TypeVar

from django.db import models

FieldT = TypeVar("FieldT", bound=models.Field)


def model_field(model: type[models.Model], name: str, kind: type[FieldT]) -> FieldT:
    """The field `name` of `model`, checked to be a `kind` (models.Field for any column of the model's own).

    Django's `_meta.get_field` also answers reverse relations, which have no label or length: asking for the kind
    turns a renamed or retyped field into an error here rather than a wrong value further on.
    """
    field = model._meta.get_field(name)
    if not isinstance(field, kind):
        raise TypeError(f"{model.__name__}.{name} is a {type(field).__name__}, not a {kind.__name__}")
    return field
