"""Less work before the first interaction (issue 13), in real headless Chromium: on a
touch-only device (a phone) a page over its first view loads no script of the app, no
plotly.js and no boundary file until the visitor touches it; the first touch loads them and
the app takes the first view's place; with a mouse the app starts at once."""

from __future__ import annotations

import re

import pytest

from dashboard.i18n import translator
from dashboard.ui import ids

from .map_page import wait_for_state

pytestmark = pytest.mark.browser

PHONE = {"width": 412, "height": 823, "is_mobile": True, "has_touch": True}
APP = re.compile(r"/_dash-component-suites/|/assets/dash-start\.js|/_dash-layout|/vendor/plotly")
BOUNDARIES = re.compile(r"/geodata/")


def wake(page) -> None:
    """A phone's first touch, on the first view's data note (no link there): the app loads
    (assets/app-wake.js) and then takes the first view's place."""
    page.locator("#first-view .data-note").first.tap()


def app_requests(page) -> list[str]:
    return [url for url in page.requested_urls if APP.search(url) or BOUNDARIES.search(url)]


def taken_over(page) -> None:
    page.wait_for_function("() => !document.getElementById('first-view')", timeout=60_000)


@pytest.mark.parametrize(
    "path",
    ["/?country=VNM&lang=ja", "/?view=world&lang=vi", "/project/VN03?lang=en"],
)
def test_a_phone_reads_the_first_view_and_loads_the_app_at_its_first_touch(
    page_factory, live_server, path
):
    page = page_factory(**PHONE)
    page.goto(f"{live_server}{path}")
    page.wait_for_timeout(1500)  # time enough for any deferred script to have run
    assert page.locator("#first-view").is_visible()
    assert app_requests(page) == []  # nothing of the app before the visitor asks
    wake(page)
    taken_over(page)
    assert app_requests(page)  # the app, fetched at the touch
    assert page.evaluate("document.documentElement.classList.contains('app-shown')")


def test_a_phone_maps_projects_after_its_first_touch(page_factory, live_server):
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/?country=VNM")
    wake(page)
    taken_over(page)
    wait_for_state(page, lambda s: s["provinces"] > 0 and s["projects"] > 0, timeout=60_000)


def test_with_a_mouse_the_app_starts_without_waiting(page_factory, live_server):
    page = page_factory(width=1280, height=800)
    page.goto(f"{live_server}/?country=VNM&lang=en")
    taken_over(page)  # no input given
    assert any("/_dash-component-suites/" in url for url in page.requested_urls)


def test_an_embed_on_a_phone_waits_for_a_touch_not_for_being_in_view(page_factory, live_server):
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/embed?country=VNM&lang=en")
    page.wait_for_timeout(1500)
    assert page.locator("#first-view").is_visible()  # in view, and still the first view
    assert app_requests(page) == []
    page.locator("#first-view .first-view-map").first.tap()
    taken_over(page)
    assert app_requests(page)


def test_a_phones_first_press_on_filters_loads_the_app_and_opens_them(page_factory, live_server):
    page = page_factory(**PHONE, locale="ja-JP")
    page.goto(f"{live_server}/?country=VNM&lang=ja")
    button = page.locator("#first-view .first-view-filters")
    button.wait_for(state="visible")  # shown while the app waits for the visitor
    assert button.inner_text() == "絞り込み" and button.get_attribute("aria-hidden") is None
    button.tap()
    taken_over(page)
    page.locator(f"#{ids.FIELD}").wait_for(state="visible", timeout=30_000)  # the sheet is open
    assert page.locator(f"#{ids.FILTER_TOGGLE}").get_attribute("aria-expanded") == "true"


def test_scrolling_a_phone_page_does_not_load_the_app(page_factory, live_server):
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/?country=VNM")
    page.wait_for_timeout(500)
    page.mouse.wheel(0, 600)  # a scroll, no tap
    page.evaluate("window.scrollBy(0, 600)")
    page.wait_for_timeout(1000)
    assert app_requests(page) == []


def test_a_focus_in_the_first_view_moves_into_the_app_when_it_takes_over(page_factory, live_server):
    """A phone's keyboard or screen reader wakes the app by focusing the first view: when the
    view goes, the focus is on one of the app's controls, not lost to the page's body."""
    page = page_factory(**PHONE)
    page.goto(f"{live_server}/?country=VNM&lang=en")
    page.locator("#first-view a").first.focus()
    taken_over(page)
    assert page.evaluate(
        "document.activeElement !== document.body"
        " && document.getElementById('react-entry-point').contains(document.activeElement)"
    )


@pytest.mark.parametrize(
    ("path", "lang"),
    [("/?country=VNM&lang=ja", "ja"), ("/project/VN03?lang=vi", "vi"), ("/?view=world", "en")],
)
def test_a_phones_tap_says_the_map_is_loading_until_the_app_is_there(
    page_factory, live_server, path, lang
):
    """Seconds pass on a phone between the tap and the app: the page says so in its language
    (a page that does not answer a tap looks broken), and the words go with the first view."""
    page = page_factory(**PHONE)
    page.goto(f"{live_server}{path}")
    status = page.locator("#first-view .first-view-waking")
    assert status.is_hidden()  # nothing said while the visitor only reads
    wake(page)
    said = translator(lang)("Loading the interactive map…")
    assert page.evaluate(
        "() => document.querySelector('#first-view .first-view-waking')?.textContent"
    ) in (said, None)  # None: the app was quicker than this read
    if page.locator("#first-view").count():
        assert status.is_visible()
    assert page.get_by_role("status").filter(has_text=said).count() <= 1
    taken_over(page)
    assert page.get_by_text(said).count() == 0
