"""The DuckDB reference of the reports benchmark: the copy, the hand-written SQL, and its agreement with every report.

The agreement tests run each report for every persona's own scope, over whole months, odd days and periods that mix
partial and whole months, with and without spec sets, customer sets and grouping options, on the hand-built
territory plus lines that stress the summaries (cents in prices, the 31st of a month, a customer opening
mid-month) — and compare every number with the reference. CI installs the `bench` extra, so these run there.
"""

import itertools
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from workbench import testing
from workbench.accounts.models import Role, Staff
from workbench.analysis.tests.conftest import TODAY
from workbench.analysis.tests.data import add_line
from workbench.customers.models import CustomerSet
from workbench.devtools.bench.compare import disagreements
from workbench.devtools.bench.duckdb_copy import open_copy
from workbench.devtools.bench.duckdb_reference import REFERENCES, reference_query, run_reference
from workbench.orders.models import OrderLine
from workbench.orders.summaries import rebuild_all_summaries
from workbench.reporting.params import OPTIONAL, REQUIRED, parse_params
from workbench.reporting.registry import reports_of
from workbench.visits.models import MarketOpportunity

# The 分析 step's nine, which the DuckDB reference covers: the 实施 step's sample-point reports
# (workbench/implementation) read the visits' observations, which the copy does not hold; `bench reports
# --reports …` times them without a reference.
REPORTS = {report.name: report for report in reports_of("analysis")}

duckdb = pytest.importorskip(
    "duckdb", reason='DuckDB is not installed: pip install -e ".[dev,bench]" (CI installs the bench extra)'
)

JANUARY = (date(2026, 1, 1), date(2026, 1, 31))
PERIODS = [
    JANUARY,
    (date(2026, 1, 10), date(2026, 1, 19)),  # odd days: the days before, not months
    (date(2025, 12, 9), date(2026, 2, 10)),  # partial, whole, partial
    (date(2025, 10, 1), date(2026, 2, 28)),  # five whole months
    (date(2026, 2, 1), date(2026, 2, 28)),  # C008 opens on the 10th
]
# (order date, customer, spec, demand, limit, order, price or None for the spec's)
MORE_LINES = [
    (date(2026, 1, 31), "C002", "6902", 3, 2, 2, Decimal("33.33")),  # cents, the 31st, under a limit
    (date(2026, 2, 3), "C001", "6901", 2, None, 2, None),
    (date(2026, 2, 12), "C008", "6903", 4, 4, 3, Decimal("12.34")),
    (date(2026, 2, 28), "C003", "6902", 1, None, 1, None),
    (date(2026, 1, 20), "C003", "6903", 2, None, 0, None),  # CM2's stock-out
    (date(2025, 2, 10), "C002", "6903", 5, None, 5, None),  # last year's February
]


@pytest.fixture
def city(org, territory, customer_manager, colleague, market_manager, leader, admin_staff, outsider):
    """The territory of tests/data.py, more lines, market opportunities, and the personas with their own scopes."""
    customers, specs = territory["customers"], territory["specs"]
    territory["brand_set"].shared_with = org["company"]  # so that every persona may use it
    territory["brand_set"].save()
    for day, customer, spec, demand, limit, order, price in MORE_LINES:
        add_line(customers[customer], specs[spec], day, demand, order, limit, price=price)
    rebuild_all_summaries()
    opportunities: list[tuple[Staff, str | None, str, str, int | None, date]] = [
        (customer_manager, "C001", "new_shop", "pending", 10, date(2026, 1, 5)),
        (customer_manager, "C002", "new_shop", "pending", 5, date(2026, 1, 20)),
        (customer_manager, None, "event", "converted", None, date(2026, 1, 10)),
        (customer_manager, "C001", "event", "pending", 3, date(2025, 12, 31)),
        (colleague, "C003", "new_shop", "pending", 7, date(2026, 1, 15)),
        (colleague, "C001", "holiday_peak", "following", 4, date(2026, 2, 2)),  # about CM1's customer
        (market_manager, None, "demolition", "dropped", 0, date(2026, 2, 20)),
        (outsider, "C004", "event", "pending", 2, date(2026, 1, 3)),
    ]
    for staff, about, type_, status, estimated_qty, found_on in opportunities:
        MarketOpportunity.objects.create(
            staff=staff,
            customer=customers[about] if about else None,
            type=type_,
            status=status,
            estimated_qty=estimated_qty,
            found_on=found_on,
            description="…",
        )
    # A brand manager of the department: his scope is everything below D1 (the department_code column).
    brand_manager = testing.make_staff("BM1", Role.BRAND_MANAGER, org["department"])
    return {
        **territory,
        "personas": [customer_manager, colleague, market_manager, brand_manager, leader, admin_staff],
    }


@pytest.fixture
def copy(tmp_path):
    """Open the DuckDB copy of the test database (after the data fixtures), closed at the end."""
    connections = []

    def open_(**options):
        con, report = open_copy(tmp_path / "copy.duckdb", **options)
        connections.append(con)
        return con, report

    yield open_
    for con in connections:
        con.close()


def cases(name: str, city: dict):
    """Every parameter set the agreement test tries for one report, as (persona, data)."""
    report = REPORTS[name]
    spec_choices_by_need: dict[str | None, list[str | None]] = {
        REQUIRED: ["6901,6902,6903", "6903", "brand_set"],
        OPTIONAL: [None, "6901,6902"],
        None: [None],
    }
    spec_choices = spec_choices_by_need[report.specs]
    set_choices = {REQUIRED: [True], OPTIONAL: [False, True], None: [False]}[report.customer_set]
    # Without a breakdown: the reference computes the undivided rows, which a breakdown's totals are tested against
    # (analysis/tests/test_breakdowns.py).
    options = {name: list(option.choices) for name, option in report.options.items() if name != "breakdown"}
    for index, (persona, period, specs, with_set) in enumerate(
        itertools.product(city["personas"], PERIODS, spec_choices, set_choices)
    ):
        data = {"from": period[0].isoformat(), "to": period[1].isoformat()}
        if specs == "brand_set":
            data["brand_set"] = str(city["brand_set"].pk)
        elif specs:
            data["specs"] = specs
        if with_set:
            # The persona's own set (another's private set is out of reach): C004 is outside most scopes.
            customer_set = CustomerSet.objects.create(owner=persona, name=f"set {index}")
            customer_set.members.set([city["customers"][code] for code in ("C001", "C005", "C003", "C004")])
            data["customer_set"] = str(customer_set.pk)
        for option_name, values in options.items():
            data[option_name] = values[index % len(values)]  # every grouping, in turn
        yield persona, data


@pytest.mark.parametrize("name", list(REPORTS))
def test_the_duckdb_reference_agrees_with_the_report(city, copy, name):
    # given: the city copied into DuckDB
    con, _report = copy()
    problems: list[str] = []
    compared = 0

    # when: every persona, period, spec set, customer set and option
    for persona, data in cases(name, city):
        params = parse_params(persona.user, REPORTS[name], data, today=TODAY)
        ours = REPORTS[name].run(params)
        theirs = run_reference(con, reference_query(name, params))
        problems.extend(f"{persona.code} {data}: {problem}" for problem in disagreements(ours, theirs))
        compared += len(ours.rows)

    # then
    assert problems == []
    assert compared > 0


def test_the_reference_covers_every_report():
    assert list(REFERENCES) == list(REPORTS)


def test_the_reference_computes_the_numbers_worked_out_by_hand(territory, customer_manager, copy):
    # given: the territory alone (the answers of test_queries.py)
    con, _report = copy()
    params = parse_params(
        customer_manager.user,
        REPORTS["distribution-rate"],
        {"from": "2026-01-01", "to": "2026-01-31", "brand_set": str(territory["brand_set"].pk)},
        today=TODAY,
    )

    # when
    answer = run_reference(con, reference_query("distribution-rate", params))
    frequency = run_reference(con, reference_query("order-frequency", params))

    # then: S1 by C001, C005, C006; S2 by C001, C005; 4 customers in business
    assert answer.rows == [
        {
            "spec_code": "6901",
            "spec_name": "七匹狼(软通泰)",
            "customers_in_scope": 4,
            "customers_ordering": 3,
            "distribution_rate": 0.75,
        },
        {
            "spec_code": "6902",
            "spec_name": "七匹狼(红)",
            "customers_in_scope": 4,
            "customers_ordering": 2,
            "distribution_rate": 0.5,
        },
    ]
    assert answer.total == {"customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75}
    assert [(row["customer_code"], row["order_count"]) for row in frequency.rows] == [
        ("C001", 2),
        ("C002", 0),
        ("C005", 1),
        ("C006", 1),
    ]
    assert frequency.total == {"customers": 4, "order_count": 4, "qty": 14, "histogram": {0: 1, 1: 2, 2: 1}}


def test_the_check_finds_a_number_that_differs(territory, customer_manager, copy):
    # given: the copy of C001's 12 January line says 3 cartons instead of 2
    con, _report = copy()
    con.execute(
        "UPDATE order_line SET order_qty = 3 WHERE order_date = DATE '2026-01-12'"
        " AND customer_id = (SELECT id FROM customer WHERE code = 'C001')"
    )
    params = parse_params(
        customer_manager.user, REPORTS["supply-demand"], {"from": "2026-01-01", "to": "2026-01-31"}, today=TODAY
    )

    # when
    problems = disagreements(
        REPORTS["supply-demand"].run(params), run_reference(con, reference_query("supply-demand", params))
    )

    # then: C001 ordered 10 of a demand of 14, 7 of them under limits of 7; CM1's January 22 of 30 (15 of 17);
    # the line stays short (3 < 4)
    assert problems == [
        "row 1 (customer_code C001): limited_order_qty ours 7, DuckDB 8",
        "row 1 (customer_code C001): order_qty ours 10, DuckDB 11",
        "row 1 (customer_code C001): fill_rate ours 0.714285714286, DuckDB 0.785714285714",
        "row 1 (customer_code C001): limit_fill_rate ours 1, DuckDB 1.14285714286",
        "total: limited_order_qty ours 15, DuckDB 16",
        "total: order_qty ours 22, DuckDB 23",
        "total: fill_rate ours 0.733333333333, DuckDB 0.766666666667",
        "total: limit_fill_rate ours 0.882352941176, DuckDB 0.941176470588",
    ]


# --- the copy ---------------------------------------------------------------------------------------------------


def test_the_copy_holds_the_raw_lines_and_the_scope_columns(territory, copy):
    # given: chunks of 200 bytes, so that the 18 lines travel in several files
    # when
    con, report = copy(chunk_bytes=200)

    # then
    assert (report.lines, report.lines_reused) == (18, False)
    assert con.execute("SELECT count(*), sum(order_qty), sum(amount), count(limit_qty) FROM order_line").fetchone() == (
        18,
        45,
        Decimal("4690.00"),
        3,
    )
    scope_columns = "SELECT code, manager_code, team_code, department_code, company_code FROM customer"
    assert con.execute(f"{scope_columns} WHERE code IN ('C001', 'C004') ORDER BY code").fetchall() == [
        ("C001", "CM1", "T1", "D1", "NJ"),
        ("C004", "CM3", "T2", "D1", "NJ"),
    ]


def test_a_second_run_reuses_the_lines_until_they_change(territory, copy):
    # given: a first copy
    first, report = copy()
    first.close()

    # when: again, unchanged; then after a new line; then asked to reload
    second, again = copy()
    second.close()
    add_line(territory["customers"]["C001"], territory["specs"]["6903"], date(2026, 1, 28), 1, 1)
    third, changed = copy()
    third.close()
    _fourth, reloaded = copy(reload=True)

    # then
    assert (report.lines_reused, again.lines_reused, changed.lines_reused, reloaded.lines_reused) == (
        False,
        True,
        False,
        False,
    )
    assert changed.lines == OrderLine.objects.count() == 19


# --- the command with --duckdb ----------------------------------------------------------------------------------


def test_bench_with_duckdb_times_and_checks_every_case(city, tmp_path):
    # given / when
    out = StringIO()
    call_command("bench", "reports", "--duckdb", "--runs", "1", "--duckdb-path", str(tmp_path / "b.duckdb"), stdout=out)

    # then: 9 reports × 3 scopes (CM1, MM1, the city) × 2 periods, every one agreeing
    lines = out.getvalue().splitlines()
    (copied,) = [line for line in lines if line.startswith("duckdb: ")]
    assert copied.startswith(f"duckdb: {tmp_path / 'b.duckdb'}: 24 order lines loaded in ")
    cases = [line for line in lines if line.split(" ")[0] in REPORTS]
    assert len(cases) == 54
    assert all(line.endswith("  yes") for line in cases)


def test_bench_reports_disagreements_and_fails(city, tmp_path):
    # given: a copy whose lines were tampered with after it was made (the next run reuses them)
    path = tmp_path / "b.duckdb"
    call_command("bench", "reports", "--duckdb", "--runs", "1", "--duckdb-path", str(path), stdout=StringIO())
    con = duckdb.connect(str(path))
    con.execute("UPDATE order_line SET amount = amount + 1 WHERE order_date = DATE '2026-02-03'")
    con.close()
    out = StringIO()

    # when
    with pytest.raises(CommandError) as error:
        call_command(
            "bench",
            "reports",
            "--duckdb",
            "--runs",
            "1",
            "--duckdb-path",
            str(path),
            "--scopes",
            "cm",
            "--periods",
            "1",
            "--reports",
            "customer-set-sales",
            stdout=out,
        )

    # then: February (the last month with orders); C001's line of 3 February costs 1 元 more in the copy
    assert str(error.value).startswith("Our numbers and DuckDB's disagree in 1 cases (listed above).")
    lines = out.getvalue().splitlines()
    (copied,) = [line for line in lines if line.startswith("duckdb: ")]
    assert ": 24 order lines reused;" in copied
    (case,) = [line for line in lines if line.startswith("customer-set-sales")]
    assert case.startswith("customer-set-sales      customer manager CM1      1 month         6")
    assert case.endswith("  NO (4)")
    lines = [line for line in lines if line.startswith("    ! ")]
    assert lines[0:2] == [
        "    ! row 1 (customer_code C001): amount ours 200.00, DuckDB 201.00",
        "    ! row 1 (customer_code C001): value_per_carton ours 100.00, DuckDB 100.5",
    ]
    # CM1's February: C001 200 元, C008 37.02 元 (SQLite's sums may carry more zeros: 237.0200000000000).
    assert lines[2].startswith("    ! total: amount ours 237.02")
    assert lines[2].endswith(", DuckDB 238.02")
    assert lines[3].startswith("    ! total: value_per_carton ours 47.40, DuckDB 47.604")
    assert len(lines) == 4
