"""`workbench bench route`: time the day's route order (visitplans.routing.order_stops) and compare its length with
a reference solver's (docs/performance.md#day-route).

Each day is an office and `stops` shops drawn at random (fixed seeds) over 11 × 11 km of Nanjing, about a customer
manager's territory; no database is read. `order_stops` (the function the route page calls, its distance matrix
included) runs once to warm up and then `runs` times: the median and the 95th percentile in milliseconds, of the
wall clock and of the process's CPU time. The issue's measure: 40 stops in at most 100 ms, with a length within
2 % of the reference. The check is on the CPU time's p95, which is the wall time of an idle core: on a machine
whose cores are shared (the load average is printed), the wall clock also counts the time waited for one.

The reference is OR-Tools' routing solver (guided local search for `reference_seconds` a day, on the same
great-circle distances in millimetres) when it is installed (`pip install -e ".[bench]"`); the application never
imports it. Without it the reference is our own search run long: 2,000 kicks from each of five seeds, the
shortest kept (said in the output).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache

from workbench.devtools.bench.timing import Timing
from workbench.visitplans import routing

LIMIT_MS = 100  # the measure for a day of 40 stops (p95)
LIMIT_RATIO = 1.02  # within 2 % of the reference's length
# Nanjing's centre and the half-size of the territory drawn around it, in degrees (≈ 5.5 km each way).
CENTRE = (32.04, 118.78)
HALF_LAT, HALF_LNG = 0.05, 0.06


@dataclass(frozen=True)
class Day:
    """One benchmark day: its office and its shops (id, lat, lng)."""

    seed: int
    office: tuple[float, float]
    stops: list[tuple[int, float, float]]


def random_day(seed: int, stops: int) -> Day:
    """An office and `stops` shops drawn uniformly over the territory (the same for the same seed)."""
    rng = random.Random(seed)

    def point() -> tuple[float, float]:
        return (CENTRE[0] + rng.uniform(-HALF_LAT, HALF_LAT), CENTRE[1] + rng.uniform(-HALF_LNG, HALF_LNG))

    office = point()
    return Day(seed, office, [(number, *point()) for number in range(1, stops + 1)])


def time_order(day: Day, runs: int) -> tuple[list, Timing, Timing]:
    """The day's order, and the wall-clock and CPU timings of `runs` runs of order_stops after one warm-up, each
    solving the day afresh (the solved routes' cache is emptied before each run: a page's first view pays this)."""
    order = routing.order_stops(day.office, day.stops)
    wall, cpu = [], []
    for _run in range(max(1, runs)):
        cache.clear()
        started, started_cpu = time.perf_counter(), time.process_time()
        routing.order_stops(day.office, day.stops)
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - started_cpu) * 1000)
    return order, Timing(tuple(wall)), Timing(tuple(cpu))


def ortools_length(matrix: list[list[float]], seconds: float) -> float | None:
    """The length of OR-Tools' open path from node 0 through `matrix` (None when OR-Tools is not installed)."""
    try:
        from ortools.constraint_solver import pywrapcp, routing_enums_pb2
    except ImportError:
        return None
    size = len(matrix)
    # An open path is a closed tour through a dummy end node at no distance from every node.
    costs = [
        [round(matrix[i][j] * 1e6) if i < size and j < size else 0 for j in range(size + 1)] for i in range(size + 1)
    ]
    manager = pywrapcp.RoutingIndexManager(size + 1, 1, [0], [size])
    model = pywrapcp.RoutingModel(manager)
    model.SetArcCostEvaluatorOfAllVehicles(model.RegisterTransitMatrix(costs))
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(int(seconds * 1000))
    solution = model.SolveWithParameters(parameters)
    path, index = [], model.Start(0)
    while not model.IsEnd(index):
        node = manager.IndexToNode(index)
        if node:
            path.append(node)
        index = solution.Value(model.NextVar(index))
    return routing.open_path_length(matrix, path)


def long_search_length(matrix: list[list[float]]) -> float:
    """The shortest of five long runs of our own search (2,000 kicks each, seeds 1 to 5)."""
    return min(
        routing.open_path_length(matrix, routing.shortest_open_path(matrix, kicks=2000, seed=seed))
        for seed in range(1, 6)
    )


def run_route_bench(
    *, days: int, stops: int, runs: int, reference_seconds: float, write: Callable[[str], None]
) -> bool:
    """Print one line per day and the summary; False when the p95 exceeds LIMIT_MS or a day's length exceeds the
    reference's by more than LIMIT_RATIO (for 40 stops or more, the issue's case)."""
    uses_ortools = ortools_length([[0.0]], 0.01) is not None
    reference_name = f"OR-Tools GLS {reference_seconds:g} s" if uses_ortools else "own search, 5 × 2,000 kicks"
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    write(
        f"{days} days of {stops} stops over 11 × 11 km; reference: {reference_name}; "
        f"load average {load:.1f} on {os.cpu_count()} cores"
    )
    header = f"{'day':>4}{'ours km':>10}{'ref km':>10}{'ratio':>8}{'ms':>8}{'p95':>8}{'cpu ms':>8}{'p95':>8}"
    write(header)
    write("-" * len(header))
    wall: list[float] = []
    cpu: list[float] = []
    ratios: list[float] = []
    for seed in range(1, days + 1):
        day = random_day(seed, stops)
        order, wall_timing, cpu_timing = time_order(day, runs)
        wall += wall_timing.samples
        cpu += cpu_timing.samples
        by_id = {stop[0]: stop for stop in day.stops}
        ours = routing.path_km(day.office, [by_id[stop_id] for stop_id in order])
        matrix = routing.distance_matrix([day.office, *((lat, lng) for _, lat, lng in day.stops)])
        reference = ortools_length(matrix, reference_seconds) if uses_ortools else long_search_length(matrix)
        assert reference is not None
        ratio = ours / reference
        ratios.append(ratio)
        write(
            f"{seed:>4}{ours:>10.3f}{reference:>10.3f}{ratio:>8.4f}{wall_timing.median:>8.1f}{wall_timing.p95:>8.1f}"
            f"{cpu_timing.median:>8.1f}{cpu_timing.p95:>8.1f}"
        )
    all_wall, all_cpu = Timing(tuple(wall)), Timing(tuple(cpu))
    write(
        f"all days: wall median {all_wall.median:.1f} ms, p95 {all_wall.p95:.1f} ms; "
        f"cpu median {all_cpu.median:.1f} ms, p95 {all_cpu.p95:.1f} ms, max {max(cpu):.1f} ms; "
        f"length / reference: mean {sum(ratios) / len(ratios):.4f}, max {max(ratios):.4f}"
    )
    if stops < 40:
        return True
    return all_cpu.p95 <= LIMIT_MS and max(ratios) <= LIMIT_RATIO
