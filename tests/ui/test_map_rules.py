"""The map's own rules (issue 12): a stacked site's number and hover, the colour scale of
counts, the areas' names, the world's small countries and its list of countries. Generated
records only (a stack of eight at one point in Hà Nội, one project in Samoa, two in Fiji)."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.context import AppContext
from dashboard.data.curation import dataset_json
from dashboard.data.filters import ProjectFilter
from dashboard.data.model import Location
from dashboard.data.repository import Repository
from dashboard.figures.map import (
    COUNTS,
    LABELS,
    MARKERS,
    STACK_TITLES,
    TARGETS,
    TITLE_CHARS,
    fit_view,
    short_title,
    stack_hover_text,
    stack_points,
)
from dashboard.figures.palette import (
    COUNT_RAMP,
    NO_PROJECT_COLOUR,
    contrast,
    count_colour,
    count_scale,
)
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.boundary_layers import IMPLEMENTED
from dashboard.ui.country_list.layout import country_items
from dashboard.ui.country_list.rules import country_href, country_rows, listed_counts
from dashboard.ui.detail_panel.selection import place_detail
from dashboard.ui.filter_panel.controls import JAPAN, WORLD, default_values
from dashboard.ui.filter_panel.transitions import Surroundings, next_view
from dashboard.ui.map_panel.clicks import place_of_click
from dashboard.ui.map_panel.views import (
    SMALL_AREA,
    area_labels,
    country_map,
    small_areas,
    world_map,
)
from dashboard.ui.view_state import ViewState
from tests.factories import fake_project

from .conftest import BOUNDARIES, TODAY

EN, JA = translator("en"), translator("ja")
SIZE = (600, 540)
HANOI = (105.85, 21.03)  # one point: a stack


def spot(lon: float, lat: float, country: str = "VNM", admin1: str | None = "VN-HN") -> Location:
    return Location(country=country, admin1=admin1, precision=2, lon=lon, lat=lat, place=None)


def stacked_records() -> list:
    """Eight generated projects at one point in Hà Nội (two ongoing on the day), one
    elsewhere in Hà Nội, one in Samoa, two in Fiji."""
    stack = [
        fake_project(
            f"T-HN{n}",
            start="2025-01" if n < 2 else "2010-01",
            end="2027-12" if n < 2 else "2012-12",
            title=f"GENERATED stacked project {n}",
            locations=(spot(*HANOI),),
        )
        for n in range(8)
    ]
    return [
        *stack,
        fake_project("T-HN-ALONE", locations=(spot(105.7, 21.1),)),
        fake_project(
            "T-WSM", country="WSM", locations=(spot(-171.8, -13.8, "WSM", None),), partners=()
        ),
        *(
            fake_project(f"T-FJI{n}", country="FJI", locations=(spot(178.4, -18.1, "FJI", None),))
            for n in range(2)
        ),
    ]


@pytest.fixture(scope="module")
def stacked(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    folder: Path = tmp_path_factory.mktemp("stacked-geodata")
    dataset = folder / "projects.json"
    meta = {"generated": "tests/ui/test_map_rules.py: generated", "curated_on": TODAY.isoformat()}
    dataset.write_text(dataset_json(stacked_records(), meta), encoding="utf-8")
    return AppContext(Repository(dataset, BOUNDARIES), Settings(), {}, today=lambda: TODAY)


def select(context: AppContext, **spec):
    return context.repository.select(ProjectFilter(as_of=TODAY, **spec))


def traces(figure: dict) -> dict[str, dict]:
    return {trace.get("name"): trace for trace in figure["data"][1:]}


# --- stacked sites ---------------------------------------------------------------------


def marker(title: str, status: str | None = None, place: str | None = None):
    return SimpleNamespace(title=title, status=status, place=place)


def test_projects_at_one_point_are_one_site_in_first_seen_order():
    points = pd.DataFrame({"lon": [105.85, 107.6, 105.850000001, 107.6], "lat": [21.03, 16.4] * 2})
    assert stack_points(points) == [[0, 2], [1, 3]]


def test_a_stacks_hover_says_how_many_and_lists_them_ongoing_first_then_and_n_more():
    rows = [marker(f"Project {n}", "ongoing" if n == 7 else "completed") for n in range(9)]
    text = stack_hover_text(rows, EN).split("<br>")
    assert text[:3] == ["9 projects here", "of which ongoing: 1", "• <b>Project 7</b>"]
    assert text[3 : 2 + STACK_TITLES] == [f"• Project {n}" for n in range(STACK_TITLES - 1)]
    assert text[-1] == f"and {9 - STACK_TITLES} more"
    assert len(text) == 2 + STACK_TITLES + 1
    # Every title when they fit; the place's name first when the site has one.
    few = stack_hover_text([marker("A", place="Hà Nội"), marker("<B>", place="Hà Nội")], EN)
    assert few == "<b>Hà Nội</b><br>2 projects here<br>• A<br>• &lt;B&gt;"
    # Not one project's place for all: a province's point holds projects of many places.
    assert stack_hover_text([marker("A", place="Xuân Phương"), marker("B")], EN).startswith(
        "2 projects here"
    )


def test_a_stacks_hover_is_in_the_pages_language():
    rows = [marker(f"事業{n}") for n in range(STACK_TITLES + 2)]
    text = stack_hover_text(rows, JA)
    assert JA.plural("{count} project here", "{count} projects here", len(rows)) in text
    assert text.endswith(JA("and {count} more", count="2")) and "ほか2件" in text


def test_a_long_title_is_cut_so_the_hover_fits_a_phone():
    assert short_title("short") == "short"
    cut = short_title("x" * 200)
    assert len(cut) == TITLE_CHARS and cut.endswith("…")


def test_a_stacked_site_is_one_circle_with_its_number_and_every_project_in_its_hover(stacked):
    store, selection = select(stacked, country=("VNM",))
    figure = country_map(stacked, store, selection, "VNM", IMPLEMENTED, EN, SIZE).figure
    go.Figure(figure)  # a valid plotly figure
    shown = traces(figure)
    markers, counts, targets = shown[MARKERS], shown[COUNTS], shown[TARGETS]
    assert len(markers["lon"]) == 2  # the stack of eight and the project alone
    assert (counts["lon"], counts["lat"], counts["text"]) == ([HANOI[0]], [HANOI[1]], ["8"])
    stack = targets["lon"].index(HANOI[0])
    hover = targets["hovertext"][stack]
    assert hover.startswith("8 projects here<br>of which ongoing: 2<br>")
    assert hover.endswith(f"and {8 - STACK_TITLES} more")
    assert targets["customdata"][stack] is None  # read by its point: every project there
    assert "T-HN-ALONE" in targets["customdata"]  # a single project's marker names it


def test_clicking_a_stacked_site_opens_the_panel_with_all_its_projects(stacked):
    store, selection = select(stacked, country=("VNM",))
    click = {"points": [{"lon": HANOI[0], "lat": HANOI[1], "customdata": None}]}
    place = place_of_click(click)
    assert place == {"point": list(HANOI)}
    detail = place_detail(stacked, store, selection, place, "VNM", EN)
    assert detail is not None
    assert sorted(store.projects[row].id for row in detail.rows) == [f"T-HN{n}" for n in range(8)]


# --- the colour scale of counts ---------------------------------------------------------


def test_one_project_is_a_clear_tint_next_to_the_most():
    # 3:1, WCAG's contrast for graphics, against an area with no project; and darker with
    # more projects, whatever the most is.
    for most in (1, 2, 16, 67, 1000):
        assert contrast(count_colour(1, most), NO_PROJECT_COLOUR) >= 3
    colours = [count_colour(n, 67) for n in (0, 1, 2, 5, 12, 30, 67)]
    assert colours[0] == NO_PROJECT_COLOUR and colours[1] == COUNT_RAMP[0]
    assert colours[-1] == COUNT_RAMP[-1]
    shades = [contrast(colour, NO_PROJECT_COLOUR) for colour in colours]
    assert shades == sorted(shades) and len(set(colours)) == len(colours)


def test_the_plotly_scale_gives_each_count_its_colour():
    for most in (1, 3, 16, 67, 5000):
        scale = count_scale(most)
        positions = [position for position, _ in scale]
        assert positions == sorted(positions) and positions[0] == 0 and positions[-1] == 1
        assert scale[0][1] == NO_PROJECT_COLOUR
        stops = {round(position * max(most, 1)): colour for position, colour in scale[1:]}
        assert stops[1] == count_colour(1, most)
        assert all(colour == count_colour(count, most) for count, colour in stops.items())
        assert len(scale) <= 18  # a few stops: the figure stays small
    assert count_scale(0) == [[0.0, NO_PROJECT_COLOUR], [1.0, COUNT_RAMP[0]]]


# --- names on the map ------------------------------------------------------------------


def test_names_go_inside_their_area_the_largest_first(boundaries):
    names = {"VN-HN": "Hà Nội", "VN-44": "An Giang", "VN-33": "Đắk Lắk", "XX-99": "nowhere"}
    labels = area_labels(names, boundaries.labels)
    assert [name for name, _, _ in labels] == ["Đắk Lắk", "An Giang", "Hà Nội"]
    west, south, east, north = boundaries.bounds["VNM"]
    assert all(west < lon < east and south < lat < north for _, lon, lat in labels)


def test_a_country_map_names_its_provinces_in_the_pages_language(context):
    store, selection = context.repository.select(ProjectFilter(country=("VNM",), as_of=TODAY))
    figure = country_map(context, store, selection, "VNM", IMPLEMENTED, JA, SIZE).figure
    names = traces(figure)[LABELS]
    assert len(names["text"]) == 63 and "ハノイ" in names["text"]
    assert names["mode"] == "text" and names["hoverinfo"] == "skip"


# --- the world overview ----------------------------------------------------------------


def test_the_small_partner_countries_get_a_circle(boundaries):
    counts = {"WSM": 1, "FJI": 2, "TLS": 2, "BTN": 4, "VNM": 67, "LAO": 9, "TON": 0}
    names = {code: code for code in counts}
    small = {
        code: (lon, lat) for code, _, lon, lat, _ in small_areas(counts, names, boundaries.labels)
    }
    assert set(small) == {"WSM", "FJI", "TLS", "BTN"}  # Tonga has no project here
    assert boundaries.labels["VNM"][2] > SMALL_AREA
    # Fiji's circle is on Viti Levu (not on the 180° line where its outline is cut); Samoa,
    # west of the map's left edge (170°W), is drawn east of Fiji.
    assert 177 < small["FJI"][0] < 179 and -19 < small["FJI"][1] < -17
    assert 185 < small["WSM"][0] < 190


def test_a_click_on_a_small_countrys_circle_opens_it_as_a_click_on_its_shape(boundaries):
    click = {"points": [{"lon": 178.0, "lat": -17.8, "customdata": {"area": "FJI"}}]}
    assert place_of_click(click) == {"province": "FJI"}
    around = Surroundings(TODAY, "en", boundaries, "VNM", frozenset())
    world = ViewState(WORLD, IMPLEMENTED, default_values(TODAY))
    by_circle = next_view(ids.MAP, world, around, click=click)
    by_shape = next_view(ids.MAP, world, around, click={"points": [{"location": "FJI"}]})
    assert by_circle.search == by_shape.search == "?country=FJI&lang=en"


def test_the_world_map_draws_circles_on_samoa_and_fiji(stacked):
    store, selection = select(stacked)
    figure = world_map(stacked, store, selection, EN, SIZE).figure
    go.Figure(figure)
    circles = traces(figure)[MARKERS]
    assert sorted(area["area"] for area in circles["customdata"]) == ["FJI", "WSM"]
    fiji = [area["area"] for area in circles["customdata"]].index("FJI")
    assert circles["hovertext"][fiji] == "<b>Fiji</b><br>2 projects"
    assert circles["marker"]["color"][fiji] == count_colour(2, 9)  # Viet Nam has the most, 9
    assert figure["data"][0]["colorbar"]["x"] < 0.5  # the key is not over the Pacific islands
    # A few kB at most for the circles, the names trace and the scale: the outlines are a URL.
    assert len(json.dumps(figure)) < 40_000


def test_a_phone_sees_the_whole_world():
    _centre, zoom = fit_view((-170.0, -50.0, 190.0, 70.0), 336, 400)
    assert zoom < 0 and 512 * 2**zoom <= 336


# --- the list of countries ----------------------------------------------------------------


def test_the_country_list_sorts_by_count_then_name_and_leaves_out_none():
    counts = {"VNM": 67, "WSM": 1, "FJI": 1, "LAO": 9, "PHL": 12, "TON": 0}
    listed = listed_counts(WORLD, counts)
    assert listed is not None
    rows = country_rows(listed, EN.country, lambda code: f"?country={code}")
    assert [row.code for row in rows] == ["VNM", "PHL", "LAO", "FJI", "WSM"]
    assert (rows[0].name, rows[0].count, rows[0].href) == ("Viet Nam", 67, "?country=VNM")
    ja = country_rows(listed, JA.country, lambda code: code)
    assert [row.name for row in ja][:2] == ["ベトナム", "フィリピン"]


def test_a_country_link_opens_it_with_the_filters_as_a_click_on_it_does(boundaries):
    around = Surroundings(TODAY, "ja", boundaries, "VNM", frozenset())
    world = ViewState(WORLD, IMPLEMENTED, {**default_values(TODAY), "fields": ["water"]})
    for code in ("WSM", "FJI", "VNM"):
        clicked = next_view(ids.MAP, world, around, click={"points": [{"location": code}]})
        assert country_href(world, code, around) == clicked.search
    assert country_href(world, "WSM", around) == "?country=WSM&field=water&lang=ja"


def test_with_several_countries_the_list_offers_each_alone_even_with_none_matching():
    counts = {"VNM": 15, "KHM": 0, "LAO": 2, "PHL": 4}  # PHL: a project also in Viet Nam
    assert listed_counts("VNM,KHM", counts) == {"VNM": 15, "KHM": 0}
    assert listed_counts("VNM", counts) is None  # one country's map: no list
    assert listed_counts(JAPAN, counts) is None


def test_from_several_countries_a_link_opens_one_alone_as_a_click_on_it_does(boundaries):
    around = Surroundings(TODAY, "en", boundaries, "VNM", frozenset())
    controls = {**default_values(TODAY), "fields": ["water"], "provinces": ["VN-26"]}
    both = ViewState("VNM,KHM", IMPLEMENTED, controls)
    # Viet Nam alone keeps its chosen province; Cambodia has none of it.
    assert country_href(both, "VNM", around) == "?country=VNM&field=water&province=VN-26&lang=en"
    assert country_href(both, "KHM", around) == "?country=KHM&field=water&lang=en"


def test_each_country_is_a_link_with_its_count():
    rows = country_rows({"VNM": 1234, "WSM": 1}, EN.country, lambda code: f"?country={code}")
    items = country_items(rows, EN)
    link = items[0].children
    assert link.href == "?country=VNM"
    assert [span.children for span in link.children] == ["Viet Nam", "1,234"]
    assert link.children[1].title == "1,234 projects"
