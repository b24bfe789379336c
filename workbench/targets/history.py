"""The history of a sales target as its page shows it: every event of every version of the manager's month, oldest
first, each with its version number and the changes written out in the reader's language
(docs/definitions.md#sales-target-versions)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from workbench.reviews.models import ReviewEvent
from workbench.targets.models import SalesTarget

WHAT = {"target": _("Target"), "line": _("Line")}
CHANGE = {"added": _("added"), "removed": _("removed"), "changed": _("changed")}
FIELD_LABELS = {"qty": _("cartons"), "amount": _("yuan")}


@dataclass(frozen=True)
class ChangeLine:
    """One change, ready to show: "Line added: 七匹狼(软通泰)", "Target changed: (cartons, yuan)"."""

    what: str
    change: str
    label: str
    fields: list[str]


@dataclass(frozen=True)
class HistoryLine:
    event: ReviewEvent
    version_number: int
    changes: list[ChangeLine]


def history_of(versions: list[SalesTarget]) -> list[HistoryLine]:
    """Every event of the given versions (those of one manager and month), oldest first (1 query)."""
    numbers = {version.pk: version.number for version in versions}
    events = ReviewEvent.objects.of_many(versions).select_related("actor")
    return [
        HistoryLine(
            event=event,
            version_number=numbers[event.object_id],
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
