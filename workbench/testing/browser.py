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
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings

from workbench.testing import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

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
SCREENS: dict[str, dict[str, Any]] = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {
        "viewport": {"width": 390, "height": 844},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}

# What does not fit a phone today, with the reason; issue 13 (the phone layout) fixes it. Both lists are checked
# both ways, so that they stay exact: what is not listed must fit, and what is listed but fits fails until it is
# taken off the list. Never list something to make a test pass that used to: fix the page.
#
# Pages wider than the phone (the whole page scrolls sideways).
WIDER_THAN_A_PHONE: dict[str, str] = {}
# Figures that matter which lie off the phone's screen, in a table that scrolls sideways inside the page.
# Issue 13 emptied both: on a phone every table's rows are cards (workbench.css), so no figure is off the screen.
FIGURES_OFF_A_PHONE: dict[str, str] = {}

# axe-core, vendored by scripts/vendor_static.py outside every static folder: only the tests load it, never a user.
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
# The strict Content-Security-Policy refuses an inline <script> (what add_script_tag(path=...) writes), so the tab
# asks for axe at this same-origin address, which the tab's own route answers from AXE: the server never sees it.
AXE_PATH = "/__browser-tests__/axe.min.js"
# WCAG 2.0 and 2.1, levels A and AA: what the platform promises (issue 13).
RUN_AXE = """
async () => {
  const tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
  const results = await axe.run(document, {runOnly: {type: "tag", values: tags}});
  return results.violations.map(function (violation) {
    const where = violation.nodes.slice(0, 5).map(function (node) { return node.target.join(" "); });
    return violation.id + " (" + violation.help + "): " + where.join(", ");
  });
}
"""

# var/ is ignored by git: screenshots are for looking at, not for keeping.
SCREENSHOTS = Path(settings.BASE_DIR).parent / "var" / "screenshots"

# Chromium reports a CSP violation on the console too, but the event names the directive precisely.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", function (event) {
  console.error("CSP violation: " + event.violatedDirective + " blocked " + (event.blockedURI || "inline code"));
});
"""

# Chart.js animates a chart in for a second; a screenshot taken meanwhile shows a point half-way up.
FINISH_CHARTS = """
() => Object.values((window.Chart && window.Chart.instances) || {}).forEach(function (chart) {
  chart.stop();
  chart.options.animation = false;
  chart.update("none");
})
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

    page: Page
    name: str
    base_url: str
    problems: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.page.add_init_script(REPORT_CSP_VIOLATIONS)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)
        self.page.on("response", self._on_response)
        self.page.route(f"**{AXE_PATH}", lambda route: route.fulfill(path=AXE, content_type="text/javascript"))

    def _on_console(self, message) -> None:
        # Errors only: chromium's own hints (autocomplete attributes and the like) are "verbose" or "warning".
        # A failed load is reported by _on_response, which names the address (the console message does not).
        if message.type == "error" and not message.text.startswith("Failed to load resource"):
            self.problems.append(f"console error on {self.page.url}: {message.text}")

    def _on_page_error(self, error) -> None:
        self.problems.append(f"uncaught exception on {self.page.url}: {error.name}: {error.message}")

    def _on_response(self, response) -> None:
        # A page's own status is the test's business (a form with errors answers 400); a stylesheet, script or
        # image that fails to load is always a fault (the favicon included: base.html links one).
        request = response.request
        if response.status >= 400 and request.resource_type != "document":
            self.problems.append(f"{request.method} {request.url} answered {response.status}")

    @property
    def width(self) -> int:
        return SCREENS[self.name]["viewport"]["width"]

    @property
    def is_phone(self) -> bool:
        return self.name == "phone"

    def visit(self, path: str):
        """Open `path`, wait until it loaded (deferred scripts included) and check that nothing went wrong,
        accessibility included (axe-core, WCAG 2 A/AA)."""
        response = self.page.goto(self.base_url + path)
        self.assert_no_problems()
        self.assert_accessible()
        return response

    def assert_accessible(self) -> None:
        """Fail on any WCAG 2 A/AA violation axe-core finds in the page as it is now (menus open or closed)."""
        if not self.page.evaluate("typeof window.axe === 'object'"):
            self.page.add_script_tag(url=self.base_url + AXE_PATH)
        violations = self.page.evaluate(RUN_AXE)
        assert not violations, f"axe-core on {self.path()} at {self.name} width:\n" + "\n".join(violations)

    def log_in(self, staff) -> None:
        """Log in as `staff` through the login form, as a person does; lands on the home page."""
        self.visit("/accounts/login/")
        self.page.locator("#id_username").fill(staff.code)
        self.page.locator("#id_password").fill(PASSWORD)
        with self.page.expect_navigation():
            self.page.locator("main form button[type=submit]").click()
        assert self.path() == "/", f"the login did not reach the home page but {self.page.url}"
        self.assert_no_problems()
        self.assert_accessible()

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

    def assert_in_view(self, locator, figures: str) -> None:
        """Every element of `locator` is shown within the screen's width, readable without scrolling sideways
        (a number that matters must be read at once, even when the table around it scrolls). `figures` names
        them as FIGURES_OFF_A_PHONE does ("page: what")."""
        elements = locator.all()
        assert elements, f"no {figures} on the page"
        spans = []
        for element in elements:
            element.wait_for(state="visible")
            box = element.bounding_box()
            spans.append((box["x"], box["x"] + box["width"]))
        in_view = all(left >= 0 and right <= self.width for left, right in spans)
        where = ", ".join(f"{left:.0f}–{right:.0f}" for left, right in spans)
        if self.is_phone and figures in FIGURES_OFF_A_PHONE:
            assert not in_view, f"{figures} fit a phone now: take them off FIGURES_OFF_A_PHONE"
        else:
            assert in_view, f"{figures} span {where} px on a {self.width} px screen"

    def screenshot(self, name: str) -> Path:
        """Save the whole page as var/screenshots/<name>-<screen>.png, to look at."""
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        # Charts may still be animating (a point rising from 0): draw them at their final state first.
        self.page.evaluate(FINISH_CHARTS)
        path = SCREENSHOTS / f"{name}-{self.name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path
