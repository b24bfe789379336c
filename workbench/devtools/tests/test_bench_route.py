"""`workbench bench route`: its days, its reference and its table (no timing is asserted: speed is the
benchmark's figure, docs/performance.md#day-route)."""

from io import StringIO

import pytest
from django.core.management import call_command

from workbench.devtools.bench import route
from workbench.visitplans import routing


def test_a_day_is_the_same_for_the_same_seed():
    # given two draws of day 3 with 12 stops
    first, second = route.random_day(3, 12), route.random_day(3, 12)

    # then they are equal, inside the territory, numbered 1 to 12
    assert first == second
    assert [stop[0] for stop in first.stops] == list(range(1, 13))
    for _, lat, lng in first.stops:
        assert abs(lat - route.CENTRE[0]) <= route.HALF_LAT
        assert abs(lng - route.CENTRE[1]) <= route.HALF_LNG


def test_the_references_find_the_known_shortest_path():
    # given an office at 0° and four shops on the equator at 3°, 1°, 4° and 2° (the shortest path: 4°)
    matrix = routing.distance_matrix([(0, 0), (0, 3), (0, 1), (0, 4), (0, 2)])

    # then OR-Tools and the long run of our own search both give it
    assert route.ortools_length(matrix, 0.2) == pytest.approx(routing.open_path_length(matrix, [2, 4, 1, 3]))
    assert route.long_search_length(matrix) == pytest.approx(routing.open_path_length(matrix, [2, 4, 1, 3]))


def test_the_command_prints_a_line_a_day_and_the_summary():
    # when two small days are benchmarked
    out = StringIO()
    call_command(
        "bench", "route", "--days", "2", "--stops", "10", "--runs", "1", "--reference-seconds", "0.2", stdout=out
    )

    # then it names the reference, prints both days and the summary
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("2 days of 10 stops over 11 × 11 km; reference: OR-Tools GLS 0.2 s; load average")
    assert [line.split()[0] for line in lines[3:5]] == ["1", "2"]
    assert lines[5].startswith("all days: wall median")
