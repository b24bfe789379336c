"""`workbench bench_exports`: time the Excel writer against the previous one on a customer-list-sized table.

Both writers get the same 23-column table (devtools.bench.exports: the customer list's columns, `--rows` made-up
customers, 30,000 by default: the city preset's customer count) and write it to a file in the temporary folder;
each runs once to warm up and then `--runs` times. The table gives the median and the 95th percentile in
milliseconds (wall clock), the median processor time of the same runs (what the writer costs on a shared machine,
where the wall clock also counts other processes' turns), the file's size, and with `--memory` the peak of Python
allocations during one more run (tracemalloc slows the run down, so it is measured apart from the timings). No
database is read.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from workbench.devtools.bench.exports import sample_columns, sample_rows, write_with_openpyxl
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

    def openpyxl(path: Path, count: int) -> int:
        return write_with_openpyxl(path, title=TITLE, params=PARAMS, columns=sample_columns(), rows=sample_rows(count))

    return [("XlsxWriter, constant memory (now)", xlsxwriter), ("openpyxl, write-only (before)", openpyxl)]


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

    def handle(self, *args, **options):
        count, runs = options["rows"], options["runs"]
        if count < 1 or runs < 1:
            raise CommandError("--rows and --runs take a positive number.")
        self.stdout.write(f"{count:,} rows × {len(sample_columns())} columns, {runs} timed runs per writer")
        header = f"{'writer':<36}{'median ms':>11}{'p95 ms':>9}{'cpu ms':>9}{'size KiB':>10}"
        if options["memory"]:
            header += f"{'peak MiB':>10}"
        self.stdout.write(header)
        self.stdout.write("-" * len(header))
        medians: list[float] = []
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
        self.stdout.write(f"openpyxl / XlsxWriter: {medians[1] / medians[0]:.2f}×")
