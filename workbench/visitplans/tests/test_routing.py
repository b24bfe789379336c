"""The day's route order: against exhaustive search on small days, and on hand-built days with a known answer."""

import math
import random

import pytest

from workbench.visitplans import routing
from workbench.visitplans.geo import EARTH_RADIUS_KM

# One degree along the equator, in km.
DEGREE_KM = EARTH_RADIUS_KM * math.pi / 180


def optimum(matrix: list[list[float]]) -> float:
    """The length of the shortest open path from node 0 through every other node: exhaustive search over every
    order (depth first, dropping an order as soon as its beginning is longer than the best whole one found)."""
    nodes = list(range(1, len(matrix)))
    # Its first bound is the order given, so that the search drops most orders at once; the result is exact.
    best = routing.open_path_length(matrix, nodes) + 1e-9

    def extend(here: int, left: list[int], length: float) -> None:
        nonlocal best
        if length >= best:
            return
        if not left:
            best = length
            return
        for index, node in enumerate(left):
            extend(node, left[:index] + left[index + 1 :], length + matrix[here][node])

    extend(0, nodes, 0.0)
    return best


def nanjing_day(seed: int, stops: int) -> list[list[float]]:
    """The distance matrix of an office and `stops` shops drawn at random over 11 × 11 km of Nanjing."""
    rng = random.Random(seed)
    points = [(32.0 + rng.uniform(-0.05, 0.05), 118.78 + rng.uniform(-0.06, 0.06)) for _ in range(stops + 1)]
    return routing.distance_matrix(points)


def test_the_exhaustive_search_of_these_tests_is_exhaustive():
    # given four stops on the equator, east of the start at 3°, 1°, 4° and 2°
    matrix = routing.distance_matrix([(0, 0), (0, 3), (0, 1), (0, 4), (0, 2)])

    # then the shortest open path runs east, 4° long
    assert optimum(matrix) == pytest.approx(4 * DEGREE_KM)


def test_small_days_against_exhaustive_search():
    # given 240 random days of 1 to 8 shops (30 each)
    for stops in range(1, 9):
        for seed in range(30):
            matrix = nanjing_day(seed * 10 + stops, stops)

            # when each is ordered
            path = routing.shortest_open_path(matrix)

            # then every shop is on the path once, and no order of them is shorter
            assert sorted(path) == list(range(1, stops + 1))
            assert routing.open_path_length(matrix, path) == pytest.approx(optimum(matrix), abs=1e-9), (stops, seed)


def test_shops_on_a_line_are_visited_along_it():
    # given the office at 0° and four shops east of it on the equator, listed out of order
    stops = [("C3", 0, 3), ("C1", 0, 1), ("C4", 0, 4), ("C2", 0, 2)]

    # when the day is ordered
    order = routing.order_stops((0.0, 0.0), stops)

    # then the route runs east, 4° long, with a leg of 1° each
    assert order == ["C1", "C2", "C3", "C4"]
    in_order = sorted(stops, key=lambda stop: order.index(stop[0]))
    assert routing.path_km((0.0, 0.0), in_order) == pytest.approx(4 * DEGREE_KM)
    assert routing.leg_km((0.0, 0.0), in_order) == pytest.approx([DEGREE_KM] * 4)


def test_the_path_is_open_it_does_not_come_back():
    # given shops 1° west and 2° east of the office: back and forth costs 1 + 3, the other way round 2 + 3
    stops = [("east", 0, 2), ("west", 0, -1)]

    # when ordered
    # then the route goes to the near one first and ends at the far one (it does not return to the office)
    assert routing.order_stops((0.0, 0.0), stops) == ["west", "east"]
    assert routing.path_km((0.0, 0.0), [("west", 0, -1), ("east", 0, 2)]) == pytest.approx(4 * DEGREE_KM)


def test_no_stops():
    assert routing.order_stops((32.0, 118.8), []) == []
    assert routing.order_stops(None, []) == []
    assert routing.path_km((32.0, 118.8), []) == 0.0
    assert routing.leg_km(None, []) == []


def test_one_stop():
    assert routing.order_stops((32.0, 118.8), [("C1", 32.1, 118.9)]) == ["C1"]
    assert routing.order_stops(None, [("C1", 32.1, 118.9)]) == ["C1"]
    assert routing.path_km(None, [("C1", 32.1, 118.9)]) == 0.0
    assert routing.leg_km(None, [("C1", 32.1, 118.9)]) == [None]


def test_two_stops_from_the_office_nearer_first():
    # given an office at 0° and shops at 2° and 1°
    # then the nearer one comes first
    assert routing.order_stops((0.0, 0.0), [("far", 0, 2), ("near", 0, 1)]) == ["near", "far"]


def test_without_an_office_the_first_customer_starts_the_day():
    # given no office and shops at 2°, 0° and 1° on the equator, the one at 2° listed first
    stops = [("first", 0, 2), ("west", 0, 0), ("middle", 0, 1)]

    # when ordered
    order = routing.order_stops(None, stops)

    # then the first stays first and the route goes on from it: 2 ° long
    assert order == ["first", "middle", "west"]
    assert routing.path_km(None, [stops[0], stops[2], stops[1]]) == pytest.approx(2 * DEGREE_KM)
    assert routing.leg_km(None, [stops[0], stops[2], stops[1]]) == pytest.approx([None, DEGREE_KM, DEGREE_KM])


def test_two_shops_at_one_address_are_visited_one_after_the_other():
    # given two shops in one building (the same coordinates) and one between it and the office
    stops = [("A", 0, 2), ("B", 0, 1), ("A2", 0, 2)]

    # when ordered
    order = routing.order_stops((0.0, 0.0), stops)

    # then both shops of the building follow each other, in the order given (equal legs keep it), with a 0 km leg
    assert order == ["B", "A", "A2"]
    assert routing.leg_km((0.0, 0.0), [stops[1], stops[0], stops[2]]) == pytest.approx([DEGREE_KM, DEGREE_KM, 0.0])


def test_stops_without_coordinates_go_last_in_their_order():
    # given two shops with no coordinates among three placed ones
    stops = [("X2", None, None), ("C2", 0, 2), ("X1", None, None), ("C1", 0, 1), ("C3", 0, 3)]

    # when ordered
    order = routing.order_stops((0.0, 0.0), stops)

    # then the placed ones come first in route order, then the others as listed; they have no leg
    assert order == ["C1", "C2", "C3", "X2", "X1"]
    assert routing.leg_km((0.0, 0.0), [stops[3], stops[1], stops[4], stops[0], stops[2]]) == pytest.approx(
        [DEGREE_KM, DEGREE_KM, DEGREE_KM, None, None]
    )


def test_with_no_coordinates_at_all_the_order_is_kept():
    # given three shops, none with coordinates, and no office
    stops = [("C3", None, None), ("C1", None, None), ("C2", None, None)]

    # then the order is the one given and the path is 0 km
    assert routing.order_stops(None, stops) == ["C3", "C1", "C2"]
    assert routing.order_stops((32.0, 118.8), stops) == ["C3", "C1", "C2"]
    assert routing.path_km(None, stops) == 0.0


def test_without_an_office_the_first_placed_customer_starts_the_day():
    # given no office, a first shop without coordinates, then placed shops at 2°, 0° and 1°
    stops = [("X", None, None), ("first", 0, 2), ("west", 0, 0), ("middle", 0, 1)]

    # then the first placed one starts the route and the one without coordinates ends it
    assert routing.order_stops(None, stops) == ["first", "middle", "west", "X"]


def test_decimal_coordinates_as_the_database_gives_them():
    # given coordinates as DecimalField values
    from decimal import Decimal

    stops = [("C2", Decimal("0.000000"), Decimal("2.000000")), ("C1", Decimal("0.000000"), Decimal("1.000000"))]

    # then they are ordered and measured like floats
    assert routing.order_stops((0.0, 0.0), stops) == ["C1", "C2"]
    assert routing.path_km((0.0, 0.0), stops[::-1]) == pytest.approx(2 * DEGREE_KM)


def test_the_order_is_deterministic():
    # given a day of 40 shops
    rng = random.Random(7)
    stops = [(f"C{n}", 32.0 + rng.uniform(-0.05, 0.05), 118.78 + rng.uniform(-0.06, 0.06)) for n in range(40)]

    # when ordered twice
    # then the routes are the same, and every shop is on it once
    first = routing.order_stops((32.0, 118.78), stops)
    assert routing.order_stops((32.0, 118.78), stops) == first
    assert sorted(first) == sorted(stop[0] for stop in stops)


def test_a_day_of_forty_shops_is_no_longer_than_its_local_optimum_from_nearest_neighbour():
    # given a day of 40 shops
    matrix = nanjing_day(11, 40)

    # when ordered
    path = routing.shortest_open_path(matrix)

    # then the kicks only ever shorten the path the first local search found
    first = routing.nearest_neighbour(matrix)
    routing.local_search(matrix, first, routing.nearest_nodes(matrix), list(first))
    assert routing.open_path_length(matrix, path) <= routing.open_path_length(matrix, first)
    assert routing.open_path_length(matrix, first) <= routing.open_path_length(
        matrix, routing.nearest_neighbour(matrix)
    )


def test_route_km_is_the_length_of_the_ordered_route():
    # given the office at 0° and shops at 3°, 1°, 2° and one without coordinates, listed out of order
    stops = [("C3", 0, 3), ("X", None, None), ("C1", 0, 1), ("C2", 0, 2)]

    # then the day's route is 3° long whatever the order given, and a shop listed twice adds a 0 km leg
    assert routing.route_km((0.0, 0.0), stops) == pytest.approx(3 * DEGREE_KM)
    assert routing.route_km((0.0, 0.0), stops[::-1]) == pytest.approx(3 * DEGREE_KM)
    assert routing.route_km(None, stops) == pytest.approx(2 * DEGREE_KM)  # from C3, the first placed: 3° → 2° → 1°
    assert routing.route_km((0.0, 0.0), [*stops, ("C3", 0, 3)]) == pytest.approx(3 * DEGREE_KM)
    assert routing.route_km((0.0, 0.0), []) == 0.0
