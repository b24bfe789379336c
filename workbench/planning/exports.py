"""The Excel copies of 计划's lists (lib.exports): a plan's tasks week by week (周工作安排), one week's days (日安排),
the team's plan states, a team plan and the market managers' weekly arrangements."""

from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from workbench.lib.exports import Column, Kind, Sheet, xlsx_response
from workbench.lib.periods import Period
from workbench.planning.models import MonthlyPlan, TeamPlan
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


def week_days_xlsx(plan: MonthlyPlan, week: Period, items):
    """日安排: the tasks of one week of the plan's working version, with their days (the days page's list)."""
    version = plan.working_version()
    columns = [
        Column("day", _("Day"), Kind.DATE),
        Column("kind", _("Kind")),
        Column("description", _("Task"), width=40),
        Column("customer", _("Customer")),
        Column("customer_set", _("Customer set")),
        Column("done", _("Done")),
    ]
    rows = (
        {
            "day": item.day,
            "kind": item.get_kind_display(),
            "description": item.description,
            "customer": f"{item.customer.code} {item.customer.name}" if item.customer else "",
            "customer_set": item.customer_set.name if item.customer_set else "",
            "done": _("yes") if item.is_done else "",
        }
        for item in items
    )
    return xlsx_response(
        filename=f"{_('Daily arrangement')}-{plan.owner.code}-{week.start:%Y%m%d}",
        title=_("Daily arrangement"),
        params=[
            (_("Customer manager"), str(plan.owner)),
            (_("Week"), f"{week.start:%Y-%m-%d} – {week.end:%Y-%m-%d}"),
            (_("Version"), str(version.number)),
            (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ],
        columns=columns,
        rows=rows,
    )


def week_columns() -> list[Column]:
    """A weekly arrangement's columns (labels in the reader's language, so built per request)."""
    return [Column("week", _("Week"), Kind.DATE), Column("text", _("Arrangement"), width=60)]


def team_plan_xlsx(plan: TeamPlan):
    """A market manager's team plan: its brand-cultivation tasks, then its weekly arrangements on a second sheet."""
    columns = [
        Column("title", _("Task"), width=40),
        Column("brand_set", _("Brand set")),
        Column("customer_set", _("Customer set")),
        Column("starts_on", _("From"), Kind.DATE),
        Column("ends_on", _("To"), Kind.DATE),
    ]
    tasks = (
        {
            "title": task.title,
            "brand_set": task.brand_set.name,
            "customer_set": task.customer_set.name if task.customer_set else "",
            "starts_on": task.starts_on,
            "ends_on": task.ends_on,
        }
        for task in plan.tasks.select_related("brand_set", "customer_set")
    )
    weeks = [{"week": week.week_start, "text": week.text} for week in plan.weeks.all()]
    return xlsx_response(
        filename=f"{_('Team plan')}-{plan.team.code}-{plan.month:%Y%m}",
        title=_("Brand cultivation tasks"),
        params=[
            (_("Team"), plan.team.name),
            (_("Market manager"), str(plan.author)),
            (_("Month"), f"{plan.month:%Y-%m}"),
            (pgettext("key point", "Customer"), plan.customer_points),
            (pgettext("key point", "Brand"), plan.brand_points),
            (pgettext("key point", "Market"), plan.market_points),
            (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")),
        ],
        columns=columns,
        rows=tasks,
        sheets=[Sheet(_("Weekly arrangements"), week_columns(), weeks)],
    )


def team_weeks_xlsx(team_plans, month: date):
    """市场经理周工作安排: the weekly arrangements of the team plans the user reads in `month`, team by team."""
    columns = [
        Column("team", _("Team")),
        Column("author", _("Market manager")),
        *week_columns(),
    ]
    rows = (
        {"team": plan.team.name, "author": str(plan.author), "week": week.week_start, "text": week.text}
        for plan in team_plans
        for week in plan.weeks.all()
    )
    return xlsx_response(
        filename=f"{_('Weekly arrangements')}-{month:%Y%m}",
        title=_("Weekly arrangements"),
        params=[(_("Month"), f"{month:%Y-%m}"), (_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M"))],
        columns=columns,
        rows=rows,
    )
