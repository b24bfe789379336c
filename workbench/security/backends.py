"""The authentication backend: Django's ModelBackend behind the login throttle (throttle.py)."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from workbench.security import throttle


class ThrottledModelBackend(ModelBackend):
    """Refuse every password for a locked account or address; count the wrong ones.

    Every password login goes through `authenticate()`, so this one place throttles the login page, the admin's
    login and anything added later. Calls without a request (a management command, the test client's `login()`)
    have no address and no attacker behind them, and are not throttled.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = throttle.client_address(request)
        lock = throttle.current_lock(username, address)
        if lock is None:
            user = super().authenticate(request, username=username, password=password, **kwargs)
            if user is not None:
                throttle.record_success(username)
                return user
            lock = throttle.record_failure(username, address)
            if lock is None:
                return None
        # The login form reads the lock to say how long it lasts; PermissionDenied stops Django from trying any
        # other backend.
        request.login_lock = lock
        raise PermissionDenied
