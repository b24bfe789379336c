"""The JSON answers of 目标 under /api/v1/targets/ (docs/api.md "Plans and targets") and their OpenAPI fragment.

Each answer is computed by the same queries as the screens (queries.sales_overview for the sales targets with their
team sums, queries.improvement_rows for the improvement targets, queries.kpi_progress for the KPI targets), through
the scoped querysets of accounts.access. The numbers are those of docs/definitions.md#targets-and-forecast; the api
app parses the parameters, pages the lists and turns Decimals and dates into JSON.
"""

from __future__ import annotations

from datetime import date

from django.utils.translation import gettext as _

from workbench.accounts.access import Action
from workbench.lib.numbers import rate
from workbench.lib.openapi import error, listed, month_parameter, nullable, paging_parameters, ref, shape
from workbench.lib.periods import month_key
from workbench.reviews.models import ReviewState
from workbench.targets.models import KpiMetric, KpiTarget, Metric, SalesTargetLine
from workbench.targets.queries import SalesRow, improvement_rows, kpi_progress, pace_of, sales_overview


def person(staff) -> dict | None:
    """A staff member as the answers name him: his code and his name."""
    return {"code": staff.code, "name": staff.name} if staff is not None else None


def spec_json(spec) -> dict | None:
    return {"code": spec.code, "name": spec.name} if spec is not None else None


def set_json(brand_set) -> dict | None:
    return {"id": brand_set.pk, "name": brand_set.name} if brand_set is not None else None


def figures(row: SalesRow) -> dict:
    """A sales row's numbers: target, forecast, actual, target_completion of each, on_pace (of 条)."""
    return {
        "target_qty": row.target_qty,
        "target_amount": row.target_amount,
        "target_value_per_carton": row.target_value_per_carton,
        "forecast_qty": row.forecast.qty,
        "forecast_amount": row.forecast.amount,
        "forecast_value_per_carton": row.forecast.value_per_carton,
        "actual_qty": row.actual.order_qty,
        "actual_amount": row.actual.amount,
        "actual_value_per_carton": row.actual_value_per_carton,
        "qty_completion": row.qty_completion,
        "amount_completion": row.amount_completion,
        "value_per_carton_completion": row.value_per_carton_completion,
        "on_pace": row.is_on_pace,
    }


# Answers


def sales_targets(user, month: date, today: date) -> dict:
    """The sales targets of `month` (销售目标) of every customer manager the user sees, with his forecast, his actual
    to today, the completion and the pace; each team's sums and the sum of them all, as the list screen shows."""
    teams, total = sales_overview(user, month, today)
    rows = [(team, row) for team in teams for row in team.rows]
    lines: dict[int, list[dict]] = {}
    target_ids = [row.target.pk for _team, row in rows if row.target is not None]
    for line in SalesTargetLine.objects.filter(target_id__in=target_ids).select_related("spec", "brand_set"):
        lines.setdefault(line.target_id, []).append(
            {
                "spec": spec_json(line.spec),
                "brand_set": set_json(line.brand_set),
                "qty": line.qty,
                "amount": line.amount,
                "value_per_carton": line.value_per_carton,
            }
        )
    pace = pace_of(month, today)
    return {
        "month": month_key(month),
        "pace": {"working_days": pace.working_days, "elapsed": pace.elapsed, "share": pace.share},
        "rows": [
            {
                "staff": person(row.staff),
                "team": team.name,
                "target_id": row.target.pk if row.target else None,
                "state": row.target.review_state if row.target else None,
                **figures(row),
                "lines": lines.get(row.target.pk, []) if row.target else [],
            }
            for team, row in rows
        ],
        "teams": [{"team": team.name, "states": team.total.states, **figures(team.total)} for team in teams],
        "total": {"states": total.states, **figures(total)},
    }


def improvement_targets(user, month: date, today: date, customer_code: str = "") -> dict:
    """The improvement targets (提升目标) of `month` for the customers the user sees: baseline, target, actual to
    today, met; and the achievement rate over them all."""
    rows = improvement_rows(user, month, today, customer_code)
    met = sum(1 for row in rows if row.met)
    return {
        "month": month_key(month),
        "count": len(rows),
        "met": met,
        "achievement_rate": rate(met, len(rows)),
        "rows": [
            {
                "id": row.target.pk,
                "customer": {"code": row.target.customer.code, "name": row.target.customer.name},
                "manager": person(row.target.customer.manager),
                "metric": row.target.metric,
                "spec": spec_json(row.target.spec),
                "brand_set": set_json(row.target.brand_set),
                "baseline": row.target.baseline,
                "target": row.target.target,
                "actual": row.actual,
                "met": row.met,
                "note": row.target.note,
            }
            for row in rows
        ],
    }


def kpi_targets(user, today: date) -> dict:
    """The KPI targets the user sees (those he set, those of his unit and the units above it), each with its
    indicator so far."""
    kpis = KpiTarget.objects.restrict(user, Action.VIEW).select_related("owner", "unit", "brand_set")
    rows = []
    for kpi in kpis:
        progress = kpi_progress(kpi, today)
        rows.append(
            {
                "id": kpi.pk,
                "set_by": person(kpi.owner),
                "unit": {"code": kpi.unit.code, "name": kpi.unit.name},
                "brand_set": set_json(kpi.brand_set),
                "metric": kpi.metric,
                "target_rate": kpi.target_rate,
                "from": kpi.starts_on,
                "due_on": kpi.due_on,
                "note": kpi.note,
                "progress": {
                    "from": progress.period.start if progress.period else None,
                    "to": progress.period.end if progress.period else None,
                    "customers_ordering": progress.customers_ordering,
                    "customers_in_scope": progress.customers_in_scope,
                    "value": progress.value,
                },
            }
        )
    return {"rows": rows}


# The OpenAPI fragment

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
NUMBER = {"type": "number"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}


def a_rate() -> dict:
    return {"type": "number", "nullable": True, "description": _("A fraction (0.75 = 75%); null when 0/0.")}


def figure_schemas() -> dict:
    money = nullable(NUMBER)
    return {
        "target_qty": nullable(INTEGER),
        "target_amount": money,
        "target_value_per_carton": money,
        "forecast_qty": INTEGER,
        "forecast_amount": NUMBER,
        "forecast_value_per_carton": money,
        "actual_qty": INTEGER,
        "actual_amount": NUMBER,
        "actual_value_per_carton": money,
        "qty_completion": a_rate(),
        "amount_completion": a_rate(),
        "value_per_carton_completion": a_rate(),
        "on_pace": nullable(BOOLEAN),
    }


def parameters(*, month: bool) -> list[dict]:
    """The month (when the list has one), then the reports' paging parameters."""
    return [*([month_parameter()] if month else []), *paging_parameters()]


def operation(operation_id: str, summary: str, parameters: list, answer: str) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": summary, "content": {"application/json": {"schema": ref(answer)}}},
                "400": error(_("A parameter is missing or not valid.")),
                "401": error(_("No valid token and no session.")),
                "403": error(_("Your login has no active staff record, so it has no scope.")),
            },
        }
    }


def openapi_paths() -> dict:
    """The paths of /api/v1/targets/ (collected by api.openapi)."""
    customer = {
        "name": "customer",
        "in": "query",
        "required": False,
        "description": _("A customer code: that customer's targets only."),
        "schema": STRING,
    }
    return {
        "/api/v1/targets/sales": operation(
            "sales_targets", _("Sales targets of a month"), parameters(month=True), "SalesTargetList"
        ),
        "/api/v1/targets/improvement": operation(
            "improvement_targets",
            _("Improvement targets of a month"),
            [*parameters(month=True), customer],
            "ImprovementTargetList",
        ),
        "/api/v1/targets/kpi": operation("kpi_targets", _("KPI targets"), parameters(month=False), "KpiTargetList"),
    }


def openapi_schemas() -> dict:
    """The component schemas of those paths."""
    named_set = shape(id=INTEGER, name=STRING)
    person_schema = shape(code=STRING, name=STRING)
    state = {"type": "string", "enum": list(ReviewState.values)}
    states = {"type": "object", "additionalProperties": INTEGER, "description": _("Targets per review state.")}
    return {
        "SalesTargetList": shape(
            month=STRING,
            pace=shape(working_days=INTEGER, elapsed=INTEGER, share=a_rate()),
            rows=listed(
                shape(
                    staff=person_schema,
                    team=STRING,
                    target_id=nullable(INTEGER),
                    state=nullable(state),
                    **figure_schemas(),
                    lines=listed(
                        shape(
                            spec=nullable(person_schema),
                            brand_set=nullable(named_set),
                            qty=INTEGER,
                            amount=NUMBER,
                            value_per_carton=nullable(NUMBER),
                        )
                    ),
                )
            ),
            teams=listed(shape(team=STRING, states=states, **figure_schemas())),
            total=shape(states=states, **figure_schemas()),
            paging=ref("Paging"),
        ),
        "ImprovementTargetList": shape(
            month=STRING,
            count=INTEGER,
            met=INTEGER,
            achievement_rate=a_rate(),
            rows=listed(
                shape(
                    id=INTEGER,
                    customer=person_schema,
                    manager=nullable(person_schema),
                    metric={"type": "string", "enum": list(Metric.values)},
                    spec=nullable(person_schema),
                    brand_set=nullable(named_set),
                    baseline=NUMBER,
                    target=NUMBER,
                    actual=nullable(NUMBER),
                    met=BOOLEAN,
                    note=STRING,
                )
            ),
            paging=ref("Paging"),
        ),
        "KpiTargetList": shape(
            rows=listed(
                shape(
                    id=INTEGER,
                    set_by=person_schema,
                    unit=shape(code=STRING, name=STRING),
                    brand_set=named_set,
                    metric={"type": "string", "enum": list(KpiMetric.values)},
                    target_rate=NUMBER,
                    due_on=DATE,
                    note=STRING,
                    progress=shape(
                        customers_ordering=nullable(INTEGER),
                        customers_in_scope=nullable(INTEGER),
                        value=a_rate(),
                        **{"from": nullable(DATE), "to": nullable(DATE)},
                    ),
                    **{"from": DATE},
                )
            ),
            paging=ref("Paging"),
        ),
    }
