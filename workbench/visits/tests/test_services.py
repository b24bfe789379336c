"""Recording a visit (docs/definitions.md#visits): every field checked, nothing half-written, a re-send is the
same visit, the planned visit ticked, the distance to the customer measured."""

import uuid
from datetime import UTC, date, datetime, time
from decimal import Decimal

import pytest
from django.test import override_settings

from workbench.planning import services as planning_services
from workbench.planning.tests.conftest import content, one_task
from workbench.visitplans.lastvisits import last_visits
from workbench.visitplans.models import PlannedVisit, VisitPlan, VisitPlanState
from workbench.visits.models import Visit, VisitRequest
from workbench.visits.services import VisitRefused, record_visit

pytestmark = pytest.mark.django_db


def visit_data(customer, **fields) -> dict:
    data = {
        "client_id": str(uuid.uuid4()),
        "customer": customer.pk,
        "visited_on": "2026-06-03",
        "start_time": "09:05",
        "end_time": "09:14",
        "mode": "field",
        "purposes": ["order_guidance", "information"],
        "business": "生意平稳",
        "requests": [{"kind": "supply", "text": "想多要软中华", "state": "open"}],
    }
    data.update(fields)
    return data


@pytest.fixture(autouse=True)
def today(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *args: date(2026, 6, 5))


def test_a_visit_is_recorded_with_its_requests(customer_manager, customers):
    # when CM1 records a visit to C001
    visit, created = record_visit(customer_manager.user, visit_data(customers["c1"]))
    # then it is his, with its fields and the one request
    assert created is True
    assert (visit.staff, visit.customer, visit.visited_on) == (customer_manager, customers["c1"], date(2026, 6, 3))
    assert (visit.start_time, visit.end_time, visit.minutes) == (time(9, 5), time(9, 14), 9)
    assert visit.purposes == ["order_guidance", "information"]
    assert list(visit.requests.values_list("kind", "text", "state")) == [("supply", "想多要软中华", "open")]


def test_the_same_visit_sent_three_times_makes_one_row(customer_manager, customers):
    # given one visit as the phone queued it
    data = visit_data(customers["c1"])
    # when it is sent three times (a sync retried after lost answers)
    answers = [record_visit(customer_manager.user, data) for _ in range(3)]
    # then one visit and one request exist; the second and third sends found the first
    assert [created for _visit, created in answers] == [True, False, False]
    assert len({visit.pk for visit, _created in answers}) == 1
    assert (Visit.objects.count(), VisitRequest.objects.count()) == (1, 1)


def test_an_id_of_someone_elses_visit_is_refused(customer_manager, colleague, customers):
    # given CM1's visit
    data = visit_data(customers["c1"])
    record_visit(customer_manager.user, data)
    # when his colleague sends a visit with the same id to his own customer
    with pytest.raises(VisitRefused) as refused:
        record_visit(colleague.user, {**data, "customer": customers["c3"].pk})
    # then it is refused naming the id, and CM1's visit is untouched
    assert refused.value.errors == {"client_id": ["This id belongs to another person's visit."]}
    assert Visit.objects.get().staff == customer_manager


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"end_time": "09:00"}, {"end_time": ["The visit cannot end before it started."]}),
        ({"start_time": "9h", "visited_on": "3 June"}, {
            "visited_on": ["Give the visit's date (YYYY-MM-DD)."], "start_time": ["Give the time as HH:MM."]
        }),
        ({"visited_on": "2026-06-07"}, {"visited_on": ["A visit cannot be in the future."]}),
        ({"mode": "letter"}, {"mode": ["Choose in person, phone or online."]}),
        ({"purposes": ["dancing"]}, {"purposes": ["Choose the purposes from the list."]}),
        ({"satisfaction": 6}, {"satisfaction": ["Satisfaction is a whole number from 1 to 5."]}),
        (
            {"requests": [{"kind": "supply", "text": "ok"}, {"kind": "weather", "text": ""}]},
            {"requests[1].kind": ["Choose what the request is about."],
             "requests[1].text": ["Write what the customer asked for."]},
        ),
        ({"location": {"start": {"lat": 95, "lng": 118}}}, {
            "location.start": ["A location needs a latitude and a longitude."]
        }),
    ],
)  # fmt: skip
def test_a_bad_field_is_named_and_nothing_is_written(customer_manager, customers, fields, errors):
    # when a visit with a bad field is sent
    with pytest.raises(VisitRefused) as refused:
        record_visit(customer_manager.user, visit_data(customers["c1"], **fields))
    # then every field at fault is named with its message, with status 400, and nothing is written
    assert (refused.value.errors, refused.value.status) == (errors, 400)
    assert (Visit.objects.count(), VisitRequest.objects.count()) == (0, 0)


def test_a_customer_not_his_is_not_found(customer_manager, customers):
    # when CM1 records a visit to his colleague's customer C003
    with pytest.raises(VisitRefused) as refused:
        record_visit(customer_manager.user, visit_data(customers["c3"]))
    # then it is a 404 and nothing is written
    assert (refused.value.status, refused.value.field) == (404, "customer")
    assert Visit.objects.count() == 0


@pytest.mark.parametrize("persona", ["market_manager", "leader", "brand_manager", "admin_staff"])
def test_only_a_customer_manager_records_visits(request, persona, customers):
    staff = request.getfixturevalue(persona)
    with pytest.raises(VisitRefused) as refused:
        record_visit(staff.user, visit_data(customers["c1"]))
    assert refused.value.status == 403
    assert Visit.objects.count() == 0


def test_a_visit_ticks_the_planned_visit_of_its_day_or_earlier_in_its_week(customer_manager, customers):
    # given C001 planned on Monday 1 June and Wednesday 3 June, C002 on Friday 29 May (the week before)
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 6, 1), state=VisitPlanState.COMMITTED)
    monday = PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 6, 1))
    wednesday = PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 6, 3))
    may = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 5, 1), state=VisitPlanState.COMMITTED)
    PlannedVisit.objects.create(plan=may, customer=customers["c2"], day=date(2026, 5, 29))
    # when he visits C001 on Wednesday, then again on Thursday, and C002 on Tuesday
    on_wednesday, _ = record_visit(customer_manager.user, visit_data(customers["c1"], visited_on="2026-06-03"))
    on_thursday, _ = record_visit(customer_manager.user, visit_data(customers["c1"], visited_on="2026-06-04"))
    c2, _ = record_visit(customer_manager.user, visit_data(customers["c2"], visited_on="2026-06-02"))
    # then Wednesday's visit ticks Wednesday's plan, Thursday's the Monday one not yet done, C002's none (other week)
    assert (on_wednesday.planned_visit, on_thursday.planned_visit, c2.planned_visit) == (wednesday, monday, None)


def test_a_draft_plan_is_not_ticked(customer_manager, customers):
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 6, 1))
    PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 6, 3))
    visit, _ = record_visit(customer_manager.user, visit_data(customers["c1"]))
    assert visit.planned_visit is None


@override_settings(WORKBENCH_VISIT_FAR_METRES=300)
def test_the_distance_to_the_customer_is_the_nearer_stamp_and_far_beyond_the_setting(customer_manager, customers):
    # given C001 at 32.000000 N 118.000000 E; 0.001° of latitude is 111 m
    customer = customers["c1"]
    customer.lat, customer.lng = Decimal("32"), Decimal("118")
    customer.save()
    near = {
        "start": {"lat": 32.004, "lng": 118, "accuracy": 12.4, "at": "2026-06-03T09:05:10+08:00"},
        "end": {"lat": 32.002, "lng": 118},
    }
    far = {"start": {"lat": 32.003, "lng": 118}}
    # when a visit is stamped 445 m and 222 m away, another 334 m away
    first, _ = record_visit(customer_manager.user, visit_data(customer, location=near))
    second, _ = record_visit(customer_manager.user, visit_data(customer, location=far))
    # then the first is 222 m (not far), the second 334 m (far); the stamps are kept as the phone sent them
    assert (first.distance_m, first.is_far, second.distance_m, second.is_far) == (222, False, 334, True)
    assert (first.start_lat, first.start_accuracy_m, first.end_lng) == (Decimal("32.004000"), 12, Decimal("118"))
    assert first.start_at == datetime(2026, 6, 3, 1, 5, 10, tzinfo=UTC)


def test_the_cycles_count_from_the_visits_recorded(customer_manager, customers):
    # given a committed plan that put C001 on 1 June, and visits recorded to C001 on 3 June and C002 on 2 June
    plan = VisitPlan.objects.create(staff=customer_manager, month=date(2026, 6, 1), state=VisitPlanState.COMMITTED)
    PlannedVisit.objects.create(plan=plan, customer=customers["c1"], day=date(2026, 6, 1))
    record_visit(customer_manager.user, visit_data(customers["c1"], visited_on="2026-06-03"))
    record_visit(customer_manager.user, visit_data(customers["c2"], visited_on="2026-06-02", requests=[]))
    # when the last visits before 3 June and before 5 June are read
    # then they are the recorded visits, not the plan's
    assert last_visits([customers["c1"].pk, customers["c2"].pk], date(2026, 6, 3)) == {
        customers["c2"].pk: date(2026, 6, 2)
    }
    assert last_visits([customers["c1"].pk], date(2026, 6, 5)) == {customers["c1"].pk: date(2026, 6, 3)}


def test_a_visit_ticks_the_visit_task_of_its_week_in_the_monthly_plan(customer_manager, customers):
    # given CM1's June plan: a visit task for C001 in the week of 1 June, one for C002 that week, one for C001 the
    # week after
    plan = planning_services.start_plan(user=customer_manager.user, month=date(2026, 6, 1))
    week, next_week = date(2026, 6, 1), date(2026, 6, 8)
    tasks = [
        one_task(customer=customers["c1"], week=week),
        one_task(customer=customers["c2"], week=week),
        one_task(customer=customers["c1"], week=next_week),
    ]
    planning_services.save_plan(plan=plan, user=customer_manager.user, version=1, content=content(*tasks))
    # when he visits C001 on Wednesday 3 June
    record_visit(customer_manager.user, visit_data(customers["c1"]))
    # then only C001's task of that week is done
    items = plan.working_version().items.order_by("line").values_list("customer__code", "week_start", "is_done")
    assert list(items) == [("C001", week, True), ("C002", week, False), ("C001", next_week, False)]
