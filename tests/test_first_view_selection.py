"""A shared link that selects something arrives showing it in its first view (no JavaScript):
the province outlined on the SVG map, the side panel's heading and cards where the app opens
its panel, in en/ja/vi; the colour bar the app draws; the filters said in words above the
list; and a list longer than one page reached by its "more" links. The records here are
generated (tests/factories.py), never real projects."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.data import vocab
from dashboard.data.curation import dataset_json
from dashboard.data.model import Location, Partner
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui.filter_panel.controls import default_values, filter_from_controls
from dashboard.ui.first_view import page as first_view_page
from dashboard.ui.first_view.rules import more_here_text
from dashboard.ui.view_state import ViewState, view_from_query

from .factories import fake_project

HUE = Location(country="VNM", admin1="VN-26", precision=2, lon=107.58, lat=16.46, place="Huế")
HANOI = Location(country="VNM", admin1="VN-HN", precision=2, lon=105.85, lat=21.03)
PROJECTS = [
    fake_project(
        "G-WATER",
        start="2019-04",
        end="2022-03",
        budget=30_000_000,
        fields=("water",),
        locations=(HUE,),
        partners=(Partner(name="Generated Water Partner", type="ngo", role="implementing"),),
        sources=("https://example.invalid/g-water",),
    ),
    fake_project(
        "G-HEALTH", start="2015-01", end="2017-12", fields=("health",), locations=(HANOI,)
    ),
    fake_project("G-BARE", fields=(), partners=(), locations=(HANOI,), sources=()),
]


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    directory: Path = tmp_path_factory.mktemp("first-view-selection") / "geodata"
    directory.mkdir()
    meta = {"curated_on": "2026-12-06", "generated": "test fixture (first view selection)"}
    (directory / "projects.json").write_text(dataset_json(PROJECTS, meta), encoding="utf-8")
    (directory / "boundaries").symlink_to(REPO_ROOT / "geodata" / "boundaries")
    return create_app(Settings(geodata_dir=directory))


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def first_view_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    return page[page.index('<div id="first-view"') : page.index('<div id="react-entry-point"')]


def panel_of(view: str) -> str:
    start = view.index('<aside class="detail-panel')
    return view[start : view.index("</aside>", start)]


def outlined(view: str) -> set[str]:
    """The areas drawn with the chosen provinces' outline (map_panel.views.CHOSEN_LINE)."""
    groups = re.findall(r'<g stroke="#1a1a1a" stroke-width="3.5"[^>]*>(.*?)</g>', view)
    return {code for group in groups for code in re.findall(r'data-code="([^"]+)"', group)}


# --- 1. a selected province or project ------------------------------------------------------


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_a_link_to_a_province_opens_its_panel_and_outlines_it(client, lang):
    t = translator(lang)
    view = first_view_of(client, f"/?country=VNM&at=VN-26&lang={lang}")
    assert outlined(view) == {"VN-26"}
    panel = panel_of(view)
    heading = re.search(r'<p class="fw-semibold detail-heading mb-1">([^<]+)</p>', panel)
    assert heading is not None
    place = re.split(r"[:：]", heading.group(1))[0]
    # The panel is named after what is open (issue 12's review), no longer "Projects here".
    name = t.plural("{place}: {count} project", "{place}: {count} projects", 1, place=place)
    assert f'aria-label="{name}"' in panel
    assert heading.group(1) == t.plural(
        "{place}: {count} project with these filters",
        "{place}: {count} projects with these filters",
        1,
        place=re.split(r"[:：]", heading.group(1))[0],
    )
    # The province's one project, as the app's card: its facts, its page in this language.
    assert panel.count('<article class="project-card') == 1
    assert f'href="/project/G-WATER?lang={lang}"' in panel
    assert "Generated Water Partner" in panel
    # Closing it: the same view with nothing selected.
    close = re.search(r'<a class="btn-close" href="([^"]+)" aria-label="([^"]+)"', panel)
    assert close is not None
    assert close.group(1) == f"?country=VNM&amp;lang={lang}" and close.group(2) == t("Close")


def test_a_link_to_a_project_opens_the_projects_at_its_site_it_first(client):
    panel = panel_of(first_view_of(client, "/?country=VNM&project=G-HEALTH&lang=en"))
    cards = re.findall(r'href="/project/([^"?]+)\?lang=en">Project page', panel)
    assert cards[0] == "G-HEALTH" and set(cards) == {"G-HEALTH", "G-BARE"}  # both in Hà Nội
    assert "2 projects with these filters" in panel


def test_no_selection_no_panel_and_an_unknown_project_says_so(client):
    view = first_view_of(client, "/?country=VNM&lang=en")
    assert "detail-panel" not in view and outlined(view) == set()
    unknown = panel_of(first_view_of(client, "/?country=VNM&project=NO-SUCH&lang=ja"))
    assert translator("ja")("No project has this ID.") in unknown


def test_the_filters_apply_to_the_panel_and_a_filter_outline_stays(client):
    view = first_view_of(client, "/?country=VNM&province=VN-HN&at=VN-26&lang=en")
    assert outlined(view) == {"VN-HN", "VN-26"}
    assert "0 projects with these filters" in panel_of(view)


def test_a_stacked_site_opens_its_projects(app):
    """A site (``{"point": …}``, the link's ``site=``) lists the projects at its point."""
    context = app.context
    controls = default_values(context.today())
    state = ViewState("VNM", "implemented", controls, {"point": [HANOI.lon, HANOI.lat]})
    spec = filter_from_controls({**controls, "country": "VNM"}, today=context.today())
    panel = first_view_page.detail_html(context, spec, state, translator("en"))
    assert set(re.findall(r'href="/project/([^"?]+)\?lang=en">Project page', panel)) == {
        "G-HEALTH",
        "G-BARE",
    }


def test_the_panel_is_cut_at_its_cap_and_says_how_many_more(app, monkeypatch):
    context = app.context
    monkeypatch.setattr(first_view_page, "DETAIL_CAP", 1)
    state = view_from_query("?country=VNM&at=VN-HN", context.today(), context.boundaries, "VNM")
    assert state is not None and state.place == {"province": "VN-HN"}
    spec = filter_from_controls({**state.controls, "country": "VNM"}, today=context.today())
    t = translator("en")
    panel = first_view_page.detail_html(context, spec, state, t)
    assert panel.count('<article class="project-card') == 1
    assert "2 projects with these filters" in panel  # the place's count, not the cut
    assert more_here_text(1, 2, t) == "… and 1 more project here, in the list"
    assert more_here_text(1, 2, t) in panel


def test_more_here_says_nothing_when_all_are_shown():
    t = translator("ja")
    assert more_here_text(10, 10, t) == ""
    assert "5" in more_here_text(10, 15, t)


def test_a_selected_view_writes_no_style_no_script_and_none_of_the_apps_ids(client):
    for url in ("/?country=VNM&at=VN-26&lang=en", "/?country=VNM&project=G-WATER&lang=vi"):
        view = first_view_of(client, url)
        assert " style=" not in view and "<script" not in view
        assert re.findall(r' id="([^"]+)"', view) == ["first-view"]


# --- in Chromium: the app takes over the selected view without a layout shift --------------


@pytest.mark.browser
@pytest.mark.parametrize("size", [(412, 823), (1280, 800)], ids=["phone", "desktop"])
def test_the_app_takes_over_a_selected_view_without_a_layout_shift(page_factory, live_server, size):
    from .test_first_view_browser import MAX_CLS, RECORD_SHIFTS, taken_over

    page = page_factory(*size)
    page.add_init_script(RECORD_SHIFTS)
    page.goto(f"{live_server}/?country=VNM&at=VN-26&lang=ja")
    first = page.locator("#first-view .detail-heading").inner_text()
    taken_over(page)
    page.wait_for_timeout(1500)  # what settles after the first draw counts too
    assert sum(page.evaluate("() => window.__shifts")) <= MAX_CLS
    # The app's panel says what the first view's said, where it said it.
    app_heading = page.locator("#detail-body .detail-heading")
    app_heading.wait_for()
    assert app_heading.inner_text() == first
    # ... and the map outlines the selected province (the page's own layers).
    from .map_page import wait_for_state

    wait_for_state(page, lambda s: s["selected"] == "VN-26")


@pytest.mark.browser
def test_a_selected_first_view_has_no_serious_accessibility_violation(page_factory, live_server):
    """axe-core on the first view alone, its side panel open (the app's scripts held back)."""
    from .axe import serious_violations

    page = page_factory(412, 823, bypass_csp=True)
    page.route("**/_dash-component-suites/**", lambda route: route.abort())
    page.goto(f"{live_server}/?country=VNM&at=VN-26&lang=ja")
    page.locator("#first-view .first-view-detail").wait_for()
    assert serious_violations(page) == []


# --- 2. the colour bar the app draws --------------------------------------------------------


def count_trace(most: int, **bar: object) -> dict:
    from dashboard.figures.palette import count_scale

    colorbar = {"title": {"text": "Projects"}, "thickness": 12, "len": 0.5, "x": 0.99}
    return {
        "type": "choroplethmap",
        "zmin": 0,
        "zmax": most,
        "colorscale": count_scale(most),
        "colorbar": {**colorbar, "dtick": max(1, -(-most // 5)), **bar},
    }


def test_the_colour_bar_says_what_each_count_colour_means():
    from dashboard.figures.palette import COUNT_RAMP, NO_PROJECT_COLOUR, contrast
    from dashboard.figures.svg_map import colour_bar

    bar = colour_bar(count_trace(17), (600, 540))
    assert ">Projects</text>" in bar
    labels = re.findall(r'dominant-baseline="central">(\d+)</text>', bar)
    assert labels == ["0", "4", "8", "12", "16"]  # every dtick up to the most
    ys = [float(y) for y in re.findall(r'<text x="[^"]+" y="([^"]+)" font-size="12"', bar)]
    assert ys == sorted(ys, reverse=True)  # 0 at the bottom, the most at the top
    fills = re.findall(r'<rect x="[^"]+" y="([^"]+)" width="12" height="[^"]+" fill="(#\w+)"', bar)
    bottom, top = max(fills, key=lambda f: float(f[0])), min(fills, key=lambda f: float(f[0]))
    # The most at the top, in the darkest colour; none at the bottom, in the lightest.
    assert contrast(top[1], COUNT_RAMP[-1]) < 1.1
    assert contrast(bottom[1], NO_PROJECT_COLOUR) < 1.25  # a band: its middle colour
    # Inside the map on the right, as plotly keeps it (x=0.99); its height half the map's.
    xs = [float(x) for x in re.findall(r' x="([\d.]+)"', bar)]
    assert min(xs) > 500 and max(xs) < 600
    outline = re.search(r'fill="none" stroke="#444444"', bar)
    assert outline is not None


def test_the_worlds_colour_bar_is_on_the_left_and_a_hidden_one_is_not_drawn():
    from dashboard.figures.svg_map import colour_bar

    world = colour_bar(count_trace(56, x=0.01, xanchor="left"), (600, 540))
    assert max(float(x) for x in re.findall(r' x="([\d.]+)"', world)) < 100
    assert colour_bar({**count_trace(5), "showscale": False}, (600, 540)) == ""
    assert colour_bar({"type": "choroplethmap", "z": []}, (600, 540)) == ""


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_the_first_views_map_has_the_colour_bar_in_the_visitors_language(client, lang):
    view = first_view_of(client, f"/?country=VNM&lang={lang}")
    svg = view[view.index('<svg class="first-view-map"') : view.index("</svg>")]
    assert f">{translator(lang)('Projects')}</text>" in svg
    assert 'class="first-view-scale"' in svg


# --- 4. the list beyond its first page ------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "page"),
    [
        ("", 1),
        ("?country=VNM&page=2", 2),
        ("page=0", 1),
        ("page=-3", 1),
        ("page=two", 1),
        ("page=２", 1),  # a full-width digit: not a page number
        ("page=5000", 1000),  # MAX_LIST_PAGE
        ("page=99999999999", 1),
    ],
)
def test_the_lists_page_is_read_from_the_query(query, page):
    from dashboard.ui.first_view.rules import list_page

    assert list_page(query) == page


def test_a_page_is_added_to_a_views_query_after_the_first():
    from dashboard.ui.first_view.rules import with_page

    assert with_page("country=VNM&lang=en", 1) == "country=VNM&lang=en"
    assert with_page("country=VNM&lang=en", 3) == "country=VNM&lang=en&page=3"
    assert with_page("", 2) == "page=2"


@pytest.fixture
def one_a_page(monkeypatch):
    """Lists of one project a page, with a memo of their own."""
    from dashboard.data.store_cache import Bounded

    monkeypatch.setattr(first_view_page, "LIST_CAP", 1)
    monkeypatch.setattr(first_view_page, "_VIEWS", Bounded(16))


LISTED = re.compile(r'<li class="first-view-project"><a href="/project/([^"?]+)\?')
PAGE_LINK = re.compile(r'<a class="me-3" rel="(prev|next)" href="\?([^"]+)">')


def test_a_reader_without_javascript_reaches_every_project_page_by_page(client, one_a_page):
    url, seen, steps = "/?country=VNM&lang=en", [], 0
    while url and steps < 5:
        view = first_view_of(client, url)
        seen += LISTED.findall(view)
        steps += 1
        links = dict(PAGE_LINK.findall(view))
        url = "/?" + links["next"].replace("&amp;", "&") if "next" in links else ""
        assert ("prev" in links) == (steps > 1)
    assert seen == ["G-BARE", "G-HEALTH", "G-WATER"]  # every one, in the table's order
    assert "Rows 2–2 of 3 (page 2 of 3)" in first_view_of(client, "/?country=VNM&lang=en&page=2")
    first = first_view_of(client, "/?country=VNM&lang=en")
    assert "… and 2 more projects" in first and "Rows 1–1 of 3 (page 1 of 3)" in first


def test_a_page_past_the_last_is_the_last_and_kept_once(client, one_a_page):
    last = first_view_of(client, "/?country=VNM&lang=ja&page=3")
    kept = len(first_view_page._VIEWS)
    assert first_view_of(client, "/?country=VNM&lang=ja&page=300") == last
    assert len(first_view_page._VIEWS) == kept
    assert LISTED.findall(last) == ["G-WATER"]
    t = translator("ja")
    assert t("Previous page") in last and t("Next page") not in last
    assert '<ol class="list-unstyled small mb-1" start="3">' in last


def test_a_list_of_one_page_has_no_page_links(client):
    view = first_view_of(client, "/?country=VNM&lang=vi")
    assert "first-view-pages" not in view and PAGE_LINK.search(view) is None


# --- 3. the filters said in words above the list --------------------------------------------


def words_of(app, **spec: object) -> list[str]:
    from dataclasses import replace as changed

    from dashboard.data.filters import ProjectFilter
    from dashboard.ui.first_view.rules import filter_words

    lang = str(spec.pop("lang", "en"))
    context = app.context
    filters = changed(ProjectFilter(), **spec)
    return filter_words(filters, context.boundaries, context.today(), translator(lang))


def test_no_filter_says_nothing(app):
    assert words_of(app) == []
    assert words_of(app, country=("VNM",)) == []  # the view, not a filter
    assert words_of(app, as_of=app.context.today()) == []  # today is no filter


def test_each_filter_is_said_once_in_the_visitors_words(app):
    assert words_of(app, field=("health",), budget_min=50_000_000) == [
        "Health & medical care",
        "budget ¥50,000,000–…",
    ]
    words = words_of(
        app,
        field=("health", "water"),
        status=("ongoing",),
        province=("VN-26",),
        q="hue",
        duration_max=24,
        start_from=2010,
        start_to=2015,
        keep_unknown_budget=False,
    )
    assert words[0] == "Health & medical care or Water supply & sanitation"
    assert words[1] == "Ongoing"
    assert words[2] in ("Thừa Thiên Huế", "Thua Thien Hue")
    assert words[3:] == [
        "“hue”",
        "…–24 months",
        "started 2010–2015",
        "only with a stated budget",
    ]


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_the_filters_words_are_translated(app, lang):
    t = translator(lang)
    words = words_of(app, field=("health", "water"), budget_max=60_000_000, lang=lang)
    health, water = t.term(vocab.FIELDS, "health"), t.term(vocab.FIELDS, "water")
    assert words[0] == t("{a} or {b}", a=health, b=water) != f"{health} or {water}"
    assert t.yen(60_000_000) in words[1] and "budget" not in words[1]


def test_the_first_view_says_the_filters_above_the_list(client):
    view = first_view_of(client, "/?country=VNM&field=health&status=completed&lang=en")
    said = re.search(r'<p class="small mb-1 first-view-said">([^<]+)</p>', view)
    assert said is not None
    assert said.group(1) == "Filters: Health &amp; medical care · Completed"
    assert view.index("first-view-said") < view.index('<ol class="list-unstyled')
    assert "first-view-said" not in first_view_of(client, "/?country=VNM&lang=en")


# --- the areas' names, as MapLibre writes them ----------------------------------------------


def test_names_are_written_largest_first_where_they_fit():
    from dashboard.figures.svg_map import Projection, area_names

    projection = Projection({"lon": 105.0, "lat": 15.0}, 5.0, (600, 540))
    trace = {
        "type": "scattermap",
        "mode": "text",
        "lon": [105.0, 105.05, 107.0, 140.0],
        "lat": [15.0, 15.0, 17.0, 15.0],
        "text": ["Largest <b>", "Overlapping", "Apart", "Off the map"],
        "textfont": {"size": 11, "color": "#1a1a1a"},
    }
    written = "".join(area_names(trace, projection, (600, 540)))
    assert [html.unescape(n) for n in re.findall(r">([^<>]+)</text>", written)] == [
        "Largest <b>",  # escaped in the SVG
        "Apart",
    ]
    assert "&lt;b&gt;" in written and 'paint-order="stroke"' in written  # a white halo
    # A stack's number takes its place first: a name there is left out.
    taken = [(290.0, 260.0, 310.0, 280.0)]
    assert "Largest" not in "".join(area_names(trace, projection, (600, 540), taken))


def test_the_first_views_map_names_its_provinces_in_the_visitors_language(client):
    view = first_view_of(client, "/?country=VNM&lang=ja")
    names = view[view.index('<g class="first-view-names"') :]
    names = names[: names.index("</g>")]
    written = re.findall(r">([^<>]+)</text>", names)
    assert written and any(re.search(r"[\u3040-\u30ff\u4e00-\u9fff]", n) for n in written)


def test_the_view_from_japan_opens_a_prefectures_partners():
    """Japan's prefectures list the partners based there (the real partners' homes: no
    count of the real data is asserted)."""
    real = create_app(Settings()).server.test_client()
    view = first_view_of(real, "/?view=japan&at=JP-14&lang=ja")
    assert outlined(view) == {"JP-14"}
    panel = panel_of(view)
    assert '<section class="home-partner' in panel
    heading = re.search(r'<p class="fw-semibold detail-heading">([^<]+)</p>', panel)
    assert heading is not None and heading.group(1).startswith("神奈川県")


def test_a_link_to_a_stacked_site_arrives_with_its_projects(client):
    """``site=lon,lat`` (a stack's click in the link): its projects in the panel, and a
    view of its own in the memo (another site, another page)."""
    panel = panel_of(first_view_of(client, f"/?country=VNM&site={HANOI.lon},{HANOI.lat}&lang=en"))
    cards = set(re.findall(r'href="/project/([^"?]+)\?lang=en">Project page', panel))
    assert cards == {"G-HEALTH", "G-BARE"}
    hue = panel_of(first_view_of(client, f"/?country=VNM&site={HUE.lon},{HUE.lat}&lang=en"))
    assert set(re.findall(r'href="/project/([^"?]+)\?lang=en">Project page', hue)) == {"G-WATER"}
