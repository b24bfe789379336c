"""The week's suggested visits (推荐拜访, docs/definitions.md#suggested-visits) and the one-tap add to a day.

A customer manager sees his own list; whoever sees other customer managers (his market manager, a leader) picks
one by `?staff=<code>` and reads his list. Adding is the plan owner's alone: the customer is fetched through the
scoped queryset (404 outside the scope) and editing.add_visit refuses anyone but the plan's owner (403).
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from workbench.accounts.access import Action, may_own_customers, staff_of
from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.lib.periods import Period, first_of_month, week_of, working_days
from workbench.lib.stale import StaleEdit
from workbench.visitplans.models import VisitPlan
from workbench.visitplans.suggest_services import add_suggested_visit
from workbench.visitplans.suggestions import suggestions


def days_left(today: date) -> list[date]:
    """The working days of today's week from today on: the days a suggested visit can still go to."""
    week = week_of(today)
    return working_days(Period(today, week.end))


def plan_versions(staff: Staff, days: list[date]) -> dict[str, int | None]:
    """The version of the staff member's plan of each month the days touch ("YYYY-MM"; None without a plan)."""
    months = sorted({first_of_month(day) for day in days})
    found = dict(VisitPlan.objects.filter(staff=staff, month__in=months).values_list("month", "version"))
    return {f"{month:%Y-%m}": found.get(month) for month in months}


def add_context(staff: Staff, user, today: date) -> dict:
    """What the add forms need: the days left and each month's plan version; none unless he owns the plan."""
    if staff_of(user) != staff:
        return {}
    days = days_left(today)
    return {"add_days": days, "plan_versions": plan_versions(staff, days)} if days else {}


def chosen_staff(request) -> Staff | None:
    """The customer manager whose list is shown: `?staff=<code>` among those the user sees (else 404), by default
    himself when he is one; None when nobody is chosen."""
    code = request.GET.get("staff")
    managers = Staff.objects.restrict(request.user, Action.VIEW).customer_managers().filter(is_active=True)
    if code:
        return get_object_or_404(managers, code=code)
    me = staff_of(request.user)
    return me if me is not None and may_own_customers(me.role) else None


@login_required
def suggestion_list(request):
    """推荐拜访: this week's suggested visits of a customer manager, with their reasons and the add forms."""
    today = timezone.localdate()
    week = week_of(today)
    staff = chosen_staff(request)
    context: dict = {"week": week, "staff": staff}
    if staff is None:
        managers = Staff.objects.restrict(request.user, Action.VIEW).customer_managers().filter(is_active=True)
        context["managers"] = managers.select_related("org_unit").order_by("org_unit__path", "code")
    else:
        context["suggestions"] = suggestions(staff, week.start)
        context |= {"is_owner": staff_of(request.user) == staff} | add_context(staff, request.user, today)
    return render(request, "visitplans/suggest_list.html", context)


HOME_PANEL_SHOWN = 3


@login_required
def suggestion_panel(request):
    """The home page's panel of this week's suggested visits (an HTML fragment that static/js/home-day.js loads
    after the page, so the home page does not wait for it); 404 for anyone who has no customers of his own."""
    me = staff_of(request.user)
    if me is None or not may_own_customers(me.role):
        raise Http404
    today = timezone.localdate()
    found = suggestions(me, week_of(today).start)
    # The home page shows the first few; the suggestions page has them all.
    context = {"suggestions": found[:HOME_PANEL_SHOWN], "more": len(found) - len(found[:HOME_PANEL_SHOWN])}
    return render(request, "visitplans/suggest_panel.html", context | add_context(me, request.user, today))


class AddForm(forms.Form):
    """One tap: a suggested customer and a day of the week left. The page carries, per month the days touch, the
    version of his plan of that month as it saw it (`version-YYYY-MM`, empty without a plan): a week may straddle
    two months, hence two plans."""

    customer = forms.IntegerField(min_value=1)
    day = forms.DateField()

    def __init__(self, *args, days: list[date], **kwargs):
        super().__init__(*args, **kwargs)
        self.days = days

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day not in self.days:
            raise ValidationError(_("Pick one of this week's working days from today on."))
        return day

    def loaded_version(self) -> int | None:
        """The version of the chosen day's plan the page was loaded with (None: it saw no plan, or lost it)."""
        text = self.data.get(f"version-{self.cleaned_data['day']:%Y-%m}") or ""
        return int(text) if text.isdigit() else None


@login_required
@require_POST
def suggestion_add(request):
    """Add a suggested visit to a day of this week: into the customer manager's plan of that month."""
    today = timezone.localdate()
    form = AddForm(request.POST, days=days_left(today))
    if not form.is_valid():
        if "customer" in form.errors:
            raise Http404  # no customer named: nothing in scope to answer about
        messages.error(request, " ".join(str(error) for errors in form.errors.values() for error in errors))
        return redirect("suggestions:suggestion_list")
    customer = get_object_or_404(
        Customer.objects.restrict(request.user, Action.VIEW).select_related("manager"), pk=form.cleaned_data["customer"]
    )
    day = form.cleaned_data["day"]
    listed = {found.customer_id: found for found in suggestions(customer.manager, week_of(today).start)}
    reason = listed[customer.pk].reason_text if customer.pk in listed else ""
    try:
        add_suggested_visit(by=request.user, customer=customer, day=day, reason=reason, version=form.loaded_version())
    except StaleEdit as error:
        messages.error(request, str(error.message))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("%(customer)s added to %(day)s.") % {"customer": customer.name, "day": f"{day:%m-%d}"}
        )
    return redirect(reverse("suggestions:suggestion_list"))
