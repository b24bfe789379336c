"""The offline visits' service worker at /sw.js (web/service_worker.py, static/js/sw.js)."""

import json
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from workbench import testing
from workbench.web import service_worker

pytestmark = pytest.mark.django_db

# The worker is code, no data: everybody gets it, the login page's visitor too (it caches nothing for him).
EVERYBODY = {
    "customer_manager": 200,
    "colleague": 200,
    "market_manager": 200,
    "outsider": 200,
    "leader": 200,
    "brand_manager": 200,
    "admin_staff": 200,
    "anonymous": 200,
}

test_service_worker_access = testing.view_matrix("/sw.js", EVERYBODY)


def config_of(body: str) -> dict:
    """The configuration the view writes in front of static/js/sw.js."""
    match = re.search(r"^self\.WORKBENCH_OFFLINE = (\{.*\});$", body, re.MULTILINE)
    assert match, "no configuration in front of the worker"
    return json.loads(match.group(1))


def test_the_worker_is_served_at_the_root_as_javascript(client):
    # given nobody logged in
    # when the browser fetches the worker
    response = client.get("/sw.js")

    # then it is JavaScript the browser may run for the whole site, asked again on every update check
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    assert reverse("web:service_worker") == "/sw.js"
    # and it is static/js/sw.js with its configuration in front
    body = response.content.decode()
    assert body.endswith(service_worker.source())
    assert body.startswith("// Written by workbench/web/service_worker.py")


def test_a_logged_in_user_gets_it_not_stored(client, customer_manager):
    # given CM1 logged in (every answer to him is private, no-store: PrivateNoStoreMiddleware)
    testing.login(client, customer_manager)

    # when his browser fetches the worker
    response = client.get("/sw.js")

    # then it is not kept either, which for a worker is as good as no-cache
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"


def test_the_worker_is_only_fetched(client):
    # when something posts to it
    response = client.post("/sw.js")

    # then it is refused
    assert response.status_code == 405


def test_the_configuration_names_the_pages_and_the_static_files(client):
    # when the worker is fetched
    config = config_of(client.get("/sw.js").content.decode())

    # then it names the two pages it keeps offline, the static prefix, and where a login changes hands
    assert config["dayPath"] == reverse("visits:day") == "/visits/"
    assert config["formPath"] == reverse("visits:visit_new") == "/visits/new/"
    assert config["static"] == "/static/"
    assert config["forgetOn"] == ["/accounts/login/", "/accounts/logout/"]
    # and every static file it caches at install, each of which exists
    assert config["precache"] == [
        "/static/js/js-class.js",
        "/static/js/workbench.js",
        "/static/js/outbox.js",
        "/static/css/workbench.css",
        "/static/css/outbox.css",
        "/static/img/favicon.svg",
    ]
    for name in service_worker.PRECACHE:
        assert finders.find(name), name
    assert re.fullmatch(r"[0-9a-f]{16}", config["version"])


def test_the_version_follows_the_static_files(tmp_path, settings):
    # given the version of the static files as they are
    before = service_worker.worker_config()["version"]
    assert service_worker.worker_config()["version"] == before

    # when one more static file is deployed
    (tmp_path / "js").mkdir()
    (tmp_path / "js" / "new.js").write_text("// new\n")
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    finders.get_finder.cache_clear()  # type: ignore[attr-defined]  # functools.cache, unknown to the stubs
    try:
        after = service_worker.worker_config()["version"]
        (tmp_path / "js" / "new.js").write_text("// changed\n")
        changed = service_worker.worker_config()["version"]
    finally:
        finders.get_finder.cache_clear()  # type: ignore[attr-defined]

    # then the worker gets a new cache name each time, and drops the old cache
    assert len({before, after, changed}) == 3
