"""The history of a monthly plan as its page shows it: every event of every version, oldest first, with the
changes written out in the reader's language (the events store field names, docs/definitions.md#plan-review)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from workbench.planning.models import MonthlyPlan, PlanItem, Problem
from workbench.reviews.models import ReviewEvent

WHAT = {
    "summary": _("Summary"),
    "problems": _("Problem"),
    "items": _("Task"),
    "tasks": _("Cultivation task"),
}
CHANGE = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
FIELD_LABELS = {
    **{field.name: field.verbose_name for field in Problem._meta.fields},
    **{field.name: field.verbose_name for field in PlanItem._meta.fields},
    **{field.attname: field.verbose_name for field in PlanItem._meta.fields},
    "summary": _("summary"),
}


@dataclass(frozen=True)
class ChangeLine:
    """One change, ready to show: "Task added: 拜访玄武食杂店", "Task changed: … (week, customer)"."""

    what: str
    change: str
    label: str
    fields: list[str]


@dataclass(frozen=True)
class HistoryLine:
    event: ReviewEvent
    version_number: int
    changes: list[ChangeLine]


def history_of(plan: MonthlyPlan) -> list[HistoryLine]:
    """Every event of every version of the plan, oldest first (2 queries)."""
    versions = {version.pk: version for version in plan.versions.all()}
    events = ReviewEvent.objects.of_many(versions.values()).select_related("actor")
    return [
        HistoryLine(
            event=event,
            version_number=versions[event.object_id].number,
            changes=[
                ChangeLine(
                    what=str(WHAT.get(change["what"], change["what"])),
                    change=str(CHANGE.get(change["change"], change["change"])),
                    label=change.get("label", ""),
                    fields=[str(FIELD_LABELS.get(name, name)) for name in change.get("fields", [])],
                )
                for change in event.changes
            ],
        )
        for event in events
    ]
