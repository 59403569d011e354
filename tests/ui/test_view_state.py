"""The page's state and its URL, both ways: a link restores the view it was copied from."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.ui.boundary_layers import CURRENT, IMPLEMENTED, units_in_layer
from dashboard.ui.filter_panel.controls import (
    BUDGET_MAX_M,
    DURATION_MAX_MONTHS,
    FIRST_YEAR,
    JAPAN,
    WORLD,
    default_values,
)
from dashboard.ui.view_state import ViewState, view_from_query, view_query

TODAY = date(2026, 12, 6)
FIELDS = ["water", "health", "education"]


def pair(low: int, high: int) -> st.SearchStrategy[list[int]]:
    return st.tuples(st.integers(low, high), st.integers(low, high)).map(sorted).map(list)


CONTROLS = st.fixed_dictionaries(
    {
        "search": st.sampled_from(["", "hue", "水道", "Yokohama water"]),
        "fields": st.lists(st.sampled_from(FIELDS), unique=True).map(sorted),
        "partner_types": st.lists(st.sampled_from(["ngo", "university"]), unique=True).map(sorted),
        "schemes": st.just([]),
        "statuses": st.lists(st.sampled_from(["ongoing", "completed"]), unique=True).map(sorted),
        "as_of": st.sampled_from([TODAY.isoformat(), "2020-04-01"]),
        "budget": pair(0, BUDGET_MAX_M),
        "duration": pair(0, DURATION_MAX_MONTHS),
        "start_years": pair(FIRST_YEAR, TODAY.year),
        # Each range's own "keep projects whose value is not stated" box, beside its slider.
        "keep_budget": st.sampled_from([[], ["budget"]]),
        "keep_duration": st.sampled_from([[], ["duration"]]),
        "keep_start": st.sampled_from([[], ["start"]]),
        "provinces": st.sampled_from([[], ["VN-26"], ["VN-25", "VN-26"]]),
    }
)
PLACES = st.sampled_from([None, {"province": "VN-26"}, {"project": "VN03"}])


@settings(max_examples=150, deadline=None)
@given(
    controls=CONTROLS,
    layer=st.sampled_from([IMPLEMENTED, CURRENT]),
    place=PLACES,
    lang=st.sampled_from(["en", "ja", "vi"]),
)
def test_a_country_view_reads_back_from_its_url(boundaries, controls, layer, place, lang):
    # The province chooser offers the units of the layer drawn (a 2025 code on the 34).
    provinces = units_in_layer(boundaries, controls["provinces"], layer)
    state = ViewState("VNM", layer, {**controls, "provinces": provinces}, place)
    query = view_query(state, TODAY, lang)
    assert f"lang={lang}" in query
    assert view_from_query(query, TODAY, boundaries, "LAO") == state


@settings(max_examples=50, deadline=None)
@given(controls=CONTROLS, country=st.sampled_from([WORLD, JAPAN]))
def test_the_overviews_read_back_from_their_urls(boundaries, controls, country):
    state = ViewState(country, IMPLEMENTED, {**controls, "provinces": []}, None)
    query = view_query(state, TODAY, "en")
    assert view_from_query(query, TODAY, boundaries, "VNM") == state


def test_the_layer_since_2025_is_in_the_link(boundaries):
    state = ViewState("VNM", CURRENT, default_values(TODAY))
    assert "layer=current" in view_query(state, TODAY, "en")
    view = view_from_query("?country=VNM&layer=current", TODAY, boundaries, "VNM")
    assert view is not None and view.layer == CURRENT
    view = view_from_query("?country=VNM&layer=nonsense", TODAY, boundaries, "VNM")
    assert view is not None and view.layer == IMPLEMENTED


def test_today_stays_today_in_a_link():
    """A link copied today and opened next month shows next month's statuses."""
    query = view_query(ViewState("VNM", IMPLEMENTED, default_values(TODAY)), TODAY, "en")
    assert "as_of" not in query
    assert query == "country=VNM&lang=en"


def test_an_unreadable_query_keeps_what_it_can(boundaries):
    view = view_from_query("?country=ZZZ&field=nonsense&utm_source=x", TODAY, boundaries, "LAO")
    assert view is not None
    assert (view.country, view.controls["fields"]) == ("LAO", [])


# --- several countries, and the provinces since 2025 ---------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    controls=CONTROLS,
    countries=st.sampled_from(["KHM,LAO", "LAO,KHM", "VNM,LAO", "KHM,LAO,VNM"]),
    place=st.sampled_from([None, {"province": "LA-VT"}, {"project": "LA01"}]),
)
def test_several_countries_read_back_from_their_url(boundaries, controls, countries, place):
    """A link never claims more than it shows: the view a URL names is the view written."""
    state = ViewState(countries, IMPLEMENTED, {**controls, "provinces": []}, place)
    query = view_query(state, TODAY, "en")
    for code in countries.split(","):
        assert f"country={code}" in query
    assert view_from_query(query, TODAY, boundaries, "VNM") == state


def test_the_api_s_comma_list_of_countries_is_one_view_of_all_of_them(boundaries):
    view = view_from_query("?country=KHM,LAO", TODAY, boundaries, "VNM")
    assert view is not None and view.country == "KHM,LAO"
    # A value that is no partner country drops the parameter, as any unreadable one.
    view = view_from_query("?country=KHM,JPN&field=water", TODAY, boundaries, "VNM")
    assert view is not None and (view.country, view.controls["fields"]) == ("VNM", ["water"])


def test_a_province_since_2025_reads_back_from_its_url(boundaries):
    controls = {**default_values(TODAY), "provinces": ["VN-2025-46", "VN-2025-48"]}
    state = ViewState("VNM", CURRENT, controls)
    query = view_query(state, TODAY, "ja")
    assert "province=VN-2025-46" in query and "layer=current" in query
    assert view_from_query(query, TODAY, boundaries, "LAO") == state
    # Selected on the map of the 34 too.
    view = view_from_query("?country=VNM&layer=current&at=VN-2025-46", TODAY, boundaries, "LAO")
    assert view is not None and view.place == {"province": "VN-2025-46"}


def test_a_province_of_the_other_layer_in_a_link_is_read_in_the_layer_drawn(boundaries):
    """A link never claims more than it shows: Huế of the 34 on the 63 is Thừa Thiên Huế
    (the same projects, a choice the chooser offers), and back."""
    on_63 = view_from_query("?country=VNM&province=VN-2025-46", TODAY, boundaries, "VNM")
    assert on_63 is not None and on_63.controls["provinces"] == ["VN-26"]
    on_34 = view_from_query("?country=VNM&province=VN-26&layer=current", TODAY, boundaries, "VNM")
    assert on_34 is not None and on_34.controls["provinces"] == ["VN-2025-46"]
