"""Template context shared by every page."""

from django.utils.translation import gettext_lazy as _

from workbench.accounts.access import is_admin, staff_of


def navigation(request):
    """The main menu (workbench.web.menu) and who is logged in, for the top bar of base.html.

    `current_person` is the staff member's name, or the login name of a superuser who has no staff record;
    `current_role` is his role as the user reads it.
    """
    from workbench.web.menu import menu_for

    user = getattr(request, "user", None)
    context: dict[str, object] = {"menu": menu_for(request), "current_person": "", "current_role": ""}
    if user is None or not user.is_authenticated:
        return context
    staff = staff_of(user)
    if staff is not None:
        context["current_person"] = staff.name
        context["current_role"] = staff.get_role_display()
    else:
        context["current_person"] = user.get_username()
        context["current_role"] = _("Administrator") if is_admin(user) else ""
    return context
