"""The proposal's rules on hand-built needs with a known answer (docs/definitions.md#proposal)."""

from datetime import date, timedelta

from workbench.lib.periods import Period, working_days
from workbench.visitplans.proposal import Need, propose

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
