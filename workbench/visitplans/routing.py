"""The day's route (线路): the order of the day's stops for the shortest open path (docs/definitions.md#day-route).

The route starts at a fixed point (the team's office, or the day's first customer when the team has none), passes
every stop once and does not return: a customer manager ends his day at his last shop. Legs are great-circle
distances (visitplans/geo.py). Stops without coordinates cannot be placed: they go last, in the order given.

Why a hand-written solver: a day has at most a few dozen stops (WORKBENCH_VISITS_PER_DAY_MAX). For that, nearest
neighbour, then 2-opt and or-opt moves until none improves the path, then a hundred kicks of an iterated local
search come within a per cent or two of OR-Tools in tens of milliseconds (`workbench bench route`,
docs/performance.md#day-route). OR-Tools would bring a 30 MB native wheel with protobuf, numpy and pandas into
the application for that. The lighter TSP packages solve closed tours (an open path then needs a dummy node) and
are either native builds (elkai and lkh wrap LKH-3, fast-tsp is C++) or pure Python without a release since 2024
(python-tsp 0.5.0); these 270 lines, tested against exhaustive search, weigh less than any of them. The search is
deterministic (its kicks come from a fixed seed): the same stops in the same order give the same route.
"""

from __future__ import annotations

import hashlib
import random
from collections import deque
from collections.abc import Hashable, Sequence
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache

from workbench.visitplans.geo import LatLng, great_circle_km

# A stop: its id (a customer's, a planned visit's), latitude and longitude (WGS-84; floats, or the Decimals of the
# database), or None for both when unknown.
Coordinate = float | Decimal | None
Stop = tuple[Hashable, Coordinate, Coordinate]

# An improvement smaller than this (km, a millimetre) is rounding: without it two equal moves could alternate.
EPSILON = 1e-6
# How many kicks the iterated local search makes (shortest_open_path): what `workbench bench route` trades time for.
KICKS = 100
# How many nearest nodes a move may join a node to: a stop belongs beside a near one (the move lists stay short).
NEAR = 5
# A kicked path is kept to kick again when it is at most this much longer than the current one (1 %): a walk
# over nearly equal paths finds better ones than kicking the best path only.
ACCEPT = 1.01
# How long a solved route stays in the cache (a day: the plan's days are read through the month).
ROUTE_CACHE_SECONDS = 24 * 3600


def order_stops(start: LatLng | None, stops: Sequence[Stop]) -> list:
    """The ids of `stops` in route order from `start` (None: the first stop with coordinates starts the route)."""
    located = [(id_, float(lat), float(lng)) for id_, lat, lng in stops if lat is not None and lng is not None]
    unlocated = [id_ for id_, lat, lng in stops if lat is None or lng is None]
    fixed = []
    if start is None:
        if not located:
            return unlocated
        first, *located = located
        fixed = [first[0]]
        start = (first[1], first[2])
    path = solved_path([start, *((lat, lng) for _, lat, lng in located)])
    return fixed + [located[node - 1][0] for node in path] + unlocated


def solved_path(points: list[LatLng]) -> list[int]:
    """shortest_open_path over `points` (the first fixed), kept in Django's cache under the points themselves: a
    visit plan's calendar orders every day of the month (about 35 ms a day of 26 stops, 0.7 s a month), and the
    same day's stops come back on every page that shows it. The route is a pure function of the points, so a cached
    one is never stale; a changed day has other points, hence another key."""
    key = "route:" + hashlib.sha1(repr(points).encode(), usedforsecurity=False).hexdigest()
    path = cache.get(key)
    if path is None:
        path = shortest_open_path(distance_matrix(points))
        cache.set(key, path, ROUTE_CACHE_SECONDS)
    return path


def route_km(start: LatLng | None, stops: Sequence[Stop]) -> float:
    """The length in km of the day's route through `stops` from `start`: path_km in order_stops' order (what the
    route page shows; the visit plan's day hours count it as the day's travel, docs/definitions.md#day-route)."""
    by_position = dict(enumerate(stops))
    order = order_stops(start, [(position, lat, lng) for position, (_, lat, lng) in by_position.items()])
    return path_km(start, [by_position[position] for position in order])


def path_km(start: LatLng | None, stops: Sequence[Stop]) -> float:
    """The length in km of the path from `start` through `stops` in the order given (stops without coordinates
    are skipped; with no start the path begins at the first located stop)."""
    points = [(float(lat), float(lng)) for _, lat, lng in stops if lat is not None and lng is not None]
    if start is not None:
        points.insert(0, start)
    return sum(great_circle_km(a, b) for a, b in zip(points, points[1:], strict=False))


def leg_km(start: LatLng | None, stops: Sequence[Stop]) -> list[float | None]:
    """The distance of each stop from the previous located point (the start first); None for a stop without
    coordinates, and for the first stop when there is no start."""
    legs: list[float | None] = []
    previous = start
    for _, lat, lng in stops:
        if lat is None or lng is None:
            legs.append(None)
            continue
        here = (float(lat), float(lng))
        legs.append(great_circle_km(previous, here) if previous is not None else None)
        previous = here
    return legs


def day_hours(visits: int, km: float) -> float:
    """A day's estimated hours (docs/definitions.md#day-route): its visits at WORKBENCH_VISIT_MINUTES each, and
    its route's km at WORKBENCH_TRAVEL_KMH."""
    return visits * settings.WORKBENCH_VISIT_MINUTES / 60 + km / settings.WORKBENCH_TRAVEL_KMH


def distance_matrix(points: Sequence[LatLng]) -> list[list[float]]:
    """The great-circle distance between every two points, in km."""
    size = len(points)
    matrix = [[0.0] * size for _ in range(size)]
    for i in range(size):
        for j in range(i + 1, size):
            matrix[i][j] = matrix[j][i] = great_circle_km(points[i], points[j])
    return matrix


def open_path_length(matrix: list[list[float]], path: Sequence[int]) -> float:
    """The length of the open path from node 0 through `path` (node indices of `matrix`)."""
    total, previous = 0.0, 0
    for node in path:
        total += matrix[previous][node]
        previous = node
    return total


def shortest_open_path(matrix: list[list[float]], *, kicks: int = KICKS, seed: int = 0) -> list[int]:
    """A short open path from node 0 through every other node of the symmetric `matrix` (their indices, 0 left
    out): nearest neighbour, then 2-opt and or-opt moves until none improves it, then `kicks` kicks (below)."""
    near = nearest_nodes(matrix)
    best = nearest_neighbour(matrix)
    local_search(matrix, best, near, best)
    best_length = open_path_length(matrix, best)
    if len(best) < 4:
        return best
    # Iterated local search: kick the current path out of its local optimum (a double bridge, which 2-opt and
    # or-opt cannot undo in one move), search again around the kick, go on from the result when it is not more
    # than ACCEPT longer, and keep the shortest seen. The kicks come from a fixed seed: the route is deterministic.
    draws = random.Random(seed)
    current, current_length = best, best_length
    for _ in range(kicks):
        path, ends = double_bridge(current, draws)
        local_search(matrix, path, near, ends)
        length = open_path_length(matrix, path)
        if length < current_length * ACCEPT:
            current, current_length = path, length
            if length < best_length - EPSILON:
                best, best_length = path, length
    return best


def nearest_neighbour(matrix: list[list[float]]) -> list[int]:
    """From node 0, always on to the nearest node not yet visited (the lowest index of equally near ones)."""
    unvisited = list(range(1, len(matrix)))
    path, here = [], 0
    while unvisited:
        row = matrix[here]
        here = min(unvisited, key=row.__getitem__)
        unvisited.remove(here)
        path.append(here)
    return path


def nearest_nodes(matrix: list[list[float]], count: int = NEAR) -> list[list[int]]:
    """For every node, the `count` other nodes nearest to it (the start, node 0, included; ties by index)."""
    nodes = range(len(matrix))
    return [sorted((other for other in nodes if other != node), key=matrix[node].__getitem__)[:count] for node in nodes]


def double_bridge(path: list[int], draws: random.Random) -> tuple[list[int], list[int]]:
    """The path cut at three random places into A B C D and joined A C B D (A or D may be empty), with the nodes
    at the cuts."""
    i, j, k = sorted(draws.sample(range(len(path) + 1), 3))
    kicked = path[:i] + path[j:k] + path[i:j] + path[k:]
    ends = [path[index] for index in (i - 1, i, j - 1, j, k - 1, k) if 0 <= index < len(path)]
    return kicked, ends


def local_search(matrix: list[list[float]], path: list[int], near: list[list[int]], queue: list[int]) -> None:
    """Improve `path` in place by 2-opt and or-opt moves until none is left, looking first around the nodes of
    `queue` and then around every node a move touched ("don't look bits": a node whose surroundings did not change
    has no new move, so after a kick only a few nodes are searched again)."""
    position = [-1] * len(matrix)  # where each node is in the path; the start (node 0) is before it, at -1
    for index, node in enumerate(path):
        position[node] = index
    pending = deque(queue)
    queued = set(pending)
    while pending:
        node = pending.popleft()
        queued.discard(node)
        touched = two_opt_at(matrix, path, near, position, node) or or_opt_at(matrix, path, near, position, node)
        for other in (*touched, node) if touched else ():
            if other and other not in queued:
                pending.append(other)
                queued.add(other)


def _renumber(path: list[int], position: list[int], low: int, high: int) -> None:
    for index in range(low, high):
        position[path[index]] = index


def two_opt_at(
    matrix: list[list[float]], path: list[int], near: list[list[int]], position: list[int], node: int
) -> tuple[int, ...]:
    """The best reversal of a stretch path[i..j] that gives `node` a leg to one of its near nodes, applied if it
    shortens the path; the nodes whose legs changed (none when nothing did).

    Reversing a stretch changes only its two end legs (distances are symmetric); a stretch that ends the open path
    has one end leg only, which is how the path's end moves.
    """
    size, here = len(path), position[node]
    best, best_i, best_j = -EPSILON, -1, -1
    for other in near[node]:
        there = position[other]
        # The new leg node–other is either (before the stretch, its last node) or (its first node, after it).
        for i, j in ((here + 1, there), (there + 1, here), (here, there - 1), (there, here - 1)):
            if i < 0 or j >= size or j <= i:
                continue
            before = path[i - 1] if i else 0
            first, last = path[i], path[j]
            change = matrix[before][last] - matrix[before][first]
            if j + 1 < size:
                after = path[j + 1]
                change += matrix[first][after] - matrix[last][after]
            if change < best:
                best, best_i, best_j = change, i, j
    if best_i < 0:
        return ()
    i, j = best_i, best_j
    touched = (path[i - 1] if i else 0, path[i], path[j], path[j + 1] if j + 1 < size else 0)
    path[i : j + 1] = path[i : j + 1][::-1]
    _renumber(path, position, i, j + 1)
    return touched


def or_opt_at(
    matrix: list[list[float]], path: list[int], near: list[list[int]], position: list[int], node: int
) -> tuple[int, ...]:
    """The best move of a stretch of one to three stops that `node` begins or ends, as it is or reversed, to a gap
    beside one of the nodes near `node`, applied if it shortens the path; the nodes whose legs changed.

    A gap g lies between path[g-1] (the start when g = 0) and path[g] (nothing when g = len(path)); the gaps i to
    i+length are the stretch's own place.
    """
    size, here = len(path), position[node]
    best, best_move = -EPSILON, (-1, -1, -1, False)
    for length in (1, 2, 3):
        # The stretch that `node` begins goes beside a near node of it with `node` next to it, and so does the one
        # it ends: a gap after the near node is entered by `node`, a gap before it left by `node`.
        for i, reverse_after in ((here, False), (here - length + 1, True)) if length > 1 else ((here, False),):
            end = i + length
            if i < 0 or end > size:
                continue
            head, tail = path[i], path[end - 1]
            before = path[i - 1] if i else 0
            after = path[end] if end < size else None
            saved = matrix[before][head]
            if after is not None:
                saved += matrix[tail][after] - matrix[before][after]
            for other in near[node]:
                there = position[other]
                for gap, reverse in ((there + 1, reverse_after), (there, not reverse_after)):
                    if gap < 0 or i <= gap <= end:  # before the start, or the stretch's own place
                        continue
                    first, last = (tail, head) if reverse else (head, tail)
                    left = path[gap - 1] if gap else 0
                    change = matrix[left][first] - saved
                    if gap < size:
                        right = path[gap]
                        change += matrix[last][right] - matrix[left][right]
                    if change < best:
                        best, best_move = change, (i, end, gap, reverse)
    i, end, gap, reverse = best_move
    if i < 0:
        return ()
    touched = (
        path[i - 1] if i else 0,
        path[i],
        path[end - 1],
        path[end] if end < size else 0,
        path[gap - 1] if gap else 0,
        path[gap] if gap < size else 0,
    )
    stretch = path[i:end][::-1] if reverse else path[i:end]
    if gap < i:
        path[gap:end] = stretch + path[gap:i]
        _renumber(path, position, gap, end)
    else:
        path[i:gap] = path[end:gap] + stretch
        _renumber(path, position, i, gap)
    return touched
