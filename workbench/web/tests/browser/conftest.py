"""Fixtures of the browser tests: one chromium for the whole run, a fresh tab per test at each screen size.

Every test that asks for `screen` runs twice, at desktop (1366 × 900) and at phone width (390 × 844), against
pytest-django's live server, so its data must be built in a transactional database (`live_server` asks for it).
"""

import os

import pytest
from playwright.sync_api import sync_playwright

from workbench.testing.browser import SCREENS, Screen, launch_chromium


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives Debian's chromium with Playwright (scripts/test installs it)")


@pytest.fixture(scope="session")
def chromium():
    """Debian's chromium, started once: starting it costs more than a dozen page loads."""
    # Playwright's sync API runs an event loop in this thread, and Django refuses database work in a thread
    # with a running loop. The tests' database calls are plain synchronous ones, so the guard is lifted here.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(params=list(SCREENS))
def screen(request, chromium, live_server):
    """A new tab (no cookies, so logged out, reading Chinese) at one of the SCREENS sizes."""
    context = chromium.new_context(**SCREENS[request.param], locale="zh-CN")
    # A slow page on a loaded machine is still a working page; a missing element should not take 30 s to fail.
    context.set_default_timeout(10_000)
    tab = Screen(context.new_page(), request.param, live_server.url)
    yield tab
    try:
        # Whatever the browser reported after the last check (a script failing late) fails the test too.
        tab.assert_no_problems()
    finally:
        context.close()


@pytest.fixture
def page(screen):
    """The Playwright page of `screen`, for tests that need nothing else."""
    return screen.page
