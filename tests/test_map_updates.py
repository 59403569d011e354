"""A filter change sends only what it changes on the map the browser already draws."""

from __future__ import annotations

import json

import pytest

from dashboard.app import create_app
from dashboard.settings import Settings
from dashboard.ui import ids
from dashboard.ui.map_panel.callbacks import figure_or_patch
from dashboard.ui.map_panel.views import drawn_key

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
            "locations": ["VN-26", "VN-HN"],
            "text": ["Huế", "Hà Nội"],
            "z": [3, 0],
            "zmax": 3,
            "colorbar": {"title": {"text": "Projects"}, "dtick": 1},
        },
        {"type": "scattermap", "name": "marker outline", "lon": [107.6], "lat": [16.4]},
        {"type": "scattermap", "name": "projects", "lon": [107.6], "lat": [16.4]},
    ],
    "layout": {"uirevision": "VNM/implemented/600x540", "map": {"zoom": 4.6}},
}


def operations(patch: object) -> list[tuple[str, tuple, object]]:
    update = patch.to_plotly_json()  # type: ignore[attr-defined]
    assert update["__dash_patch_update"] == "__dash_patch_update"
    return [
        (op["operation"], tuple(op["location"]), op["params"]["value"])
        for op in update["operations"]
    ]


KEY = drawn_key(FIGURE, "en")


def test_a_new_map_is_sent_whole_and_named():
    figure, key = figure_or_patch(FIGURE, "en", None)
    assert figure is FIGURE
    assert key == KEY and KEY.startswith("VNM/implemented/600x540|en|3|")
    renamed = json.loads(json.dumps(FIGURE))
    renamed["data"][0]["text"][0] = "Thừa Thiên Huế"  # another name (a new import, say)
    assert drawn_key(renamed, "en") != KEY
    for other in ("VNM/current/600x540|en|3", KEY.replace("|en|", "|ja|"), 7):
        assert figure_or_patch(FIGURE, "en", other)[0] is FIGURE
    assert figure_or_patch(renamed, "en", KEY)[0] is renamed


def test_the_same_map_gets_its_counts_and_markers_only():
    patch, key = figure_or_patch(FIGURE, "en", KEY)
    assert key == KEY
    assert operations(patch) == [
        ("Assign", ("data", 0, "z"), [3, 0]),
        ("Assign", ("data", 0, "zmax"), 3),
        ("Assign", ("data", 0, "colorbar", "dtick"), 1),
        ("Assign", ("data", 1), FIGURE["data"][1]),
        ("Assign", ("data", 2), FIGURE["data"][2]),
    ]


def _set(body: dict, component: str, value: object, where: str = "inputs") -> dict:
    body = json.loads(json.dumps(body))
    for item in body[where]:
        if item["id"] == component:
            item["value"] = value
    return body


def test_through_the_callback_a_filter_change_is_a_patch_and_a_new_country_is_not(app, client):
    output = update_view_output(app)
    first_body = valid_body(app, output)
    first = post(client, first_body).json["response"]
    drawn = first[ids.MAP_DRAWN]["data"]
    assert drawn.startswith("VNM/implemented/") and "|en|3|" in drawn
    full = first[ids.MAP]["figure"]
    assert len(full["data"][0]["locations"]) == 63

    water = _set(_set(first_body, ids.FIELD, ["water"]), ids.MAP_DRAWN, drawn, "state")
    answer = post(client, water)
    patched = answer.json["response"][ids.MAP]["figure"]
    assert patched["__dash_patch_update"] == "__dash_patch_update"
    z = next(op for op in patched["operations"] if op["location"] == ["data", 0, "z"])
    assert sum(z["params"]["value"]) < sum(full["data"][0]["z"])
    assert "locations" not in json.dumps(patched)  # the provinces' codes are not sent again
    assert len(json.dumps(patched)) < len(json.dumps(full))
    assert answer.json["response"][ids.MAP_DRAWN]["data"] == drawn

    laos = _set(water, ids.COUNTRY, ["LAO"])
    other = post(client, laos).json["response"]
    assert other[ids.MAP]["figure"]["data"][0]["locations"][0].startswith("LA-")
    assert other[ids.MAP_DRAWN]["data"].startswith("LAO/")
