"""`workbench bench_exports`: time the Excel writer against the previous ones on a customer-list-sized table.

The three writers (now: the data rows as XML, lib/xlsx_rows.py; before: XlsxWriter one call a cell; before that:
openpyxl's write-only mode) get the same 23-column table (devtools.bench.exports: the customer list's columns,
`--rows` made-up customers, 30,000 by default: the city preset's customer count) and write it to a file in the
temporary folder; each runs once to warm up and then `--runs` times. The table gives the median and the 95th
percentile in milliseconds (wall clock), the median processor time of the same runs (what the writer costs on a
shared machine, where the wall clock also counts other processes' turns), the file's size, and with `--memory` the
peak of Python allocations during one more run (tracemalloc slows the run down, so it is measured apart from the
timings). No database is read.

With `--database`, the whole exports are timed instead, on the database DATABASE_URL points at (the city preset):
the customer list's and 客户供需分析's, city-wide, each through its export view (devtools.bench.export_views):
the download's median and p95 (wall clock), its processor time, the reading alone and the file's size.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workbench.devtools.bench.export_views import export_cases, time_case
from workbench.devtools.bench.exports import sample_columns, sample_rows, write_with_cells, write_with_openpyxl
from workbench.devtools.bench.timing import time_runs
from workbench.lib import exports

TITLE = "客户列表"
PARAMS = [("范围", "全市"), ("状态", "正常")]


def writers():
    """(name, function writing `count` rows to `path`) of each writer compared, the current one first."""

    def xlsxwriter(path: Path, count: int) -> int:
        return exports.write_xlsx(
            path, title=TITLE, params=PARAMS, columns=sample_columns(), rows=sample_rows(count), total=None
        )

    def cells(path: Path, count: int) -> int:
        return write_with_cells(path, title=TITLE, params=PARAMS, columns=sample_columns(), rows=sample_rows(count))

    def openpyxl(path: Path, count: int) -> int:
        return write_with_openpyxl(path, title=TITLE, params=PARAMS, columns=sample_columns(), rows=sample_rows(count))

    return [
        ("rows as XML (now)", xlsxwriter),
        ("XlsxWriter, a call a cell (before)", cells),
        ("openpyxl, write-only (first)", openpyxl),
    ]


def peak_memory(function) -> int:
    """The peak of Python's allocations while `function` runs, in bytes."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


class Command(BaseCommand):
    help = "Benchmark the Excel export writer against openpyxl's write-only mode on a 30,000-row table."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=30_000, help="data rows (30000)")
        parser.add_argument("--runs", type=int, default=3, help="timed runs per writer (3)")
        parser.add_argument("--memory", action="store_true", help="also measure peak Python memory (one more run)")
        parser.add_argument(
            "--database", action="store_true", help="time the city-wide exports on DATABASE_URL's database instead"
        )

    def handle(self, *args, **options):
        count, runs = options["rows"], options["runs"]
        if count < 1 or runs < 1:
            raise CommandError("--rows and --runs take a positive number.")
        if options["database"]:
            self.time_exports(runs)
            return
        self.stdout.write(f"{count:,} rows × {len(sample_columns())} columns, {runs} timed runs per writer")
        header = f"{'writer':<36}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>9}{'size KiB':>10}"
        if options["memory"]:
            header += f"{'peak MiB':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        medians: list[float] = []
        cpu_medians: list[float] = []
        with tempfile.TemporaryDirectory() as folder:
            for name, write in writers():
                path = Path(folder) / f"{len(medians)}.xlsx"
                cpu: list[float] = []

                def run(write=write, path=path, cpu=cpu) -> int:
                    started = time.process_time()
                    written = write(path, count)
                    cpu.append((time.process_time() - started) * 1000)
                    return written

                written, timing = time_runs(run, runs)
                if written != count:
                    raise CommandError(f"{name} wrote {written} rows instead of {count}.")
                cpu_median = statistics.median(cpu[1:])  # the first run is the warm-up
                size = path.stat().st_size / 1024
                line = f"{name:<36}{timing.median:>11.0f}{timing.p95:>9.0f}{cpu_median:>9.0f}{size:>10.0f}"
                if options["memory"]:
                    peak = peak_memory(lambda write=write, path=path: write(path, count))
                    line += f"{peak / 2**20:>10.1f}"
                self.stdout.write(line)
                medians.append(timing.median)
                cpu_medians.append(cpu_median)
        self.stdout.write(
            f"processor time against now: a call a cell {cpu_medians[1] / cpu_medians[0]:.2f}×, "
            f"openpyxl {cpu_medians[2] / cpu_medians[0]:.2f}×"
        )

    def time_exports(self, runs: int) -> None:
        """One line per whole export on the database: rows, download median and p95, processor, reading, size."""
        from django.db import connection

        self.stdout.write(f"database: {connection.vendor} {connection.settings_dict['NAME']}, {runs} timed runs")
        header = f"{'export':<24}{'rows':>8}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>9}{'read ms':>9}{'size KiB':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        for case in export_cases():
            timing = time_case(case, runs)
            self.stdout.write(
                f"{case.name:<24}{case.rows:>8}{timing.download.median:>11.0f}{timing.download.p95:>9.0f}"
                f"{timing.download_cpu_ms:>9.0f}{timing.read.median:>9.0f}{timing.size / 1024:>10.0f}"
            )
