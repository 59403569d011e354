"""What the page computes from a selection, and how its controls read as the shared filter."""

from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs

import pytest

from dashboard.data.filter_query import parse_filter, to_query
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.model import Location
from dashboard.data.summaries import (
    map_points,
    projects_at,
    province_counts,
    site_at,
    summarise,
    unplaced_count,
)
from dashboard.ui.filter_panel.controls import CONTROL_KEYS, default_values, filter_from_controls
from dashboard.ui.view_state import valid_place

from .factories import fake_project, fake_store


def two_sites(project, *extra):
    return replace(project, locations=project.locations + tuple(extra))


HUE = Location(country="VNM", admin1="VN-26", precision=2, lon=107.58, lat=16.46, place="Hue")
HANOI = Location(country="VNM", admin1="VN-HN", precision=4, lon=105.8, lat=21.0)
VN_WIDE = Location(country="VNM", admin1=None, precision=6, lon=106.0, lat=16.0)
REGION = Location(country="VNM", admin1="VN-27", precision=4, lon=108.0, lat=15.5, region="R")


def store():
    return fake_store(
        two_sites(fake_project("A", budget=30_000_000, fields=("water", "health")), HUE),
        two_sites(fake_project("B", fields=("health",)), HANOI, HANOI),
        replace(fake_project("C", budget=10_000_000), locations=(VN_WIDE,)),
        replace(fake_project("D"), locations=(REGION,)),
        fake_project("L", country="LAO", admin1="LA-VT"),
    )


def test_summary_counts_budgets_and_fields():
    data = store()
    summary = summarise(data, select(data, ProjectFilter(country=("VNM",))))
    assert (summary.count, summary.budget_total_yen) == (4, 40_000_000)
    assert (summary.with_budget, summary.without_budget) == (2, 2)
    assert dict(summary.field_counts) == {"water": 3, "health": 2}  # A counts in both


def test_province_counts_count_a_project_once_per_province():
    data = store()
    counts = province_counts(data, select(data, ProjectFilter()), "VNM")
    assert counts.to_dict() == {"VN-26": 2, "VN-HN": 1, "VN-27": 1}


def test_markers_one_per_project_and_point_none_for_country_or_region():
    data = store()
    selection = select(data, ProjectFilter())
    points = map_points(data, selection, "VNM")
    assert sorted(zip(points["project_id"], points["lon"], strict=True)) == [
        ("A", 107.5),
        ("A", 107.58),
        ("B", 105.8),
        ("B", 107.5),
    ]
    assert unplaced_count(data, selection, "VNM") == 2  # C (country-wide) and D (region)


def test_projects_and_site_at_a_point_or_province():
    data = store()
    selection = select(data, ProjectFilter())
    assert [data.projects[row].id for row in projects_at(data, selection, provinces=["VN-26"])] == [
        "A",
        "B",
    ]
    assert projects_at(data, selection, point=(107.58, 16.46)) == [0]
    assert site_at(data, (107.58, 16.46)) == ("Hue", "VN-26")


def test_controls_at_their_defaults_filter_nothing_but_the_country():
    values = default_values(date(2026, 11, 22))
    spec = filter_from_controls({"country": "VNM", **values}, today=date(2026, 11, 22))
    assert spec == ProjectFilter(country=("VNM",), as_of=date(2026, 11, 22))


def test_controls_read_as_yen_months_and_years():
    controls = dict(
        zip(
            ("country", *CONTROL_KEYS),
            ("VNM", " hue ", ["water"], [], [], ["ongoing"], "2020-04-01", [10, 60], [12, 60],
             [2005, 2026], ["budget"], [], ["start"], ["VN-26"]),
            strict=True,
        )
    )  # fmt: skip
    spec = filter_from_controls(controls, today=date(2026, 11, 22))
    assert (spec.budget_min, spec.budget_max) == (10_000_000, 60_000_000)
    assert (spec.duration_min, spec.duration_max) == (12, None)
    assert (spec.start_from, spec.start_to) == (2005, None)
    assert (spec.keep_unknown_budget, spec.keep_unknown_duration) == (True, False)
    assert spec.keep_unknown_start
    assert spec.q == "hue"
    # Each keep box says its own range: a value ticked in another's box keeps nothing.
    forged = filter_from_controls({**controls, "keep_budget": ["duration"]})
    assert not forged.keep_unknown_budget and not forged.keep_unknown_duration


def test_the_query_of_a_filter_reads_back_to_the_same_filter():
    spec = ProjectFilter(
        country=("VNM",),
        field=("water", "health"),
        partner_type=("ngo",),
        scheme=("partner",),
        status=("ongoing",),
        province=("VN-26",),
        as_of=date(2020, 4, 1),
        budget_min=10_000_000,
        duration_max=36,
        start_from=2010,
        keep_unknown_budget=False,
        keep_unknown_start=False,
        q="Yokohama 水道",
    )
    assert parse_filter(parse_qs(to_query(spec))) == spec


def test_counts_follow_the_provinces_in_force_since_2025():
    from dashboard import REPO_ROOT
    from dashboard.data.loading import load_store
    from dashboard.data.repository import BoundaryIndex

    index = BoundaryIndex.read(REPO_ROOT / "geodata" / "boundaries")
    assert len(index.current_of("VNM")) == 34 and not index.has_current_layer("LAO")
    to_2025 = index.to_current("VNM")
    assert len(to_2025) == 63
    # Quảng Nam (VN-27) became part of Đà Nẵng (VN-DN) on 1 July 2025.
    assert to_2025["VN-27"] == to_2025["VN-DN"]
    data = load_store(REPO_ROOT / "geodata" / "projects.json")
    selection = select(data, ProjectFilter())
    before = province_counts(data, selection, "VNM")
    after = province_counts(data, selection, "VNM", to_2025)
    da_nang = to_2025["VN-DN"]
    both = set(projects_at(data, selection, provinces=["VN-27"])) | set(
        projects_at(data, selection, provinces=["VN-DN"])
    )
    assert after[da_nang] == len(both) <= before["VN-27"] + before["VN-DN"]
    assert set(after.index) <= set(index.formed_from)


@pytest.mark.parametrize(
    "junk",
    [
        {"as_of": "not a date", "budget": [5], "duration": "x", "start_years": [1, 2, 3]},
        {"fields": "water", "statuses": [1, None], "keep_budget": 7, "provinces": {"a": 1}},
        {"keep_duration": [["duration"]], "keep_start": "start", "as_of": "2024年13月"},
        {"search": ["Yokohama"], "budget": [True, False], "as_of": 20200401},
    ],
)
def test_values_no_control_can_send_read_as_no_filter(junk):
    """A forged callback request gets the unfiltered view, not an exception."""
    today = date(2026, 11, 22)
    values = {**default_values(today), **junk}
    spec = filter_from_controls({"country": "VNM", **values}, today=today)
    expected = filter_from_controls({"country": "VNM", **default_values(today)}, today=today)
    keep = {"keep_unknown_budget", "keep_unknown_duration", "keep_unknown_start"}
    differing = {
        name
        for name in ProjectFilter.__dataclass_fields__
        if getattr(spec, name) != getattr(expected, name)
    }
    assert differing <= keep | {"as_of"}
    assert spec.as_of in (None, today)


@pytest.mark.parametrize(
    ("place", "valid"),
    [
        ({"province": "VN-26"}, True),
        ({"point": [107.6, 16.4], "project": "VN01"}, True),
        ({"project": "VN03"}, True),
        ({"point": "107,16"}, False),
        ({"point": [1, 2, 3]}, False),
        ({"province": 26}, False),
        (["VN-26"], False),
        ({}, False),
        (None, False),
    ],
)
def test_a_selection_is_read_only_in_the_shapes_the_page_stores(place, valid):
    assert (valid_place(place) is not None) is valid


@pytest.fixture(scope="module")
def boundary_index():
    from dashboard import REPO_ROOT
    from dashboard.data.repository import BoundaryIndex

    return BoundaryIndex.read(REPO_ROOT / "geodata" / "boundaries")


def test_a_shared_link_keeps_what_it_can(boundary_index):
    """Trackers' parameters and one bad value drop only themselves, not the whole view."""
    from dashboard.ui.view_state import view_from_query

    today = date(2026, 11, 22)
    view = view_from_query(
        "?country=LAO&field=water&fbclid=abc&utm_source=x&budget_min=lots&at=LA-LP",
        today,
        boundary_index,
        "VNM",
    )
    assert view is not None
    assert (view.country, view.place) == ("LAO", {"province": "LA-LP"})
    assert view.controls["fields"] == ["water"]
    assert view.controls["budget"] == default_values(today)["budget"]


def test_a_linked_province_must_be_of_the_linked_country(boundary_index):
    from dashboard.ui.view_state import view_from_query

    today = date(2026, 11, 22)

    def place(search: str):
        return view_from_query(search, today, boundary_index, "VNM").place

    assert place("?country=LAO&at=VN-26") is None
    assert place("?view=japan&at=JP-47") == {"province": "JP-47"}
    assert place("?view=japan&at=VN-26") is None


def test_the_boundary_note_names_the_layer_drawn():
    from dashboard.i18n import translator
    from dashboard.ui.filter_panel.controls import JAPAN, WORLD
    from dashboard.ui.map_panel.views import boundary_note

    en = translator("en")
    assert "the 34 provinces in force since 1 July 2025" in boundary_note("current", en)
    assert "in which the projects were implemented" in boundary_note("implemented", en)
    assert "country outlines" in boundary_note(WORLD, en)
    assert "Japan's 47 prefectures" in boundary_note(JAPAN, en)
    assert all(
        "Boundaries do not imply any position" in boundary_note(layer, en)
        for layer in ("current", "implemented", WORLD, JAPAN)
    )
    # Every map has it: the project page's small map too.
    from dashboard.ui.project_page.layout import project_view

    shown = [
        getattr(c, "children", None) for c in project_view(en)._traverse() if hasattr(c, "children")
    ]
    assert boundary_note("implemented", en) in shown
