"""Workbench settings: one file, driven by the environment.

SQLite is the default and needs nothing; DATABASE_URL=postgres://… switches to PostgreSQL.
"""

import os
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
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "workbench.accounts",
    "workbench.catalog",
    "workbench.customers",
    "workbench.orders",
    "workbench.imports",
    "workbench.demo",
    "workbench.reporting",
    "workbench.analysis",
    "workbench.visits",
    "workbench.api",
    "workbench.web",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
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
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the web server read while an import writes; IMMEDIATE avoids "database is locked" upgrades.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-200000;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }
else:
    # JIT compilation costs 50–100 ms per report query and never pays back on queries that take milliseconds.
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
# Page size of lists.
PAGE_SIZE = 50

# --- Reports (workbench/reporting, docs/api.md) ---------------------------------------------------------------
# The most rows a report's Excel export holds; a larger one is refused with a 400 that says how to narrow it
# (the city's 40,000 customers fit with room to spare).
WORKBENCH_EXPORT_MAX_ROWS = int(os.environ.get("WORKBENCH_EXPORT_MAX_ROWS", "100000"))
# The largest (and default) `page_size` of the reports' JSON API.
WORKBENCH_API_MAX_PAGE_SIZE = int(os.environ.get("WORKBENCH_API_MAX_PAGE_SIZE", "1000"))
# --- end of reports ----------------------------------------------------------------------------------------------
# Password every demo login gets (documented in the README); the demo command sets it.
DEMO_PASSWORD = os.environ.get("WORKBENCH_DEMO_PASSWORD", "demo12345")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("WORKBENCH_LOG_LEVEL", "WARNING")},
}
