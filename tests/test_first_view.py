"""The first view the server writes into the page (no JavaScript): the map as an SVG drawn
from the plotly figure, and the page's count, summary, list and a project's facts, in each
language. The records here are generated (tests/factories.py), never real projects."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from dash import dcc, html
from shapely.geometry import MultiPolygon, Point, box

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.data.curation import dataset_json
from dashboard.data.model import Location, Partner
from dashboard.figures.map import MapView, map_figure
from dashboard.figures.palette import FIELD_COLOURS, NO_PROJECT_COLOUR, count_colour, count_scale
from dashboard.figures.svg_map import (
    area_paths,
    figure_projection,
    geometry_path,
    scale_colour,
    svg_map,
)
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui.first_view import page as first_view_page
from dashboard.ui.first_view.markup import to_html
from dashboard.ui.first_view.rules import VIEWS_KEPT, more_text

from .factories import fake_project

SIZE = (600, 540)

# --- the SVG: the figure's own areas, colours and points ------------------------------------


def small_figure(counts: dict[str, int], points: pd.DataFrame) -> dict:
    view = MapView(
        geojson_url="/geodata/boundaries/admin1/TST.geojson",
        bounds=(100.0, 10.0, 110.0, 20.0),
        province_codes=["TS-1", "TS-2"],
        province_names=["First", "Second"],
        revision="test",
        size_px=SIZE,
    )
    return map_figure(view, pd.Series(counts, dtype=int), points)


SHAPES = {"TS-1": box(100, 10, 105, 20), "TS-2": box(105, 10, 110, 20)}


def points_frame(rows: list[tuple[str, float, float, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "project_id": [r[0] for r in rows],
            "lon": [r[1] for r in rows],
            "lat": [r[2] for r in rows],
            "field": [r[3] for r in rows],
            "status": [r[4] for r in rows],
            "title": [f"GENERATED {r[0]}" for r in rows],
            "partners": ["Test partner" for _ in rows],
            "period": ["2019 – 2021" for _ in rows],
            "place": ["" for _ in rows],
        }
    )


def drawn(figure: dict) -> str:
    projection = figure_projection(figure, SIZE)
    return svg_map(figure, area_paths(SHAPES, projection, ["TS-1", "TS-2"]), SIZE, "A map")


def test_each_area_is_drawn_with_its_code_and_the_figures_colour():
    figure = small_figure({"TS-1": 3}, points_frame([]))
    svg = drawn(figure)
    fills = dict(re.findall(r'<path data-code="([^"]+)" data-count="\d+" fill="([^"]+)"', svg))
    assert fills == {"TS-1": count_colour(3, 3), "TS-2": NO_PROJECT_COLOUR}
    assert '<svg class="first-view-map"' in svg
    assert 'role="img" aria-label="A map"' in svg
    assert "style=" not in svg


@pytest.mark.parametrize("most", [1, 2, 5, 17, 67, 1000])
def test_the_colour_scale_gives_every_count_its_colour(most):
    """plotly's interpolation along ``count_scale``, as the SVG reads it, gives each count
    the colour ``count_colour`` says (to the rounding of one channel step)."""
    scale = count_scale(most)
    for count in sorted({0, 1, 2, 3, most // 2, most - 1, most} - {-1}):
        if count < 0:
            continue
        ours = scale_colour(scale, count / max(most, 1))
        theirs = count_colour(count, most)
        channels = zip(
            (int(ours[i : i + 2], 16) for i in (1, 3, 5)),
            (int(theirs[i : i + 2], 16) for i in (1, 3, 5)),
            strict=True,
        )
        assert all(abs(a - b) <= 6 for a, b in channels), (count, ours, theirs)


def test_sites_are_circles_at_their_projected_points_in_their_fields_colours():
    points = points_frame(
        [("G-1", 102.0, 12.0, "health", "ongoing"), ("G-2", 108.5, 18.0, "water", "completed")]
    )
    figure = small_figure({"TS-1": 1, "TS-2": 1}, points)
    svg = drawn(figure)
    projection = figure_projection(figure, SIZE)
    for project_id, lon, lat, field in (
        ("G-1", 102.0, 12.0, "health"),
        ("G-2", 108.5, 18.0, "water"),
    ):
        x, y = projection(lon, lat)
        circle = re.search(
            rf'<circle cx="([\d.]+)" cy="([\d.]+)" r="[\d.]+" fill="([^"]+)"'
            rf' fill-opacity="[\d.]+" data-project="{project_id}"/>',
            svg,
        )
        assert circle is not None, project_id
        assert abs(float(circle[1]) - x) < 0.1 and abs(float(circle[2]) - y) < 0.1
        assert circle[3] == FIELD_COLOURS[field]
        assert 0 <= x <= SIZE[0] and 0 <= y <= SIZE[1]


def test_projects_at_one_point_are_one_circle_with_their_number():
    points = points_frame([(f"G-{n}", 103.0, 15.0, "water", "completed") for n in range(3)])
    svg = drawn(small_figure({"TS-1": 3}, points))
    assert re.search(r"<text [^>]*>3</text>", svg)
    assert "data-project" not in svg  # a stack selects no one project


def test_the_projection_is_the_maps_web_mercator_around_its_centre():
    figure = small_figure({}, points_frame([]))
    projection = figure_projection(figure, SIZE)
    centre = figure["layout"]["map"]["center"]
    assert projection(centre["lon"], centre["lat"]) == pytest.approx((300, 270))
    # North is up, east is right, and a degree of latitude is longer further north.
    assert projection(105, 19)[1] < projection(105, 11)[1]
    assert projection(109, 15)[0] > projection(101, 15)[0]
    north = projection(105, 19)[1] - projection(105, 20)[1]
    south = projection(105, 10)[1] - projection(105, 11)[1]
    assert north > south


def test_a_boundary_is_simplified_and_rounded_to_whole_pixels():
    figure = small_figure({}, points_frame([]))
    projection = figure_projection(figure, SIZE)
    circle = Point(105, 15).buffer(3, quad_segs=256)  # 1,025 points
    islands = MultiPolygon([box(101, 11, 101.001, 11.001), circle])  # one island under a pixel
    path = geometry_path(islands, projection)
    assert path.count("M") == 1  # the speck is left out
    numbers = re.findall(r"-?\d+(?:\.\d+)?", path)
    assert all("." not in number for number in numbers)
    assert len(numbers) < 2 * 300  # far fewer points than the circle's 1,025
    assert path.endswith("z")


# --- the markup: the app's components as HTML, without styles or IDs ------------------------


def test_components_are_written_as_html_without_styles_ids_or_callback_props():
    tree = html.Div(
        [
            html.H1("A <title>", id="x", tabIndex="-1", className="h4"),
            html.Span("hidden", style={"display": "none"}, **{"aria-hidden": "true"}),
            dcc.Link("a link", href="/project/X?lang=en"),
            html.Button("b", n_clicks=0),
            None,
            3,
        ]
    )
    assert to_html(tree) == (
        '<div><h1 class="h4" tabindex="-1">A &lt;title&gt;</h1>'
        '<span aria-hidden="true">hidden</span><a href="/project/X?lang=en">a link</a>'
        "<button>b</button>3</div>"
    )


def test_a_component_with_no_html_form_is_refused():
    with pytest.raises(ValueError, match="no HTML"):
        to_html(dcc.Graph(figure={}))


def test_the_cut_list_says_how_many_more():
    t = translator("en")
    assert more_text(100, 100, t) == ""
    assert more_text(100, 154, t) == "… and 54 more projects"
    assert "54" in more_text(100, 154, translator("ja"))


# --- the pages, from the server, with no JavaScript -----------------------------------------

HUE = Location(country="VNM", admin1="VN-26", precision=2, lon=107.58, lat=16.46, place="Huế")
HANOI = Location(country="VNM", admin1="VN-HN", precision=2, lon=105.85, lat=21.03)
VIENTIANE = Location(country="LAO", admin1="LA-VT", precision=2, lon=102.6, lat=17.97)
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
    # Nothing stated but its title and place: the page says "not stated".
    fake_project("G-BARE", fields=(), partners=(), locations=(HANOI,), sources=()),
    fake_project("G-LAO", start="2020-01", end="2020-12", locations=(VIENTIANE,)),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    directory: Path = tmp_path_factory.mktemp("first-view") / "geodata"
    directory.mkdir()
    meta = {"curated_on": "2026-12-06", "generated": "test fixture (tests/test_first_view.py)"}
    (directory / "projects.json").write_text(dataset_json(PROJECTS, meta), encoding="utf-8")
    (directory / "boundaries").symlink_to(REPO_ROOT / "geodata" / "boundaries")
    return create_app(Settings(geodata_dir=directory)).server.test_client()


def first_view_of(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    start = page.index('<div id="first-view"')
    end = page.index('<div id="react-entry-point"')
    return page[start:end]


LIST_ITEM = re.compile(r'<li class="first-view-project"><a href="/project/([^"?]+)\?lang=(\w+)">')


@pytest.mark.parametrize(
    ("lang", "count", "noun", "not_stated", "budget"),
    [
        ("en", "3", "projects", translator("en").not_stated, "¥30,000,000"),
        ("ja", "3", "件", translator("ja").not_stated, "￥30,000,000"),
        ("vi", "3", "dự án", translator("vi").not_stated, "30.000.000"),
    ],
)
def test_a_maps_first_view_in_each_language(client, lang, count, noun, not_stated, budget):
    view = first_view_of(client, f"/?country=VNM&lang={lang}")
    assert f'lang="{lang}"' in view
    assert re.search(rf'first-view-count">{count}</span><span class="ms-1">[^<]*{noun}', view)
    assert budget in view  # the summary's sentence: the stated budgets' total
    assert [m for m in LIST_ITEM.findall(view)] == [
        ("G-BARE", lang),
        ("G-HEALTH", lang),
        ("G-WATER", lang),
    ]  # the table's order (by ID), each linking to its page in this language
    assert not_stated.casefold() in view.casefold()
    # The map: the provinces with their codes, the sites with their projects.
    assert 'data-code="VN-26"' in view and 'data-code="VN-HN"' in view
    assert 'data-project="G-WATER"' in view
    assert "Loading..." not in client.get(f"/?lang={lang}").get_data(as_text=True)


def test_what_no_source_states_is_said_not_stated(client):
    view = first_view_of(client, "/?country=VNM&lang=en")
    item = view[view.index("/project/G-BARE") :]
    item = item[: item.index("</li>")]
    assert item.count("not stated") == 2  # partners and period; its place is stated
    assert "Where: Hanoi" in item or "Where: Hà Nội" in item


def test_the_filters_in_the_query_apply(client):
    view = first_view_of(client, "/?country=VNM&field=health&lang=en")
    assert [m[0] for m in LIST_ITEM.findall(view)] == ["G-HEALTH"]
    assert re.search(r'first-view-count">1</span>', view)
    assert 'data-project="G-WATER"' not in view
    nothing = first_view_of(client, "/?country=VNM&q=nothing-matches-this&lang=en")
    assert "No project matches these filters." in nothing


def test_several_countries_and_the_world_list_their_countries(client):
    view = first_view_of(client, "/?country=VNM,LAO&lang=en")
    assert [m[0] for m in LIST_ITEM.findall(view)] == ["G-BARE", "G-HEALTH", "G-LAO", "G-WATER"]
    assert 'data-code="VNM"' in view and 'data-code="LAO"' in view
    world = first_view_of(client, "/?view=world&lang=en")
    assert "Countries and their projects" in world
    assert re.search(r'<a href="\?[^"]*country=LAO[^"]*"', world)


def test_a_projects_first_view_has_every_fact_and_its_sources(client):
    view = first_view_of(client, "/project/G-WATER?lang=en")
    assert "<h1" in view and "GENERATED TEST PROJECT G-WATER" in view
    assert "Generated Water Partner" in view
    assert "¥30,000,000" in view
    assert re.search(r'<a class="source-link" href="https://example.invalid/g-water"', view)
    assert 'data-code="VN-26"' in view  # its province on the small map
    assert re.search(r'href="/\?country=VNM&amp;project=G-WATER&amp;lang=en"', view)
    bare = first_view_of(client, "/project/G-BARE?lang=ja")
    assert translator("ja").not_stated in bare


def test_a_first_view_writes_no_style_no_script_and_none_of_the_apps_ids(client):
    for url in ("/?country=VNM&lang=en", "/?view=japan&lang=ja", "/project/G-WATER?lang=vi"):
        view = first_view_of(client, url)
        assert " style=" not in view
        assert "<script" not in view
        assert re.findall(r' id="([^"]+)"', view) == ["first-view"]


def test_the_embeds_first_view_has_no_header_and_its_mark(client):
    page = client.get("/embed?country=VNM&lang=en").get_data(as_text=True)
    assert '<html lang="en" class="embed-mode">' in page
    view = page[page.index('<div id="first-view"') : page.index('<div id="react-entry-point"')]
    assert "site-header" not in view and "first-view-count" in view
    assert "Open the full map ↗" in view and "embed-bar" in view


def test_first_views_are_kept_in_a_bounded_memo_by_the_address_the_site_writes(client):
    """Made-up parameters are not part of the key: one entry, and none of them in the page."""
    client.get("/?country=VNM&lang=en")
    kept = len(first_view_page._VIEWS)
    for n in range(5):
        view = first_view_of(client, f"/?country=VNM&made-up-{n}=x&lang=en")
        assert "made-up" not in view
    assert len(first_view_page._VIEWS) == kept
    for n in range(VIEWS_KEPT + 20):
        client.get(f"/?country=VNM&q=x{n}&lang=en")
    assert len(first_view_page._VIEWS) <= VIEWS_KEPT


# --- the real data, as a crawler reads it ---------------------------------------------------


@pytest.fixture(scope="module")
def real_client():
    return create_app(Settings()).server.test_client()


def test_a_crawler_reads_the_map_the_list_and_every_listed_projects_page(real_client):
    """No JavaScript: the count is the API's, every province of the country is drawn with
    its code, every drawn site is a listed project, and each listed project's page reads its
    facts and sources."""
    app_context = create_app(Settings()).context
    assert app_context is not None
    api = real_client.get("/api/projects?country=KHM").get_json()
    view = first_view_of(real_client, "/?country=KHM&lang=en")
    assert re.search(rf'first-view-count">{api["count"]}</span>', view)
    provinces = {p.code for p in app_context.boundaries.provinces_of("KHM")}
    assert set(re.findall(r'data-code="([^"]+)"', view)) == provinces
    listed = [m[0] for m in LIST_ITEM.findall(view)]
    assert listed == sorted(p["id"] for p in api["projects"])
    drawn_sites = set(re.findall(r'data-project="([^"]+)"', view))
    assert drawn_sites <= set(listed)
    for project in api["projects"]:
        page = first_view_of(real_client, f"/project/{project['id']}?lang=en")
        assert "<h1" in page
        for source in project["sources"]:
            assert f'href="{source}"'.replace("&", "&amp;") in page


def test_the_svg_stays_small(real_client):
    """Bounded: Viet Nam's map and the world's, as sent (before compression)."""
    for url, most in (("/?country=VNM&lang=en", 40_000), ("/?view=world&lang=en", 100_000)):
        view = first_view_of(real_client, url)
        svg = view[view.index('<svg class="first-view-map"') :]
        svg = svg[: svg.index("</svg>")]
        assert len(svg.encode()) < most, url


def test_an_unknown_project_says_so_in_its_first_view_and_is_not_kept(client):
    kept = len(first_view_page._VIEWS)
    response = client.get("/project/NO-SUCH-ID?lang=ja")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    view = page[page.index('<div id="first-view"') : page.index('<div id="react-entry-point"')]
    assert translator("ja")("No project has this ID.") in view
    assert "Loading..." not in page
    assert len(first_view_page._VIEWS) == kept
