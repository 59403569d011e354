"""The public site's journeys in real Chromium: languages, shared links to a selection,
world → country → province → project, keyboard only, and a 360×640 phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from dashboard.ui import ids

from .factories import DATASET_SIZE as ALL
from .factories import VIET_NAM_SIZE as VIET_NAM
from .map_page import click_area, map_state, wait_map, wait_painted
from .test_browser import (
    PLOT,
    api,
    assert_only_loopback,
    chosen_countries,
    ticked,
    wait_for_count,
    wait_for_search,
)
from .test_tbt_browser import wake

pytestmark = pytest.mark.browser


def wait_for_map(page) -> None:
    """plotly.js's base is drawn and the page's own layers painted on it, MapLibre idle."""
    page.wait_for_function(
        """(s) => {
            const gd = document.querySelector(s);
            const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
            return map && map.map.loaded() && !map.map.isMoving() && gd._fullData.length > 0;
        }""",
        arg=PLOT,
        timeout=30_000,
    )
    wait_painted(page)


def click_area_until(page, location: str, done) -> None:  # type: ignore[no-untyped-def]
    """A real click inside the area ``location`` as drawn, until ``done`` (a wait taking a
    timeout in ms) sees its effect; again if a redraw swallowed it."""
    for _attempt in range(5):
        wait_painted(page)
        click_area(page, location)
        try:
            done(5_000)
            return
        except PlaywrightTimeout:
            continue
    done(20_000)


# The old name (was: plotly's click event emitted by hand), for tests that still import it.


def test_switching_language_keeps_the_view_and_translates_everything(page, live_server):
    page.goto(f"{live_server}/?country=VNM&field=water")
    wait_for_count(page, 15)
    page.locator(".site-header .language-link[lang=ja]").click()
    page.wait_for_url("**/?country=VNM&field=water&lang=ja")
    wait_for_count(page, 15)
    assert page.evaluate("document.documentElement.lang") == "ja"
    assert page.title() == "JICA草の根技術協力事業マップ"
    assert page.inner_text(".site-title") == "JICA草の根技術協力事業"
    assert ticked(page, ids.FIELD) == ["水・衛生"]
    assert page.inner_text(f"#{ids.RESULT_NOUN}") == "件"
    assert chosen_countries(page) == ["ベトナム"]
    wait_for_map(page)
    # The map's own controls speak the page's language too.
    page.hover(PLOT)
    zoom_in = page.locator(f"{PLOT} .modebar-btn[data-title='拡大']")
    assert zoom_in.count() == 1
    page.locator(".site-header .language-link[lang=vi]").click()
    page.wait_for_url("**/?country=VNM&field=water&lang=vi")
    wait_for_count(page, 15)
    assert ticked(page, ids.FIELD) == ["Cấp nước & vệ sinh"]
    assert page.inner_text(f"#{ids.BUDGET_TOTAL}").startswith("Tổng ngân sách được nêu")
    assert page.console_errors == []


def test_the_browsers_language_when_the_link_names_none(page_factory, live_server):
    page = page_factory(locale="vi-VN")
    page.goto(f"{live_server}/?country=LAO")
    wait_for_search(page, "?country=LAO&lang=vi")  # a copy of the link keeps the language
    wait_for_count(page, api(live_server, "?country=LAO")["count"])
    assert page.evaluate("document.documentElement.lang") == "vi"
    assert page.inner_text(f"label[for='{ids.COUNTRY}']") == "Quốc gia"


def test_a_link_to_a_selected_project_opens_it_and_closing_forgets_it(page, live_server):
    page.goto(f"{live_server}/?country=VNM&project=VN03&lang=ja")
    panel = page.locator(f"#{ids.DETAIL}")
    card = panel.locator(".project-card").first
    card.wait_for(timeout=20_000)
    assert (
        card.locator("h3")
        .inner_text()
        .startswith("ハノイ市における下水道事業運営に関する能力開発計画")
    )
    assert "VN03" in card.inner_text()
    assert panel.locator(".detail-heading").inner_text().startswith("ハノイ")
    panel.locator(".btn-close").click()
    wait_for_search(page, "?country=VNM&lang=ja")
    page.go_back()
    wait_for_search(page, "?country=VNM&project=VN03&lang=ja")
    card.wait_for(timeout=20_000)


def test_from_the_world_to_a_country_a_province_and_a_project(page, live_server):
    page.goto(f"{live_server}/?view=world")
    wait_for_count(page, ALL)
    wait_map(page, "(m) => m.codes.length > 200")
    click_area_until(page, "VNM", lambda ms: wait_for_search(page, "?country=VNM&lang=en", ms))
    wait_for_count(page, VIET_NAM)
    wait_for_map(page)
    wait_map(page, "(m) => m.codes.includes('VN-26')")
    heading = page.get_by_text("Thừa Thiên Huế: 6 projects with these filters")
    click_area_until(page, "VN-26", lambda ms: heading.wait_for(timeout=ms))
    wait_for_search(page, "?country=VNM&at=VN-26&lang=en")  # the province is in the link
    page.locator(f"#{ids.DETAIL} .project-card a", has_text="Project page").first.click()
    # The link carries the map as it was left (back=), for the project's "Back to the map".
    page.wait_for_url("**/project/VN01?lang=en&back=country%3DVNM%26at%3DVN-26")
    heading = page.locator(f"#{ids.PROJECT_BODY} h1")
    heading.wait_for(timeout=20_000)
    assert heading.inner_text().startswith("Yokohama-Hue water supply JPP")
    assert_only_loopback(page)


FOCUSED = "document.activeElement"


def tab_until(page, condition: str, limit: int = 400) -> None:
    """Press Tab until the focused element meets the condition (a JS expression)."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = {FOCUSED}; return !!({condition}); }})()"):
            return
    raise AssertionError(f"Tab never reached: {condition}")


def test_keyboard_only_filter_list_and_open_a_project(page, live_server):
    page.goto(f"{live_server}/?country=VNM")
    wait_for_count(page, VIET_NAM)
    page.locator("body").focus()
    tab_until(page, "el.value === 'water' && el.closest('#filter-field')")
    outline = page.evaluate(f"getComputedStyle({FOCUSED}).outlineWidth")
    assert outline == "3px"  # the focus is visible
    page.keyboard.press("Space")
    wait_for_count(page, 15)
    tab_until(page, "el.matches('.project-list summary')")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('#project-table tbody tr').length === 15"
    )
    tab_until(page, "el.matches('#project-table tbody a')")
    target = page.evaluate(f"{FOCUSED}.getAttribute('href')")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{target}")
    page.locator(f"#{ids.PROJECT_BODY} h1").wait_for(timeout=20_000)


def test_a_phone_folds_the_filters_and_keeps_map_and_list_usable(page_factory, live_server):
    page = page_factory(width=360, height=640, is_mobile=True, has_touch=True)
    page.goto(f"{live_server}/?country=VNM")
    wake(page)  # a phone loads the app at its first touch (assets/app-wake.js)
    wait_for_count(page, VIET_NAM)
    assert not page.locator(f"#{ids.FIELD}").is_visible()  # folded away
    toggle = page.locator(f"#{ids.FILTER_TOGGLE}")
    assert toggle.is_visible() and toggle.get_attribute("aria-expanded") == "false"
    wait_for_map(page)
    box = page.locator(PLOT).bounding_box()
    assert box["width"] >= 320 and box["height"] >= 300
    # The whole country is in view on the narrow screen, not just its middle.
    inside = page.evaluate(
        """(s) => { const map = document.querySelector(s)._fullLayout.map._subplot.map;
            const b = map.getBounds();
            return b.getWest() <= 102.2 && b.getEast() >= 109.4
                && b.getSouth() <= 8.6 && b.getNorth() >= 23.3; }""",
        PLOT,
    )
    assert inside
    toggle.tap()
    page.locator(f"#{ids.FIELD}").wait_for(state="visible")
    assert toggle.get_attribute("aria-expanded") == "true"
    page.locator(f"#{ids.FIELD}").get_by_label("Water supply & sanitation", exact=True).tap()
    wait_for_count(page, 15)
    # The filters are a sheet over the page: its button closes it (tests/test_sheet_journeys.py).
    page.locator(f"#{ids.SHEET_SHOW}").tap()
    page.locator(".project-list summary").tap()
    page.wait_for_function(
        "() => document.querySelectorAll('#project-table tbody tr').length === 15"
    )
    # Nothing wider than the screen: the page never scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


def test_from_japan_a_prefecture_its_partners_and_where_their_projects_are(page, live_server):
    page.goto(f"{live_server}/?view=japan")
    wait_for_count(page, ALL)
    wait_map(page, "(m) => m.codes.length === 47")
    state = map_state(page)
    assert state["counts"][state["codes"].index("JP-47")] == 11
    assert page.inner_text(f"#{ids.UNPLACED_NOTE}").startswith("62 projects here have no partner")
    heading = page.get_by_text(
        "Okinawa Prefecture: 11 projects by partners based here, with these filters"
    )
    click_area_until(page, "JP-47", lambda ms: heading.wait_for(timeout=ms))
    wait_for_search(page, "?view=japan&at=JP-47&lang=en")
    yomitan = page.locator(".home-partner", has_text="Yomitan Village")
    assert "based in Yomitan, Okinawa Prefecture" in yomitan.inner_text()
    yomitan.get_by_text("on the map of Timor-Leste").first.click()
    page.wait_for_url("**/?country=TLS&project=TL01&lang=en")
    card = page.locator(f"#{ids.DETAIL} .project-card").first
    card.wait_for(timeout=20_000)
    assert "TL01" in card.inner_text()
    assert "based in Yomitan, Okinawa Prefecture" in card.inner_text()
