"""The Excel copies of the visit plans (lib.exports): one plan's visits day by day, the team's visit plans."""

from datetime import date

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from workbench.lib.exports import Column, Kind, xlsx_response
from workbench.visitplans import month
from workbench.visitplans.models import VisitPlan


def exported_at() -> str:
    return timezone.localtime().strftime("%Y-%m-%d %H:%M")


def plan_xlsx(plan: VisitPlan):
    """The plan's visits in day order, each with its customer, the day's count and estimated hours (month.plan_days,
    the numbers of the page)."""
    columns = [
        Column("day", _("Date"), Kind.DATE),
        Column("weekday", _("Weekday")),
        Column("code", _("Customer code"), Kind.CODE),
        Column("name", _("Shop name"), width=24),
        Column("address", _("Address"), width=30),
        Column("route", _("Route")),
        Column("order_day", _("Order day")),
        Column("source", _("Source")),
        Column("gave_way", _("Rule given way")),
        Column("reason", _("Reason"), width=30),
        Column("day_visits", _("Visits that day"), Kind.INTEGER),
        Column("day_hours", _("Estimated hours that day"), Kind.DECIMAL),
    ]
    rows = []
    for plan_day in month.plan_days(plan, plan.month):
        for visit in plan_day.visits:
            customer = visit.customer
            rows.append(
                {
                    "day": visit.day,
                    "weekday": date_format(visit.day, "D"),
                    "code": customer.code,
                    "name": customer.name,
                    "address": customer.address,
                    "route": customer.route,
                    "order_day": weekday_name(customer.order_weekday),
                    "source": visit.get_source_display(),
                    "gave_way": visit.get_gave_way_display() if visit.gave_way else "",
                    "reason": visit.reason,
                    "day_visits": plan_day.count,
                    "day_hours": round(plan_day.hours, 1),
                }
            )
    return xlsx_response(
        filename=f"{_('Customer visit plan')}-{plan.staff.code}-{plan.month:%Y%m}",
        title=_("Customer visit plan"),
        params=[
            (_("Customer manager"), str(plan.staff)),
            (_("Month"), f"{plan.month:%Y-%m}"),
            (_("State"), str(plan.get_state_display())),
            (_("Exported at"), exported_at()),
        ],
        columns=columns,
        rows=rows,
    )


def weekday_name(weekday: int | None) -> str:
    """A customer's order day (1 = Monday) as the weekday's short name; "" without one."""
    if not weekday:
        return ""
    return date_format(date(2024, 1, weekday), "D")  # 1 January 2024 was a Monday


def state_label(state: str) -> str:
    labels = {"none": _("No plan"), "draft": _("Draft"), "committed": _("Committed")}
    return str(labels[state])


def committed_on(plan: VisitPlan | None) -> date | None:
    """The local day the plan was committed (None: not committed)."""
    if plan is None or plan.committed_at is None:
        return None
    return timezone.localtime(plan.committed_at).date()


def team_xlsx(rows: list[month.TeamRow], plan_month: date):
    """The team's visit plans of the month (month.team_visit_plans)."""
    columns = [
        Column("code", _("Staff code"), Kind.CODE),
        Column("name", _("Name")),
        Column("state", _("State")),
        Column("visits", _("Planned visits"), Kind.INTEGER),
        Column("customers", _("Customers in business"), Kind.INTEGER),
        Column("covered", _("Customers within their cycle"), Kind.INTEGER),
        Column("committed", _("Committed on"), Kind.DATE),
        Column("late", _("Late")),
    ]
    data = (
        {
            "code": row.staff.code,
            "name": row.staff.name,
            "state": state_label(row.state),
            "visits": row.visits,
            "customers": row.customers,
            "covered": row.customers_covered,
            "committed": timezone.localtime(row.plan.committed_at).date()
            if row.plan and row.plan.committed_at
            else None,
            "late": _("late") if row.is_late else "",
        }
        for row in rows
    )
    return xlsx_response(
        filename=f"{_('Team visit plans')}-{plan_month:%Y%m}",
        title=_("Team visit plans"),
        params=[(_("Month"), f"{plan_month:%Y-%m}"), (_("Exported at"), exported_at())],
        columns=columns,
        rows=data,
    )
