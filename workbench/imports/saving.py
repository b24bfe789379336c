"""Upsert many rows of one model by their key with a few bulk queries, and tell what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from django.db import models

# The model a plan upserts: its objects come back as that model (a Customer, a Spec), not a bare Model.
ModelT = TypeVar("ModelT", bound=models.Model)


@dataclass
class Change(Generic[ModelT]):
    """An existing object whose fields changed; `old` holds the previous value of each changed field."""

    obj: ModelT
    old: dict[str, Any]  # each field's own type


@dataclass
class Upsert(Generic[ModelT]):
    """What saving the rows will do: objects to create, objects changed, and how many are already up to date."""

    new: list[ModelT] = field(default_factory=list)
    changed: list[Change[ModelT]] = field(default_factory=list)
    unchanged: int = 0

    def save(self, model: type[ModelT]) -> None:
        """Write the plan: one bulk insert and one bulk update (both batched)."""
        model._default_manager.bulk_create(self.new, batch_size=1000)
        if self.changed:
            fields = sorted({name for change in self.changed for name in change.old})
            model._default_manager.bulk_update([change.obj for change in self.changed], fields, batch_size=500)


def plan_upsert(
    model: type[ModelT],
    key_field: str,
    rows: dict[str, dict[str, object]],
    *,
    derived: dict[str, Callable[[ModelT], object]] | None = None,
) -> Upsert[ModelT]:
    """Compare `rows` (key → field values, by attname) with the database and plan the writes.

    Only the fields given are compared and written, so a column absent from the file leaves the stored value
    alone. `derived` fields (computed from the others, like a customer's class code) are recomputed on every new
    or changed object, since bulk writes skip `Model.save()`.
    """
    derived = derived or {}
    existing = model._default_manager.in_bulk(list(rows), field_name=key_field)
    plan: Upsert[ModelT] = Upsert()
    for key, values in rows.items():
        obj = existing.get(key)
        if obj is None:
            obj = model(**{key_field: key}, **values)
            for name, compute in derived.items():
                setattr(obj, name, compute(obj))
            plan.new.append(obj)
            continue
        old: dict[str, Any] = {}
        for name, value in values.items():
            current = getattr(obj, name)
            if current != value:
                old[name] = current
                setattr(obj, name, value)
        for name, compute in derived.items():
            current, value = getattr(obj, name), compute(obj)
            if current != value:
                old[name] = current
                setattr(obj, name, value)
        if old:
            plan.changed.append(Change(obj, old))
        else:
            plan.unchanged += 1
    return plan
