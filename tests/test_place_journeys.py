"""Places in real Chromium: several countries at once, Viet Nam's 34 provinces all the way
through, and a province chooser that is one tab stop (type a name to find it)."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.ui import ids

from .map_page import map_state, wait_map
from .test_browser import PLOT, api, wait_for_count
from .test_public_journeys import FOCUSED, tab_until, wait_for_map

pytestmark = pytest.mark.browser


def chooser(page, control: str):
    """Dash's dropdown: its button has the control's ID; its list opens beside it."""
    return page.locator(f".dash-dropdown-wrapper:has(#{control})")


def choose(page, control: str, typed: str, label: str, *, on: bool = True) -> None:
    """Open the chooser, type to find the choice, tick (or untick) it, close."""
    page.locator(f"#{control}").click()
    search = chooser(page, control).locator(".dash-dropdown-search")
    search.fill(typed)
    option = chooser(page, control).locator("label[role=option]").filter(has_text=label)
    option.first.wait_for()
    if (option.first.get_attribute("aria-selected") == "true") != on:
        option.first.click()
    page.keyboard.press("Escape")


def chosen(page, control: str) -> list[str]:
    """What the closed chooser shows: its chosen items, each visible (a chip)."""
    items = page.locator(f"#{control} .dash-dropdown-value-item")
    return [item.inner_text() for item in items.all() if item.is_visible()]


def query_of(page) -> dict[str, list[str]]:
    return parse_qs(urlsplit(page.url).query)


def countries_in_url(page) -> list[str]:
    return [c for value in query_of(page).get("country", []) for c in value.split(",")]


def table_countries(page) -> set[str]:
    page.click(".project-list summary")
    page.wait_for_function("() => document.querySelectorAll('#project-table tbody tr').length")
    return {
        row_id[:2]
        for row_id in page.locator("#project-table tbody tr td:first-child").all_inner_texts()
    }


def test_a_link_to_two_countries_shows_both_and_keeps_claiming_both(page, live_server):
    """/?country=KHM,LAO: both countries' counts in the summary and the table, the map
    fitted to both, and the URL still names both (was: Cambodia alone)."""
    both = api(live_server, "?country=KHM,LAO")["projects"]
    cambodia = api(live_server, "?country=KHM")["projects"]
    laos = api(live_server, "?country=LAO")["projects"]
    assert cambodia and laos and len(both) == len({p["id"] for p in cambodia + laos})
    page.goto(f"{live_server}/?country=KHM,LAO")
    wait_for_count(page, len(both))
    wait_for_map(page)
    assert countries_in_url(page) == ["KHM", "LAO"]
    assert chosen(page, ids.COUNTRY) == ["Cambodia", "Lao PDR"]
    assert map_state(page)["codes"] == ["KHM", "LAO"]
    inside = page.evaluate(  # both countries in view: Laos's north, Cambodia's south
        """(s) => { const b = document.querySelector(s)._fullLayout.map._subplot.map.getBounds();
            return b.getNorth() >= 22.4 && b.getSouth() <= 10.5 && b.getWest() <= 102.4
                && b.getEast() >= 107.6; }""",
        PLOT,
    )
    assert inside
    assert table_countries(page) == {"KH", "LA"}
    assert countries_in_url(page) == ["KHM", "LAO"]


def test_choosing_a_second_country_in_the_selector_shows_both(page, live_server):
    laos = len(api(live_server, "?country=LAO")["projects"])
    both = len(api(live_server, "?country=KHM,LAO")["projects"])
    page.goto(f"{live_server}/?country=LAO")
    wait_for_count(page, laos)
    choose(page, ids.COUNTRY, "Camb", "Cambodia")
    wait_for_count(page, both)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).getAll('country').length === 2"
    )
    assert sorted(countries_in_url(page)) == ["KHM", "LAO"]
    # The province filter offers both countries' provinces, each named with its country.
    page.locator(f"#{ids.PROVINCE}").click()
    search = chooser(page, ids.PROVINCE).locator(".dash-dropdown-search")
    search.fill("vientiane")
    options = chooser(page, ids.PROVINCE).locator("label[role=option]")
    options.first.wait_for()
    assert all(text.startswith("Lao PDR · ") for text in options.all_inner_texts())
    page.keyboard.press("Escape")
    # Beside the map, each country shown with its count, and a link that opens it alone:
    # one tap from both to Laos (not untick Cambodia).
    listed = page.locator(f"#{ids.COUNTRY_LIST_ITEMS} .country-link")
    listed.first.wait_for()
    assert sorted(listed.locator(".country-name").all_inner_texts()) == ["Cambodia", "Lao PDR"]
    assert page.inner_text(f"#{ids.COUNTRY_LIST_NOTE}") == "Open one of them alone:"
    listed.filter(has_text="Lao PDR").click()
    wait_for_count(page, laos)
    page.wait_for_function(
        "() => new URLSearchParams(location.search).getAll('country').length === 1"
    )
    assert countries_in_url(page) == ["LAO"]
    assert chosen(page, ids.COUNTRY) == ["Lao PDR"]
    page.go_back()
    wait_for_count(page, both)
    # Untick Laos: Cambodia alone, its province map.
    choose(page, ids.COUNTRY, "Lao", "Lao PDR", on=False)
    wait_for_count(page, len(api(live_server, "?country=KHM")["projects"]))
    wait_map(page, "(m) => m.codes.length > 0 && m.codes[0].startsWith('KH-')")
    # An overview replaces the countries.
    choose(page, ids.COUNTRY, "world", "All countries")
    page.wait_for_function("() => location.search.includes('view=world')")
    assert chosen(page, ids.COUNTRY) == ["All countries (world)"]


def test_the_34_provinces_all_the_way_through_in_japanese(page, live_server):
    """Viet Nam's 2025 layer: the province chooser offers the 34, Huế is found by its
    Japanese name, the count and the map follow, and the link names the 2025 code."""
    hue = len(api(live_server, "?province=VN-2025-46")["projects"])
    assert hue
    page.goto(f"{live_server}/?country=VNM&lang=ja")
    wait_for_count(page, len(api(live_server, "?country=VNM")["projects"]))
    page.locator(f"#{ids.BOUNDARY_LAYER} input[value=current]").check()
    page.wait_for_function("() => location.search.includes('layer=current')")
    page.locator(f"#{ids.PROVINCE}").click()
    search = chooser(page, ids.PROVINCE).locator(".dash-dropdown-search")
    search.fill("フエ")
    option = chooser(page, ids.PROVINCE).locator("label[role=option]")
    option.first.wait_for()
    assert option.all_inner_texts() == ["フエ"]  # one unit of the 34, not トゥアティエン＝フエ省
    option.first.click()
    page.keyboard.press("Escape")
    wait_for_count(page, hue)
    page.wait_for_function("() => location.search.includes('province=VN-2025-46')")
    assert chosen(page, ids.PROVINCE) == ["フエ"]
    # The chosen province is outlined on the map.
    wait_map(page, "(m) => m.codes.includes('VN-2025-46') && m.chosen.length > 0")
    assert map_state(page)["chosen"] == ["VN-2025-46"]
    # Back to the 63: the choice is the province Huế was formed from.
    page.locator(f"#{ids.BOUNDARY_LAYER} input[value=implemented]").check()
    page.wait_for_function("() => location.search.includes('province=VN-26')")
    wait_for_count(page, hue)


def test_typing_a_province_without_accents_finds_it(page, live_server):
    page.goto(f"{live_server}/?country=VNM")
    wait_for_count(page, len(api(live_server, "?country=VNM")["projects"]))
    choose(page, ids.PROVINCE, "thua thien", "Thừa Thiên Huế")
    wait_for_count(page, len(api(live_server, "?province=VN-26")["projects"]))
    assert query_of(page)["province"] == ["VN-26"]


def test_the_province_chooser_is_one_tab_stop(page, live_server):
    """From the field filter's last box past the province chooser in one or two stops (was
    63, one per province)."""
    page.goto(f"{live_server}/?country=VNM")
    wait_for_count(page, len(api(live_server, "?country=VNM")["projects"]))
    page.locator("body").focus()
    tab_until(page, "el.closest('#filter-scheme')")  # past the field filter: its next group
    stops = 0
    while True:
        page.keyboard.press("Tab")
        stops += 1
        if page.evaluate(f"!!{FOCUSED}.closest('#{ids.STATUS}')"):
            break
        assert stops < 10, page.evaluate(f"{FOCUSED}.outerHTML.slice(0, 200)")
    # The scheme filter's remaining boxes, then the chooser: at most two stops for it.
    schemes = page.locator(f"#{ids.SCHEME} input").count()
    assert stops <= schemes - 1 + 2
    # Typing on the chooser opens its search with what was typed (the first key; Dash then
    # moves the focus into the search box, where the rest goes).
    page.locator(f"#{ids.PROVINCE}").focus()
    page.keyboard.press("H")
    search = chooser(page, ids.PROVINCE).locator(".dash-dropdown-search")
    page.wait_for_function(
        "() => document.activeElement?.classList.contains('dash-dropdown-search')"
    )
    assert search.input_value() == "H"
    page.keyboard.type("ue")
    options = chooser(page, ids.PROVINCE).locator("label[role=option]")
    options.filter(has_text="Thừa Thiên Huế").wait_for()
