"""The visit pages (拜访情况反馈, issue 12 §1 and §7): the day as visited, the visit form, the visit list with its
Excel copy, a visit's page with its requests and photos (docs/definitions.md#visit-day).

Every object is fetched through the scoped queryset (404 outside the scope); a write the user's role may not make
in his scope is a 403; every state change is a POST. The visit itself is written by `services.record_visit` only,
the one write path of the form, the API and the phone's sync.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from workbench.accounts.access import Action, may_own_customers, staff_of
from workbench.accounts.models import Staff
from workbench.customers.contact import tel_url
from workbench.customers.models import Customer
from workbench.lib.pagination import paginate
from workbench.visitplans.models import PlannedVisit, VisitPlan
from workbench.visits import exports, followup, photos
from workbench.visits.day import visit_day
from workbench.visits.forms import form_choices, visit_data
from workbench.visits.models import Visit, VisitMode, VisitPhoto, VisitRequest
from workbench.visits.services import VisitRefused, record_visit

# How many customers the "visit without a plan" search lists.
CUSTOMERS_FOUND = 20
# The visit form's request rows shown empty (more with the JS "add a request").
EMPTY_REQUEST_ROWS = 3


def parse_day(text: str | None, today: date) -> date:
    """The day asked for (YYYY-MM-DD), today when none or not a date."""
    try:
        return date.fromisoformat(text) if text else today
    except ValueError:
        return today


def may_record(user) -> bool:
    """Whether the user records visits (a customer manager, for himself: docs/definitions.md#visit-day)."""
    staff = staff_of(user)
    return staff is not None and may_own_customers(staff.role)


def staff_asked(request) -> tuple[Staff | None, list[Staff], str]:
    """The customer manager whose visits the page shows — `?staff=CODE` among those the user sees (404 otherwise),
    else the user himself if he is one — the customer managers he may pick, and the query keeping the pick."""
    code = request.GET.get("staff", "")
    viewer = staff_of(request.user)
    visible = Staff.objects.restrict(request.user, Action.VIEW)
    if code:
        staff: Staff | None = get_object_or_404(visible, code=code)
    elif viewer is not None and may_own_customers(viewer.role):
        staff = viewer
    else:
        staff = None
    choices = list(visible.customer_managers().order_by("code"))
    return staff, choices, (f"&staff={quote(staff.code)}" if code and staff is not None else "")


def sync_url() -> str:
    """The phone's sync endpoint, where the outbox sends what this form saved offline."""
    try:
        return reverse("api:visits_sync")
    except NoReverseMatch:  # pragma: no cover - the API of the visit core names it
        return ""


# The day


@login_required
@require_GET
def visit_day_page(request):
    """The day as visited: the planned visits in route order (done, missed, pending), the other visits, the hours."""
    today = timezone.localdate()
    day = parse_day(request.GET.get("date"), today)
    staff, choices, staff_query = staff_asked(request)
    viewer = staff_of(request.user)
    context = {
        "day": day,
        "today": today,
        "previous_day": day - timedelta(days=1),
        "next_day": day + timedelta(days=1),
        "staff": staff,
        "viewer": viewer,
        "staff_query": staff_query,
        "choices": choices if len(choices) > 1 or staff is None else [],
        "vday": visit_day(request.user, staff, day, today) if staff is not None else None,
        # Only his own day offers the form: a visit is recorded by the customer manager who made it.
        "may_record": staff is not None and staff == viewer and may_record(request.user),
    }
    return render(request, "visits/visit_day.html", context)


# The form


def planned_of(user, customer: Customer, text: str | None) -> PlannedVisit | None:
    """The planned visit named by `?planned=` if it is one of this customer's in a plan the user sees; else None
    (the service finds the planned visit a visit ticks itself: this one only tells the form what was planned)."""
    try:
        number = int(text or "")
    except ValueError:
        return None
    plans = VisitPlan.objects.restrict(user, Action.VIEW)
    return PlannedVisit.objects.filter(pk=number, customer=customer, plan__in=plans).first()


def fresh_values(today: date) -> dict:
    """What a new form starts with: a fresh client id, today, now as start and end, an in-person visit."""
    now = timezone.localtime().strftime("%H:%M")
    return {
        "client_id": str(uuid.uuid4()),
        "visited_on": today.isoformat(),
        "start_time": now,
        "end_time": now,
        "mode": VisitMode.FIELD,
        "purposes": [],
        "satisfaction": None,
        "requests": [],
    }


def request_rows(values: dict, errors: dict[str, list[str]]) -> list[dict]:
    """The form's request rows: those typed (with their errors, `requests[i].field`), then empty ones up to three."""
    rows = []
    for index, request_row in enumerate(values.get("requests") or []):
        prefix = f"requests[{index}]"
        row_errors = [message for key, found in errors.items() if key.startswith(prefix) for message in found]
        rows.append({**request_row, "errors": row_errors})
    while len(rows) < EMPTY_REQUEST_ROWS:
        rows.append({"kind": "", "text": "", "state": "", "errors": []})
    return rows


# The fields the form shows, by their JSON key: an error on any other key is shown above the form.
SHOWN_FIELDS = frozenset(
    {
        "mode",
        "visited_on",
        "start_time",
        "end_time",
        "purposes",
        "business",
        "brands",
        "market",
        "next_action",
        "service_content",
        "service_method",
        "service_effect",
        "satisfaction",
        "impressions",
        "requests",
    }
)
FOLDED_FIELDS = frozenset({"service_content", "service_method", "service_effect", "satisfaction", "impressions"})


def form_context(customer, planned, values: dict, errors: dict[str, list[str]]) -> dict:
    choices = form_choices()
    shown = {
        key
        for key in errors
        if key in SHOWN_FIELDS
        or key.startswith("requests")
        or (key.startswith("observations") and customer.is_sample_point)  # the observation rows show their own
    }
    general = [message for key, found in errors.items() if key not in shown for message in found]
    return {
        "customer": customer,
        "planned": planned,
        "tel": tel_url(customer.phone),
        "values": values,
        "errors": errors,
        "general_errors": general,
        "request_rows": request_rows(values, errors),
        "empty_row": {"kind": "", "text": "", "state": "", "errors": []},
        "more_open": any(key in FOLDED_FIELDS or key.startswith("requests") for key in errors)
        or bool(values.get("requests")),
        "sync_url": sync_url(),
        "photo_max_mb": settings.WORKBENCH_VISIT_PHOTO_MAX_BYTES / (1024 * 1024),
        **choices,
    }


@login_required
@require_http_methods(["GET", "POST"])
def visit_new(request):
    """The visit form of one customer of the user's scope (`?customer=<id>`, `&planned=<id>`); without a customer,
    the search for one of his customers (`?q=`). POST records the visit through the service."""
    customer_id = request.GET.get("customer") or request.POST.get("customer") or ""
    if not customer_id:
        return customer_search(request)
    try:
        number = int(customer_id)
    except ValueError:
        raise Http404 from None
    customer = get_object_or_404(Customer.objects.restrict(request.user, Action.VIEW), pk=number)
    if not may_record(request.user):
        raise PermissionDenied
    planned = planned_of(request.user, customer, request.GET.get("planned") or request.POST.get("planned"))
    today = timezone.localdate()
    if request.method == "GET":
        return render(request, "visits/visit_form.html", form_context(customer, planned, fresh_values(today), {}))
    data = visit_data(request.POST)
    data["customer"] = customer.pk  # the customer of the page, in the user's scope
    try:
        visit, created = record_visit(request.user, data)
    except VisitRefused as refused:
        if refused.status == 404:
            raise Http404 from None
        if refused.status == 403:
            raise PermissionDenied from None
        return render(request, "visits/visit_form.html", form_context(customer, planned, data, refused.errors))
    if created:
        messages.success(request, _("Visit to %(customer)s recorded.") % {"customer": customer.name})
        photo_with(request, visit)
    else:
        messages.info(request, _("This visit was already recorded."))
    return redirect(f"{reverse('visits:day')}?{urlencode({'date': visit.visited_on.isoformat()})}")


def photo_with(request, visit: Visit) -> None:
    """The photo sent with the form (optional, online only), kept once the visit is: a refused photo does not
    refuse the visit, it is said, and can be added again on the visit's page."""
    upload = request.FILES.get("photo")
    if upload is None:
        return
    try:
        photos.add_photo(visit, upload)
    except photos.PhotoRefused as refused:
        messages.warning(request, _("The photo was not kept: %(reason)s") % {"reason": refused.message})


def customer_search(request):
    """ "Visit without a plan": his own customers matching `?q=` (code, name or address), each opening the form."""
    if not may_record(request.user):
        raise PermissionDenied
    text = (request.GET.get("q") or "").strip()
    today = timezone.localdate()
    found: list[Customer] = []
    if text:
        customers = Customer.objects.restrict(request.user, Action.VIEW).in_business(today, today)
        matching = customers.filter(Q(code__icontains=text) | Q(name__icontains=text) | Q(address__icontains=text))
        found = list(matching.order_by("code")[:CUSTOMERS_FOUND])
    return render(request, "visits/visit_pick.html", {"q": text, "found": found, "limit": CUSTOMERS_FOUND})


# The list


@login_required
@require_GET
def visit_list(request):
    """The visits of the user's scope (his own for a customer manager), filtered by month, staff, customer, mode."""
    listing = exports.listing(request.user, request.GET, timezone.localdate())
    page = paginate(request, listing.visits.with_request_count())
    return render(
        request, "visits/visit_list.html", {"listing": listing, "page": page, "modes": form_choices()["modes"]}
    )


@login_required
@require_GET
def visit_list_export(request):
    """The visit list's Excel copy: every column of every visit the filters keep."""
    listing = exports.listing(request.user, request.GET, timezone.localdate())
    return exports.visits_xlsx(listing)


# One visit


def visit_for(user, pk: int, action: Action = Action.VIEW) -> Visit:
    """The visit `pk` if the user sees it (else 404); to change it, it must be his own (else 403)."""
    visit = get_object_or_404(
        Visit.objects.restrict(user, Action.VIEW).select_related("staff", "customer", "planned_visit"), pk=pk
    )
    if action != Action.VIEW:
        staff = staff_of(user)
        own = Visit.objects.restrict(user, action).filter(pk=visit.pk, staff=staff)
        if staff is None or not own.exists():
            raise PermissionDenied
    return visit


@login_required
@require_GET
def visit_detail(request, pk: int):
    """One visit: every field, its requests with their state, where it was stamped, its photos."""
    visit = visit_for(request.user, pk)
    staff = staff_of(request.user)
    choices = form_choices()
    purposes = dict(choices["purposes"])
    context = {
        "visit": visit,
        "purpose_labels": [purposes.get(code, code) for code in visit.purposes or []],
        "requests": list(visit.requests.order_by("id")),
        "photos": list(VisitPhoto.objects.filter(visit=visit).order_by("uploaded_at", "id")),
        "is_own": staff is not None and visit.staff_id == staff.pk,
        "request_states": choices["request_states"],
        "far_metres": settings.WORKBENCH_VISIT_FAR_METRES,
        "photo_max_mb": settings.WORKBENCH_VISIT_PHOTO_MAX_BYTES / (1024 * 1024),
    }
    return render(request, "visits/visit_detail.html", context)


@login_required
@require_POST
def visit_request_state(request, pk: int, request_id: int):
    """A request's follow-up state, changed by the customer manager who recorded the visit; refused when the
    request was changed since the page was loaded (its `version`, carried by the form)."""
    visit = visit_for(request.user, pk, Action.CHANGE)
    visit_request = get_object_or_404(VisitRequest.objects.filter(visit=visit), pk=request_id)
    try:
        followup.set_request_state(
            visit_request,
            state=request.POST.get("state", ""),
            version=followup.version_of(request.POST.get("version")),
        )
    except followup.RequestRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, _("Request state saved."))
    return redirect("visits:visit_detail", visit.pk)


@login_required
@require_POST
def visit_photo_upload(request, pk: int):
    """A photo of the visit, checked by its content (JPEG, PNG or WebP; at most the size setting), kept privately."""
    visit = visit_for(request.user, pk, Action.CHANGE)
    upload = request.FILES.get("photo")
    try:
        photos.add_photo(visit, upload)
    except photos.PhotoRefused as refused:
        messages.error(request, refused.message)
        return redirect("visits:visit_detail", visit.pk)
    messages.success(request, _("Photo added."))
    return redirect("visits:visit_detail", visit.pk)


@login_required
@require_GET
def visit_photo(request, pk: int):
    """A visit's photo, to those who see the visit (404 otherwise), shown in the page, never sniffed."""
    visits = Visit.objects.restrict(request.user, Action.VIEW)
    photo = get_object_or_404(VisitPhoto.objects.filter(visit__in=visits), pk=pk)
    try:
        opened = photo.file.open("rb")
    except FileNotFoundError:  # the row outlived its file (a restore without the photo folder)
        raise Http404 from None
    response = FileResponse(opened, content_type=photo.content_type)
    response["Content-Disposition"] = "inline"
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response
