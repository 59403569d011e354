"""Journeys of issue 14's review in Nepal: the map opens on the provinces, each counting what
the API's province= finds; a chosen province carried to the zones and back stays itself."""

from __future__ import annotations

import pytest

from dashboard.ui import ids

from .map_page import wait_for_state
from .test_browser import api, wait_for_count

pytestmark = pytest.mark.browser


def test_each_province_counts_what_its_filter_finds(page, live_server):
    page.goto(f"{live_server}/?country=NPL")
    wait_for_count(page, api(live_server, "?country=NPL")["count"])
    state = wait_for_state(page, lambda s: len(s["codes"]) == 7)
    counts = dict(zip(state["codes"], state["counts"], strict=True))
    for code in (f"NP-P{n}" for n in range(1, 8)):
        found = api(live_server, f"?country=NPL&province={code}")["count"]
        assert (counts.get(code) or 0) == found, code


def test_bagmati_province_to_the_zones_and_back_stays_bagmati_province(page, live_server):
    page.goto(f"{live_server}/?country=NPL&province=NP-P3")
    wait_for_count(page, api(live_server, "?country=NPL&province=NP-P3")["count"])
    chips = page.locator(f"#{ids.PROVINCE} .dash-dropdown-value-item")
    chips.first.wait_for()
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    box = page.locator(f"#{ids.BOUNDARY_LAYER}")
    box.get_by_label("zones until 2015 (14)").check()
    # Still Bagmati Province, outlined as the three zones it covers parts of.
    state = wait_for_state(page, lambda s: len(s["codes"]) == 14 and len(s["chosen"]) == 3)
    assert sorted(state["chosen"]) == ["NP-BA", "NP-JA", "NP-NA"]
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    box.get_by_label("provinces since 20 September 2015 (7)").check()
    state = wait_for_state(page, lambda s: len(s["codes"]) == 7 and len(s["chosen"]) == 1)
    assert state["chosen"] == ["NP-P3"]
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    assert "province=NP-P3" in page.url and "NP-P2" not in page.url
