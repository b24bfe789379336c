"""The JSON side of 市场机会 (docs/api.md "Market opportunities"): `GET /api/v1/opportunities/` (the caller's list)
and `POST /api/v1/opportunities/` (enter one), with their OpenAPI fragment.

api/views.py authenticates and routes. A refusal is `OpportunityApiError` (a parameter of the list) or, for the
write, the service's PermissionDenied (403) and a ValidationError naming the field (400), which api/views.py's
write endpoint answers as the JSON error object. The write validates through the page's own form.
"""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action, is_admin, staff_of
from workbench.lib.openapi import error, listed, nullable, paging_parameters, ref, shape
from workbench.visits.models import MarketOpportunity, OpportunityStatus, OpportunityType
from workbench.visits.opportunity_forms import FollowUpForm, OpportunityForm
from workbench.visits.opportunity_services import create_opportunity, follow_up, may_enter_opportunities, may_follow_up


class OpportunityApiError(Exception):
    """A request the list refuses: `status` 400 (`field` names the parameter) or 403."""

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def opportunity_json(opportunity: MarketOpportunity) -> dict:
    """One opportunity as the API shows it (codes for the staff, the customer, the specs and the choices)."""
    return {
        "id": opportunity.pk,
        "found_on": opportunity.found_on.isoformat(),
        "staff": opportunity.staff.code,
        "customer": opportunity.customer.code if opportunity.customer else None,
        "area": opportunity.area,
        "type": opportunity.type,
        "description": opportunity.description,
        "related_specs": sorted(spec.code for spec in opportunity.related_specs.all()),
        "estimated_qty": opportunity.estimated_qty,
        "status": opportunity.status,
        "action": opportunity.action,
        "result": opportunity.result,
        "closed_on": opportunity.closed_on.isoformat() if opportunity.closed_on else None,
        # The state it is in: a follow-up sends it back as `loaded_at` (the stale guard).
        "updated_at": opportunity.updated_at.isoformat(),
    }


def list_answer(user, data: Mapping, page: int, page_size: int) -> dict:
    """The opportunities the caller sees, newest found first, filtered by `status` and `type`, a page at a time."""
    if staff_of(user) is None and not is_admin(user):
        raise OpportunityApiError(_("Your login has no active staff record, so it has no scope."), status=403)
    opportunities = MarketOpportunity.objects.restrict(user, Action.VIEW)
    for name, choices in (("status", OpportunityStatus), ("type", OpportunityType)):
        value = (data.get(name) or "").strip()
        if not value:
            continue
        if value not in choices.values:
            raise OpportunityApiError(
                _("“%(value)s” is not a valid %(name)s.") % {"value": value, "name": name}, field=name
            )
        opportunities = opportunities.filter(**{name: value})
    opportunities = opportunities.order_by("-found_on", "-pk")
    count = opportunities.count()
    start = (page - 1) * page_size
    selected = opportunities.select_related("staff", "customer").prefetch_related("related_specs")
    return {
        # A page past the last is empty without asking the database (an offset that large overflows SQLite).
        "opportunities": [opportunity_json(item) for item in selected[start : start + page_size]]
        if start < count
        else [],
        "paging": {"page": page, "page_size": page_size, "count": count, "pages": -(-count // page_size)},
    }


SCALARS = ("customer", "area", "type", "description", "estimated_qty", "found_on")


def form_data(body: dict) -> dict:
    """A JSON body as the form's data: null as empty, numbers as their digits, today when no date is given; a value
    of the wrong JSON type is a ValidationError naming its field."""
    data: dict = {}
    for name in SCALARS:
        value = body.get(name)
        if value is None:
            value = ""
        elif isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        elif not isinstance(value, str):
            raise ValidationError({name: [_("Give a text or a number.")]})
        data[name] = value
    specs = body.get("related_specs") or []
    if not isinstance(specs, list) or not all(isinstance(code, str) for code in specs):
        raise ValidationError({"related_specs": [_("Give a list of spec codes.")]})
    data["related_specs"] = specs
    if not data["found_on"]:
        data["found_on"] = timezone.localdate().isoformat()
    return data


def create_answer(user, body: dict) -> tuple[dict, int]:
    """Enter an opportunity: `{"opportunity": {...}}` with the status 201; PermissionDenied (403) for a role that
    does not enter them, ValidationError (400) naming the first field at fault."""
    if not may_enter_opportunities(user):
        raise PermissionDenied
    form = OpportunityForm(user, form_data(body))
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    opportunity = create_opportunity(user=user, values=form.values())
    return {"opportunity": opportunity_json(opportunity)}, 201


FOLLOW_UP = ("status", "action", "result", "closed_on", "loaded_at")


def follow_up_answer(user, pk: int, body: dict) -> dict:
    """Follow an opportunity up (its finder only): the page's form and service, `loaded_at` its `updated_at` as
    read. Http404 outside the scope, PermissionDenied (403) for anyone but the finder, ValidationError (400) naming
    the field, StaleEdit (409) when it changed since it was read."""
    opportunity = (
        MarketOpportunity.objects.restrict(user, Action.VIEW).select_related("staff", "customer").filter(pk=pk).first()
    )
    if opportunity is None:
        raise Http404
    if not may_follow_up(user, opportunity):
        raise PermissionDenied
    data: dict = {}
    for name in FOLLOW_UP:
        value = body.get(name)
        if value is not None and not isinstance(value, str):
            raise ValidationError({name: [_("Give a text.")]})
        data[name] = value or ""
    form = FollowUpForm(data, instance=opportunity)
    if not form.is_valid():
        raise ValidationError({field: list(messages) for field, messages in form.errors.items()})
    follow_up(user=user, opportunity=opportunity, values=form.values(), loaded_at=form.cleaned_data["loaded_at"])
    return {"opportunity": opportunity_json(opportunity)}


# The OpenAPI fragment (collected by api.openapi, through VisitsConfig.api_modules)


def openapi_paths() -> dict:
    query = [
        {
            "name": "status",
            "in": "query",
            "required": False,
            "description": _("Only the opportunities of this status."),
            "schema": {"type": "string", "enum": list(OpportunityStatus.values)},
        },
        {
            "name": "type",
            "in": "query",
            "required": False,
            "description": _("Only the opportunities of this type."),
            "schema": {"type": "string", "enum": list(OpportunityType.values)},
        },
        *paging_parameters(),
    ]
    common = {
        "401": error(_("No valid token and no session.")),
        "403": error(_("Your login has no active staff record, or your role does not enter opportunities.")),
    }
    return {
        "/api/v1/opportunities/": {
            "get": {
                "operationId": "market_opportunities",
                "summary": _("Market opportunities"),
                "parameters": query,
                "responses": {
                    "200": {
                        "description": _("Market opportunities"),
                        "content": {"application/json": {"schema": ref("MarketOpportunityPage")}},
                    },
                    "400": error(_("A parameter is not valid.")),
                    **common,
                },
            },
            "post": {
                "operationId": "market_opportunity_create",
                "summary": _("Enter a market opportunity"),
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("MarketOpportunityInput")}},
                },
                "responses": {
                    "201": {
                        "description": _("The opportunity entered"),
                        "content": {"application/json": {"schema": shape(opportunity=ref("MarketOpportunity"))}},
                    },
                    "400": error(_("A field is not valid (the error names it).")),
                    **common,
                },
            },
        },
        "/api/v1/opportunities/{id}/follow-up": {
            "post": {
                "operationId": "market_opportunity_follow_up",
                "summary": _("Follow a market opportunity up"),
                "description": _(
                    "Its finder only. Send the updated_at it was read with as loaded_at: refused with 409 when it "
                    "changed since. With a session, send the CSRF token (X-CSRFToken); a Bearer token needs none."
                ),
                "parameters": [
                    {
                        "name": "id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
                    }
                ],
                "requestBody": {
                    "required": True,
                    "content": {"application/json": {"schema": ref("MarketOpportunityFollowUp")}},
                },
                "responses": {
                    "200": {
                        "description": _("The opportunity followed up"),
                        "content": {"application/json": {"schema": shape(opportunity=ref("MarketOpportunity"))}},
                    },
                    "400": error(_("A field is not valid (the error names it).")),
                    "401": common["401"],
                    "403": error(
                        _("Only the one who found it follows it up, or the CSRF token of a session is missing.")
                    ),
                    "404": error(_("Not found, or outside your scope.")),
                    "409": error(_("It changed since it was read: read it again.")),
                },
            }
        },
    }


def openapi_schemas() -> dict:
    integer = {"type": "integer", "minimum": 0}
    text = {"type": "string"}
    date = {"type": "string", "format": "date"}
    opportunity = shape(
        id={"type": "integer", "minimum": 1},
        found_on=date,
        staff=text,
        customer=nullable(text),
        area=text,
        type={"type": "string", "enum": list(OpportunityType.values)},
        description=text,
        related_specs=listed(text),
        estimated_qty=nullable(integer),
        status={"type": "string", "enum": list(OpportunityStatus.values)},
        action=text,
        result=text,
        closed_on=nullable(date),
        updated_at={"type": "string", "format": "date-time"},
    )
    followed = {
        "type": "object",
        "required": ["status", "loaded_at"],
        "properties": {
            "status": {"type": "string", "enum": list(OpportunityStatus.values)},
            "action": {"type": "string"},
            "result": {"type": "string"},
            "closed_on": nullable(date),
            "loaded_at": {"type": "string", "description": _("The updated_at the opportunity was read with.")},
        },
    }
    entered = {
        "type": "object",
        "required": ["type", "description"],
        "properties": {
            "customer": nullable({"type": "string", "description": _("One of your customers' codes.")}),
            "area": {"type": "string", "maxLength": 100},
            "type": {"type": "string", "enum": list(OpportunityType.values)},
            "description": {"type": "string", "minLength": 1},
            "related_specs": listed({"type": "string"}),
            "estimated_qty": nullable({"type": "integer", "minimum": 0, "maximum": 2147483647}),
            "found_on": {**date, "description": _("Today when left out.")},
        },
    }
    paging = shape(page=integer, page_size=integer, count=integer, pages=integer)
    return {
        "MarketOpportunity": opportunity,
        "MarketOpportunityInput": entered,
        "MarketOpportunityFollowUp": followed,
        "MarketOpportunityPage": shape(opportunities=listed(ref("MarketOpportunity")), paging=paging),
    }
