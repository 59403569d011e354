"""The drawn map as a visitor's browser has it, for the browser tests: what the page's own
map layers show (``assets/map-paint.js``: the areas' counts and colours, the sites' looks)
and real clicks and hovers on its canvas, at the pixels where an area or a site is drawn."""

from __future__ import annotations

import json
from typing import Any

from dashboard.figures.map_paint import SITE_FIELDS

PLOT = "#project-map .js-plotly-plot"

# The map is drawn: plotly.js's base, and the page's layers painted with the paint of that
# map, MapLibre idle.
PAINTED = """(s) => {
    const gd = document.querySelector(s);
    const sub = gd && gd._fullLayout && gd._fullLayout.map && gd._fullLayout.map._subplot;
    const map = sub && sub.map;
    if (!map || !map.loaded() || map.isMoving() || !map._jppPaint) return false;
    const meta = gd.layout && gd.layout.meta;
    // and the first view gone (assets/first-view.js): until then it lies over the map
    return !!meta && meta.paint === map._jppPaint.map && map._jppMemo.map === map._jppPaint.map
        && !document.getElementById('first-view');
}"""

# What the map shows: each area's code, count, colour and whether it is outlined as chosen;
# each shown site's point, size, colour, number (a stack's) and hover text; and the number
# of projects its markers stand for (a single project's circle one, a stack its number).
STATE = (
    "(s) => {\n    const FIELDS = "
    + json.dumps(SITE_FIELDS)
    + """;
    const gd = document.querySelector(s);
    const map = gd._fullLayout.map._subplot.map;
    const paint = map._jppPaint, memo = map._jppMemo;
    const areas = paint.areas || {counts: [], colours: [], chosen: [], hovers: []};
    const sites = paint.sites.map(r => {
        const site = {lon: memo.lonlat[r[0]][0], lat: memo.lonlat[r[0]][1]};
        FIELDS.forEach((name, i) => { site[name] = r[i]; });
        return site;
    });
    return {
        map: paint.map,
        codes: memo.codes.slice(), counts: areas.counts, colours: areas.colours,
        hovers: areas.hovers, chosen: areas.chosen,
        provinces: memo.codes.length,
        shaded: areas.counts.reduce((a, b) => a + b, 0),
        sites: sites,
        projects: sites.filter(x => x.size > 0 && !(x.click && x.click.area))
            .reduce((n, x) => n + (x.number ? Number(String(x.number).replace(/\\D/g, '')) : 1), 0),
        canvas: !!gd.querySelector('canvas.maplibregl-canvas'),
        bar: !!(gd.parentNode.querySelector('.jpp-colour-bar svg')),
        selected: memo.selected || null,
    };
}"""
)

# A pixel of the canvas (page coordinates) where a click lands on what is asked for: the
# area ``code`` and no site over it, or the site at ``[lon, lat]``; null when none is drawn
# in view.
WHERE = """([s, want]) => {
    const gd = document.querySelector(s);
    const map = gd._fullLayout.map._subplot.map;
    const memo = map._jppMemo;
    const box = map.getCanvas().getBoundingClientRect();
    if (want.site) {
        const at = map.project(want.site);
        if (at.x < 0 || at.y < 0 || at.x > box.width || at.y > box.height) return null;
        return [box.left + at.x, box.top + at.y];
    }
    // off every site's target (4 px round its centre, assets/map-paint.js: HIT_PX)
    const sites = map._jppPaint.sites.map(r => map.project(memo.lonlat[r[0]]));
    const step = 3;
    for (let y = step; y < box.height - step; y += step) {
        for (let x = step; x < box.width - step; x += step) {
            if (sites.some(at => Math.hypot(at.x - x, at.y - y) <= 6)) continue;
            const found = map.queryRenderedFeatures([x, y], {layers: ['jpp-areas-fill']});
            if (found.length && String(found[0].properties[memo.promote]) === want.area) {
                return [box.left + x, box.top + y];
            }
        }
    }
    return null;
}"""


def wait_painted(page: Any, timeout: int = 30_000) -> None:
    page.wait_for_function(PAINTED, arg=PLOT, timeout=timeout)


def map_state(page: Any) -> dict[str, Any]:
    return page.evaluate(STATE, PLOT)


def where(page: Any, area: str | None = None, site: tuple[float, float] | None = None) -> Any:
    want = {"area": area} if area else {"site": list(site or ())}
    return page.evaluate(WHERE, [PLOT, want])


def click_area(page: Any, code: str) -> None:
    """A real click inside the area ``code`` (as drawn now), off every site."""
    at = where(page, area=code)
    assert at, f"{code} is not drawn in view"
    page.mouse.click(*at)


def click_site(page: Any, lon: float, lat: float) -> None:
    at = where(page, site=(lon, lat))
    assert at, f"no site at {lon}, {lat} in view"
    page.mouse.click(*at)


def hover_text(page: Any, area: str | None = None, site: tuple[float, float] | None = None) -> str:
    """The hover label's text with the pointer on the area or the site."""
    at = where(page, area=area, site=site)
    assert at, f"{area or site} is not drawn in view"
    page.mouse.move(*at)
    label = page.locator(".jpp-map-hover:not([hidden])")
    label.wait_for(timeout=10_000)
    return label.inner_text()


def wait_map(page: Any, condition: str, arg: Any = None, timeout: int = 30_000) -> dict[str, Any]:
    """Wait until the map is painted and ``condition`` holds: a JavaScript function of the
    map's state (what ``map_state`` returns) and ``arg``, e.g.
    ``"(st, n) => st.shaded === n"``. Returns the state then."""
    page.wait_for_function(
        f"([s, a]) => ({PAINTED})(s) && !!({condition})(({STATE})(s), a)",
        arg=[PLOT, arg],
        timeout=timeout,
    )
    return map_state(page)


def site_looks(page: Any) -> list[dict[str, Any]]:
    """Every site the paint holds, each with every field of ``map_paint.SITE_FIELDS``
    (``point``, ``ring``, ``ring_colour``, ``size``, ``colour``, ``opacity``, ``disc``,
    ``number``, ``hover``, ``click``, ``ring_opacity``) and its ``lon``/``lat``."""
    return list(map_state(page)["sites"])


def wait_for_state(page: Any, check: Any, timeout: int = 30_000) -> dict[str, Any]:
    """``map_state`` once the map is painted and ``check(state)`` holds (polled: a filter's
    paint may arrive after the map was first painted); fails after ``timeout`` ms with the
    last state seen."""
    import time

    end = time.monotonic() + timeout / 1000
    state: dict[str, Any] = {}
    while time.monotonic() < end:
        if page.evaluate(PAINTED, PLOT):
            state = map_state(page)
            if check(state):
                return state
        page.wait_for_timeout(200)
    painted = page.evaluate(PAINTED, PLOT)
    raise AssertionError(f"the map never showed what was awaited (painted: {painted}); {state}")
