"""Every trigger of the one owner of the URL, the controls and the selection."""

from __future__ import annotations

from dataclasses import replace

import pytest

from dashboard.ui import ids
from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED
from dashboard.ui.filter_panel.controls import JAPAN, WORLD, default_values
from dashboard.ui.filter_panel.transitions import KEEP, NOTHING, Surroundings, next_view
from dashboard.ui.view_state import ViewState

from .conftest import TODAY


@pytest.fixture(scope="module")
def around(boundaries) -> Surroundings:
    japan = frozenset(p.code for p in boundaries.provinces_of("JPN"))
    return Surroundings(TODAY, "en", boundaries, "VNM", japan)


def viet_nam(**controls: object) -> ViewState:
    return ViewState("VNM", IMPLEMENTED, {**default_values(TODAY), **controls})


def click_province(code: str) -> dict:
    return {"points": [{"location": code}]}


def click_marker(lon: float, lat: float, project: str) -> dict:
    return {"points": [{"lon": lon, "lat": lat, "customdata": project}]}


def test_a_link_sets_the_controls_and_opens_its_selection(around):
    step = next_view(ids.URL, viet_nam(), around, search="?country=LAO&field=water&at=LA-VT")
    assert step.state is not None
    assert (step.state.country, step.state.controls["fields"]) == ("LAO", ["water"])
    assert (step.place, step.detail_open, step.search) == ({"province": "LA-VT"}, True, None)


def test_the_first_load_of_the_page_changes_nothing(around):
    """A first visit's URL is the view the page arrived with: no control changes."""
    assert next_view(None, viet_nam(), around, search="") == NOTHING
    assert next_view(ids.URL, viet_nam(), around, search="?country=VNM&lang=en") == NOTHING


def test_back_to_a_view_without_a_selection_closes_the_panel(around):
    state = replace(viet_nam(), place={"province": "VN-26"})
    step = next_view(ids.URL, state, around, search="?country=VNM&lang=en")
    assert (step.state, step.place, step.detail_open) == (None, None, False)


def test_the_layer_since_2025_in_a_link_is_shown(around):
    step = next_view(ids.URL, viet_nam(), around, search="?country=VNM&layer=current")
    assert step.state is not None and step.state.layer == CURRENT


def test_closing_the_panel_takes_the_selection_out_of_the_link(around):
    state = replace(viet_nam(), place={"province": "VN-26"})
    step = next_view(ids.DETAIL, state, around, detail_open=False)
    assert step.search == "?country=VNM&lang=en"
    assert (step.place, step.detail_open) == (None, False)
    # Opening it, or closing it with nothing selected, changes nothing.
    assert next_view(ids.DETAIL, state, around, detail_open=True) == NOTHING
    assert next_view(ids.DETAIL, viet_nam(), around, detail_open=False) == NOTHING


def test_a_click_on_a_province_or_a_marker_selects_it(around):
    step = next_view(ids.MAP, viet_nam(), around, click=click_province("VN-26"))
    assert (step.search, step.place, step.detail_open) == (
        "?country=VNM&at=VN-26&lang=en",
        {"province": "VN-26"},
        True,
    )
    step = next_view(ids.MAP, viet_nam(), around, click=click_marker(107.58, 16.46, "VN01"))
    assert step.place == {"point": [107.58, 16.46], "project": "VN01"}
    assert step.search == "?country=VNM&project=VN01&lang=en"
    assert next_view(ids.MAP, viet_nam(), around, click=None) == NOTHING


def test_a_click_on_the_world_opens_the_country(around):
    world = ViewState(WORLD, IMPLEMENTED, default_values(TODAY))
    step = next_view(ids.MAP, world, around, click=click_province("LAO"))
    assert step.state is not None and step.state.country == "LAO"
    assert step.search == "?country=LAO&lang=en"
    assert next_view(ids.MAP, world, around, click=click_province("ATA")) == NOTHING


def test_in_japan_a_click_selects_a_prefecture_and_nothing_else(around):
    japan = ViewState(JAPAN, IMPLEMENTED, default_values(TODAY))
    step = next_view(ids.MAP, japan, around, click=click_province("JP-14"))
    assert (step.place, step.search) == ({"province": "JP-14"}, "?view=japan&at=JP-14&lang=en")
    assert next_view(ids.MAP, japan, around, click=click_province("VN-26")) == NOTHING


def test_reset_restores_every_control_and_clears_the_selection(around):
    state = replace(
        viet_nam(fields=["water"], search="hue", budget=[10, 50], keep_budget=[]),
        place={"province": "VN-26"},
    )
    step = next_view(ids.RESET, state, around)
    assert step.state == viet_nam()
    assert (step.search, step.place, step.detail_open) == ("?country=VNM&lang=en", None, False)
    assert next_view(ids.RESET_EMPTY, state, around).state == viet_nam()


def test_another_country_keeps_only_its_own_ticked_provinces(around):
    state = ViewState("LAO", IMPLEMENTED, {**default_values(TODAY), "provinces": ["VN-26"]})
    step = next_view(ids.COUNTRY, state, around)
    assert step.state is not None and step.state.controls["provinces"] == []
    kept = ViewState("VNM", IMPLEMENTED, {**default_values(TODAY), "provinces": ["VN-26"]})
    assert next_view(ids.COUNTRY, kept, around).state.controls["provinces"] == ["VN-26"]


def test_a_filter_change_keeps_the_selection_in_the_link(around):
    state = replace(viet_nam(fields=["water"]), place={"province": "VN-26"})
    step = next_view(ids.FIELD, state, around)
    assert step.search == "?country=VNM&field=water&at=VN-26&lang=en"
    assert (step.state, step.place, step.detail_open) == (None, KEEP, KEEP)


def test_another_layer_drops_the_selection(around):
    state = replace(viet_nam(), layer=CURRENT, place={"province": "VN-26"})
    step = next_view(ids.BOUNDARY_LAYER, state, around)
    assert step.search == "?country=VNM&layer=current&lang=en"
    assert (step.place, step.detail_open) == (None, False)
