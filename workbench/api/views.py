"""The JSON API (/api/v1/): the reports, their OpenAPI description, and the page where a user manages his tokens.

`GET /api/v1/reports/<name>` answers exactly what metrics.md shows, computed by the same function as the screen,
for the same scope: a Bearer token or a session identifies the user, and his scope decides the rest.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workbench.analysis.params import ReportError, parse_params
from workbench.analysis.registry import REPORTS
from workbench.api import openapi
from workbench.api.auth import InvalidToken, api_user
from workbench.api.models import ApiToken
from workbench.api.services import create_token, revoke_token

JSON_OPTIONS = {"ensure_ascii": False}


def error_response(message, status: int, field: str | None = None) -> JsonResponse:
    """`{"error": {"message": …, "field": …}}` with the status."""
    response = JsonResponse(
        {"error": {"message": str(message), "field": field}}, status=status, json_dumps_params=JSON_OPTIONS
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="workbench"'
    return response


@require_GET
def report(request, name: str):
    """One report as JSON, for the caller's scope."""
    try:
        user = api_user(request)
    except InvalidToken:
        return error_response(_("The token is not valid or has been revoked."), 401)
    if user is None:
        return error_response(_("Authentication required: send Authorization: Bearer <token>."), 401)
    definition = REPORTS.get(name)
    if definition is None:
        return error_response(_("Unknown report “%(name)s”.") % {"name": name}, 404)
    try:
        params = parse_params(user, definition, request.GET, today=timezone.localdate())
    except ReportError as error:
        return error_response(error.message, error.status, error.field)
    return JsonResponse(definition.run(params).as_json(), json_dumps_params=JSON_OPTIONS)


@require_GET
def openapi_description(request):
    """The OpenAPI 3 description, generated from the report registry."""
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
@require_POST
def token_revoke(request, pk: int):
    """Revoke one of the user's tokens (someone else's is not found)."""
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    revoke_token(token=token)
    messages.success(request, _("The token “%(name)s” is revoked.") % {"name": token.name})
    return redirect("api:token_list")
