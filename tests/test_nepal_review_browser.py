"""Journeys of the review of issue 14's work (D1): the address says which of Nepal's layers
the map shows, so that a copied link opens the same map."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.ui import ids

from .map_page import wait_for_state

pytestmark = pytest.mark.browser

ZONES = "zones until 2015 (14)"
PROVINCES = "provinces since 20 September 2015 (7)"


def _areas(page, count: int) -> None:
    wait_for_state(page, lambda s: len(s["codes"]) == count)


def _layer_in_url(page) -> list[str]:
    return parse_qs(urlsplit(page.url).query).get("layer", [])


def _wait_layer(page, wanted: list[str]) -> None:
    want = "layer=" + wanted[0] if wanted else None
    if want:
        page.wait_for_function(f"() => location.search.includes('{want}')")
    else:
        page.wait_for_function("() => !location.search.includes('layer=')")
    assert _layer_in_url(page) == wanted


@pytest.mark.parametrize("start", ["?country=NPL&lang=en", "?country=NPL&province=NP-P3&lang=en"])
def test_the_address_says_nepal_shows_its_zones(page, live_server, start):
    page.goto(f"{live_server}/{start}")
    _areas(page, 7)
    box = page.locator(f"#{ids.BOUNDARY_LAYER}")
    box.get_by_label(ZONES).check()
    _areas(page, 14)
    _wait_layer(page, ["implemented"])
    box.get_by_label(PROVINCES).check()
    _areas(page, 7)
    _wait_layer(page, [])
    box.get_by_label(ZONES).check()
    _areas(page, 14)
    _wait_layer(page, ["implemented"])
    # Opened anew, the address shows the zones again.
    page.goto(page.url)
    _areas(page, 14)


def test_a_zone_chosen_on_the_provinces_map_keeps_the_provinces_in_the_address(page, live_server):
    page.goto(f"{live_server}/?country=NPL&lang=en")
    _areas(page, 7)
    box = page.locator(f"#{ids.BOUNDARY_LAYER}")
    box.get_by_label(ZONES).check()
    _areas(page, 14)
    _wait_layer(page, ["implemented"])
    # A zone chosen on the zones' map, then the provinces drawn: the zone stays chosen.
    page.goto(f"{live_server}/?country=NPL&province=NP-BA&layer=current&lang=en")
    _areas(page, 7)
    _wait_layer(page, ["current"])
    page.reload()
    _areas(page, 7)
