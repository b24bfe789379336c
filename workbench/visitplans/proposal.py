"""The month's proposed visits (docs/definitions.md#proposal): a pure function of the customers' needs and the
calendar, no database, deterministic.

Every visit a customer's cycle requires is placed in turn, the one due soonest first (ties: the lower customer
id). Its window is the working days after its previous visit up to its due day (previous visit + cycle) on which
the customer is in business. Within the window the rules narrow the days in their order of precedence — the cycle,
the daily maximum, the order day (访销日), the route (线路) — each only as far as it leaves a day; a rule that
cannot hold gives way and the visit records the first rule that did (GaveWay). Among the days left, a visit after
a real previous visit keeps to the last 3 days up to its due day where it can (a visit a cycle, not more: visiting
early for evenness would add visits), then takes the day with the fewest visits so far (evenness), then the latest.
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from workbench.visitplans.models import GaveWay

WEEK = timedelta(days=7)
ONE_DAY = timedelta(days=1)
# A visit after a previous one keeps to its due day and the two days before it where the rules let it.
RHYTHM = timedelta(days=3)


@dataclass(frozen=True)
class Need:
    """What one customer in business needs this month.

    `last_visit`: his last visit before the month (None: never visited); `order_weekday`: his order day, 1 = Monday
    (None: none); `first_day` / `last_day`: the days of the month he is in business (None: the month's first or last
    day).
    """

    customer_id: int
    cycle_days: int
    last_visit: date | None = None
    order_weekday: int | None = None
    route: str = ""
    first_day: date | None = None
    last_day: date | None = None


@dataclass(frozen=True)
class ProposedVisit:
    """One proposed visit: a customer on a day, and the rule that gave way for it ("" when every rule held)."""

    customer_id: int
    day: date
    gave_way: str = ""


def order_slots(weekday: int, working: Sequence[date], start: date, end: date) -> frozenset[date]:
    """The days of [start, end] a customer with this order day may be visited on: each order day that is a working
    day, and the working day before each order day (`working`: the sorted working days from `start` to at least a
    week after `end`)."""
    first = start + timedelta(days=(weekday - start.isoweekday()) % 7)
    slots = set()
    order_day = first
    while order_day <= end + WEEK:
        index = bisect_left(working, order_day)
        if index < len(working) and working[index] == order_day and order_day <= end:
            slots.add(order_day)
        if index > 0 and working[index - 1] <= end:
            slots.add(working[index - 1])
        order_day += WEEK
    return frozenset(slots)


class Planner:
    """The state of one proposal: the month's working days, their counts of visits so far, the routes' days."""

    def __init__(self, *, start: date, end: date, working: Sequence[date], daily_max: int):
        self.start, self.end, self.daily_max = start, end, daily_max
        self.working = sorted(working)
        self.days = [day for day in self.working if start <= day <= end]
        self.position = {day: index for index, day in enumerate(self.days)}
        self.load = dict.fromkeys(self.days, 0)
        # How many visits of each route each day holds, and how many a route puts on one day at most (its block).
        self.route_count: Counter[tuple[str, date]] = Counter()
        self.route_days: dict[str, set[date]] = defaultdict(set)
        self.block: dict[str, int] = {}
        self.slots: dict[int, frozenset[date]] = {}

    def slots_of(self, weekday: int) -> frozenset[date]:
        if weekday not in self.slots:
            self.slots[weekday] = order_slots(weekday, self.working, self.start, self.end)
        return self.slots[weekday]

    def between(self, after: date, until: date) -> list[date]:
        """The month's working days in (after, until]."""
        low = bisect_left(self.days, after + ONE_DAY)
        high = bisect_left(self.days, until + ONE_DAY)
        return self.days[low:high]

    def take(self, need: Need, day: date) -> None:
        if day in self.load:
            self.load[day] += 1
        if need.route:
            self.route_days[need.route].add(day)
            self.route_count[(need.route, day)] += 1

    def choose(self, need: Need, window: list[date], due: date, rhythm: bool) -> tuple[date, str]:
        """The day of a visit whose window (cycle held) is not empty, and the first rule that gave way."""
        gave_way = ""
        days = [day for day in window if self.load[day] < self.daily_max]
        if not days:
            gave_way, days = GaveWay.DAILY_MAX, window
        if need.order_weekday:
            slots = self.slots_of(need.order_weekday)
            on_order_day = [day for day in days if day in slots]
            if on_order_day:
                days = on_order_day
            elif not gave_way:
                gave_way = GaveWay.ORDER_DAY
        if need.route:
            route, block = need.route, self.block[need.route]
            open_route_days = {day for day in self.route_days[route] if self.route_count[(route, day)] < block}
            together = [day for day in days if day in open_route_days]
            if together:
                days = together
            else:
                if not gave_way and any(day in open_route_days for day in window):
                    gave_way = GaveWay.ROUTE
                # A new day for the route: not one whose block of the route is full.
                days = [day for day in days if (route, day) not in self.route_count] or days
        if rhythm:
            late = [day for day in days if day > due - RHYTHM]
            days = late or days
        if need.order_weekday:
            # The order day itself before the working day before it.
            on_the_day = [day for day in days if day.isoweekday() == need.order_weekday]
            days = on_the_day or days
        return min(days, key=lambda day: (self.load[day], -self.position[day])), gave_way

    def first_open(self, after: date, until: date) -> date | None:
        """When the cycle cannot hold: the first working day in (after, until] under the daily maximum, else the
        first at all (None: no working day left)."""
        days = self.between(after, until)
        for day in days:
            if self.load[day] < self.daily_max:
                return day
        return days[0] if days else None


def propose(
    needs: Iterable[Need],
    *,
    start: date,
    end: date,
    working: Sequence[date],
    daily_max: int,
    kept: Iterable[tuple[int, date]] = (),
) -> list[ProposedVisit]:
    """The proposed visits of the month [start, end], sorted by day and customer.

    `working`: the working days from `start` to a week after `end` (lib.periods.working_days); `kept`: the visits
    already in the plan that the proposal keeps (added or suggested ones, as (customer id, day)): they count as
    visits for the cycles, the daily counts and the routes.
    """
    planner = Planner(start=start, end=end, working=working, daily_max=daily_max)
    needs_by_id = {need.customer_id: need for need in needs}
    planner.block = blocks(needs_by_id.values(), daily_max)
    kept_days: dict[int, list[date]] = defaultdict(list)
    for customer_id, day in sorted(kept):
        kept_days[customer_id].append(day)
        if customer_id in needs_by_id:
            planner.take(needs_by_id[customer_id], day)
    # (due day, customer id, previous visit, whether that previous visit is a real one)
    queue: list[tuple[date, int, date, bool]] = []
    for need in needs_by_id.values():
        first = max(need.first_day or start, start)
        if need.last_visit is not None:
            queue.append((need.last_visit + timedelta(days=need.cycle_days), need.customer_id, need.last_visit, True))
        else:
            # Never visited: the first visit is due within one cycle of the month's (or the opening's) first day.
            before = first - ONE_DAY
            queue.append((before + timedelta(days=need.cycle_days), need.customer_id, before, False))
    heapq.heapify(queue)
    # A visit due after the month but before the next month's first working day (a weekend or holiday just after the
    # month's end) can only be made in this month: the month holds every visit due until that working day.
    next_working = next((day for day in sorted(working) if day > end), None)
    horizon = next_working - ONE_DAY if next_working is not None else end
    proposed = []
    while queue:
        due, customer_id, previous, rhythm = heapq.heappop(queue)
        need = needs_by_id[customer_id]
        first = max(need.first_day or start, start)
        last = min(need.last_day or end, end)
        if due > (horizon if last == end else last):
            continue
        kept_in_window = [day for day in kept_days[customer_id] if previous < day <= due]
        if kept_in_window:
            visited = kept_in_window[-1]
            heapq.heappush(queue, (visited + timedelta(days=need.cycle_days), customer_id, visited, True))
            continue
        window = planner.between(max(previous, first - ONE_DAY), due)
        if window:
            day, gave_way = planner.choose(need, window, due, rhythm)
        else:
            later_kept = [day for day in kept_days[customer_id] if day > previous]
            if later_kept:
                visited = later_kept[0]
                heapq.heappush(queue, (visited + timedelta(days=need.cycle_days), customer_id, visited, True))
                continue
            found = planner.first_open(max(previous, first - ONE_DAY), last)
            if found is None:
                continue
            day, gave_way = found, GaveWay.CYCLE
        planner.take(need, day)
        proposed.append(ProposedVisit(customer_id, day, str(gave_way)))
        heapq.heappush(queue, (day + timedelta(days=need.cycle_days), customer_id, day, True))
    return sorted(together_again(proposed, needs_by_id, kept), key=lambda visit: (visit.day, visit.customer_id))


def blocks(needs: Iterable[Need], daily_max: int) -> dict[str, int]:
    """The most visits of one route on one day: its customers split into as few equal blocks as the daily maximum
    forces (57 customers, at most 35 a day: 2 blocks of at most 29)."""
    sizes = Counter(need.route for need in needs if need.route)
    return {route: math.ceil(size / math.ceil(size / daily_max)) for route, size in sizes.items()}


def together_again(
    visits: list[ProposedVisit], needs: dict[int, Need], kept: Iterable[tuple[int, date]]
) -> list[ProposedVisit]:
    """The visits whose route gave way when they were placed, but whose route's customers came to their day later:
    the route held after all."""
    per_route_day = Counter(
        (needs[customer_id].route, day)
        for customer_id, day in [*((visit.customer_id, visit.day) for visit in visits), *kept]
        if customer_id in needs and needs[customer_id].route
    )
    return [
        replace(visit, gave_way="")
        if visit.gave_way == GaveWay.ROUTE and per_route_day[(needs[visit.customer_id].route, visit.day)] > 1
        else visit
        for visit in visits
    ]
