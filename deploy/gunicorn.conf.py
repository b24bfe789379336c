"""Gunicorn settings for Workbench in production (docs/deploy.md); `deploy/serve` starts gunicorn with them.

Every value can be changed from the environment, so one file serves a 2-core test box and a 16-core app server:

| variable                 | default                 | what                                                       |
|--------------------------|-------------------------|------------------------------------------------------------|
| WORKBENCH_BIND           | 127.0.0.1:8000          | address(es) to listen on, comma separated                  |
| WORKBENCH_WORKERS        | 2 × cores + 1           | worker processes                                           |
| WORKBENCH_WORKER_CLASS   | gthread                 | `gthread` (threads per process) or `sync`                  |
| WORKBENCH_THREADS        | 4 (gthread), 1 (sync)   | threads per worker                                         |
| WORKBENCH_TIMEOUT        | 120                     | seconds a silent worker may take before it is restarted    |
| WORKBENCH_KEEPALIVE      | 75                      | seconds an idle HTTP keep-alive connection stays open      |
| WORKBENCH_ACCESS_LOG     | - (standard output)     | access log file; empty turns it off                        |
| WORKBENCH_CONTROL_SOCKET | (off)                   | path of gunicorn's control socket for `gunicornc`          |
"""

import multiprocessing
import os


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "workbench.wsgi:application"
bind = [address.strip() for address in os.environ.get("WORKBENCH_BIND", "127.0.0.1:8000").split(",") if address]

# The classic 2 × cores + 1: while one worker waits on PostgreSQL another uses the core.
workers = _int("WORKBENCH_WORKERS", multiprocessing.cpu_count() * 2 + 1)
# gthread: each worker serves a few requests at once, so a client slow to send its request (a phone on a poor
# network), a long Excel export or a slow city-wide report holds one thread, not a whole process. Five clients
# trickling their headers froze every page under 5 sync workers and cost nothing under gthread; with 100 users
# browsing, the two were within the noise of the test machine (docs/performance.md#gunicorn-settings). It also keeps
# HTTP keep-alive connections open, which a browser reuses for the next page. Behind nginx (which buffers whole
# requests) sync is as good and opens a quarter of the database connections: WORKBENCH_WORKER_CLASS=sync.
worker_class = os.environ.get("WORKBENCH_WORKER_CLASS", "gthread")
# (gunicorn turns `sync` with more than one thread into gthread, so sync gets one.)
threads = _int("WORKBENCH_THREADS", 4 if worker_class == "gthread" else 1)
# Every thread holds its own persistent PostgreSQL connection (CONN_MAX_AGE, settings.py), so one app server
# opens up to workers × threads connections: 5 × 4 = 20 on 2 cores. Keep the sum over all app servers under
# PostgreSQL's max_connections (100 by default), or put PgBouncer in front of it.

# A 30,000-row Excel export is the longest request (docs/performance.md#gunicorn-settings). Under gthread the
# timeout only restarts a worker whose main loop stopped answering, not a long request; under sync it is the longest
# request allowed, so it is kept well above the slowest export either way.
timeout = _int("WORKBENCH_TIMEOUT", 120)
graceful_timeout = 30
# Idle keep-alive connections (gthread only; sync closes every connection). A browser comes back after its user's
# think time, and a connection the server closes just as the browser reuses it is reset: with 5 s, requests of the
# load test failed that way (docs/performance.md#gunicorn-settings). 75 s outlasts the think times and nginx's
# upstream keepalive_timeout (60 s), as it must behind a proxy; an idle connection costs gthread a socket, not a
# thread.
keepalive = _int("WORKBENCH_KEEPALIVE", 75)

# Load Django once in the master and fork the workers from it: faster start, shared memory, and a broken
# configuration stops the start instead of looping through dying workers.
preload_app = True
# Recycle a worker after a few thousand requests so that a slow leak (a big export's memory) cannot grow forever;
# the jitter keeps the workers from restarting all at once.
max_requests = 5000
max_requests_jitter = 500

accesslog = os.environ.get("WORKBENCH_ACCESS_LOG", "-") or None
errorlog = "-"
# Combined log format plus the request time in milliseconds (%(M)s) and the worker's pid (%(p)s); the client is
# the X-Forwarded-For the proxy sets, when there is one.
access_log_format = '%(h)s %({x-forwarded-for}i)s %(l)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s" %(p)s'
proc_name = "workbench"
# gunicorn's control socket (`gunicornc`) defaults to one path per user, which two instances on one host (the
# service and a load test, say) would fight over: off unless WORKBENCH_CONTROL_SOCKET names a path.
control_socket = os.environ.get("WORKBENCH_CONTROL_SOCKET", "")
control_socket_disable = not control_socket


def when_ready(server):
    """Warm Django up in the master, once, before the workers are forked: import every view (the URLconf) and load
    the translation catalogues, which Django otherwise does lazily on each worker's first request (CPU time each
    worker would spend, docs/performance.md#gunicorn-settings; at start-up every worker pays it at once)."""
    if not server.cfg.preload_app:
        return
    from django.conf import settings
    from django.urls import get_resolver
    from django.utils import translation

    get_resolver().url_patterns  # noqa: B018  (the property imports the URLconf and every view module)
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Home")


def post_fork(server, worker):
    """Close any database connection the master opened while loading Django: a forked socket must not be shared."""
    from django.db import connections

    connections.close_all()
