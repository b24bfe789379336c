"""CPU the server and the database spent during a load test, for sizing (docs/deploy.md).

    DATABASE_URL=… .venv/bin/python loadtest/resources.py GUNICORN_MASTER_PID > DIR/resources.txt

Prints the CPU seconds and resident memory of the gunicorn master and its workers, and, when PostgreSQL runs on
this machine, the CPU of the database's server processes connected to this database now (persistent connections:
the workers' own). Run it just before stopping the server; it reads /proc, so Linux only.
"""

import os
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "workbench.settings")
django.setup()

from django.db import connection  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU of one process (0 when it is gone or not ours to read)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def rss_megabytes(pid: int) -> float:
    """Resident memory of one process in MB (0 when it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


master = int(sys.argv[1])
workers = children(master)
app = cpu_seconds(master) + sum(cpu_seconds(pid) for pid in workers)
print(f"app CPU: {app:.1f} s (gunicorn master and {len(workers)} workers)")
memory = [rss_megabytes(pid) for pid in workers]
if memory:
    print(f"app memory: master {rss_megabytes(master):.0f} MB, workers {min(memory):.0f}–{max(memory):.0f} MB resident")
if connection.vendor == "postgresql":
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        backends = [row[0] for row in cursor.fetchall()]
    database = sum(cpu_seconds(pid) for pid in backends)
    print(f"database connections: {len(backends)}; their CPU: {database:.1f} s (0 when PostgreSQL is elsewhere)")
