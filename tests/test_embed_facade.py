"""The embed as a facade (issue 13): /embed arrives as its first view (what it shows, in the
visitor's language) with the facade's button and no Dash script; its loader fetches Dash's
scripts when the frame is scrolled into view or touched, clicked or focused, and the app then
takes the first view's place.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from dashboard.app import create_app
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.shell.facade import FACADE_ID, facade_html, facade_labels
from dashboard.ui.shell.scripts import PLOTLY_BUNDLE

from .test_embed_journeys import host_page, other_site  # noqa: F401  (a fixture)

DASH_BUNDLE = re.compile(r"/_dash-component-suites/|/assets/dash-start\.js|/_dash-layout")


VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class _Facade(HTMLParser):
    """What the embed shows before its scripts (the first view's words, the facade's button)
    and the scripts the page would run."""

    def __init__(self) -> None:
        super().__init__()
        self.words: list[str] = []
        self.buttons: list[str] = []
        self.running: list[str] = []  # <script src> outside the inert <template>
        self._template = 0
        self._depth = 0  # inside the first view or the facade: their open elements
        self._in_button = False

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        values = dict(attrs)
        if tag == "template":
            self._template += 1
        if self._depth and tag not in VOID:
            self._depth += 1
        elif values.get("id") in (FACADE_ID, "first-view"):
            self._depth = 1
        if tag == "button" and self._depth:
            self._in_button = True
        if tag == "script" and values.get("src") and not self._template:
            self.running.append(values["src"] or "")

    def handle_endtag(self, tag):  # type: ignore[no-untyped-def]
        if tag == "template":
            self._template -= 1
        if self._depth and tag not in VOID:
            self._depth -= 1
        if tag == "button":
            self._in_button = False

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        if self._depth and data.strip():
            (self.buttons if self._in_button else self.words).append(data.strip())


def parsed(html: str) -> _Facade:
    facade = _Facade()
    facade.feed(html)
    return facade


@pytest.mark.parametrize(
    ("lang", "button", "loading"),
    [
        ("en", "Show the interactive map", "Loading the interactive map…"),
        ("ja", "操作できる地図を表示", "操作できる地図を読み込んでいます…"),
        ("vi", "Hiện bản đồ tương tác", "Đang tải bản đồ tương tác…"),
    ],
)
def test_the_facades_words_are_in_the_visitors_language(lang, button, loading):
    t = translator(lang)
    assert facade_labels(t) == {"start": button, "loading": loading}
    html = facade_html('<script defer src="/a.js"></script>', "/loader.js", "Title", "Text", t)
    facade = parsed(html)
    assert facade.buttons == [button] and facade.words == ["Title", "Text"]
    assert f'data-loading="{loading}"' in html
    assert facade.running == ["/loader.js"]  # the app's scripts wait, inert, in a template
    assert '<button type="button"' in html  # a real button: keyboard and screen readers


def test_the_facades_words_are_escaped():
    t = translator("en")
    html = facade_html("", "/l.js", "<b>Title</b>", 'A "quoted" & text', t)
    assert "<b>" not in html and "&lt;b&gt;Title&lt;/b&gt;" in html
    assert "A &quot;quoted&quot; &amp; text" in html


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.mark.parametrize(
    ("lang", "words"),
    [("en", "in Viet Nam"), ("ja", "ベトナム"), ("vi", "Việt Nam")],
)
def test_the_embed_arrives_as_its_facade_with_no_dash_script(client, lang, words):
    html = client.get(f"/embed?country=VNM&lang={lang}").get_data(as_text=True)
    facade = parsed(html)
    assert any(words in text for text in facade.words)  # what the map shows
    assert facade.buttons == [facade_labels(translator(lang))["start"]]
    # The facade's loader, and the height reporter that sizes the host's frame at once (no Dash).
    running = [src.split("?")[0] for src in facade.running]
    assert running == ["/assets/embed.js", "/assets/embed-facade.js"]
    template = html.split(f'<template id="{FACADE_ID}-scripts">', 1)[1].split("</template>")[0]
    loaded = re.findall(r'src="([^"]+)"', template)
    assert any("dash_renderer" in src for src in loaded)
    assert loaded[-1].startswith("/assets/dash-start.js")  # the app starts last
    assert not any(PLOTLY_BUNDLE.search(src) for src in loaded)  # the map fetches it


def test_the_map_page_has_no_facade(client):
    html = client.get("/?country=VNM").get_data(as_text=True)
    assert FACADE_ID not in html and "embed-facade.js" not in html


# --- in Chromium ---------------------------------------------------------------------------


def dash_requests(page) -> list[str]:
    return [url for url in page.requested_urls if DASH_BUNDLE.search(url)]


def below_the_fold(src: str) -> str:
    return host_page(
        '<p style="height:2400px">The host page\'s own text.</p>'
        f'<iframe id="jpp-map" src="{src}" title="JICA Partnership Program projects"'
        ' style="width:100%;height:700px;border:0"></iframe>'
    )


def wait_for_facade(page) -> object:
    frame = page.frame_locator("#jpp-map")
    frame.locator(f"#{FACADE_ID} button").wait_for(timeout=20_000)
    # Its loader has run (it marks the page) and is waiting.
    frame.locator("html.embed-facade-on").wait_for(state="attached", timeout=20_000)
    page.wait_for_load_state("networkidle")
    return frame


@pytest.mark.browser
def test_an_embed_below_the_fold_loads_no_dash_bundle_until_scrolled_to(
    page_factory,
    live_server,
    other_site,  # noqa: F811
):
    base, folder = other_site
    src = f"{live_server}/embed?country=VNM&lang=ja"
    (folder / "host.html").write_text(below_the_fold(src), encoding="utf-8")
    page = page_factory(width=412, height=823)
    page.goto(f"{base}/host.html")
    frame = wait_for_facade(page)
    assert dash_requests(page) == []
    assert frame.locator(f"#{FACADE_ID} button").inner_text() == "操作できる地図を表示"
    page.locator("#jpp-map").scroll_into_view_if_needed()
    frame.locator(f"#{ids.RESULT_COUNT}").wait_for(timeout=60_000)
    frame.locator(f"#{ids.MAP} .js-plotly-plot").wait_for(timeout=60_000)
    assert frame.locator(f"#{FACADE_ID}").count() == 0  # the app took its place
    assert any("dash_renderer" in url for url in dash_requests(page))


@pytest.mark.browser
def test_a_click_on_the_facade_makes_the_embed_interactive_at_once(
    page_factory,
    live_server,
    other_site,  # noqa: F811
):
    base, folder = other_site
    src = f"{live_server}/embed?country=VNM&lang=vi"
    (folder / "host.html").write_text(below_the_fold(src), encoding="utf-8")
    page = page_factory(width=1000, height=700)
    page.goto(f"{base}/host.html")
    frame = wait_for_facade(page)
    assert dash_requests(page) == []
    # A click (not a scroll: the host page stays where it is) starts the app.
    frame.locator(f"#{FACADE_ID} button").dispatch_event("click")
    frame.locator(f"#{ids.RESULT_COUNT}").wait_for(state="attached", timeout=60_000)
    assert page.evaluate("window.scrollY") == 0
    assert dash_requests(page)
    # Seen, the app takes over from the first view (a frame out of sight draws nothing:
    # Chromium pauses its animation frames) and the facade goes with it.
    page.locator("#jpp-map").scroll_into_view_if_needed()
    frame.locator(f"#{FACADE_ID}").wait_for(state="detached", timeout=20_000)


@pytest.mark.browser
def test_a_keyboard_user_tabs_into_the_embed_and_keeps_the_focus_in_it(
    page_factory,
    live_server,
    other_site,  # noqa: F811
):
    """Tab reaches the facade's button (focusing it starts the app); once the app has taken
    over, the focus is on the app's first control, not lost to the frame's body."""
    base, folder = other_site
    src = f"{live_server}/embed?country=VNM&lang=en"
    (folder / "host.html").write_text(
        below_the_fold(src).replace("<h1>", '<a href="#top">Top</a><h1>'), encoding="utf-8"
    )
    page = page_factory(width=412, height=823)
    page.goto(f"{base}/host.html")
    frame = wait_for_facade(page)
    page.keyboard.press("Tab")  # the host's link
    page.keyboard.press("Tab")  # the facade's button, inside the frame
    frame.locator(f"#{ids.RESULT_COUNT}").wait_for(timeout=60_000)
    frame.locator(f"#{FACADE_ID}").wait_for(state="detached", timeout=20_000)
    focused = frame.locator("body").evaluate(
        "(body) => document.activeElement && document.activeElement !== body"
        " && !!document.activeElement.closest('#react-entry-point')"
    )
    assert focused


SHIFTS_UNTIL_TAKEOVER = """
window.__shifts = [];
window.__takeover = null;
new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
        // A source whose box kept its place and only grew (the body, as the app fills it)
        // moved nothing; Chromium reports the body so on main's embed as well.
        const moved = entry.sources.some((s) =>
            s.previousRect.x !== s.currentRect.x || s.previousRect.y !== s.currentRect.y);
        if (!entry.hadRecentInput && moved && window.__takeover === null) {
            window.__shifts.push(entry.value);
        }
    }
}).observe({type: "layout-shift", buffered: true});
new MutationObserver((changes, watcher) => {
    if (document.readyState !== "loading" && !document.getElementById("embed-facade")) {
        watcher.disconnect();
        // The frame the app takes over in, and the next: their shifts count, later ones
        // are the app's own.
        requestAnimationFrame(() => requestAnimationFrame(() => {
            setTimeout(() => { window.__takeover = window.__shifts.slice(); });
        }));
    }
}).observe(document, {childList: true, subtree: true});
"""


@pytest.mark.browser
@pytest.mark.parametrize(("lang", "width"), [("ja", 412), ("vi", 1000), ("en", 360)])
def test_the_facade_paints_and_gives_way_to_the_app_without_a_layout_shift(
    page_factory, live_server, lang, width
):
    page = page_factory(width=width, height=823)
    page.add_init_script(SHIFTS_UNTIL_TAKEOVER)
    page.goto(f"{live_server}/embed?country=VNM&lang={lang}")
    page.locator(f"#{ids.RESULT_COUNT}").wait_for(timeout=60_000)
    page.wait_for_function("() => window.__takeover !== null", timeout=20_000)
    assert page.evaluate("window.__takeover") == []
    # On a phone too, nothing scrolls sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= width
