"""The service worker of the phone's offline visits (实施, docs/architecture.md "Offline visits"), served at /sw.js.

A service worker controls the pages below the folder its script is served from, so the script is answered here, at
the site's root, rather than from /static/js/ (which would only control /static/js/…). The file itself is
`static/js/sw.js`; this view writes in front of it the few things only the server knows:

- the addresses of the static files the offline pages need, as the static files storage names them (hashed names
  once `collectstatic` ran, docs/deploy.md);
- the paths of the day list and of the visit form, which the worker answers network-first;
- the cache version: a hash of every static file and of the worker itself, so that a deployment changing any of
  them makes a new cache and the worker drops the old one (cache-first static files would otherwise stay stale
  under their unhashed development names).
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_GET

SCRIPT = "js/sw.js"
# What every offline page loads (base.html, the outbox), cached when the worker installs. The pages' other files
# (the visit form's script, its stylesheet) are cached when a page is: the worker reads the page's links.
PRECACHE = (
    "js/js-class.js",
    "js/workbench.js",
    "js/outbox.js",
    "css/workbench.css",
    "css/outbox.css",
    "img/favicon.svg",
)


def source() -> str:
    """The text of static/js/sw.js, as the finders find it (the same file in development and after collectstatic)."""
    found = finders.find(SCRIPT)
    if not found:
        raise FileNotFoundError(f"the static file {SCRIPT} is missing")
    return Path(found).read_text(encoding="utf-8")


def static_files_digest() -> str:
    """A hash of every static file the finders list (name and bytes), the same on every app server."""
    digest = hashlib.sha256()
    files: dict[str, Path] = {}
    for finder in finders.get_finders():
        for name, storage in finder.list([]):
            # The first finder to list a name wins, as when Django serves or collects it.
            files.setdefault(name.replace("\\", "/"), Path(storage.path(name)))
    for name in sorted(files):
        digest.update(name.encode())
        digest.update(b"\0")
        digest.update(files[name].read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()


def worker_config() -> dict:
    """What the worker reads from `self.WORKBENCH_OFFLINE` (see the module's docstring)."""
    precache = [static(name) for name in PRECACHE]
    config = {
        "static": static(""),
        "precache": precache,
        "dayPath": reverse("visits:day"),
        "formPath": reverse("visits:visit_new"),
        # A login or a logout changes whose pages these are: the worker forgets the cached pages on either.
        "forgetOn": [reverse("login"), reverse("logout")],
    }
    digest = hashlib.sha256()
    digest.update(static_files_digest().encode())
    digest.update(json.dumps(config, sort_keys=True).encode())
    config["version"] = digest.hexdigest()[:16]
    return config


@cache
def script() -> str:
    """The worker as served: its configuration, then static/js/sw.js. Built once per process (the static files do
    not change under a running server; a deployment restarts it)."""
    config = json.dumps(worker_config(), sort_keys=True)
    header = "// Written by workbench/web/service_worker.py in front of static/js/sw.js.\n"
    return f"{header}self.WORKBENCH_OFFLINE = {config};\n{source()}"


@require_GET
def service_worker(request):
    """/sw.js: the worker's script, for anybody (it is code, no data: the pages it caches are fetched with the
    user's own session). `Cache-Control: no-cache` makes the browser ask on every update check; for a logged-in
    user PrivateNoStoreMiddleware makes it `private, no-store`, which is as good for a worker."""
    body = script() if not settings.DEBUG else script.__wrapped__()
    response = HttpResponse(body, content_type="text/javascript; charset=utf-8")
    response["Service-Worker-Allowed"] = "/"
    response["Cache-Control"] = "no-cache"
    return response
