"""The JSON side of the visit plans (docs/api.md "Visit plans"): the day's list of planned visits, which the phone
reads, and a month's visit plan, with their OpenAPI fragment.

The api app authenticates the caller and routes the requests (api/views.py); everything else is here. These
functions raise `VisitPlanApiError` (a message, the parameter at fault, the HTTP status) for anything the caller
got wrong; api/views.py answers it as the JSON error object. The numbers are those of the pages (month.py).
"""

from collections.abc import Mapping
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import is_admin, staff_of, visible_staff
from workbench.accounts.models import Staff
from workbench.lib.openapi import error
from workbench.lib.periods import EARLIEST, LATEST, first_of_month
from workbench.visitplans import month, routing
from workbench.visitplans.models import PlannedVisit, VisitPlan


class VisitPlanApiError(Exception):
    """A request the visit plan endpoints refuse: `status` 400 (`field` names the parameter), 403 or 404."""

    def __init__(self, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.status = status
        self.field = field


def staff_asked(user, data: Mapping) -> Staff:
    """The customer manager asked for (`staff`, a staff code), the caller himself when left out: 403 without a staff
    record, 404 for an unknown code or one outside the caller's scope."""
    own = staff_of(user)
    if own is None and not is_admin(user):
        raise VisitPlanApiError(_("Your login has no active staff record, so it has no scope."), status=403)
    code = (data.get("staff") or "").strip()
    if not code:
        if own is None:
            raise VisitPlanApiError(_("Name the customer manager (staff)."), field="staff")
        return own
    staff = visible_staff(user).filter(code=code).first()
    if staff is None:
        raise VisitPlanApiError(
            _("Unknown staff member “%(code)s”, or outside your scope.") % {"code": code}, status=404, field="staff"
        )
    return staff


def date_asked(data: Mapping, name: str, today: date) -> date:
    """The date parameter `name` (YYYY-MM-DD, 1900 to 2999), today when left out."""
    text = (data.get(name) or "").strip()
    if not text:
        return today
    try:
        value = date.fromisoformat(text) if len(text) == 10 else None
    except ValueError:
        value = None
    if value is None or not EARLIEST <= value <= LATEST:
        raise VisitPlanApiError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": text}, field=name)
    return value


def month_asked(data: Mapping, today: date) -> date:
    """The `month` parameter (YYYY-MM) as its first day, this month when left out."""
    text = (data.get("month") or "").strip()
    if not text:
        return first_of_month(today)
    try:
        value = date.fromisoformat(f"{text}-01") if len(text) == 7 else None
    except ValueError:
        value = None
    if value is None or not EARLIEST <= value <= LATEST:
        raise VisitPlanApiError(_("“%(value)s” is not a month (use YYYY-MM).") % {"value": text}, field="month")
    return value


def plan_of(user, staff: Staff, plan_month: date) -> VisitPlan | None:
    """The staff member's plan of the month, if the caller sees it."""
    return VisitPlan.objects.restrict(user).filter(staff=staff, month=first_of_month(plan_month)).first()


def coordinate(value) -> float | None:
    return float(value) if value is not None else None


def day_answer(user, data: Mapping) -> dict:
    """`GET /api/v1/visit-plans/day`: the planned visits of one day (`date`, today by default) of a customer manager
    (`staff`, the caller by default), in the order of the day's route, with what the phone shows of each customer."""
    staff = staff_asked(user, data)
    day = date_asked(data, "date", timezone.localdate())
    plan = plan_of(user, staff, day)
    visits = [] if plan is None else [visit for visit in month.plan_visits(plan) if visit.day == day]
    start = month.route_start(staff)
    # In the order of the day's route (the route page's), which the phone walks.
    by_id = {visit.customer_id: visit for visit in visits}
    order = routing.order_stops(start, [(v.customer_id, v.customer.lat, v.customer.lng) for v in visits])
    visits = [by_id[customer_id] for customer_id in order]
    # Ticked by a recorded visit (visits.Visit.planned_visit, reached by its reverse name: 实施 is a layer above).
    done = set(
        PlannedVisit.objects.filter(pk__in=[v.pk for v in visits], done_by__isnull=False).values_list("pk", flat=True)
    )
    return {
        "date": day.isoformat(),
        "staff": staff.code,
        "plan_state": plan.state if plan else month.STATE_NONE,
        "hours": round(routing.day_hours(len(visits), month.day_travel_km(start, visits)), 2),
        "visits": [
            {
                "customer_code": visit.customer.code,
                "customer_name": visit.customer.name,
                "address": visit.customer.address,
                "phone": visit.customer.phone,
                "route": visit.customer.route,
                "order_weekday": visit.customer.order_weekday,
                "lat": coordinate(visit.customer.lat),
                "lng": coordinate(visit.customer.lng),
                "source": visit.source,
                "gave_way": visit.gave_way or None,
                "reason": visit.reason,
                "done": visit.pk in done,
            }
            for visit in visits
        ],
    }


def month_answer(user, data: Mapping) -> dict:
    """`GET /api/v1/visit-plans/month`: a customer manager's visit plan of a month, day by day (the plan page's
    numbers: each working day, and any other day holding a visit, with its count and estimated hours)."""
    staff = staff_asked(user, data)
    today = timezone.localdate()
    plan_month = month_asked(data, today)
    plan = plan_of(user, staff, plan_month)
    days = month.plan_days(plan, plan_month)
    return {
        "staff": staff.code,
        "month": f"{plan_month:%Y-%m}",
        "state": plan.state if plan else month.STATE_NONE,
        "version": plan.version if plan else None,
        "committed_at": timezone.localtime(plan.committed_at).isoformat() if plan and plan.committed_at else None,
        "deadline": month.visit_plan_deadline(plan_month).isoformat(),
        "is_late": month.is_late(plan, plan_month, today),
        "days": [
            {
                "date": plan_day.day.isoformat(),
                "is_working_day": plan_day.is_working_day,
                "count": plan_day.count,
                "hours": round(plan_day.hours, 2),
                "visits": [
                    {
                        "customer_code": visit.customer.code,
                        "customer_name": visit.customer.name,
                        "source": visit.source,
                        "gave_way": visit.gave_way or None,
                        "reason": visit.reason,
                    }
                    for visit in plan_day.visits
                ],
            }
            for plan_day in days
        ],
    }


# The OpenAPI fragment (collected by api.openapi)

NULLABLE_STRING = {"type": "string", "nullable": True}
SOURCE = {"type": "string", "enum": ["proposed", "added", "suggested"]}
GAVE_WAY = {"type": "string", "nullable": True, "enum": ["daily_max", "order_day", "route", "cycle", None]}
STATE = {"type": "string", "enum": ["none", "draft", "committed"]}


def query(name: str, description: str, schema: dict) -> dict:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def staff_parameter() -> dict:
    return query(
        "staff", _("A customer manager's staff code inside your scope; yourself when left out."), {"type": "string"}
    )


def operation(operation_id: str, summary: str, parameters: list[dict], schema: dict) -> dict:
    return {
        "get": {
            "operationId": operation_id,
            "summary": summary,
            "parameters": parameters,
            "responses": {
                "200": {"description": summary, "content": {"application/json": {"schema": schema}}},
                "400": error(_("A parameter is not valid.")),
                "401": error(_("No valid token and no session.")),
                "403": error(_("Your login has no active staff record, so it has no scope.")),
                "404": error(_("An unknown staff member, or one outside your scope.")),
            },
        }
    }


def openapi_paths() -> dict:
    """The two GET paths of the visit plans."""
    return {
        "/api/v1/visit-plans/day": operation(
            "visit_plan_day",
            _("The day's planned visits"),
            [
                staff_parameter(),
                query("date", _("The day, YYYY-MM-DD; today when left out."), {"type": "string", "format": "date"}),
            ],
            {"$ref": "#/components/schemas/VisitDay"},
        ),
        "/api/v1/visit-plans/month": operation(
            "visit_plan_month",
            _("A month's visit plan"),
            [
                staff_parameter(),
                query(
                    "month",
                    _("The month, YYYY-MM; this month when left out."),
                    {"type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}$"},
                ),
            ],
            {"$ref": "#/components/schemas/VisitMonth"},
        ),
    }


def openapi_schemas() -> dict:
    """The component schemas those paths refer to."""
    day_visit = {
        "type": "object",
        "required": [
            "customer_code", "customer_name", "address", "phone", "route", "order_weekday", "lat", "lng", "source",
            "gave_way", "reason", "done",
        ],
        "properties": {
            "customer_code": {"type": "string"},
            "customer_name": {"type": "string"},
            "address": {"type": "string"},
            "phone": {"type": "string"},
            "route": {"type": "string"},
            "order_weekday": {"type": "integer", "minimum": 1, "maximum": 7, "nullable": True},
            "lat": {"type": "number", "nullable": True},
            "lng": {"type": "number", "nullable": True},
            "source": SOURCE,
            "gave_way": GAVE_WAY,
            "reason": {"type": "string"},
            "done": {"type": "boolean"},
        },
    }  # fmt: skip
    month_visit = {
        "type": "object",
        "required": ["customer_code", "customer_name", "source", "gave_way", "reason"],
        "properties": {
            "customer_code": {"type": "string"},
            "customer_name": {"type": "string"},
            "source": SOURCE,
            "gave_way": GAVE_WAY,
            "reason": {"type": "string"},
        },
    }
    return {
        "VisitDay": {
            "type": "object",
            "required": ["date", "staff", "plan_state", "hours", "visits"],
            "properties": {
                "date": {"type": "string", "format": "date"},
                "staff": {"type": "string"},
                "plan_state": STATE,
                "hours": {"type": "number", "minimum": 0},
                "visits": {"type": "array", "items": day_visit},
            },
        },
        "VisitMonth": {
            "type": "object",
            "required": ["staff", "month", "state", "version", "committed_at", "deadline", "is_late", "days"],
            "properties": {
                "staff": {"type": "string"},
                "month": {"type": "string"},
                "state": STATE,
                "version": {"type": "integer", "minimum": 1, "nullable": True},
                "committed_at": NULLABLE_STRING,
                "deadline": {"type": "string", "format": "date"},
                "is_late": {"type": "boolean"},
                "days": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["date", "is_working_day", "count", "hours", "visits"],
                        "properties": {
                            "date": {"type": "string", "format": "date"},
                            "is_working_day": {"type": "boolean"},
                            "count": {"type": "integer", "minimum": 0},
                            "hours": {"type": "number", "minimum": 0},
                            "visits": {"type": "array", "items": month_visit},
                        },
                    },
                },
            },
        },
    }
