"""The visits of the demo city (拜访情况反馈): what the customer managers recorded, month by month.

In a month with committed visit plans (demo/visitplans.py) the visits follow the plans: about 8 % of the planned
visits are missed, a few are done a day later in the same week (they still tick their planned visit, as
visits.services.tick does), and now and then a customer is visited unplanned. In a month without plans (the city
preset's year before its plans) each customer is visited by his visit cycle (visitplans.cycles), on the working
day his cycle falls on. A day's visits run through the working day (in person 6–15 minutes, a phone or online call
a few minutes); about 85 % are in person, 10 % by phone, 5 % online. Visits in person carry the phone's location
stamps near the customer's coordinates, about 2 % far (> 300 m) from them. About 60 % give a satisfaction, about
10 % carry a request (about 1 % of visits a complaint); their texts come from the small phrase lists below.

Deterministic: every month draws from its own random generator seeded by the seed and the month, so the same seed
and end give the same visits whichever months are generated together. Rows go in with bulk_create in batches.

`demo_visit_months(preset)` says how many months a preset gets (three, the plans' months; the city a year);
`generate_visits(month, end=, seed=)` writes one month's visits up to `end`; `generate_demo_visits(preset, end=,
seed=)` is what `workbench demo` runs: the months before the plans by cycle, then plan month → its visits → the
next plan month, so that each month's proposal counts from the visits of the month before (visitplans.lastvisits).
`workbench demo-visits` adds them to a demo database already loaded.
"""

from __future__ import annotations

import math
import random
import time as clock
import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import TypeVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from workbench.customers.models import Customer
from workbench.lib.periods import add_months, first_of_month, is_working_day, last_of_month
from workbench.visitplans.cycles import cycle_days
from workbench.visitplans.geo import great_circle_km
from workbench.visitplans.models import PlannedVisit, VisitPlanState
from workbench.visits.models import RequestKind, RequestState, Visit, VisitMode, VisitPurpose, VisitRequest

T = TypeVar("T")
PLAN_MONTHS = 3  # demo/visitplans.MONTHS: the months with committed plans
PRESET_MONTHS = {"city": 12}  # a year of visits on the city; the others the plans' three months
BATCH = 5000  # rows per bulk_create

MISSED_SHARE = 0.08  # planned visits not made
LATER_SHARE = 0.05  # of those made, done a day later in the same week
UNPLANNED_SHARE = 0.2  # staff-days with one unplanned visit besides the plan
MODES = ((VisitMode.FIELD, 0.85), (VisitMode.PHONE, 0.10), (VisitMode.ONLINE, 0.05))
FIELD_MINUTES = (6, 15)
CALL_MINUTES = (2, 6)
SATISFACTION_SHARE = 0.6
SATISFACTION = ((5, 0.45), (4, 0.35), (3, 0.14), (2, 0.04), (1, 0.02))
REQUEST_SHARE = 0.10
SECOND_REQUEST_SHARE = 0.15  # of visits with requests, those with two
# The kinds of requests; complaints are a tenth of them, about 1 % of the visits.
REQUEST_KINDS = (
    (RequestKind.SUPPLY, 0.40),
    (RequestKind.PRICE, 0.18),
    (RequestKind.SERVICE, 0.22),
    (RequestKind.COMPLAINT, 0.10),
    (RequestKind.OTHER, 0.10),
)
FAR_SHARE = 0.02  # visits in person stamped far from the customer
NEAR_METRES = 25  # the spread of an ordinary stamp around the shop
FAR_METRES = (350, 1500)
DAY_START = (8, 30)  # the first visit's earliest start
DAY_MINUTES = 480  # the working day's visiting window after DAY_START, lunch taken off
LUNCH = (12 * 60, 60)  # from noon, an hour
GAP_MAX = 25  # minutes between two visits at most (a light day ends early)
CYCLE_ANCHOR = date(2000, 1, 3)  # a Monday: the cycles' phases count from it

PURPOSES = (
    (VisitPurpose.ORDER_GUIDANCE, 0.55),
    (VisitPurpose.INFORMATION, 0.45),
    (VisitPurpose.BRAND_PROMOTION, 0.30),
    (VisitPurpose.DISPLAY, 0.25),
    (VisitPurpose.POLICY, 0.12),
    (VisitPurpose.NEW_PRODUCT, 0.12),
    (VisitPurpose.OTHER, 0.03),
)
BUSINESS = (
    "客流平稳，经营正常",
    "店主反映本周客流下降",
    "周边新开小区，客流有所增加",
    "店面整洁，经营规范",
    "夜间营业时间延长",
    "店主有意扩大卷烟经营面积",
)
BRANDS = (
    "南京系列陈列到位，价签齐全",
    "细支烟动销较快",
    "高端规格陈列位置偏低，已建议调整",
    "新品已上柜，消费者询问较多",
    "部分规格断货，已指导补货",
    "常销规格库存偏高",
)
MARKET = (
    "周边竞争店促销力度较大",
    "附近工地开工，需求有所增加",
    "市场价格稳定",
    "周边便利店新开一家",
    "节日前备货需求上升",
)
SERVICE_CONTENT = ("订货指导", "陈列调整", "政策宣传", "新品推介", "库存盘点", "价格规范提醒")
SERVICE_METHOD = ("现场讲解", "电话沟通", "微信群推送", "协助整理柜台")
SERVICE_EFFECT = ("店主认可", "已按建议调整", "待下次跟进", "效果明显")
NEXT_ACTION = ("下次拜访复查陈列", "跟进新品动销", "协调货源", "下周电话回访", "")
IMPRESSIONS = ("店主配合度高", "需要加强沟通", "经营意识较强", "今日拜访顺利", "")
REQUEST_TEXTS = {
    RequestKind.SUPPLY: ("希望增加南京(炫赫门)货源", "紧俏规格断货，要求补货", "希望下周多分配细支烟"),
    RequestKind.PRICE: ("反映周边零售价偏低", "询问新品建议零售价", "希望了解价格政策调整"),
    RequestKind.SERVICE: ("希望送货时间提前", "要求更换破损陈列柜", "希望增加拜访频次"),
    RequestKind.COMPLAINT: ("投诉送货延误", "投诉到货包装破损", "投诉订货系统无法登录"),
    RequestKind.OTHER: ("咨询许可证延续手续", "询问终端设备维修", "希望参加零售户培训"),
}
# The follow-up states, by the request's age: the older, the likelier resolved.
STATES_RECENT = ((RequestState.OPEN, 0.45), (RequestState.FOLLOWING, 0.35), (RequestState.RESOLVED, 0.20))
STATES_OLD = ((RequestState.OPEN, 0.05), (RequestState.FOLLOWING, 0.15), (RequestState.RESOLVED, 0.80))
RECENT_DAYS = 30


@dataclass
class VisitStats:
    """What was written: visits (of them planned visits ticked, missed, in person, far), requests, seconds."""

    visits: int = 0
    ticked: int = 0
    missed: int = 0
    later: int = 0
    unplanned: int = 0
    field: int = 0
    far: int = 0
    requests: int = 0
    complaints: int = 0
    seconds: float = 0.0
    months: list[date] = dataclass_field(default_factory=list)

    def add(self, other: VisitStats) -> None:
        for name in ("visits", "ticked", "missed", "later", "unplanned", "field", "far", "requests", "complaints"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds += other.seconds
        self.months += other.months

    def as_dict(self) -> dict:
        return {
            "months": len(self.months),
            "visits": f"{self.visits:,}",
            "ticked": f"{self.ticked:,}",
            "missed": f"{self.missed:,}",
            "field": f"{self.field:,}",
            "far": f"{self.far:,}",
            "requests": f"{self.requests:,}",
            "complaints": f"{self.complaints:,}",
            "seconds": self.seconds,
        }


def demo_visit_months(preset: str) -> int:
    """The months of visits a preset gets, ending with the demo's last month."""
    return PRESET_MONTHS.get(preset, PLAN_MONTHS)


def pick(rng: random.Random, weighted: Sequence[tuple[T, float]]) -> T:
    """One value of ((value, weight), …)."""
    roll = rng.random() * sum(weight for _value, weight in weighted)
    for value, weight in weighted:
        roll -= weight
        if roll < 0:
            return value
    return weighted[-1][0]


@dataclass(frozen=True)
class Place:
    """A customer as the generator needs him: his manager, coordinates, route and business days."""

    pk: int
    manager_id: int | None
    lat: float | None
    lng: float | None
    route: str
    opened_on: date
    closed_on: date | None

    def in_business(self, day: date) -> bool:
        return self.opened_on <= day and (self.closed_on is None or self.closed_on >= day)


def places(start: date, end: date) -> dict[int, Place]:
    """The customers with a manager in business some day of [start, end]."""
    rows = (
        Customer.objects.in_business(start, end)
        .filter(manager__isnull=False)
        .values_list("pk", "manager_id", "lat", "lng", "route", "opened_on", "closed_on")
    )
    return {
        pk: Place(
            pk,
            manager_id,
            float(lat) if lat is not None else None,
            float(lng) if lng is not None else None,
            route or "",
            opened_on,
            closed_on,
        )
        for pk, manager_id, lat, lng, route, opened_on, closed_on in rows
    }


def next_working_day_in_week(day: date) -> date | None:
    """The next working day in the same ISO week, if any."""
    following = day + timedelta(days=1)
    while following.weekday() != 0:
        if is_working_day(following):
            return following
        following += timedelta(days=1)
    return None


def offset(lat: float, lng: float, metres: float, bearing: float) -> tuple[Decimal, Decimal]:
    """The point `metres` from (lat, lng) toward `bearing` (radians), rounded as the model stores it."""
    north, east = metres * math.cos(bearing), metres * math.sin(bearing)
    new_lat = lat + north / 111_195.0
    new_lng = lng + east / (111_195.0 * math.cos(math.radians(lat)))
    return Decimal(f"{new_lat:.6f}"), Decimal(f"{new_lng:.6f}")


class MonthWriter:
    """Builds one month's visits with the month's random generator, and writes them in batches."""

    def __init__(self, month: date, *, end: date, seed: int):
        self.month = month
        self.end = end
        self.rng = random.Random(f"visits-{seed}-{month:%Y-%m}")
        self.zone = ZoneInfo(settings.TIME_ZONE)
        self.stats = VisitStats(months=[month])
        self.visits: list[Visit] = []
        self.requests: list[list[VisitRequest]] = []

    # --- one staff member's day ---------------------------------------------------------------------------------
    def day(self, staff_id: int, day: date, stops: list[tuple[Place, int | None]]) -> None:
        """The visits of one day, in route order: (customer, planned visit ticked or None) each."""
        rng = self.rng
        modes = [pick(rng, MODES) for _stop in stops]
        minutes = [
            rng.randint(*FIELD_MINUTES) if mode == VisitMode.FIELD else rng.randint(*CALL_MINUTES) for mode in modes
        ]
        spare = max(DAY_MINUTES - sum(minutes), len(stops))
        gap = min(spare / max(len(stops), 1), GAP_MAX)
        now = DAY_START[0] * 60 + DAY_START[1] + rng.randint(0, 20)
        lunched = False
        for (place, planned), mode, length in zip(stops, modes, minutes, strict=True):
            if not lunched and now >= LUNCH[0]:
                now += LUNCH[1]
                lunched = True
            start = min(now, 23 * 60)
            finish = min(start + length, 23 * 60 + 59)
            self.visit(staff_id, day, place, planned, mode, start, finish)
            now = finish + max(1, round(gap * rng.uniform(0.5, 1.5)))

    def visit(self, staff_id, day, place: Place, planned, mode, start: int, finish: int) -> None:
        rng = self.rng
        start_time, end_time = time(start // 60, start % 60), time(finish // 60, finish % 60)
        visit = Visit(
            client_id=uuid.UUID(int=rng.getrandbits(128), version=4),
            staff_id=staff_id,
            customer_id=place.pk,
            planned_visit_id=planned,
            visited_on=day,
            start_time=start_time,
            end_time=end_time,
            mode=mode,
            purposes=self.purposes(),
        )
        if mode == VisitMode.FIELD:
            visit.business = rng.choice(BUSINESS) if rng.random() < 0.7 else ""
            visit.brands = rng.choice(BRANDS) if rng.random() < 0.7 else ""
            visit.market = rng.choice(MARKET) if rng.random() < 0.4 else ""
        visit.service_content = rng.choice(SERVICE_CONTENT) if rng.random() < 0.6 else ""
        if visit.service_content:
            visit.service_method = rng.choice(SERVICE_METHOD) if mode == VisitMode.FIELD else "电话沟通"
            visit.service_effect = rng.choice(SERVICE_EFFECT)
        visit.next_action = rng.choice(NEXT_ACTION) if rng.random() < 0.4 else ""
        visit.impressions = rng.choice(IMPRESSIONS) if rng.random() < 0.3 else ""
        if rng.random() < SATISFACTION_SHARE:
            visit.satisfaction = pick(rng, SATISFACTION)
        if mode == VisitMode.FIELD and place.lat is not None and place.lng is not None:
            self.locate(visit, place, day, start_time, end_time)
        requests = self.customer_requests(day)
        self.visits.append(visit)
        self.requests.append(requests)
        stats = self.stats
        stats.visits += 1
        stats.ticked += planned is not None
        stats.field += mode == VisitMode.FIELD
        stats.far += visit.is_far
        stats.requests += len(requests)
        stats.complaints += sum(request.kind == RequestKind.COMPLAINT for request in requests)
        if len(self.visits) >= BATCH:
            self.flush()

    def purposes(self) -> list[str]:
        chosen = [str(purpose) for purpose, share in PURPOSES if self.rng.random() < share]
        return chosen or [str(VisitPurpose.ORDER_GUIDANCE)]

    def locate(self, visit: Visit, place: Place, day: date, start_time: time, end_time: time) -> None:
        """Start and end stamps around the shop (a few far), with the distance as the service computes it."""
        rng = self.rng
        assert place.lat is not None
        assert place.lng is not None
        far = rng.random() < FAR_SHARE
        distances = []
        for end, moment in (("start", start_time), ("end", end_time)):
            metres = rng.uniform(*FAR_METRES) if far else abs(rng.gauss(0, NEAR_METRES))
            lat, lng = offset(place.lat, place.lng, metres, rng.uniform(0, 2 * math.pi))
            setattr(visit, f"{end}_lat", lat)
            setattr(visit, f"{end}_lng", lng)
            setattr(visit, f"{end}_accuracy_m", rng.randint(5, 35))
            stamped = datetime.combine(day, moment, tzinfo=self.zone) + timedelta(seconds=rng.randint(0, 59))
            setattr(visit, f"{end}_at", stamped)
            distances.append(round(great_circle_km((place.lat, place.lng), (float(lat), float(lng))) * 1000))
        visit.distance_m = min(distances)
        visit.is_far = visit.distance_m > settings.WORKBENCH_VISIT_FAR_METRES

    def customer_requests(self, day: date) -> list[VisitRequest]:
        rng = self.rng
        if rng.random() >= REQUEST_SHARE:
            return []
        count = 2 if rng.random() < SECOND_REQUEST_SHARE else 1
        states = STATES_RECENT if (self.end - day).days <= RECENT_DAYS else STATES_OLD
        requests = []
        for _index in range(count):
            kind = pick(rng, REQUEST_KINDS)
            requests.append(VisitRequest(kind=kind, text=rng.choice(REQUEST_TEXTS[kind]), state=pick(rng, states)))
        return requests

    # --- writing ------------------------------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.visits:
            return
        Visit.objects.bulk_create(self.visits, batch_size=BATCH)
        requests = []
        for visit, visit_requests in zip(self.visits, self.requests, strict=True):
            for request in visit_requests:
                request.visit_id = visit.pk
                requests.append(request)
        VisitRequest.objects.bulk_create(requests, batch_size=BATCH)
        self.visits, self.requests = [], []


def route_key(place: Place) -> tuple:
    """A day's visits in a plausible order: by route, then west to east."""
    return (place.route, place.lng if place.lng is not None else 0.0, place.pk)


def planned_month(writer: MonthWriter, start: date, end: date) -> None:
    """The month's visits from its committed plans (and a few unplanned)."""
    rng = writer.rng
    customers = places(start, end)
    rows = (
        PlannedVisit.objects.filter(plan__state=VisitPlanState.COMMITTED, day__gte=start, day__lte=end)
        .order_by("plan__staff_id", "day", "pk")
        .values_list("pk", "plan__staff_id", "customer_id", "day")
    )
    days: dict[tuple[int, date], list[tuple[Place, int | None]]] = defaultdict(list)
    planned_days: dict[tuple[int, date], set[int]] = defaultdict(set)
    for pk, staff_id, customer_id, day in rows:
        place = customers.get(customer_id)
        planned_days[(staff_id, day)].add(customer_id)
        if place is None:
            continue
        if rng.random() < MISSED_SHARE:
            writer.stats.missed += 1
            continue
        done_on = day
        if rng.random() < LATER_SHARE:
            later = next_working_day_in_week(day)
            if later is not None and later <= end and place.in_business(later):
                done_on = later
                writer.stats.later += 1
        days[(staff_id, done_on)].append((place, pk))
    by_manager: dict[int, list[Place]] = defaultdict(list)
    for place in customers.values():
        if place.manager_id is not None:
            by_manager[place.manager_id].append(place)
    for (staff_id, day), planned in sorted(planned_days.items()):
        if rng.random() < UNPLANNED_SHARE and by_manager.get(staff_id):
            place = rng.choice(by_manager[staff_id])
            if place.pk not in planned and place.in_business(day):
                days[(staff_id, day)].append((place, None))
                writer.stats.unplanned += 1
    for staff_id, day in sorted(days):
        writer.day(staff_id, day, sorted(days[(staff_id, day)], key=lambda stop: route_key(stop[0])))


def cycle_month(writer: MonthWriter, start: date, end: date) -> None:
    """The month's visits by each customer's visit cycle: on the day his cycle falls on (the next working day
    when that is a rest day), a few missed, a few a day later."""
    rng = writer.rng
    customers = places(start, end)
    cycles = cycle_days(customers)
    days: dict[tuple[int, date], list[tuple[Place, int | None]]] = defaultdict(list)
    for pk in sorted(customers):
        place, cycle = customers[pk], cycles[pk]
        assert place.manager_id is not None
        phase = pk % cycle  # the same phase every month: the cycle runs on across months
        first = start + timedelta(days=(phase - (start - CYCLE_ANCHOR).days) % cycle)
        due = first
        while due <= end:
            day = due
            while not is_working_day(day) and day <= end:
                day += timedelta(days=1)
            due += timedelta(days=cycle)
            if day > end or not place.in_business(day):
                continue
            if rng.random() < MISSED_SHARE:
                writer.stats.missed += 1
                continue
            if rng.random() < LATER_SHARE:
                later = next_working_day_in_week(day)
                if later is not None and later <= end and place.in_business(later):
                    day = later
                    writer.stats.later += 1
            days[(place.manager_id, day)].append((place, None))
    for staff_id, day in sorted(days):
        writer.day(staff_id, day, sorted(days[(staff_id, day)], key=lambda stop: route_key(stop[0])))


def generate_visits(month: date, *, end: date, seed: int) -> VisitStats:
    """Write the visits of `month` up to `end` (replacing any there were): from its committed plans when it has
    them, else by the customers' cycles."""
    started = clock.perf_counter()
    start = first_of_month(month)
    last = min(last_of_month(start), end)
    writer = MonthWriter(start, end=end, seed=seed)
    with transaction.atomic():
        Visit.objects.filter(visited_on__gte=start, visited_on__lte=last_of_month(start)).delete()
        if last >= start:
            has_plans = PlannedVisit.objects.filter(
                plan__state=VisitPlanState.COMMITTED, plan__month=start, day__lte=last
            ).exists()
            (planned_month if has_plans else cycle_month)(writer, start, last)
            writer.flush()
    writer.stats.seconds = clock.perf_counter() - started
    return writer.stats


def months_before_plans(preset: str, end: date) -> list[date]:
    """The months of visits before the plans' months (the city's year), oldest first."""
    first_plan = add_months(first_of_month(end), 1 - PLAN_MONTHS)
    count = demo_visit_months(preset) - PLAN_MONTHS
    return [add_months(first_plan, -offset) for offset in range(count, 0, -1)]


def generate_demo_visits(preset: str, *, end: date, seed: int):
    """`workbench demo`'s visit plans and visits: (the visit plans' counts, VisitStats)."""
    from workbench.demo.visitplans import generate_visit_plans

    stats = VisitStats()
    # Visits are what was done: none today or later, so that today's planned visits wait for the demo's user.
    done_by = min(end, timezone.localdate() - timedelta(days=1))
    for month in months_before_plans(preset, end):
        stats.add(generate_visits(month, end=done_by, seed=seed))

    def month_visits(month: date) -> None:
        if month <= done_by:
            stats.add(generate_visits(month, end=done_by, seed=seed))

    plans = generate_visit_plans(end=end, seed=seed, on_month=month_visits)
    return plans, stats
