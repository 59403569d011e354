"""Journeys of issue 14's review in Nepal: the map opens on the provinces, each counting what
the API's province= finds; a chosen province carried to the zones and back stays itself."""

from __future__ import annotations

import pytest

from dashboard.ui import ids
from dashboard.ui.map_panel.views import CHOSEN

from .test_browser import PLOT, api, wait_for_count

pytestmark = pytest.mark.browser

CHOSEN_LOCATIONS = f"""(s) => {{
    const trace = document.querySelector(s)._fullData.find(t => t.name === '{CHOSEN}');
    return trace ? Array.from(trace.locations) : [];
}}"""
COUNTS = """(s) => {
    const areas = document.querySelector(s)._fullData[0];
    const out = {};
    Array.from(areas.locations).forEach((code, i) => { out[code] = areas.z[i]; });
    return out;
}"""


def test_each_province_counts_what_its_filter_finds(page, live_server):
    page.goto(f"{live_server}/?country=NPL")
    wait_for_count(page, api(live_server, "?country=NPL")["count"])
    page.wait_for_function(
        "(s) => document.querySelector(s)._fullData[0].locations.length === 7", arg=PLOT
    )
    counts = page.evaluate(COUNTS, PLOT)
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
    page.wait_for_function(
        "(s) => document.querySelector(s)._fullData[0].locations.length === 14", arg=PLOT
    )
    # Still Bagmati Province, outlined as the three zones it covers parts of.
    page.wait_for_function(f"(s) => ({CHOSEN_LOCATIONS})(s).length === 3", arg=PLOT)
    assert sorted(page.evaluate(CHOSEN_LOCATIONS, PLOT)) == ["NP-BA", "NP-JA", "NP-NA"]
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    box.get_by_label("provinces since 20 September 2015 (7)").check()
    page.wait_for_function(f"(s) => ({CHOSEN_LOCATIONS})(s).length === 1", arg=PLOT)
    assert page.evaluate(CHOSEN_LOCATIONS, PLOT) == ["NP-P3"]
    assert [chip.inner_text() for chip in chips.all()] == ["Bagmati Province"]
    assert "province=NP-P3" in page.url and "NP-P2" not in page.url
