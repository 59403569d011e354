"""Journeys of project pages and of the embedded map, in real headless Chromium: a project's
page shows its own country and its title once, "Back to the map" returns to the map as it
was left, the embed shows the map first and opens project pages beside the host page, and
the embed generator's code, pasted into a page of another site, shows the chosen view."""

from __future__ import annotations

import subprocess
import sys
from urllib.parse import parse_qs, urlsplit

import pytest

from dashboard.i18n import translator
from dashboard.ui import ids

from .axe import axe_script, serious_violations
from .conftest import free_port, wait_until_up
from .map_page import wait_for_state
from .test_browser import api, wait_for_count

pytestmark = pytest.mark.browser

JA = translator("ja")


@pytest.fixture
def other_site(tmp_path, live_server):
    """Another origin (another port) serving the pages a test writes into its folder."""
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    (tmp_path / "up.html").write_text("up", encoding="utf-8")
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/up.html", process)
        yield base, tmp_path
    finally:
        process.terminate()
        process.wait(timeout=10)


def record_requests(page) -> None:
    """As page_factory's pages do (it checks them all at the end)."""
    page.requested_urls = []
    page.on("request", lambda request: page.requested_urls.append(request.url))


def host_page(body: str) -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        "<title>Host page (test)</title></head><body><h1>A page of another site</h1>"
        f"{body}</body></html>"
    )


def back_href(page, expected: str | None = None) -> str:
    """The "Back to the map" link's address once the page has filled it (or it is
    ``expected``)."""
    page.wait_for_function(
        """([id, expected]) => {
            const link = document.getElementById(id);
            const href = link && link.getAttribute('href');
            return expected === null ? !!href && href.startsWith('/?') : href === expected;
        }""",
        arg=[ids.BACK_TO_MAP, expected],
        timeout=20_000,
    )
    return page.locator(f"#{ids.BACK_TO_MAP}").get_attribute("href")


def chosen_countries(page) -> list[str]:
    """What the header's country selector shows: its chosen countries."""
    items = page.locator(f"#{ids.COUNTRY} .dash-dropdown-value-item")
    return [item.inner_text() for item in items.all()]


def test_a_cambodian_project_page_in_japanese_says_cambodia_and_its_title_once(page, live_server):
    project = api(live_server, "?country=KHM")["projects"][0]
    page.goto(f"{live_server}/project/{project['id']}?lang=ja")
    heading = page.locator(f"#{ids.PROJECT_BODY} h1")
    heading.wait_for(timeout=20_000)
    page.locator(f"#{ids.COUNTRY} .dash-dropdown-value-item").first.wait_for(timeout=20_000)
    page.wait_for_timeout(1000)  # the page's callbacks have all answered: it stays Cambodia
    assert chosen_countries(page) == ["カンボジア"] == [JA.country("KHM")]
    assert page.get_by_role("heading", level=1).count() == 1  # the map's is not there
    title = heading.inner_text()
    assert page.locator(f"#{ids.PROJECT_BODY}").inner_text().count(title) == 1
    own = page.locator(f"#{ids.PROJECT_BODY} a[href*='/project/{project['id']}?']")
    assert own.count() == 0  # no card links to the page it is on
    # A screen reader starts at the project: its heading has the focus, and the skip link
    # leads there, not to a map that is not on this page.
    assert page.evaluate("document.activeElement.id") == ids.PROJECT_HEADING
    assert page.locator("a.map-only").first.is_hidden()
    skip = page.locator("a.project-only")
    assert skip.get_attribute("href") == f"#{ids.PROJECT_HEADING}"
    # Another country added in the header opens the map of both.
    page.locator(f"#{ids.COUNTRY}").click()
    box = page.locator(f".dash-dropdown-wrapper:has(#{ids.COUNTRY})")
    box.locator(".dash-dropdown-search").fill(JA.country("LAO"))
    box.locator("label[role=option]").filter(has_text=JA.country("LAO")).first.click()
    page.wait_for_url("**/?country=KHM&country=LAO&lang=ja", timeout=20_000)
    wait_for_count(page, api(live_server, "?country=KHM,LAO")["count"])
    # Both countries drawn by the page's own layers, each shaded by its own count.
    state = wait_for_state(page, lambda s: sorted(s["codes"]) == ["KHM", "LAO"])
    counts = dict(zip(state["codes"], state["counts"], strict=True))
    assert counts == {c: api(live_server, f"?country={c}")["count"] for c in ("KHM", "LAO")}
    assert state["projects"] > 0


def test_back_to_the_map_returns_to_its_filters_and_selection(page, live_server):
    water = api(live_server, "?country=VNM&field=water")
    province = next(
        loc["admin1"] for p in water["projects"] for loc in p["locations"] if loc["admin1"]
    )
    left = f"?country=VNM&field=water&at={province}&lang=en"
    page.goto(f"{live_server}/{left}")
    wait_for_count(page, water["count"])
    panel = page.locator(f"#{ids.DETAIL}")
    link = panel.locator(".project-card a[href^='/project/']").first
    link.wait_for(timeout=20_000)
    link.click()
    page.locator(f"#{ids.PROJECT_BODY} h1").wait_for(timeout=20_000)
    assert parse_qs(urlsplit(page.url).query)["back"] == [f"country=VNM&field=water&at={province}"]
    back_href(page, "/" + left)
    # In another language, the way back keeps the view, in that language.
    page.locator(f"#{ids.PROJECT_VIEW}").wait_for()
    page.click("a.language-link[lang='ja'] >> nth=0")
    page.wait_for_url("**lang=ja**")
    back_href(page, "/" + left.replace("lang=en", "lang=ja"))
    page.click(f"#{ids.BACK_TO_MAP}")
    page.wait_for_url(f"**/{left.replace('lang=en', 'lang=ja')}", timeout=20_000)
    wait_for_count(page, water["count"])
    assert page.locator(f"#{ids.FIELD} input:checked").count() == 1
    assert page.locator(f"#{ids.FIELD} input[value='water']").is_checked()
    panel.locator(".project-card").first.wait_for(timeout=20_000)  # the selection is open


def test_a_project_page_from_a_search_engine_leads_to_its_countrys_map(page, live_server):
    project = api(live_server, "?country=KHM")["projects"][0]
    page.goto(f"{live_server}/project/{project['id']}?lang=en&back=%2F%2Fevil.example%2F")
    page.locator(f"#{ids.PROJECT_BODY} h1").wait_for(timeout=20_000)
    assert "evil" not in back_href(page)  # a hostile back= leads to this site's map
    page.goto(f"{live_server}/project/{project['id']}?lang=en")
    back_href(page, f"/?country=KHM&project={project['id']}&lang=en")


@pytest.mark.parametrize("width", [700, 360])
def test_in_an_embed_the_map_comes_first_and_a_project_opens_in_a_new_tab(
    page_factory, live_server, other_site, width
):
    base, folder = other_site
    src = f"{live_server}/embed?country=VNM&field=water&project=VN03&lang=en"
    frame_html = f'<iframe id="jpp-map" src="{src}" title="map" style="width:100%;height:900px">'
    (folder / "host.html").write_text(host_page(frame_html + "</iframe>"), encoding="utf-8")
    page = page_factory(width=width, height=700)
    page.goto(f"{base}/host.html")
    frame = page.frame_locator("#jpp-map")
    frame.locator(f"#{ids.RESULT_COUNT}").wait_for(timeout=30_000)
    # The map's areas and sites drawn by the page's own layers, in the frame too.
    embedded = next(f for f in page.frames if urlsplit(f.url).path == "/embed")
    state = wait_for_state(embedded, lambda s: s["provinces"] > 0 and s["projects"] > 0)
    assert state["canvas"] and state["shaded"] > 0
    map_box = frame.locator(f"#{ids.MAP}").bounding_box()
    search_box = frame.locator(f"#{ids.SEARCH}").bounding_box()
    if width < 700:
        assert map_box["y"] + map_box["height"] <= search_box["y"]  # filters below the map
    else:
        assert map_box["y"] <= search_box["y"]
    # ... in reading and tab order too.
    assert frame.locator("body").evaluate(
        "(b, ids) => !!(document.getElementById(ids[0]).compareDocumentPosition("
        "document.getElementById(ids[1])) & Node.DOCUMENT_POSITION_FOLLOWING)",
        [ids.MAP, ids.SEARCH],
    )
    card = frame.locator(f"#{ids.DETAIL} .project-card").first
    card.wait_for(timeout=20_000)
    page.context.on("page", record_requests)  # the new tab too asks 127.0.0.1 only
    with page.context.expect_page() as opened:
        card.locator("a[href^='/project/VN03']").click()
    project_page = opened.value
    project_page.wait_for_load_state()
    assert urlsplit(project_page.url).path == "/project/VN03"
    project_page.locator(f"#{ids.PROJECT_BODY} h1").wait_for(timeout=20_000)
    back_href(project_page, "/?country=VNM&field=water&project=VN03&lang=en")
    assert urlsplit(page.frames[1].url).path == "/embed"  # the frame is still the map
    link = card.locator("a[href^='/project/VN03']")
    assert link.get_attribute("target") == "_blank"
    assert link.get_attribute("rel") == "noopener"


def test_the_generators_code_pasted_on_another_site_shows_the_chosen_view(
    page_factory, live_server, other_site
):
    base, folder = other_site
    page = page_factory(width=1200, height=900)
    page.goto(f"{live_server}/embed/new?lang=vi")
    assert page.locator("h1").inner_text() == translator("vi")("Embed the map on your site")
    page.evaluate("() => { window.samePage = true; }")
    page.select_option("#embed-country", "KHM")
    page.check("#embed-field-agriculture")
    page.select_option("#embed-map_lang", "ja")
    # The code and the preview follow each change (no page load: the focus stays).
    src = f'src="{live_server}/embed?country=KHM&amp;field=agriculture&amp;lang=ja"'
    page.wait_for_function(
        "(src) => document.getElementById('embed-code').value.includes(src)", arg=src
    )
    assert page.evaluate("() => window.samePage === true")  # no page load: focus stays
    assert "country=KHM" in page.url
    code = page.input_value("#embed-code")
    preview = page.frame_locator("#embed-preview")
    expected = api(live_server, "?country=KHM&field=agriculture")["count"]
    preview.locator(f"#{ids.RESULT_COUNT}:text-is('{expected}')").wait_for(timeout=30_000)
    # Copy, and paste into a page of another site.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server)
    page.click("#embed-copy")
    page.wait_for_function("() => document.getElementById('embed-copy-status').textContent !== ''")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied == code
    (folder / "pasted.html").write_text(host_page(copied), encoding="utf-8")
    host = page_factory(width=800, height=700)
    host.goto(f"{base}/pasted.html")
    frame = host.frame_locator("#jpp-map")
    frame.locator(f"#{ids.RESULT_COUNT}:text-is('{expected}')").wait_for(timeout=30_000)
    assert frame.locator("html").get_attribute("lang") == "ja"
    assert frame.locator(f"#{ids.FULL_VIEW_LINK}").inner_text() == JA("Open the full map ↗")
    assert frame.locator(f"#{ids.FIELD} input[value='agriculture']").is_checked()
    host.wait_for_function(
        "document.getElementById('jpp-map').getBoundingClientRect().height !== 700",
        timeout=20_000,
    )  # the pasted script sizes the frame to the map


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/embed/new?lang=ja&country=KHM&field=water", "#embed-code"),
        ("/project/KH01?lang=ja&back=country%3DKHM", f"#{ids.PROJECT_BODY} h1"),
    ],
)
def test_the_generator_and_a_project_page_have_no_serious_accessibility_violation(
    page_factory, live_server, path, ready
):
    """axe-core (WCAG 2.1 A/AA), as on the other pages (tests/test_browser.py)."""
    axe_script()  # fails at once when axe-core is missing
    page = page_factory(bypass_csp=True)
    page.goto(live_server + path)
    page.locator(ready).wait_for(timeout=20_000)
    page.wait_for_timeout(800)
    violations = serious_violations(page)
    assert violations == []


@pytest.mark.parametrize(
    ("path", "ready"),
    [
        ("/embed/new?lang=vi&country=KHM&size=fixed&width=640", "#embed-code"),
        ("/project/KH01?lang=ja", f"#{ids.PROJECT_BODY} h1"),
    ],
)
def test_on_a_phone_the_generator_and_a_project_page_do_not_scroll_sideways(
    page_factory, live_server, path, ready
):
    page = page_factory(width=360, height=640)
    page.goto(live_server + path)
    page.locator(ready).wait_for(timeout=20_000)
    page.wait_for_timeout(800)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 360
