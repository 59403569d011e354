"""Figures are pure functions: exact traces from given data."""

import math
from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import (
    COUNTS,
    FIT_PADDING_PX,
    HALO,
    LABELS,
    OFFLINE_STYLE,
    ONGOING_LOOK,
    OTHER_LOOK,
    TARGET_SIZE,
    TARGETS,
    MapView,
    count_disc,
    fit_view,
    map_figure,
    marker_look,
    site_look,
)
from dashboard.figures.palette import FIELD_COLOURS
from dashboard.i18n import translator
from dashboard.settings import Settings
from dashboard.ui.summary_panel.layout import field_bars

VIEW = MapView(
    geojson_url="/geodata/boundaries/admin1/VNM.geojson",
    bounds=(102.11866, 8.56558, 109.47242, 23.36628),
    province_codes=["VN-26", "VN-HN", "VN-SG"],
    province_names=["Thừa Thiên Huế", "Hà Nội", "Hồ Chí Minh"],
    revision="VNM",
)
POINTS = pd.DataFrame(
    {
        "project_id": ["T1", "T2", "T3"],
        "lon": [107.4, 105.8, 105.8],
        "lat": [16.4, 21.0, 21.0],
        "field": ["water", "health", "water"],
        "title": ["<Generated> one", "Two", "Three"],
        "partners": ["A", "", "C"],
        "period": ["FY2003 – FY2005", "2016-02 – not stated", "not stated – not stated"],
        "place": [None, None, None],
    }
)


def test_boundaries_are_referenced_by_url_not_embedded():
    figure = go.Figure(map_figure(VIEW, pd.Series({"VN-26": 2, "VN-HN": 5}), POINTS))
    regions = figure.data[0]
    assert regions.type == "choroplethmap"
    assert regions.geojson == "/geodata/boundaries/admin1/VNM.geojson"
    assert list(regions.locations) == ["VN-26", "VN-HN", "VN-SG"]
    assert list(regions.z) == [2, 5, 0]
    assert len(figure.to_json()) < 20_000


def traces(figure: go.Figure) -> dict[str, object]:
    return {trace.name: trace for trace in figure.data[1:]}


def test_one_circle_per_site_coloured_by_field_and_a_stack_says_how_many():
    figure = go.Figure(map_figure(VIEW, pd.Series(dtype=int), POINTS))
    # Five traces whatever the fields: a MapLibre layer each. The areas' names, then the
    # ring under the markers, the markers, the numbers on stacked sites, and on top the
    # invisible targets that hover and clicks read.
    assert [(t.type, t.name) for t in figure.data[1:]] == [
        ("scattermap", LABELS),
        ("scattermap", HALO),
        ("scattermap", "projects"),
        ("scattermap", COUNTS),
        ("scattermap", TARGETS),
    ]
    shown = traces(figure)
    halo, markers, counts, targets = (shown[n] for n in (HALO, "projects", COUNTS, TARGETS))
    assert markers.hoverinfo == "skip" and targets.marker.opacity == 0
    # One small size for every target: the nearest centre wins the hover, not the smallest
    # circle under the pointer.
    assert targets.marker.size == TARGET_SIZE and list(targets.lon) == list(markers.lon)
    # T2 and T3 share a point: one circle (a stack), drawn after the single T1.
    assert (len(halo.lon), halo.hoverinfo) == (2, "skip")
    assert list(halo.marker.size) == [OTHER_LOOK.ring, site_look(2, 0).ring]
    assert list(targets.customdata) == ["T1", None]  # a stack is read by its point
    assert list(markers.lon) == list(halo.lon) == [107.4, 105.8]
    # A stack's colour: its most common field, a tie in vocabulary order (water, health).
    assert list(markers.marker.color) == [FIELD_COLOURS["water"]] * 2
    assert markers.mode == "markers"
    assert targets.hovertext[0] == "<b>&lt;Generated&gt; one</b><br>A<br>FY2003 – FY2005"
    assert targets.hovertext[1] == "2 projects here<br>• Two<br>• Three"
    # The number on the stack, on a white disc; hover and clicks go to the circle under it.
    assert (list(counts.lon), list(counts.text), counts.hoverinfo) == ([105.8], ["2"], "skip")
    assert list(counts.marker.size) == [count_disc(site_look(2, 0))]
    assert counts.textposition == "middle center"


def test_status_picks_the_look_of_a_marker_not_by_colour_alone():
    for status in ("completed", "planned", "unknown", "cancelled", None):
        assert marker_look(status) == OTHER_LOOK
    assert marker_look("ongoing") == ONGOING_LOOK
    # Bigger, more opaque, in a wider and darker ring: readable without the colours.
    assert ONGOING_LOOK.size > OTHER_LOOK.size and ONGOING_LOOK.opacity > OTHER_LOOK.opacity
    assert ONGOING_LOOK.ring - ONGOING_LOOK.size > OTHER_LOOK.ring - OTHER_LOOK.size
    assert ONGOING_LOOK.ring_colour != OTHER_LOOK.ring_colour
    # A site looks ongoing when any of its projects is; it still grows with its projects.
    assert site_look(5, 1).ring_colour == ONGOING_LOOK.ring_colour
    assert site_look(5, 0).ring_colour == OTHER_LOOK.ring_colour
    assert site_look(100, 0).size > site_look(1, 0).size


def test_ongoing_markers_are_drawn_distinct_and_on_top():
    points = POINTS.assign(status=["completed", "ongoing", "unknown"], lat=[16.4, 21.0, 21.5])
    figure = go.Figure(map_figure(VIEW, pd.Series(dtype=int), points))
    halo, markers, targets = (traces(figure)[name] for name in (HALO, "projects", TARGETS))
    assert list(targets.customdata) == ["T1", "T3", "T2"]  # the ongoing T2 last: on top
    assert list(markers.marker.size) == [OTHER_LOOK.size] * 2 + [ONGOING_LOOK.size]
    assert list(halo.marker.size) == [OTHER_LOOK.ring] * 2 + [ONGOING_LOOK.ring]
    assert list(halo.marker.color) == [OTHER_LOOK.ring_colour] * 2 + [ONGOING_LOOK.ring_colour]
    assert list(markers.marker.opacity) == [OTHER_LOOK.opacity] * 2 + [ONGOING_LOOK.opacity]
    assert markers.marker.symbol is None  # plain circles: other symbols fetch icons
    assert targets.hovertext[2].endswith("2016-02 – not stated · Ongoing")


def test_offline_style_by_default_and_tiles_only_when_configured():
    offline = go.Figure(map_figure(VIEW, pd.Series(dtype=int), POINTS))
    # plotly's white background with no glyph server: the browser draws text itself.
    assert offline.layout.map.style == OFFLINE_STYLE
    assert "glyphs" not in OFFLINE_STYLE and "http" not in str(OFFLINE_STYLE)

    # plotly prunes empty containers when it updates a figure: a style with one (an empty
    # "sources") would become invalid and the map would stop following the page.
    def empties(value: object) -> list[object]:
        if isinstance(value, dict):
            return [value] if not value else [e for v in value.values() for e in empties(v)]
        if isinstance(value, list):
            return [value] if not value else [e for v in value for e in empties(v)]
        return []

    assert empties(OFFLINE_STYLE) == [] and OFFLINE_STYLE["sources"]
    assert not offline.layout.map.layers
    tiled_view = MapView(
        **{**VIEW.__dict__, "tile_url": "https://tiles.example.org/{z}/{x}/{y}.png"}
    )
    tiled = go.Figure(map_figure(tiled_view, pd.Series(dtype=int), POINTS))
    assert list(tiled.layout.map.layers[0].source) == ["https://tiles.example.org/{z}/{x}/{y}.png"]


def test_fit_view_shows_the_whole_box():
    centre, zoom = fit_view((102.11866, 8.56558, 109.47242, 23.36628))
    assert math.isclose(centre["lon"], 105.79554)
    assert 15.5 < centre["lat"] < 16.5  # Mercator middle, north of the arithmetic mean
    assert zoom == 4.53  # with FIT_PADDING_PX on each side (4.62 edge to edge)
    # The box's ends keep that room: Viet Nam's north and south at 600x540.
    world_px = 512 * 2**zoom
    height = (
        math.log(math.tan(math.pi / 4 + math.radians(23.36628) / 2))
        - math.log(math.tan(math.pi / 4 + math.radians(8.56558) / 2))
    ) / (2 * math.pi)
    assert height * world_px <= 540 - 2 * FIT_PADDING_PX
    centre, _ = fit_view((174.58888, -21.71111, 181.78386, -12.47527))  # Fiji
    assert math.isclose(centre["lon"], 178.18637)


def _text(component: object) -> str:
    if isinstance(component, str | int):
        return str(component)
    children = getattr(component, "children", None)
    if isinstance(children, list):
        return "".join(_text(child) for child in children)
    return _text(children) if children is not None else ""


def test_field_bars_in_vocabulary_order_with_their_numbers():
    bars = field_bars(Counter({"health": 3, "water": 6, "education": 0}), translator("en"))
    rows = bars.children
    assert [row.__dict__["data-field"] for row in rows] == ["water", "health"]
    assert [_text(row) for row in rows] == ["Water supply & sanitation6", "Health & medical care3"]
    fills = [row.children[1].children[0] for row in rows]
    assert [fill.style["width"] for fill in fills] == ["100.0%", "50.0%"]
    assert fills[0].style["backgroundColor"] == FIELD_COLOURS["water"]
    assert all(fill.__dict__["aria-hidden"] == "true" for fill in fills)  # the number says it
    ja = field_bars(Counter({"water": 1234}), translator("ja"))
    assert _text(ja.children[0]) == "水・衛生1,234"
    assert field_bars(Counter(), translator("en")).children == []


def test_settings_from_environment():
    settings = Settings.from_env(
        {"JPP_DEFAULT_COUNTRY": "lao", "JPP_TILE_URL": "https://t.example.org/{z}/{x}/{y}.png"}
    )
    assert settings.default_country == "LAO"
    assert settings.tile_url == "https://t.example.org/{z}/{x}/{y}.png"
    assert Settings.from_env({}).tile_url is None
