"""The JSON error object of the API, `{"error": {"message": …, "field": …}}`, for every error under /api/.

The views answer their own 400, 401, 404 and 405 with it; the project's 404 and 500 handlers (workbench/urls.py)
call `page_not_found` and `server_error` here, which answer JSON under /api/ and the usual pages elsewhere, so that
a script never has to read an HTML page.
"""

from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views import csrf, defaults

JSON_OPTIONS = {"ensure_ascii": False}
API_PREFIX = "/api/"


def error_response(message, status: int, field: str | None = None) -> JsonResponse:
    """`{"error": {"message": …, "field": …}}` with the status."""
    response = JsonResponse(
        {"error": {"message": str(message), "field": field}}, status=status, json_dumps_params=JSON_OPTIONS
    )
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="workbench"'
    return response


def method_not_allowed(allowed: list[str]) -> JsonResponse:
    """A 405 naming the methods the endpoint takes (also in the Allow header)."""
    response = error_response(
        _("The method is not allowed here (allowed: %(methods)s).") % {"methods": ", ".join(allowed)}, 405
    )
    response["Allow"] = ", ".join(allowed)
    return response


def is_api(request) -> bool:
    return request.path.startswith(API_PREFIX)


def page_not_found(request, exception):
    """404: the JSON error under /api/, the usual page elsewhere."""
    if is_api(request):
        return error_response(_("There is no such API endpoint."), 404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    """500: the JSON error under /api/ (without the request's details), the usual page elsewhere."""
    if is_api(request):
        return error_response(_("Something went wrong on the server; the error has been logged."), 500)
    return defaults.server_error(request)


def csrf_failure(request, reason=""):
    """403 for a failed CSRF check: the JSON error under /api/ (a session-authenticated write without its token),
    Django's page elsewhere and to a browser posting the token page's form (settings.CSRF_FAILURE_VIEW)."""
    if is_api(request) and "text/html" not in request.headers.get("Accept", ""):
        return error_response(_("The request was refused: its CSRF token is missing or wrong."), 403)
    return csrf.csrf_failure(request, reason=reason)
