"""Who is calling the API: a Bearer token (`Authorization: Bearer <token>`), else the browser's session."""

from workbench.api.services import user_for_key


class InvalidToken(Exception):
    """An Authorization header that names no active token: the request is refused even with a session."""


def api_user(request):
    """The authenticated user of an API request, or None; raises InvalidToken for a bad Bearer token."""
    header = request.headers.get("Authorization", "")
    if header:
        scheme, _space, key = header.partition(" ")
        if scheme.lower() != "bearer" or not key.strip():
            raise InvalidToken
        user = user_for_key(key.strip())
        if user is None:
            raise InvalidToken
        return user
    if request.user.is_authenticated:
        return request.user
    return None
