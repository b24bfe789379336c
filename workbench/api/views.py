"""The JSON API (/api/v1/): the endpoints the apps declare, their OpenAPI description, and the page where a user
manages his tokens.

Every JSON endpoint goes through `json_endpoint`: GET only (any other method is a JSON 405), a Bearer token or a
session identifies the user (else a JSON 401), and a `ReportError` becomes the JSON error object with its status.
`GET /api/v1/reports/<name>` answers exactly what docs/definitions.md#report-interface shows, computed by the same
function as the screen, for the same scope.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from workbench.api import openapi
from workbench.api.auth import InvalidToken, api_user
from workbench.api.errors import JSON_OPTIONS, error_response, method_not_allowed
from workbench.api.models import ApiToken
from workbench.api.services import create_token, revoke_token
from workbench.reporting.api import report_answer
from workbench.reporting.params import ReportError
from workbench.visitplans import api as visitplans_api


def json_endpoint(function):
    """An authenticated GET endpoint `function(request, user, **kwargs) -> dict`, answered as JSON."""

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
            return JsonResponse(function(request, user, **kwargs), json_dumps_params=JSON_OPTIONS)
        except ReportError as error:
            return error_response(error.message, error.status, error.field)

    return view


@json_endpoint
def report(request, user, name: str) -> dict:
    """One report as JSON, for the caller's scope, one page of rows at a time."""
    return report_answer(user, name, request.GET)


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
