"""The people and shops of the demo city: org units, staff and retail customers, with what each shop buys.

Everything is drawn from one `random.Random` in a fixed order, so the same seed gives the same city.
"""

import math
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from workbench.demo import names
from workbench.demo.catalogue import PRICE_CLASS_VOLUME_SHARE, CatalogueSpec
from workbench.demo.presets import COMPANY_CODE, COMPANY_NAME, DEPARTMENT_CODES, TEAM_CODES, Preset

GRADES = 30  # 档位 1…30, 30 highest
# Share of customers per 档位: each grade holds 10% fewer customers than the one below (most in low grades).
GRADE_WEIGHTS = tuple(0.9 ** (grade - 1) for grade in range(1, GRADES + 1))
# 业态 (format) mix: (code, urban weight, rural weight); 食杂店 dominates, more so in the villages.
FORMAT_MIX: tuple[tuple[str, float, float], ...] = (
    ("Z", 50, 72),
    ("B", 16, 5),
    ("S", 9, 6),
    ("N", 1.5, 0.3),
    ("Y", 12, 8),
    ("F", 7, 4),
    ("Q", 4.5, 4.7),
)
# Median weekly volume (条) of each 业态.
FORMAT_VOLUME = {"Z": 12, "B": 19, "S": 26, "N": 36, "Y": 54, "F": 7, "Q": 6}
WEEKDAY_NAMES = "一二三四五六日"

# Shares of customers that open, close or are suspended while the data runs.
OPENING_SHARE, CLOSING_SHARE, SUSPENDED_SHARE = 0.04, 0.03, 0.015
GRADE_CHANGE_SHARE = 0.08
# The new launch: share of customers that ever take it up (more among high grades) and how fast (days).
LAUNCH_ADOPTION, LAUNCH_ADOPTION_DAYS = 0.55, 55


@dataclass(frozen=True)
class OrgRow:
    """One row of org.csv."""

    code: str
    name: str
    kind: str
    parent_code: str


@dataclass(frozen=True)
class StaffRow:
    """One row of staff.csv."""

    code: str
    name: str
    role: str
    org_code: str
    mobile: str


@dataclass
class DemoCustomer:
    """A retail customer (零售客户) with what the generator needs to make up its orders."""

    seq: int  # 1…n, used in order numbers
    code: str
    license_no: str
    name: str
    owner_name: str
    phone: str
    address: str
    format: str
    market_type: str
    manager_code: str
    route: str
    order_weekday: int  # 1 = Monday
    order_channel: str
    credit_class: str
    terminal_type: str
    status: str
    opened_on: date
    closed_on: date | None
    suspended_from: date | None  # no orders from this day on (status suspended)
    lng: float
    lat: float
    volume: float  # usual weekly volume, 条
    scale: str = ""
    grade: int = 1  # 档位 in force now
    old_grade: int = 1  # 档位 before grade_since
    grade_since: date | None = None  # set when the 档位 changed during the data
    launch_adopted_on: date | None = None  # when it first takes up the new launch
    # (spec index, probability of ordering it in a week, mean demand per order in 条)
    basket: list[tuple[int, float, float]] = field(default_factory=list)

    @property
    def last_order_day(self) -> date | None:
        """The last day it may order: the day before it closed or was suspended; None while it is open."""
        stop = self.closed_on or self.suspended_from
        return stop - timedelta(days=1) if stop else None


@dataclass
class City:
    """Everything the files are written from."""

    start: date
    end: date
    launch_on: date
    org_units: list[OrgRow]
    staff: list[StaffRow]
    customers: list[DemoCustomer]
    specs: list[CatalogueSpec]


def person_name(rng: random.Random) -> str:
    """A Chinese name: a surname and one or two given-name characters."""
    given = rng.choice(names.GIVEN_NAME_CHARACTERS)
    if rng.random() < 0.65:
        given += rng.choice(names.GIVEN_NAME_CHARACTERS)
    return rng.choice(names.SURNAMES) + given


def mobile_number(rng: random.Random) -> str:
    """An 11-digit mobile number."""
    return f"1{rng.choice('35789')}{rng.randrange(10**9):09d}"


def build_organisation(preset: Preset, rng: random.Random) -> tuple[list[OrgRow], list[StaffRow], list[tuple]]:
    """The org tree and the staff; also (team code, district, [customer manager codes]) for each team."""
    org_units = [OrgRow(COMPANY_CODE, COMPANY_NAME, "company", "")]
    used_names: set[str] = set()

    def unique_name() -> str:
        name = person_name(rng)
        while name in used_names:
            name = person_name(rng)
        used_names.add(name)
        return name

    staff = [
        StaffRow("admin", unique_name(), "admin", COMPANY_CODE, mobile_number(rng)),
        StaffRow("ld00", unique_name(), "leader", COMPANY_CODE, mobile_number(rng)),
        StaffRow("bm01", unique_name(), "brand_manager", COMPANY_CODE, mobile_number(rng)),
        StaffRow("bm02", unique_name(), "brand_manager", COMPANY_CODE, mobile_number(rng)),
    ]
    teams = []
    manager_number = 0
    for department_name, department_teams in preset.departments:
        department_code = DEPARTMENT_CODES[department_name]
        org_units.append(OrgRow(department_code, department_name, "department", COMPANY_CODE))
        staff.append(StaffRow(f"ld{department_code[2:]}", unique_name(), "leader", department_code, mobile_number(rng)))
        for district_name, manager_count in department_teams:
            team_code = TEAM_CODES[district_name]
            org_units.append(OrgRow(team_code, f"{district_name}市场部", "team", department_code))
            staff.append(StaffRow(f"mm{team_code[2:]}", unique_name(), "market_manager", team_code, mobile_number(rng)))
            manager_codes = []
            for _ in range(manager_count):
                manager_number += 1
                code = f"cm{manager_number:03d}"
                staff.append(StaffRow(code, unique_name(), "customer_manager", team_code, mobile_number(rng)))
                manager_codes.append(code)
            teams.append((team_code, names.DISTRICTS[district_name], manager_codes))
    return org_units, staff, teams


def split_evenly(total: int, weights: list[float]) -> list[int]:
    """Integers proportional to `weights` that add up to `total` (largest remainder)."""
    exact = [total * weight / sum(weights) for weight in weights]
    counts = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (-(exact[i] - counts[i]), i))
    for i in by_remainder[: total - sum(counts)]:
        counts[i] += 1
    return counts


class ShopNamer:
    """Shop names (客户名称) and addresses in the style of the district; names are kept unique."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.used: set[str] = set()

    def lucky(self) -> str:
        return self.rng.choice(names.LUCKY_WORDS) + self.rng.choice(names.LUCKY_WORDS)

    def name_and_address(self, district: names.District, rural: bool, format_code: str, owner: str) -> tuple[str, str]:
        rng = self.rng
        number = rng.randrange(1, 400)
        if rural and district.towns:
            town, village = rng.choice(district.towns), rng.choice(names.VILLAGES)
            address = f"南京市{district.full_name}{town}{village}村{number}号"
            place = town.removesuffix("街道").removesuffix("镇") + village + "村"
        else:
            street = rng.choice(district.streets)
            address = f"南京市{district.full_name}{street}{number}号"
            place = street
        for _ in range(10):
            name = self.shop_name(district, place, rural, format_code, owner)
            if name not in self.used:
                break
        else:
            name = f"{name}{number}号店"
        self.used.add(name)
        return name, address

    def shop_name(self, district: names.District, place: str, rural: bool, format_code: str, owner: str) -> str:
        rng = self.rng
        if format_code == "Z":
            roll = rng.random()
            if roll < 0.5:
                prefix = place if rural else f"{district.full_name}{place}"
                return prefix + rng.choice(names.GROCERY_SUFFIXES)
            if roll < 0.75:
                return f"{owner[0]}记{rng.choice(names.GROCERY_SUFFIXES)}"
            return self.lucky() + rng.choice(names.GROCERY_SUFFIXES)
        if format_code == "B":
            return f"{rng.choice(names.CONVENIENCE_CHAINS)}({place}店)"
        if format_code == "S":
            if rng.random() < 0.6:
                return f"{rng.choice(names.SUPERMARKET_CHAINS)}({place}店)"
            return f"{self.lucky()}超市"
        if format_code == "N":
            return f"{rng.choice(names.DEPARTMENT_STORES)}({district.name}{place}店)"
        if format_code == "Y":
            return self.lucky() + rng.choice(names.TOBACCO_SHOP_SUFFIXES)
        if format_code == "F":
            return self.lucky() + rng.choice(names.SERVICE_SUFFIXES)
        return place + rng.choice(names.OTHER_SUFFIXES)


def random_day(rng: random.Random, first: date, last: date) -> date:
    """A day in [first, last]."""
    return first + timedelta(days=rng.randrange((last - first).days + 1))


def build_customers(teams: list[tuple], total: int, start: date, end: date, rng: random.Random) -> list[DemoCustomer]:
    """The retail customers of every team, spread over its customer managers, in code order."""
    manager_slots = [(team_code, district, code) for team_code, district, codes in teams for code in codes]
    counts = split_evenly(total, [rng.uniform(0.85, 1.15) for _ in manager_slots])
    namer = ShopNamer(rng)
    # Exact numbers of customers that open, close or are suspended (at least one each), spread at random.
    lifecycle = ["active"] * total
    position = 0
    for kind, share in (("opening", OPENING_SHARE), ("closed", CLOSING_SHARE), ("suspended", SUSPENDED_SHARE)):
        count = max(1, round(total * share))
        lifecycle[position : position + count] = [kind] * count
        position += count
    rng.shuffle(lifecycle)
    customers: list[DemoCustomer] = []
    for manager_index, ((_, district, manager_code), count) in enumerate(zip(manager_slots, counts, strict=True)):
        route_number = manager_index % 9 + 1
        for index in range(count):
            seq = len(customers) + 1
            rural = rng.random() < district.rural_share
            format_code = rng.choices(
                [row[0] for row in FORMAT_MIX], [row[2] if rural else row[1] for row in FORMAT_MIX]
            )[0]
            owner = person_name(rng)
            shop_name, address = namer.name_and_address(district, rural, format_code, owner)
            # Order days are spread over Monday–Friday, with a few shops on Saturday.
            weekday = 6 if rng.random() < 0.03 else index % 5 + 1
            opened_on = random_day(rng, date(2000, 1, 1), start - timedelta(days=60))
            closed_on = suspended_from = None
            status = "active"
            if lifecycle[seq - 1] == "opening":
                opened_on = random_day(rng, start + timedelta(days=7), end - timedelta(days=21))
            elif lifecycle[seq - 1] == "closed":
                closed_on = random_day(rng, start + timedelta(days=28), end - timedelta(days=7))
                status = "closed"
            elif lifecycle[seq - 1] == "suspended":
                suspended_from = random_day(rng, end - timedelta(days=56), end - timedelta(days=7))
                status = "suspended"
            channel_roll = rng.random()
            online, phone = (0.65, 0.90) if rural else (0.85, 0.95)
            channel = "online" if channel_roll < online else "phone" if channel_roll < phone else "visit"
            credit = rng.choices("ABC", (88, 9, 3))[0]
            if status == "closed" and rng.random() < 0.3:
                credit = "W"
            modern = format_code in "BSN" or (format_code == "Y" and rng.random() < 0.4) or rng.random() < 0.08
            spread = district.spread * (1.3 if rural else 1.0)
            district_no = district.code
            customers.append(
                DemoCustomer(
                    seq=seq,
                    code=f"3201{district_no}{seq:06d}",
                    # A bijection of seq (7919 is prime to 10**6), so licence numbers are unique but look random.
                    license_no=f"3201{district_no}{seq * 7919 % 1_000_000:06d}",
                    name=shop_name,
                    owner_name=owner,
                    phone=mobile_number(rng)
                    if rng.random() < 0.7
                    else f"025-{rng.choice('58')}{rng.randrange(10**7):07d}",
                    address=address,
                    format=format_code,
                    market_type="X" if rural else "C",
                    manager_code=manager_code,
                    route=f"{district.name}{route_number}号线-周{WEEKDAY_NAMES[weekday - 1]}",
                    order_weekday=weekday,
                    order_channel=channel,
                    credit_class=credit,
                    terminal_type="modern" if modern else "traditional",
                    status=status,
                    opened_on=opened_on,
                    closed_on=closed_on,
                    suspended_from=suspended_from,
                    lng=district.lng + rng.gauss(0, spread),
                    lat=district.lat + rng.gauss(0, spread * 0.8),
                    volume=FORMAT_VOLUME[format_code] * (0.75 if rural else 1.0) * rng.lognormvariate(0, 0.55),
                )
            )
    return customers


def classify(customers: list[DemoCustomer], start: date, end: date, rng: random.Random) -> None:
    """Set 经营规模 (scale, by volume within the 业态), 档位 (grade, by a score; few at the top) and grade changes."""
    by_format: dict[str, list[DemoCustomer]] = {}
    for customer in customers:
        by_format.setdefault(customer.format, []).append(customer)
    for format_code in sorted(by_format):
        ranked = sorted(by_format[format_code], key=lambda c: (-c.volume, c.seq))
        for rank, customer in enumerate(ranked):
            customer.scale = "1" if rank < 0.15 * len(ranked) else "2" if rank < 0.5 * len(ranked) else "3"
    # 档位 by a score of volume and value (烟酒商店 buy dearer cartons), split by the fixed shares per grade.
    scores = {c.seq: math.log(c.volume) + rng.gauss(0, 0.25) + (0.3 if c.format == "Y" else 0.0) for c in customers}
    ranked = sorted(customers, key=lambda c: (scores[c.seq], c.seq))
    counts = split_evenly(len(ranked), list(GRADE_WEIGHTS))
    position = 0
    for grade, count in enumerate(counts, start=1):
        for customer in ranked[position : position + count]:
            customer.grade = customer.old_grade = grade
        position += count
    # Grades are re-evaluated at the start of a month; some customers move up or down a little.
    month_starts = []
    day = date(start.year, start.month, 1)
    while day <= end - timedelta(days=14):
        if day > start + timedelta(days=7):
            month_starts.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    for customer in customers:
        if not month_starts or customer.opened_on >= start or rng.random() >= GRADE_CHANGE_SHARE:
            continue
        old_grade = min(GRADES, max(1, customer.grade + rng.choice((-2, -1, 1, 2))))
        if old_grade != customer.grade:
            customer.old_grade = old_grade
            customer.grade_since = rng.choice(month_starts)


def limit_for_grade(limit_at_top_grade: int, grade: int) -> int:
    """The usual weekly limit (条) of a tight spec for a 档位: one carton at the bottom, rising to the top grade's."""
    share = 0.08 + 0.92 * ((grade - 1) / (GRADES - 1)) ** 1.2
    return max(1, round(limit_at_top_grade * share))


def price_class_tilt(price_class: int, affinity: float, rural: bool) -> float:
    """How much more than average a customer buys of a 价类: high grades buy dearer specs, villages cheaper ones."""
    tilt = {
        1: 0.25 + 2.6 * affinity,
        2: 0.6 + 1.3 * affinity,
        3: 1.0,
        4: 1.5 - 1.0 * affinity,
        5: 1.8 - 1.5 * affinity,
    }[price_class]
    if rural:
        tilt *= {1: 0.5, 2: 0.75, 3: 1.0, 4: 1.4, 5: 1.8}[price_class]
    return tilt


def build_baskets(customers: list[DemoCustomer], specs: list[CatalogueSpec], launch_on: date, end: date, rng) -> None:
    """Give every customer the specs it usually orders, how often and how much, and when it takes up the launch."""
    regular = [index for index, spec in enumerate(specs) if not spec.is_launch]
    class_weight = {pc: sum(specs[i].weight for i in regular if specs[i].price_class == pc) for pc in range(1, 6)}
    base_weight = {
        i: specs[i].weight * PRICE_CLASS_VOLUME_SHARE[specs[i].price_class] / class_weight[specs[i].price_class]
        for i in regular
    }
    cumulative: dict[tuple[int, bool], list[float]] = {}
    has_launch = any(spec.is_launch for spec in specs)
    for customer in customers:
        rural = customer.market_type == "X"
        affinity = (customer.grade - 1) / (GRADES - 1)
        key = (customer.grade, rural)
        if key not in cumulative:
            total, running = 0.0, []
            for i in regular:
                total += base_weight[i] * price_class_tilt(specs[i].price_class, affinity, rural)
                running.append(total)
            cumulative[key] = running
        size = 18 + 0.6 * customer.grade + {"1": 7, "2": 3, "3": 0}[customer.scale] + rng.gauss(0, 2)
        size = int(min(len(regular), max(3, round(size))))
        chosen: list[int] = []
        for _ in range(size * 4):
            index = rng.choices(regular, cum_weights=cumulative[key])[0]
            if index not in chosen:
                chosen.append(index)
                if len(chosen) == size:
                    break
        shares = [rng.lognormvariate(0, 0.6) for _ in chosen]
        total_share = sum(shares)
        basket = []
        for index, share in zip(chosen, shares, strict=True):
            probability = rng.uniform(0.5, 0.95)
            mean = customer.volume * share / total_share / probability
            limit = specs[index].limit_at_top_grade
            if limit:
                # Tight specs: retailers ask for more than they are allowed, so demand often exceeds the limit.
                mean = max(mean, 1.3 * limit_for_grade(limit, customer.grade))
            basket.append(basket_item(index, probability, mean))
        customer.basket = basket
        if has_launch and rng.random() < LAUNCH_ADOPTION + 0.35 * affinity:
            days = rng.expovariate(1 / (LAUNCH_ADOPTION_DAYS * (1.2 - 0.6 * affinity)))
            adopted_on = max(launch_on, customer.opened_on) + timedelta(days=int(days))
            if adopted_on <= end:
                customer.launch_adopted_on = adopted_on


def basket_item(index: int, probability: float, mean: float) -> tuple[int, float, float]:
    """A basket entry; a mean demand under one carton becomes one carton ordered less often (same volume)."""
    if mean < 1.0:
        return index, probability * mean, 1.0
    return index, probability, mean


def expected_volume_by_price_class(customers: list[DemoCustomer], specs: list[CatalogueSpec]) -> dict[int, float]:
    """Expected weekly volume (条 supplied) of each 价类 over all baskets, with limits at the usual level."""
    volume = dict.fromkeys(range(1, 6), 0.0)
    for customer in customers:
        for index, probability, mean in customer.basket:
            limit = specs[index].limit_at_top_grade
            supplied = min(mean, limit_for_grade(limit, customer.grade)) if limit else mean
            volume[specs[index].price_class] += probability * supplied
    return volume


def calibrate_price_classes(customers: list[DemoCustomer], specs: list[CatalogueSpec], rounds: int = 3) -> None:
    """Scale the baskets so that the 价类 volume mix is the one of docs/definitions.md#demo-city.

    Buying fewer of a class means smaller quantities, or ordering it less often for tight specs (whose demand
    must stay above the limit) and for lines already at one carton.
    """
    for _ in range(rounds):
        volume = expected_volume_by_price_class(customers, specs)
        total = sum(volume.values())
        ratio = {pc: PRICE_CLASS_VOLUME_SHARE[pc] * total / volume[pc] if volume[pc] else 1.0 for pc in volume}
        for customer in customers:
            basket = []
            for index, probability, mean in customer.basket:
                factor = ratio[specs[index].price_class]
                if specs[index].limit_at_top_grade and factor < 1.0:
                    basket.append((index, probability * factor, mean))
                else:
                    basket.append(basket_item(index, probability, mean * factor))
            customer.basket = basket


def build_city(preset: Preset, specs: list[CatalogueSpec], seed: int, end: date) -> City:
    """The whole city for `preset`, its orders running `preset.weeks` weeks up to `end`."""
    rng = random.Random(f"workbench-demo-{seed}")
    last_monday = end - timedelta(days=end.weekday())
    start = last_monday - timedelta(weeks=preset.weeks - 1)
    launch_on = start + timedelta(weeks=6)
    org_units, staff, teams = build_organisation(preset, rng)
    customers = build_customers(teams, preset.customers, start, end, rng)
    classify(customers, start, end, rng)
    build_baskets(customers, specs, launch_on, end, rng)
    calibrate_price_classes(customers, specs)
    return City(start, end, launch_on, org_units, staff, customers, specs)
