"""The embed's height on a host page of another origin, over time (issue 12, the web team):
with the README's own snippet, the frame takes the first view's height at once (before any
of the app's scripts; on a phone, before any touch), and keeps it, within a few pixels, when
the app takes over: no transient height while the app is laid out beneath the first view,
and the host's text below the frame does not jump."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

import pytest

from dashboard.app import create_app
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.first_view.embed import compact_filters, folded_list
from dashboard.ui.shell.scripts import deferred_scripts, embed_script, plan_scripts
from dashboard.ui.view_state import ViewState

from . import test_embed_journeys as journeys
from .axe import axe_script, serious_violations
from .test_embed_journeys import host_page

other_site = journeys.other_site  # the fixture: a host page on another origin

README = Path(__file__).resolve().parents[1] / "README.md"
BOTTOM = "(v) => Math.ceil(v.getBoundingClientRect().bottom)"
STEP = 40  # px: the most the frame may move at once without interaction, after its first report


def readme_snippet(src: str, origin: str) -> str:
    """The README's host snippet, with this test's server for jpp-map.example.org."""
    text = README.read_text(encoding="utf-8")
    snippet = re.search(r"```html\n(<iframe id=\"jpp-map\".*?)```", text, re.S).group(1)
    snippet = snippet.replace(
        "https://jpp-map.example.org/embed?country=VNM&field=water", src
    ).replace("https://jpp-map.example.org", origin)
    assert src in snippet and origin in snippet
    return snippet


# What the host page records: the frame's height each time it changes, with its time, and
# where its own text below the frame is.
RECORDER = """<p id="below">The host's own text, below the map.</p>
<script>
  window.sizes = [];
  var frame = document.getElementById("jpp-map");
  new ResizeObserver(function () {
    window.sizes.push([Math.round(performance.now()),
                       Math.round(frame.getBoundingClientRect().height)]);
  }).observe(frame);
</script>"""


def host(other, live_server, query: str) -> str:
    base, folder = other
    src = f"{live_server}/embed?{query}"
    (folder / "host.html").write_text(
        # A phone lays the host out at its own width (as a site for phones says), not 980 px.
        host_page(readme_snippet(src, live_server) + RECORDER).replace(
            "<head>", '<head><meta name="viewport" content="width=device-width">', 1
        ),
        encoding="utf-8",
    )
    return f"{base}/host.html"


def app_shown(frame) -> None:
    """The app has taken over from the first view (assets/first-view.js)."""
    frame.locator("html.app-shown").wait_for(state="attached", timeout=45_000)
    frame.locator(f"#{ids.RESULT_COUNT}").wait_for(timeout=20_000)


def steps(sizes: list[list[int]]) -> list[int]:
    """The frame's moves after its first report (the README's 700 px to the content)."""
    heights = [height for _, height in sizes]
    if 700 in heights[:1]:
        heights = heights[1:]
    return [b - a for a, b in pairwise(heights)]


@pytest.mark.browser
@pytest.mark.parametrize("width", [700, 360])
def test_the_frame_takes_its_height_at_once_and_keeps_it_when_the_app_takes_over(
    page_factory,
    live_server,
    other_site,
    width,
):
    page = page_factory(width=width, height=700)
    page.goto(host(other_site, live_server, "country=VNM&field=water"))
    frame = page.frame_locator("#jpp-map")
    # The first view's height, reported before the app has run.
    page.wait_for_function("window.sizes.length > 0 && window.sizes.at(-1)[1] !== 700")
    first = page.evaluate("window.sizes.at(-1)[1]")
    content = frame.locator("#first-view").evaluate(BOTTOM)
    assert abs(first - content) <= 2
    below = page.evaluate("document.getElementById('below').getBoundingClientRect().top")
    app_shown(frame)
    page.wait_for_timeout(2500)  # whatever the app draws next, with no interaction
    sizes = page.evaluate("window.sizes")
    moves = steps(sizes)
    print(f"width {width}: sizes {sizes}")
    assert all(abs(move) <= STEP for move in moves), sizes
    after = page.evaluate("document.getElementById('below').getBoundingClientRect().top")
    assert abs(after - below) <= STEP
    # It settled on the app's content (the map, the summary, the list's summary line).
    height = page.evaluate("document.getElementById('jpp-map').getBoundingClientRect().height")
    root = frame.locator("#react-entry-point").evaluate(
        "(r) => Math.ceil(r.getBoundingClientRect().bottom)"
    )
    assert abs(height - root) <= 1
    # ... and still follows it both ways: the list opened and closed.
    frame.locator(".project-list summary").click()
    page.wait_for_function(f"window.sizes.at(-1)[1] > {height}")
    frame.locator(".project-list summary").click()
    page.wait_for_function(f"Math.abs(window.sizes.at(-1)[1] - {height}) <= 1", timeout=10_000)


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 700])
def test_on_a_phone_the_frame_is_sized_before_the_first_touch_and_stays_when_it_wakes(
    page_factory, live_server, other_site, width
):
    page = page_factory(width=width, height=640, is_mobile=True, has_touch=True)
    page.goto(host(other_site, live_server, "country=VNM&field=water"))
    frame = page.frame_locator("#jpp-map")
    page.wait_for_function("window.sizes.length > 0 && window.sizes.at(-1)[1] !== 700")
    page.wait_for_timeout(1500)
    # No touch yet: the app has not started, and the frame has the first view's height.
    assert frame.locator("#embed-facade").count() == 1
    assert frame.locator("html.app-shown").count() == 0
    before = page.evaluate("window.sizes")
    content = frame.locator("#first-view").evaluate(BOTTOM)
    assert abs(before[-1][1] - content) <= 2
    # A touch on the frame (on the map, not a link), as the visitor's finger gives it.
    page.locator("#jpp-map").tap(position={"x": 20, "y": 300})
    app_shown(frame)
    page.wait_for_timeout(2500)
    sizes = page.evaluate("window.sizes")
    print(f"touch, width {width}: sizes {sizes}")
    assert all(abs(move) <= STEP for move in steps(sizes)), sizes


@pytest.mark.browser
def test_the_embeds_first_view_on_a_phone_has_no_serious_accessibility_violation(
    page_factory, live_server
):
    """Its form (search, field) is what a screen reader meets before the first touch."""
    axe_script()  # fails at once when axe-core is missing
    page = page_factory(width=360, height=640, is_mobile=True, has_touch=True, bypass_csp=True)
    page.goto(f"{live_server}/embed?country=VNM&field=water&lang=vi")
    page.locator("#first-view-search").wait_for()
    page.wait_for_timeout(800)
    assert page.locator("#embed-facade").count() == 1  # the app has not started
    assert page.locator("#first-view-field-water").is_checked()
    assert serious_violations(page) == []


# --- the rules, fast -------------------------------------------------------------------------


def test_the_height_reporter_runs_with_the_embed_not_with_the_apps_scripts():
    tags = "".join(
        f'<script src="{src}"></script>'
        for src in ("/r/dash_renderer.js", "/assets/embed.js?m=1", "/assets/dash-start.js")
    )
    plan = plan_scripts(tags)
    assert plan is not None
    assert "embed.js" not in deferred_scripts(plan)  # not among the scripts the facade loads
    assert embed_script(plan) == '<script defer src="/assets/embed.js?m=1"></script>'


def test_the_embeds_first_view_has_the_apps_compact_filters_as_the_link_sets_them():
    t = translator("ja")
    state = ViewState("VNM", controls={"search": "水", "fields": ["water"]})
    form = compact_filters(state, t)
    assert 'name="q" value="水"' in form
    assert 'value="water" checked' in form and 'value="health">' in form
    assert '<input type="hidden" name="country" value="VNM">' in form
    assert t("Search titles and partners") in form and 'id="filter-' not in form


def test_the_embeds_list_is_folded_as_the_apps_unless_the_link_asks_for_a_later_page():
    t = translator("en")
    assert '<details class="mb-2 project-list"><summary' in folded_list("hint", "<ol></ol>", t, 1)
    assert '<details class="mb-2 project-list" open>' in folded_list("hint", "<ol></ol>", t, 2)


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


def test_without_script_the_embeds_filters_ask_the_server_for_the_embed_with_them(client):
    """The form's names are the page's parameters: Enter in the search box (or a submitted
    form) gives the embed of those filters, its boxes as they were left."""
    html = client.get("/embed?country=VNM&lang=en&q=hue&field=water&field=health").get_data(
        as_text=True
    )
    form = html.split('<form class="first-view-compact"', 1)[1].split("</form>", 1)[0]
    assert 'name="q" value="hue"' in form
    assert 'value="water" checked' in form and 'value="health" checked' in form
    assert 'value="agriculture">' in form
