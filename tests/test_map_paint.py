"""The map split into what plotly.js draws once per map and what a filter change paints
(figures/map_paint.py): rules the page's own layers (assets/map-paint.js) draw by."""

from __future__ import annotations

import json

import pytest

from dashboard import REPO_ROOT
from dashboard.figures.map import COUNTS, HALO, LABELS, MARKERS, TARGETS
from dashboard.figures.map_paint import (
    NO_FILL,
    NUMBERS_KEPT,
    SITE_FIELDS,
    base_figure,
    every_number,
    figure_points,
    map_key,
    map_paint,
    promoted_property,
    stack_sizes,
    with_figure_points,
)
from dashboard.figures.palette import count_scale
from dashboard.figures.svg_map import colour_bar

HUE, HANOI, DANANG = (107.6, 16.4), (105.8, 21.0), (108.2, 16.05)


def scatter(name: str, points: list[tuple[float, float]], **extra: object) -> dict:
    lons, lats = zip(*points, strict=True) if points else ((), ())
    return {"type": "scattermap", "name": name, "lon": list(lons), "lat": list(lats), **extra}


def figure(z: tuple[int, int] = (3, 0), chosen: tuple[str, ...] = ()) -> dict:
    areas = {
        "type": "choroplethmap",
        "geojson": "/geodata/boundaries/admin1/VNM.geojson",
        "featureidkey": "properties.code",
        "locations": ["VN-26", "VN-HN"],
        "text": ["Huế", "Hà Nội"],
        "hovertext": [f"<b>Huế</b><br>{z[0]} projects", f"<b>Hà Nội</b><br>{z[1]} projects"],
        "z": list(z),
        "zmin": 0,
        "zmax": max(max(z), 1),
        "colorscale": [[0.0, "rgba(0,0,0,0)"], [0.001, "#f4f6f8"], [1.0, "#08306b"]],
        "marker": {"line": {"width": 0.6, "color": "#7f8c8d"}, "opacity": 0.85},
        "colorbar": {"title": {"text": "Projects"}, "dtick": 1, "thickness": 12, "len": 0.5},
    }
    data = [areas, scatter(LABELS, [HUE], mode="text", text=["Huế"])]
    if chosen:
        outline = {**areas, "locations": list(chosen), "marker": {"line": {"width": 3.5}}}
        data.append(outline)
    data += [
        scatter(HALO, [HUE, HANOI], marker={"size": [26, 15], "color": ["#111", "#fff"]}),
        scatter(MARKERS, [HUE, HANOI], marker={"size": [22, 11], "color": ["#a00", "#0a0"]}),
        scatter(COUNTS, [HUE], mode="markers+text", text=["3"], marker={"size": [14]}),
        scatter(TARGETS, [HUE, HANOI], hovertext=["Huế: 3", "one"], customdata=[None, "VN02"]),
    ]
    return {"data": data, "layout": {"uirevision": "VNM/implemented/600x540"}}


def test_plotly_draws_the_names_only_and_every_map_has_a_trace():
    base = base_figure(figure())
    assert [t["name"] for t in base["data"]] == [LABELS]
    assert base["data"][0]["hoverinfo"] == "skip"
    assert base["layout"] == figure()["layout"]
    nameless = base_figure({"data": [figure()["data"][0]], "layout": {}})
    assert nameless["data"][0]["lon"] == [] and nameless["data"][0]["mode"] == "text"


def test_a_new_map_is_given_its_areas_and_every_site_once():
    every = [DANANG, HUE, HANOI]  # the view's sites with no filter: Đà Nẵng has none now
    points = with_figure_points(every, figure())
    assert points == every  # none missing: the map's points as they were
    paint = map_paint(figure(), (600, 540), "k", points)
    assert paint["base"]["points"] == [list(p) for p in every]
    assert paint["base"]["areas"]["codes"] == ["VN-26", "VN-HN"]
    assert paint["base"]["areas"]["promote"] == "code"
    assert "base" not in map_paint(figure(), (600, 540), "k", points, new_map=False)
    # a site the unfiltered map lacks is added after the others: another map for the browser
    extra = with_figure_points([HUE], figure())
    assert extra == [HUE, HANOI] and map_key("d", extra) != map_key("d", [HUE])


def test_each_site_is_painted_from_its_traces_by_their_roles():
    paint = map_paint(figure(), (600, 540), "k", [DANANG, HUE, HANOI])
    sites = {row[0]: dict(zip(SITE_FIELDS, row, strict=True)) for row in paint["sites"]}
    assert set(sites) == {1, 2}  # Đà Nẵng (0) is not shown: no paint for it
    hue, hanoi = sites[1], sites[2]
    assert (hue["ring"], hue["ring_colour"], hue["size"], hue["colour"]) == (26, "#111", 22, "#a00")
    assert (hue["disc"], hue["number"], hue["hover"], hue["click"]) == (14, "3", "Huế: 3", None)
    assert (hanoi["disc"], hanoi["number"], hanoi["click"]) == (0, "", "VN02")


def test_areas_are_shaded_as_the_first_views_svg_and_the_chosen_outlined():
    paint = map_paint(figure((3, 0), chosen=("VN-HN",)), (600, 540), "k", [HUE, HANOI])
    areas = paint["areas"]
    assert areas["counts"] == [3, 0]
    assert areas["colours"] == ["#08306b", NO_FILL]  # none: not shaded, as in the SVG
    assert areas["hovers"][0] == "<b>Huế</b><br>3 projects"
    assert areas["chosen"] == ["VN-HN"] and areas["chosen_line"][0] == 3.5
    assert paint["bar"].startswith('<g class="first-view-scale"') and ">Projects<" in paint["bar"]


def test_a_figure_with_no_areas_paints_sites_only():
    only_sites = {"data": figure()["data"][1:], "layout": {}}
    paint = map_paint(only_sites, (600, 540), "k", figure_points(only_sites))
    assert paint["areas"] is None and paint["base"]["areas"] is None and paint["bar"] == ""


@pytest.mark.parametrize("name", ["world.geojson", "countries.geojson"])
def test_the_worlds_outlines_are_named_by_a_property_maplibre_can_promote(name):
    """Feature state needs each area's code as a property: the outlines carry it as their
    id, which is their adm0_a3 in every feature."""
    assert promoted_property("id") == "adm0_a3"
    assert promoted_property("properties.code") == "code"
    path = REPO_ROOT / "geodata" / "boundaries" / name
    features = json.loads(path.read_text())["features"]
    assert all(f["id"] == f["properties"]["adm0_a3"] for f in features)


def test_a_phones_world_map_has_its_colour_bar_across_its_foot():
    trace = {
        "z": [1, 56],
        "zmin": 0,
        "zmax": 56,
        "colorscale": count_scale(56),
        "colorbar": {
            "title": {"text": "Projects"},
            "thickness": 12,
            "dtick": 12,
            "orientation": "h",
            "x": 0.5,
            "xanchor": "center",
            "y": 0.02,
            "len": 0.7,
        },
    }
    bar = colour_bar(trace, (360, 480))
    assert ">Projects<" in bar and 'text-anchor="middle">48<' in bar
    assert 'width="232.0" height="12"' in bar  # 0.7 of the map's width, less its padding


def test_every_number_a_stack_can_show_is_given_once_per_map():
    """Hà Nội has 3 projects with no filter: a filter may leave it 2 or 3 (1 is no stack)."""
    sizes = stack_sizes(figure())
    assert sizes == {HUE: 3}
    numbers = every_number([HANOI, HUE], {**sizes, HANOI: 1}, str)
    assert numbers == [[1, "2"], [1, "3"]]
    assert every_number([HUE], {HUE: NUMBERS_KEPT + 2}, str) == []  # too many: sent each time
    paint = map_paint(figure(), (600, 540), "k", [HUE, HANOI], numbers=numbers)
    assert paint["base"]["numbers"] == numbers
    dotted = {"data": [scatter(COUNTS, [HUE], text=["1.234"])], "layout": {}}
    assert stack_sizes(dotted) == {HUE: 1234}  # Vietnamese digits' grouping
