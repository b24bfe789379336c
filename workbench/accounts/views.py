"""Staff accounts (人员账号): an admin lists the staff, sets a new password and allows or refuses a login.

Login, logout and the user's own password change are Django's views (wired in workbench/urls.py) with the
templates in templates/registration/.
"""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from workbench.accounts import services
from workbench.accounts.access import admin_required
from workbench.accounts.forms import StaffFilterForm, StaffPasswordForm
from workbench.accounts.models import Staff


@admin_required
@require_GET
def staff_list(request):
    """Every staff member, with search, filters by role, org unit and login, and pages."""
    filters = StaffFilterForm(request.GET or None)
    staff = filters.filter(Staff.objects.select_related("org_unit", "user"))
    page = Paginator(staff, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "accounts/staff_list.html", {"filters": filters, "page": page})


def _staff(pk: int) -> Staff:
    return get_object_or_404(Staff.objects.select_related("org_unit", "user"), pk=pk)


@admin_required
@require_GET
def staff_detail(request, pk: int):
    """One staff member: his facts, a new password, and allowing or refusing his login."""
    staff = _staff(pk)
    return render(request, "accounts/staff_detail.html", {"staff": staff, "password_form": StaffPasswordForm(staff)})


@admin_required
@require_POST
def staff_password(request, pk: int):
    """Set a new password (POST); on an error the page comes back with the form's messages."""
    staff = _staff(pk)
    form = StaffPasswordForm(staff, request.POST)
    if not form.is_valid():
        return render(request, "accounts/staff_detail.html", {"staff": staff, "password_form": form})
    services.set_staff_password(staff=staff, password=form.cleaned_data["new_password2"])
    messages.success(request, _("The password of %(name)s has been changed.") % {"name": staff})
    return redirect("accounts:staff_detail", pk=staff.pk)


@admin_required
@require_POST
def staff_login_active(request, pk: int):
    """Allow (active=1) or refuse (active=0) the staff member's login (POST)."""
    staff = _staff(pk)
    active = request.POST.get("active") == "1"
    if not active and staff.user_id is not None and staff.user_id == request.user.pk:
        # An admin who refuses his own login locks himself out mid-session.
        messages.error(request, _("You cannot refuse your own login."))
    elif active and staff.user_id is None:
        messages.error(request, _("%(name)s has no login yet: set a password first.") % {"name": staff})
    else:
        services.set_login_active(staff=staff, active=active)
        if active:
            messages.success(request, _("%(name)s can log in.") % {"name": staff})
        else:
            messages.success(request, _("%(name)s can no longer log in.") % {"name": staff})
    return redirect("accounts:staff_detail", pk=staff.pk)
