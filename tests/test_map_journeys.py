"""The map itself in real Chromium (issue 12): a stacked site in Hà Nội says how many
projects it holds and lists them; the world overview's list of countries opens Samoa and
Fiji; on a desktop and a 360×640 phone, in English and Japanese. Expected figures come from
the API, never written here."""

from __future__ import annotations

import json
import urllib.request
from collections import Counter

import pytest
from playwright.sync_api import expect

from dashboard.figures.map import STACK_TITLES
from dashboard.i18n import translator
from dashboard.ui import ids

from .map_page import hover_text, map_state, wait_map
from .test_browser import PLOT, api, assert_only_loopback, wait_for_count, wait_for_search
from .test_public_journeys import wait_for_map
from .test_tbt_browser import wake

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 360, "height": 640, "is_mobile": True, "has_touch": True}


def geojson(live_server: str, query: str) -> dict:
    # The API's largest page: every project of the tests' selections.
    url = f"{live_server}/api/projects.geojson{query}{'&' if query else '?'}limit=1000"
    with urllib.request.urlopen(url) as response:
        return json.load(response)


def hanoi_stack(live_server: str) -> tuple[tuple[float, float], list[str]]:
    """Hà Nội's point with the most projects, and their IDs: what its circle stands for."""
    features = geojson(live_server, "?country=VNM&province=VN-HN")["features"]
    at: dict[tuple[float, float], set[str]] = {}
    for feature in features:
        props = feature["properties"]
        drawn = props["precision"] < 6 and not props["region"]
        if feature["geometry"] and props["admin1"] == "VN-HN" and drawn:
            point = tuple(feature["geometry"]["coordinates"])
            at.setdefault(point, set()).add(props["id"])  # type: ignore[arg-type]
    point = max(at, key=lambda p: len(at[p]))
    return point, sorted(at[point])


def pixel(page, lon: float, lat: float) -> tuple[float, float]:
    return page.evaluate(
        """([s, lon, lat]) => {
            const map = document.querySelector(s)._fullLayout.map._subplot.map;
            const point = map.project([lon, lat]);
            const box = map.getCanvas().getBoundingClientRect();
            return [box.left + point.x, box.top + point.y];
        }""",
        [PLOT, lon, lat],
    )


def drawn_number(page, lon: float, lat: float) -> str | None:
    """The number the map's layers write on the site at a point (a stack's), if any."""
    for site in map_state(page)["sites"]:
        if abs(site["lon"] - lon) < 1e-6 and abs(site["lat"] - lat) < 1e-6:
            return str(site["number"])
    return None


HOVER = ".jpp-map-hover:not([hidden])"  # the page's own hover label, shown


@pytest.mark.parametrize(
    ("lang", "screen"), [("en", DESKTOP), ("ja", DESKTOP), ("ja", PHONE)], ids=str
)
def test_hanois_stacked_site_says_how_many_projects_and_lists_them(
    page_factory, live_server, lang, screen
):
    t = translator(lang)
    page = page_factory(**screen)
    page.goto(f"{live_server}/?country=VNM&lang={lang}")
    if screen is PHONE:
        wake(page)  # a phone loads the app at its first touch (assets/app-wake.js)
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    wait_for_map(page)
    (lon, lat), projects = hanoi_stack(live_server)
    assert len(projects) > 1  # several projects at one point: a stack
    assert drawn_number(page, lon, lat) == t.number(len(projects))
    page.locator(PLOT).scroll_into_view_if_needed()
    x, y = pixel(page, lon, lat)
    # The number is on the map, drawn by the browser (no glyph server asked): the layer
    # of the stacks' numbers has a symbol there.
    page.wait_for_function(
        """([s, x, y]) => {
            const map = document.querySelector(s)._fullLayout.map._subplot.map;
            const box = map.getCanvas().getBoundingClientRect();
            return map.queryRenderedFeatures([[x - box.left - 4, y - box.top - 4],
                [x - box.left + 4, y - box.top + 4]], {layers: ['jpp-numbers']}).length > 0;
        }""",
        arg=[PLOT, x, y],
        timeout=20_000,
    )
    if screen is DESKTOP:  # a phone has no hover: the tap opens the panel
        said = hover_text(page, site=(lon, lat))
        here = t.plural("{count} project here", "{count} projects here", len(projects))
        assert here in said
        assert said.count("• ") == min(len(projects), STACK_TITLES)
        if len(projects) > STACK_TITLES:
            assert t("and {count} more", count=t.number(len(projects) - STACK_TITLES)) in said
    panel = page.locator(f"#{ids.DETAIL}")
    cards = panel.locator(".project-card")
    for _attempt in range(4):  # on a busy machine a redraw can swallow a click: again
        if screen is DESKTOP:
            page.mouse.move(x, y)
            page.locator(HOVER).wait_for(timeout=10_000)
            page.mouse.click(x, y)
        else:
            page.touchscreen.tap(x, y)
        try:
            expect(cards).to_have_count(len(projects), timeout=10_000)
            break
        except AssertionError:
            x, y = pixel(page, lon, lat)
    expect(cards).to_have_count(len(projects), timeout=20_000)
    shown = sorted(
        text.strip()
        for text in panel.locator(".project-card tr:has(th) td").all_inner_texts()
        if text.strip() in projects
    )
    assert shown == projects and cards.count() == len(projects)
    assert page.console_errors == []
    assert not any("/offline/" in url for url in page.requested_urls)
    assert_only_loopback(page)


def country_counts(live_server: str) -> Counter:
    counts: Counter = Counter()
    for project in api(live_server, "")["projects"]:
        counts.update(set(project["countries"]))
    return counts


@pytest.mark.parametrize(("lang", "screen"), [("en", DESKTOP), ("ja", PHONE)], ids=str)
def test_the_world_overviews_list_opens_samoa_and_fiji(page_factory, live_server, lang, screen):
    t = translator(lang)
    page = page_factory(**screen)
    page.goto(f"{live_server}/?view=world&lang={lang}")
    if screen is PHONE:
        wake(page)  # a phone loads the app at its first touch (assets/app-wake.js)
    counts = country_counts(live_server)
    wait_for_count(page, api(live_server, "")["count"])
    wait_for_map(page)
    listed = page.locator(f"#{ids.COUNTRY_LIST} li")
    listed.first.wait_for(timeout=20_000)
    heading = page.locator(f"#{ids.COUNTRY_LIST} h2")
    assert heading.inner_text() == t("Countries and their projects")
    # Every country with projects, the most first, each with its count.
    names = page.locator(f"#{ids.COUNTRY_LIST} .country-name").all_inner_texts()
    numbers = page.locator(f"#{ids.COUNTRY_LIST} .country-count").all_inner_texts()
    assert len(names) == len(counts)
    assert names[0] == t.country("VNM") and numbers[0] == t.number(counts["VNM"])
    as_ints = [int(n.replace(",", "")) for n in numbers]
    assert as_ints == sorted(as_ints, reverse=True) and sum(as_ints) == sum(counts.values())
    # Beside the map on a desktop, under it on a phone.
    plot, box = (
        page.locator(PLOT).bounding_box(),
        page.locator(f"#{ids.COUNTRY_LIST}").bounding_box(),
    )
    if screen is DESKTOP:
        assert box["x"] >= plot["x"] + plot["width"]
    else:
        assert box["y"] >= plot["y"] + plot["height"]
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    # Samoa and Fiji also have a circle on the map that a click opens.
    areas = [
        site["click"]["area"]
        for site in map_state(page)["sites"]
        if site["size"] > 0 and isinstance(site["click"], dict) and "area" in site["click"]
    ]
    assert {"WSM", "FJI"} <= set(areas)

    # Samoa by the keyboard: its link takes the focus and Enter opens its map.
    samoa = page.locator(f"#{ids.COUNTRY_LIST} a", has_text=t.country("WSM"))
    samoa.focus()
    page.keyboard.press("Enter")
    wait_for_search(page, f"?country=WSM&lang={lang}")
    wait_for_count(page, counts["WSM"])
    wait_map(page, "(m) => m.codes.every(c => c.startsWith('WS-'))")
    assert not page.locator(f"#{ids.COUNTRY_LIST}").is_visible()  # the world's list only

    # Back to the world; Fiji by a click (a tap on the phone).
    page.go_back()
    wait_for_search(page, f"?view=world&lang={lang}")
    fiji = page.locator(f"#{ids.COUNTRY_LIST} a", has_text=t.country("FJI"))
    fiji.wait_for(timeout=20_000)
    if screen is PHONE:
        fiji.tap()
    else:
        fiji.click()
    wait_for_search(page, f"?country=FJI&lang={lang}")
    wait_for_count(page, counts["FJI"])
    wait_map(page, "(m) => m.codes.every(c => c.startsWith('FJ-'))")
    # The map comes into view (on a phone the list was under it) and stays there once the
    # country's renders settle (the header and the count above it change height).
    page.wait_for_function(
        "(s) => { const top = document.querySelector(s).getBoundingClientRect().top;"
        " return top >= -5 && top < window.innerHeight; }",
        arg=PLOT,
        timeout=10_000,
    )
    page.wait_for_timeout(1_000)
    top = page.locator(PLOT).bounding_box()["y"]
    assert -5 <= top < screen["height"]
    assert_only_loopback(page)
