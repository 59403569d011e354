"""Issue 12's last gaps in real Chromium, asserting what the visitor sees. Expected figures
come from the API, never written here."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from dashboard.data.filter_query import read_as_of
from dashboard.i18n import translator
from dashboard.ui import ids
from dashboard.ui.filter_panel.controls import JAPAN, WORLD, province_chooser_note
from dashboard.ui.view_state import site_text

from .map_page import map_state, wait_map
from .test_browser import PLOT, api, wait_for_count
from .test_map_journeys import DESKTOP, HOVER, PHONE, hanoi_stack, pixel
from .test_public_journeys import wait_for_map
from .test_tbt_browser import wake

pytestmark = pytest.mark.browser


def test_a_stack_clicked_is_in_the_link_and_the_link_reopens_it(page_factory, live_server):
    """A click on Hà Nội's stacked circle writes its site in the URL; that URL, opened
    afresh (a shared link), lists the same projects in the side panel."""
    page = page_factory(**DESKTOP)
    page.goto(f"{live_server}/?country=VNM&lang=en")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    wait_for_map(page)
    (lon, lat), projects = hanoi_stack(live_server)
    assert len(projects) > 1
    page.locator(PLOT).scroll_into_view_if_needed()
    cards = page.locator(f"#{ids.DETAIL} .project-card")
    for _attempt in range(4):  # on a busy machine a redraw can swallow a click: again
        x, y = pixel(page, lon, lat)
        page.mouse.move(x, y)
        page.locator(HOVER).wait_for(timeout=10_000)
        page.mouse.click(x, y)
        try:
            expect(cards).to_have_count(len(projects), timeout=10_000)
            break
        except AssertionError:
            continue
    site = quote(site_text([lon, lat]))
    page.wait_for_function(
        "(q) => window.location.search.includes(q)", arg=f"site={site}", timeout=20_000
    )
    link = page.url
    again = page_factory(**DESKTOP)
    again.goto(link)
    shown = again.locator(f"#{ids.DETAIL} .project-card")
    expect(shown).to_have_count(len(projects), timeout=30_000)
    ids_shown = sorted(
        text.strip()
        for text in again.locator(f"#{ids.DETAIL} .project-card tr:has(th) td").all_inner_texts()
        if text.strip() in projects
    )
    assert ids_shown == projects
    assert again.console_errors == []


@pytest.mark.parametrize(("view", "lang"), [("world", "ja"), ("japan", "vi"), ("world", "en")])
def test_the_overviews_province_chooser_says_why_it_is_closed(
    page_factory, live_server, view, lang
):
    page = page_factory(**DESKTOP)
    page.goto(f"{live_server}/?view={view}&lang={lang}")
    wait_for_count(page, api(live_server, "")["count"])
    note = province_chooser_note(WORLD if view == "world" else JAPAN, translator(lang))
    expect(page.locator(f"#{ids.PROVINCE_NOTE}")).to_have_text(note or "", timeout=20_000)
    chooser = page.locator(f".dash-dropdown-wrapper:has(#{ids.PROVINCE}) button").first
    expect(chooser).to_be_disabled()
    # A country's map opens it again.
    page.goto(f"{live_server}/?country=LAO&lang={lang}")
    wait_for_count(page, api(live_server, "?country=LAO")["count"])
    expect(page.locator(f"#{ids.PROVINCE_NOTE}")).to_have_text("")
    expect(chooser).to_be_enabled()
    assert page.console_errors == []


@pytest.mark.parametrize(
    ("typed", "lang"), [("2024年度", "ja"), ("FY2024", "en"), ("2024-06", "vi")]
)
def test_as_of_in_the_visitors_words_survives_a_reload(page_factory, live_server, typed, lang):
    """The box shows what the visitor typed after a reload (the link keeps the words), and
    the note under it still says the day it read."""
    t = translator(lang)
    page = page_factory(**DESKTOP)
    page.goto(f"{live_server}/?country=VNM&lang={lang}")
    wait_for_count(page, api(live_server, "?country=VNM")["count"])
    page.fill(f"#{ids.AS_OF}", typed)
    page.press(f"#{ids.AS_OF}", "Enter")
    page.wait_for_function(
        "(q) => window.location.search.includes(q)", arg=f"as_of={quote(typed)}", timeout=20_000
    )
    reading = read_as_of(typed)
    assert reading is not None
    page.reload()
    box = page.locator(f"#{ids.AS_OF}")
    expect(box).to_have_value(typed, timeout=20_000)
    expect(page.locator(f"#{ids.AS_OF_NOTE}")).to_contain_text(t.day(reading.day))
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_an_unknown_project_says_so_and_draws_no_empty_chart(page_factory, live_server, lang):
    page = page_factory(**DESKTOP)
    answer = page.goto(f"{live_server}/project/NOPE?lang={lang}")
    assert answer is not None and answer.status == 404
    heading = page.locator(f"#{ids.PROJECT_HEADING}")  # the app's own, once it has drawn
    expect(heading).to_have_text(translator(lang)("No project has this ID."), timeout=20_000)
    expect(page.locator(f"#{ids.PROJECT_MAP_BOX}")).to_be_hidden()
    # No chart of any kind is shown: no axes, no ticks, no empty plot.
    assert page.locator(".main-svg:visible, .xtick:visible, .ytick:visible").count() == 0
    # The one console line: the browser's own note of the page's 404 status.
    assert [e for e in page.console_errors if "404" not in e] == []


@pytest.mark.parametrize(("lang", "screen"), [("ja", DESKTOP), ("en", PHONE)], ids=str)
def test_the_view_from_japan_lists_its_prefectures_and_each_opens_its_partners(
    page_factory, live_server, lang, screen
):
    """Beside the map (under it on a phone) the prefectures with the map's own counts, the
    most first; a link selects its prefecture, as a click on it does."""
    t = translator(lang)
    page = page_factory(**screen)
    page.goto(f"{live_server}/?view=japan&lang={lang}")
    if screen is PHONE:
        wake(page)  # a phone loads the app at its first touch (assets/app-wake.js)
    wait_for_count(page, api(live_server, "")["count"])
    wait_map(page, "(m) => m.codes.length === 47")
    box = page.locator(f"#{ids.COUNTRY_LIST}")
    expect(box.locator("h2")).to_have_text(t("Prefectures and their partners' projects"))
    state = map_state(page)
    shaded = {c: z for c, z in zip(state["codes"], state["counts"], strict=True) if z > 0}
    expect(box.locator("li")).to_have_count(len(shaded))
    numbers = [int(n.replace(",", "")) for n in box.locator(".country-count").all_inner_texts()]
    assert numbers == sorted(shaded.values(), reverse=True)
    first = box.locator("a").first
    name = box.locator(".country-name").first.inner_text()
    first.scroll_into_view_if_needed()
    first.click()
    page.wait_for_function("() => window.location.search.includes('at=JP-')", timeout=20_000)
    heading = page.locator(f"#{ids.DETAIL} .detail-heading")
    expect(heading).to_contain_text(name, timeout=20_000)
    code = page.evaluate("() => new URLSearchParams(window.location.search).get('at')")
    assert shaded[code] == numbers[0]  # the prefecture listed first, the most projects
    assert page.console_errors == []
