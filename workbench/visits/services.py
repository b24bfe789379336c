"""Recording a visit: the one write path of the form, the API and the phone's sync (docs/definitions.md#visits).

`record_visit(user, data)` takes the visit as the phone sends it (the JSON of docs/api.md "Visits"), checks every
field, and writes the visit and its requests in one transaction, or nothing. The phone makes the visit's
`client_id` when the form opens, so the same visit sent again (a sync retried after a dropped answer) finds the
visit already recorded and writes nothing: a re-send never makes a duplicate.
"""

import uuid
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import may_own_customers, staff_of, visible_customers
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import EARLIEST, first_of_month
from workbench.planning.models import ItemKind, MonthlyPlan
from workbench.visitplans.geo import great_circle_km
from workbench.visitplans.models import PlannedVisit, VisitPlanState
from workbench.visits.models import RequestKind, RequestState, Visit, VisitMode, VisitPurpose, VisitRequest

TEXT_FIELDS = (
    "business",
    "brands",
    "market",
    "service_content",
    "service_method",
    "service_effect",
    "next_action",
    "impressions",
)
TEXT_MAX = 2000  # characters of one free-text field
REQUESTS_MAX = 10  # requests on one visit


class VisitRefused(Exception):
    """A visit not recorded: `errors` maps each JSON key at fault ("end_time", "requests[1].kind") to its messages;
    `status` is 400 (a field), 403 (may not record visits) or 404 (the customer is outside the user's scope)."""

    def __init__(self, errors: dict[str, list[str]], status: int = 400):
        super().__init__("; ".join(f"{key}: {' '.join(messages)}" for key, messages in errors.items()))
        self.errors = errors
        self.status = status

    @property
    def field(self) -> str:
        return next(iter(self.errors))

    @property
    def message(self) -> str:
        return self.errors[self.field][0]


# A hook for the parts of a visit other modules check and write (the sample-point observations): each takes
# (customer, the raw value, errors) before the write and (visit, the checked value) inside the transaction.
class Part:
    def __init__(self, key: str, check: Callable, write: Callable):
        self.key, self.check, self.write = key, check, write


PARTS: list[Part] = []


def register_part(key: str, check: Callable, write: Callable) -> None:
    """Let another module check and write the `key` part of a visit's data (once per key)."""
    if all(part.key != key for part in PARTS):
        PARTS.append(Part(key, check, write))


def record_visit(user, data: Mapping) -> tuple[Visit, bool]:
    """Record the visit `data` for the user; (the visit, True) when written now, (the visit, False) when this
    `client_id` was recorded before. Raises VisitRefused with nothing written."""
    staff = staff_of(user)
    if staff is None or not may_own_customers(staff.role):
        raise VisitRefused({"customer": [_("Only a customer manager records visits, each for himself.")]}, 403)
    if not isinstance(data, Mapping):
        raise VisitRefused({"visit": [_("Send the visit as a JSON object.")]})
    client_id = uuid_of(data.get("client_id"))
    if client_id is None:
        raise VisitRefused({"client_id": [_("The visit has no valid id (a UUID made on the phone).")]})
    existing = Visit.objects.filter(client_id=client_id).first()
    if existing is not None:
        return known(existing, staff)
    customer = customer_of(user, staff, data.get("customer"))
    values, requests, parts = checked(data, customer)
    try:
        with transaction.atomic():
            visit = Visit.objects.create(client_id=client_id, staff=staff, customer=customer, **values)
            VisitRequest.objects.bulk_create(VisitRequest(visit=visit, **request) for request in requests)
            for part, value in parts:
                part.write(visit, value)
            tick(visit)
            tick_plan_items(visit)
    except IntegrityError:
        # The same visit arrived twice at once (two syncs racing): the other one wrote it.
        existing = Visit.objects.filter(client_id=client_id).first()
        if existing is None:
            raise
        return known(existing, staff)
    return visit, True


def known(visit: Visit, staff: Staff) -> tuple[Visit, bool]:
    """A visit already recorded under this client_id: the same one again, unless it is someone else's."""
    if visit.staff_id != staff.pk:
        raise VisitRefused({"client_id": [_("This id belongs to another person's visit.")]})
    return visit, False


def uuid_of(value) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def customer_of(user, staff: Staff, value) -> Customer:
    """One of the user's own customers (a visit is to a customer he manages); 404 for any other."""
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if type(value) is not int:
        raise VisitRefused({"customer": [_("Choose the customer visited.")]})
    customer = visible_customers(user).filter(pk=value, manager=staff).first()
    if customer is None:
        raise VisitRefused({"customer": [_("This customer is not one of yours (any more).")]}, 404)
    return customer


def checked(data: Mapping, customer: Customer) -> tuple[dict, list[dict], list]:
    """The visit's model values, its requests and its registered parts, every field checked; VisitRefused naming
    each field at fault."""
    errors: dict[str, list[str]] = {}

    def fail(key: str, message: str) -> None:
        errors.setdefault(key, []).append(message)

    values: dict = {}
    values["visited_on"] = day_of(data.get("visited_on"), fail)
    values["start_time"] = time_of(data.get("start_time"), "start_time", fail)
    values["end_time"] = time_of(data.get("end_time"), "end_time", fail)
    if values["start_time"] and values["end_time"] and values["end_time"] < values["start_time"]:
        fail("end_time", _("The visit cannot end before it started."))
    mode = data.get("mode") or VisitMode.FIELD
    if mode not in VisitMode.values:
        fail("mode", _("Choose in person, phone or online."))
    values["mode"] = mode
    values["purposes"] = purposes_of(data.get("purposes"), fail)
    for key in TEXT_FIELDS:
        values[key] = text_of(data.get(key), key, fail)
    values["satisfaction"] = satisfaction_of(data.get("satisfaction"), fail)
    requests = requests_of(data.get("requests"), fail)
    values.update(location_of(data.get("location"), customer, fail))
    parts = []
    for part in PARTS:
        if data.get(part.key) not in (None, [], ""):
            parts.append((part, part.check(customer, data.get(part.key), fail)))
    if errors:
        raise VisitRefused(errors)
    return values, requests, parts


def day_of(value, fail) -> date | None:
    try:
        day = date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        day = None
    if day is None:
        fail("visited_on", _("Give the visit's date (YYYY-MM-DD)."))
        return None
    # A phone's clock may run a little ahead of the server's; a day beyond tomorrow is a mistake.
    if day > timezone.localdate() + timedelta(days=1):
        fail("visited_on", _("A visit cannot be in the future."))
    elif day < EARLIEST:
        fail("visited_on", _("Give the visit's date (YYYY-MM-DD)."))
    return day


def time_of(value, key: str, fail) -> time | None:
    try:
        moment = time.fromisoformat(value) if isinstance(value, str) and len(value) in (5, 8) else None
    except ValueError:
        moment = None
    if moment is None:
        fail(key, _("Give the time as HH:MM."))
    return moment


def purposes_of(value, fail) -> list[str]:
    if value in (None, ""):
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or any(item not in VisitPurpose.values for item in value):
        fail("purposes", _("Choose the purposes from the list."))
        return []
    return list(dict.fromkeys(value))  # each once, in the order given


def text_of(value, key: str, fail) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        fail(key, _("Write text here."))
        return ""
    if len(value) > TEXT_MAX:
        fail(key, _("At most %(count)d characters.") % {"count": TEXT_MAX})
    return value.strip()


def satisfaction_of(value, fail) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if type(value) is not int or not 1 <= value <= 5:
        fail("satisfaction", _("Satisfaction is a whole number from 1 to 5."))
        return None
    return value


def requests_of(value, fail) -> list[dict]:
    if value in (None, ""):
        return []
    if not isinstance(value, list):
        fail("requests", _("Send the requests as a list."))
        return []
    if len(value) > REQUESTS_MAX:
        fail("requests", _("At most %(count)d requests on one visit.") % {"count": REQUESTS_MAX})
        return []
    requests = []
    for index, item in enumerate(value):
        key = f"requests[{index}]"
        if not isinstance(item, Mapping):
            fail(key, _("Send each request as an object."))
            continue
        kind = item.get("kind")
        if kind not in RequestKind.values:
            fail(f"{key}.kind", _("Choose what the request is about."))
        state = item.get("state") or RequestState.OPEN
        if state not in RequestState.values:
            fail(f"{key}.state", _("Choose where the request stands."))
        text = text_of(item.get("text"), f"{key}.text", fail)
        if not text:
            fail(f"{key}.text", _("Write what the customer asked for."))
        requests.append({"kind": kind, "text": text, "state": state})
    return requests


def location_of(value, customer: Customer, fail) -> dict:
    """The phone's start and end stamps as model values, with the distance to the customer and the far flag."""
    if value in (None, ""):
        return {}
    if not isinstance(value, Mapping):
        fail("location", _("Send the location as an object with start and end."))
        return {}
    values: dict = {}
    distances = []
    for end in ("start", "end"):
        stamp = value.get(end)
        if stamp is None:
            continue
        key = f"location.{end}"
        lat, lng = coordinate(stamp, "lat", 90), coordinate(stamp, "lng", 180)
        if lat is None or lng is None:
            fail(key, _("A location needs a latitude and a longitude."))
            continue
        accuracy = stamp.get("accuracy")
        if accuracy is not None and (not isinstance(accuracy, int | float) or accuracy < 0):
            fail(f"{key}.accuracy", _("The accuracy is a number of metres."))
            accuracy = None
        at = moment_of(stamp.get("at"))
        if stamp.get("at") is not None and at is None:
            fail(f"{key}.at", _("The time of a location is an ISO date and time."))
        values.update(
            {
                f"{end}_lat": lat,
                f"{end}_lng": lng,
                f"{end}_accuracy_m": round(accuracy) if accuracy is not None else None,
                f"{end}_at": at,
            }
        )
        if customer.lat is not None and customer.lng is not None:
            km = great_circle_km((float(customer.lat), float(customer.lng)), (float(lat), float(lng)))
            distances.append(round(km * 1000))
    if distances:
        values["distance_m"] = min(distances)
        values["is_far"] = values["distance_m"] > settings.WORKBENCH_VISIT_FAR_METRES
    return values


def coordinate(stamp, name: str, limit: int) -> Decimal | None:
    if not isinstance(stamp, Mapping):
        return None
    value = stamp.get(name)
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    if not number.is_finite() or abs(number) > limit:
        return None
    return number.quantize(Decimal("0.000001"))


def moment_of(value) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def tick(visit: Visit) -> None:
    """Tick the planned visit this visit does (docs/definitions.md#visits, as plan_done_rate counts): the customer's
    visit in the staff's committed plan on the visit's day, or else the earliest one not yet done earlier in the same
    ISO week."""
    week_start = visit.visited_on - timedelta(days=visit.visited_on.weekday())
    candidates = (
        PlannedVisit.objects.filter(
            plan__staff=visit.staff_id,
            plan__state=VisitPlanState.COMMITTED,
            customer=visit.customer_id,
            day__gte=week_start,
            day__lte=visit.visited_on,
            done_by__isnull=True,
        )
        .order_by("day")
        .values_list("pk", "day")
    )
    found = list(candidates)
    if not found:
        return
    same_day = [pk for pk, day in found if day == visit.visited_on]
    visit.planned_visit_id = same_day[0] if same_day else found[0][0]
    visit.save(update_fields=["planned_visit"])


def tick_plan_items(visit: Visit) -> None:
    """Tick done the visit tasks (客户拜访) of this customer in the working version of the manager's monthly plan
    for the visit's week: those set for the visit's day, for an earlier day of the week, or for no day."""
    plan = MonthlyPlan.objects.filter(owner=visit.staff_id, month=first_of_month(visit.visited_on)).first()
    if plan is None:
        return
    week_start = visit.visited_on - timedelta(days=visit.visited_on.weekday())
    plan.working_version().items.filter(
        Q(day__isnull=True) | Q(day__lte=visit.visited_on),
        kind=ItemKind.VISIT,
        customer=visit.customer_id,
        week_start=week_start,
        is_done=False,
    ).update(is_done=True)
