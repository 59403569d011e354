"""Journeys: Nepal's zones and provinces switch like Viet Nam's layers; a province above the
drawn units (Sri Lanka's North Western Province) filters the page and is outlined on it."""

from __future__ import annotations

import pytest

from dashboard.ui import ids

from .map_page import wait_for_state
from .test_browser import api, wait_for_count

pytestmark = pytest.mark.browser


def test_nepal_switches_between_its_zones_and_its_provinces(page, live_server):
    # Nepal's map opens on its provinces (the zones were abolished in 2015; issue 14's
    # review): the zones are the other choice.
    with page.expect_response(lambda r: r.url.endswith("/admin1/NPL-2015.geojson")) as geo:
        page.goto(f"{live_server}/?country=NPL")
    assert geo.value.status == 200
    wait_for_count(page, api(live_server, "?country=NPL")["count"])
    state = wait_for_state(page, lambda s: len(s["codes"]) == 7)
    box = page.locator(f"#{ids.BOUNDARY_LAYER}")
    assert box.get_by_label("provinces since 20 September 2015 (7)").is_checked()
    assert state["provinces"] == 7
    # Bagmati Province counts the projects the API's province=NP-P3 finds.
    bagmati = api(live_server, "?country=NPL&province=NP-P3")["count"]
    assert state["counts"][state["codes"].index("NP-P3")] == bagmati
    note = page.locator(f"#{ids.BOUNDARY_NOTE}").inner_text()
    assert "Nepal's 7 provinces since 20 September 2015" in note
    box.get_by_label("zones until 2015 (14)").check()
    wait_for_state(page, lambda s: len(s["codes"]) == 14)
    page.wait_for_url("**layer=implemented**")


def test_a_province_above_the_drawn_districts_filters_and_is_outlined(page, live_server):
    page.goto(f"{live_server}/?country=LKA&province=LK-6")
    wait_for_count(page, api(live_server, "?country=LKA&province=LK-6")["count"])
    chips = page.locator(f"#{ids.PROVINCE} .dash-dropdown-value-item")
    chips.first.wait_for()
    assert [chip.inner_text() for chip in chips.all()] == ["North Western Province"]
    state = wait_for_state(page, lambda s: len(s["chosen"]) == 2)
    assert sorted(state["chosen"]) == ["LK-61", "LK-62"]


def test_a_link_to_a_nepal_province_draws_the_provinces_with_it_chosen(page, live_server):
    page.goto(f"{live_server}/?country=NPL&province=NP-P3")
    wait_for_count(page, api(live_server, "?country=NPL&province=NP-P3")["count"])
    wait_for_state(page, lambda s: len(s["codes"]) == 7)
    chips = page.locator(f"#{ids.PROVINCE} .dash-dropdown-value-item")
    chips.first.wait_for()
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    assert (
        page.locator(f"#{ids.BOUNDARY_LAYER}")
        .get_by_label("provinces since 20 September 2015 (7)")
        .is_checked()
    )
