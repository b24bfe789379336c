"""The Excel exports of the 目标 lists (lib.exports: one layout for every table)."""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from workbench.lib.exports import Column, Kind, xlsx_response
from workbench.lib.periods import month_key


def sales_targets(teams, total, month: date):
    """Every customer manager's target of the month, then each team's sum, then the total."""
    columns = [
        Column("label", _("Customer manager")),
        Column("state", _("State"), Kind.CHOICE),
        Column("forecast_qty", _("Forecast (cartons)"), Kind.INTEGER),
        Column("forecast_amount", _("Forecast (yuan)"), Kind.MONEY),
        Column("target_qty", _("Target (cartons)"), Kind.INTEGER),
        Column("target_amount", _("Target (yuan)"), Kind.MONEY),
        Column("target_value_per_carton", _("Value per carton"), Kind.MONEY),
        Column("actual_qty", _("Actual (cartons)"), Kind.INTEGER),
        Column("actual_amount", _("Actual (yuan)"), Kind.MONEY),
        Column("qty_completion", _("Completion (cartons)"), Kind.RATE),
        Column("amount_completion", _("Completion (yuan)"), Kind.RATE),
        Column("on_pace", _("On pace")),
    ]
    rows: list[dict] = []
    for team in teams:
        rows.extend(row.as_export() for row in team.rows)
        if len(teams) > 1 or len(team.rows) > 1:
            rows.append({**team.total.as_export(), "label": _("Team %(team)s") % {"team": team.name}})
    title = _("Sales targets")
    return xlsx_response(
        filename=f"{title} {month_key(month)}",
        title=title,
        params=[(_("Month"), month_key(month))],
        columns=columns,
        rows=rows,
        total={**total.as_export(), "label": None},
    )


def improvement_targets(rows, month: date, met: int):
    """The improvement targets of the month with their baseline, actual and whether each is met."""
    columns = [
        Column("customer_code", _("Customer code"), Kind.CODE),
        Column("customer", _("Customer")),
        Column("manager", _("Customer manager")),
        Column("metric", _("Metric")),
        Column("baseline", _("Baseline"), Kind.DECIMAL),
        Column("target", _("Target"), Kind.DECIMAL),
        Column("actual", _("Actual"), Kind.DECIMAL),
        Column("met", _("Met")),
    ]
    data = [
        {
            "customer_code": row["target"].customer.code,
            "customer": row["target"].customer.name,
            "manager": str(row["target"].customer.manager),
            "metric": row["target"].subject,
            "baseline": row["target"].baseline,
            "target": row["target"].target,
            "actual": row["actual"],
            "met": _("yes") if row["met"] else _("no"),
        }
        for row in rows
    ]
    title = _("Improvement targets")
    return xlsx_response(
        filename=f"{title} {month_key(month)}",
        title=title,
        params=[
            (_("Month"), month_key(month)),
            (_("Targets met"), f"{met} / {len(rows)}"),
        ],
        columns=columns,
        rows=data,
    )


def kpi_targets(rows):
    """The KPI targets with their progress so far."""
    columns = [
        Column("brand_set", _("Brand set")),
        Column("metric", _("Indicator"), Kind.CHOICE),
        Column("unit", _("Org unit")),
        Column("target_rate", _("Target"), Kind.RATE),
        Column("value", _("So far"), Kind.RATE),
        Column("customers_ordering", _("Customers ordering"), Kind.INTEGER),
        Column("customers_in_scope", _("Customers in scope"), Kind.INTEGER),
        Column("starts_on", _("From"), Kind.DATE),
        Column("due_on", _("Due by"), Kind.DATE),
        Column("owner", _("Set by")),
    ]
    data = [
        {
            "brand_set": row["kpi"].brand_set.name,
            "metric": row["kpi"].get_metric_display(),
            "unit": row["kpi"].unit.name,
            "target_rate": row["kpi"].target_rate,
            "value": row["progress"].value,
            "customers_ordering": row["progress"].customers_ordering,
            "customers_in_scope": row["progress"].customers_in_scope,
            "starts_on": row["kpi"].starts_on,
            "due_on": row["kpi"].due_on,
            "owner": str(row["kpi"].owner),
        }
        for row in rows
    ]
    title = _("KPI targets")
    return xlsx_response(filename=title, title=title, params=[], columns=columns, rows=data)
