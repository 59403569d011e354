"""A filter change sends only what it changes on the map the browser already draws: no
figure, only the paint that the page's own layers set (figures/map_paint.py)."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.map_panel.callbacks import map_outputs

from .test_security import post, update_view_output, valid_body


@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


@pytest.fixture
def client(app):
    return app.server.test_client()


FIGURE = {
    "data": [
        {
            "type": "choroplethmap",
            "geojson": "/geodata/boundaries/admin1/VNM.geojson",
            "featureidkey": "properties.code",
            "locations": ["VN-26", "VN-HN"],
            "text": ["Huế", "Hà Nội"],
            "hovertext": ["<b>Huế</b><br>3 projects", "<b>Hà Nội</b><br>0 projects"],
            "z": [3, 0],
            "zmax": 3,
            "colorscale": [[0.0, "#f4f6f8"], [1.0, "#08306b"]],
            "colorbar": {"title": {"text": "Projects"}, "dtick": 1},
        },
        {"type": "scattermap", "name": "names", "text": ["Huế"], "lon": [107.6], "lat": [16.4]},
        {"type": "scattermap", "name": "marker outline", "lon": [107.6], "lat": [16.4]},
        {"type": "scattermap", "name": "projects", "lon": [107.6], "lat": [16.4]},
        {"type": "scattermap", "name": "counts", "lon": [], "lat": []},
    ],
    "layout": {"uirevision": "VNM/implemented/600x540", "map": {"zoom": 4.6}},
}
SIZE = (600, 540)
EVERY = ([(107.6, 16.4), (105.8, 21.0)], {})


def test_a_new_map_is_sent_as_its_base_with_the_whole_paint():
    figure, paint, key = map_outputs(FIGURE, "en", None, SIZE, EVERY)
    assert key.startswith("VNM/implemented/600x540|en|")
    assert [trace["name"] for trace in figure["data"]] == ["names"]  # plotly.js: names only
    assert figure["layout"]["meta"] == {"paint": key}
    assert paint["map"] == key
    assert paint["base"]["points"] == [[107.6, 16.4], [105.8, 21.0]]
    assert paint["base"]["areas"]["codes"] == ["VN-26", "VN-HN"]
    renamed = json.loads(json.dumps(FIGURE))
    renamed["data"][0]["text"][0] = "Thừa Thiên Huế"  # another name (a new import, say)
    assert map_outputs(renamed, "en", key, SIZE, EVERY)[2] != key
    assert map_outputs(FIGURE, "ja", key, SIZE, EVERY)[2] != key
    moved = map_outputs(FIGURE, "en", key, SIZE, ([(100.0, 10.0), *EVERY[0]], {}))  # re-imported
    assert moved[2] != key and "base" in moved[1]


def test_the_same_map_gets_its_paint_only():
    """No figure and no base: the areas' colours and hovers and the sites' looks."""
    key = map_outputs(FIGURE, "en", None, SIZE, EVERY)[2]
    figure, paint, again = map_outputs(FIGURE, "en", key, SIZE, EVERY)
    assert again == key
    assert figure is not None and not isinstance(figure, dict)  # no_update
    assert "base" not in paint
    assert paint["areas"]["colours"] == ["#08306b", "#f4f6f8"]
    assert [site[0] for site in paint["sites"]] == [0]  # Huế's site, by its point's index


def _set(body: dict, component: str, value: object, where: str = "inputs") -> dict:
    body = json.loads(json.dumps(body))
    for item in body[where]:
        if item["id"] == component:
            item["value"] = value
    return body


def test_through_the_callback_a_filter_change_is_a_paint_and_a_new_country_is_not(app, client):
    output = update_view_output(app)
    first_body = valid_body(app, output)
    first = post(client, first_body).json["response"]
    drawn = first[ids.MAP_DRAWN]["data"]
    assert drawn.startswith("VNM/implemented/")
    full = first[ids.MAP_PAINT]["data"]
    assert len(full["base"]["areas"]["codes"]) == 63
    assert first[ids.MAP]["figure"]["layout"]["meta"] == {"paint": drawn}

    water = _set(_set(first_body, ids.FIELD, ["water"]), ids.MAP_DRAWN, drawn, "state")
    answer = post(client, water).json["response"]
    assert ids.MAP not in answer  # the figure stays as the browser has it
    paint = answer[ids.MAP_PAINT]["data"]
    assert "base" not in paint  # neither the provinces' codes nor the sites' points again
    assert len(paint["sites"]) < len(full["sites"])
    assert len(json.dumps(paint)) < len(json.dumps(full))
    assert answer[ids.MAP_DRAWN]["data"] == drawn

    laos = _set(water, ids.COUNTRY, ["LAO"])
    other = post(client, laos).json["response"]
    assert other[ids.MAP_PAINT]["data"]["base"]["areas"]["codes"][0].startswith("LA-")
    assert other[ids.MAP_DRAWN]["data"].startswith("LAO/")
