"""Login throttling: the N-th wrong password locks, the right one is then refused, an admin lifts the lock."""

import logging
import sqlite3
from datetime import UTC, datetime

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from workbench import testing
from workbench.security import throttle

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 3, 15, 2, 0, tzinfo=UTC)
LOCK_MESSAGE = (
    "Too many failed logins: logging in is locked for 15 minutes. Try again later, or ask an administrator to "
    "unlock it."
)


@pytest.fixture
def frozen_clock():
    """The clock stands still at 2026-03-15 02:00 UTC (time.time() included), and moves only when told to."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def rules(settings):
    """The default rules: 5 failures lock an account, 30 an address, for 15 minutes, within a 15-minute window."""
    settings.LOGIN_THROTTLE = {
        **settings.LOGIN_THROTTLE,
        "ACCOUNT_FAILURES": 5,
        "ADDRESS_FAILURES": 30,
        "WINDOW_SECONDS": 900,
        "LOCK_SECONDS": 900,
        "BEHIND_PROXY": False,
    }
    return settings.LOGIN_THROTTLE


def login(client, username, password, address="10.0.0.7", path=None):
    """POST the login form from `address`, in English; return the response."""
    return client.post(
        path or reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        HTTP_ACCEPT_LANGUAGE="en",
    )


def security_log(caplog) -> list[str]:
    """The messages the security app logged."""
    return [record.getMessage() for record in caplog.records if record.name == "workbench.security"]


def error_codes(response) -> list[str]:
    """The codes of the login form's errors (invalid_login, locked)."""
    return [error.code for error in response.context["form"].errors.as_data().get("__all__", [])]


def test_the_fifth_wrong_password_locks_and_the_right_one_is_then_refused(
    client, customer_manager, rules, frozen_clock
):
    # given CM1
    # when someone types four wrong passwords
    answers = [login(client, "CM1", f"wrong-{n}") for n in range(4)]

    # then each is a plain "wrong password"
    assert [error_codes(answer) for answer in answers] == [["invalid_login"]] * 4

    # when a fifth wrong password comes
    fifth = login(client, "CM1", "wrong-5")

    # then the account is locked for 15 minutes, and the page says so
    assert error_codes(fifth) == ["locked"]
    assert LOCK_MESSAGE in fifth.content.decode()

    # and the right password is refused too, with the same message
    right = login(client, "CM1", testing.PASSWORD)
    assert right.status_code == 200
    assert error_codes(right) == ["locked"]
    assert not right.wsgi_request.user.is_authenticated
    assert "_auth_user_id" not in client.session


def test_the_lock_does_not_depend_on_the_case_of_the_staff_code(client, customer_manager, rules, frozen_clock):
    # given five wrong passwords typed as cm1, Cm1, CM1 …
    for username in ("cm1", "Cm1", "CM1", "cM1", "cm1"):
        login(client, username, "wrong")

    # then CM1 is locked
    assert error_codes(login(client, "CM1", testing.PASSWORD)) == ["locked"]


def test_the_lock_ends_after_its_time(client, customer_manager, rules, frozen_clock):
    # given CM1 locked at 02:00
    for _ in range(5):
        login(client, "CM1", "wrong")

    # when he tries again at 02:14:59
    frozen_clock.shift(899)
    # then he is still refused, with one minute left
    assert error_codes(login(client, "CM1", testing.PASSWORD)) == ["locked"]

    # when he tries at 02:15:00
    frozen_clock.shift(1)
    response = login(client, "CM1", testing.PASSWORD)

    # then he logs in
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(customer_manager.user.pk)


def test_failures_outside_the_window_start_counting_again(client, customer_manager, rules, frozen_clock):
    # given four wrong passwords at 02:00
    for _ in range(4):
        login(client, "CM1", "wrong")

    # when the fifth comes 15 minutes later, after the window
    frozen_clock.shift(900)
    response = login(client, "CM1", "wrong")

    # then it is failure number one of a new window, not a lock
    assert error_codes(response) == ["invalid_login"]


def test_a_right_password_clears_the_account_s_count(client, customer_manager, rules, frozen_clock):
    # given four wrong passwords, then the right one
    for _ in range(4):
        login(client, "CM1", "wrong")
    assert login(client, "CM1", testing.PASSWORD).status_code == 302
    client.logout()

    # when four more wrong passwords come
    answers = [login(client, "CM1", "wrong") for _ in range(4)]

    # then none locks (the count started again), and the right password still works
    assert [error_codes(answer) for answer in answers] == [["invalid_login"]] * 4
    assert login(client, "CM1", testing.PASSWORD).status_code == 302


def test_an_address_is_locked_after_thirty_failures_over_any_accounts(client, customer_manager, rules, frozen_clock):
    # given 30 wrong passwords from 10.0.0.9, each for another (unknown) staff code: no account reaches 5
    answers = [login(client, f"X{n:03d}", "wrong", address="10.0.0.9") for n in range(30)]
    assert [error_codes(answer) for answer in answers[:29]] == [["invalid_login"]] * 29
    assert error_codes(answers[29]) == ["locked"]

    # when CM1 logs in with his right password from that address
    # then he is refused
    assert error_codes(login(client, "CM1", testing.PASSWORD, address="10.0.0.9")) == ["locked"]

    # and from another address he logs in
    assert login(client, "CM1", testing.PASSWORD, address="10.0.0.10").status_code == 302


def test_a_lock_on_one_account_leaves_the_others_alone(client, customer_manager, colleague, rules, frozen_clock):
    # given CM1 locked from 10.0.0.7
    for _ in range(5):
        login(client, "CM1", "wrong")

    # when CM2 logs in from the same address
    response = login(client, "CM2", testing.PASSWORD)

    # then he logs in (the address has 5 failures of 30)
    assert response.status_code == 302


def test_the_admin_login_is_throttled_the_same_way(client, org, rules, frozen_clock):
    # given a Django superuser
    get_user_model().objects.create_superuser("root", password=testing.PASSWORD)

    # when five wrong passwords are posted to /admin/login/
    answers = [login(client, "root", "wrong", path=reverse("admin:login")) for _ in range(5)]

    # then the fifth is a lock, said on the admin's login page, and the right password is refused
    assert [error_codes(answer) for answer in answers] == [["invalid_login"]] * 4 + [["locked"]]
    assert LOCK_MESSAGE in answers[4].content.decode()
    right = login(client, "root", testing.PASSWORD, path=reverse("admin:login"))
    assert error_codes(right) == ["locked"]
    assert "_auth_user_id" not in client.session


def test_a_lock_is_logged(client, customer_manager, rules, frozen_clock, caplog):
    # given four wrong passwords for CM1
    for _ in range(4):
        login(client, "CM1", "wrong")

    # when the fifth locks him
    with caplog.at_level(logging.WARNING, logger="workbench.security"):
        login(client, "CM1", "wrong")

    # then one warning names the account, the duration, the count and the address
    assert security_log(caplog) == [
        "login throttle: account cm1 locked for 900 s after 5 failed logins (last from 10.0.0.7)"
    ]


def test_behind_a_proxy_the_address_is_the_one_the_proxy_appended(rf, settings):
    # given a request through nginx whose client forged an X-Forwarded-For entry
    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 10.1.2.3")

    # when the address is read behind a proxy, and directly
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "BEHIND_PROXY": True}
    behind = throttle.client_address(request)
    settings.LOGIN_THROTTLE = {**settings.LOGIN_THROTTLE, "BEHIND_PROXY": False}
    direct = throttle.client_address(request)

    # then the proxy's own entry counts behind it, the socket's address otherwise
    assert (behind, direct) == ("10.1.2.3", "127.0.0.1")


def test_wrong_passwords_write_nothing_to_the_application_database(
    client, customer_manager, rules, frozen_clock, settings, tmp_path
):
    # given the throttle's store in a SQLite file of its own, as on the embedded installation
    path = tmp_path / "workbench.throttle.sqlite3"
    settings.LOGIN_THROTTLE = {**rules, "URL": f"sqlite:///{path}"}

    # when five wrong passwords lock CM1
    with CaptureQueriesContext(connections["default"]) as queries:
        answers = [login(client, "CM1", "wrong") for _ in range(5)]

    # then the application database only read (no write, so no wait for its write lock) …
    assert error_codes(answers[-1]) == ["locked"]
    writes = [q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "BEGIN")]
    assert writes == []
    # … and the counts are in the throttle's own file
    with sqlite3.connect(path) as connection:
        rows = connection.execute("SELECT key, failures, locked_until FROM login_throttle ORDER BY key").fetchall()
    assert rows == [("account:cm1", 5, NOW.timestamp() + 900), ("address:10.0.0.7", 5, None)]


class TestLockScreen:
    """The admin's screen of locks: who sees it, what it lists, and lifting a lock."""

    @pytest.fixture
    def locked(self, client, customer_manager, rules, frozen_clock):
        """CM1 locked after five wrong passwords from 10.0.0.7 at 02:00 UTC (10:00 in Shanghai)."""
        for _ in range(5):
            login(client, "CM1", "wrong")
        return customer_manager

    def test_the_admin_sees_the_locked_account(self, client, locked, admin_staff):
        # given an admin
        client.force_login(admin_staff.user)

        # when he opens the screen
        response = client.get(reverse("security:lock_list"), HTTP_ACCEPT_LANGUAGE="en")

        # then it lists CM1, 5 failures, until 10:15 Shanghai time (the address is not locked)
        assert response.status_code == 200
        assert [(lock["kind"], lock["value"], lock["failures"]) for lock in response.context["locks"]] == [
            ("account", "cm1", 5)
        ]
        assert "2026-03-15 10:15:00" in response.content.decode()

    @pytest.mark.parametrize("persona", ["customer_manager", "market_manager", "leader"])
    def test_other_roles_get_403(self, client, locked, persona, request):
        # given a logged-in non-admin
        staff = request.getfixturevalue(persona)
        client.force_login(staff.user)

        # when he opens the screen or tries to lift the lock
        listing = client.get(reverse("security:lock_list"))
        lifting = client.post(reverse("security:lock_lift"), {"kind": "account", "value": "cm1"})

        # then both are refused and CM1 stays locked
        assert (listing.status_code, lifting.status_code) == (403, 403)
        assert [lock.key for lock in throttle.active_locks()] == ["account:cm1"]

    def test_anonymous_users_go_to_the_login_page(self, client, locked):
        response = client.get(reverse("security:lock_list"))
        assert response.status_code == 302
        assert response.url.startswith(reverse("login"))

    def test_the_admin_lifts_the_lock_and_the_right_password_works_again(self, client, locked, admin_staff, caplog):
        # given an admin
        client.force_login(admin_staff.user)

        # when he lifts CM1's lock (a GET does not)
        assert client.get(reverse("security:lock_lift")).status_code == 405
        with caplog.at_level(logging.WARNING, logger="workbench.security"):
            response = client.post(reverse("security:lock_lift"), {"kind": "account", "value": "cm1"})

        # then the lock is gone, logged with his name, and CM1 logs in with his password
        assert response.status_code == 302
        assert throttle.active_locks() == []
        assert security_log(caplog) == ["login throttle: account cm1 unlocked by AD1"]
        client.logout()
        assert login(client, "CM1", testing.PASSWORD).status_code == 302


def test_the_lock_message_is_in_chinese_by_default(client, customer_manager, rules, frozen_clock):
    # given CM1 locked, his browser asking for nothing in particular
    for _ in range(5):
        client.post(reverse("login"), {"username": "CM1", "password": "wrong"}, REMOTE_ADDR="10.0.0.7")

    # when he logs in with the right password
    response = client.post(reverse("login"), {"username": "CM1", "password": testing.PASSWORD}, REMOTE_ADDR="10.0.0.7")

    # then the page says, in Chinese, for how long
    assert "登录失败次数过多：登录已锁定 15 分钟。请稍后再试，或请管理员解锁。" in response.content.decode()


def test_when_the_store_is_down_logins_go_on_unthrottled_and_say_so(client, customer_manager, rules, settings, caplog):
    # given a Redis store nobody listens on (port 1)
    settings.LOGIN_THROTTLE = {**rules, "URL": "redis://127.0.0.1:1/0"}

    # when CM1 types a wrong password, then the right one
    with caplog.at_level(logging.ERROR, logger="workbench.security"):
        wrong = login(client, "CM1", "wrong")
        right = login(client, "CM1", testing.PASSWORD)

    # then the password is still checked, he logs in, and each login logged that it was not throttled
    assert error_codes(wrong) == ["invalid_login"]
    assert right.status_code == 302
    assert security_log(caplog) == ["login throttle: the store cannot be read; this login is not throttled"] * 2
