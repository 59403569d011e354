"""Figures are pure functions: exact traces from given data."""

import math
from collections import Counter

import pandas as pd
import plotly.graph_objects as go

from dashboard.figures.map import HALO, MapView, fit_view, map_figure
from dashboard.figures.palette import FIELD_COLOURS
from dashboard.i18n import translator
from dashboard.layout.summary import field_bars
from dashboard.settings import Settings

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


def test_one_circle_per_location_coloured_by_field():
    figure = go.Figure(map_figure(VIEW, pd.Series(dtype=int), POINTS))
    # Two traces whatever the fields: a MapLibre layer each. Under the markers, the ring.
    assert [(t.type, t.name) for t in figure.data[1:]] == [
        ("scattermap", HALO),
        ("scattermap", "projects"),
    ]
    halo, markers = figure.data[1:]
    assert (len(halo.lon), halo.hoverinfo, halo.marker.size) == (3, "skip", 14)
    # In vocabulary order of the field (water before health), each coloured by its own.
    assert list(markers.customdata) == ["T1", "T3", "T2"]
    assert list(markers.lon) == list(halo.lon) == [107.4, 105.8, 105.8]
    assert list(markers.marker.color) == [
        FIELD_COLOURS["water"],
        FIELD_COLOURS["water"],
        FIELD_COLOURS["health"],
    ]
    assert markers.mode == "markers"  # text would fetch fonts
    assert markers.hovertext[0] == "<b>&lt;Generated&gt; one</b><br>A<br>FY2003 – FY2005"
    assert markers.hovertext[2] == "<b>Two</b><br>Partner not stated<br>2016-02 – not stated"


def test_offline_style_by_default_and_tiles_only_when_configured():
    offline = go.Figure(map_figure(VIEW, pd.Series(dtype=int), POINTS))
    assert offline.layout.map.style == "white-bg"
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
    assert zoom == 4.62
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
