"""`workbench report …`: the same function and numbers as JSON, CSV and XLSX; errors exit non-zero with the message."""

import csv
import io
import json
import sys

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from workbench import testing
from workbench.__main__ import main
from workbench.reporting.registry import REPORTS, reports_of

JANUARY = ["--from", "2026-01-01", "--to", "2026-01-31"]


def test_json_is_the_apis_answer(territory, customer_manager, run, capsys):
    # given
    expected = run(
        "distribution-rate",
        customer_manager,
        brand_set=str(territory["brand_set"].pk),
        **dict(zip(["from", "to"], JANUARY[1::2], strict=True)),
    )

    # when
    call_command(
        "report",
        "distribution-rate",
        "--user",
        "CM1",
        "--brand-set",
        str(territory["brand_set"].pk),
        *JANUARY,
        "--language",
        "en",
    )

    # then
    printed = json.loads(capsys.readouterr().out)
    assert printed == json.loads(json.dumps(expected.as_json()))
    assert printed["total"] == {"customers_in_scope": 4, "customers_ordering": 3, "distribution_rate": 0.75}


def test_csv_has_keys_rows_and_a_total(territory, customer_manager, capsys):
    # given / when
    call_command("report", "supply-demand", "--user", "CM1", *JANUARY, "--format", "csv", "--language", "en")

    # then
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[0] == [
        "customer_code",
        "customer_name",
        "demand_qty",
        "limit_qty",
        "limited_order_qty",
        "order_qty",
        "fill_rate",
        "limit_fill_rate",
        "lines",
        "short_lines",
    ]
    assert rows[3] == ["C005", "店C005", "3", "0", "0", "3", "1.0", "", "2", "0"]
    assert rows[-1] == ["total", "", "30", "17", "15", "22", str(22 / 30), str(15 / 17), "10", "4"]


def test_csv_neutralises_cells_a_spreadsheet_would_run(territory, customer_manager, capsys):
    # given: shops whose names are formulas (the probes of issue 9)
    customers = territory["customers"]
    for code, name in [("C001", '=HYPERLINK("http://evil")'), ("C002", "=1+1"), ("C005", "@SUM(1)")]:
        customers[code].name = name
        customers[code].save()

    # when
    call_command("report", "order-frequency", "--user", "CM1", *JANUARY, "--format", "csv", "--language", "en")

    # then: each starts with an apostrophe, which makes it text; the numbers are untouched
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert [row[:3] for row in rows[1:4]] == [
        ["C001", '\'=HYPERLINK("http://evil")', "2"],
        ["C002", "'=1+1", "1"],
        ["C005", "'@SUM(1)", "1"],
    ]


def test_xlsx_reads_back_with_the_same_numbers(territory, customer_manager, tmp_path):
    # given
    path = tmp_path / "four-rates.xlsx"

    # when
    call_command(
        "report",
        "four-rates",
        "--user",
        "CM1",
        "--specs",
        "6901,6902",
        *JANUARY,
        "--format",
        "xlsx",
        "--output",
        str(path),
        "--language",
        "en",
    )

    # then
    values = [list(row) for row in testing.active_sheet(path).iter_rows(values_only=True)]
    header_index = next(index for index, row in enumerate(values) if row[0] == "Spec code")
    header, first, second, total = values[header_index : header_index + 4]
    assert header[header.index("Distribution rate")] == "Distribution rate"
    assert first[:3] == ["6901", "七匹狼(软通泰)", 3]
    assert first[header.index("Stock-out rate")] == 0.2
    assert total[0] == "Total"
    assert total[header.index("Stock-out rate")] == pytest.approx(1 / 7)


def test_the_output_file_gets_the_json(territory, customer_manager, tmp_path):
    # given
    path = tmp_path / "out.json"

    # when
    call_command("report", "classification-overview", "--user", "CM1", *JANUARY, "--by", "grade", "--output", str(path))

    # then
    assert json.loads(path.read_text(encoding="utf-8"))["total"] == {"customers": 4, "share": 1.0}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["four-rates", "--user", "CM1", *JANUARY], "Choose one or more specs, or a brand set. (specs)"),
        (
            ["business-overview", "--user", "CM1", "--scope", "CM3", *JANUARY],
            "Unknown scope “CM3”, or outside your own. (scope)",
        ),
        (["business-overview", "--user", "NOBODY", *JANUARY], "Unknown staff code “NOBODY”."),
        (
            ["business-overview", "--user", "CM1", "--from", "2026-02-01", "--to", "2026-01-01"],
            "The start date is after the end date. (from)",
        ),
        (["business-overview", "--user", "CM1", *JANUARY, "--format", "xlsx"], "--format xlsx needs --output FILE."),
    ],
)
def test_errors_exit_with_the_message(territory, customer_manager, args, message):
    # given / when
    with pytest.raises(CommandError) as error:
        call_command("report", *args, "--language", "en")

    # then
    assert str(error.value) == message


def test_the_command_exits_non_zero(territory, customer_manager, capsys, monkeypatch):
    # given
    monkeypatch.setattr(sys, "argv", ["workbench", "report", "four-rates", "--user", "CM1", *JANUARY])

    # when
    with pytest.raises(SystemExit) as exit_:
        main()

    # then
    assert exit_.value.code == 1
    assert "Choose one or more specs, or a brand set." in capsys.readouterr().err


def test_bench_prints_one_line_per_report_scope_and_period(territory, customer_manager, market_manager, admin_staff):
    # given: no timing is asserted, only that every case ran
    out = io.StringIO()

    # when
    call_command("bench", "reports", "--repeat", "1", stdout=out)

    # then: 9 reports × 3 scopes × 2 periods, each with its rows, median and p95
    # (the bench times the 分析 step's nine by default, the reports its DuckDB reference covers)
    nine = {report.name for report in reports_of("analysis")}
    lines = [line for line in out.getvalue().splitlines() if line.split(" ")[0] in nine]
    assert len(lines) == 9 * 3 * 2
    assert not [line for line in out.getvalue().splitlines() if line.split(" ")[0] in set(REPORTS) - nine]
    assert lines[0].split()[:5] == ["business-overview", "customer", "manager", "CM1", "1"]
    assert {tuple(line.split()[1:3]) for line in lines} == {
        ("customer", "manager"),
        ("market", "manager"),
        ("city", "1"),
        ("city", "6"),
    }
