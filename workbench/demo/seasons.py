"""The calendar of demand: the Spring Festival (春节) peak and the dip after it."""

from datetime import date

# 春节 (the first day of the lunar year), from the Chinese calendar.
SPRING_FESTIVALS = {
    festival.year: festival
    for festival in (
        date(2010, 2, 14), date(2011, 2, 3), date(2012, 1, 23), date(2013, 2, 10), date(2014, 1, 31),
        date(2015, 2, 19), date(2016, 2, 8), date(2017, 1, 28), date(2018, 2, 16), date(2019, 2, 5),
        date(2020, 1, 25), date(2021, 2, 12), date(2022, 2, 1), date(2023, 1, 22), date(2024, 2, 10),
        date(2025, 1, 29), date(2026, 2, 17), date(2027, 2, 6), date(2028, 1, 26), date(2029, 2, 13),
        date(2030, 2, 3), date(2031, 1, 23), date(2032, 2, 11), date(2033, 1, 31), date(2034, 2, 19),
        date(2035, 2, 8),
    )
}  # fmt: skip


def days_to_festival(day: date) -> int | None:
    """Days from `day` to the Spring Festival of its year (negative after it); None outside the table."""
    festival = SPRING_FESTIVALS.get(day.year)
    return None if festival is None else (festival - day).days


def is_festival_peak(day: date) -> bool:
    """Whether `day` lies in the three weeks before the Spring Festival, when retailers stock up."""
    days = days_to_festival(day)
    return days is not None and 0 < days <= 21


def season_factor(day: date) -> float:
    """How much more (or less) than usual retailers order on `day`.

    Volumes rise in the three weeks before the Spring Festival (most in the last two, when gifts are bought),
    fall for four weeks after it, and rise a little before the National Day holiday (国庆).
    """
    days = days_to_festival(day)
    if days is not None:
        if 0 < days <= 14:
            return 1.8
        if 14 < days <= 21:
            return 1.35
        if -14 <= days <= 0:
            return 0.55
        if -28 <= days < -14:
            return 0.8
    if day.month == 9 and day.day >= 16:
        return 1.15
    return 1.0
