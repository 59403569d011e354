"""Places at every level: layers over time, ISO 3166-2's hierarchy, and names resolved onto the
drawn units (with the precision they deserve), through import and the API's province=."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.data import place_levels as levels
from dashboard.data.exchange.importer import check_file
from dashboard.data.model import Location
from dashboard.data.places import PlaceIndex, Resolution
from dashboard.data.repository import BoundaryIndex

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
TODAY = date(2026, 11, 22)
HEADER_JA = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"
CENTRAL_VISAYAS = ("PH-BOH", "PH-CEB", "PH-LAP", "PH-MDE", "PH-NER", "PH-SIG")
MALAWI_CENTRAL = ("MW-DE", "MW-DO", "MW-KS", "MW-LI", "MW-MC", "MW-NI", "MW-NK", "MW-NU", "MW-SA")


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(BOUNDARIES)


# -- layers over time ----------------------------------------------------------------------


def test_layers_of_each_country_with_their_periods() -> None:
    vn = levels.layers_of("VNM")
    assert [(layer.key, layer.file, layer.count) for layer in vn] == [
        ("implemented", "admin1/VNM.geojson", None),
        ("current", "admin1/VNM-2025.geojson", 34),
    ]
    assert vn[1].relation == levels.FORMED_FROM and vn[1].valid_from == date(2025, 7, 1)
    np_zones, np_provinces = levels.layers_of("NPL")
    assert (np_zones.level, np_provinces.level) == ("zone", "province")
    assert np_provinces.relation == levels.OVERLAPS
    assert levels.layer_in_force("NPL", date(2005, 8, 1)) == np_zones
    assert levels.layer_in_force("NPL", date(2022, 2, 4)) == np_provinces
    assert levels.layer_in_force("VNM", date(2025, 6, 30)).key == "implemented"
    (lk,) = levels.layers_of("LKA")
    assert (lk.key, lk.level, lk.file) == ("implemented", "district", "admin1/LKA.geojson")


def test_iso_hierarchy_from_pycountry() -> None:
    assert levels.parent_of("LK-61") == "LK-6"
    assert levels.parent_of("PH-CEB") == "PH-07"
    assert levels.parent_of("PH-LAP") == "PH-07"  # a city Natural Earth draws apart
    assert levels.parent_of("MW-DE") == "MW-C"
    assert levels.parent_of("ID-JB") is None  # Java is a group of islands, not a level
    assert levels.parent_of("VN-26") is None
    groups = levels.groups_over(["LK-61", "LK-62", "LK-11"])
    assert groups == {"LK-1": ("LK-11",), "LK-6": ("LK-61", "LK-62")}


def test_country_layers_lists_units_of_each_layer(boundaries: BoundaryIndex) -> None:
    layers = boundaries.country_layers("NPL")
    assert [layer.key for layer, _ in layers] == ["implemented", "current"]
    assert sorted(unit.code for unit in layers[1][1]) == [f"NP-P{n}" for n in range(1, 8)]
    assert len(layers[0][1]) == 14
    (lk,) = boundaries.country_layers("LKA")
    assert len(lk[1]) == 25


# -- resolving names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("iso3", "text", "codes", "precision"),
    [
        ("LKA", "North Western Province", ("LK-61", "LK-62"), 4),
        ("LKA", "north western", ("LK-61", "LK-62"), 4),
        ("LKA", "北西部州", ("LK-61", "LK-62"), 4),
        ("LKA", "Kurunegala District", ("LK-61",), 3),
        ("NPL", "Bagmati Province", ("NP-P3",), 4),
        ("NPL", "バグマティ州", ("NP-P3",), 4),
        ("NPL", "Sudurpashchim", ("NP-P7",), 4),
        ("NPL", "Province No. 1", ("NP-P1",), 4),
        ("NPL", "Kaski District", ("NP-P4",), 3),
        ("NPL", "Kavre", ("NP-P3",), 3),
        ("NPL", "Rukum West", ("NP-P6",), 3),
        ("NPL", "Bagmati Zone", ("NP-BA",), 4),  # Natural Earth's zone, the older layer
        ("PHL", "Central Visayas", CENTRAL_VISAYAS, 4),
        ("PHL", "Region VII", CENTRAL_VISAYAS, 4),
        ("PHL", "中部ビサヤ地方", CENTRAL_VISAYAS, 4),
        ("PHL", "Cebu", ("PH-CEB",), 3),
        ("MWI", "Central Region", MALAWI_CENTRAL, 4),
        ("MWI", "中部州", MALAWI_CENTRAL, 4),
        ("MWI", "Dedza", ("MW-DE",), 3),
        ("IDN", "Papua Selatan", ("ID-PA",), 4),  # 2022: drawn by no offline source
        ("IDN", "Southwest Papua", ("ID-PB",), 4),
        ("VNM", "Tỉnh Thừa Thiên Huế", ("VN-26",), 4),
    ],
)
def test_a_place_at_any_level_resolves_onto_the_drawn_units(
    places: PlaceIndex, iso3: str, text: str, codes: tuple[str, ...], precision: int
) -> None:
    found = places.resolve(iso3, text)
    assert found is not None
    assert (found.codes, found.precision) == (codes, precision)


def test_what_the_resolution_records(places: PlaceIndex) -> None:
    region = places.resolve("LKA", "North Western Province")
    assert region == Resolution(("LK-61", "LK-62"), 4, region="North Western Province")
    district = places.resolve("NPL", "Kaski District")
    assert district == Resolution(("NP-P4",), 3, place="Kaski")


@pytest.mark.parametrize(
    ("iso3", "text"),
    [
        ("NPL", "Bagmati"),  # the zone or the province: refused, not guessed
        ("NPL", "Nawalparasi"),  # divided between two provinces in 2015
        ("LKA", "Bagmati Province"),  # another country's
        ("MWI", "Atlantis Region"),
    ],
)
def test_ambiguous_foreign_or_unknown_names_resolve_to_nothing(
    places: PlaceIndex, iso3: str, text: str
) -> None:
    assert places.resolve(iso3, text) is None


def test_did_you_mean(places: PlaceIndex) -> None:
    assert places.did_you_mean("NPL", "Sudurpachim Province") == ["Sudurpashchim Province"]
    assert "North Western Province" in places.did_you_mean("LKA", "Nort Western Province")


# -- staff lists ---------------------------------------------------------------------------


def _staff_list(tmp_path: Path, *rows: tuple[str, str]) -> Path:
    """A generated list in the shape staff keep (TEST rows, not real projects)."""
    lines = [
        f'T-{n},TEST {n},{country},"{place}",TEST,,,2019年4月～2021年3月,https://example.invalid/{n}'
        for n, (country, place) in enumerate(rows, 1)
    ]
    path = tmp_path / "list.csv"
    path.write_text(HEADER_JA + "\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_staff_list_naming_provinces_and_regions_imports_the_right_units(
    tmp_path: Path, places: PlaceIndex
) -> None:
    path = _staff_list(
        tmp_path,
        ("スリランカ", "North Western Province"),
        ("ネパール", "Bagmati Province"),
        ("ネパール", "ガンダキ州"),
        ("フィリピン", "Central Visayas (Region VII)"),
        ("マラウイ", "Southern Region"),
        ("ネパール", "Kaski District"),
    )
    outcome = check_file(path, places, TODAY)
    assert outcome.problems == []
    got = {
        project.id: [(loc.admin1, loc.precision, loc.region) for loc in project.locations]
        for _, project in outcome.accepted
    }
    assert got["T-1"] == [
        ("LK-61", 4, "North Western Province"),
        ("LK-62", 4, "North Western Province"),
    ]
    assert got["T-2"] == [("NP-P3", 4, None)]
    assert got["T-3"] == [("NP-P4", 4, None)]
    assert [code for code, _, _ in got["T-4"]] == list(CENTRAL_VISAYAS)
    assert {region for _, _, region in got["T-4"]} == {"Central Visayas (Region VII)"}
    assert [code for code, _, _ in got["T-5"]] == [
        "MW-BA", "MW-BL", "MW-CK", "MW-CR", "MW-MG", "MW-MH", "MW-MU", "MW-MW", "MW-NE",
        "MW-NS", "MW-PH", "MW-TH", "MW-ZO",
    ]  # fmt: skip
    assert got["T-6"] == [("NP-P4", 3, None)]
    kaski = next(p for _, p in outcome.accepted if p.id == "T-6").locations[0]
    assert kaski.place == "Kaski"


def test_a_staff_list_may_name_a_wider_unit_by_its_iso_code_as_the_api_does(
    tmp_path: Path, places: PlaceIndex
) -> None:
    path = _staff_list(
        tmp_path, ("スリランカ", "LK-6"), ("フィリピン", "ph-07"), ("マラウイ", "MW-C")
    )
    outcome = check_file(path, places, TODAY)
    assert outcome.problems == []
    got = {
        project.id: [(loc.admin1, loc.precision, loc.region) for loc in project.locations]
        for _, project in outcome.accepted
    }
    assert got["T-1"] == [
        ("LK-61", 4, "North Western Province"),
        ("LK-62", 4, "North Western Province"),
    ]
    assert [code for code, _, _ in got["T-2"]] == list(CENTRAL_VISAYAS)
    assert [code for code, _, _ in got["T-3"]] == [
        "MW-DE", "MW-DO", "MW-KS", "MW-LI", "MW-MC", "MW-NI", "MW-NK", "MW-NU", "MW-SA",
    ]  # fmt: skip


def test_a_place_of_another_country_is_still_refused_with_a_suggestion(
    tmp_path: Path, places: PlaceIndex
) -> None:
    path = _staff_list(tmp_path, ("スリランカ", "Bagmati Province"), ("ネパール", "Sudurpachim"))
    outcome = check_file(path, places, TODAY)
    messages = [problem.message for problem in outcome.problems]
    assert any("not a province of Sri Lanka" in m for m in messages), messages
    assert any("a unit of that name is in Nepal" in m for m in messages), messages
    assert any("did you mean Sudurpashchim Province" in m for m in messages), messages


# -- the API's province= -------------------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    from dashboard.app import create_app
    from dashboard.settings import Settings

    return create_app(Settings()).server.test_client()


def _ids(client, query: str) -> list[str]:
    response = client.get(f"/api/projects?{query}")
    assert response.status_code == 200, response.json
    return sorted(project["id"] for project in response.json["projects"])


@pytest.mark.parametrize(
    ("wide", "units"),
    [
        # Nepal's provinces and zones: a site counts in the one that holds its district
        # (tests/test_nepal_counts.py), not in every unit its own overlaps.
        ("LK-6", "LK-61,LK-62"),
        ("PH-07", ",".join(CENTRAL_VISAYAS)),
        ("MW-C", ",".join(MALAWI_CENTRAL)),
        ("ID-PS", "ID-PA"),  # a Papuan province of 2022, in the unit drawn for it
        ("VN-2025-48", "VN-27,VN-DN"),
    ],
)
def test_province_codes_at_any_level_select_the_projects_of_their_units(
    client, wide: str, units: str
) -> None:
    assert _ids(client, f"province={wide}") == _ids(client, f"province={units}")


def test_the_real_projects_of_those_units_are_found(client) -> None:
    # Not counts: that each country's wider unit finds some of its real projects.
    assert _ids(client, "province=LK-6")
    assert _ids(client, "province=NP-P3")
    assert _ids(client, "province=MW-C")
    assert _ids(client, "province=PH-03")


def test_an_unknown_unit_is_a_400_naming_the_parameter(client) -> None:
    response = client.get("/api/projects?province=LK-99")
    assert response.status_code == 400
    assert "province" in response.get_data(as_text=True)


def test_a_project_placed_on_a_province_counts_in_the_zones_it_overlaps(
    boundaries: BoundaryIndex,
) -> None:
    from dashboard.data.filters import ProjectFilter, select
    from dashboard.data.loading import build_store
    from dashboard.data.model import Location
    from dashboard.data.summaries import province_counts
    from tests.factories import fake_project

    def at(code: str) -> Location:
        return Location(country="NPL", admin1=code, precision=4, lon=85.3, lat=27.7)

    store = build_store(
        [
            fake_project("T-P3", locations=(at("NP-P3"),)),
            fake_project("T-JA", locations=(at("NP-JA"),)),
            fake_project("T-BA", locations=(at("NP-BA"), at("NP-P3"))),
        ],
        {"generated": "test fixture"},
        None,
        boundaries.placement,
    )
    chosen = select(store, ProjectFilter())
    # Sites known at their unit's level alone (no district, no point of their own): tests
    # of the sites whose district is known are in tests/test_nepal_counts.py.
    drawn = {p.code for p in boundaries.current_of("NPL")}
    provinces = province_counts(store, chosen, "NPL", None, drawn)
    # Janakpur Zone was divided between Madhesh and Bagmati: its project counts in both;
    # a project is counted once per province however many of its sites are there.
    assert provinces.to_dict() == {"NP-P2": 1, "NP-P3": 3}
    zones = province_counts(
        store, chosen, "NPL", None, {p.code for p in boundaries.provinces_of("NPL")}
    )
    assert zones.to_dict() == {"NP-BA": 2, "NP-JA": 3, "NP-NA": 2}


def test_a_project_page_draws_the_layer_of_its_time(boundaries: BoundaryIndex) -> None:
    from dashboard.ui.boundary_layers import layer_of, layer_of_time, units_of
    from tests.factories import fake_project

    assert layer_of_time(boundaries, "NPL", date(2022, 2, 4)) == "current"  # provinces
    assert layer_of_time(boundaries, "NPL", date(2005, 8, 1)) == "implemented"  # zones
    assert layer_of_time(boundaries, "NPL", None) == "implemented"
    assert layer_of_time(boundaries, "VNM", date(2019, 4, 1)) == "implemented"
    assert layer_of_time(boundaries, "LKA", date(2022, 1, 1)) == "implemented"
    provinces = layer_of(boundaries, "NPL", "current")
    assert provinces.path.endswith("/admin1/NPL-2015.geojson")

    # A 2022 project placed on Gandaki Zone is drawn on the provinces over it.
    def sites(*codes: str):
        return tuple(Location(country="NPL", admin1=c, precision=4, lon=84, lat=28) for c in codes)

    on_gandaki = fake_project("T-GA", locations=sites("NP-GA", "NP-P4"))
    assert units_of(boundaries, on_gandaki, provinces) == ["NP-P4"]
    on_janakpur = fake_project("T-JA", locations=sites("NP-JA"))
    assert units_of(boundaries, on_janakpur, provinces) == ["NP-P2", "NP-P3"]


def test_search_finds_a_units_projects_by_the_region_it_is_part_of(client) -> None:
    central_luzon = _ids(client, "province=PH-03")
    assert central_luzon
    assert set(central_luzon) <= set(_ids(client, "q=Central Luzon"))
    assert set(_ids(client, "province=LK-6")) <= set(_ids(client, "q=north western province"))


def test_a_download_of_nepals_provinces_says_which_layer() -> None:
    from dashboard.api.exports import ExportRequest, _view_words
    from dashboard.data.filters import ProjectFilter
    from dashboard.i18n import translator

    t = translator("en")
    nepal = _view_words(ExportRequest("csv", layer="current"), ProjectFilter(country=("NPL",)), t)
    assert nepal == "Nepal; Nepal's 7 provinces since 20 September 2015"
    viet_nam = _view_words(
        ExportRequest("csv", layer="current"), ProjectFilter(country=("VNM",)), t
    )
    assert viet_nam.endswith("Viet Nam's provinces in force since 1 July 2025")


def test_one_function_lists_a_countrys_layers_units_and_wider_units(
    boundaries: BoundaryIndex,
) -> None:
    nepal = boundaries.country_places("NPL")
    zones, provinces = nepal["layers"]
    assert (zones["level"], zones["valid_until"], len(zones["units"])) == ("zone", "2015-09-19", 14)
    assert (provinces["level"], provinces["valid_from"]) == ("province", "2015-09-20")
    bagmati = next(u for u in provinces["units"] if u["code"] == "NP-P3")
    assert bagmati == {
        "code": "NP-P3",
        "name_en": "Bagmati Province",
        "name_ja": "バグマティ州",
        "name_local": "Bagmati",
        "overlaps": ["NP-BA", "NP-JA", "NP-NA"],
    }
    sri_lanka = boundaries.country_places("LKA")
    assert len(sri_lanka["layers"]) == 1 and len(sri_lanka["layers"][0]["units"]) == 25
    north_western = next(u for u in sri_lanka["wider"] if u["code"] == "LK-6")
    assert north_western["units"] == ["LK-61", "LK-62"]
    assert north_western["name_ja"] == "北西部州"
    hue = next(
        u
        for u in boundaries.country_places("VNM")["layers"][1]["units"]
        if u["code"] == "VN-2025-46"
    )
    assert hue["formed_from"] == ["VN-26"]


def test_a_nepal_district_is_in_its_zone_before_2015_and_its_province_after(
    places: PlaceIndex,
) -> None:
    before, after = date(2005, 8, 1), date(2022, 2, 4)
    assert places.resolve("NPL", "Kaski District", before) == Resolution(
        ("NP-GA",), 3, place="Kaski"
    )
    assert places.resolve("NPL", "Kaski District", after) == Resolution(
        ("NP-P4",), 3, place="Kaski"
    )
    # Divided in 2015: one zone before, no one province after.
    assert places.resolve("NPL", "Nawalparasi", before) == Resolution(
        ("NP-LU",), 3, place="Nawalparasi"
    )
    assert places.resolve("NPL", "Nawalparasi", after) is None


def test_the_zone_table_agrees_with_the_geometries() -> None:
    """Each district's zone (a hand-kept table of 1962-2015) overlaps its province (built
    from the reference's local units): the two sources check each other."""
    import geopandas as gpd

    from dashboard.data.nepal import DISTRICT_PROVINCE, NEPAL_LAYER

    layer = gpd.read_file(BOUNDARIES / NEPAL_LAYER)
    zones_of = {
        code: set(former.split(","))
        for code, former in zip(layer["code"], layer["former_codes"], strict=True)
    }
    districts = [d for ds in levels.NEPAL_ZONE_DISTRICTS.values() for d in ds]
    assert len(districts) == len(set(districts)) == 75
    for zone, names in levels.NEPAL_ZONE_DISTRICTS.items():
        for district in names:
            if district in DISTRICT_PROVINCE:
                assert zone in zones_of[DISTRICT_PROVINCE[district]], (district, zone)


def test_a_staff_list_places_a_district_by_the_projects_time(
    tmp_path: Path, places: PlaceIndex
) -> None:
    lines = [
        "T-1,TEST 1,ネパール,Kaski District,TEST,,,2005年8月～2008年3月,https://example.invalid/1",
        "T-2,TEST 2,ネパール,Kaski District,TEST,,,2022年2月～2025年1月,https://example.invalid/2",
    ]
    path = tmp_path / "list.csv"
    path.write_text(HEADER_JA + "\n".join(lines) + "\n", encoding="utf-8")
    outcome = check_file(path, places, TODAY)
    assert outcome.problems == []
    got = {p.id: [(loc.admin1, loc.precision) for loc in p.locations] for _, p in outcome.accepted}
    assert got == {"T-1": [("NP-GA", 3)], "T-2": [("NP-P4", 3)]}


def test_a_link_to_one_of_nepals_provinces_draws_the_provinces(boundaries: BoundaryIndex) -> None:
    from dashboard.ui.view_state import view_from_query

    today = date(2026, 11, 22)
    view = view_from_query("?country=NPL&province=NP-P3", today, boundaries, "VNM")
    assert view is not None
    assert (view.country, view.layer, view.controls["provinces"]) == ("NPL", "current", ["NP-P3"])
    zones = view_from_query("?country=NPL&province=NP-BA", today, boundaries, "VNM")
    assert zones is not None and zones.layer == "implemented"
    asked = view_from_query(
        "?country=NPL&province=NP-P3&layer=implemented", today, boundaries, "VNM"
    )
    assert asked is not None and asked.layer == "implemented"
    sri_lanka = view_from_query("?country=LKA&province=LK-6", today, boundaries, "VNM")
    assert sri_lanka is not None and sri_lanka.controls["provinces"] == ["LK-6"]
