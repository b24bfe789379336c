"""`workbench bench reports` without DuckDB: its options, its table, and what it says when DuckDB is missing.

The DuckDB reference itself is tested in test_bench_duckdb.py; the helpers (timing, comparison, CSV) here.
"""

import sys
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from workbench.devtools.bench.compare import disagreements, same_value
from workbench.devtools.bench.duckdb_copy import ChunkedFiles, csv_line
from workbench.devtools.bench.duckdb_reference import ReferenceResult
from workbench.devtools.bench.timing import Timing, percentile, time_runs
from workbench.reporting.results import ReportResult


def bench(*arguments) -> list[str]:
    out = StringIO()
    call_command("bench", "reports", *arguments, stdout=out)
    return out.getvalue().splitlines()


# --- timing -----------------------------------------------------------------------------------------------------


def test_percentile_is_the_nearest_rank():
    # given: twenty durations 1 … 20
    values = [float(value) for value in range(20, 0, -1)]

    # when / then: p95 of 20 is the 19th; of 5 values it is the slowest
    assert percentile(values, 0.95) == 19.0
    assert percentile([3.0, 1.0, 2.0, 5.0, 4.0], 0.95) == 5.0
    assert Timing((1.0, 2.0, 3.0, 4.0, 100.0)).median == 3.0
    assert Timing((1.0, 2.0, 3.0, 4.0, 100.0)).p95 == 100.0


def test_time_runs_warms_up_once_and_returns_the_warm_up_result():
    # given
    calls: list[int] = []

    def function():
        calls.append(len(calls))
        return len(calls)

    # when
    result, timing = time_runs(function, 3)

    # then: one warm-up (its result) and three runs on the clock
    assert result == 1
    assert len(calls) == 4
    assert len(timing.samples) == 3


# --- comparison -------------------------------------------------------------------------------------------------


def test_values_agree_exactly_rates_within_1e_9_and_value_per_carton_within_half_a_cent():
    assert same_value("qty", 5, Decimal("5"))
    assert not same_value("qty", 5, 6)
    assert same_value("amount", Decimal("2290.00"), Decimal("2290"))
    assert not same_value("amount", Decimal("2290.00"), Decimal("2290.01"))
    assert same_value("fill_rate", 1 / 3, 0.3333333333333333)
    assert not same_value("fill_rate", 0.5, 0.5 + 1e-6)
    assert same_value("fill_rate", None, None)
    assert not same_value("fill_rate", None, 0.0)
    # 2290 / 22 = 104.0909…: the report's 104.09 agrees, 104.10 does not.
    assert same_value("value_per_carton", Decimal("104.09"), 2290 / 22)
    assert not same_value("value_per_carton", Decimal("104.10"), 2290 / 22)
    assert same_value("histogram", {0: 1, 1: 2}, {0: 1, 1: 2})
    assert not same_value("histogram", {0: 1, 1: 2}, {0: 1, 1: 2, 2: 0})


def test_disagreements_name_the_row_the_key_and_both_values():
    # given: our rows and a reference that differs in one number and lacks a row
    ours = ReportResult(
        "supply-demand",
        None,  # type: ignore[arg-type]  # the comparison never reads the parameters
        [],
        [{"customer_code": "C001", "order_qty": 10}, {"customer_code": "C002", "order_qty": 8}],
        {"order_qty": 18},
    )
    theirs = ReferenceResult([{"customer_code": "C001", "order_qty": 11}], {"order_qty": 18})

    # when
    problems = disagreements(ours, theirs)

    # then
    assert problems == [
        "rows: ours 2, DuckDB 1",
        "row 2 (customer_code C002): only in ours",
        "row 1 (customer_code C001): order_qty ours 10, DuckDB 11",
    ]


def test_csv_lines_read_back_like_postgresql_copy():
    # given / when
    line = csv_line([None, "", 'say "hi", then', Decimal("1.50"), date(2026, 1, 2), 3, 99.99])

    # then: NULL empty and unquoted, text quoted (so an empty text is ""), numbers and dates plain
    assert line == ',"","say ""hi"", then",1.50,2026-01-02,3,99.99\n'


def test_chunked_files_are_cut_after_a_whole_row(tmp_path):
    # given: files of about 10 bytes, and a block that ends in the middle of a row
    handed = []

    # when
    with ChunkedFiles(tmp_path, "lines", 10, lambda path: handed.append(path.read_bytes())) as files:
        files.write(b"1,a\n22,b\n33")
        files.write(b"3,c\n")

    # then: the first file ends after "22,b", the rest of the row opens the second
    assert handed == [b"1,a\n22,b\n", b"333,c\n"]


# --- the command ------------------------------------------------------------------------------------------------


def test_bench_prints_one_line_per_report_scope_and_period(territory, market_manager):
    # given: the hand-built territory (orders up to January 2026)

    # when
    lines = bench("--runs", "1", "--scopes", "cm,mm", "--periods", "1", "--reports", "four-rates,order-frequency")

    # then: CM1 has the most customers, MM1 leads team T1 (CM1's and CM2's); the three specs of January
    assert "specs: 6901, 6902, 6903; last month with orders: 2026-01" in lines
    rows = [line.split() for line in lines if line.startswith(("four-rates", "order-frequency"))]
    assert [(row[0], " ".join(row[1:4]), " ".join(row[4:6]), row[6]) for row in rows] == [
        ("four-rates", "customer manager CM1", "1 month", "3"),
        ("order-frequency", "customer manager CM1", "1 month", "4"),
        ("four-rates", "market manager MM1", "1 month", "3"),
        ("order-frequency", "market manager MM1", "1 month", "5"),
    ]
    assert all(len(row) == 9 for row in rows)  # rows, median and p95: no DuckDB columns


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--reports", "four-rates,nine-rates"], "Unknown report: nine-rates"),
        (["--scopes", "cm,team"], "--scopes takes a comma-separated list of cm, mm and city."),
        (["--periods", "one"], "--periods takes a comma-separated list of month counts, such as 1,6."),
        (["--periods", "0"], "--periods takes a comma-separated list of month counts, such as 1,6."),
    ],
)
def test_bench_refuses_unknown_reports_scopes_and_periods(territory, arguments, message):
    # given / when
    with pytest.raises(CommandError) as error:
        bench(*arguments)

    # then
    assert str(error.value).startswith(message)


def test_bench_without_order_data_says_how_to_get_some(db):
    # given: an empty database / when
    with pytest.raises(CommandError) as error:
        bench()

    # then
    assert str(error.value) == "No order data: load a demo city first (workbench demo --preset city)."


def test_bench_with_duckdb_says_how_to_install_it_when_it_is_missing(territory, monkeypatch, tmp_path):
    # given: no duckdb module (None in sys.modules makes `import duckdb` fail)
    monkeypatch.setitem(sys.modules, "duckdb", None)

    # when
    with pytest.raises(CommandError) as error:
        bench("--duckdb", "--duckdb-path", str(tmp_path / "copy.duckdb"))

    # then
    assert str(error.value) == (
        'DuckDB is not installed; the DuckDB reference needs the bench extra: pip install -e ".[bench]"'
    )
