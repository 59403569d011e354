"""Nepal's 7 provinces of 2015: built from the shared reference, they tile the country."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from dashboard.data import boundaries as b
from dashboard.data import nepal

BOUNDARIES = b.DEFAULT_BOUNDARIES_DIR


@pytest.fixture(scope="module")
def provinces() -> gpd.GeoDataFrame:
    return gpd.read_file(BOUNDARIES / nepal.NEPAL_LAYER)


@pytest.fixture(scope="module")
def zones() -> gpd.GeoDataFrame:
    return b.load_admin1(BOUNDARIES, "NPL", b.LAYER_IMPLEMENTED)


def test_seven_provinces_with_iso_codes_and_names(provinces: gpd.GeoDataFrame) -> None:
    assert list(provinces["code"]) == [f"NP-P{n}" for n in range(1, 8)]
    names = dict(zip(provinces["code"], provinces["name_en"], strict=True))
    assert names["NP-P3"] == "Bagmati Province"
    assert names["NP-P7"] == "Sudurpashchim Province"
    japanese = dict(zip(provinces["code"], provinces["name_ja"], strict=True))
    assert japanese["NP-P3"] == "バグマティ州"
    assert set(provinces["type_en"]) == {"Province"}


def test_provinces_tile_the_country(provinces: gpd.GeoDataFrame, zones: gpd.GeoDataFrame) -> None:
    geoms = provinces.geometry.to_numpy()
    assert shapely.is_valid(geoms).all()
    assert shapely.coverage_is_valid(geoms)  # neighbours share edges: no overlap, no gap
    union = shapely.coverage_union_all(geoms)
    assert union.geom_type == "Polygon" and not union.interiors  # one piece, no hole
    outline = shapely.coverage_union_all(zones.geometry.to_numpy())
    # Two sources (Natural Earth's zones, the local units): the outlines differ by their edges.
    assert shapely.symmetric_difference(union, outline).area / outline.area < 0.05
    overlap = sum(shapely.area(geoms)) - union.area
    assert overlap < 1e-9


def test_each_province_knows_the_zones_it_overlaps(provinces: gpd.GeoDataFrame) -> None:
    former = dict(zip(provinces["code"], provinces["former_codes"], strict=True))
    # Bagmati Zone lies wholly in Bagmati Province; Janakpur and Narayani are divided.
    assert former["NP-P3"] == "NP-BA,NP-JA,NP-NA"
    assert former["NP-P2"] == "NP-JA,NP-NA,NP-SA"
    assert former["NP-P4"] == "NP-DH,NP-GA,NP-LU"  # Nawalparasi East was in Lumbini Zone
    assert former["NP-P6"] == "NP-BH,NP-KA,NP-RA"  # Rukum West was in Rapti Zone
    assert former["NP-P7"] == "NP-MA,NP-SE"


def test_districts_and_the_divided_ones() -> None:
    assert len(nepal.DISTRICT_PROVINCE) == 75 - len(nepal.DIVIDED_DISTRICTS)
    assert nepal.province_of_unit("Kaski", "Pokhara") == "NP-P4"
    assert nepal.province_of_unit("Kathmandu", "Kathmandu") == "NP-P3"
    assert nepal.province_of_unit("Nawalparasi", "Kawasoti") == "NP-P4"
    assert nepal.province_of_unit("Nawalparasi", "Bardaghat") == "NP-P5"
    assert nepal.province_of_unit("Rukum", "Musikot") == "NP-P6"
    assert nepal.province_of_unit("Rukum", "Bhume") == "NP-P5"
    assert nepal.province_of_unit("Rukum", "Dhorpatan Hunting Reserve") is None


def test_the_build_is_reproducible(tmp_path: Path) -> None:
    if not nepal.NEPAL_SOURCE.is_file():
        pytest.skip(f"{nepal.NEPAL_SOURCE} is not beside the repository")
    (tmp_path / "admin1").mkdir()
    (tmp_path / "admin1" / "NPL.geojson").write_bytes(
        (BOUNDARIES / "admin1" / "NPL.geojson").read_bytes()
    )
    nepal.build_nepal(tmp_path)
    built = (tmp_path / nepal.NEPAL_LAYER).read_bytes()
    assert built == (BOUNDARIES / nepal.NEPAL_LAYER).read_bytes()


def test_a_changed_source_is_refused(tmp_path: Path) -> None:
    fake = tmp_path / "nepal.geojson"
    fake.write_text('{"type":"FeatureCollection","features":[]}')
    with pytest.raises(nepal.NepalSourceError, match="sha256"):
        nepal.build_nepal_provinces(fake, {})


def test_each_zone_is_named_as_a_zone(zones: gpd.GeoDataFrame) -> None:
    """Natural Earth names Koshi Zone after one of its districts (Bhojpur): fixed in the build."""
    koshi = zones.set_index("code").loc["NP-KO"]
    assert (koshi["name_en"], koshi["name_ja"]) == ("Koshi Zone", "コシ県")
    assert all(name.endswith(" Zone") for name in zones["name_en"])
