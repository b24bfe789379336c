"""`workbench bench visits` on the analysis territory: it posts a visit, syncs 50, requests the visit pages that
exist, prints a line each, and writes nothing (its transaction is rolled back). Durations are not asserted."""

from workbench.devtools.bench.visits import run_visits_bench
from workbench.testing import rows
from workbench.visits.models import Visit, VisitRequest

everything = rows(Visit, VisitRequest)


def test_the_visits_bench_posts_syncs_and_writes_nothing(territory):
    before = everything()
    lines: list[str] = []

    # when
    run_visits_bench(runs=1, write=lines.append)

    # then a line per case, each answered (no "HTTP" line): the visit posted, the 50 synced all created
    assert lines[0].startswith("database: ")
    assert lines[1].startswith("post one visit  median ")
    assert lines[2].startswith("sync 50 queued visits  median ")
    assert lines[2].endswith("(50 created)")
    assert [line.split(" (")[0].split("  ")[0] for line in lines[3:]] == ["day list", "visit list"]
    assert not [line for line in lines if "HTTP" in line]
    # and what it wrote is gone
    assert everything() == before
