"""The default dataset: every research row, nothing invented, each project where it says."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import Point

from dashboard import REPO_ROOT
from dashboard.data.boundaries import LAYER_IMPLEMENTED, load_admin1
from dashboard.data.curation import curate, dataset_json
from dashboard.data.loading import load_store

GEODATA = REPO_ROOT / "geodata"
RESEARCH = REPO_ROOT.parent / "shared" / "reference" / "jpp_projects_research.csv"


@pytest.fixture(scope="module")
def document() -> dict:
    return json.loads((GEODATA / "projects.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store():
    return load_store(GEODATA / "projects.json")


@pytest.fixture(scope="module")
def research_rows() -> list[dict[str, str]]:
    if not RESEARCH.exists():
        pytest.fail(f"the research table is missing: {RESEARCH}")
    with RESEARCH.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_every_research_row_and_nothing_else(document, research_rows):
    assert [p["id"] for p in document["projects"]] == [row["id"] for row in research_rows]
    assert len(document["projects"]) >= 138


def test_rebuilding_from_the_sources_gives_the_committed_file(document):
    result = curate(RESEARCH, GEODATA / "curation", GEODATA / "boundaries", document["curated_on"])
    meta = {key: value for key, value in document.items() if key != "projects"}
    rebuilt = dataset_json(result.projects, meta)
    assert rebuilt == (GEODATA / "projects.json").read_text(encoding="utf-8")


def test_original_wording_and_sources_are_kept(document, research_rows):
    by_id = {p["id"]: p for p in document["projects"]}
    for row in research_rows:
        record = by_id[row["id"]]
        assert record["original"] == row
        assert record["sources"], row["id"]
        assert all(" " not in s for s in record["sources"] if s.startswith("http"))
    assert by_id["ID01"]["sources"] == [
        "Indonesian government grant register export (catalog si_phln, table "
        "transaction.hibah_langsung, dated 2022-01-23)",
        "https://jakartashimbun.com/free/detail/36750.html",
    ]


def test_unknown_stays_empty(store):
    vn01 = store.project("VN01")
    assert vn01.budget is None
    assert vn01.scheme is None
    assert vn01.title_ja is None  # the research cell is a placeholder, not a title
    assert (vn01.start.label, vn01.end.label) == ("FY2003", "FY2005")
    ws01 = store.project("WS01")
    assert ws01.end is None  # the source gives only "before 2015-04"
    assert "before 2015-04" in ws01.original["end"]


def test_typed_values_of_known_rows(store):
    vn02 = store.project("VN02")
    assert (vn02.budget.yen, vn02.budget.kind) == (60_000_000, "approximate")
    assert vn02.scheme == "regional_revitalization"
    assert vn02.fields == ("water",)
    assert [loc.admin1 for loc in vn02.locations] == ["VN-26", "VN-SG"]
    np03 = store.project("NP03")
    assert (np03.budget.yen, np03.budget.kind) == (38_532_000, "estimate")
    assert "Sum of the three yearly planned amounts" in np03.notes
    vn39 = store.project("VN39")
    assert (vn39.budget.yen, vn39.budget.kind, vn39.budget_yen) == (21_108_000, "partial", None)


def test_two_country_projects_have_locations_in_both(store):
    for project in store.projects:
        assert {loc.country for loc in project.locations} == set(project.countries), project.id
    assert store.project("VN09").countries == ("VNM", "MYS")


def test_every_location_falls_in_its_province(store):
    """Gazetteer points within 2 km of their province (boundaries are simplified)."""
    layers: dict[str, gpd.GeoDataFrame] = {}
    for project in store.projects:
        for location in project.locations:
            if not location.admin1:
                assert location.precision == 6
                continue
            if location.country not in layers:
                layers[location.country] = load_admin1(
                    GEODATA / "boundaries", location.country, LAYER_IMPLEMENTED
                ).set_index("code")
            province = layers[location.country].loc[location.admin1, "geometry"]
            distance_deg = province.distance(Point(location.lon, location.lat))
            assert distance_deg < 0.02, (project.id, location.admin1, distance_deg)


def test_the_gazetteer_points_are_the_named_places(store):
    vn14 = store.project("VN14")
    hoi_an = vn14.locations[0]
    assert (hoi_an.place, hoi_an.admin1, hoi_an.precision) == ("Hoi An City", "VN-27", 2)
    assert abs(hoi_an.lon - 108.335) < 0.01 and abs(hoi_an.lat - 15.877) < 0.01


def test_no_generated_record_in_the_default_dataset(document):
    assert all("GENERATED" not in (p["title_en"] or "") for p in document["projects"])
    assert all("example.invalid" not in " ".join(p["sources"]) for p in document["projects"])


def test_locations_as_a_geodataframe(store):
    locations = store.locations
    assert locations.crs.to_epsg() == 4326
    assert len(locations) == sum(len(p.locations) for p in store.projects)
    assert set(locations.columns) >= {"project_id", "country", "admin1", "precision", "geometry"}


def test_research_path_is_the_shared_reference():
    assert Path(RESEARCH).name == "jpp_projects_research.csv"


def test_a_record_as_json_is_what_asdict_gives_with_the_dates_spelt_out():
    """Project.to_json is built field by field for speed; it must say what asdict says."""
    from dataclasses import asdict

    from bench.generate import generate
    from dashboard.data.loading import load_store

    store = load_store(REPO_ROOT / "geodata" / "projects.json")
    for project in [*store.projects, *generate(50, seed=3)]:
        expected = asdict(project)
        expected["start"] = project.start.to_json() if project.start else None
        expected["end"] = project.end.to_json() if project.end else None
        assert project.to_json() == expected, project.id
        assert list(project.to_json()) == list(expected), project.id  # the same key order
