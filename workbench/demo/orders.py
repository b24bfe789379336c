"""Weekly orders of the demo city, streamed to order_lines.csv week by week (constant memory).

Each customer orders once a week on its order day while it is open. A line's demand (需求量) comes from the
customer's basket, scaled by the season; tight specs carry the week's limit (限量) for the customer's 档位 in force
that day and the customer gets min(demand, limit); now and then a spec runs out (断货: demand but nothing supplied).

This loop writes tens of millions of lines for the big preset, so it avoids per-line overhead: baskets, limits and
money strings are prepared once, customers are plain tuples, and rows go to the file a week at a time.
"""

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from workbench.demo.population import GRADES, City, limit_for_grade
from workbench.demo.seasons import is_festival_peak, season_factor

ORDER_LINE_HEADER = (
    "order_no",
    "order_date",
    "customer_code",
    "spec_code",
    "demand_qty",
    "limit_qty",
    "order_qty",
    "price",
    "amount",
)
# Chance that a tight spec is short in a week (low grades get nothing), and that another spec runs out in a week
# together with the share of its lines that then get nothing.
TIGHT_SHORTAGE_WEEKS, OPEN_SHORTAGE_WEEKS, OPEN_SHORTAGE_LINES = 0.04, 0.015, 0.4
SHORTAGE_MAX_GRADE = 8  # in a short week of a tight spec, grades up to this one get a limit of 0
LAUNCH_ORDER_PROBABILITY = 0.85  # weekly, once a customer has taken up the new launch


@dataclass
class OrderStats:
    """What was written, for the summary and for the class mix check."""

    orders: int = 0
    lines: int = 0
    order_qty: int = 0
    amount_cents: int = 0
    qty_by_price_class: dict[int, int] = field(default_factory=dict)


def money(cents: int) -> str:
    """Cents as a decimal string with two places ("106.20")."""
    return f"{cents // 100}.{cents % 100:02d}"


def week_states(city: City, rng: random.Random, monday: date) -> list:
    """Per spec, this week's supply: None (no limit), a limit per 档位 (list indexed by grade) or a shortage chance."""
    peak = is_festival_peak(monday) or is_festival_peak(monday + timedelta(days=6))
    states: list = []
    for spec in city.specs:
        if spec.limit_at_top_grade:
            multiplier = rng.choice((1.0, 1.0, 1.0, 1.0, 0.5, 1.5)) * (1.3 if peak else 1.0)
            short = rng.random() < TIGHT_SHORTAGE_WEEKS
            limits = [0]
            for grade in range(1, GRADES + 1):
                if short and grade <= SHORTAGE_MAX_GRADE:
                    limits.append(0)
                else:
                    limits.append(max(1, int(limit_for_grade(spec.limit_at_top_grade, grade) * multiplier + 0.5)))
            states.append(limits)
        elif rng.random() < OPEN_SHORTAGE_WEEKS:
            states.append(OPEN_SHORTAGE_LINES)
        else:
            states.append(None)
    return states


def write_order_lines(city: City, path: Path, seed: int) -> OrderStats:
    """Write every order line of the city to `path` (CSV, UTF-8) and return the totals."""
    rng = random.Random(f"workbench-demo-orders-{seed}")
    rand = rng.random
    specs = city.specs
    spec_codes = [spec.code for spec in specs]
    prices = [spec.wholesale_cents for spec in specs]
    price_strings = [money(cents) for cents in prices]
    # amount strings per spec and quantity, filled on first use
    amount_strings: list[list[str]] = [[money(cents * qty) for qty in range(64)] for cents in prices]
    launch_index = next((i for i, spec in enumerate(specs) if spec.is_launch), None)
    end_ordinal = city.end.toordinal()
    start_ordinal = city.start.toordinal()
    customers = []
    for c in city.customers:
        last_day = c.last_order_day
        customers.append(
            (
                c.order_weekday - 1,
                c.code,
                f"{c.seq:05d}",
                max(c.opened_on.toordinal(), start_ordinal),
                min(last_day.toordinal(), end_ordinal) if last_day else end_ordinal,
                c.grade,
                c.old_grade,
                c.grade_since.toordinal() if c.grade_since else 0,
                c.basket,
                c.launch_adopted_on.toordinal() if c.launch_adopted_on else end_ordinal + 1,
                1.0 + 2.0 * (c.grade - 1) / (GRADES - 1),
            )
        )
    stats = OrderStats()
    qty_by_spec = [0] * len(specs)
    # Lines are formatted by hand rather than with csv.writer: no field of an order line ever needs quoting (codes,
    # dates, numbers), and an f-string is faster, which matters at a city's tens of millions of lines
    # (docs/performance.md#demo-order-lines-by-hand).
    with path.open("w", encoding="utf-8", newline="", buffering=1 << 20) as handle:
        handle.write(",".join(ORDER_LINE_HEADER) + "\n")
        monday = city.start
        while monday <= city.end:
            states = week_states(city, rng, monday)
            days = [monday + timedelta(days=offset) for offset in range(7)]
            day_strings = [day.isoformat() for day in days]
            day_numbers = [day.strftime("%Y%m%d") for day in days]
            factors = [season_factor(day) for day in days]
            monday_ordinal = monday.toordinal()
            lines: list[str] = []
            append = lines.append
            for offset, code, seq, first, last, grade, old_grade, since, basket, adopted, launch_mean in customers:
                day = monday_ordinal + offset
                if day < first or day > last:
                    continue
                if day < since:
                    grade = old_grade
                head = f"{day_numbers[offset]}{seq},{day_strings[offset]},{code},"
                lines_before = len(lines)
                factor = factors[offset]
                for index, probability, mean in basket:
                    if rand() >= probability:
                        continue
                    demand = int(mean * factor * (0.5 + rand()) + 0.5) or 1
                    state = states[index]
                    if state is None:
                        limit, qty = "", demand
                    elif state.__class__ is list:
                        limit = state[grade]
                        qty = demand if demand < limit else limit
                    else:
                        limit = ""
                        qty = 0 if rand() < state else demand
                    try:
                        amount = amount_strings[index][qty]
                    except IndexError:
                        amount = money(prices[index] * qty)
                    qty_by_spec[index] += qty
                    append(f"{head}{spec_codes[index]},{demand},{limit},{qty},{price_strings[index]},{amount}\n")
                # (adopted lies past the end for every customer when the city has no launch spec)
                if day >= adopted and launch_index is not None and rand() < LAUNCH_ORDER_PROBABILITY:
                    demand = int(launch_mean * factor * (0.5 + rand()) + 0.5) or 1
                    qty_by_spec[launch_index] += demand
                    amount = money(prices[launch_index] * demand)
                    append(
                        f"{head}{spec_codes[launch_index]},{demand},,{demand},{price_strings[launch_index]},{amount}\n"
                    )
                if len(lines) > lines_before:
                    stats.orders += 1
            handle.write("".join(lines))
            stats.lines += len(lines)
            monday += timedelta(weeks=1)
    for index, qty in enumerate(qty_by_spec):
        stats.order_qty += qty
        stats.amount_cents += qty * prices[index]
        price_class = specs[index].price_class
        stats.qty_by_price_class[price_class] = stats.qty_by_price_class.get(price_class, 0) + qty
    return stats
