"""Periods of the analysis step: an inclusive date range, its calendar months, the periods before it, presets.

The rules follow metrics.md:
- the *previous period* of P is the k calendar months just before P when P is a run of k whole calendar months,
  otherwise the range of the same number of days just before `start`;
- "the 3 periods before" P (动销率 denominator) is the 3k whole months before P when P is k whole months,
  otherwise the 3 × (days of P) days just before `start`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _


class PeriodError(ValueError):
    """A period that cannot be read or makes no sense; `field` names the offending parameter ("from" or "to")."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def first_of_month(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    """The last day of the month of `day`."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, when negative) the month of `month`."""
    index = month.year * 12 + (month.month - 1) + count
    return date(index // 12, index % 12 + 1, 1)


def month_key(month: date) -> str:
    """A month as data shows it: "2026-01"."""
    return f"{month.year:04d}-{month.month:02d}"


def shift_year(day: date, years: int) -> date:
    """The same day `years` years later (earlier when negative); a month's last day stays its month's last day."""
    target = date(day.year + years, day.month, 1)
    if day == last_of_month(day):
        return last_of_month(target)
    return target.replace(day=min(day.day, last_of_month(target).day))


@dataclass(frozen=True)
class Period:
    """An inclusive date range [start, end] ("from" and "to" in the reports' parameters)."""

    start: date
    end: date

    def __post_init__(self):
        if self.start > self.end:
            raise PeriodError(_("The start date is after the end date."), field="from")

    def __str__(self) -> str:
        return f"{self.start.isoformat()} – {self.end.isoformat()}"

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """One whole calendar month."""
        start = date(year, month, 1)
        return cls(start, last_of_month(start))

    @classmethod
    def months_from(cls, first_month: date, count: int) -> Period:
        """`count` whole calendar months starting with the month of `first_month`."""
        start = first_of_month(first_month)
        return cls(start, add_months(start, count) - timedelta(days=1))

    @property
    def days(self) -> int:
        """Number of days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_whole_months(self) -> bool:
        """Whether the period is a run of whole calendar months."""
        return self.start.day == 1 and self.end == last_of_month(self.end)

    @property
    def month_count(self) -> int:
        """Number of calendar months the period touches (whole or not)."""
        return (self.end.year - self.start.year) * 12 + self.end.month - self.start.month + 1

    def months(self) -> list[date]:
        """First days of the calendar months the period touches, in order."""
        first = first_of_month(self.start)
        return [add_months(first, index) for index in range(self.month_count)]

    def month_parts(self) -> list[Period]:
        """The period cut at month boundaries: one part per month it touches, clipped to the period."""
        return [Period(max(self.start, month), min(self.end, last_of_month(month))) for month in self.months()]

    def contains(self, day: date) -> bool:
        """Whether `day` lies in the period."""
        return self.start <= day <= self.end

    def previous(self) -> Period:
        """The previous period (metrics.md): the k months before when P is k whole months, else as many days."""
        return self.periods_before(1)

    def periods_before(self, count: int) -> Period:
        """The `count` periods just before this one, as one range (count = 3 for 动销率).

        Whole months give `count` × k whole months; any other range gives `count` × its number of days.
        """
        if self.is_whole_months:
            return Period.months_from(add_months(self.start, -count * self.month_count), count * self.month_count)
        return Period(self.start - timedelta(days=count * self.days), self.start - timedelta(days=1))

    def shift_years(self, years: int) -> Period:
        """The same dates `years` years away; whole months stay whole months (29 February → 28 February)."""
        return Period(shift_year(self.start, years), shift_year(self.end, years))

    def split_whole_months(self) -> tuple[Period | None, list[Period]]:
        """The run of whole months inside the period (or None) and the partial months at its edges.

        Monthly summaries answer the whole months exactly; only the partial edges need the order lines.
        """
        whole_start = self.start if self.start.day == 1 else add_months(self.start, 1)
        whole_end = self.end if self.end == last_of_month(self.end) else first_of_month(self.end) - timedelta(days=1)
        if whole_start > whole_end:
            # No whole month inside: one partial month, or the ends of two neighbouring months.
            return None, self.month_parts()
        edges = []
        if self.start < whole_start:
            edges.append(Period(self.start, whole_start - timedelta(days=1)))
        if whole_end < self.end:
            edges.append(Period(whole_end + timedelta(days=1), self.end))
        return Period(whole_start, whole_end), edges


# Period presets offered by the report forms, in the order they are shown.
PRESETS = {
    "this_month": _("This month"),
    "last_month": _("Last month"),
    "last_3_months": _("Last 3 months"),
    "year_to_date": _("Year to date"),
    "custom": _("Custom"),
}


def preset_period(name: str, today: date) -> Period:
    """The period a preset names, seen from `today`.

    "This month" is the whole calendar month; "last 3 months" is the three whole months before the current one, so
    that both compare like with like against their previous periods.
    """
    this_month = first_of_month(today)
    if name == "this_month":
        return Period.months_from(this_month, 1)
    if name == "last_month":
        return Period.months_from(add_months(this_month, -1), 1)
    if name == "last_3_months":
        return Period.months_from(add_months(this_month, -3), 3)
    if name == "year_to_date":
        return Period(date(today.year, 1, 1), today)
    raise PeriodError(_("Unknown period “%(name)s”.") % {"name": name}, field="period")


def parse_date(text: str, field: str) -> date:
    """A YYYY-MM-DD date, or a PeriodError naming the field."""
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise PeriodError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": text}, field=field) from None


def parse_period(start: str | None, end: str | None, preset: str | None = None, today: date | None = None) -> Period:
    """The period from the request's parameters: a preset (other than custom), or both dates.

    Raises PeriodError with the field at fault: a missing or bad date, or a start after the end.
    """
    if preset and preset != "custom":
        if today is None:
            raise PeriodError(_("A period preset needs today's date."), field="period")
        period = preset_period(preset, today)
        # Dates sent along with a preset must say the same thing (a form shows both); otherwise it is ambiguous.
        if (start or end) and (start, end) != (period.start.isoformat(), period.end.isoformat()):
            raise PeriodError(
                _("The period preset and the dates disagree: choose “Custom” to use the dates."), field="period"
            )
        return period
    if not start:
        raise PeriodError(_("Give the start date (from)."), field="from")
    if not end:
        raise PeriodError(_("Give the end date (to)."), field="to")
    return Period(parse_date(start, "from"), parse_date(end, "to"))
