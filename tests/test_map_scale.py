"""Many projects: one marker per site with its count, and the store's derived data."""

from dataclasses import replace
from datetime import date

import pandas as pd

from dashboard.data.filters import ProjectFilter, select, statuses_as_of
from dashboard.data.model import Location
from dashboard.data.summaries import MARKER_LIMIT, map_points, projects_at, summarise

from .factories import fake_project, fake_store

HUE = Location(country="VNM", admin1="VN-26", precision=2, lon=107.58, lat=16.46, place="Hue")
HANOI = Location(country="VNM", admin1="VN-HN", precision=4, lon=105.8, lat=21.0)
VN_WIDE = Location(country="VNM", admin1=None, precision=6, lon=106.0, lat=16.0)


def at(project, *locations):
    return replace(project, locations=locations)


def store():
    return fake_store(
        at(fake_project("A", fields=("water",)), HUE),
        at(fake_project("B", fields=("health", "water")), HUE, HANOI),
        at(fake_project("C", fields=("water",), start="2020-01", end="2021-12"), HUE),
        at(fake_project("D", fields=()), HANOI),
        at(fake_project("E"), VN_WIDE),
    )


def test_below_the_limit_one_marker_per_project_and_site():
    data = store()
    points = map_points(data, select(data, ProjectFilter()), "VNM")
    assert MARKER_LIMIT == 500
    assert sorted(points["project_id"]) == ["A", "B", "B", "C", "D"]
    assert "projects" not in points


def test_above_the_limit_one_marker_per_site_with_its_count_and_fields():
    data = store()
    selection = select(data, ProjectFilter(as_of=date(2021, 1, 1)))  # C is ongoing then
    sites = map_points(data, selection, "VNM", limit=4)
    assert sites.to_dict("records") == [
        {
            "lon": 105.8,
            "lat": 21.0,
            "projects": 2,
            "field": "health",  # a tie: the vocabulary's order decides
            "fields": (("health", 1), (None, 1)),
            "place": None,
            "ongoing": 0,
        },
        {
            "lon": 107.58,
            "lat": 16.46,
            "projects": 3,
            "field": "water",
            "fields": (("water", 2), ("health", 1)),  # a project counts under its first field
            "place": "Hue",
            "ongoing": 1,  # of its projects, ongoing on the "as of" date: drawn as ongoing
        },
    ]
    # A click on a site lists exactly the projects it counts.
    assert [data.projects[r].id for r in projects_at(data, selection, point=(107.58, 16.46))] == [
        "A",
        "B",
        "C",
    ]


def test_summary_and_statuses_computed_from_columns_match_the_records():
    data = fake_store(
        fake_project("A", budget=30_000_000, fields=("water", "health"), start="2020-01"),
        fake_project("B", budget=20_000_000, fields=("health",), start="2030-01"),
        fake_project("C", fields=("water",)),
    )
    selection = select(data, ProjectFilter(as_of=date(2026, 1, 1)))
    summary = summarise(data, selection)
    assert (summary.count, summary.budget_total_yen, summary.with_budget) == (3, 50_000_000, 2)
    assert dict(summary.field_counts) == {"water": 2, "health": 2}
    statuses = statuses_as_of(data, date(2026, 1, 1))
    assert statuses is selection.statuses  # derived once per store and date
    assert list(statuses) == ["completed", "planned", "unknown"]
    assert data.project("B").id == "B" and data.project("Z") is None


def test_sites_drawn_sized_by_their_count_with_the_fields_on_hover():
    import plotly.graph_objects as go

    from dashboard.figures.map import HALO, MapView, map_figure
    from dashboard.figures.palette import FIELD_COLOURS

    data = store()
    sites = map_points(data, select(data, ProjectFilter(as_of=date(2021, 1, 1))), "VNM", limit=4)
    view = MapView(
        geojson_url="/geodata/boundaries/admin1/VNM.geojson",
        bounds=(102.11866, 8.56558, 109.47242, 23.36628),
        province_codes=["VN-26", "VN-HN"],
        province_names=["Thừa Thiên Huế", "Hà Nội"],
        revision="VNM",
    )
    figure = go.Figure(map_figure(view, pd.Series({"VN-26": 3, "VN-HN": 2}), sites))
    halo, markers, counts, targets = figure.data[2:]
    assert (halo.name, markers.name, counts.name) == (HALO, "projects", "counts")
    # 18 + 6·log10(n) by projects: 20.9 for Huế's 3, 19.8 for Hà Nội's 2. Huế has an ongoing
    # project (C): a wide dark ring, drawn last (on top); Hà Nội has none: a thin grey ring.
    assert list(markers.marker.size) == [19.8, 20.9]
    assert list(halo.marker.size) == [21.8, 25.9]
    assert list(counts.text) == ["2", "3"]  # each site says how many projects it holds
    assert list(halo.marker.color) == ["#8c8c8c", "#1a1a1a"]
    assert list(markers.marker.color) == [FIELD_COLOURS["health"], FIELD_COLOURS["water"]]
    assert targets.customdata is None  # a click is read by its point
    assert targets.hovertext == (
        "2 projects here<br>Health &amp; medical care: 1<br>Field not stated: 1",
        "<b>Hue</b><br>3 projects here<br>of which ongoing: 1<br>Water supply &amp; sanitation: 2"
        "<br>Health &amp; medical care: 1",
    )
