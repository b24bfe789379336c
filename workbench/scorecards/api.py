"""The JSON side of the scorecards (docs/api.md "Scorecards"): the month's scorecards over a scope, with its
OpenAPI fragment. api/views.py authenticates and routes; the rows are the list page's (queries.month_rows).

`ScorecardApiError` (a message, the parameter at fault, the HTTP status) is what the caller got wrong; api/views.py
answers it as the JSON error object.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import ScopeError, resolve_scope
from workbench.lib.openapi import error, listed, month_parameter, nullable, paging_parameters, ref, shape
from workbench.lib.periods import first_of_month
from workbench.scorecards.models import ScorecardScore
from workbench.scorecards.queries import customers_of_month, month_rows, not_scored_count, parse_month


class ScorecardApiError(Exception):
    """A request the scorecard endpoint refuses: `status` 400 (`field` names the parameter), 403 or 404."""

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def list_answer(user, data: Mapping, page: int, page_size: int) -> dict:
    """`GET /api/v1/scorecards/`: the month's customers of the scope (`scope`, the caller's own by default) in business,
    each with his scorecard of the month (null: not yet scored) and last month's total, one page at a time."""
    text = (data.get("month") or "").strip()
    month = first_of_month(timezone.localdate()) if not text else parse_month(text)
    if month is None:
        raise ScorecardApiError(_("“%(value)s” is not a month (use YYYY-MM).") % {"value": text}, field="month")
    try:
        scope = resolve_scope(user, data.get("scope"))
    except ScopeError as problem:
        raise ScorecardApiError(problem.message, status=problem.status, field=problem.field) from None
    customers = customers_of_month(scope.customers, month).select_related("manager")
    count = customers.count()
    start = (page - 1) * page_size
    rows = month_rows(user, list(customers[start : start + page_size]), month)
    scores: dict[int, list[dict]] = {}
    cards = [row.scorecard for row in rows if row.scorecard is not None]
    for score in (
        ScorecardScore.objects.filter(scorecard__in=cards)
        .select_related("item__dimension")
        .order_by("scorecard_id", "item__dimension__order", "item__order", "item_id")
    ):
        scores.setdefault(score.scorecard_id, []).append(
            {
                "dimension": score.item.dimension.name,
                "item": score.item.name,
                "max_points": score.item.max_points,
                "score": score.score,
                "comment": score.comment,
            }
        )
    return {
        "month": f"{month:%Y-%m}",
        "scope": scope.code,
        "customers": count,
        "not_scored": not_scored_count(user, scope.customers, month),
        "rows": [
            {
                "customer_code": row.customer.code,
                "customer_name": row.customer.name,
                "manager": row.customer.manager.code if row.customer.manager_id else None,
                "last_month_total": row.last_total,
                "scorecard": None
                if row.scorecard is None
                else {
                    "template": row.scorecard.template.name,
                    "template_version": row.scorecard.template.version,
                    "total": row.scorecard.total,
                    "maximum": row.scorecard.maximum,  # type: ignore[attr-defined]
                    "stars": row.scorecard.stars,
                    "version": row.scorecard.version,
                    "scored_by": row.scorecard.scored_by.code if row.scorecard.scored_by else None,
                    "updated_at": timezone.localtime(row.scorecard.updated_at).isoformat(),
                    "scores": scores.get(row.scorecard.pk, []),
                },
            }
            for row in rows
        ],
        "paging": {"page": page, "page_size": page_size, "count": count, "pages": -(-count // page_size)},
    }


# The OpenAPI fragment (collected by api.openapi)


def openapi_paths() -> dict:
    """The GET path of the scorecards."""
    return {
        "/api/v1/scorecards/": {
            "get": {
                "operationId": "scorecards",
                "summary": _("The month's scorecards"),
                "parameters": [
                    month_parameter(),
                    {
                        "name": "scope",
                        "in": "query",
                        "required": False,
                        "description": _("A staff code or org code inside your scope; your own scope when left out."),
                        "schema": {"type": "string"},
                    },
                    *paging_parameters(),
                ],
                "responses": {
                    "200": {
                        "description": _("The month's scorecards"),
                        "content": {"application/json": {"schema": ref("ScorecardMonth")}},
                    },
                    "400": error(_("A parameter is not valid.")),
                    "401": error(_("No valid token and no session.")),
                    "403": error(_("Your login has no active staff record, so it has no scope.")),
                    "404": error(_("An unknown scope, or one outside your own.")),
                },
            }
        }
    }


def openapi_schemas() -> dict:
    """The component schemas that path refers to."""
    integer = {"type": "integer", "minimum": 0}
    score = shape(
        dimension={"type": "string"},
        item={"type": "string"},
        max_points={"type": "integer", "minimum": 1},
        score=integer,
        comment={"type": "string"},
    )
    scorecard = shape(
        template={"type": "string"},
        template_version={"type": "integer", "minimum": 1},
        total=integer,
        maximum=integer,
        stars={"type": "integer", "minimum": 1, "maximum": 5},
        version={"type": "integer", "minimum": 1},
        scored_by=nullable({"type": "string"}),
        updated_at={"type": "string", "format": "date-time"},
        scores=listed(score),
    )
    row = shape(
        customer_code={"type": "string"},
        customer_name={"type": "string"},
        manager=nullable({"type": "string"}),
        last_month_total=nullable(integer),
        scorecard=nullable(scorecard),
    )
    return {
        "ScorecardMonth": shape(
            month={"type": "string"},
            scope=nullable({"type": "string"}),
            customers=integer,
            not_scored=integer,
            rows=listed(row),
            paging=shape(page={"type": "integer"}, page_size={"type": "integer"}, count=integer, pages=integer),
        )
    }
