"""Login throttling (登录限制): too many wrong passwords lock the account, or the address, for a while.

Two counters are kept for every failed login: one for the account (the staff code typed) and one for the client's
address. When either reaches its limit inside the window, that account or address is locked for the lock time, and
while it is locked even the right password is refused (the password is not even checked). A successful login clears
its own account's counter, never the address's: otherwise an attacker holding one valid account could clear the
counter of the address he guesses other accounts' passwords from.

Where the state lives (settings.LOGIN_THROTTLE["URL"]):

- ``redis://…`` in production: every process of every app server shares it, and counters expire by themselves.
- ``sqlite:///PATH``: a SQLite file of its own, for the embedded installation and the demo. It is shared by every
  process on the machine (a file, with SQLite's own locking), and its write lock is not the application database's:
  a failed login never waits for an order import, which holds the application database's write lock for minutes.
  A file-based Django cache would also be shared, but its increments are read-then-write (two processes lose one
  count) and it cannot list its keys, which the admin's screen of locks needs; Django's local-memory cache is per
  process and would not throttle at all under several gunicorn workers.
- ``sqlite:///:memory:`` is per process: for the tests only.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger("workbench.security")

# What a store raises when it cannot be reached or written (Redis down, the SQLite file on a full or read-only disk).
STORE_ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, OSError)
try:
    from redis.exceptions import RedisError
except ImportError:  # without the "server" extra there is no Redis store either
    pass
else:
    STORE_ERRORS += (RedisError,)

ACCOUNT = "account"
ADDRESS = "address"


@dataclass(frozen=True)
class Lock:
    """A locked account or address: who, until when (a Unix timestamp) and after how many failures."""

    kind: str  # ACCOUNT or ADDRESS
    value: str  # the staff code (case-folded) or the IP address
    locked_until: float
    failures: int

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.value}"

    def seconds_left(self, now: float | None = None) -> int:
        """Whole seconds until the lock ends (at least 1 while it holds)."""
        now = time.time() if now is None else now
        return max(1, int(self.locked_until - now + 0.999))


class SQLiteStore:
    """Counters and locks in a SQLite file of their own (see the module's docstring for why not the app's)."""

    SCHEMA = """
        CREATE TABLE IF NOT EXISTS login_throttle (
            key TEXT PRIMARY KEY,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            failures INTEGER NOT NULL,
            window_ends REAL NOT NULL,
            locked_until REAL
        )
    """

    def __init__(self, path: str):
        self.path = path
        self._lock = threading.Lock()
        # An in-memory database lives as long as its one connection; a file is opened per call, which is cheap
        # and safe across threads and forked workers.
        if path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._memory = self._connect() if path == ":memory:" else None
        with self._connection() as connection:
            connection.execute(self.SCHEMA)

    def _connect(self) -> sqlite3.Connection:
        connection = sqlite3.connect(self.path, timeout=10, isolation_level=None, check_same_thread=False)
        if self.path != ":memory:":
            connection.execute("PRAGMA journal_mode=WAL")
        return connection

    class _Session:
        """One immediate transaction on the store's connection (commit on success, rollback on error)."""

        def __init__(self, store: SQLiteStore):
            self.store = store

        def __enter__(self) -> sqlite3.Connection:
            self.store._lock.acquire()
            self.connection = self.store._memory or self.store._connect()
            self.connection.execute("BEGIN IMMEDIATE")
            return self.connection

        def __exit__(self, exc_type, exc, traceback):
            try:
                self.connection.execute("COMMIT" if exc_type is None else "ROLLBACK")
            finally:
                if self.connection is not self.store._memory:
                    self.connection.close()
                self.store._lock.release()

    def _connection(self) -> _Session:
        return self._Session(self)

    def lock_of(self, key: str, now: float) -> Lock | None:
        with self._connection() as connection:
            row = connection.execute(
                "SELECT kind, value, locked_until, failures FROM login_throttle WHERE key = ? AND locked_until > ?",
                (key, now),
            ).fetchone()
        return Lock(*row) if row else None

    def add_failure(self, kind: str, value: str, *, limit: int, window: int, lock_seconds: int, now: float):
        key = f"{kind}:{value}"
        with self._connection() as connection:
            # Counters whose window (and lock) is over are forgotten: this key's starts again from one, and the
            # others' rows do not pile up in the file.
            connection.execute(
                "DELETE FROM login_throttle WHERE window_ends <= ? AND coalesce(locked_until, 0) <= ?", (now, now)
            )
            connection.execute(
                "INSERT INTO login_throttle (key, kind, value, failures, window_ends) VALUES (?, ?, ?, 1, ?) "
                "ON CONFLICT (key) DO UPDATE SET failures = failures + 1",
                (key, kind, value, now + window),
            )
            (failures,) = connection.execute("SELECT failures FROM login_throttle WHERE key = ?", (key,)).fetchone()
            if failures < limit:
                return None
            locked_until = now + lock_seconds
            connection.execute(
                "UPDATE login_throttle SET locked_until = ?, window_ends = ? WHERE key = ?",
                (locked_until, locked_until, key),
            )
        return Lock(kind, value, locked_until, failures)

    def clear(self, key: str) -> bool:
        with self._connection() as connection:
            deleted = connection.execute("DELETE FROM login_throttle WHERE key = ?", (key,)).rowcount
        return deleted > 0

    def locks(self, now: float) -> list[Lock]:
        with self._connection() as connection:
            rows = connection.execute(
                "SELECT kind, value, locked_until, failures FROM login_throttle WHERE locked_until > ?", (now,)
            ).fetchall()
        return [Lock(*row) for row in rows]


class RedisStore:
    """Counters and locks in Redis: `<prefix>fail:<key>` counts, `<prefix>lock:<key>` holds a lock, both expire."""

    def __init__(self, url: str, prefix: str = "workbench:login-throttle:"):
        import redis  # only production needs the package (the "server" extra)

        self.client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix

    def lock_of(self, key: str, now: float) -> Lock | None:
        raw = self.client.get(f"{self.prefix}lock:{key}")
        if raw is None:
            return None
        lock = Lock(**json.loads(raw))
        return lock if lock.locked_until > now else None

    def add_failure(self, kind: str, value: str, *, limit: int, window: int, lock_seconds: int, now: float):
        key = f"{kind}:{value}"
        counter = f"{self.prefix}fail:{key}"
        pipeline = self.client.pipeline()
        pipeline.incr(counter)
        # The window starts at the first failure: NX keeps later failures from pushing it back.
        pipeline.expire(counter, window, nx=True)
        failures, _ = pipeline.execute()
        if failures < limit:
            return None
        lock = Lock(kind, value, now + lock_seconds, failures)
        pipeline = self.client.pipeline()
        pipeline.set(f"{self.prefix}lock:{key}", json.dumps(lock.__dict__), ex=lock_seconds)
        pipeline.delete(counter)
        pipeline.execute()
        return lock

    def clear(self, key: str) -> bool:
        return self.client.delete(f"{self.prefix}lock:{key}", f"{self.prefix}fail:{key}") > 0

    def locks(self, now: float) -> list[Lock]:
        found = []
        for name in self.client.scan_iter(match=f"{self.prefix}lock:*", count=500):
            raw = self.client.get(name)
            if raw is not None:
                lock = Lock(**json.loads(raw))
                if lock.locked_until > now:
                    found.append(lock)
        return found


@cache
def store_for(url: str) -> SQLiteStore | RedisStore:
    """The store behind a LOGIN_THROTTLE URL (one per process and URL)."""
    if url.startswith(("redis://", "rediss://", "unix://")):
        return RedisStore(url)
    if url.startswith("sqlite:///"):
        return SQLiteStore(url[len("sqlite:///") :] or ":memory:")
    raise ValueError(f"LOGIN_THROTTLE URL: unsupported scheme in {url!r} (use redis:// or sqlite:///)")


@receiver(setting_changed)
def _forget_stores(setting, **kwargs):
    """Tests switch the store with `settings.LOGIN_THROTTLE`: each switch starts from an empty store."""
    if setting == "LOGIN_THROTTLE":
        store_for.cache_clear()


def _store():
    return store_for(settings.LOGIN_THROTTLE["URL"])


def account_key(username: str) -> str:
    """Staff codes are compared case-insensitively here, so "cm1" and "CM1" share one counter."""
    return username.strip().casefold()


def client_address(request) -> str:
    """The client's address: REMOTE_ADDR, or behind a trusted proxy the address it appended to X-Forwarded-For.

    Only the proxy's own entry (the right-most) is trusted: a client can put anything in the header before it.
    """
    if settings.LOGIN_THROTTLE["BEHIND_PROXY"]:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        addresses = [part.strip() for part in forwarded.split(",") if part.strip()]
        if addresses:
            return addresses[-1]
    return request.META.get("REMOTE_ADDR", "") or "unknown"


def current_lock(username: str, address: str) -> Lock | None:
    """The lock that refuses this login now (the one that lasts longer when both are locked), or None."""
    now = time.time()
    store = _store()
    locks = [store.lock_of(f"{ACCOUNT}:{account_key(username)}", now), store.lock_of(f"{ADDRESS}:{address}", now)]
    locks = [lock for lock in locks if lock is not None]
    return max(locks, key=lambda lock: lock.locked_until) if locks else None


def record_failure(username: str, address: str) -> Lock | None:
    """Count a wrong password for the account and the address; return the lock it caused, if any."""
    rules = settings.LOGIN_THROTTLE
    now = time.time()
    store = _store()
    caused = []
    for kind, value, limit in (
        (ACCOUNT, account_key(username), rules["ACCOUNT_FAILURES"]),
        (ADDRESS, address, rules["ADDRESS_FAILURES"]),
    ):
        lock = store.add_failure(
            kind, value, limit=limit, window=rules["WINDOW_SECONDS"], lock_seconds=rules["LOCK_SECONDS"], now=now
        )
        if lock is not None:
            logger.warning(
                "login throttle: %s %s locked for %d s after %d failed logins (last from %s)",
                kind,
                value,
                rules["LOCK_SECONDS"],
                lock.failures,
                address,
            )
            caused.append(lock)
    return max(caused, key=lambda lock: lock.locked_until) if caused else None


def record_success(username: str) -> None:
    """A right password clears its account's counter (not the address's: see the module's docstring)."""
    _store().clear(f"{ACCOUNT}:{account_key(username)}")


def active_locks() -> list[Lock]:
    """Every lock in force, the latest-ending first (the admin's screen)."""
    return sorted(_store().locks(time.time()), key=lambda lock: -lock.locked_until)


def unlock(kind: str, value: str, *, by: str) -> bool:
    """Lift a lock (and its counter) before its time; logged with who lifted it."""
    lifted = _store().clear(f"{kind}:{value}")
    if lifted:
        logger.warning("login throttle: %s %s unlocked by %s", kind, value, by)
    return lifted
