"""What a first-time visitor sees of "current and complete", in headless Chromium: the data's
date and the coverage line on the map, a project page and the embed in three languages;
ongoing projects drawn and listed as ongoing on a fixed "as of" date.

On a generated dataset (tests/provenance_data.py) served by its own Procfile gunicorn, so
that which project is ongoing on the date is known, whatever the real data becomes."""

from __future__ import annotations

from datetime import date
from urllib.parse import quote

import pytest

from dashboard.data.provenance import Coverage
from dashboard.figures.map import ONGOING_LOOK, OTHER_LOOK
from dashboard.i18n import translator
from dashboard.i18n.provenance import coverage_text, data_date_text
from dashboard.ui import ids

from .map_page import site_looks, wait_for_state
from .provenance_data import AS_OF, write_geodata
from .servers import procfile_server
from .test_browser import api

pytestmark = pytest.mark.browser

FEEDBACK = "mailto:jpp-map@example.org"
COVERAGE = Coverage(projects=4, countries=2, viet_nam=3)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    geodata = write_geodata(tmp_path_factory.mktemp("provenance-browser") / "geodata")
    with procfile_server(JPP_GEODATA_DIR=str(geodata), JPP_FEEDBACK_URL=FEEDBACK) as base:
        yield base


def expected_note(lang: str) -> tuple[str, str]:
    t = translator(lang)
    return data_date_text(date(2026, 12, 6), t), coverage_text(COVERAGE, t)


def assert_note(page, lang: str) -> None:
    page.wait_for_selector(f"#{ids.DATA_NOTE}", state="visible", timeout=20_000)
    text = page.inner_text(f"#{ids.DATA_NOTE}")
    day, coverage = expected_note(lang)
    assert day in text and coverage in text


def markers_by_project(page) -> dict[str, tuple[float, float, str, float]]:
    """Each shown project's marker as painted: its size and opacity, its ring's size and
    colour (keyed by what a click on it carries: the project's ID, None for a stack)."""
    return {
        site["click"]: (site["size"], site["ring"], site["ring_colour"], site["opacity"])
        for site in site_looks(page)
        if site["size"] > 0
    }


def shown_sites(state: dict) -> int:
    return sum(1 for site in state["sites"] if site["size"] > 0)


def test_the_map_says_its_date_and_draws_and_lists_the_ongoing_as_ongoing(page_factory, server):
    page = page_factory()
    page.goto(f"{server}/?country=VNM&as_of={AS_OF}&lang=en")
    assert_note(page, "en")
    wait_for_state(page, lambda state: shown_sites(state) == 3, timeout=20_000)
    ongoing = (ONGOING_LOOK.size, ONGOING_LOOK.ring, ONGOING_LOOK.ring_colour, ONGOING_LOOK.opacity)
    other = (OTHER_LOOK.size, OTHER_LOOK.ring, OTHER_LOOK.ring_colour, OTHER_LOOK.opacity)
    assert markers_by_project(page) == {"T-ONGOING": ongoing, "T-DONE": other, "T-UNKNOWN": other}
    legend = page.inner_text(f"#{ids.STATUS_LEGEND}")
    assert "ongoing on the “as of” date" in legend
    # The table says the same, in words.
    page.click(".project-list summary")
    page.wait_for_function("() => document.querySelectorAll('#project-table tbody tr').length")
    rows = page.eval_on_selector_all(
        f"#{ids.PROJECT_TABLE} tbody tr",
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[6].textContent,"
        " r.cells[6].classList.contains('fw-semibold')])",
    )
    assert sorted(rows) == [
        ["T-DONE", "Completed", False],
        ["T-ONGOING", "Ongoing", True],
        ["T-UNKNOWN", "Not stated", False],
    ]
    # The header's link opens the About page, with the operator's address to report to.
    page.click(f"#{ids.ABOUT_LINK}")
    page.wait_for_selector("#feedback-link")
    assert page.get_attribute("#feedback-link", "href") == FEEDBACK
    assert page.inner_text("#about-data-date") == "Data as of 6 Dec 2026"


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_a_project_page_and_the_embed_say_the_date_and_coverage(page_factory, server, lang):
    page = page_factory(locale="en-GB")
    page.goto(f"{server}/project/T-ONGOING?lang={lang}")
    page.wait_for_selector(f"#{ids.PROJECT_BODY} h1", timeout=20_000)
    assert_note(page, lang)
    # The embed, on a phone: the line is there, the page does not scroll sideways, and the
    # About page opens beside the host page.
    phone = page_factory(width=360, height=640)
    phone.goto(f"{server}/embed?country=VNM&lang={lang}")
    assert_note(phone, lang)
    about = phone.locator(f"#{ids.DATA_NOTE} a")
    assert about.is_visible()
    assert about.get_attribute("target") == "_blank"
    assert about.get_attribute("href") == f"/about?lang={lang}"
    assert about.inner_text() == translator(lang)("About the data ↗")
    assert not phone.locator(".site-header").is_visible()
    assert phone.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")


def test_what_runs_in_december_2026_on_the_real_map(page_factory, live_server):
    """The default data on 6 Dec 2026: LA09 (Laos), ZM03 (Zambia) and BT04 (Bhutan) run;
    on the Laos map LA09's sites are drawn as ongoing and the table says so. A site LA09
    shares with other projects is one circle (a stack) in the ongoing ring."""
    page = page_factory()
    ongoing = api_ids(live_server, "?status=ongoing&as_of=2026-12-06")
    assert ongoing == ["ZM03", "BT04", "LA09"]
    page.goto(f"{live_server}/?country=LAO&as_of=2026-12-06&lang=en")
    wait_for_state(page, lambda state: shown_sites(state) > 0, timeout=20_000)
    looks = markers_by_project(page)  # the sites of one project (a stack's ID is None)
    singles = {pid: look for pid, look in looks.items() if pid}
    assert singles["LA09"][0] == ONGOING_LOOK.size  # its site of its own (Khammouane)
    assert all(look[0] == OTHER_LOOK.size for pid, look in singles.items() if pid != "LA09")
    la09 = next(p for p in api(live_server, "?country=LAO")["projects"] if p["id"] == "LA09")
    rings = [(x["lon"], x["lat"], x["ring_colour"]) for x in site_looks(page) if x["ring"] > 0]
    at = {(round(lon, 5), round(lat, 5)): colour for lon, lat, colour in rings}
    drawn = [loc for loc in la09["locations"] if loc["precision"] < 6 and not loc["region"]]
    sites = {(round(loc["lon"], 5), round(loc["lat"], 5)) for loc in drawn}
    assert sites and all(at[site] == ONGOING_LOOK.ring_colour for site in sites)
    page.click(".project-list summary")
    page.wait_for_function("() => document.querySelectorAll('#project-table tbody tr').length")
    rows = page.eval_on_selector_all(
        f"#{ids.PROJECT_TABLE} tbody tr",
        "rows => rows.map(r => [r.cells[0].textContent, r.cells[6].textContent])",
    )
    assert [pid for pid, status in rows if status == "Ongoing"] == ["LA09"]


def test_yokohama_in_either_script_finds_the_same_projects(page_factory, live_server):
    page = page_factory()
    page.goto(f"{live_server}/?view=world&lang=ja")
    found = {}
    for query in ("横浜", "Yokohama"):
        page.fill(f"#{ids.SEARCH}", query)
        page.press(f"#{ids.SEARCH}", "Enter")
        page.wait_for_function(
            "(s) => document.querySelector(s).textContent === '7'",
            arg=f"#{ids.RESULT_COUNT}",
            timeout=20_000,
        )
        found[query] = page.inner_text(f"#{ids.RESULT_COUNT}")
    assert found == {"横浜": "7", "Yokohama": "7"}
    assert api_ids(live_server, f"?q={quote('横浜')}") == api_ids(live_server, "?q=Yokohama")


def api_ids(base: str, query: str) -> list[str]:
    return [p["id"] for p in api(base, query)["projects"]]
