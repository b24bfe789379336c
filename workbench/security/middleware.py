"""Response headers the platform adds to every page (the Content-Security-Policy comes from django-csp)."""

from django.conf import settings


class PrivateNoStoreMiddleware:
    """`Cache-Control: private, no-store` on everything served to a logged-in user or an API token.

    A page, an export or an API answer shows one person's customers: no shared proxy may keep it, and the browser
    must not leave it on disk for the next person on a shared office computer (or keep it in its back-forward
    cache after logging out). Static files are left to WhiteNoise's long-lived caching: WhiteNoise answers them
    before this middleware runs, and the path check covers the development server's finders.
    """

    VALUE = "private, no-store"

    def __init__(self, get_response):
        self.get_response = get_response
        self.static_prefix = "/" + settings.STATIC_URL.lstrip("/")

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(self.static_prefix):
            return response
        user = getattr(request, "user", None)
        if "Authorization" in request.headers or (user is not None and user.is_authenticated):
            response["Cache-Control"] = self.VALUE
        return response
