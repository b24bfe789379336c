"""`workbench bench suggestions`: its table on hand-built data (the timings themselves are not asserted)."""

from datetime import date

from workbench.devtools.bench.suggestions import run_suggestions_bench
from workbench.visitplans.tests.test_suggestions import add_lines, line, make_specs, make_task


def test_the_bench_times_the_week_after_the_data_for_each_customer_manager(
    customers, customer_manager, colleague, market_manager, org
):
    # given orders up to Wednesday 11 March 2026 (C003 of CM2 ordered 红南京) and MM1's cultivation task of March
    specs = make_specs()
    make_task(market_manager, org["team1"], specs)
    add_lines([line(customers["c3"], specs["red"], date(2026, 3, 11), 10)])
    written: list[str] = []

    # when
    run_suggestions_bench(runs=1, write=written.append, managers=5)

    # then both weeks, each customer manager with customers, his suggested customers and their reasons
    assert written[0].endswith("data up to 2026-03-11")
    assert written[1] == "week 2026-03-09 (the data's last week)"
    assert written[8] == "week 2026-03-16 (the week after the data)"
    for first in (4, 11):
        rows = [line.split() for line in written[first : first + 3]]
        assert [(row[0], row[1], row[2], row[5:]) for row in rows] == [
            ("CM1", "2", "2", ["cultivation", "2"]),
            ("CM2", "1", "1", ["cultivation", "1"]),
            ("CM3", "1", "0", []),
        ]
    assert written[7].startswith("median of the medians: ")
    assert written[14].startswith("median of the medians: ")
