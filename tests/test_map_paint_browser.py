"""The map drawn by the page's own layers (assets/map-paint.js), as a visitor meets it: a
filter change repaints without a new figure for plotly.js, the PNG holds what the map
shows, and a phone's world map has its colour key."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from dashboard.ui import ids

from .map_page import PLOT, click_area, hover_text, map_state, wait_map, wait_painted

pytestmark = pytest.mark.browser


def test_a_filter_change_repaints_the_same_map_and_plotly_draws_nothing(page, live_server):
    page.goto(live_server + "/?country=VNM")
    wait_painted(page)
    before = map_state(page)
    assert before["provinces"] == 63 and before["bar"] and before["projects"] > 0
    # opened from its link: the areas under plotly.js's names, the sites and their numbers
    # over them (names were written over the stacks' numbers)
    order = page.evaluate(
        "(s) => document.querySelector(s)._fullLayout.map._subplot.map.getLayersOrder()", PLOT
    )
    names = [i for i, layer in enumerate(order) if layer.startswith("plotly-trace-layer")]
    assert order.index("jpp-areas-fill") < names[0] and order.index("jpp-numbers") > names[-1]
    page.evaluate(
        """(s) => { const gd = document.querySelector(s); window.__plots = 0;
                    gd.on('plotly_afterplot', () => window.__plots++); }""",
        PLOT,
    )
    page.locator(f"#{ids.FIELD}").get_by_label("Water supply & sanitation", exact=True).check()
    page.wait_for_function(
        "([s, key]) => { const m = document.querySelector(s)._fullLayout.map._subplot.map;"
        " return m._jppPaint && m._jppPaint.sites.length < key; }",
        arg=[PLOT, len(before["sites"])],
    )
    wait_painted(page)
    after = map_state(page)
    assert after["map"] == before["map"]  # the same map, repainted
    assert page.evaluate("window.__plots") == 0  # plotly.js redrew nothing
    assert 0 < after["shaded"] < before["shaded"]
    assert 0 < after["projects"] < before["projects"]  # a project at two sites is two
    drawn = page.evaluate(
        "(s) => document.querySelector(s)._fullLayout.map._subplot.map"
        ".queryRenderedFeatures({layers: ['jpp-circles']}).filter(f => f.state.size > 0).length",
        PLOT,
    )
    assert drawn == len(after["sites"])  # only the shown sites are drawn


def test_a_click_on_a_province_selects_and_outlines_it(page, live_server):
    page.goto(live_server + "/?country=VNM")
    wait_painted(page)
    click_area(page, "VN-HN")
    page.wait_for_function("() => window.location.search.includes('at=VN-HN')")
    page.wait_for_function(
        "(s) => document.querySelector(s)._fullLayout.map._subplot.map._jppMemo.selected"
        " === 'VN-HN'",
        arg=PLOT,
    )
    assert page.locator(f"#{ids.DETAIL}").is_visible()


def test_the_maps_png_holds_its_areas_sites_and_colour_bar(page_factory, live_server):
    page = page_factory(accept_downloads=True)
    page.goto(live_server + "/?country=VNM")
    wait_painted(page)
    page.hover(PLOT)
    camera = page.locator(f"{PLOT} .modebar-btn").first
    with page.expect_download() as download:
        camera.click()
    assert download.value.suggested_filename == "jpp-map.png"
    picture = Image.open(io.BytesIO(download.value.path().read_bytes())).convert("RGB")
    colours = {colour for _, colour in picture.getcolors(1 << 20) or []}
    assert len(colours) > 50  # shaded areas, circles and the bar, not a blank or a copy
    # the bar's darkest blue (its top) and a site's field colour are in the picture
    assert any(r < 40 and g < 70 and b > 90 for r, g, b in colours)


def test_a_phones_world_map_has_its_colour_key_across_its_foot(page_factory, live_server):
    page = page_factory(width=390, height=844)
    page.goto(live_server + "/?view=world")
    wait_painted(page, timeout=60_000)
    bar = page.locator(".jpp-colour-bar svg .first-view-scale")
    assert bar.count() == 1
    texts = bar.locator("text").all_text_contents()
    assert texts[0] == "Projects" and "0" in texts
    box = page.locator(".jpp-colour-bar svg").bounding_box()
    assert box and box["width"] <= 390  # inside the phone's screen


def test_a_hover_label_under_a_still_pointer_follows_a_filter_change(page, live_server):
    """The pointer rests on Hà Nội's stack while a field is ticked from the keyboard: the
    label says what the map now shows there, not the projects it no longer shows."""
    page.goto(live_server + "/?country=VNM")
    wait_painted(page)
    stack = max(map_state(page)["sites"], key=lambda s: int(s["number"] or 1))
    before = hover_text(page, site=(stack["lon"], stack["lat"]))
    box = page.locator(f"#{ids.FIELD}").get_by_label("Water supply & sanitation", exact=True)
    box.focus()
    page.keyboard.press("Space")
    after = wait_map(page, "(m, n) => m.sites.length < n", len(map_state(page)["sites"]))
    here = [s for s in after["sites"] if (s["lon"], s["lat"]) == (stack["lon"], stack["lat"])]
    label = page.locator(".jpp-map-hover")
    if here:
        page.wait_for_function(
            "(t) => document.querySelector('.jpp-map-hover').innerText.trim() === t",
            arg=page.evaluate(
                "(h) => { const d = document.createElement('div'); d.innerHTML ="
                " h.replace(/<br>/g, '\\n'); return d.textContent.trim(); }",
                here[0]["hover"],
            ),
        )
    else:
        page.wait_for_function("() => document.querySelector('.jpp-map-hover').hidden")
    assert label.inner_text() != before or label.is_hidden()
