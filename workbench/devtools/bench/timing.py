"""Timing a function the way the benchmark reports it: one warm-up run, then N timed runs; median and p95."""

from __future__ import annotations

import math
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (p95 of 5 runs is the slowest one)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


@dataclass(frozen=True)
class Timing:
    """The durations of the timed runs, in milliseconds."""

    samples: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(list(self.samples), 0.95)


def time_runs(function: Callable[[], Any], runs: int) -> tuple[Any, Timing]:
    """Run `function` once to warm up (caches, plans, imports), then `runs` times on the clock.

    Returns the warm-up's result (what the benchmark checks and counts) and the timing of the other runs.
    """
    result = function()
    samples = []
    for _run in range(max(1, runs)):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return result, Timing(tuple(samples))
