"""The Excel copies of 计划's lists (lib.exports): a plan's tasks, the team's plan states."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.lib.exports import Column, Kind, xlsx_response
from workbench.planning.models import MonthlyPlan
from workbench.reviews.models import ReviewState


def plan_items_xlsx(plan: MonthlyPlan):
    """The tasks of the plan's newest version, week by week."""
    version = plan.latest_version()
    columns = [
        Column("week", _("Week"), Kind.DATE),
        Column("day", _("Day"), Kind.DATE),
        Column("kind", _("Kind")),
        Column("description", _("Task"), width=40),
        Column("customer", _("Customer")),
        Column("customer_set", _("Customer set")),
        Column("done", _("Done")),
    ]
    rows = (
        {
            "week": item.week_start,
            "day": item.day,
            "kind": item.get_kind_display(),
            "description": item.description,
            "customer": f"{item.customer.code} {item.customer.name}" if item.customer else "",
            "customer_set": item.customer_set.name if item.customer_set else "",
            "done": _("yes") if item.is_done else "",
        }
        for item in version.items.select_related("customer", "customer_set")
    )
    now = timezone.localtime()
    return xlsx_response(
        filename=f"{_('Monthly work plan')}-{plan.owner.code}-{plan.month:%Y%m}",
        title=_("Monthly work plan"),
        params=[
            (_("Customer manager"), str(plan.owner)),
            (_("Month"), f"{plan.month:%Y-%m}"),
            (_("Version"), str(version.number)),
            (_("State"), str(version.get_review_state_display())),
            (_("Exported at"), now.strftime("%Y-%m-%d %H:%M")),
        ],
        columns=columns,
        rows=rows,
    )


def team_states_xlsx(rows, month: date, today: date):
    """The team's plan states of the month (queries.team_states)."""
    labels = dict(ReviewState.choices)
    columns = [
        Column("code", _("Staff code")),
        Column("name", _("Name")),
        Column("state", _("State")),
        Column("version", _("Version"), Kind.INTEGER),
        Column("in_force", _("Version in force"), Kind.INTEGER),
        Column("submitted", _("First submitted"), Kind.DATE),
        Column("late", _("Late")),
        Column("next_week_split", _("Next week's days"), Kind.DATE),
        Column("next_week_late", _("Next week's days late")),
    ]
    data = (
        {
            "code": row.staff.code,
            "name": row.staff.name,
            "state": str(labels[row.state]) if row.state else _("No plan"),
            "version": row.version_number,
            "in_force": row.in_force_number,
            "submitted": row.first_submitted_on,
            "late": _("late") if row.is_late else "",
            "next_week_split": row.next_week_split_on,
            "next_week_late": _("late") if row.next_week_is_late else "",
        }
        for row in rows
    )
    return xlsx_response(
        filename=f"{_('Team plan states')}-{month:%Y%m}",
        title=_("Team plan states"),
        params=[(_("Month"), f"{month:%Y-%m}"), (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M"))],
        columns=columns,
        rows=data,
    )
