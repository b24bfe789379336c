"""Periods: an inclusive date range, its calendar months and ISO weeks, the periods before it, presets, working days.

The rules follow docs/definitions.md#period (docs/metrics-local.md#periods writes down the ones this project adds):
- the *previous period* of P is the k calendar months just before P when P is a run of k whole calendar months,
  otherwise the range of the same number of days just before `start`;
- "the 3 periods before" P (动销率 denominator) is the 3k whole months before P when P is k whole months,
  otherwise the 3 × (days of P) days just before `start`;
- a week is an ISO week, Monday to Sunday; a working day is a Monday to Friday not in WORKBENCH_HOLIDAYS, or a day
  of WORKBENCH_EXTRA_WORKING_DAYS (调休 make-up days).

Every bad or extreme period raises PeriodError naming the field at fault, never ValueError or OverflowError: the
pages, exports and API turn it into a message on that field.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

# The dates a period may use. Reports look years back from a period (the 3 periods before a 5-year period reach
# 15 years further), so both ends keep far from Python's date.min and date.max, and a typing slip such as
# "0202-01-01" is refused with a message instead of reading twenty centuries of nothing.
EARLIEST = date(1900, 1, 1)
LATEST = date(2999, 12, 31)


class PeriodError(ValueError):
    """A period that cannot be read or makes no sense; `field` names the offending parameter ("from" or "to")."""

    def __init__(self, message, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def out_of_range(field: str | None) -> PeriodError:
    """The error of a date, or a date computed from one, beyond the supported range."""
    return PeriodError(
        _("Dates must lie between %(earliest)s and %(latest)s.")
        % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat()},
        field=field,
    )


def first_of_month(day: date) -> date:
    """The first day of the month of `day`."""
    return day.replace(day=1)


def last_of_month(day: date) -> date:
    """The last day of the month of `day`."""
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def add_months(month: date, count: int) -> date:
    """The first day of the month `count` months after (or before, when negative) the month of `month`."""
    index = month.year * 12 + (month.month - 1) + count
    if not 1 <= index // 12 <= 9999:
        raise out_of_range("from" if count < 0 else "to")
    return date(index // 12, index % 12 + 1, 1)


def month_key(month: date) -> str:
    """A month as data shows it: "2026-01"."""
    return f"{month.year:04d}-{month.month:02d}"


def shift_year(day: date, years: int) -> date:
    """The same day `years` years later (earlier when negative); a month's last day stays its month's last day."""
    if not 1 <= day.year + years <= 9999:
        raise out_of_range("from" if years < 0 else "to")
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

    @classmethod
    def months_ending(cls, day: date, count: int = 12) -> Period:
        """The `count` whole calendar months that end with the month of `day` (a page's "last 12 months")."""
        return cls.months_from(add_months(first_of_month(day), 1 - count), count)

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
        """The previous period (docs/definitions.md#previous-period): the k months before when P is k whole months,
        else as many days."""
        return self.periods_before(1)

    def periods_before(self, count: int) -> Period:
        """The `count` periods just before this one, as one range (count = 3 for 动销率).

        Whole months give `count` × k whole months; any other range gives `count` × its number of days.
        """
        if self.is_whole_months:
            return Period.months_from(add_months(self.start, -count * self.month_count), count * self.month_count)
        try:
            return Period(self.start - timedelta(days=count * self.days), self.start - timedelta(days=1))
        except OverflowError:
            raise out_of_range("from") from None

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
    """A YYYY-MM-DD date within the supported range, or a PeriodError naming the field."""
    try:
        day = date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise PeriodError(_("“%(value)s” is not a date (use YYYY-MM-DD).") % {"value": text}, field=field) from None
    if not EARLIEST <= day <= LATEST:
        raise out_of_range(field)
    return day


def max_period_years() -> int:
    """The longest period a request may ask for, in years (WORKBENCH_MAX_PERIOD_YEARS, default 5)."""
    return int(getattr(settings, "WORKBENCH_MAX_PERIOD_YEARS", 5))


def check_length(period: Period) -> Period:
    """The period itself, or a PeriodError on "to" when it spans more than the longest period allowed.

    "At most N years": `to` comes before the same day N years after `from` (2021-01-01 – 2025-12-31 is 5 years).
    """
    years = max_period_years()
    if period.end >= shift_year(period.start, years):
        raise PeriodError(
            ngettext(
                "The period may span at most %(years)d year.", "The period may span at most %(years)d years.", years
            )
            % {"years": years},
            field="to",
        )
    return period


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
    return check_length(Period(parse_date(start, "from"), parse_date(end, "to")))


# ---------------------------------------------------------------------------------------------------------------
# Weeks (ISO: Monday to Sunday)


def week_of(day: date) -> Period:
    """The ISO week (Monday to Sunday) that holds `day`."""
    try:
        monday = day - timedelta(days=day.weekday())
        return Period(monday, monday + timedelta(days=6))
    except OverflowError:
        raise out_of_range("from" if day.year == 1 else "to") from None


def iso_week_key(day: date) -> str:
    """The ISO week of `day` as data shows it: "2026-W01" (ISO year, which may differ from the calendar year)."""
    year, week, _weekday = day.isocalendar()
    return f"{year:04d}-W{week:02d}"


def weeks_of_month(month: date) -> list[Period]:
    """The ISO weeks holding at least one day of the month of `month`, whole and in order."""
    first, last = first_of_month(month), last_of_month(month)
    weeks = [week_of(first)]
    while weeks[-1].end < last:
        weeks.append(week_of(weeks[-1].end + timedelta(days=1)))
    return weeks


# ---------------------------------------------------------------------------------------------------------------
# Working days: Monday to Friday, minus the holidays, plus the extra working days (调休 make-up days)


@lru_cache(maxsize=8)
def _dates_of(name: str, value: str | tuple) -> frozenset[date]:
    """The dates of a setting: comma-separated ISO dates (as the environment gives them) or a sequence of dates."""
    items = value.split(",") if isinstance(value, str) else value
    dates = set()
    for item in items:
        if isinstance(item, date):
            dates.add(item)
            continue
        if not item.strip():
            continue
        try:
            dates.add(date.fromisoformat(item.strip()))
        except ValueError:
            raise ImproperlyConfigured(f"{name}: {item.strip()!r} is not a date (use YYYY-MM-DD).") from None
    return frozenset(dates)


def setting_dates(name: str) -> frozenset[date]:
    """The dates of the setting `name` (WORKBENCH_HOLIDAYS or WORKBENCH_EXTRA_WORKING_DAYS); none when unset."""
    value = getattr(settings, name, "") or ""
    return _dates_of(name, value if isinstance(value, str) else tuple(value))


def holidays() -> frozenset[date]:
    """The days off that would otherwise be working days (法定节假日 and the days off around them)."""
    return setting_dates("WORKBENCH_HOLIDAYS")


def extra_working_days() -> frozenset[date]:
    """The days worked that would otherwise be off (调休上班日, often a Saturday or a Sunday)."""
    return setting_dates("WORKBENCH_EXTRA_WORKING_DAYS")


def check_calendar() -> None:
    """Refuse a day that is both a holiday and an extra working day: the lists contradict each other."""
    both = holidays() & extra_working_days()
    if both:
        days = ", ".join(sorted(day.isoformat() for day in both))
        raise ImproperlyConfigured(f"WORKBENCH_HOLIDAYS and WORKBENCH_EXTRA_WORKING_DAYS both hold {days}.")


def is_working_day(day: date) -> bool:
    """Whether `day` is a working day: an extra working day, or a Monday to Friday that is not a holiday."""
    check_calendar()
    if day in extra_working_days():
        return True
    return day.weekday() < 5 and day not in holidays()


def working_days(period: Period) -> list[date]:
    """The working days of the period, in order."""
    check_calendar()
    off, extra = holidays(), extra_working_days()
    days = (period.start + timedelta(days=offset) for offset in range(period.days))
    return [day for day in days if day in extra or (day.weekday() < 5 and day not in off)]
