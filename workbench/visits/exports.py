"""The visit list (拜访记录) and its Excel copy: the visits of the user's scope, filtered by month, customer manager,
customer and mode. One code path: the page and the Excel file read `listing`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

from workbench.accounts.access import Action
from workbench.accounts.models import Staff
from workbench.lib.exports import Column, Kind, xlsx_response
from workbench.lib.periods import add_months, first_of_month
from workbench.visits.forms import form_choices
from workbench.visits.models import Visit, VisitMode, VisitQuerySet, visit_minutes


@dataclass
class Listing:
    """The visits the filters keep, and the filters as understood."""

    month: date | None  # None: every month (a customer's visit records, from his page)
    staff_code: str
    customer_code: str
    mode: str
    visits: VisitQuerySet  # newest first
    staff_choices: list[Staff]
    previous_month: date
    next_month: date

    @property
    def query(self) -> str:
        """The filters as a query string (the Excel link keeps them)."""
        parts = [f"month={self.month:%Y-%m}" if self.month is not None else "month=all"]
        for name, value in (("staff", self.staff_code), ("customer", self.customer_code), ("mode", self.mode)):
            if value:
                parts.append(f"{name}={value}")
        return "&".join(parts)


def month_of(text: str | None, today: date) -> date:
    """The month asked for (YYYY-MM) as its first day, this month when none or not a month."""
    try:
        return date.fromisoformat(f"{text}-01") if text and len(text) == 7 else first_of_month(today)
    except ValueError:
        return first_of_month(today)


def listing(user, query: Mapping, today: date) -> Listing:
    """The visits of the user's scope in the month asked (this month by default; `all`, or a customer without a
    month: every month), by the filters of the query (unknown values keep none)."""
    staff_code = (query.get("staff") or "").strip()
    customer_code = (query.get("customer") or "").strip()
    mode = (query.get("mode") or "").strip()
    asked = (query.get("month") or "").strip()
    every_month = asked == "all" or (not asked and bool(customer_code))
    month = None if every_month else month_of(asked, today)
    visits = Visit.objects.restrict(user, Action.VIEW)
    if month is not None:
        visits = visits.filter(visited_on__gte=month, visited_on__lt=add_months(month, 1))
    if staff_code:
        visits = visits.filter(staff__code=staff_code)
    if customer_code:
        visits = visits.filter(customer__code=customer_code)
    if mode:
        visits = visits.filter(mode=mode if mode in VisitMode.values else "")
    visits = visits.select_related("staff", "customer").order_by("-visited_on", "-start_time", "-id")
    staff_choices = list(Staff.objects.restrict(user, Action.VIEW).customer_managers().order_by("code"))
    return Listing(
        month=month,
        staff_code=staff_code,
        customer_code=customer_code,
        mode=mode,
        visits=visits,
        staff_choices=staff_choices if len(staff_choices) > 1 else [],
        previous_month=add_months(month or first_of_month(today), -1),
        next_month=add_months(month or first_of_month(today), 1),
    )


TEXTS = (
    "business", "brands", "market", "service_content", "service_method", "service_effect", "next_action",
    "impressions",
)  # fmt: skip


def coordinate(value) -> float | None:
    return float(value) if value is not None else None


def visit_rows(found: Listing) -> Iterator[dict]:
    """The Excel copy's rows: every visit the filters keep, as values (its requests counted)."""
    # The rows as values, not model instances, and each label translated once (a city-wide month is ~75,000 visits:
    # docs/performance.md#visits-exported).
    modes = {code: str(label) for code, label in VisitMode.choices}
    yes, no, far = str(_("yes")), str(_("no")), str(_("far"))
    purpose_labels = {code: str(label) for code, label in form_choices()["purposes"]}
    fields = [
        "visited_on", "start_time", "end_time", "staff__code", "staff__name", "customer__code", "customer__name",
        "mode", "planned_visit_id", "purposes", *TEXTS, "satisfaction", "request_count", "start_lat", "start_lng",
        "start_accuracy_m", "end_lat", "end_lng", "end_accuracy_m", "distance_m", "is_far",
    ]  # fmt: skip
    return (
        {
            "visited_on": visit["visited_on"],
            "start_time": visit["start_time"].strftime("%H:%M"),
            "end_time": visit["end_time"].strftime("%H:%M"),
            "minutes": visit_minutes(visit["start_time"], visit["end_time"]),
            "staff_code": visit["staff__code"],
            "staff_name": visit["staff__name"],
            "customer_code": visit["customer__code"],
            "customer_name": visit["customer__name"],
            "mode": modes.get(visit["mode"], visit["mode"]),
            "planned": yes if visit["planned_visit_id"] else no,
            "purposes": "、".join(purpose_labels.get(code, code) for code in visit["purposes"] or []),
            **{name: visit[name] for name in TEXTS},
            "satisfaction": visit["satisfaction"],
            "requests": visit["request_count"],
            "start_lat": coordinate(visit["start_lat"]),
            "start_lng": coordinate(visit["start_lng"]),
            "start_accuracy": visit["start_accuracy_m"],
            "end_lat": coordinate(visit["end_lat"]),
            "end_lng": coordinate(visit["end_lng"]),
            "end_accuracy": visit["end_accuracy_m"],
            "distance_m": visit["distance_m"],
            "is_far": far if visit["is_far"] else "",
        }
        for visit in found.visits.with_request_count().values(*fields).iterator(chunk_size=2000)
    )


def visits_xlsx(found: Listing):
    """Every column of every visit kept (its requests counted), in the list's order."""
    columns = [
        Column("visited_on", _("Date"), Kind.DATE),
        Column("start_time", _("Start time")),
        Column("end_time", _("End time")),
        Column("minutes", _("Minutes"), Kind.INTEGER),
        Column("staff_code", _("Staff code"), Kind.CODE),
        Column("staff_name", _("Customer manager")),
        Column("customer_code", _("Customer code"), Kind.CODE),
        Column("customer_name", _("Shop name"), width=24),
        Column("mode", _("Mode"), Kind.CHOICE),
        Column("planned", _("Planned")),
        Column("purposes", _("Purposes"), width=30),
        Column("business", _("The customer's business"), width=30),
        Column("brands", _("Brands and display"), width=30),
        Column("market", _("The market around"), width=30),
        Column("service_content", _("Service content"), width=30),
        Column("service_method", _("Service method"), width=30),
        Column("service_effect", _("Service effect"), width=30),
        Column("satisfaction", _("Satisfaction"), Kind.INTEGER),
        Column("next_action", _("Next action"), width=30),
        Column("impressions", _("Impressions"), width=30),
        Column("requests", _("Requests"), Kind.INTEGER),
        Column("start_lat", _("Start latitude"), Kind.DECIMAL),
        Column("start_lng", _("Start longitude"), Kind.DECIMAL),
        Column("start_accuracy", _("Start accuracy (m)"), Kind.INTEGER),
        Column("end_lat", _("End latitude"), Kind.DECIMAL),
        Column("end_lng", _("End longitude"), Kind.DECIMAL),
        Column("end_accuracy", _("End accuracy (m)"), Kind.INTEGER),
        Column("distance_m", _("Distance to the shop (m)"), Kind.INTEGER),
        Column("is_far", _("Far from the shop")),
    ]
    rows = visit_rows(found)
    params = [(_("Month"), f"{found.month:%Y-%m}" if found.month is not None else _("every month"))]
    if found.staff_code:
        params.append((_("Customer manager"), found.staff_code))
    if found.customer_code:
        params.append((_("Customer"), found.customer_code))
    if found.mode:
        params.append((_("Mode"), found.mode))
    params.append((_("Exported at"), timezone.localtime().strftime("%Y-%m-%d %H:%M")))
    return xlsx_response(
        filename=f"{_('Visit records')}-{found.month:%Y%m}" if found.month else str(_("Visit records")),
        title=_("Visit records"),
        params=params,
        columns=columns,
        rows=rows,
    )
