"""The map's view in real Chromium (issue 13's paint): from the world's overview a country's
map shows the country (was: a blank map, its centre held at the equator), and a view the
visitor panned stays put while the filters change."""

from __future__ import annotations

import pytest

from dashboard.ui import ids

from .map_page import PLOT, click_area, map_state, wait_map
from .test_browser import api, tick, wait_for_count, wait_for_search
from .test_public_journeys import wait_for_map

pytestmark = pytest.mark.browser

VIEW = """(s) => { const map = document.querySelector(s)._fullLayout.map._subplot.map;
    const c = map.getCenter();
    return {lon: c.lng, lat: c.lat, zoom: map.getZoom()}; }"""

DRAWN_AREAS = """(s) => { const map = document.querySelector(s)._fullLayout.map._subplot.map;
    const key = map._jppMemo.promote;
    return [...new Set(map.queryRenderedFeatures({layers: ['jpp-areas-fill']})
        .map(f => String(f.properties[key])))]; }"""


def test_a_country_clicked_on_the_world_map_is_drawn_in_view(page, live_server):
    page.goto(f"{live_server}/?view=world")
    wait_for_count(page, api(live_server, "")["count"])
    wait_map(page, "(m) => m.codes.length > 200")
    click_area(page, "VNM")
    wait_for_search(page, "?country=VNM&lang=en")
    wait_for_map(page)
    wait_map(page, "(m) => m.codes.includes('VN-26')")
    drawn = page.evaluate(DRAWN_AREAS, PLOT)
    codes = map_state(page)["codes"]
    # Every one of Viet Nam's provinces is on the screen, north and south.
    assert sorted(drawn) == sorted(codes)
    view = page.evaluate(VIEW, PLOT)
    assert 8.0 < view["lat"] < 24.0 and 102.0 < view["lon"] < 110.0


def test_a_panned_view_stays_while_a_filter_changes(page, live_server):
    page.goto(f"{live_server}/?country=VNM")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    wait_for_map(page)
    fitted = page.evaluate(VIEW, PLOT)
    box = page.locator(PLOT).bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y + 80, steps=8)
    page.mouse.up()
    wait_for_map(page)
    panned = page.evaluate(VIEW, PLOT)
    assert abs(panned["lat"] - fitted["lat"]) > 0.1  # the drag moved the map
    tick(page, ids.FIELD, "Water supply & sanitation")
    wait_for_count(page, api(live_server, "?country=VNM&field=water")["count"])
    wait_for_map(page)
    page.wait_for_timeout(500)
    kept = page.evaluate(VIEW, PLOT)
    assert abs(kept["lat"] - panned["lat"]) < 1e-3 and abs(kept["lon"] - panned["lon"]) < 1e-3
    assert abs(kept["zoom"] - panned["zoom"]) < 1e-3
