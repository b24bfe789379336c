"""The JSON API (/api/v1/): the endpoints the apps declare, their OpenAPI description, and the page where a user
manages his tokens.

Every JSON endpoint goes through `json_endpoint`: GET only (any other method is a JSON 405), a Bearer token or a
session identifies the user (else a JSON 401), and a `ReportError` becomes the JSON error object with its status.
`GET /api/v1/reports/<name>` answers exactly what docs/definitions.md#report-interface shows, computed by the same
function as the screen, for the same scope; /api/v1/plans/ and /api/v1/targets/ answer what planning.api and
targets.api compute (docs/api.md "Plans and targets"). The views here only read the parameters (a 400 naming the
one at fault) and page the lists, as the reports do.
"""

import json
from datetime import date, datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from workbench.accounts.access import is_admin, staff_of
from workbench.api import openapi
from workbench.api.auth import InvalidToken, api_user
from workbench.api.errors import JSON_OPTIONS, error_response, method_not_allowed
from workbench.api.models import ApiToken
from workbench.api.services import create_token, revoke_token
from workbench.features import api as features_api
from workbench.lib.periods import EARLIEST, LATEST, PeriodError, first_of_month, parse_period
from workbench.lib.stale import StaleEdit
from workbench.planning import api as planning
from workbench.reporting.api import paging_of, report_answer
from workbench.reporting.params import ReportError
from workbench.reporting.results import jsonable
from workbench.scorecards import api as scorecards_api
from workbench.targets import api as targets
from workbench.visitplans import api as visitplans_api
from workbench.visits import api as visits_api
from workbench.visits import opportunity_api


def json_endpoint(function):
    """An authenticated GET endpoint `function(request, user, **kwargs) -> dict`, answered as JSON: its Decimals as
    numbers, its dates as YYYY-MM-DD; a ReportError is the error object with its status, an Http404 a JSON 404."""

    # Read-only: nothing is written whatever the method, so the CSRF check (which would refuse a POST with an HTML
    # 403 before this view could answer its JSON 405) has nothing to protect here.
    @csrf_exempt
    @wraps(function)
    def view(request, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return method_not_allowed(["GET", "HEAD"])
        try:
            user = api_user(request)
        except InvalidToken:
            return error_response(_("The token is not valid or has been revoked."), 401)
        if user is None:
            return error_response(_("Authentication required: send Authorization: Bearer <token>."), 401)
        try:
            return JsonResponse(jsonable(function(request, user, **kwargs)), json_dumps_params=JSON_OPTIONS)
        except ReportError as error:
            return error_response(error.message, error.status, error.field)
        except Http404 as error:
            return error_response(str(error) or _("Not found, or outside your scope."), 404)

    return view


def no_response(request) -> HttpResponse:
    """The CSRF check below never calls on: only its process_view is used."""
    return HttpResponse()


CSRF_CHECK = CsrfViewMiddleware(no_response)


def refusal(error: ValidationError) -> JsonResponse:
    """A service's ValidationError as the 400 error object, naming its field (the first one) when it has one."""
    if hasattr(error, "error_dict"):
        field, messages_ = next(iter(error.message_dict.items()))
        return error_response(" ".join(messages_), 400, None if field == "__all__" else field)
    return error_response(" ".join(error.messages), 400)


def json_write_endpoint(function):
    """An authenticated POST endpoint `function(request, user, **kwargs) -> dict` (the only writes of the API).

    A session is a cookie the browser sends with any site's request, so a session's write must carry the CSRF token
    (Django's check, its JSON 403 under /api/); a Bearer token is never sent by a browser on its own, so a request
    with one needs none. Refusals are the JSON error object: 400 naming the field, 403 not allowed, 404 outside the
    scope, 409 a stale list; a refused write has written nothing (the services run in one transaction).
    """

    @csrf_exempt  # checked below, for sessions only
    @wraps(function)
    def view(request, **kwargs):
        if request.method != "POST":
            return method_not_allowed(["POST"])
        try:
            user = api_user(request)
        except InvalidToken:
            return error_response(_("The token is not valid or has been revoked."), 401)
        if user is None:
            return error_response(_("Authentication required: send Authorization: Bearer <token>."), 401)
        if not request.headers.get("Authorization"):
            refused = CSRF_CHECK.process_view(request, function, (), {})
            if refused is not None:
                return refused
        try:
            answer = function(request, user, **kwargs)
            # An answer with a status of its own (201 for a visit recorded now) comes as (dict, status).
            answer, status = answer if isinstance(answer, tuple) else (answer, 200)
            return JsonResponse(jsonable(answer), status=status, json_dumps_params=JSON_OPTIONS)
        except ReportError as error:
            return error_response(error.message, error.status, error.field)
        except Http404 as error:
            return error_response(str(error) or _("Not found, or outside your scope."), 404)
        except PermissionDenied:
            return error_response(_("You may not change this."), 403)
        except StaleEdit as error:
            return error_response(error.message, 409, "version")
        except ValidationError as error:
            field, messages_ = (
                next(iter(error.message_dict.items())) if hasattr(error, "error_dict") else (None, error.messages)
            )
            return error_response(" ".join(messages_), 400, None if field == "__all__" else field)

    return view


@json_endpoint
def report(request, user, name: str) -> dict:
    """One report as JSON, for the caller's scope, one page of rows at a time."""
    return report_answer(user, name, request.GET)


# Plans and targets: the parameters they share, then one thin view per endpoint.


def require_scope(user) -> None:
    """A login without an active staff record has no scope: 403, as the reports answer it."""
    if staff_of(user) is None and not is_admin(user):
        raise ReportError(_("Your login has no active staff record, so it has no scope."), status=403)


def month_of(data, today: date) -> date:
    """The `month` parameter (YYYY-MM, 1900-01 to 2999-12) as its first day; the current month when left out."""
    text = (data.get("month") or "").strip()
    if not text:
        return first_of_month(today)
    try:
        month = datetime.strptime(text, "%Y-%m").date()  # noqa: DTZ007 (a calendar month, no time of day)
    except ValueError:
        month = None
    if month is None or len(text) != 7 or not EARLIEST <= month <= LATEST:
        raise ReportError(_("“%(value)s” is not a month (use YYYY-MM).") % {"value": text}, field="month")
    return month


def paged(answer: dict, key: str, page: int, page_size: int) -> dict:
    """The answer with one page of its list `key` and the paging of docs/api.md (the other keys are for all rows)."""
    rows = answer[key]
    start = (page - 1) * page_size
    count = len(rows)
    return answer | {
        key: rows[start : start + page_size],
        "paging": {"page": page, "page_size": page_size, "count": count, "pages": -(-count // page_size)},
    }


@json_endpoint
def monthly_plans(request, user) -> dict:
    """The plan states of the customer managers the caller sees, for a month."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    today = timezone.localdate()
    return paged(planning.monthly_plans(user, month_of(request.GET, today), today), "plans", page, page_size)


@json_endpoint
def monthly_plan(request, user, pk: int) -> dict:
    """One monthly plan: its newest version, the version in force, its history."""
    require_scope(user)
    return planning.monthly_plan(user, pk, timezone.localdate())


@json_endpoint
def plan_items(request, user) -> dict:
    """The tasks of a customer manager's plans in a period (his own by default)."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    try:
        period = parse_period(request.GET.get("from"), request.GET.get("to"))
    except PeriodError as error:
        raise ReportError(error.message, field=error.field) from None
    code = (request.GET.get("staff") or "").strip()
    if not code:
        staff = staff_of(user)
        if staff is None:
            raise ReportError(_("Give the staff code of a customer manager (staff)."), field="staff")
        code = staff.code
    return paged(planning.plan_items(user, code, period), "items", page, page_size)


@json_endpoint
def team_plans(request, user) -> dict:
    """The published team plans the caller reads for a month."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    month = month_of(request.GET, timezone.localdate())
    return paged(planning.team_plans(user, month), "team_plans", page, page_size)


@json_endpoint
def sales_targets(request, user) -> dict:
    """The sales targets of a month with the forecast, the actual, completion and pace; team sums and the total."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    today = timezone.localdate()
    return paged(targets.sales_targets(user, month_of(request.GET, today), today), "rows", page, page_size)


@json_endpoint
def improvement_targets(request, user) -> dict:
    """The improvement targets of a month (one customer's with `customer`), with their actuals and the met count."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    today = timezone.localdate()
    month = month_of(request.GET, today)
    customer = (request.GET.get("customer") or "").strip()
    return paged(targets.improvement_targets(user, month, today, customer), "rows", page, page_size)


@json_endpoint
def kpi_targets(request, user) -> dict:
    """The KPI targets the caller sees, with their indicator so far."""
    require_scope(user)
    page, page_size = paging_of(request.GET)
    return paged(targets.kpi_targets(user, timezone.localdate()), "rows", page, page_size)


def body_of(request) -> dict:
    """The fields of a write: a JSON object (Content-Type: application/json), or a form."""
    if request.content_type != "application/json":
        return request.POST.dict()
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise ReportError(_("The body is not valid JSON.")) from None
    if not isinstance(data, dict):
        raise ReportError(_("Send a JSON object."))
    return data


def whole_number(data: dict, name: str) -> int:
    """A whole number from 1 (a JSON number or its digits), or a 400 naming the field."""
    value = data.get(name)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if type(value) is not int or not 1 <= value <= 2**31 - 1:
        raise ReportError(_("“%(name)s” must be a whole number from 1.") % {"name": name}, field=name)
    return value


def truth(data: dict, name: str) -> bool:
    """true or false (a JSON boolean, or true/false/1/0 from a form), or a 400 naming the field."""
    value = data.get(name)
    if isinstance(value, str):
        value = {"true": True, "1": True, "false": False, "0": False}.get(value.strip().lower(), value)
    if not isinstance(value, bool):
        raise ReportError(_("“%(name)s” must be true or false.") % {"name": name}, field=name)
    return value


@json_write_endpoint
def tick_plan_item(request, user, pk: int) -> dict:
    """Tick a task of a monthly plan done (or not), from the phone."""
    require_scope(user)
    data = body_of(request)
    return planning.tick(
        user,
        pk,
        version_number=whole_number(data, "version"),
        line=whole_number(data, "line"),
        done=truth(data, "done"),
    )


@csrf_exempt  # read-only, like json_endpoint
def openapi_description(request):
    """The OpenAPI 3 description, assembled from what the apps declare (no login needed: it holds no data)."""
    if request.method not in ("GET", "HEAD"):
        return method_not_allowed(["GET", "HEAD"])
    return JsonResponse(openapi.description(), json_dumps_params=JSON_OPTIONS)


@login_required
def token_list(request):
    """The user's API tokens: create one (its key is shown once), see when each was last used, revoke."""
    new_key = None
    if request.method == "POST":
        name = request.POST.get("name", "").strip()
        if not name:
            messages.error(request, _("Give the token a name, e.g. the script that will use it."))
        elif len(name) > 100:
            messages.error(request, _("The name is too long (100 characters at most)."))
        else:
            _token, new_key = create_token(user=request.user, name=name)
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "api/token_list.html", {"tokens": tokens, "new_key": new_key})


@login_required
def token_revoke(request, pk: int):
    """Revoke one of the user's tokens (someone else's is not found); POST only, like every change."""
    if request.method != "POST":
        return method_not_allowed(["POST"])
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:token_list")


# Visit plans (visitplans.api): the day's planned visits and a month's visit plan.


def visit_plan_endpoint(answer):
    """A visit plan endpoint: visitplans.api computes the answer; its refusals become the JSON error object."""

    @json_endpoint
    @wraps(answer)
    def view(request, user) -> dict:
        try:
            return answer(user, request.GET)
        except visitplans_api.VisitPlanApiError as error:
            raise ReportError(error.message, field=error.field, status=error.status) from None

    return view


visit_plan_day = visit_plan_endpoint(visitplans_api.day_answer)
visit_plan_month = visit_plan_endpoint(visitplans_api.month_answer)


# Visits (visits.api): record one, sync the phone's outbox, list a day's.


def visits_answer(answer):
    """A visit endpoint: visits.api computes the answer; its refusals become the JSON error object."""

    @wraps(answer)
    def view(request, user):
        data = request.GET if request.method in ("GET", "HEAD") else body_of(request)
        try:
            return answer(user, data)
        except visits_api.VisitApiError as error:
            raise ReportError(error.message, field=error.field, status=error.status) from None

    return view


visit_post = json_write_endpoint(visits_answer(visits_api.post_answer))  # 201 recorded now, 200 recorded before
visit_sync = json_write_endpoint(visits_answer(visits_api.sync_answer))
visit_list = json_endpoint(visits_answer(visits_api.list_answer))
visit_day = json_endpoint(visits_answer(visits_api.day_answer))  # the day as visited (visits.day)


@csrf_exempt  # visit_post checks the CSRF token of a session's write
def visits_endpoint(request):
    """`/api/v1/visits/`: GET lists a day's visits, POST records one."""
    if request.method == "POST":
        return visit_post(request)
    if request.method in ("GET", "HEAD"):
        return visit_list(request)
    return method_not_allowed(["GET", "HEAD", "POST"])


# Market features (features.api) and market opportunities (visits.opportunity_api).


@json_endpoint
def market_features(request, user) -> dict:
    """One customer's market features with their history, or every visible customer's in force, a page at a time."""
    page, page_size = paging_of(request.GET)
    try:
        return features_api.features_answer(user, request.GET, page, page_size)
    except features_api.FeatureApiError as error:
        raise ReportError(error.message, field=error.field, status=error.status) from None


@json_endpoint
def opportunity_list(request, user) -> dict:
    """The market opportunities the caller sees, filtered by status and type, a page at a time."""
    page, page_size = paging_of(request.GET)
    try:
        return opportunity_api.list_answer(user, request.GET, page, page_size)
    except opportunity_api.OpportunityApiError as error:
        raise ReportError(error.message, field=error.field, status=error.status) from None


@json_write_endpoint
def opportunity_follow_up(request, user, pk: int) -> dict:
    """Follow an opportunity up (its finder): status, action, result, closing date, with the stale guard."""
    return opportunity_api.follow_up_answer(user, pk, body_of(request))


@json_write_endpoint
def opportunity_create(request, user) -> tuple[dict, int]:
    """Enter a market opportunity (a customer manager, for himself): 201 with it."""
    return opportunity_api.create_answer(user, body_of(request))


def read_or_write(read, write):
    """One path answering GET with `read` and POST with `write` (each checks what its method needs)."""

    @csrf_exempt  # the write endpoint checks the CSRF token of a session itself
    def view(request, **kwargs):
        if request.method == "POST":
            return write(request, **kwargs)
        if request.method in ("GET", "HEAD"):
            return read(request, **kwargs)
        return method_not_allowed(["GET", "HEAD", "POST"])

    return view


opportunities = read_or_write(opportunity_list, opportunity_create)


@json_endpoint
def scorecards(request, user) -> dict:
    """`GET /api/v1/scorecards/`: the month's scorecards over the caller's scope (scorecards.api)."""
    page, page_size = paging_of(request.GET)
    try:
        return scorecards_api.list_answer(user, request.GET, page, page_size)
    except scorecards_api.ScorecardApiError as error:
        raise ReportError(error.message, field=error.field, status=error.status) from None
