"""The demo city files: deterministic, consistent with the data contract and with the story they tell."""

import csv
import hashlib
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

import pytest

from workbench.demo.catalogue import LAUNCH_SPEC, catalogue, select_specs
from workbench.demo.generator import FILE_NAMES, generate
from workbench.demo.orders import write_order_lines
from workbench.demo.population import City, DemoCustomer, limit_for_grade

END = date(2025, 3, 31)  # the tiny city then runs 2024-12-30 … 2025-03-31, over the 2025 Spring Festival (Jan 29)
FESTIVAL = date(2025, 1, 29)


def read(directory, kind):
    with (directory / FILE_NAMES[kind]).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def file_hashes(directory):
    return {name: hashlib.sha256((directory / name).read_bytes()).hexdigest() for name in FILE_NAMES.values()}


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """The tiny city with seed 135, generated once for the module; (result, directory, files by kind)."""
    directory = tmp_path_factory.mktemp("tiny")
    result = generate(preset="tiny", seed=135, end=END, directory=directory)
    return result, directory, {kind: read(directory, kind) for kind in FILE_NAMES}


def test_same_seed_and_end_give_byte_identical_files(tiny, tmp_path):
    # given the tiny city generated with seed 135
    _, directory, _ = tiny

    # when it is generated again with the same seed and end date
    generate(preset="tiny", seed=135, end=END, directory=tmp_path)

    # then every file is byte-identical
    assert file_hashes(tmp_path) == file_hashes(directory)


def test_another_seed_gives_another_city(tiny, tmp_path):
    # given the tiny city generated with seed 135
    _, directory, _ = tiny

    # when it is generated with seed 136
    generate(preset="tiny", seed=136, end=END, directory=tmp_path)

    # then the customers and the orders differ (the catalogue is the same)
    first, second = file_hashes(directory), file_hashes(tmp_path)
    assert first["customers.csv"] != second["customers.csv"]
    assert first["order_lines.csv"] != second["order_lines.csv"]
    assert first["specs.csv"] == second["specs.csv"]


def test_tiny_preset_counts(tiny):
    # given the tiny city
    result, _, files = tiny

    # then it has the numbers the preset defines
    assert (result.start, result.end, result.launch_on) == (date(2024, 12, 30), END, date(2025, 2, 10))
    assert [row["org_code"] for row in files["org"]] == ["NJ", "NJ01", "NJ0101", "NJ02", "NJ0203"]
    assert [row["kind"] for row in files["org"]] == ["company", "department", "team", "department", "team"]
    roles: defaultdict[str, int] = defaultdict(int)
    for row in files["staff"]:
        roles[row["role"]] += 1
    assert dict(roles) == {"admin": 1, "leader": 3, "brand_manager": 2, "market_manager": 2, "customer_manager": 6}
    assert len(files["customers"]) == result.customers == 120
    assert len(files["specs"]) == result.specs == 40
    assert len(files["orders"]) == result.order_stats.lines
    statuses: defaultdict[str, int] = defaultdict(int)
    for row in files["customers"]:
        statuses[row["status"]] += 1
    assert dict(statuses) == {"active": 114, "closed": 4, "suspended": 2}
    assert sum(row["opened_on"] >= "2024-12-30" for row in files["customers"]) == 5


def test_files_use_the_contract_headers(tiny):
    # given the tiny city's files
    _, directory, _ = tiny

    # then each starts with the English keys of the data contract
    headers = {name: (directory / name).read_text(encoding="utf-8").split("\n", 1)[0] for name in FILE_NAMES.values()}
    assert headers["org.csv"] == "org_code,name,kind,parent_code"
    assert headers["staff.csv"] == "staff_code,name,role,org_code,mobile,active"
    assert headers["order_lines.csv"] == (
        "order_no,order_date,customer_code,spec_code,demand_qty,limit_qty,order_qty,price,amount"
    )
    assert headers["customers.csv"].startswith("customer_code,license_no,name,owner_name,phone,address,format,")
    assert headers["specs.csv"].startswith("spec_code,name,brand,manufacturer,in_province,blend,stick,tar_mg,")


def test_every_customer_is_served_by_a_customer_manager_of_his_district(tiny):
    # given the tiny city
    _, _, files = tiny
    staff = {row["staff_code"]: row for row in files["staff"]}

    # then every customer's manager is a customer manager, and the address lies in the team's district
    district_of_team = {"NJ0101": "玄武区", "NJ0203": "江宁区"}
    for customer in files["customers"]:
        manager = staff[customer["manager_code"]]
        assert manager["role"] == "customer_manager"
        assert customer["address"].startswith("南京市" + district_of_team[manager["org_code"]])
    # and only the 江宁 team has village (乡村) customers
    rural_teams = {staff[c["manager_code"]]["org_code"] for c in files["customers"] if c["market_type"] == "X"}
    assert rural_teams == {"NJ0203"}


def test_customer_codes_and_licences_are_unique(tiny):
    # given the tiny city
    _, _, files = tiny

    # then codes and licence numbers (3201…) are unique
    codes = [row["customer_code"] for row in files["customers"]]
    licences = [row["license_no"] for row in files["customers"]]
    assert len(set(codes)) == len(codes) == 120
    assert len(set(licences)) == 120
    assert all(licence.startswith("3201") and len(licence) == 12 for licence in licences)


def test_customers_order_once_a_week_on_their_order_day_while_open(tiny):
    # given the tiny city
    _, _, files = tiny
    customers = {row["customer_code"]: row for row in files["customers"]}

    # when the lines are grouped into orders
    orders: dict[str, tuple[str, str]] = {}
    for line in files["orders"]:
        key = (line["order_date"], line["customer_code"])
        assert orders.setdefault(line["order_no"], key) == key

    # then an order number is one customer on one day, on its order weekday, while it is open
    week_of_order: defaultdict[str, set[date]] = defaultdict(set)
    for order_no, (day, code) in orders.items():
        customer = customers[code]
        order_day = date.fromisoformat(day)
        assert order_no == day.replace("-", "") + f"{list(customers).index(code) + 1:05d}"
        assert order_day.isoweekday() == int(customer["order_weekday"])
        assert customer["opened_on"] <= day <= END.isoformat()
        if customer["closed_on"]:
            assert day < customer["closed_on"]
        week = order_day - timedelta(days=order_day.weekday())
        assert week not in week_of_order[code]
        week_of_order[code].add(week)


def test_closed_and_suspended_customers_stop_ordering(tiny):
    # given the closed and suspended customers of the tiny city
    _, _, files = tiny
    closed = {row["customer_code"]: row["closed_on"] for row in files["customers"] if row["status"] == "closed"}
    suspended = {row["customer_code"] for row in files["customers"] if row["status"] == "suspended"}
    last_day: defaultdict[str, str] = defaultdict(str)
    for line in files["orders"]:
        last_day[line["customer_code"]] = max(last_day[line["customer_code"]], line["order_date"])

    # then closed customers have no lines after closing (they did order before), and the suspended ones stopped
    # ordering at least a week before the end
    assert len(closed) == 4
    for code, closed_on in closed.items():
        assert "" < last_day[code] < closed_on
    assert len(suspended) == 2
    for code in suspended:
        assert last_day[code] < (END - timedelta(days=7)).isoformat()


def test_launch_spec_is_not_ordered_before_its_launch_and_spreads_month_by_month(tiny):
    # given the tiny city and its new launch
    result, _, files = tiny
    spec = next(row for row in files["specs"] if row["name"] == LAUNCH_SPEC)
    assert spec["launched_on"] == "2025-02-10"

    # when the share of customers in business that ordered it (铺货率) is computed per month
    ordering = defaultdict(set)
    for line in files["orders"]:
        if line["spec_code"] == spec["spec_code"] and int(line["order_qty"]) > 0:
            assert line["order_date"] >= spec["launched_on"]
            ordering[line["order_date"][:7]].add(line["customer_code"])

    def in_business(month_start, month_end):
        return sum(
            1
            for c in files["customers"]
            if c["opened_on"] <= month_end and (not c["closed_on"] or c["closed_on"] >= month_start)
        )

    february = len(ordering["2025-02"]) / in_business("2025-02-01", "2025-02-28")
    march = len(ordering["2025-03"]) / in_business("2025-03-01", "2025-03-31")

    # then it grows from the launch month to the next
    assert sorted(ordering) == ["2025-02", "2025-03"]
    assert 0.05 < february < march
    assert march > 0.3


def test_tight_specs_carry_limits_and_orders_never_exceed_them(tiny):
    # given the tiny city
    _, _, files = tiny
    tight = {spec.code for spec in select_specs(40) if spec.limit_at_top_grade}
    names = {row["spec_code"]: row["name"] for row in files["specs"]}
    assert {names[code] for code in tight} >= {"中华(软)", "中华(硬)", "苏烟(五星红杉树)"}

    # then lines of tight specs always carry a limit and order_qty = min(demand, limit); other lines never do
    over_limit = stockouts = 0
    for line in files["orders"]:
        demand, ordered = int(line["demand_qty"]), int(line["order_qty"])
        if line["spec_code"] in tight:
            limit = int(line["limit_qty"])
            assert ordered == min(demand, limit)
            over_limit += demand > limit
        else:
            assert line["limit_qty"] == ""
            assert ordered in (0, demand)
        stockouts += demand > 0 and ordered == 0
    # and demand often exceeds the limit, and a few lines were not supplied at all (断货)
    assert over_limit > 100
    assert stockouts > 10


def test_prices_are_wholesale_and_amounts_are_quantity_times_price(tiny):
    # given the tiny city
    _, _, files = tiny
    wholesale = {row["spec_code"]: row["wholesale_price"] for row in files["specs"]}

    # then each line is priced at the spec's wholesale price and amount = order_qty × price
    for line in files["orders"]:
        assert line["price"] == wholesale[line["spec_code"]]
        assert Decimal(line["amount"]) == int(line["order_qty"]) * Decimal(line["price"])


def test_spring_festival_peak_and_dip(tiny):
    # given the tiny city's lines around the Spring Festival of 2025 (January 29)
    _, _, files = tiny
    before = after = 0
    for line in files["orders"]:
        day = date.fromisoformat(line["order_date"])
        if FESTIVAL - timedelta(days=14) <= day < FESTIVAL:
            before += int(line["order_qty"])
        elif FESTIVAL <= day < FESTIVAL + timedelta(days=14):
            after += int(line["order_qty"])

    # then the two weeks before it sell more than twice the two weeks after it
    assert before > 2 * after


def test_high_grades_buy_dearer_cartons(tiny):
    # given the tiny city
    _, _, files = tiny
    grade = {row["customer_code"]: int(row["grade"]) for row in files["customers"]}
    amount: defaultdict[str, Decimal] = defaultdict(Decimal)
    quantity: defaultdict[str, int] = defaultdict(int)
    for line in files["orders"]:
        band = "high" if grade[line["customer_code"]] >= 15 else "low"
        amount[band] += Decimal(line["amount"])
        quantity[band] += int(line["order_qty"])

    # then the value per carton (单条值) of grades 15–30 is above the one of grades 1–14
    assert amount["high"] / quantity["high"] > amount["low"] / quantity["low"]
    # and most customers are in the low grades
    assert sum(1 for g in grade.values() if g <= 10) > 2 * sum(1 for g in grade.values() if g > 10)


def test_limits_follow_the_grade_in_force_on_the_order_day(tmp_path):
    # given one customer whose grade rose from 1 to 30 on 2025-06-02, ordering one tight spec every Monday
    spec = next(spec for spec in catalogue() if spec.name == "中华(硬)")
    customer = DemoCustomer(
        seq=1, code="C1", license_no="L1", name="店", owner_name="王", phone="", address="", format="Z",
        market_type="C", manager_code="cm001", route="", order_weekday=1, order_channel="online",
        credit_class="A", terminal_type="traditional", status="active", opened_on=date(2020, 1, 1),
        closed_on=None, suspended_from=None, lng=118.8, lat=32.0, volume=50, scale="1", grade=30,
        old_grade=1, grade_since=date(2025, 6, 2), basket=[(0, 1.0, 40.0)],
    )  # fmt: skip
    city = City(date(2025, 4, 7), date(2025, 8, 31), date(2025, 5, 19), [], [], [customer], [spec])

    # when its orders are written
    path = tmp_path / "order_lines.csv"
    write_order_lines(city, path, seed=1)
    with path.open(encoding="utf-8") as handle:
        lines = list(csv.DictReader(handle))

    # then the limits before the change are those of grade 1 (one carton, give or take the week's supply),
    # and after it those of grade 30
    before = [int(line["limit_qty"]) for line in lines if line["order_date"] < "2025-06-02"]
    after = [int(line["limit_qty"]) for line in lines if line["order_date"] >= "2025-06-02"]
    assert len(before) == 8
    assert len(after) == 13
    assert limit_for_grade(spec.limit_at_top_grade, 1) == 1
    assert max(before) <= 2
    assert min(after) >= limit_for_grade(spec.limit_at_top_grade, 30) // 2
