"""`workbench bench visits`: time recording visits and the visit pages (实施, issue 12 "Measured"), through the test
Client and the whole stack (middleware, access, the API's JSON, visits.services.record_visit), on the database
DATABASE_URL points at (the city preset with its year of visits: `workbench demo-visits`).

The customer manager with the most customers, "today" being the day of the latest visit recorded (or the data's
last day), inside one transaction that is rolled back at the end (nothing stays written):

- posting one visit (POST /api/v1/visits/, a fresh client_id each time, with location stamps and a request):
  median and p95, ≤ 150 ms median (the load test measures its p95 under load);
- syncing 50 queued visits from one phone (POST /api/v1/visits/sync, one request): ≤ 5 s;
- his visit pages, when they exist (the day list visits:day, the visit list visits:visit_list): ≤ 150 ms median.

Each case runs once to warm up, then `runs` times on the clock.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from datetime import date
from functools import partial

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Max
from django.test import Client
from django.urls import NoReverseMatch, reverse

from workbench.accounts.models import Staff
from workbench.customers.models import Customer
from workbench.devtools.bench.plans import frozen
from workbench.devtools.bench.timing import time_runs
from workbench.orders.freshness import data_end
from workbench.visits.models import Visit

POST_LIMIT_MS = 150
SYNC_LIMIT_S = 5
PAGE_LIMIT_MS = 150
SYNC_VISITS = 50
PAGES = (("day list", "visits:day"), ("visit list", "visits:visit_list"))


class Rollback(Exception):
    """Raised at the end of the benchmark's transaction so that everything it wrote goes."""


def visit_body(customer: Customer, day: date, index: int = 0) -> dict:
    """One visit as the phone sends it (docs/api.md "Visits"), with a fresh client_id."""
    start = 8 * 60 + 30 + (index * 13) % 540
    end = start + 9
    body: dict = {
        "client_id": str(uuid.uuid4()),
        "customer": customer.pk,
        "visited_on": day.isoformat(),
        "start_time": f"{start // 60:02d}:{start % 60:02d}",
        "end_time": f"{end // 60:02d}:{end % 60:02d}",
        "mode": "field",
        "purposes": ["order_guidance", "information"],
        "business": "客流平稳，经营正常",
        "brands": "南京系列陈列到位",
        "market": "",
        "satisfaction": 4,
        "next_action": "下次拜访复查陈列",
        "requests": [{"kind": "supply", "text": "希望增加细支烟货源", "state": "open"}],
    }
    if customer.lat is not None and customer.lng is not None:
        at = f"{day.isoformat()}T{body['start_time']}:10+08:00"
        stamp = {"lat": float(customer.lat) + 0.0001, "lng": float(customer.lng), "accuracy": 12, "at": at}
        body["location"] = {"start": stamp, "end": stamp}
    return body


def run_visits_bench(*, runs: int, write: Callable[[str], None]) -> bool:
    """Print the timings; False when there is no customer manager with a login and customers, or a measure is
    exceeded."""
    manager = (
        Staff.objects.customer_managers()
        .filter(is_active=True, user__isnull=False)
        .annotate(customer_count=Count("customers"))
        .filter(customer_count__gt=0)
        .order_by("-customer_count", "code")
        .first()
    )
    today = Visit.objects.aggregate(day=Max("visited_on"))["day"] or data_end()
    if manager is None or today is None:
        write("No customer manager with a login and customers, or no data: load a demo city first.")
        return False
    visits = Visit.objects.count()
    write(
        f"database: {connection.vendor} {settings.DATABASES['default']['NAME']}; {visits:,} visits; today {today}; "
        f"{manager.code} ({manager.customer_count} customers, "
        f"{Visit.objects.filter(staff=manager).count():,} visits)"
    )
    within = True
    try:
        with transaction.atomic(), frozen(today):
            within = _measure(manager, today, runs, write)
            raise Rollback
    except Rollback:
        pass
    return within


def _measure(manager: Staff, today: date, runs: int, write: Callable[[str], None]) -> bool:
    host = next((name.lstrip(".") for name in settings.ALLOWED_HOSTS if name != "*"), "localhost")
    client = Client(HTTP_HOST=host)
    assert manager.user is not None  # run_visits_bench picks a customer manager with a login
    client.force_login(manager.user)
    customers = list(Customer.objects.filter(manager=manager).order_by("code")[:SYNC_VISITS])
    within = True

    def post_one() -> int:
        body = visit_body(customers[0], today)
        response = client.post("/api/v1/visits/", json.dumps(body), content_type="application/json")
        return response.status_code

    status, posted = time_runs(post_one, runs)
    ok = status == 201
    write(
        f"post one visit  median {posted.median:.1f} ms  p95 {posted.p95:.1f} ms" + ("" if ok else f"  HTTP {status}")
    )
    within = within and ok and posted.median <= POST_LIMIT_MS

    def sync() -> tuple[int, list[str]]:
        queued = [visit_body(customers[index % len(customers)], today, index) for index in range(SYNC_VISITS)]
        response = client.post("/api/v1/visits/sync", json.dumps({"visits": queued}), content_type="application/json")
        results = response.json().get("results", []) if response.status_code == 200 else []
        return response.status_code, [result["status"] for result in results]

    (status, statuses), synced = time_runs(sync, max(1, runs // 2))
    created = statuses.count("created")
    ok = status == 200 and created == SYNC_VISITS
    write(
        f"sync {SYNC_VISITS} queued visits  median {synced.median / 1000:.2f} s  max {max(synced.samples) / 1000:.2f} s"
        f"  ({created} created)" + ("" if ok else f"  HTTP {status}")
    )
    within = within and ok and synced.median <= SYNC_LIMIT_S * 1000

    for label, name in PAGES:
        try:
            path = reverse(name)
        except NoReverseMatch:
            write(f"{label}  not present ({name})")
            continue
        responses, page = time_runs(partial(page_status, client, path), runs)
        ok = responses == 200
        line = f"{label} ({path})  median {page.median:.1f} ms  p95 {page.p95:.1f} ms"
        write(line + ("" if ok else f"  HTTP {responses}"))
        within = within and ok and page.median <= PAGE_LIMIT_MS
    return within


def page_status(client: Client, path: str) -> int:
    return client.get(path).status_code
