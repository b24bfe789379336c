"""The demo city's visits (demo/visits.py): from the committed visit plans, with realistic gaps, modes, locations,
satisfaction and requests; every visit the customer's manager's; planned visits ticked; deterministic."""

from collections import Counter
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F
from django.utils import translation

from workbench.demo.generator import DEFAULT_SEED
from workbench.demo.visits import FIELD_MINUTES, generate_visits, months_before_plans
from workbench.visitplans.models import PlannedVisit, VisitPlanState
from workbench.visits.models import RequestKind, Visit, VisitMode, VisitRequest

pytestmark = pytest.mark.django_db
END = date(2025, 3, 31)
MONTHS = (date(2025, 1, 1), date(2025, 2, 1), date(2025, 3, 1))


def minutes(moment) -> int:
    return moment.hour * 60 + moment.minute


def snapshot() -> list[tuple]:
    return sorted(
        Visit.objects.values_list(
            "client_id", "staff__code", "customer__code", "visited_on", "start_time", "end_time", "mode", "distance_m"
        )
    )


def test_the_tiny_city_has_three_months_of_realistic_visits(tmp_path):
    # given the tiny demo, ending on Monday 31 March 2025 (three months of committed visit plans)
    with translation.override("en"):
        out = StringIO()
        call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=out)

    # then the command says what it wrote, the same every time from the demo's seed
    assert (
        "Visits: 1,029 over 3 months (979 planned visits done, 97 missed; 863 in person, 20 far from the shop; "
        "112 requests, 11 complaints)" in out.getvalue()
    )
    visits = Visit.objects.all()
    assert visits.count() == 1029
    assert sorted({first.replace(day=1) for first in visits.values_list("visited_on", flat=True)}) == list(MONTHS)

    # and every visit is to one of the visitor's own customers, on a working day's hours
    assert not visits.exclude(customer__manager=F("staff")).exists()
    assert not visits.filter(end_time__lt=F("start_time")).exists()
    for mode, start, end in visits.values_list("mode", "start_time", "end_time"):
        assert 8 * 60 + 30 <= minutes(start) < 20 * 60
        if mode == VisitMode.FIELD:
            assert FIELD_MINUTES[0] <= minutes(end) - minutes(start) <= FIELD_MINUTES[1]

    # and each planned visit done is ticked once, by a visit to its customer that day or later in its week
    planned = PlannedVisit.objects.filter(plan__state=VisitPlanState.COMMITTED, day__lte=END)
    ticked = visits.filter(planned_visit__isnull=False)
    assert ticked.count() == 979 == ticked.values("planned_visit").distinct().count()
    for day, planned_day, customer, planned_customer, staff, plan_staff in ticked.values_list(
        "visited_on",
        "planned_visit__day",
        "customer_id",
        "planned_visit__customer_id",
        "staff_id",
        "planned_visit__plan__staff_id",
    ):
        assert (customer, staff) == (planned_customer, plan_staff)
        assert planned_day <= day < planned_day + timedelta(days=7 - planned_day.weekday())
    later = ticked.exclude(visited_on=F("planned_visit__day")).count()
    assert 0 < later < 0.08 * ticked.count()
    # about 8 % of the planned visits missed, and a few visits unplanned
    missed = planned.filter(done_by__isnull=True).count()
    assert missed == 97
    assert 0.06 <= missed / planned.count() <= 0.11
    assert 0 < visits.filter(planned_visit__isnull=True).count() < 0.1 * visits.count()

    # and about 85 % in person, 10 % by phone, 5 % online
    modes = Counter(visits.values_list("mode", flat=True))
    assert modes == {VisitMode.FIELD: 863, VisitMode.PHONE: 113, VisitMode.ONLINE: 53}
    assert 0.80 <= modes[VisitMode.FIELD] / 1029 <= 0.90

    # and the visits in person carry the phone's stamps near the shop, about 2 % far; the others none
    located = visits.filter(start_lat__isnull=False)
    assert located.count() == visits.filter(mode=VisitMode.FIELD, customer__lat__isnull=False).count()
    assert not located.exclude(mode=VisitMode.FIELD).exists()
    far = visits.filter(is_far=True)
    assert far.count() == 20
    assert not far.filter(distance_m__lte=300).exists()
    assert not located.filter(is_far=False, distance_m__gt=300).exists()
    assert 0.01 <= far.count() / located.count() <= 0.04

    # and about 60 % give a satisfaction, about 10 % carry requests (about 1 % of the visits a complaint)
    assert 0.55 <= visits.filter(satisfaction__isnull=False).count() / 1029 <= 0.65
    with_requests = visits.filter(requests__isnull=False).distinct().count()
    assert 0.07 <= with_requests / 1029 <= 0.13
    complaints = VisitRequest.objects.filter(kind=RequestKind.COMPLAINT).count()
    assert complaints == 11
    assert len(set(VisitRequest.objects.values_list("kind", flat=True))) == 5
    assert len(set(VisitRequest.objects.values_list("state", flat=True))) == 3

    # when a month's visits are written again with the same seed and end
    before = snapshot()
    generate_visits(date(2025, 2, 1), end=END, seed=DEFAULT_SEED)

    # then they are the same visits (their ids included)
    assert snapshot() == before


def test_the_city_gets_a_year_the_others_the_plans_months():
    assert months_before_plans("tiny", END) == []
    assert months_before_plans("city", date(2026, 11, 30)) == [
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
        date(2026, 5, 1),
        date(2026, 6, 1),
        date(2026, 7, 1),
        date(2026, 8, 1),
    ]


def test_months_without_plans_are_visited_by_the_cycles(tmp_path):
    # given the tiny demo, and its visits of December 2024 (no visit plans then) by the customers' cycles
    call_command("demo", "--preset", "tiny", "--end", END.isoformat(), "--dir", str(tmp_path), stdout=StringIO())
    stats = generate_visits(date(2024, 12, 1), end=END, seed=DEFAULT_SEED)

    # then they are unplanned visits, each a customer's own manager's, every customer about once per cycle
    december = Visit.objects.filter(visited_on__lt=date(2025, 1, 1))
    assert december.count() == stats.visits > 0
    assert not december.filter(planned_visit__isnull=False).exists()
    assert not december.exclude(customer__manager=F("staff")).exists()
    per_customer = Counter(december.values_list("customer_id", flat=True))
    assert max(per_customer.values()) <= 5  # the shortest cycle is 7 days
