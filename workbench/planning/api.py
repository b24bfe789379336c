"""The JSON answers of 计划 under /api/v1/plans/ (docs/api.md "Plans and targets") and their OpenAPI fragment.

Each answer is read by the same queries as the screens (queries.team_states for the team's plan states,
history.history_of for a plan's history, queries.team_plans_for for the published team plans), through the scoped
querysets of accounts.access: what the caller does not see is not found. The api app parses the parameters, pages
the lists and turns the answer's numbers, dates and lazy texts into JSON.
"""

from __future__ import annotations

from datetime import date

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, restrict, visible_staff
from workbench.lib.openapi import error, listed, month_parameter, nullable, paging_parameters, ref, shape
from workbench.lib.periods import Period, month_key
from workbench.planning import services
from workbench.planning.history import history_of
from workbench.planning.models import ItemKind, KeyPoint, MonthlyPlan, PlanItem, PlanVersion
from workbench.planning.queries import (
    is_late,
    local_day,
    month_plan_deadline,
    plan_items_between,
    team_plans_for,
    team_states,
)
from workbench.reviews.models import ReviewState, ReviewStep


def person(staff) -> dict | None:
    """A staff member as the answers name him: his code and his name."""
    return {"code": staff.code, "name": staff.name} if staff is not None else None


def moment(value) -> str | None:
    """A stored moment in the installation's time zone, ISO 8601 with its offset."""
    return timezone.localtime(value).isoformat() if value is not None else None


# Answers


def monthly_plans(user, month: date, today: date) -> dict:
    """The plan state of every active customer manager the user sees, for `month`: the team states page's rows."""
    rows = []
    for state in team_states(user, month, today):
        newest, in_force = state.version_number, state.in_force_number
        rows.append(
            {
                "plan_id": state.plan.pk if state.plan else None,
                "owner": person(state.staff),
                "state": state.state,
                "newest_version": newest,
                "in_force_version": in_force,
                "working_version": in_force if in_force is not None else newest,
                "first_submitted_on": state.first_submitted_on,
                "is_late": state.is_late,
                "next_week_split_on": state.next_week_split_on,
                "next_week_is_late": state.next_week_is_late,
            }
        )
    return {"month": month_key(month), "deadline": month_plan_deadline(month), "plans": rows}


def plan_for(user, pk: int) -> MonthlyPlan:
    """The monthly plan `pk` if the user sees it; else 404, whether it exists or not."""
    plan = restrict(MonthlyPlan.objects.select_related("owner", "in_force"), user, Action.VIEW).filter(pk=pk).first()
    if plan is None:
        raise Http404(_("No such monthly plan, or not in your scope."))
    return plan


def item_json(item: PlanItem) -> dict:
    """A task of a plan (计划事项)."""
    return {
        "line": item.line,
        "kind": item.kind,
        "description": item.description,
        "customer": {"code": item.customer.code, "name": item.customer.name} if item.customer else None,
        "customer_set": {"id": item.customer_set.pk, "name": item.customer_set.name} if item.customer_set else None,
        "week": item.week_start,
        "day": item.day,
        "is_done": item.is_done,
    }


def task_json(task) -> dict:
    """A brand-cultivation task (品牌培育任务) of a team plan."""
    return {
        "id": task.pk,
        "title": task.title,
        "brand_set": {"id": task.brand_set.pk, "name": task.brand_set.name},
        "customer_set": {"id": task.customer_set.pk, "name": task.customer_set.name} if task.customer_set else None,
        "from": task.starts_on,
        "to": task.ends_on,
    }


def version_json(version: PlanVersion) -> dict:
    """One version of a monthly plan with its content: problems by key point, tasks by week, cultivation tasks."""
    return {
        "number": version.number,
        "state": version.review_state,
        "submitted_at": moment(version.submitted_at),
        "decided_at": moment(version.decided_at),
        "decided_by": person(version.decided_by),
        "return_comment": version.return_comment,
        "summary": version.summary,
        "problems": [
            {
                "line": problem.line,
                "key_point": problem.key_point,
                "title": problem.title,
                "report_url": problem.report_url,
                "cause": problem.cause,
                "actions": problem.actions,
            }
            for problem in version.problems.all()
        ],
        "items": [item_json(item) for item in version.items.select_related("customer", "customer_set")],
        "taken_tasks": [task_json(task) for task in version.taken_tasks.select_related("brand_set", "customer_set")],
    }


def monthly_plan(user, pk: int, today: date) -> dict:
    """One monthly plan: its newest version (as its page shows it), the version in force, and its history."""
    plan = plan_for(user, pk)
    newest = plan.latest_version()
    in_force = plan.in_force
    deadline = month_plan_deadline(plan.month)
    return {
        "id": plan.pk,
        "owner": person(plan.owner),
        "month": month_key(plan.month),
        "deadline": deadline,
        "first_submitted_on": local_day(plan.first_submitted_at),
        "is_late": is_late(plan.first_submitted_at, deadline, today),
        "working_version": plan.working_version().number,
        "newest": version_json(newest),
        "in_force": None if in_force is None else version_json(in_force),
        "history": [
            {
                "version": line.version_number,
                "step": line.event.step,
                "by": person(line.event.actor),
                "at": moment(line.event.at),
                "state_after": line.event.state_after,
                "comment": line.event.comment,
                "changes": [
                    {"what": change.what, "change": change.change, "label": change.label, "fields": change.fields}
                    for change in line.changes
                ],
            }
            for line in history_of(plan)
        ],
    }


def plan_items(user, staff_code: str, period: Period) -> dict:
    """The tasks of one customer manager's plans in a period (his week, his day: the phone's list). A staff code
    outside the user's scope is not found."""
    owner = visible_staff(user).filter(code=staff_code).first()
    if owner is None:
        raise Http404(_("Unknown staff member “%(code)s”, or outside your scope.") % {"code": staff_code})
    items = plan_items_between(user, owner, period)
    return {
        "staff": person(owner),
        "from": period.start,
        "to": period.end,
        "items": [
            {"plan_id": item.version.plan_id, "version": item.version.number, **item_json(item)} for item in items
        ],
    }


def tick(user, pk: int, *, version_number: int, line: int, done: bool) -> dict:
    """实施 from the phone: tick the task on `line` of the plan's working version done (or not); 404 outside the
    scope, 403 for anyone but the owner, StaleEdit when `version_number` is no longer the working version."""
    plan = plan_for(user, pk)
    item = services.tick_item(plan=plan, user=user, version_number=version_number, line=line, done=done)
    return {"plan_id": plan.pk, "version": version_number, **item_json(item)}


def team_plans(user, month: date) -> dict:
    """The published team plans (市场经理月工作计划) the user reads for `month`: key points, cultivation tasks,
    weekly arrangements (周工作安排) and the leaders' comments."""
    plans = team_plans_for(user, month).prefetch_related("comments__author")
    return {
        "month": month_key(month),
        "team_plans": [
            {
                "id": plan.pk,
                "team": {"code": plan.team.code, "name": plan.team.name},
                "author": person(plan.author),
                "published_at": moment(plan.published_at),
                "customer_points": plan.customer_points,
                "brand_points": plan.brand_points,
                "market_points": plan.market_points,
                "tasks": [task_json(task) for task in plan.tasks.all()],
                "weeks": [{"week": week.week_start, "text": week.text} for week in plan.weeks.all()],
                "comments": [
                    {"by": person(comment.author), "at": moment(comment.created_at), "text": comment.text}
                    for comment in plan.comments.all()
                ],
            }
            for plan in plans
        ],
    }


# The OpenAPI fragment

STRING = {"type": "string"}
INTEGER = {"type": "integer"}
BOOLEAN = {"type": "boolean"}
DATE = {"type": "string", "format": "date"}
MOMENT = {"type": "string", "format": "date-time"}
STATE = {"type": "string", "enum": list(ReviewState.values)}
NAMED_SET = shape(id=INTEGER, name=STRING)


def operation(operation_id: str, summary: str, parameters: list, answer: str, not_found: str) -> dict:
    """A GET operation answering the component schema `answer`, with the errors every endpoint shares."""
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
                "404": error(not_found),
            },
        }
    }


def tick_operation(pk: dict) -> dict:
    """POST: tick a task done, the one write of the API."""
    positive = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}
    body = {
        "type": "object",
        "required": ["version", "line", "done"],
        "properties": {
            "version": {**positive, "description": _("The working version the list showed (its version).")},
            "line": {**positive, "description": _("The task's line.")},
            "done": BOOLEAN,
        },
    }
    summary = _("Tick a plan task done")
    return {
        "post": {
            "operationId": "tick_plan_item",
            "summary": summary,
            "description": _(
                "The owner of the plan only. With a session, send the CSRF token (X-CSRFToken); a Bearer token "
                "needs none. Refused with 409 when another version has come into force since the list was read."
            ),
            "parameters": [pk],
            "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
            "responses": {
                "200": {"description": summary, "content": {"application/json": {"schema": ref("TickedItem")}}},
                "400": error(_("A parameter is missing or not valid.")),
                "401": error(_("No valid token and no session.")),
                "403": error(_("Not yours to change, or the CSRF token of a session is missing.")),
                "404": error(_("Not found, or outside your scope.")),
                "409": error(_("Another version came into force: read the list again.")),
            },
        }
    }


def openapi_paths() -> dict:
    """The paths of /api/v1/plans/ (collected by api.openapi)."""
    outside = _("Not found, or outside your scope.")
    id_schema = {"type": "integer", "minimum": 1, "maximum": 2**31 - 1}  # a primary key, as every database holds it
    pk = {"name": "id", "in": "path", "required": True, "schema": id_schema}
    dates = [
        {
            "name": name,
            "in": "query",
            "required": True,
            "description": description,
            "schema": {"type": "string", "format": "date"},
        }
        for name, description in (
            ("from", _("First day of the period (YYYY-MM-DD).")),
            ("to", _("Last day of the period (YYYY-MM-DD), not before from.")),
        )
    ]
    staff = {
        "name": "staff",
        "in": "query",
        "required": False,
        "description": _("A customer manager's staff code inside your scope; yourself when left out."),
        "schema": STRING,
    }
    return {
        "/api/v1/plans/monthly": operation(
            "monthly_plans",
            _("Monthly plans of a month"),
            [month_parameter(), *paging_parameters()],
            "MonthlyPlanList",
            outside,
        ),
        "/api/v1/plans/monthly/{id}": operation("monthly_plan", _("One monthly plan"), [pk], "MonthlyPlan", outside),
        "/api/v1/plans/monthly/{id}/tick": tick_operation(pk),
        "/api/v1/plans/items": operation(
            "plan_items", _("Plan tasks of a period"), [staff, *dates, *paging_parameters()], "PlanItemList", outside
        ),
        "/api/v1/plans/team": operation(
            "team_plans", _("Team plans of a month"), [month_parameter(), *paging_parameters()], "TeamPlanList", outside
        ),
    }


def openapi_schemas() -> dict:
    """The component schemas of those paths."""
    item = {
        "line": INTEGER,
        "kind": {"type": "string", "enum": list(ItemKind.values)},
        "description": STRING,
        "customer": nullable(shape(code=STRING, name=STRING)),
        "customer_set": nullable(NAMED_SET),
        "week": DATE,
        "day": nullable(DATE),
        "is_done": BOOLEAN,
    }
    task = shape(
        id=INTEGER, title=STRING, brand_set=NAMED_SET, customer_set=nullable(NAMED_SET), **{"from": DATE, "to": DATE}
    )
    person_schema = shape(code=STRING, name=STRING)
    version = shape(
        number=INTEGER,
        state=STATE,
        submitted_at=nullable(MOMENT),
        decided_at=nullable(MOMENT),
        decided_by=nullable(person_schema),
        return_comment=STRING,
        summary=STRING,
        problems=listed(
            shape(
                line=INTEGER,
                key_point={"type": "string", "enum": list(KeyPoint.values)},
                title=STRING,
                report_url=STRING,
                cause=STRING,
                actions=STRING,
            )
        ),
        items=listed(shape(**item)),
        taken_tasks=listed(task),
    )
    return {
        "MonthlyPlanList": shape(
            month=STRING,
            deadline=DATE,
            plans=listed(
                shape(
                    plan_id=nullable(INTEGER),
                    owner=person_schema,
                    state=nullable(STATE),
                    newest_version=nullable(INTEGER),
                    in_force_version=nullable(INTEGER),
                    working_version=nullable(INTEGER),
                    first_submitted_on=nullable(DATE),
                    is_late=BOOLEAN,
                    next_week_split_on=nullable(DATE),
                    next_week_is_late=BOOLEAN,
                )
            ),
            paging=ref("Paging"),
        ),
        "PlanVersion": version,
        "MonthlyPlan": shape(
            id=INTEGER,
            owner=person_schema,
            month=STRING,
            deadline=DATE,
            first_submitted_on=nullable(DATE),
            is_late=BOOLEAN,
            working_version=INTEGER,
            newest=ref("PlanVersion"),
            in_force=nullable(version),
            history=listed(
                shape(
                    version=INTEGER,
                    step={"type": "string", "enum": list(ReviewStep.values)},
                    by=person_schema,
                    at=MOMENT,
                    state_after=STATE,
                    comment=STRING,
                    changes=listed(shape(what=STRING, change=STRING, label=STRING, fields=listed(STRING))),
                )
            ),
        ),
        "PlanItemList": shape(
            staff=person_schema,
            **{"from": DATE, "to": DATE},
            items=listed(shape(plan_id=INTEGER, version=INTEGER, **item)),
            paging=ref("Paging"),
        ),
        "TickedItem": shape(plan_id=INTEGER, version=INTEGER, **item),
        "TeamPlanList": shape(
            month=STRING,
            team_plans=listed(
                shape(
                    id=INTEGER,
                    team=shape(code=STRING, name=STRING),
                    author=person_schema,
                    published_at=nullable(MOMENT),
                    customer_points=STRING,
                    brand_points=STRING,
                    market_points=STRING,
                    tasks=listed(task),
                    weeks=listed(shape(week=DATE, text=STRING)),
                    comments=listed(shape(by=person_schema, at=MOMENT, text=STRING)),
                )
            ),
            paging=ref("Paging"),
        ),
    }
