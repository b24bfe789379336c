"""The proposal's rules on hand-built needs with a known answer (docs/definitions.md#proposal)."""

import random
from collections import Counter
from datetime import date, timedelta

from django.test import override_settings

from workbench.lib.periods import Period, working_days
from workbench.visitplans.models import GaveWay
from workbench.visitplans.proposal import Need, order_slots, propose

JUNE = (date(2026, 6, 1), date(2026, 6, 30))  # 1 June 2026 is a Monday; 22 working days without holidays


def calendar(start: date, end: date) -> list[date]:
    return working_days(Period(start, end + timedelta(days=7)))


def run(needs, month=JUNE, daily_max=35, kept=()):
    start, end = month
    return propose(needs, start=start, end=end, working=calendar(start, end), daily_max=daily_max, kept=kept)


def days_of(visits, customer_id):
    return [visit.day for visit in visits if visit.customer_id == customer_id]


def test_the_first_visit_is_due_one_cycle_after_the_last_visit_of_the_month_before():
    # given a last visit on Monday 25 May with a 7-day cycle, and another with an 8-day cycle
    needs = [Need(1, 7, last_visit=date(2026, 5, 25)), Need(2, 8, last_visit=date(2026, 5, 25))]
    # when
    visits = run(needs)
    # then the first is visited on the 1st and every 7 days, the second by the 2nd and every 8 days
    assert days_of(visits, 1) == [date(2026, 6, day) for day in (1, 8, 15, 22, 29)]
    assert days_of(visits, 2) == [date(2026, 6, day) for day in (2, 10, 18, 26)]
    assert {visit.gave_way for visit in visits} == {""}


def june(*days: int) -> list[date]:
    return [date(2026, 6, day) for day in days]


def test_a_visit_falls_on_the_order_day_or_the_working_day_before_it():
    # given a Wednesday customer (order day 3) last visited Tuesday 26 May, and a Monday customer last visited
    # Friday 29 May, both on 7-day cycles
    needs = [
        Need(1, 7, last_visit=date(2026, 5, 26), order_weekday=3),
        Need(2, 7, last_visit=date(2026, 5, 29), order_weekday=1),
    ]
    # when
    visits = run(needs)
    # then the Wednesday customer goes on the Tuesdays (its due days), the Monday one on the Fridays before Mondays
    assert days_of(visits, 1) == june(2, 9, 16, 23, 30)
    assert days_of(visits, 2) == june(5, 12, 19, 26)
    assert {visit.gave_way for visit in visits} == {""}


def test_a_new_visit_prefers_the_order_day_itself_to_the_day_before():
    # given two Wednesday customers never visited, on 7-day cycles
    visits = run([Need(1, 7, order_weekday=3), Need(2, 7, order_weekday=3)])
    # then both go on the Wednesdays (Tuesday is an order slot too, but the day itself comes first)
    assert days_of(visits, 1) == days_of(visits, 2) == june(3, 10, 17, 24)


def test_a_customer_overdue_when_the_month_starts_is_visited_on_its_first_working_day():
    # given a Monday customer last visited Friday 22 May on a 7-day cycle: due 29 May, before June
    visits = run([Need(1, 7, last_visit=date(2026, 5, 22), order_weekday=1)])
    # then the cycle gave way for the first visit only
    assert [(visit.day, visit.gave_way) for visit in visits] == [
        (date(2026, 6, 1), GaveWay.CYCLE),
        (date(2026, 6, 8), ""),
        (date(2026, 6, 15), ""),
        (date(2026, 6, 22), ""),
        (date(2026, 6, 29), ""),
    ]


def test_order_slots_follow_holidays_and_make_up_days():
    # given the National Day week off (1, 2, 5, 6, 7 October 2026) and Saturday 10 October worked (调休)
    with override_settings(
        WORKBENCH_HOLIDAYS="2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07",
        WORKBENCH_EXTRA_WORKING_DAYS="2026-10-10",
    ):
        working = calendar(date(2026, 10, 1), date(2026, 10, 31))
    # when a Monday customer's days are asked
    slots = order_slots(1, working, date(2026, 10, 1), date(2026, 10, 31))
    # then Monday 5 October (a holiday) has none in October, Monday 12th has the make-up Saturday before it
    assert sorted(slots) == [date(2026, 10, day) for day in (10, 12, 16, 19, 23, 26, 30)]


NATIONAL_DAY = {
    "WORKBENCH_HOLIDAYS": "2026-10-01,2026-10-02,2026-10-05,2026-10-06,2026-10-07",
    "WORKBENCH_EXTRA_WORKING_DAYS": "2026-10-10",
}
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))


def october(*days: int) -> list[date]:
    return [date(2026, 10, day) for day in days]


@override_settings(**NATIONAL_DAY)
def test_holidays_are_skipped_and_make_up_days_worked():
    # given a customer last visited Monday 28 September on a 7-day cycle (due 5 October, a holiday), and a Monday
    # customer opened on Friday 9 October on a 3-day cycle
    needs = [
        Need(1, 7, last_visit=date(2026, 9, 28)),
        Need(2, 3, order_weekday=1, first_day=date(2026, 10, 9)),
    ]
    # when
    visits = run(needs, month=OCTOBER)
    # then the first is visited on the first working day after the holidays, the cycle giving way, then weekly
    assert [(visit.day, visit.gave_way) for visit in visits if visit.customer_id == 1] == [
        (date(2026, 10, 8), GaveWay.CYCLE),
        (date(2026, 10, 15), ""),
        (date(2026, 10, 22), ""),
        (date(2026, 10, 29), ""),
    ]
    # and the second on the make-up Saturday before Monday 12 October, then on that Monday
    assert days_of(visits, 2)[:2] == october(10, 12)
    assert all(visit.day.weekday() < 5 or visit.day == date(2026, 10, 10) for visit in visits)


def test_one_routes_customers_go_on_the_same_day():
    # given three customers of route R1, three of no route, all on 7-day cycles and never visited, and a fourth of
    # R1 whose order day is Wednesday
    needs = [Need(n, 7, route="R1") for n in (1, 2, 3)] + [Need(n, 7) for n in (4, 5, 6)]
    needs.append(Need(7, 7, route="R1", order_weekday=3))
    # when
    visits = run(needs)
    # then R1's first three share every day; from the second week they join the fourth on its order day
    assert days_of(visits, 1) == days_of(visits, 2) == days_of(visits, 3) == june(5, 10, 17, 24)
    # and the fourth keeps its order day, the route giving way the first week only
    assert [(visit.day, visit.gave_way) for visit in visits if visit.customer_id == 7] == [
        (date(2026, 6, 3), GaveWay.ROUTE),
        (date(2026, 6, 10), ""),
        (date(2026, 6, 17), ""),
        (date(2026, 6, 24), ""),
    ]


def test_the_daily_maximum_moves_a_visit_off_its_order_day():
    # given three Wednesday customers due on Tuesday 2 June and at most 2 visits a day
    needs = [Need(n, 7, last_visit=date(2026, 5, 26), order_weekday=3) for n in (1, 2, 3)]
    # when
    visits = run(needs, daily_max=2)
    # then the third goes on Monday 1 June (the only other day its cycle allows), the order day giving way
    assert [(visit.customer_id, visit.day, visit.gave_way) for visit in visits[:3]] == [
        (3, date(2026, 6, 1), GaveWay.ORDER_DAY),
        (1, date(2026, 6, 2), ""),
        (2, date(2026, 6, 2), ""),
    ]
    assert max(Counter(visit.day for visit in visits).values()) == 2


def test_the_cycle_comes_before_the_daily_maximum():
    # given two customers due on Monday 1 June (daily cycles, visited 31 May) and at most 1 visit a day
    needs = [Need(n, 1, last_visit=date(2026, 5, 31)) for n in (1, 2)]
    # when
    visits = run(needs, daily_max=1)
    # then both are visited on the 1st, the second over the maximum
    assert [(visit.customer_id, visit.day, visit.gave_way) for visit in visits[:2]] == [
        (1, date(2026, 6, 1), ""),
        (2, date(2026, 6, 1), GaveWay.DAILY_MAX),
    ]


def spread(visits, month=JUNE) -> int:
    """Evenness (docs/definitions.md#proposal): max − min of the daily counts over the month's working days."""
    start, end = month
    counts = Counter(visit.day for visit in visits)
    daily = [counts[day] for day in working_days(Period(start, end))]
    return max(daily) - min(daily)


def test_the_daily_counts_are_even():
    # given 32 customers free of order days and routes on 7-day cycles, never visited
    visits = run([Need(n, 7) for n in range(1, 33)])
    # then each working day of June holds 6 or 7 visits (32 a week over 5 days)
    counts = Counter(visit.day for visit in visits)
    assert sorted(set(counts[day] for day in working_days(Period(*JUNE)))) == [6, 7]
    assert spread(visits) == 1


def test_a_customer_closed_or_opened_in_the_month_is_visited_while_in_business():
    # given one customer closed on Friday 12 June, one opened on Wednesday 17 June, both on 7-day cycles
    needs = [
        Need(1, 7, last_visit=date(2026, 5, 25), last_day=date(2026, 6, 12)),
        Need(2, 7, first_day=date(2026, 6, 17)),
    ]
    # when
    visits = run(needs)
    # then the first is visited until he closes (next due on the 15th), the second from the week he opens
    assert days_of(visits, 1) == june(1, 8)
    assert days_of(visits, 2) == june(23, 30)


def random_territory(seed: int) -> list[Need]:
    """About 250 customers: mixed cycles, order days, routes, last visits, a few opening or closing in June."""
    rng = random.Random(seed)
    needs = []
    for customer_id in range(1, 251):
        cycle = rng.choice([7, 7, 10, 14, 14, 14, 21, 28])
        # Nobody overdue when June starts: his last visit lies within one cycle of it.
        last = date(2026, 5, 31) - timedelta(days=rng.randrange(0, cycle)) if rng.random() < 0.9 else None
        first = date(2026, 6, rng.randrange(2, 29)) if rng.random() < 0.03 else None
        last = None if first else last  # a shop opened in June was never visited
        closed = date(2026, 6, rng.randrange(2, 29)) if rng.random() < 0.03 else None
        needs.append(
            Need(
                customer_id,
                cycle,
                last_visit=last,
                order_weekday=rng.choice([None, 1, 2, 3, 4, 5]),
                route=rng.choice(["", "R1", "R2", "R3", "R4", "R5", "R6"]),
                first_day=first,
                last_day=closed,
            )
        )
    return needs


def test_every_customer_is_visited_within_his_cycle_when_the_daily_maximum_allows():
    start, end = JUNE
    for seed in range(20):
        # given a random territory and a daily maximum that allows it
        needs = random_territory(seed)
        # when
        visits = run(needs, daily_max=35)
        # then no day is over the maximum and no gap is longer than the cycle
        counts = Counter(visit.day for visit in visits)
        assert max(counts.values()) <= 35, seed
        assert not {GaveWay.DAILY_MAX, GaveWay.CYCLE} & {visit.gave_way for visit in visits}, seed
        for need in needs:
            first, last = need.first_day or start, need.last_day or end
            previous = need.last_visit or first - timedelta(days=1)
            overdue_already = previous + timedelta(days=need.cycle_days) < first
            days = days_of(visits, need.customer_id)
            for index, day in enumerate(days):
                if not (index == 0 and overdue_already):
                    assert (day - previous).days <= need.cycle_days, (seed, need, days)
                assert first <= day <= last
                previous = day
            # and the month holds no due day left without a visit
            assert previous + timedelta(days=need.cycle_days) > last or (not days and overdue_already), (seed, need)


def test_a_route_too_big_for_one_day_splits_into_equal_blocks():
    # given 40 customers of route R1 on 14-day cycles, never visited, at most 35 visits a day
    visits = run([Need(n, 14, route="R1") for n in range(1, 41)], daily_max=35)
    # then two blocks of 20 (not 35 and 5), each block together on every visit
    assert Counter(visit.day for visit in visits) == {
        date(2026, 6, 11): 20,
        date(2026, 6, 12): 20,
        date(2026, 6, 25): 20,
        date(2026, 6, 26): 20,
    }
    assert {visit.gave_way for visit in visits} == {""}


def test_kept_visits_count_for_the_cycles_and_are_never_proposed_again():
    start, end = JUNE
    june_days = working_days(Period(start, end))
    for seed in range(10):
        # given a random territory whose plan already holds visits added by hand for some customers
        rng = random.Random(seed)
        needs = random_territory(seed)
        kept = sorted({(rng.randrange(1, 251), rng.choice(june_days)) for _ in range(60)})
        # when
        visits = run(needs, daily_max=35, kept=kept)
        # then no proposed visit repeats a kept one, and the gaps counting both hold the cycles
        proposed = {(visit.customer_id, visit.day) for visit in visits}
        assert proposed.isdisjoint(kept), seed
        assert len(proposed) == len(visits)
        for need in needs:
            first, last = need.first_day or start, need.last_day or end
            days = sorted(
                {day for customer_id, day in proposed | set(kept) if customer_id == need.customer_id and day <= last}
            )
            previous = need.last_visit or first - timedelta(days=1)
            for day in days:
                if day >= first:
                    assert (day - previous).days <= need.cycle_days, (seed, need, days)
                previous = day


def test_a_visit_due_on_the_weekend_after_the_month_is_made_in_the_month():
    # given October 2026 (it ends on a Saturday; the next working day is Monday 2 November) and a customer last
    # visited on Thursday 22 October with a 10-day cycle: his next visit is due on Sunday 1 November
    october = (date(2026, 10, 1), date(2026, 10, 31))
    needs = [Need(1, 10, last_visit=date(2026, 10, 22)), Need(2, 10, last_visit=date(2026, 10, 19))]
    # when October is proposed
    visits = run(needs, month=october)
    # then October holds that visit (on its last working day, Friday 30 October), since November cannot make it in
    # time; the other customer, due again on 8 November after a visit on 29 October, gets none more
    assert days_of(visits, 1) == [date(2026, 10, 30)]
    assert days_of(visits, 2) == [date(2026, 10, 29)]
    assert {visit.gave_way for visit in visits} == {""}
