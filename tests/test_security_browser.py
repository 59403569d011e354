"""The Content-Security-Policy in a real browser: every page draws its map with no violation.

Chromium fires ``securitypolicyviolation`` for whatever the policy blocks (a script, an
``eval``, a style, a worker, a fetch); the page records them from before its first script.
"""

from __future__ import annotations

import pytest

from dashboard.ui import ids

from .map_page import hover_text, map_state, wait_painted, where

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(
        [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(' '));
});
"""
MAP_DRAWN = """(selector) => {
    const gd = document.querySelector(selector);
    const map = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    return !!map && map.map.loaded() && !map.map.isMoving()
        && map.map.queryRenderedFeatures().length > 0;
}"""


def violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def open_and_wait_for_map(page, url: str, plot: str) -> dict[str, str]:
    page.add_init_script(RECORD_VIOLATIONS)
    response = page.goto(url)
    assert response is not None and response.status == 200
    # Polled, not on every animation frame: software WebGL makes each check costly.
    page.wait_for_function(MAP_DRAWN, arg=f"#{plot} .js-plotly-plot", polling=250, timeout=45_000)
    if plot == ids.MAP:  # the areas and sites, drawn by the page's own layers
        wait_painted(page, timeout=45_000)
    return response.headers


@pytest.mark.parametrize(
    ("path", "plot"),
    [
        ("/", ids.MAP),
        ("/embed", ids.MAP),
        ("/project/VN03", ids.PROJECT_MAP),
        ("/?view=world", ids.MAP),
        ("/?view=japan&lang=ja", ids.MAP),
    ],
)
def test_the_page_draws_its_map_with_no_policy_violation(page, live_server, path, plot):
    headers = open_and_wait_for_map(page, live_server + path, plot)
    policy = headers["content-security-policy"]
    # No inline script at all (the app starts from assets/dash-start.js): 'self' alone.
    assert "'unsafe-eval'" not in policy and "script-src 'self';" in policy
    # MapLibre's worker started from a blob: URL and drew the provinces.
    assert any(worker.url.startswith("blob:") for worker in page.workers)
    assert violations(page) == []
    assert page.console_errors == []


def test_filtering_hovering_and_opening_the_detail_break_no_policy(page, live_server):
    open_and_wait_for_map(page, live_server + "/", ids.MAP)
    count = page.inner_text(f"#{ids.RESULT_COUNT}")
    page.locator(f"#{ids.FIELD} input").first.check()
    page.wait_for_function(
        "([s, before]) => document.querySelector(s).textContent !== before",
        arg=[f"#{ids.RESULT_COUNT}", count],
    )
    box = page.locator(f"#{ids.MAP}").bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.move(box["x"] + box["width"] / 2 + 5, box["y"] + box["height"] / 2 + 5)
    # The map's own hover label, on an area drawn in view (assets/map-paint.js).
    wait_painted(page)
    drawn = next(code for code in map_state(page)["codes"] if where(page, area=code))
    assert hover_text(page, area=drawn)
    page.locator(f"#{ids.FIELD_CHART}").hover()
    page.wait_for_timeout(300)  # let plotly draw its hover labels before reading violations
    assert violations(page) == []
    assert page.console_errors == []


def test_the_operators_tile_server_is_allowed_and_nothing_else(browser, ops_server):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    try:
        headers = open_and_wait_for_map(page, ops_server.base + "/", ids.MAP)
        tiles = ops_server.tiles
        assert f"connect-src 'self' {tiles.base};" in headers["content-security-policy"]
        page.wait_for_function(
            """(s) => {
                const map = document.querySelector(s)._fullLayout.map._subplot.map;
                return map.areTilesLoaded();
            }""",
            arg=f"#{ids.MAP} .js-plotly-plot",
            polling=250,
        )
        assert any(path.startswith("/tiles/") for path in tiles.requested)
        assert violations(page) == []
        assert errors == []
    finally:
        context.close()


def test_a_site_not_named_in_frame_ancestors_cannot_embed_the_map(browser, ops_server):
    """The ops server allows only itself and www.jica.go.jp; the tile server's origin tries."""
    context = browser.new_context()
    page = context.new_page()
    try:
        page.goto(f"{ops_server.tiles.base}/host.html?src={ops_server.base}/embed")
        page.wait_for_load_state("load")
        frame = next(f for f in page.frames if f != page.main_frame)
        # Chromium replaces a refused frame with an error page; nothing of the map loads.
        assert frame.url.startswith("chrome-error://")
        assert page.frame_locator("iframe").locator(f"#{ids.MAP}").count() == 0
    finally:
        context.close()
