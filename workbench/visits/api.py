"""The JSON side of the visits (docs/api.md "Visits"): record one, sync the phone's outbox, list a day's.

The api app authenticates the caller and routes the requests (api/views.py); these functions compute the answers.
Every write goes through `services.record_visit`, the one write path of the form and the phone.
"""

from collections.abc import Mapping

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.lib.openapi import error, listed, nullable, ref, shape
from workbench.visitplans.api import VisitPlanApiError, date_asked, query, staff_asked, staff_parameter
from workbench.visits.day import visit_day
from workbench.visits.models import RequestKind, RequestState, Visit, VisitMode, VisitPurpose
from workbench.visits.services import VisitRefused, record_visit


class VisitApiError(Exception):
    """A request the visit endpoints refuse: `status` 400 (`field` names the field), 403 or 404."""

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def visit_json(visit: Visit) -> dict:
    """A visit as the API answers it."""
    return {
        "id": visit.pk,
        "client_id": str(visit.client_id),
        "staff": visit.staff.code,
        "customer": visit.customer_id,
        "customer_code": visit.customer.code,
        "customer_name": visit.customer.name,
        "planned": visit.planned_visit_id is not None,
        "visited_on": visit.visited_on.isoformat(),
        "start_time": visit.start_time.strftime("%H:%M"),
        "end_time": visit.end_time.strftime("%H:%M"),
        "mode": visit.mode,
        "purposes": visit.purposes,
        "satisfaction": visit.satisfaction,
        # Counted in the list's query (request_count); one query more for a single visit.
        "requests": visit.request_count if hasattr(visit, "request_count") else visit.requests.count(),
        "distance_m": visit.distance_m,
        "is_far": visit.is_far,
    }


def post_answer(user, data: Mapping) -> tuple[dict, int]:
    """`POST /api/v1/visits/`: 201 and the visit when recorded now, 200 when it was recorded before."""
    try:
        visit, created = record_visit(user, data)
    except VisitRefused as refused:
        raise VisitApiError(refused.message, field=refused.field, status=refused.status) from None
    return {"visit": visit_json(visit), "created": created}, 201 if created else 200


def sync_answer(user, data: Mapping) -> dict:
    """`POST /api/v1/visits/sync`: the phone's queued visits, each recorded on its own (one refused visit does not
    stop the others); what became of each, so that the phone removes the recorded ones and keeps the refused."""
    visits = data.get("visits") if isinstance(data, Mapping) else None
    if not isinstance(visits, list):
        raise VisitApiError(_('Send {"visits": [ … ]}.'), field="visits")
    if len(visits) > settings.WORKBENCH_VISIT_SYNC_MAX:
        raise VisitApiError(
            _("At most %(count)d visits at once.") % {"count": settings.WORKBENCH_VISIT_SYNC_MAX}, field="visits"
        )
    results = []
    for item in visits:
        client_id = str(item.get("client_id", "")) if isinstance(item, Mapping) else ""
        try:
            visit, created = record_visit(user, item)
        except VisitRefused as refused:
            results.append(
                {
                    "client_id": client_id,
                    "status": "refused",
                    "visit": None,
                    "errors": refused.errors,
                    "status_code": refused.status,
                }
            )
            continue
        results.append(
            {
                "client_id": str(visit.client_id),
                "status": "created" if created else "existing",
                "visit": visit.pk,
                "errors": None,
                "status_code": 201 if created else 200,
            }
        )
    return {"results": results}


def list_answer(user, data: Mapping) -> dict:
    """`GET /api/v1/visits/`: the visits of one day (`date`, today) of a customer manager (`staff`, the caller)."""
    try:
        staff = staff_asked(user, data)
        day = date_asked(data, "date", timezone.localdate())
    except VisitPlanApiError as refused:
        raise VisitApiError(refused.message, field=refused.field, status=refused.status) from None
    visits = (
        Visit.objects.restrict(user)
        .filter(staff=staff, visited_on=day)
        .select_related("staff", "customer")
        .with_request_count()
        .order_by("start_time", "id")
    )
    return {"date": day.isoformat(), "staff": staff.code, "visits": [visit_json(visit) for visit in visits]}


# The OpenAPI fragment (collected by api.openapi)

STRING = {"type": "string"}
TEXT = {"type": "string", "maxLength": 2000}
TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
INTEGER = {"type": "integer"}


def visit_body() -> dict:
    """What the phone sends for one visit (services.record_visit checks it)."""
    stamp = {
        "type": "object",
        "required": ["lat", "lng"],
        "properties": {
            "lat": {"type": "number", "minimum": -90, "maximum": 90},
            "lng": {"type": "number", "minimum": -180, "maximum": 180},
            "accuracy": {"type": "number", "minimum": 0},
            "at": {"type": "string", "format": "date-time"},
        },
    }
    request = {
        "type": "object",
        "required": ["kind", "text"],
        "properties": {
            "kind": {"type": "string", "enum": list(RequestKind.values)},
            "text": {"type": "string", "minLength": 1, "maxLength": 2000},
            "state": {"type": "string", "enum": list(RequestState.values)},
        },
    }
    # A sample point's observation of one spec (visits/observations.py); a visit to any other customer takes none.
    observation = {
        "type": "object",
        "required": ["spec", "stock_qty"],
        "properties": {
            "spec": {"type": "integer", "minimum": 1, "description": _("The spec's id; on sale.")},
            "stock_qty": {"type": "integer", "minimum": 0, "description": _("The shop's stock, cartons.")},
            "retail_price": nullable({"type": "string", "pattern": r"^[0-9]+(\.[0-9]{1,2})?$"}),
            "stockout_days": {"type": "integer", "minimum": 0, "maximum": 7},
        },
    }
    text_fields = ("business", "brands", "market", "service_content", "service_method", "service_effect")
    return {
        "type": "object",
        "required": ["client_id", "customer", "visited_on", "start_time", "end_time"],
        "properties": {
            "client_id": {"type": "string", "format": "uuid", "description": _("Made on the phone: the visit's id.")},
            "customer": {"type": "integer", "minimum": 1, "maximum": 2**31 - 1},
            "visited_on": {"type": "string", "format": "date"},
            "start_time": TIME,
            "end_time": TIME,
            "mode": {"type": "string", "enum": list(VisitMode.values)},
            "purposes": {"type": "array", "items": {"type": "string", "enum": list(VisitPurpose.values)}},
            **{name: TEXT for name in text_fields},
            "satisfaction": nullable({"type": "integer", "minimum": 1, "maximum": 5}),
            "next_action": TEXT,
            "impressions": TEXT,
            "requests": {"type": "array", "maxItems": 10, "items": request},
            "location": {"type": "object", "properties": {"start": stamp, "end": stamp}},
            "observations": {"type": "array", "items": observation},
        },
    }


def answers(summary: str, schema: dict, created: bool = False) -> dict:
    found = {"200": {"description": summary, "content": {"application/json": {"schema": schema}}}}
    if created:
        found["201"] = {"description": _("Recorded now."), "content": {"application/json": {"schema": schema}}}
    return {
        **found,
        "400": error(_("A field is missing or not valid; `field` names it.")),
        "401": error(_("No valid token and no session.")),
        "403": error(_("Only a customer manager records visits, or the CSRF token of a session is missing.")),
        "404": error(_("The customer is not one of yours.")),
    }


def write(operation_id: str, summary: str, description: str, body: dict, schema: dict, created=False) -> dict:
    return {
        "operationId": operation_id,
        "summary": summary,
        "description": description,
        "requestBody": {"required": True, "content": {"application/json": {"schema": body}}},
        "responses": answers(summary, schema, created),
    }


def day_parameters() -> list[dict]:
    """A day's parameters, as the visit plan's day has them: the customer manager and the date."""
    day = query("date", _("The day, YYYY-MM-DD; today when left out."), {"type": "string", "format": "date"})
    return [staff_parameter(), day]


def openapi_paths() -> dict:
    """The paths of /api/v1/visits/."""
    session_note = _("With a session, send the CSRF token (X-CSRFToken); a Bearer token needs none.")
    return {
        "/api/v1/visits/": {
            "get": {
                "operationId": "visit_list",
                "summary": _("A day's visits"),
                "parameters": day_parameters(),
                "responses": answers(_("A day's visits"), ref("VisitList")),
            },
            "post": write(
                "visit_post",
                _("Record a visit"),
                _("201 when recorded now; 200 with created false when this client_id was recorded before.")
                + " "
                + session_note,
                ref("VisitBody"),
                ref("VisitRecorded"),
                created=True,
            ),
        },
        **day_openapi_paths(),
        "/api/v1/visits/sync": {
            "post": write(
                "visit_sync",
                _("Send the phone's queued visits"),
                _("Each visit is recorded on its own; the answer says, for each, created, existing or refused.")
                + " "
                + session_note,
                {
                    "type": "object",
                    "required": ["visits"],
                    "properties": {
                        "visits": {
                            "type": "array",
                            "maxItems": settings.WORKBENCH_VISIT_SYNC_MAX,
                            "items": ref("VisitBody"),
                        }
                    },
                },
                ref("VisitSyncResults"),
            )
        },
    }


def openapi_schemas() -> dict:
    visit = shape(
        id=INTEGER,
        client_id=STRING,
        staff=STRING,
        customer=INTEGER,
        customer_code=STRING,
        customer_name=STRING,
        planned={"type": "boolean"},
        visited_on={"type": "string", "format": "date"},
        start_time=STRING,
        end_time=STRING,
        mode={"type": "string", "enum": list(VisitMode.values)},
        purposes=listed(STRING),
        satisfaction=nullable(INTEGER),
        requests={"type": "integer", "minimum": 0},
        distance_m=nullable(INTEGER),
        is_far={"type": "boolean"},
    )
    result = shape(
        client_id=STRING,
        status={"type": "string", "enum": ["created", "existing", "refused"]},
        visit=nullable(INTEGER),
        errors=nullable({"type": "object", "additionalProperties": listed(STRING)}),
        status_code=INTEGER,
    )
    return {
        "VisitBody": visit_body(),
        "Visit": visit,
        "VisitRecorded": shape(visit=ref("Visit"), created={"type": "boolean"}),
        "VisitList": shape(date={"type": "string", "format": "date"}, staff=STRING, visits=listed(ref("Visit"))),
        "VisitSyncResults": shape(results=listed(result)),
        **day_openapi_schemas(),
    }


# The day as visited (visits.day, docs/definitions.md#visit-day): the day page's numbers, for the phone.

VISIT_STATES = ["done", "missed", "pending"]


def coordinate(value) -> float | None:
    return float(value) if value is not None else None


def day_answer(user, data: Mapping) -> dict:
    """`GET /api/v1/visits/day`: a customer manager's day (`staff`, the caller) as visited (`date`, today): the planned
    visits of his committed visit plan in route order, each done, missed or pending, the other visits of the day,
    the counts and the hours visited (visits.day.visit_day, the page's numbers)."""
    try:
        staff = staff_asked(user, data)
        today = timezone.localdate()
        day = date_asked(data, "date", today)
    except VisitPlanApiError as refused:
        raise VisitApiError(refused.message, field=refused.field, status=refused.status) from None
    found = visit_day(user, staff, day, today)
    return {
        "date": day.isoformat(),
        "staff": staff.code,
        "has_plan": found.plan is not None,
        "done": found.done,
        "missed": found.missed,
        "pending": found.pending,
        "unplanned": found.unplanned,
        "hours": round(found.hours, 2),
        "hours_norm": found.hours_norm,
        "planned": [
            {
                "number": stop.number,
                "planned_visit": stop.planned.pk,
                "customer": stop.customer.pk,
                "customer_code": stop.customer.code,
                "customer_name": stop.customer.name,
                "address": stop.customer.address,
                "phone": stop.customer.phone,
                "lat": coordinate(stop.customer.lat),
                "lng": coordinate(stop.customer.lng),
                "state": str(stop.state),
                "visit": stop.visit.pk if stop.visit is not None else None,
            }
            for stop in found.stops
        ],
        "other_visits": [visit_json(visit) for visit in found.other_visits],
    }


def day_openapi_paths() -> dict:
    """The path of the day as visited (openapi_paths lists it)."""
    return {
        "/api/v1/visits/day": {
            "get": {
                "operationId": "visit_day",
                "summary": _("A day as visited"),
                "description": _(
                    "The planned visits of the committed visit plan in route order, each done, missed or pending; "
                    "the day's other visits; the counts and the hours of in-person visits."
                ),
                "parameters": day_parameters(),
                "responses": answers(_("A day as visited"), ref("VisitedDay")),
            }
        }
    }


def day_openapi_schemas() -> dict:
    """The day's schema (openapi_schemas lists it)."""
    planned = shape(
        number=INTEGER,
        planned_visit=INTEGER,
        customer=INTEGER,
        customer_code=STRING,
        customer_name=STRING,
        address=STRING,
        phone=STRING,
        lat=nullable({"type": "number"}),
        lng=nullable({"type": "number"}),
        state={"type": "string", "enum": VISIT_STATES},
        visit=nullable(INTEGER),
    )
    count = {"type": "integer", "minimum": 0}
    return {
        "VisitedDay": shape(
            date={"type": "string", "format": "date"},
            staff=STRING,
            has_plan={"type": "boolean"},
            done=count,
            missed=count,
            pending=count,
            unplanned=count,
            hours={"type": "number", "minimum": 0},
            hours_norm={"type": "number"},
            planned=listed(planned),
            other_visits=listed(ref("Visit")),
        )
    }
