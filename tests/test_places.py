"""Place lookups over the committed boundary files: names as staff write them, and points."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
import shapely

from dashboard.data import vocab
from dashboard.data.boundaries import DEFAULT_BOUNDARIES_DIR
from dashboard.data.places import PlaceIndex, _distance_km


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return PlaceIndex.load(DEFAULT_BOUNDARIES_DIR)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("VNM", "VNM"),
        ("vnm", "VNM"),
        ("VN", "VNM"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("VIET-NAM", "VNM"),
        ("ベトナム", "VNM"),
        ("ヴェトナム", "VNM"),
        ("Việt Nam", "VNM"),
        ("viet nam ", "VNM"),
        ("Philippines", "PHL"),
        ("The Philippines", "PHL"),
        ("フィリピン", "PHL"),
        ("Lao PDR", "LAO"),
        ("Laos", "LAO"),
        ("ラオス", "LAO"),
        ("ラオス人民民主共和国", "LAO"),
        ("Lào", "LAO"),
        ("LA", "LAO"),
        ("Japan", "JPN"),  # no project there, but in countries.geojson
        ("日本", "JPN"),
        ("JP", "JPN"),
        ("", None),
        ("Atlantis", None),
        ("XX", None),
    ],
)
def test_country_code(places: PlaceIndex, text: str, expected: str | None) -> None:
    assert places.country_code(text) == expected


def test_every_project_country_by_its_names(places: PlaceIndex) -> None:
    for term in vocab.COUNTRIES:
        for name in (term.key, term.label_en, *term.names, *term.codes):
            assert places.country_code(name) == term.key, name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thừa Thiên Huế", "VN-26"),
        ("Tỉnh Thừa Thiên Huế", "VN-26"),
        ("thua thien hue", "VN-26"),
        ("Thua Thien Hue Province", "VN-26"),
        ("トゥアティエン＝フエ省", "VN-26"),
        ("トゥアティエン＝フエ", "VN-26"),
        ("Hue", "VN-26"),
        ("Huế", "VN-26"),
        ("Thành phố Huế", "VN-26"),
        ("フエ", "VN-26"),
        ("VN-26", "VN-26"),
        ("vn-26", "VN-26"),
        ("Hà Nội", "VN-HN"),
        ("Ha Noi", "VN-HN"),
        ("Hanoi", "VN-HN"),
        ("HANOI", "VN-HN"),
        ("Thành phố Hà Nội", "VN-HN"),
        ("TP. Hà Nội", "VN-HN"),
        ("ハノイ", "VN-HN"),
        ("ハノイ市", "VN-HN"),
        ("Ho Chi Minh City", "VN-SG"),
        ("Ho Chi Minh", "VN-SG"),
        ("Thành phố Hồ Chí Minh", "VN-SG"),
        ("TP.HCM", "VN-SG"),
        ("TP HCM", "VN-SG"),
        ("HCMC", "VN-SG"),
        ("Saigon", "VN-SG"),
        ("Sài Gòn", "VN-SG"),
        ("ホーチミン市", "VN-SG"),
        ("Da Nang", "VN-DN"),
        ("Đà Nẵng", "VN-DN"),
        ("Danang City", "VN-DN"),
        ("ダナン", "VN-DN"),
        ("Hai Phong", "VN-HP"),
        ("Haiphong", "VN-HP"),
        ("Hải Phòng", "VN-HP"),
        ("Can Tho", "VN-CT"),
        ("Cần Thơ", "VN-CT"),
        ("Bà Rịa - Vũng Tàu", "VN-43"),
        ("Ba Ria Vung Tau", "VN-43"),
        ("Dak Lak", "VN-33"),
        ("Hà Nam", "VN-63"),
        ("ハナム省", "VN-63"),  # kana voiced marks matter: not バナム
        ("Quảng Nam", "VN-27"),
        ("ｸｱﾝﾅﾑ省", "VN-27"),  # half-width katakana
        ("Nowhere", None),
        ("", None),
        ("PH-00", None),  # a code of another country
    ],
)
def test_viet_nam_provinces(places: PlaceIndex, text: str, expected: str | None) -> None:
    assert places.province_code("VNM", text) == expected


@pytest.mark.parametrize(
    ("iso3", "text", "expected"),
    [
        ("PHL", "Cebu", "PH-CEB"),
        ("PHL", "Cebu Province", "PH-CEB"),
        ("PHL", "Metro Manila", "PH-00"),
        ("PHL", "Manila", "PH-00"),
        ("PHL", "Quezon City", "PH-00"),  # in Metro Manila, not Quezon province
        ("PHL", "Quezon", "PH-QUE"),
        ("PHL", "ダバオ・デ・オロ", "PH-COM"),
        ("PHL", "Compostela Valley", "PH-COM"),
        ("PHL", "Mountain Province", "PH-MOU"),
        ("LAO", "Luang Prabang", "LA-LP"),
        ("LAO", "Louangphrabang", "LA-LP"),
        ("LAO", "ルアンパバーン県", "LA-LP"),
        ("LAO", "Vientiane Capital", "LA-VT"),
        ("LAO", "Vientiane Prefecture", "LA-VT"),
        ("LAO", "LA-VI", "LA-VI"),
        ("LAO", "Vientiane", None),  # the province or the capital: ambiguous
        ("LAO", "ヴィエンチャン", None),
        ("JPN", "Tokyo", "JP-13"),  # the prefectures, where partners are based
        ("JPN", "東京都", "JP-13"),
        ("KOR", "Seoul", None),  # no admin-1 layer
        ("XYZ", "Hue", None),
    ],
)
def test_other_countries_provinces(
    places: PlaceIndex, iso3: str, text: str, expected: str | None
) -> None:
    assert places.province_code(iso3, text) == expected


def test_ambiguous_names_list_their_candidates(places: PlaceIndex) -> None:
    assert places.province_candidates("LAO", "Vientiane") == ("LA-VI", "LA-VT")
    assert places.province_candidates("LAO", "ヴィエンチャン") == ("LA-VI", "LA-VT")
    assert places.province_candidates("VNM", "Nowhere") == ()


@pytest.mark.parametrize(
    ("cell", "codes", "unknown"),
    [
        ("Hà Nội; Thừa Thiên Huế", ["VN-HN", "VN-26"], []),
        ("ハノイ、フエ", ["VN-HN", "VN-26"], []),
        ("ハノイとフエ", ["VN-HN", "VN-26"], []),
        ("Hanoi, Hue and Da Nang", ["VN-HN", "VN-26", "VN-DN"], []),
        ("Ho Chi Minh City / Can Tho\nHai Phong", ["VN-SG", "VN-CT", "VN-HP"], []),
        ("ダナン・ハイフォン", ["VN-DN", "VN-HP"], []),
        ("Bà Rịa, Vũng Tàu; Hue", ["VN-43", "VN-26"], []),  # a name holding a separator
        ("Hue; Huế; VN-26", ["VN-26"], []),
        ("Hanoi; Atlantis; Hue; Vientiane", ["VN-HN", "VN-26"], ["Atlantis", "Vientiane"]),
        ("; ;", [], []),
        ("", [], []),
    ],
)
def test_several_provinces_in_one_cell(
    places: PlaceIndex, cell: str, codes: list[str], unknown: list[str]
) -> None:
    assert places.province_codes("VNM", cell) == (codes, unknown)


def test_several_provinces_whose_names_hold_the_separator(places: PlaceIndex) -> None:
    assert places.province_codes("PHL", "ダバオ・デ・オロ・セブ") == (["PH-COM", "PH-CEB"], [])


HUE = (107.58, 16.46)
HANOI = (105.85, 21.03)


def test_points_in_provinces(places: PlaceIndex) -> None:
    assert places.point_in_province("VN-26", *HUE)
    assert not places.point_in_province("VN-26", *HANOI)
    assert places.point_in_province("VN-HN", *HANOI)
    assert places.province_at("VNM", *HUE) == "VN-26"
    assert places.province_at("VNM", *HANOI) == "VN-HN"
    assert places.province_at("VNM", 100.5, 13.75) is None  # Bangkok


def test_tolerance_near_the_coast(places: PlaceIndex) -> None:
    # 6.6 km off Huế's coast: within 5 km plus the layer's simplification allowance (2.9 km).
    offshore = (107.70, 16.60)
    assert places.point_in_province("VN-26", *offshore)
    assert places.province_at("VNM", *offshore) == "VN-26"
    assert not places.point_in_province("VN-26", *offshore, tolerance_km=0)
    assert not places.point_in_province("VN-26", 107.8, 16.7)  # 21.5 km out at sea
    assert places.point_in_province("VN-26", 107.8, 16.7, tolerance_km=25)


def test_points_in_countries(places: PlaceIndex) -> None:
    assert places.point_in_country("VNM", *HUE)
    assert not places.point_in_country("VNM", 100.5, 13.75)
    assert places.point_in_country("THA", 100.5, 13.75)
    assert places.point_in_country("JPN", 139.69, 35.69)  # Tokyo: countries.geojson
    assert not places.point_in_country("JPN", *HUE)
    assert not places.point_in_country("XYZ", *HUE)


@pytest.mark.parametrize("point", [(200.0, 10.0), (107.0, 95.0), (float("nan"), 16.0)])
def test_points_not_on_earth_are_nowhere(places: PlaceIndex, point: tuple[float, float]) -> None:
    assert not places.point_in_province("VN-26", *point)
    assert not places.point_in_country("VNM", *point)
    assert places.province_at("VNM", *point) is None


def test_distance_across_the_antimeridian() -> None:
    island = shapely.box(179.9, -17.0, 180.0, -16.0)
    shapely.prepare(island)
    distance = _distance_km(island, -179.99, -16.5, 5.0)
    assert distance == pytest.approx(0.01 * 111.32 * 0.9588, abs=0.01)
    assert _distance_km(island, -179.5, -16.5, 5.0) is None


def test_fiji_across_the_antimeridian(places: PlaceIndex) -> None:
    assert places.point_in_country("FJI", 179.99, -16.2)
    assert places.point_in_country("FJI", -179.99, -16.2)


def test_names_and_representative_points(places: PlaceIndex) -> None:
    assert places.province_name("VN-26") == "Thừa Thiên Huế"
    assert places.province_name("VN-SG") == "Ho Chi Minh"
    assert places.province_name("LA-VT") == "Vientiane Prefecture"
    assert places.province_point("VN-26") == (107.44308, 16.38262)
    assert places.point_in_province("VN-26", *places.province_point("VN-26"), tolerance_km=0)
    assert places.country_point("VNM") == (107.83167, 15.91146)
    assert places.point_in_country("VNM", *places.country_point("VNM"), tolerance_km=0)
    assert len(places.province_names("VNM")) == 63
    assert len(places.province_names("JPN")) == 47  # the partners' home prefectures
    assert places.province_names("KOR") == {}  # no admin-1 layer
    for unknown in ("VN-99", "XX-01", ""):
        with pytest.raises(KeyError):
            places.province_name(unknown)
        with pytest.raises(KeyError):
            places.province_point(unknown)
    with pytest.raises(KeyError):
        places.country_point("XYZ")


def test_missing_boundaries_dir_fails_at_once(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="build-boundaries"):
        PlaceIndex.load(tmp_path)


def test_the_whole_index_builds_fast() -> None:
    started = time.perf_counter()
    index = PlaceIndex.load(DEFAULT_BOUNDARIES_DIR)
    assert time.perf_counter() - started < 0.05  # nothing is read before it is needed
    for term in vocab.COUNTRIES:
        assert index.province_names(term.key), term.key
        assert index.point_in_country(term.key, *index.country_point(term.key), tolerance_km=0)
    assert index.country_code("Japan") == "JPN"
    assert time.perf_counter() - started < 2.0
