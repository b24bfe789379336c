"""The authentication backend: Django's ModelBackend behind the login throttle (throttle.py)."""

import logging

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from workbench.security import throttle

logger = logging.getLogger("workbench.security")


class ThrottledModelBackend(ModelBackend):
    """Refuse every password for a locked account or address; count the wrong ones.

    Every password login goes through `authenticate()`, so this one place throttles the login page, the admin's
    login and anything added later. Calls without a request (a management command, the test client's `login()`)
    have no address and no attacker behind them, and are not throttled.

    When the throttle's store cannot be reached (Redis down), logins go on unthrottled and each one logs an error:
    the password is still checked, and a store outage must not lock every user out of the platform.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        address = throttle.client_address(request)
        try:
            lock = throttle.current_lock(username, address)
        except throttle.STORE_ERRORS:
            logger.exception("login throttle: the store cannot be read; this login is not throttled")
            return super().authenticate(request, username=username, password=password, **kwargs)
        if lock is None:
            user = super().authenticate(request, username=username, password=password, **kwargs)
            try:
                if user is not None:
                    throttle.record_success(username)
                    return user
                lock = throttle.record_failure(username, address)
            except throttle.STORE_ERRORS:
                logger.exception("login throttle: the store cannot be written; this login is not counted")
                return user
            if lock is None:
                return None
        # The login form reads the lock to say how long it lasts; PermissionDenied stops Django from trying any
        # other backend.
        request.login_lock = lock
        raise PermissionDenied
