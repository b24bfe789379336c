"""The morning rush: customer managers (客户经理) log in and browse their territory at the same hour.

Each simulated user takes one customer-manager login (the staff codes of `--staff-codes`, one per line, dealt out
in turn: distinct logins while there are enough of them), logs in through the real login form (GET for the CSRF
token, then POST), fetches the page's static files once (a browser keeps them: they are served with far-future
cache headers), then loops with think times over what a customer manager opens in the morning: the home page, his
customer list (sometimes filtered, sometimes page 2), one of his customers, and three analysis reports for last
month. Every request is named by its endpoint, so locust's statistics are per endpoint. With LOADTEST_LEADERS=N,
N leaders (领导) join them: reports over their whole unit and Excel exports, with longer think times.

The visit scenario (issue 12, 实施): with LOADTEST_VISITS=N, N customer managers each post a visit to one of their
customers through the API (POST /api/v1/visits/, the session's CSRF token in X-CSRFToken) every 30 seconds; with
LOADTEST_SYNCERS=M, M of the same logins each sync 20 queued visits in one request (POST /api/v1/visits/sync), all M
at the same moment, once a minute (a team's phones finding the network again). Their customers come from
--visit-customers (loadtest/codes.py writes it).

Run it through `loadtest/run`, which starts the server, writes the code files and summarises the result; by hand:

    locust -f loadtest/locustfile.py --host http://127.0.0.1:8000 --staff-codes codes.txt --spec-codes specs.txt \
        [--leader-codes leaders.txt] --headless --users 100 --spawn-rate 10 --run-time 3m --csv var/loadtest/run

The password of every login is WORKBENCH_DEMO_PASSWORD (default demo12345, the demo's). This file runs in
locust's own virtualenv: it imports nothing from Workbench.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import random
import re
import threading
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from locust import HttpUser, events, task

CUSTOMER_LINK = re.compile(r'href="/customers/([^/"?#]+)/"')
STATIC_LINK = re.compile(r'(?:href|src)="(/static/[^"]+)"')
SPEC_OPTION = re.compile(r'<option value="(\d{4,})"')
NOT_CUSTOMERS = {"sets", "export"}

# Filters a customer manager uses on his list (业态, 档位, 状态, search); page 2 is asked for separately.
CUSTOMER_FILTERS = [
    "format=Z",  # 食杂店
    "format=B",  # 便利店
    "grade_from=20",  # 档位 ≥ 20
    "status=active",
    "market_type=X",  # 乡村
    "q=店",
    "sort=grade",
]


@events.init_command_line_parser.add_listener
def add_arguments(parser) -> None:
    parser.add_argument("--staff-codes", default="", help="file of customer-manager staff codes, one per line")
    parser.add_argument("--spec-codes", default="", help="file of spec codes for the distribution-rate report")
    parser.add_argument("--leader-codes", default="", help="file of leader staff codes (with LOADTEST_LEADERS)")
    parser.add_argument("--think-min", type=float, default=3.0, help="shortest think time between pages (s)")
    parser.add_argument("--think-max", type=float, default=10.0, help="longest think time between pages (s)")
    parser.add_argument("--request-log", default="", help="CSV file of every request (time, name, ms, ok)")
    parser.add_argument("--visit-customers", default="", help="file of 'code pk:lat:lng …' lines (visit scenario)")


def read_codes(path: str) -> list[str]:
    """The non-empty lines of a file (an empty path: none)."""
    if not path:
        return []
    return [line.strip() for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


class Logins:
    """Deals the staff codes out to the users in turn, one pool per kind of user; safe for greenlets and threads."""

    def __init__(self) -> None:
        self.specs: list[str] = []
        self.customers: dict[str, list[tuple[int, float | None, float | None]]] = {}
        self._cycles: dict[str, itertools.cycle] = {}
        self._lock = threading.Lock()

    def load(self, kind: str, codes: list[str]) -> None:
        self._cycles[kind] = itertools.cycle(codes)

    def next_code(self, kind: str) -> str:
        with self._lock:
            return next(self._cycles[kind])


LOGINS = Logins()
# Leaders (领导) running city-wide reports and exports beside the customer managers: LOADTEST_LEADERS=N adds N of
# them (loadtest/run --leaders N); with 0 the Leader class is left out.
LEADERS = int(os.environ.get("LOADTEST_LEADERS", "0") or 0)
# The visit scenario: LOADTEST_VISITS customer managers posting a visit every VISIT_EVERY seconds, LOADTEST_SYNCERS
# syncing SYNC_BATCH queued visits each, together, every SYNC_EVERY seconds (loadtest/run --visits N --syncers M).
VISITS = int(os.environ.get("LOADTEST_VISITS", "0") or 0)
SYNCERS = int(os.environ.get("LOADTEST_SYNCERS", "0") or 0)
VISIT_EVERY = 30
SYNC_EVERY = 60
SYNC_BATCH = 20
CHINA = timezone(timedelta(hours=8))  # the installation's time zone (Asia/Shanghai): the visits' day
STARTED = time.time()  # the syncers' bursts are at STARTED + k × SYNC_EVERY (a common clock for them all)


def read_customers(path: str) -> dict[str, list[tuple[int, float | None, float | None]]]:
    """{staff code: [(customer pk, lat, lng), …]} from the lines 'code pk:lat:lng …' of codes.py."""
    found: dict[str, list[tuple[int, float | None, float | None]]] = {}
    for line in read_codes(path):
        code, *customers = line.split()
        for item in customers:
            pk, lat, lng = item.split(":")
            found.setdefault(code, []).append((int(pk), float(lat) if lat else None, float(lng) if lng else None))
    return found


@events.init.add_listener
def load_codes(environment, **_kwargs) -> None:
    options = environment.parsed_options
    if options is None:  # a locust library user without the command line
        return
    codes = read_codes(options.staff_codes)
    if not codes:
        raise SystemExit("locustfile: --staff-codes names no customer-manager staff code")
    LOGINS.load("customer_manager", codes)
    LOGINS.specs = read_codes(options.spec_codes)
    if LEADERS:
        leader_codes = read_codes(options.leader_codes)
        if not leader_codes:
            raise SystemExit("locustfile: LOADTEST_LEADERS is set but --leader-codes names no leader")
        LOGINS.load("leader", leader_codes)
    if VISITS or SYNCERS:
        LOGINS.customers = read_customers(options.visit_customers)
        with_customers = [code for code in codes if LOGINS.customers.get(code)]
        if not with_customers:
            raise SystemExit("locustfile: the visit scenario needs --visit-customers naming customers of the logins")
        LOGINS.load("visitor", with_customers)
        LOGINS.load("syncer", with_customers)  # the first SYNCERS of the visitors' logins
    managers = (getattr(options, "num_users", None) or 0) - LEADERS - VISITS - SYNCERS
    if managers > len(codes):
        print(f"locustfile: {managers} customer managers share {len(codes)} logins (a bigger demo preset has more)")


class RequestLog:
    """Every request's start time, name, response time and outcome, written at the end of the run: locust keeps only
    cumulative percentiles, and the summary wants those of the steady state after the login rush too."""

    def __init__(self) -> None:
        self.rows: list[tuple[float, str, str, float, int]] = []

    def record(self, request_type, name, response_time, exception=None, start_time=None, **_kwargs) -> None:
        self.rows.append((start_time or 0.0, request_type, name, response_time, 0 if exception else 1))

    def write(self, path: str) -> None:
        with open(path, "w", newline="", encoding="utf-8") as file:
            writer = csv.writer(file)
            writer.writerow(["start", "method", "name", "ms", "ok"])
            for start, method, name, ms, ok in self.rows:
                writer.writerow([f"{start:.3f}", method, name, f"{ms:.1f}", ok])


REQUEST_LOG = RequestLog()


@events.request.add_listener
def record_request(**kwargs) -> None:
    REQUEST_LOG.record(**kwargs)


@events.quitting.add_listener
def write_request_log(environment, **_kwargs) -> None:
    options = environment.parsed_options
    if options is not None and options.request_log:
        REQUEST_LOG.write(options.request_log)


class PlatformUser(HttpUser):
    """A logged-in user of the platform: login, static files, and pages checked for a 200 answer."""

    abstract = True
    kind = ""  # the pool of logins (Logins) this kind of user draws from

    def wait_time(self) -> float:
        """Think time between two pages: uniform between --think-min and --think-max seconds."""
        options = self.environment.parsed_options
        low, high = (options.think_min, options.think_max) if options is not None else (3.0, 10.0)
        return random.uniform(low, high)

    def on_start(self) -> None:
        self.code = LOGINS.next_code(self.kind)
        self.password = os.environ.get("WORKBENCH_DEMO_PASSWORD", "demo12345")
        self.customers: list[str] = []
        self.specs = list(LOGINS.specs)
        self.login()
        self.load_static_files()

    def login(self) -> None:
        """The login form: GET for the CSRF cookie and token, POST the staff code and password."""
        self.client.get("/accounts/login/", name="login form")
        token = self.client.cookies.get("csrftoken", "")
        with self.client.post(
            "/accounts/login/",
            data={"username": self.code, "password": self.password, "csrfmiddlewaretoken": token},
            headers={"Referer": f"{self.host}/accounts/login/"},
            name="login",
            allow_redirects=False,
            catch_response=True,
        ) as response:
            if response.status_code != 302:
                response.failure(f"login of {self.code} answered {response.status_code}, not a redirect")
            else:
                response.success()

    def load_static_files(self) -> None:
        """The home page and its CSS and JavaScript, once, as a browser's first visit of the day."""
        response = self.client.get("/", name="home")
        for path in sorted(set(STATIC_LINK.findall(response.text))):
            self.client.get(path, name="static file")

    def page(self, path: str, name: str):
        """GET a page of the platform; anything but 200 is a failure (a redirect to the login page included)."""
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as response:
            if response.status_code == 0:  # no answer at all: the connection failed
                response.failure(f"{path}: {response.error!r}")
            elif response.status_code != 200:
                response.failure(f"{path} answered {response.status_code}")
            return response


class CustomerManager(PlatformUser):
    """One customer manager (客户经理) at his desk or on his phone."""

    kind = "customer_manager"

    @task(3)
    def home(self) -> None:
        self.page("/", "home")

    @task(3)
    def customer_list(self) -> None:
        roll = random.random()
        if roll < 0.5:
            response = self.page("/customers/", "customers")
        elif roll < 0.75:
            response = self.page(f"/customers/?{random.choice(CUSTOMER_FILTERS)}", "customers?filter")
        else:
            response = self.page("/customers/?page=2", "customers?page=2")
        found = [code for code in CUSTOMER_LINK.findall(response.text or "") if code not in NOT_CUSTOMERS]
        if found:
            self.customers = sorted(set(self.customers) | set(found))

    @task(2)
    def customer_page(self) -> None:
        if not self.customers:
            self.customer_list()
        if self.customers:
            self.page(f"/customers/{random.choice(self.customers)}/", "customer page")

    @task(1)
    def business_overview(self) -> None:
        self.page("/analysis/business-overview/?period=last_month", "report: business-overview")

    @task(1)
    def distribution_rate(self) -> None:
        if not self.specs:
            # No spec file: read the spec codes the report's form offers (a first visit draws the form).
            response = self.page("/analysis/distribution-rate/", "report: distribution-rate (form)")
            self.specs = SPEC_OPTION.findall(response.text or "")[:20]
        if self.specs:
            specs = ",".join(random.sample(self.specs, k=min(3, len(self.specs))))
            self.page(f"/analysis/distribution-rate/?period=last_month&specs={specs}", "report: distribution-rate")

    @task(1)
    def supply_demand(self) -> None:
        self.page("/analysis/supply-demand/?period=last_month", "report: supply-demand")


class Leader(PlatformUser):
    """A leader (领导) of the company or a department: reports over his whole unit and their Excel exports."""

    abstract = LEADERS == 0
    fixed_count = LEADERS
    kind = "leader"

    def wait_time(self) -> float:
        """Leaders read what they asked for: three times a customer manager's think time."""
        return 3 * super().wait_time()

    @task(2)
    def business_overview(self) -> None:
        self.page("/analysis/business-overview/?period=last_3_months", "leader: business-overview")

    @task(2)
    def distribution_rate(self) -> None:
        specs = ",".join(self.specs[:5])
        self.page(f"/analysis/distribution-rate/?period=last_month&specs={specs}", "leader: distribution-rate")

    @task(2)
    def classification_sales(self) -> None:
        self.page("/analysis/classification-sales/?period=last_3_months", "leader: classification-sales")

    @task(1)
    def supply_demand_export(self) -> None:
        self.page("/analysis/supply-demand/export/?period=last_month", "leader: supply-demand export")

    @task(1)
    def customer_export(self) -> None:
        self.page("/customers/export/", "leader: customers export")


def visit_body(customer: tuple[int, float | None, float | None]) -> dict:
    """One visit as the phone sends it (docs/api.md "Visits"): a fresh client_id, today, the stamps near the shop."""
    pk, lat, lng = customer
    now = datetime.now(CHINA)
    start = random.randint(8 * 60, 17 * 60)
    end = start + random.randint(6, 15)
    body: dict = {
        "client_id": str(uuid.uuid4()),
        "customer": pk,
        "visited_on": now.date().isoformat(),
        "start_time": f"{start // 60:02d}:{start % 60:02d}",
        "end_time": f"{end // 60:02d}:{end % 60:02d}",
        "mode": "field",
        "purposes": random.sample(["order_guidance", "information", "brand_promotion", "display"], k=2),
        "business": "客流平稳，经营正常",
        "brands": "南京系列陈列到位",
        "satisfaction": random.choice([None, 3, 4, 5]),
        "next_action": "下次拜访复查陈列",
        "requests": [{"kind": "supply", "text": "希望增加细支烟货源", "state": "open"}]
        if random.random() < 0.1
        else [],
    }
    if lat is not None and lng is not None:
        stamp = {"lat": lat + random.uniform(-0.0002, 0.0002), "lng": lng, "accuracy": 12, "at": now.isoformat()}
        body["location"] = {"start": stamp, "end": stamp}
    return body


class ApiUser(PlatformUser):
    """A customer manager's phone: logged in (a session), posting JSON with the CSRF token as the page's JS does."""

    abstract = True

    def on_start(self) -> None:
        self.code = LOGINS.next_code(self.kind)
        self.password = os.environ.get("WORKBENCH_DEMO_PASSWORD", "demo12345")
        self.own = LOGINS.customers[self.code]
        self.login()

    def post_json(self, path: str, body: dict, name: str, expected: int, check=None) -> None:
        """POST the JSON body; a failure unless the answer is `expected` and `check(answer)` (if given) says None."""
        headers = {
            "X-CSRFToken": self.client.cookies.get("csrftoken", ""),
            "Referer": f"{self.host}/visits/",
            "Content-Type": "application/json",
        }
        with self.client.post(
            path, data=json.dumps(body), headers=headers, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != expected:
                response.failure(f"{path} answered {response.status_code}: {(response.text or '')[:200]}")
            elif check is not None and (problem := check(response.json())):
                response.failure(problem)
            else:
                response.success()


class FieldVisitor(ApiUser):
    """A customer manager in the field, posting a visit every VISIT_EVERY seconds."""

    abstract = VISITS == 0
    fixed_count = VISITS
    kind = "visitor"

    def wait_time(self) -> float:
        return VISIT_EVERY * random.uniform(0.9, 1.1)

    def on_start(self) -> None:
        super().on_start()
        time.sleep(random.uniform(0, VISIT_EVERY))  # spread the first posts over the period (gevent's sleep)

    @task
    def post_visit(self) -> None:
        self.post_json("/api/v1/visits/", visit_body(random.choice(self.own)), "visit post", 201)


class QueueSyncer(ApiUser):
    """A phone back on the network with SYNC_BATCH queued visits; all the syncers send theirs at the same moment."""

    abstract = SYNCERS == 0
    fixed_count = SYNCERS
    kind = "syncer"

    def wait_time(self) -> float:
        """Until the next burst: the next multiple of SYNC_EVERY seconds since the start."""
        return SYNC_EVERY - ((time.time() - STARTED) % SYNC_EVERY)

    @task
    def sync(self) -> None:
        visits = [visit_body(random.choice(self.own)) for _index in range(SYNC_BATCH)]
        self.post_json("/api/v1/visits/sync", {"visits": visits}, f"visits sync ({SYNC_BATCH})", 200, all_created)


def all_created(answer: dict) -> str | None:
    """None when every visit of the sync was created, else what went wrong."""
    statuses = [result.get("status") for result in answer.get("results", [])]
    if statuses.count("created") != SYNC_BATCH:
        return f"sync: {statuses.count('created')} of {SYNC_BATCH} created ({statuses[:3]}…)"
    return None
