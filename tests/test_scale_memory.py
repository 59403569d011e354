"""What keeps a worker's memory at 100,000 projects under the naive recipe's (issue 15):
structural properties only; the figures are `make bench`'s (README "Performance")."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest

from dashboard.data.curation import dataset_json
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.loading import PROJECT_COLUMNS, build_store, facet_masks, project_frame
from dashboard.data.model import Budget, FuzzyDate, Location, Partner, Project, parse_projects
from dashboard.data.sources import parse_dataset
from dashboard.data.summaries import selected_projects
from tests.factories import fake_project


def _projects() -> list[Project]:
    return [
        fake_project("GEN-1", start="2020-04", end="2023-03", budget=30_000_000),
        fake_project("GEN-2", start="2020-04", end="2023-03", fields=("health", "water")),
        fake_project("GEN-3", observed="Completed", status_set="cancelled"),
        fake_project("GEN-4", admin1=None, country="LAO", start="FY2019"),
    ]


@pytest.mark.parametrize("kind", [Project, Location, Partner, FuzzyDate, Budget])
def test_records_are_slotted_with_no_dict_each(kind):
    assert "__slots__" in vars(kind)
    assert not hasattr(_projects()[0], "__dict__")


def test_a_dataset_read_back_is_the_same_records():
    projects = _projects()
    projects, meta = parse_dataset(dataset_json(projects, {"generated": "test"}))
    assert projects == _projects()
    assert [p.to_json() for p in projects] == [p.to_json() for p in _projects()]
    assert meta == {"generated": "test"}


def test_what_records_repeat_is_one_object():
    """Equal dates and places (frozen) are shared, and so are short words."""
    first, second, *_ = parse_projects(dataset_json(_projects(), {}))["projects"]
    assert first.start is second.start and first.end is second.end
    assert first.locations[0] is second.locations[0]
    assert first.last_updated is second.last_updated
    assert first.countries[0] is second.countries[0]


def test_sharing_keeps_what_the_json_said():
    """1 and 1.0 are equal in Python; a record read from ``1`` still writes ``1``."""
    whole = Location(country="VNM", admin1="VN-26", precision=4, lon=107, lat=16)
    decimal = replace(whole, lon=107.0, lat=16.0)
    projects = [
        fake_project("GEN-1", locations=(decimal,)),
        fake_project("GEN-2", locations=(whole,)),
    ]
    read = parse_projects(dataset_json(projects, {}))["projects"]
    assert [type(p.locations[0].lon) for p in read] == [float, int]
    assert dataset_json(read, {}) == dataset_json(projects, {})


def test_records_are_read_as_the_parser_reads_them():
    """No list of every record's JSON is built first: each record becomes a Project inside
    the parser (its hook), and what is not a record stays JSON."""
    text = dataset_json(_projects(), {"curated_on": "2026-12-01", "extra": {"id": "x"}})
    document = parse_projects(text)
    assert all(isinstance(p, Project) for p in document["projects"])
    assert document["extra"] == {"id": "x"}


def test_a_record_missing_its_locations_is_refused():
    document = json.loads(dataset_json(_projects(), {}))
    del document["projects"][1]["locations"]
    with pytest.raises(ValueError, match="item 1 of the project records"):
        parse_dataset(json.dumps(document))


def test_the_project_frame_is_built_column_by_column_with_the_same_values():
    projects = tuple(_projects())
    frame = project_frame(projects)
    assert list(frame.columns) == list(PROJECT_COLUMNS)
    for column in ("start_earliest", "start_latest", "end_earliest", "end_latest", "observed_at"):
        assert str(frame[column].dtype) == "datetime64[s]"
    assert frame["start_earliest"][0].date() == projects[0].start.earliest
    assert frame["end_latest"].isna().tolist() == [False, False, True, True]
    assert frame["budget_yen"].tolist()[0] == 30_000_000
    assert np.isnan(frame["budget_yen"].tolist()[1])
    assert frame["start_year"].tolist()[3] == 2019
    assert frame["status_set"].isna().tolist() == [True, True, False, True]
    assert frame["status_set"][2] == "cancelled"
    assert frame["observed_at"][2].date().isoformat() == projects[2].last_updated


def test_an_empty_dataset_has_every_column():
    assert list(build_store([], {}).frame.columns) == list(PROJECT_COLUMNS)


def test_a_rare_facet_value_keeps_its_rows_not_a_mask():
    """A province of one project in 32 keeps one row number, not a bool per project; what
    the mapping gives is the same mask either way."""
    projects = [fake_project(f"GEN-{i}", admin1="VN-26" if i else "VN-44") for i in range(32)]
    provinces = facet_masks(tuple(projects))["province"]
    assert provinces.nbytes() == 32 + 4  # VN-26's mask, VN-44's one row (int32)
    assert provinces["VN-44"].tolist() == [True] + [False] * 31
    assert provinces["VN-26"].tolist() == [False] + [True] * 31
    assert provinces.get("VN-01") is None and "VN-44" in provinces
    assert sorted(provinces) == ["VN-26", "VN-44"] and len(provinces) == 2


def test_filters_select_the_same_rows_from_rows_as_from_masks():
    projects = [
        fake_project(f"GEN-{i}", admin1=f"VN-{i % 40:02d}", fields=("water",) if i % 3 else ())
        for i in range(200)
    ]
    store = build_store(projects, {})
    chosen = select(store, ProjectFilter(province=("VN-03", "VN-07"), field=("water",)))
    expected = [p.id for p in projects if p.locations[0].admin1 in ("VN-03", "VN-07") and p.fields]
    assert [p.id for p in selected_projects(store, chosen)] == expected
