"""The first view in real headless Chromium: it shows before any script, the app takes its
place without moving anything (layout shifts summed as Chromium reports them), nothing is
asked of another host, and with JavaScript off the list's links open readable pages."""

from __future__ import annotations

import json
import urllib.request

import pytest

from dashboard.ui import ids

from .axe import serious_violations
from .map_page import wait_for_state

pytestmark = pytest.mark.browser

# Chromium's layout-shift entries, recorded from the start of the page (buffered), without
# those that follow an input (none here).
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.__shifts.push(entry.value);
  }
}).observe({type: "layout-shift", buffered: true});
"""
MAX_CLS = 0.05
PHONE, DESKTOP = (412, 823), (1280, 800)


def api(live_server: str, query: str) -> dict:
    with urllib.request.urlopen(f"{live_server}/api/projects{query}") as response:
        return json.load(response)


def taken_over(page) -> None:
    """The first view gone, the app's view drawn in its place."""
    page.wait_for_function("() => !document.getElementById('first-view')", timeout=60_000)


def test_the_first_view_shows_then_the_app_takes_its_place(page_factory, live_server):
    count = api(live_server, "?country=VNM")["count"]
    page = page_factory(*DESKTOP)
    page.goto(f"{live_server}/?country=VNM&lang=en", wait_until="commit")
    first = page.locator("#first-view")
    first.wait_for(state="attached")
    assert page.locator("#first-view .first-view-count").inner_text() == str(count)
    taken_over(page)
    # The app's own map and count, shown: its areas and sites painted, and the summary
    # says it.
    wait_for_state(page, lambda s: s["provinces"] > 0 and s["projects"] > 0)
    assert page.locator(f"#{ids.RESULT_COUNT}").inner_text() == str(count)
    assert page.locator(f"#{ids.RESULT_COUNT}").is_visible()
    assert page.locator(".first-view-map").count() == 0
    assert page.console_errors == []


@pytest.mark.parametrize("size", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(
    "path", ["/?country=VNM&lang=en", "/?view=world&lang=ja", "/project/VN03?lang=vi"]
)
def test_the_app_takes_over_without_a_layout_shift(page_factory, live_server, path, size):
    page = page_factory(*size)
    page.add_init_script(RECORD_SHIFTS)
    page.goto(live_server + path)
    taken_over(page)
    page.wait_for_timeout(1500)  # what settles after the first draw counts too
    shifts = page.evaluate("() => window.__shifts")
    assert sum(shifts) <= MAX_CLS, shifts


def test_without_javascript_the_list_opens_readable_project_pages(page_factory, live_server):
    page = page_factory(*PHONE, java_script_enabled=False)
    page.goto(f"{live_server}/?country=VNM&lang=ja")
    assert page.locator("#first-view").is_visible()
    assert page.locator("#first-view .first-view-map path[data-code]").count() > 0
    links = page.locator("#first-view .first-view-project > a")
    assert links.count() == api(live_server, "?country=VNM")["count"]
    href = links.first.get_attribute("href")
    assert href and href.startswith("/project/") and href.endswith("lang=ja")
    links.first.click()
    page.wait_for_url(f"**{href}")
    heading = page.locator("#first-view h1")
    assert heading.is_visible() and heading.inner_text()
    assert page.locator("#first-view table.detail-table").is_visible()  # its facts
    back = page.locator("#first-view main > a").first
    assert back.get_attribute("href", timeout=1000).startswith("/?")
    back.click()
    page.wait_for_load_state()
    assert page.locator("#first-view .first-view-count").is_visible()


@pytest.mark.parametrize(
    "path", ["/?country=VNM&lang=ja", "/?view=world&lang=en", "/project/VN03?lang=vi"]
)
def test_the_first_view_itself_has_no_serious_accessibility_violation(
    page_factory, live_server, path
):
    """axe-core on the first view alone: the app's scripts are held back (it never takes
    over), as on a phone still fetching them."""
    page = page_factory(*PHONE, bypass_csp=True)
    page.route("**/_dash-component-suites/**", lambda route: route.abort())
    page.goto(live_server + path)
    page.locator("#first-view").wait_for()
    violations = serious_violations(page)
    assert violations == []
    assert page.locator("#first-view").is_visible()  # the app never took over
