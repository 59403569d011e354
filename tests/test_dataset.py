"""The default dataset: every research row, nothing invented, each project where it says."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from dashboard import REPO_ROOT
from dashboard.data.boundaries import LAYER_IMPLEMENTED, load_admin1, load_admin1_file
from dashboard.data.curation import curate, dataset_json
from dashboard.data.loading import load_store
from dashboard.data.place_levels import OVERLAPS, layers_of

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
        "https://www.city.hamamatsu.shizuoka.jp/suidow-s/kouhou/kusanone.html",
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
                # Projects are placed on the units of their time: Nepal's provinces too.
                files = [
                    load_admin1_file(GEODATA / "boundaries" / layer.file)
                    for layer in layers_of(location.country)
                    if layer.relation == OVERLAPS
                ]
                drawn = load_admin1(GEODATA / "boundaries", location.country, LAYER_IMPLEMENTED)
                layers[location.country] = pd.concat([drawn, *files]).set_index("code")
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


def test_the_third_research_pass(store):
    """December 2026: the rows that say what runs now, read as their sources say."""
    la09 = store.project("LA09")
    assert (la09.start.label, la09.end.label) == ("2025-01-20", "2028-01-19")
    assert [loc.admin1 for loc in la09.locations] == ["LA-VT", "LA-LP", "LA-KH"]
    assert [p.org for p in la09.partners] == ["saitama-waterworks"]
    zm03 = store.project("ZM03")  # corrected: FY2022-FY2024 became 2024-01-04 to 2026-12
    assert (zm03.start.earliest.isoformat(), zm03.end.label) == ("2024-01-04", "2026-12 (planned)")
    assert zm03.end.latest.isoformat() == "2026-12-31"
    assert (zm03.scheme, zm03.locations[0].admin1, zm03.locations[0].place) == (
        "support",
        "ZM-09",
        "Lusaka City, Chawama",
    )
    sv01 = store.project("SV01")  # "Completed" inferred from its period: no observation
    assert sv01.status_observed == "Completed (period ended 2025-11)"
    assert sv01.observed_status is None
    bt04 = store.project("BT04")
    assert (bt04.start.label, bt04.end.label) == ("2025-09", "2028-08")
    assert bt04.locations[0].precision == 6  # sites not stated
    id07 = store.project("ID07")  # "FY2024 (expected)": a plan, with no end
    assert (id07.start.label, id07.end, id07.observed_status) == (
        "FY2024 (planned)",
        None,
        "adopted",
    )
    mx01, br01 = store.project("MX01"), store.project("BR01")
    assert (mx01.countries, mx01.locations[0].admin1) == (("MEX",), "MX-CMX")
    assert (br01.countries, br01.locations[0].admin1, br01.locations[0].precision) == (
        ("BRA",),
        "BR-SP",
        2,
    )
    assert [(p.org, p.role, p.role_stated) for p in br01.partners] == [
        ("miyagi-prefecture", "proposer", True),
        ("yura-rhythm", "implementer", True),
    ]
    # BR02's Brazil-side implementer is a counterpart, not a Japanese partner.
    assert [p.org for p in store.project("BR02").partners] == ["abc-japan"]
    mw04 = store.project("MW04")
    assert (mw04.start.label, mw04.locations[0].precision) == ("2025 (planned)", 6)
    vn33 = store.project("VN33")  # its partners were "(not in excerpt)" before
    assert [(p.org, p.role) for p in vn33.partners] == [
        ("yasuragi-fukushikai", "implementer"),
        ("tsuyama-city", "cooperating"),
    ]
    assert (store.project("MW03").budget.yen, store.project("MW03").budget.kind) == (
        29_027_000,
        "estimate",
    )


def test_a_planned_period_over_five_years_is_kept_with_a_warning():
    """VN04 ran from a planned 2017-09 to a closing ceremony in 2022-12: a planned start is
    not what happened, so the record stays and a person is asked to check."""
    result = curate(RESEARCH, GEODATA / "curation", GEODATA / "boundaries", "2026-12-06")
    vn04 = [f for f in result.findings if f.project_id == "VN04" and f.field == "end"]
    assert [f.severity for f in vn04] == ["warning"]


def test_every_named_partner_is_an_organisation_with_its_japanese_name(store):
    partners = [p for project in store.projects for p in project.partners]
    assert all(p.org for p in partners if p.name)
    # Yokohama's waterworks bureau, however each source spells it.
    assert {p.org for p in store.project("VN01").partners} == {
        p.org for p in store.project("VN02").partners
    }
    with_japanese = sum(1 for p in partners if p.name_ja)
    assert with_japanese / len(partners) > 0.85
    yokohama = store.project("VN03").partners[0]
    assert (yokohama.name_ja, yokohama.name_ja_translated) == ("横浜市", True)
    assert store.project("VN01").partners[0].name_ja_translated is False  # the source's
