"""The two stores of the login throttle behave alike: a SQLite file of its own, and Redis (the test machine's)."""

import sqlite3
import uuid

import pytest

from workbench.security.throttle import ACCOUNT, ADDRESS, Lock, RedisStore, SQLiteStore

RULES = {"limit": 3, "window": 60, "lock_seconds": 120}
T0 = 1_800_000_000.0


@pytest.fixture(params=["sqlite", "redis"])
def store(request, tmp_path):
    """An empty store of each kind; the Redis one under a prefix of its own, removed afterwards."""
    if request.param == "sqlite":
        yield SQLiteStore(str(tmp_path / "var" / "throttle.sqlite3"))
        return
    redis_store = RedisStore("redis://127.0.0.1:6379/0", prefix=f"workbench-test:{uuid.uuid4().hex}:")
    yield redis_store
    for name in redis_store.client.scan_iter(match=f"{redis_store.prefix}*"):
        redis_store.client.delete(name)


def test_the_limit_th_failure_locks(store):
    # given two failures of account cm1
    assert store.add_failure(ACCOUNT, "cm1", now=T0, **RULES) is None
    assert store.add_failure(ACCOUNT, "cm1", now=T0 + 1, **RULES) is None
    assert store.lock_of("account:cm1", T0 + 1) is None

    # when the third comes
    lock = store.add_failure(ACCOUNT, "cm1", now=T0 + 2, **RULES)

    # then cm1 is locked for 120 s from then, and only cm1
    assert lock == Lock(ACCOUNT, "cm1", T0 + 122, 3)
    assert store.lock_of("account:cm1", T0 + 121) == lock
    assert store.lock_of("account:cm2", T0 + 3) is None
    assert store.locks(T0 + 3) == [lock]


def test_a_lock_ends_by_itself(store):
    # given address 10.0.0.7 locked at T0
    for _ in range(3):
        store.add_failure(ADDRESS, "10.0.0.7", now=T0, **RULES)

    # then it holds until T0 + 120, not at T0 + 120
    assert store.lock_of("address:10.0.0.7", T0 + 119) is not None
    assert store.lock_of("address:10.0.0.7", T0 + 120) is None
    assert store.locks(T0 + 120) == []


def test_clear_lifts_the_lock_and_the_count(store):
    # given cm1 locked, and cm2 with two failures
    for _ in range(3):
        store.add_failure(ACCOUNT, "cm1", now=T0, **RULES)
    for _ in range(2):
        store.add_failure(ACCOUNT, "cm2", now=T0, **RULES)

    # when both are cleared
    cleared = (store.clear("account:cm1"), store.clear("account:cm2"), store.clear("account:nobody"))

    # then cm1 is unlocked and cm2 needs three failures again to be locked
    assert cleared == (True, True, False)
    assert store.locks(T0) == []
    assert store.add_failure(ACCOUNT, "cm2", now=T0, **RULES) is None


def test_the_sqlite_file_forgets_counters_whose_window_is_over(tmp_path):
    # given two failures of cm1 and a lock of cm2 at T0
    path = tmp_path / "throttle.sqlite3"
    store = SQLiteStore(str(path))
    for _ in range(2):
        store.add_failure(ACCOUNT, "cm1", now=T0, **RULES)
    for _ in range(3):
        store.add_failure(ACCOUNT, "cm2", now=T0, **RULES)

    # when another account fails after cm1's window (60 s) but within cm2's lock (120 s)
    store.add_failure(ACCOUNT, "cm3", now=T0 + 61, **RULES)

    # then cm1's row is gone, cm2's lock and cm3's count stay
    with sqlite3.connect(path) as connection:
        keys = [key for (key,) in connection.execute("SELECT key FROM login_throttle ORDER BY key")]
    assert keys == ["account:cm2", "account:cm3"]
