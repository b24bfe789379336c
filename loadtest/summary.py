"""Summarise a load-test run: p50/p95/p99 per endpoint as locust saw them, the server's own times from the
access log, and the error count.

    python3 loadtest/summary.py DIR [WARM_UP_SECONDS]
    # DIR holds locust_stats.csv, locust_failures.csv, requests.csv and access.log

Exits 1 when a request failed or a simulated user died of an exception. Standard library only.

Locust's percentiles are client-side (they include the client's own waiting, which on a small machine shares the
cores with the server) and rounded by locust to two significant figures above 100 ms; the access-log figures are
the server's time from request to response, in whole milliseconds. Both tables also give the p95 of the steady
state: the requests after the first WARM_UP_SECONDS (default 60) of the run, once the login rush is over.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path

# [30/Nov/2026:00:55:19 +0800] "GET /customers/C0001/?x=1 HTTP/1.1" 200 1234 56ms
ACCESS_LINE = re.compile(
    r'\[(?P<time>[^\]]+)\] "(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ (?P<ms>\d+)ms'
)
# The endpoint of a path, named like the locustfile names its requests.
ENDPOINTS = [
    (re.compile(r"^/static/"), "static file"),
    (re.compile(r"^/accounts/login/$"), "login"),
    (re.compile(r"^/$"), "home"),
    (re.compile(r"^/customers/export/$"), "customers export"),
    (re.compile(r"^/analysis/([^/]+)/export/$"), "report export: {0}"),
    (re.compile(r"^/customers/$"), "customers (all kinds)"),
    (re.compile(r"^/customers/[^/]+/$"), "customer page"),
    (re.compile(r"^/analysis/([^/]+)/$"), "report: {0}"),
    (re.compile(r"^/api/v1/visits/$"), "visit post"),
    (re.compile(r"^/api/v1/visits/sync$"), "visits sync"),
]


def percentile(values: list[int], fraction: float) -> int:
    """The nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


def endpoint(method: str, path: str) -> str:
    path = path.split("?", 1)[0]
    for pattern, name in ENDPOINTS:
        match = pattern.match(path)
        if match:
            return f"{method} " + name.format(*match.groups())
    return f"{method} {path}"


def steady_client_p95(directory: Path, warm_up: float) -> dict[str, int]:
    """p95 per endpoint (and "ALL") of the requests locust started after the warm-up (requests.csv)."""
    log = directory / "requests.csv"
    if not log.exists():
        return {}
    rows = list(csv.DictReader(log.open(encoding="utf-8")))
    if not rows:
        return {}
    start = min(float(row["start"]) for row in rows)
    times: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        if float(row["start"]) - start >= warm_up:
            times[f"{row['method']} {row['name']}"].append(round(float(row["ms"])))
            times["ALL"].append(round(float(row["ms"])))
    return {name: percentile(values, 0.95) for name, values in times.items()}


def locust_table(directory: Path, warm_up: float) -> tuple[list[str], int, int]:
    rows = list(csv.DictReader((directory / "locust_stats.csv").open(encoding="utf-8")))
    steady = steady_client_p95(directory, warm_up)
    lines = [
        f"{'endpoint (locust, client side)':38} {'requests':>8} {'fails':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'max':>6} {'req/s':>6} {'steady p95':>10}"
    ]
    total_requests = total_failures = 0
    for row in rows:
        name = row["Name"] if row["Name"] != "Aggregated" else "ALL"
        label = f"{row['Type']} {name}".strip()
        if name == "ALL":
            total_requests, total_failures = int(row["Request Count"]), int(row["Failure Count"])
            lines.append("-" * 90)
        lines.append(
            f"{label[:38]:38} {row['Request Count']:>8} {row['Failure Count']:>6} {row['50%']:>6} {row['95%']:>6} "
            f"{row['99%']:>6} {float(row['Max Response Time']):>6.0f} {float(row['Requests/s']):>6.1f} "
            f"{steady.get(label if name != 'ALL' else 'ALL', '-'):>10}"
        )
    return lines, total_requests, total_failures


def access_table(directory: Path, warm_up: float) -> list[str]:
    log = directory / "access.log"
    if not log.exists():
        return []
    times: dict[str, list[int]] = defaultdict(list)
    steady: dict[str, list[int]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    start = None
    for line in log.open(encoding="utf-8", errors="replace"):
        match = ACCESS_LINE.search(line)
        if not match:
            continue
        when = datetime.strptime(match["time"], "%d/%b/%Y:%H:%M:%S %z")
        start = start or when
        name = endpoint(match["method"], match["path"])
        times[name].append(int(match["ms"]))
        if (when - start).total_seconds() >= warm_up:
            steady[name].append(int(match["ms"]))
        if match["status"].startswith("5"):
            errors[name] += 1
    lines = [
        f"{'endpoint (access log, server side)':38} {'requests':>8} {'5xx':>6} {'p50':>6} {'p95':>6} {'p99':>6} "
        f"{'steady p95':>10}"
    ]
    for name in sorted(times):
        values = times[name]
        steady_p95 = percentile(steady[name], 0.95) if steady[name] else "-"
        lines.append(
            f"{name[:38]:38} {len(values):>8} {errors[name]:>6} {percentile(values, 0.5):>6} "
            f"{percentile(values, 0.95):>6} {percentile(values, 0.99):>6} {steady_p95:>10}"
        )
    return lines


def main(directory: Path, warm_up: float = 60) -> int:
    lines, requests, failures = locust_table(directory, warm_up)
    print("\n".join(lines))
    server = access_table(directory, warm_up)
    if server:
        print()
        print("\n".join(server))
    failures_file = directory / "locust_failures.csv"
    if failures_file.exists():
        kinds = list(csv.DictReader(failures_file.open(encoding="utf-8")))
        for kind in kinds[:10]:
            print(f"  failure: {kind['Method']} {kind['Name']}: {kind['Error']} × {kind['Occurrences']}")
    # An exception in the locustfile stops a simulated user without failing a request: it is an error too.
    exceptions = 0
    exceptions_file = directory / "locust_exceptions.csv"
    if exceptions_file.exists():
        for row in csv.DictReader(exceptions_file.open(encoding="utf-8")):
            exceptions += int(row["Count"])
            print(f"  exception in the load test: {row['Message']} × {row['Count']}")
    print(f"\nerrors: {failures} of {requests} requests failed, {exceptions} exceptions in the users; times in ms")
    return 1 if failures or exceptions else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), float(sys.argv[2]) if len(sys.argv) > 2 else 60))
