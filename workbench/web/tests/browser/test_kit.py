"""The browser kit itself (workbench.testing.browser): what makes a page fail, and the phone-width lists.

The pages here are served by Playwright's router, not by Django: each test decides exactly what the browser gets.
"""

from pathlib import Path

import pytest

from workbench.testing import browser
from workbench.testing.browser import SCREENS, Screen, launch_chromium

pytestmark = pytest.mark.browser

SITE = "http://workbench.test"


@pytest.fixture
def listed(monkeypatch):
    """Both phone lists with one entry each, as they stand while a page does not fit yet (today both are empty)."""
    monkeypatch.setattr(browser, "WIDER_THAN_A_PHONE", {"wide-form": "a picker table of five columns"})
    monkeypatch.setattr(browser, "FIGURES_OFF_A_PHONE", {"wide-report: rates": "the rate is the last column"})


@pytest.fixture
def serve(chromium):
    """serve(body, screen="desktop", status=200, headers=None) → a Screen whose every page is that answer."""
    contexts = []

    def make(body: str, screen: str = "desktop", status: int = 200, headers: dict | None = None) -> Screen:
        context = chromium.new_context(**SCREENS[screen])
        contexts.append(context)

        def answer(route):
            if route.request.url.endswith(".css"):
                route.fulfill(status=404, body="")
            else:
                route.fulfill(status=status, body=body, content_type="text/html", headers=headers or {})

        context.route(f"{SITE}/**", answer)
        return Screen(context.new_page(), screen, SITE)

    yield make
    for context in contexts:
        context.close()


# A page axe-core finds nothing wrong with: a language, a title, a landmark around the content.
PLAIN = (
    '<!doctype html><html lang="zh-hans"><meta name="viewport" content="width=device-width, initial-scale=1">'
    '<title>报表</title><body style="margin: 0"><main><p id="figure">75.0%</p>'
)


def test_a_clean_page_passes_and_its_own_status_is_the_tests_business(serve):
    # given a page answering 400, as a form sent back with its errors does
    screen = serve(PLAIN, status=400)

    # when it is visited
    response = screen.visit("/report/")

    # then nothing is reported, and the test sees the status
    assert response.status == 400
    assert screen.problems == []


def test_a_script_error_fails_the_visit(serve):
    # given a page whose script calls a function that does not exist
    screen = serve(PLAIN + "<script>drawChart();</script>")

    # when it is visited, then the visit fails and names the error
    error = f"uncaught exception on {SITE}/: ReferenceError: drawChart is not defined"
    with pytest.raises(AssertionError, match=error):
        screen.visit("/")


def test_a_csp_violation_fails_the_visit(serve):
    # given a strict Content-Security-Policy and an inline script, which it forbids
    screen = serve(PLAIN + "<script>1;</script>", headers={"Content-Security-Policy": "script-src 'self'"})

    # when it is visited, then the visit fails on the violation
    with pytest.raises(AssertionError, match="CSP violation: script-src-elem blocked inline"):
        screen.visit("/")


def test_a_missing_stylesheet_fails_the_visit(serve):
    # given a page whose stylesheet answers 404
    screen = serve(PLAIN + '<link rel="stylesheet" href="/static/missing.css">')

    # when it is visited, then the visit fails and names the address
    with pytest.raises(AssertionError, match=f"GET {SITE}/static/missing.css answered 404"):
        screen.visit("/")


def test_an_accessibility_violation_fails_the_visit(serve):
    # given a page whose grey text on white is too faint to read (2.3:1, WCAG AA asks for 4.5:1)
    screen = serve(PLAIN + '<p id="faint" style="color: #aaaaaa; background: #ffffff">上月</p>')

    # when it is visited, then axe-core's finding fails the visit and names the element
    with pytest.raises(AssertionError, match=r"axe-core on / at desktop width:\s+color-contrast \(.*\): #faint"):
        screen.visit("/")


def test_axe_core_is_injected_under_a_strict_content_security_policy(serve):
    # given a page under the platform's kind of policy, which refuses inline scripts
    screen = serve(PLAIN, headers={"Content-Security-Policy": "default-src 'self'; style-src 'self' 'unsafe-inline'"})

    # when it is visited, then axe-core ran in it (from the tab's own route) and found nothing
    screen.visit("/")
    assert screen.page.evaluate("typeof window.axe.run") == "function"
    assert screen.problems == []


def test_a_page_wider_than_a_phone_fails_unless_listed(serve, listed):
    # given a 500 px wide page at phone width
    screen = serve(PLAIN + '<div style="width: 500px">wide</div>', screen="phone")
    screen.visit("/")

    # then it fails the width check under a name that is not listed, and passes under a listed one
    with pytest.raises(AssertionError, match=r"customer-list is 50\d px wide on a 390 px screen"):
        screen.assert_fits("customer-list")
    screen.assert_fits("wide-form")


def test_a_listed_page_that_fits_a_phone_fails_until_taken_off_the_list(serve, listed):
    # given a page that fits a phone, under a name WIDER_THAN_A_PHONE lists
    screen = serve(PLAIN, screen="phone")
    screen.visit("/")

    # then the check says the list is out of date
    with pytest.raises(AssertionError, match="wide-form fits a phone now"):
        screen.assert_fits("wide-form")


def test_a_figure_off_the_screen_fails_unless_listed(serve, listed):
    # given a figure 450 px from the left, in a box that scrolls sideways, on a phone
    far = '<span id="far" style="margin-left: 450px">75.0%</span>'
    wide = f'<div style="overflow-x: auto" tabindex="0"><p style="width: 900px">{far}</p></div>'
    screen = serve(PLAIN + wide, screen="phone")
    screen.visit("/")

    # then a figure in view passes, the far one fails, and the far one listed as off a phone passes
    screen.assert_in_view(screen.page.locator("#figure"), "report: rates")
    with pytest.raises(AssertionError, match=r"report: rates span 4\d\d–\d+ px on a 390 px screen"):
        screen.assert_in_view(screen.page.locator("#far"), "report: rates")
    screen.assert_in_view(screen.page.locator("#far"), "wide-report: rates")
    with pytest.raises(AssertionError, match="wide-report: rates fit a phone now"):
        screen.assert_in_view(screen.page.locator("#figure"), "wide-report: rates")


def test_without_chromium_the_test_fails_and_says_how_to_install_it(tmp_path):
    # given no browser at the expected place
    # when the kit starts it, then the test fails (it is never skipped) and points to scripts/test
    with pytest.raises(pytest.fail.Exception, match="missing: run scripts/test, which installs chromium"):
        launch_chromium(playwright=None, executable=Path(tmp_path / "chromium"))
