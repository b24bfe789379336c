"""The `breakdown` option a report may take (docs/definitions.md "Breakdowns"): its choices, the two columns it puts
before the report's measures (rank, group) and the ranking. Which groups and figures a report gives is the report's
own business (analysis/breakdowns.py); the API's description reads the columns from here.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from workbench.reporting.registry import Option
from workbench.reporting.results import Column, Kind

BREAKDOWN = Option(
    _("Breakdown"),
    {
        "": pgettext_lazy("breakdown", "None"),
        "manager": _("Customer manager"),
        "team": _("Team"),
        "department": _("Department"),
    },
    "",
)
RANK = Column("rank", _("Rank"), Kind.INTEGER)


def group_column(key: str) -> Column:
    """The column naming each group of a breakdown (a customer manager, a team, a department)."""
    return Column("group", BREAKDOWN.choices[key], Kind.TEXT)


def breakdown_columns() -> list[Column]:
    """The columns a breakdown adds before the report's measures (the group's label is the first choice's)."""
    return [RANK, Column("group", _("Group"), Kind.TEXT)]


def rank_rows(rows: list[dict], key: str) -> None:
    """Rank the rows by `key`, highest first, ties sharing a rank (1, 1, 3); rows without a value come last,
    unranked. The rows are put in rank order, then by group name."""
    rows.sort(key=lambda row: (row[key] is None, -(row[key] or 0), str(row["group"])))
    previous, rank = object(), 0
    for position, row in enumerate(rows, start=1):
        if row[key] is None:
            row["rank"] = None
            continue
        if row[key] != previous:
            rank, previous = position, row[key]
        row["rank"] = rank
