"""Several countries on one map, and the chosen provinces outlined on a country's map
(generated records: three in Viet Nam, one in Laos)."""

from __future__ import annotations

from dashboard.data.filters import ProjectFilter
from dashboard.i18n import translator
from dashboard.ui.boundary_layers import COUNTRIES_FILE, CURRENT, IMPLEMENTED, map_file
from dashboard.ui.detail_panel.selection import place_detail
from dashboard.ui.filter_panel.controls import JAPAN, WORLD
from dashboard.ui.map_panel.views import (
    CHOSEN,
    chosen_units,
    drawn_map,
    shown_view,
    union_box,
    with_chosen,
)

from .conftest import TODAY

EN = translator("en")
SIZE = (600, 540)


def select(context, **spec):
    return context.repository.select(ProjectFilter(as_of=TODAY, **spec))


def test_several_countries_are_their_outlines_with_their_sites_fitted_to_all(context):
    store, selection = select(context, country=("VNM", "LAO"))
    shown = drawn_map(context, store, selection, "VNM,LAO", None, EN, SIZE)
    areas, *markers = shown.figure["data"]
    assert areas["locations"] == ["VNM", "LAO"]  # only the countries shown
    assert areas["z"] == [3, 1]  # every project of each
    assert areas["geojson"].endswith(COUNTRIES_FILE)
    drawn = [p for trace in markers for p in trace.get("customdata") or []]
    assert {"T-HUE", "T-QTR", "T-LAO"} <= set(drawn)  # the sites of both countries
    assert shown.unplaced.startswith("1 project here states no site")  # T-VNM
    assert "country outlines" in shown.boundary_note
    assert "a country to open its map" in shown.hint
    assert map_file(context.boundaries, "VNM,LAO", CURRENT) == COUNTRIES_FILE


def test_the_box_around_several_countries_holds_each(context):
    boxes = [context.boundaries.bounds[code] for code in ("KHM", "LAO", "VNM")]
    west, south, east, north = union_box(boxes)
    for w, s, e, n in boxes:
        assert west <= w and south <= s and e <= east and n <= north


def test_a_view_a_map_cannot_draw_is_narrowed_to_what_it_can(context):
    bounds = context.boundaries.bounds
    assert shown_view("KHM,LAO", bounds, "VNM") == "KHM,LAO"
    assert shown_view("KHM,XXX", bounds, "VNM") == "KHM"
    assert shown_view("XXX", bounds, "VNM") == "VNM"
    assert (shown_view(WORLD, bounds, "VNM"), shown_view(JAPAN, bounds, "VNM")) == (WORLD, JAPAN)


def test_a_chosen_province_is_outlined_in_the_layer_drawn(context):
    """Found in the chooser, seen on the map: Thừa Thiên Huế is outlined on the 63, Huế on
    the 34; a chosen unit of the 34 outlines the provinces it was formed from on the 63."""
    boundaries = context.boundaries
    assert chosen_units(boundaries, "VNM", IMPLEMENTED, ("VN-26",)) == ["VN-26"]
    assert chosen_units(boundaries, "VNM", CURRENT, ("VN-26",)) == ["VN-2025-46"]
    assert chosen_units(boundaries, "VNM", IMPLEMENTED, ("VN-2025-48",)) == ["VN-27", "VN-DN"]
    assert chosen_units(boundaries, "VNM", IMPLEMENTED, ("LA-VT",)) == []  # not on this map
    assert chosen_units(boundaries, "VNM,LAO", None, ("VN-26",)) == []  # outlines, no provinces
    store, selection = select(context, province=("VN-26",))
    figure = drawn_map(context, store, selection, "VNM", IMPLEMENTED, EN, SIZE).figure
    outlined = with_chosen(figure, ["VN-26"])
    assert [trace.get("name") for trace in outlined["data"][:2]] == ["Provinces", CHOSEN]
    assert outlined["data"][1]["locations"] == ["VN-26"]
    assert outlined["data"][1]["geojson"] == figure["data"][0]["geojson"]
    assert outlined["data"][2:] == figure["data"][1:]  # the markers stay on top
    assert with_chosen(figure, []) == figure  # none chosen: the map as it was


def test_a_province_since_2025_lists_the_projects_of_those_it_was_formed_from(context):
    store, selection = select(context, province=("VN-2025-46",))
    assert [store.projects[row].id for row in selection.mask.nonzero()[0]] == ["T-HUE"]
    detail = place_detail(context, store, selection, {"province": "VN-2025-46"}, "VNM", EN)
    assert detail is not None and detail.title == "Huế"
    assert [store.projects[row].id for row in detail.rows] == ["T-HUE"]


def test_a_project_selected_in_several_countries_is_found_at_its_site(context):
    store, selection = select(context, country=("VNM", "LAO"))
    detail = place_detail(context, store, selection, {"project": "T-LAO"}, "VNM,LAO", EN)
    assert detail is not None and [store.projects[row].id for row in detail.rows] == ["T-LAO"]
    assert not detail.linked_outside


def test_a_project_card_names_the_unit_its_province_is_part_of_since_2025(boundaries):
    from dashboard.ui.detail_panel.layout import since_2025

    assert since_2025(boundaries, "VN-26", EN) == " (since 1 July 2025: Huế)"
    assert since_2025(boundaries, "VN-27", EN) == " (since 1 July 2025: Da Nang)"  # Quảng Nam
    assert since_2025(boundaries, "VN-DN", EN) == ""  # Da Nang is still Da Nang
    assert since_2025(boundaries, "VN-26", translator("ja")) == "（2025年7月1日以降はフエ）"
    assert since_2025(boundaries, "LA-VT", EN) == since_2025(boundaries, None, EN) == ""
