"""An order import holding SQLite's write lock while a customer manager logs in, reads and saves (test_busy.py).

Run in a process of its own, on a database file (WAL needs one; the test database is in memory):
`DATABASE_URL=sqlite:////tmp/x/db.sqlite3 python -m workbench.imports.tests.busy_scenario /tmp/x`. It prints what
it saw as JSON: status codes, whether each request waited for the busy timeout, and what the database held before
and after the import committed.
"""

import json
import sys
import threading
import time
from pathlib import Path

import django


def main(directory: Path) -> dict:
    django.setup()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import translation

    from workbench import testing
    from workbench.accounts.models import OrgKind, Role
    from workbench.api.models import ApiToken
    from workbench.api.services import create_token
    from workbench.customers.models import CustomerSet
    from workbench.imports import order_lines
    from workbench.imports.services import import_file
    from workbench.orders.models import OrderLine

    call_command("migrate", verbosity=0)
    company = testing.make_org("NJ", OrgKind.COMPANY)
    team = testing.make_org("T1", OrgKind.TEAM, company)
    manager = testing.make_staff("CM1", Role.CUSTOMER_MANAGER, team)
    testing.make_customer("C001", manager)
    testing.make_spec("6901")
    root = get_user_model().objects.create_superuser("root", password=testing.PASSWORD)
    token, key = create_token(user=manager.user, name="script")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        (journal_mode,) = cursor.fetchone()
    lines = directory / "orders.csv"
    rows = ["order_no,order_date,customer_code,spec_code,demand_qty,limit_qty,order_qty,price,amount"]
    rows += [f"O{n},2025-01-{1 + n % 28:02d},C001,6901,2,,1,," for n in range(2000)]
    lines.write_text("\n".join(rows) + "\n", encoding="utf-8")

    # The import pauses once its lines are written, inside its transaction, until the requests below are done.
    holding, release = threading.Event(), threading.Event()
    load = order_lines._load_into_empty_table

    def load_then_hold(cursor, clock):
        load(cursor, clock)
        holding.set()
        release.wait(120)

    order_lines._load_into_empty_table = load_then_hold
    outcome: dict = {}

    def run_import():
        outcome["report"] = import_file("orders", lines)
        connection.close()

    with translation.override("en"):
        administrator = Client(HTTP_ACCEPT_LANGUAGE="en")
        administrator.force_login(root)  # before the import: the lock was free
    writer = threading.Thread(target=run_import)
    writer.start()
    holding.wait(60)

    seen: dict = {"journal_mode": journal_mode, "session_engine": settings.SESSION_ENGINE}
    # A request that waited for the lock took at least the busy timeout; one that did not, less.
    waited = settings.WORKBENCH_SQLITE_BUSY_TIMEOUT
    with translation.override("en"):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        started = time.perf_counter()
        response = client.post("/accounts/login/", {"username": "CM1", "password": testing.PASSWORD})
        seen["login"] = [response.status_code, time.perf_counter() - started < waited]
        for name, path in (("home", "/"), ("customers", "/customers/"), ("sets", "/customers/sets/")):
            started = time.perf_counter()
            response = client.get(path)
            seen[name] = [response.status_code, time.perf_counter() - started < waited]
        # The admin's change page reads inside a transaction (Django's changeform_view): begun deferred on a GET.
        started = time.perf_counter()
        response = administrator.get(f"/admin/accounts/orgunit/{team.pk}/change/")
        seen["admin_change_page"] = [response.status_code, time.perf_counter() - started < waited]
        # An API call stamps its token's last use only if that needs no waiting.
        started = time.perf_counter()
        address = "/api/v1/reports/business-overview?from=2025-01-01&to=2025-01-31"
        response = Client().get(address, HTTP_AUTHORIZATION=f"Bearer {key}")
        seen["api_call"] = [response.status_code, time.perf_counter() - started < waited]
        seen["token_last_used_during_import"] = str(ApiToken.objects.get(pk=token.pk).last_used_at)
        seen["lines_seen_during_import"] = OrderLine.objects.count()
        form = {"kind": "fixed", "name": "周一拜访", "description": "", "action": "save", "codes": "C001"}
        started = time.perf_counter()
        response = client.post("/customers/sets/new/", form)
        seen["save"] = [response.status_code, time.perf_counter() - started >= waited]
        seen["save_retry_after"] = response.get("Retry-After")
        page = response.content.decode()
        seen["save_says"] = "The database is busy with an import" in page
        seen["save_keeps"] = [
            f'<input type="hidden" name="{name}" value="{value}">' in page for name, value in form.items() if value
        ]
        seen["sets_during_import"] = CustomerSet.objects.count()
        seen["last_login_during_import"] = str(get_user_model().objects.get(staff=manager).last_login)
        release.set()
        writer.join(60)
        report = outcome["report"]
        seen["import"] = [report.ok, report.created]
        seen["lines_after_import"] = OrderLine.objects.count()
        response = client.post("/customers/sets/new/", form)
        seen["save_again"] = response.status_code
        seen["sets_after_import"] = CustomerSet.objects.count()
    return seen


if __name__ == "__main__":
    print(json.dumps(main(Path(sys.argv[1]))))
