"""Writes on staff logins: the one code path for the staff screens, the Django admin and management commands."""

from django.contrib.auth import get_user_model
from django.db import transaction

from workbench.accounts.models import Staff


@transaction.atomic
def ensure_login(*, staff: Staff):
    """The staff member's login, created (unusable password, active) when he has none; its name is his 工号."""
    if staff.user_id is not None:
        return staff.user
    user_model = get_user_model()
    user, created = user_model.objects.get_or_create(username=staff.code)
    if not created and Staff.objects.filter(user=user).exclude(pk=staff.pk).exists():
        raise ValueError(f"the login {staff.code!r} belongs to another staff member")
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    staff.user = user
    staff.save(update_fields=["user"])
    return user


@transaction.atomic
def set_staff_password(*, staff: Staff, password: str) -> None:
    """Give the staff member a new password (creating his login if he has none)."""
    user = ensure_login(staff=staff)
    user.set_password(password)
    user.save(update_fields=["password"])


@transaction.atomic
def set_login_active(*, staff: Staff, active: bool) -> None:
    """Allow or refuse the staff member's login; a refused login also ends his open sessions at the next request.

    Django's authentication backend neither logs in nor restores the session of an inactive user, so
    switching `is_active` off is enough. A staff member without a login has nothing to switch.
    """
    user = staff.user
    if user is None:
        return
    if user.is_active != active:
        user.is_active = active
        user.save(update_fields=["is_active"])
