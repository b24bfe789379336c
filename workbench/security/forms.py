"""Login forms that say when, and for how long, a login is locked (throttle.py)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext


class LockMessageMixin(AuthenticationForm):
    """Replace "wrong code or password" by the lock's message when the throttle refused the login.

    It derives from AuthenticationForm, whose `request` and error it uses; the admin's form derives from that too.
    The wrong code or password message itself names the field 工号, as the form does.
    """

    def get_invalid_login_error(self):
        lock = getattr(self.request, "login_lock", None)
        if lock is None:
            # Django fills in the User model's verbose name, 用户名; a person here logs in with his staff code.
            return forms.ValidationError(
                self.error_messages["invalid_login"], code="invalid_login", params={"username": _("staff code")}
            )
        minutes = (lock.seconds_left() + 59) // 60
        return forms.ValidationError(
            ngettext(
                "Too many failed logins: logging in is locked for %(minutes)d minute. "
                "Try again later, or ask an administrator to unlock it.",
                "Too many failed logins: logging in is locked for %(minutes)d minutes. "
                "Try again later, or ask an administrator to unlock it.",
                minutes,
            )
            % {"minutes": minutes},
            code="locked",
        )


class LoginForm(LockMessageMixin):
    """The platform's login page (accounts/login/)."""


class AdminLoginForm(LockMessageMixin, AdminAuthenticationForm):
    """The Django admin's login page (admin/login/)."""
