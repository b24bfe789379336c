"""The admin's screen of login locks (登录锁定): who is locked, until when, and a button to lift each lock."""

from datetime import UTC, datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workbench.accounts.access import admin_required
from workbench.security import throttle


@admin_required
@require_GET
def lock_list(request):
    """Every account and address locked now, the latest-ending first."""
    locks = [
        {
            "kind": lock.kind,
            "value": lock.value,
            "failures": lock.failures,
            "locked_until": timezone.localtime(datetime.fromtimestamp(lock.locked_until, tz=UTC)),
        }
        for lock in throttle.active_locks()
    ]
    return render(request, "security/lock_list.html", {"locks": locks})


@admin_required
@require_POST
def lock_lift(request):
    """Lift one lock (POST kind and value) and go back to the list."""
    kind = request.POST.get("kind", "")
    value = request.POST.get("value", "")
    if kind not in (throttle.ACCOUNT, throttle.ADDRESS) or not value:
        return redirect("security:lock_list")
    if throttle.unlock(kind, value, by=request.user.get_username()):
        messages.success(request, _("%(value)s can log in again.") % {"value": value})
    else:
        messages.info(request, _("%(value)s was not locked any more.") % {"value": value})
    return redirect("security:lock_list")
