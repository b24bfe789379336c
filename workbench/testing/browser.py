"""The browser test kit: Debian's chromium driven by Playwright, at a desktop and at a phone width.

A browser test sees what a person sees: the page as chromium lays it out, after its scripts ran. `Screen` is one
browser tab of one size; it logs in through the real login form, opens pages, and collects every console error,
uncaught exception and Content-Security-Policy violation of the pages it shows, so that a test fails on them.
The fixtures are in workbench/web/tests/browser/conftest.py; docs/testing.md ("Browser tests") explains them.

There is no browser download: Playwright drives the chromium of the Debian package, which
scripts/install_browser.sh installs (scripts/test runs it when /usr/bin/chromium is missing).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

from workbench.testing import PASSWORD

CHROMIUM = Path("/usr/bin/chromium")

# Headless, and nothing that reaches the network on its own: the tests run on machines without Internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# The two sizes every browser test runs at. Field pages are phone-first: 390 px is an ordinary phone's width.
SCREENS = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

# The pages that are wider than a phone today, with what sticks out; issue 13 (the phone layout) fixes them. The
# list is checked both ways, so that it stays exact: a page not listed must fit, a listed page that fits fails
# until it is taken off the list. Never list a page to make a test pass that used to: fix the page.
WIDER_THAN_A_PHONE = {
    "customer-set-form": "the picker table of customers (5 columns) is not in a scrolling box",
}

# var/ is ignored by git: screenshots are for looking at, not for keeping.
SCREENSHOTS = Path(settings.BASE_DIR).parent / "var" / "screenshots"

# Chromium reports a CSP violation on the console too, but the event names the directive precisely.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline code"));
});
"""


def launch_chromium(playwright, executable: Path = CHROMIUM):
    """Start Debian's chromium; without it the test fails (never skips) and says how to install it."""
    if not executable.exists():
        pytest.fail(
            f"{executable} is missing: run scripts/test, which installs chromium and fonts-noto-cjk "
            "(scripts/install_browser.sh), instead of calling pytest directly.",
            pytrace=False,
        )
    return playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)


@dataclass
class Screen:
    """One browser tab of one size (`name` is a key of SCREENS) on the live server at `base_url`."""

    page: object  # playwright.sync_api.Page
    name: str
    base_url: str
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.add_init_script(REPORT_CSP_VIOLATIONS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", lambda error: self.problems.append(f"uncaught exception: {error}"))
        self.page.on("response", self._on_response)

    def _on_console(self, message) -> None:
        # Errors only: chromium's own hints (autocomplete attributes and the like) are "verbose" or "warning".
        # A failed load is reported by _on_response, which names the address (the console message does not).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _on_response(self, response) -> None:
        # A page's own status is the test's business (a form with errors answers 400); a stylesheet, script or
        # image that fails to load is always a fault. The browser asks for /favicon.ico by itself: the
        # platform has no icon yet, and a person never sees that 404.
        request = response.request
        if response.status >= 400 and request.resource_type != "document" and not request.url.endswith("/favicon.ico"):
            self.problems.append(f"{request.method} {request.url} answered {response.status}")

    @property
    def width(self) -> int:
        return SCREENS[self.name]["viewport"]["width"]

    @property
    def is_phone(self) -> bool:
        return self.name == "phone"

    def visit(self, path: str):
        """Open `path`, wait until it loaded (deferred scripts included) and check that nothing went wrong."""
        response = self.page.goto(self.base_url + path)
        self.assert_no_problems()
        return response

    def log_in(self, staff) -> None:
        """Log in as `staff` through the login form, as a person does; lands on the home page."""
        self.visit("/accounts/login/")
        self.page.locator("#id_username").fill(staff.code)
        self.page.locator("#id_password").fill(PASSWORD)
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").click()
        assert self.path() == "/", f"the login did not reach the home page but {self.page.url}"
        self.assert_no_problems()

    def path(self) -> str:
        """The path of the page shown (without the live server's address)."""
        return re.sub(r"^https?://[^/]+", "", self.page.url)

    def assert_no_problems(self) -> None:
        """Fail on any console error, uncaught exception or CSP violation seen so far (and forget them)."""
        problems, self.problems = self.problems, []
        assert not problems, "the browser reported:\n" + "\n".join(problems)

    def scroll_width(self) -> int:
        """How wide the page is laid out, in CSS pixels: more than `width` means sideways scrolling."""
        return self.page.evaluate("document.documentElement.scrollWidth")

    def assert_fits(self, name: str) -> None:
        """The page `name` is shown without sideways scrolling at this screen's width (see WIDER_THAN_A_PHONE)."""
        width = self.scroll_width()
        if self.is_phone and name in WIDER_THAN_A_PHONE:
            assert width > self.width, f"{name} fits a phone now: take it off WIDER_THAN_A_PHONE"
        else:
            assert width <= self.width, f"{name} is {width} px wide on a {self.width} px screen"

    def assert_in_view(self, locator) -> None:
        """The element is shown and lies within the screen's width without scrolling sideways (a number that
        matters must be readable at once, even when a wide table next to it scrolls)."""
        locator.wait_for(state="visible")
        box = locator.bounding_box()
        assert box is not None, f"{locator} is not laid out"
        assert box["x"] >= 0 and box["x"] + box["width"] <= self.width, (
            f"{locator} spans {box['x']:.0f}–{box['x'] + box['width']:.0f} px on a {self.width} px screen"
        )

    def screenshot(self, name: str) -> Path:
        """Save the whole page as var/screenshots/<name>-<screen>.png, to look at."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}-{self.name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
