"""Issue 12's review in Chromium: on a Japanese page the words other libraries write (the side
panel's close button, the map canvas's name, the mode bar's PNG button) are Japanese, the
open panel is named after its place, and "Skip to the map" puts the focus on the map."""

from __future__ import annotations

import pytest

from dashboard.i18n import translator
from dashboard.ui import ids

from .map_page import click_area, wait_painted
from .test_browser import PLOT, api, wait_for_count

pytestmark = pytest.mark.browser


def test_a_japanese_page_names_its_close_button_canvas_and_png_button_in_japanese(
    page, live_server
):
    t = translator("ja")
    page.goto(f"{live_server}/?country=VNM&lang=ja")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    wait_painted(page)
    page.wait_for_function(  # MapLibre's "Map", renamed as the page draws (page-words.js)
        "([s, name]) => document.querySelector(s)?.getAttribute('aria-label') === name",
        arg=[f"{PLOT} canvas.maplibregl-canvas", t("Map of the projects")],
    )
    titles = page.eval_on_selector_all(
        f"{PLOT} .modebar-btn", "els => els.map(e => e.getAttribute('data-title'))"
    )
    assert "PNG画像をダウンロード" in titles, titles  # plotly 3's "Download plot as a PNG"
    assert not [title for title in titles if title and "Download" in title], titles
    heading = page.locator(f"#{ids.DETAIL_BODY} .detail-heading")
    click_area(page, "VN-26")  # a real click on the province, off its sites
    heading.wait_for(timeout=20_000)
    close = page.locator(f"#{ids.DETAIL} .btn-close")
    page.wait_for_function(
        "([s, name]) => document.querySelector(s)?.getAttribute('aria-label') === name",
        arg=[f"#{ids.DETAIL} .btn-close", t("Close")],
    )
    assert close.get_attribute("aria-label") == t("Close") != "Close"
    name = page.locator(f"#{ids.DETAIL_TITLE}").inner_text()
    assert name != t("Projects here") and "：" in name and name.endswith("件")


def test_skip_to_the_map_puts_the_focus_on_the_map(page, live_server):
    page.goto(f"{live_server}/?country=VNM")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to the map"
    page.keyboard.press("Enter")
    page.wait_for_function(f"document.activeElement.id === '{ids.MAP_REGION}'")
    assert page.evaluate(f"!!document.activeElement.querySelector('#{ids.MAP}')")
