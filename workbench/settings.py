"""Workbench settings: one file, driven by the environment.

SQLite is the default and needs nothing; DATABASE_URL=postgres://… switches to PostgreSQL.
"""

import importlib.util
import os
import tempfile
from pathlib import Path

from workbench.lib.dburl import parse_database_url

BASE_DIR = Path(__file__).resolve().parent


def env_flag(name: str, default: bool) -> bool:
    """Read a boolean environment variable (1/true/yes/on)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


DEBUG = env_flag("WORKBENCH_DEBUG", False)
# The fallback key is for the demo and the tests only; a real installation sets WORKBENCH_SECRET_KEY.
SECRET_KEY = os.environ.get("WORKBENCH_SECRET_KEY", "workbench-demo-key-not-for-production-use-0123456789")
ALLOWED_HOSTS = [h for h in os.environ.get("WORKBENCH_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    # First, so that its runserver (which refuses the demo secret key) wins over staticfiles' (security block).
    "workbench.security",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "workbench.accounts",
    "workbench.sets",  # access: what every kind of saved set shares (no table of its own)
    "workbench.catalog",
    "workbench.customers",
    "workbench.orders",
    "workbench.reviews",  # 计划: the review mechanism (draft → submitted → approved / returned)
    "workbench.planning",  # 计划: team plans, monthly plans, weeks and days
    "workbench.imports",
    "workbench.demo",
    "workbench.reporting",
    "workbench.analysis",
    "workbench.implementation",  # 实施's reports: the sample points' 存销比, 客户断货率, retail prices
    "workbench.visits",
    "workbench.features",  # 实施: market features (市场特征) per customer, with their history
    "workbench.targets",  # targets: 销售目标, 提升目标, KPI targets (计划)
    "workbench.visitplans",  # 计划: visit cycles, the month's visit plan, the day's route
    "workbench.scorecards",  # 实施: scorecard templates in versions, the monthly scorecards (记分卡录入)
    "workbench.api",
    "workbench.web",
    "csp",
]
# --- devtools (development only): `bench` and `double-history`; the wheel leaves the package out ---------------------
if importlib.util.find_spec("workbench.devtools") is not None:
    INSTALLED_APPS.append("workbench.devtools")

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "workbench.lib.busy.DatabaseBusyMiddleware",  # SQLite during an import: pages read on, saves say they wait
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Security block (below): the Content-Security-Policy and Cache-Control of logged-in pages.
    "csp.middleware.CSPMiddleware",
    "workbench.security.middleware.PrivateNoStoreMiddleware",
]

ROOT_URLCONF = "workbench.urls"
WSGI_APPLICATION = "workbench.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "workbench.web.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {"default": parse_database_url(os.environ.get("DATABASE_URL", "sqlite:///workbench.sqlite3"))}
# --- Database and sessions (lib/busy.py tells how SQLite and an import's long write live together) ---
# How long a web request waits for SQLite's write lock before its save is refused with a 503 that keeps the input.
WORKBENCH_SQLITE_BUSY_TIMEOUT = float(os.environ.get("WORKBENCH_SQLITE_BUSY_TIMEOUT", "2"))
# How long an import waits for another import (or any other writer) on SQLite.
WORKBENCH_SQLITE_WRITER_TIMEOUT = float(os.environ.get("WORKBENCH_SQLITE_WRITER_TIMEOUT", "600"))
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while an import writes; IMMEDIATE avoids "database is locked" upgrades (a
    # transaction takes the write lock before it reads; lib/busy.py lets GET requests begin theirs deferred).
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-200000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": WORKBENCH_SQLITE_BUSY_TIMEOUT,
    }
    # Sessions as files beside the database: a login or a page needs no write lock (lib/sessions.py says why).
    SESSION_ENGINE = "workbench.lib.sessions"
    _database_file = DATABASES["default"]["NAME"]
    SESSION_FILE_PATH = os.environ.get("WORKBENCH_SESSION_DIR") or (
        f"{_database_file}-sessions"
        if ":memory:" not in _database_file and "mode=memory" not in _database_file
        else os.path.join(tempfile.gettempdir(), "workbench-sessions")
    )
else:
    # JIT compilation costs more per report query than it saves on queries that take milliseconds
    # (docs/performance.md#jit-off).
    DATABASES["default"]["OPTIONS"] = {"options": "-c jit=off"}
    DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get("WORKBENCH_CONN_MAX_AGE", "60"))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# A read replica for reports (docs/deploy.md): DATABASE_REPLICA_URL=postgres://… adds the "replica" alias.
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = parse_database_url(os.environ["DATABASE_REPLICA_URL"])
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"].get("CONN_MAX_AGE", 0)
    DATABASES["replica"]["OPTIONS"] = DATABASES["default"].get("OPTIONS", {})
    DATABASES["replica"]["CONN_HEALTH_CHECKS"] = True
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["workbench.lib.routers.PrimaryReplicaRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# The covering indexes of the monthly summaries (orders.models) matter on PostgreSQL only; SQLite builds them
# without their INCLUDE columns, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]

# Argon2id first (accounts/hashers.py says why); the others verify older hashes, which are upgraded at login.
PASSWORD_HASHERS = [
    "workbench.accounts.hashers.Argon2idHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["workbench.formats"]
TIME_ZONE = os.environ.get("WORKBENCH_TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production runs `workbench collectstatic` into WORKBENCH_STATIC_ROOT (docs/deploy.md); without it, WhiteNoise
# serves the files straight from the package.
STATIC_ROOT = os.environ.get("WORKBENCH_STATIC_ROOT") or None
WHITENOISE_USE_FINDERS = STATIC_ROOT is None
if STATIC_ROOT:
    # Hashed, pre-compressed copies made once by collectstatic: WhiteNoise serves them with far-future cache headers.
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# 价类 (price class) thresholds on the transfer price (调拨价, 元 per 条, before tax): the first
# class whose threshold the price reaches; below the last one is 五类 (class 5).
PRICE_CLASS_THRESHOLDS = [(1, 100), (2, 70), (3, 30), (4, 16.5)]
# 档位 (grade) range.
GRADE_MIN, GRADE_MAX = 1, 30
# 四率 (the four rates) shown by the four-rates report.
FOUR_RATES = ["distribution_rate", "movement_rate", "stockout_rate", "repurchase_rate"]
# Imports stop reading a file at this many errors (imports/report.py says why).
IMPORT_MAX_ERRORS = int(os.environ.get("WORKBENCH_IMPORT_MAX_ERRORS", "200"))
# Page size of lists.
PAGE_SIZE = 50

# --- Reports (workbench/reporting, docs/api.md) ---------------------------------------------------------------
# The most rows a report's Excel export holds; a larger one is refused with a 400 that says how to narrow it
# (the city's 40,000 customers fit with room to spare).
WORKBENCH_EXPORT_MAX_ROWS = int(os.environ.get("WORKBENCH_EXPORT_MAX_ROWS", "100000"))
# The largest (and default) `page_size` of the reports' JSON API.
WORKBENCH_API_MAX_PAGE_SIZE = int(os.environ.get("WORKBENCH_API_MAX_PAGE_SIZE", "1000"))
# --- end of reports ----------------------------------------------------------------------------------------------
# --- Customer page on a phone (issue 13 §1; customers/contact.py) ---
# An intranet map server's address for a shop, with {lat}, {lng}, {name} and {code} filled in (URL-quoted), e.g.
# "http://gis.example.internal/map?lat={lat}&lng={lng}&title={name}". Empty (the default): the page offers only the
# geo: link, which the phone's own map app opens; no external map service is ever assumed.
WORKBENCH_MAP_URL = os.environ.get("WORKBENCH_MAP_URL", "")
# --- end of customer page on a phone ---
# Password every demo login gets (documented in the README); the demo command sets it.
DEMO_PASSWORD = os.environ.get("WORKBENCH_DEMO_PASSWORD", "demo12345")

# ---- Security (issue 9 §2, §3; docs/deploy.md "HTTPS and secrets") ------------------------------------------------
# The demo SECRET_KEY above is refused for serving when DEBUG is off (workbench/security/checks.py).

# HTTPS. Off by default so that the demo and the intranet's plain-HTTP test boxes work; the production environment
# of docs/deploy.md turns every one on, and `workbench check --deploy` is then clean.
SECURE_HSTS_SECONDS = int(os.environ.get("WORKBENCH_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("WORKBENCH_HSTS_INCLUDE_SUBDOMAINS", False)
# Preloading asks the browser makers to hard-code the host as HTTPS-only: meaningless for an intranet host, and not
# undone quickly on a public one. So no preload, and Django's deploy warning about it is silenced on purpose.
SECURE_HSTS_PRELOAD = False
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W021"]
SECURE_SSL_REDIRECT = env_flag("WORKBENCH_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_flag("WORKBENCH_SECURE_COOKIES", False)
# Behind nginx (deploy/nginx.conf.example), which terminates TLS and sets X-Forwarded-Proto: only then may Django
# believe the header (a client reaching gunicorn directly could forge it).
if env_flag("WORKBENCH_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The browser must not guess types nor send the page's address to other sites.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The login and password forms post from the same origin; the browser names it, so list the HTTPS origin(s)
# only when the host differs from what the proxy passes on (WORKBENCH_CSRF_TRUSTED_ORIGINS=https://workbench.example).
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("WORKBENCH_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

# Content-Security-Policy (django-csp): no inline script or style anywhere, every file from this server.
# WORKBENCH_MAP_TILE_HOSTS adds the company's map tile server(s) to img-src (space separated, e.g.
# "https://tiles.example"); worker-src 'self' is the 实施 (visits) service worker's.
MAP_TILE_HOSTS = os.environ.get("WORKBENCH_MAP_TILE_HOSTS", "").split()
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", *MAP_TILE_HOSTS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "worker-src": ["'self'"],
        "manifest-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# Login throttling (workbench/security/throttle.py). The state is shared by every process: Redis in production
# (WORKBENCH_REDIS_URL), else a SQLite file of its own beside the application's SQLite database (never the
# application database itself, whose write lock an import holds for minutes). WORKBENCH_THROTTLE_URL overrides both.
AUTHENTICATION_BACKENDS = ["workbench.security.backends.ThrottledModelBackend"]
if DATABASES["default"]["ENGINE"].endswith("sqlite3") and DATABASES["default"]["NAME"] != ":memory:":
    _default_throttle_url = "sqlite:///" + str(Path(DATABASES["default"]["NAME"]).with_suffix(".throttle.sqlite3"))
else:
    _default_throttle_url = "sqlite:///var/login-throttle.sqlite3"
LOGIN_THROTTLE = {
    "URL": os.environ.get("WORKBENCH_THROTTLE_URL") or os.environ.get("WORKBENCH_REDIS_URL") or _default_throttle_url,
    # Five wrong passwords for one staff code lock it; an office behind one address gets more, since its people
    # mistype independently of each other.
    "ACCOUNT_FAILURES": int(os.environ.get("WORKBENCH_LOGIN_ACCOUNT_FAILURES", "5")),
    "ADDRESS_FAILURES": int(os.environ.get("WORKBENCH_LOGIN_ADDRESS_FAILURES", "30")),
    # Failures count within a window from the first one; a lock lasts LOCK_SECONDS unless an admin lifts it.
    "WINDOW_SECONDS": int(os.environ.get("WORKBENCH_LOGIN_WINDOW_SECONDS", "900")),
    "LOCK_SECONDS": int(os.environ.get("WORKBENCH_LOGIN_LOCK_SECONDS", "900")),
    # Behind nginx the client's address is the last X-Forwarded-For entry (the one nginx appended).
    "BEHIND_PROXY": env_flag("WORKBENCH_BEHIND_PROXY", False),
}
# ---- end of the security block -----------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WORKBENCH_LOG_LEVEL", "WARNING")},
}

# --- Periods and working days (lib/periods.py; definitions in docs/metrics-local.md) ---
# The longest period a report request may ask for, in years.
WORKBENCH_MAX_PERIOD_YEARS = int(os.environ.get("WORKBENCH_MAX_PERIOD_YEARS", "5"))
# Comma-separated ISO dates. Holidays: weekdays off (法定节假日); extra working days: 调休 make-up days. Empty by
# default: the installation sets the State Council's lists of the years it plans for.
WORKBENCH_HOLIDAYS = os.environ.get("WORKBENCH_HOLIDAYS", "")
WORKBENCH_EXTRA_WORKING_DAYS = os.environ.get("WORKBENCH_EXTRA_WORKING_DAYS", "")

# A failed CSRF check under /api/ answers the API's JSON error, like every other API error (api/errors.py).
CSRF_FAILURE_VIEW = "workbench.api.errors.csrf_failure"

# --- planning (计划): the plans' deadlines (docs/definitions.md#plan-deadlines) ---------------------------------
# The monthly plan is due by this working day of its month (1 = the first working day).
WORKBENCH_MONTH_PLAN_DEADLINE_WORKING_DAY = int(os.environ.get("WORKBENCH_MONTH_PLAN_DEADLINE_WORKING_DAY", "3"))
# Next week's days are due by this weekday of the week before (0 = Monday … 4 = Friday).
WORKBENCH_WEEK_DAYS_DEADLINE_WEEKDAY = int(os.environ.get("WORKBENCH_WEEK_DAYS_DEADLINE_WEEKDAY", "4"))

# --- visit plans (计划, docs/definitions.md#visit-plans) -----------------------------------------------------------
# The visit cycle (days) of a customer no rule covers.
WORKBENCH_VISIT_CYCLE_DAYS = int(os.environ.get("WORKBENCH_VISIT_CYCLE_DAYS", "14"))
# The most visits the proposal puts on one day.
WORKBENCH_VISITS_PER_DAY_MAX = int(os.environ.get("WORKBENCH_VISITS_PER_DAY_MAX", "35"))
# Minutes spent in one shop, and the travel speed between shops (km/h): a day's estimated hours.
WORKBENCH_VISIT_MINUTES = int(os.environ.get("WORKBENCH_VISIT_MINUTES", "8"))
WORKBENCH_TRAVEL_KMH = float(os.environ.get("WORKBENCH_TRAVEL_KMH", "15"))
# The norm of visiting hours a working day (docs/definitions.md#days-hours).
WORKBENCH_VISIT_HOURS_NORM = float(os.environ.get("WORKBENCH_VISIT_HOURS_NORM", "5"))
# The company's map tiles (an intranet tile server), e.g. "https://tiles.example/{z}/{x}/{y}.png"; empty: the route
# map draws points and the path on a plain background. Its host goes into WORKBENCH_MAP_TILE_HOSTS (img-src).
WORKBENCH_MAP_TILE_URL = os.environ.get("WORKBENCH_MAP_TILE_URL", "")
# The datum of those tiles: "wgs84" or "gcj02" (coordinates are converted for display only).
WORKBENCH_MAP_TILE_DATUM = os.environ.get("WORKBENCH_MAP_TILE_DATUM", "wgs84")
# The month's visit plan is due by this working day counted back from the end of the month before (1 = its last
# working day: docs/definitions.md#visit-plan-deadline).
WORKBENCH_VISIT_PLAN_DEADLINE_WORKING_DAYS_BEFORE = int(
    os.environ.get("WORKBENCH_VISIT_PLAN_DEADLINE_WORKING_DAYS_BEFORE", "1")
)

# --- visits (实施, docs/definitions.md#visits) -------------------------------------------------------------------
# A visit whose location stamps are all farther than this from the customer's coordinates is flagged far (metres).
WORKBENCH_VISIT_FAR_METRES = int(os.environ.get("WORKBENCH_VISIT_FAR_METRES", "300"))
# The most visits one sync request may carry.
WORKBENCH_VISIT_SYNC_MAX = int(os.environ.get("WORKBENCH_VISIT_SYNC_MAX", "100"))
# A sample point's visit form lists at most this many of the specs it ordered lately
# (docs/definitions.md#sample-observation).
WORKBENCH_OBSERVATION_SPECS = int(os.environ.get("WORKBENCH_OBSERVATION_SPECS", "15"))

# --- scorecards (记分卡录入, docs/definitions.md#scorecard) -----------------------------------------------------------
# The lowest share of 100 points of 5, 4, 3 and 2 stars (below the last: 1 star).
WORKBENCH_SCORECARD_STAR_BANDS = tuple(
    int(value) for value in os.environ.get("WORKBENCH_SCORECARD_STAR_BANDS", "90,80,70,60").split(",")
)
# --- visit pages (实施, docs/definitions.md#visit-day) ----------------------------------------------------------------
# A visit photo's largest size in bytes (5 MB), and where photos are kept: a folder no web server serves (the photo
# view checks the visit's scope). Relative paths are from the working directory, as the SQLite default.
WORKBENCH_VISIT_PHOTO_MAX_BYTES = int(os.environ.get("WORKBENCH_VISIT_PHOTO_MAX_BYTES", str(5 * 1024 * 1024)))
WORKBENCH_PRIVATE_MEDIA_ROOT = os.environ.get("WORKBENCH_PRIVATE_MEDIA_ROOT", "var/private-media")

# --- suggested visits (推荐拜访, docs/definitions.md#suggested-visits) ---------------------------------------------
# A customer warning (客户预警): his qty MoM index ÷ his class's below this ratio.
WORKBENCH_CUSTOMER_WARNING_RATIO = float(os.environ.get("WORKBENCH_CUSTOMER_WARNING_RATIO", "0.8"))
# A spec he orders: ordered in this many weeks before the week; a stock-out (断货) in the last so many of them.
WORKBENCH_REGULAR_SPEC_WEEKS = int(os.environ.get("WORKBENCH_REGULAR_SPEC_WEEKS", "12"))
WORKBENCH_STOCKOUT_WEEKS = int(os.environ.get("WORKBENCH_STOCKOUT_WEEKS", "4"))
# The most customers the week's list suggests.
WORKBENCH_SUGGESTED_VISITS_MAX = int(os.environ.get("WORKBENCH_SUGGESTED_VISITS_MAX", "10"))
