"""Login with the staff code, logout, password change, the language switch, and login everywhere."""

import importlib.util
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from workbench import testing
from workbench.web.menu import all_entries, entry_url

pytestmark = pytest.mark.django_db


def test_login_with_the_staff_code(client, customer_manager):
    # given CM1, whose login name is his 工号
    # when he logs in with it
    response = client.post(reverse("login"), {"username": "CM1", "password": testing.PASSWORD})

    # then he lands on the home page, logged in
    assert response.status_code == 302
    assert response.url == reverse("web:home")
    assert client.get("/").wsgi_request.user == customer_manager.user


def test_login_with_a_wrong_password_keeps_the_staff_code(client, customer_manager):
    # given CM1
    # when he types a wrong password
    response = client.post(reverse("login"), {"username": "CM1", "password": "wrong"}, HTTP_ACCEPT_LANGUAGE="en")

    # then the form comes back with his 工号 filled in and he is not logged in
    assert response.status_code == 200
    assert 'value="CM1"' in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated


def test_login_refused_when_the_login_is_deactivated(client, customer_manager):
    # given CM1 whose login an admin refused
    customer_manager.user.is_active = False
    customer_manager.user.save()

    # when he tries to log in
    response = client.post(reverse("login"), {"username": "CM1", "password": testing.PASSWORD})

    # then he stays on the login page
    assert response.status_code == 200
    assert not response.wsgi_request.user.is_authenticated


def test_logout_is_a_post(client, customer_manager):
    # given CM1 logged in
    client.force_login(customer_manager.user)

    # when he logs out
    response = client.post(reverse("logout"))

    # then he is sent to the login page and is anonymous
    assert response.status_code == 302
    assert response.url == reverse("login")
    assert client.get("/").status_code == 302


def test_password_change(client, customer_manager):
    # given CM1 logged in
    client.force_login(customer_manager.user)

    # when he changes his password
    response = client.post(
        reverse("password_change"),
        {"old_password": testing.PASSWORD, "new_password1": "Qinhuai-2026!", "new_password2": "Qinhuai-2026!"},
    )

    # then he sees the done page and the new password works
    assert response.status_code == 302
    assert response.url == reverse("password_change_done")
    assert client.get(response.url).status_code == 200
    customer_manager.user.refresh_from_db()
    assert customer_manager.user.check_password("Qinhuai-2026!")


def test_password_change_page_renders(client, customer_manager):
    # given CM1 logged in
    client.force_login(customer_manager.user)

    # when he opens the password change page
    response = client.get(reverse("password_change"), HTTP_ACCEPT_LANGUAGE="en")

    # then it is our page, in the shell
    assert response.status_code == 200
    assert "Change password" in response.content.decode()
    assert "registration/password_change_form.html" in [t.name for t in response.templates]


# ---- the access matrix -------------------------------------------------------------------------------------------

# The shell's own pages are every staff member's; the anonymous visitor is sent to the login page.
EVERY_STAFF_MEMBER = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 302,
}

test_home_page_access = testing.view_matrix(reverse("web:home"), EVERY_STAFF_MEMBER)
test_module_pending_page_access = testing.view_matrix(
    reverse("web:module_pending", args=["customer-news"]), EVERY_STAFF_MEMBER
)
test_password_change_page_access = testing.view_matrix(reverse("password_change"), EVERY_STAFF_MEMBER)
test_password_change_done_page_access = testing.view_matrix(reverse("password_change_done"), EVERY_STAFF_MEMBER)


def passwords(django_user_model):
    """Every login's password hash, by login name."""
    return dict(django_user_model.objects.values_list("username", "password"))


# Everybody changes his own password (and is sent to the done page); the anonymous visitor changes nobody's.
test_password_change_access = testing.view_matrix(
    reverse("password_change"),
    {
        "customer_manager": 302,
        "colleague": 302,
        "market_manager": 302,
        "outsider": 302,
        "leader": 302,
        "brand_manager": 302,
        "admin_staff": 302,
        "anonymous": 302,
    },
    method="post",
    data={"old_password": testing.PASSWORD, "new_password1": "Qinhuai-2026!", "new_password2": "Qinhuai-2026!"},
    snapshot=passwords,
)


def pages_behind_the_login():
    """Every page of the shell, and every screen the menu links to."""
    pages = [
        reverse("web:home"),
        reverse("password_change"),
        reverse("password_change_done"),
        reverse("accounts:staff_list"),
        reverse("accounts:staff_detail", args=[1]),
        reverse("web:module_pending", args=["customer-news"]),
    ]
    return pages + [entry_url(entry) for _, _, entry in all_entries()]


def test_anonymous_users_are_sent_to_login_from_every_page(client):
    # given an anonymous visitor
    for page in pages_behind_the_login():
        # when he opens a page
        response = client.get(page)

        # then he is sent to the login page, which brings him back afterwards
        assert response.status_code == 302, page
        assert response.url.startswith(f"{reverse('login')}?next="), page


def test_language_switch_to_english(client, customer_manager):
    # given CM1 logged in, reading the default language
    client.force_login(customer_manager.user)
    assert '<html lang="zh-hans">' in client.get("/").content.decode()

    # when he switches to English with the top bar's form
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})

    # then he comes back to the page, which is now in English
    assert response.status_code == 302
    assert response.url == "/"
    page = client.get("/")
    assert page.wsgi_request.LANGUAGE_CODE == "en"
    assert '<html lang="en">' in page.content.decode()
    assert "This month so far" in page.content.decode()


def test_vendored_files_match_their_pinned_hashes():
    # given the committed vendored front-end files and the hashes scripts/vendor_static.py pins
    path = Path(__file__).resolve().parents[3] / "scripts" / "vendor_static.py"
    spec = importlib.util.spec_from_file_location("vendor_static", path)
    assert spec is not None, path
    assert spec.loader is not None, path
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up in sys.modules while the module runs.
    sys.modules["vendor_static"] = module
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules["vendor_static"]

    # when they are checked (no network)
    # then every file is there and unchanged, including the two paths other screens use
    assert module.check() == []
    targets = {file.target for package in module.PACKAGES for file in package.files}
    assert {"htmx/htmx.min.js", "chart.js/chart.umd.min.js"} <= targets
