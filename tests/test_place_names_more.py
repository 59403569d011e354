"""Names refused before (issue 14's review, item 6), each resolved from a source that gives it:
Nepal's districts in Japanese as JICA's pages write them, ISO 3166-2 names in Japanese and the
local languages from iso-codes (pycountry's catalogues), the Philippines' regions with Arabic
numerals; a name of two periods (Bagmati: the zone, the province) by the project's time."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard import REPO_ROOT
from dashboard.data import place_levels as levels
from dashboard.data.places import PlaceIndex

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
BEFORE, AFTER = date(2005, 8, 1), date(2022, 2, 4)
CENTRAL_VISAYAS = ("PH-BOH", "PH-CEB", "PH-LAP", "PH-MDE", "PH-NER", "PH-SIG")


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return PlaceIndex.load(BOUNDARIES)


@pytest.mark.parametrize(
    ("iso3", "name", "day", "codes", "precision"),
    [
        ("NPL", "カスキ郡", AFTER, ("NP-P4",), 3),  # JICA's name of Kaski District (NP01)
        ("NPL", "カスキ郡", BEFORE, ("NP-GA",), 3),  # its zone before 2015
        ("NPL", "オカルドゥンガ郡", AFTER, ("NP-P1",), 3),
        ("NPL", "バグマティ州", None, ("NP-P3",), 4),
        ("NPL", "バグマティ", AFTER, ("NP-P3",), 4),  # the province of the project's time
        ("NPL", "バグマティ", BEFORE, ("NP-BA",), 4),  # the zone of its time
        ("NPL", "Bagmati", AFTER, ("NP-P3",), 4),
        ("NPL", "बागमती प्रदेश", None, ("NP-P3",), 4),  # iso-codes' Devanagari name
        ("NPL", "बागमती", None, ("NP-P3",), 4),
        ("LKA", "வட மேற்கு மாகாணம்", None, ("LK-61", "LK-62"), 4),  # Tamil, iso-codes
        ("PHL", "Region 7", None, CENTRAL_VISAYAS, 4),
        ("PHL", "Region VII", None, CENTRAL_VISAYAS, 4),
        ("PHL", "Central Visayas", None, CENTRAL_VISAYAS, 4),
        ("PHL", "中部ビサヤ地方", None, CENTRAL_VISAYAS, 4),
    ],
)
def test_names_resolve(places, iso3, name, day, codes, precision) -> None:
    found = places.resolve(iso3, name, day)
    assert found is not None, name
    assert (found.codes, found.precision) == (codes, precision)


def test_names_no_source_gives_stay_refused(places) -> None:
    # iso-codes has no Sinhala catalogue, and the curators do not invent one.
    assert places.resolve("LKA", "වයඹ පළාත") is None
    # Bagmati with no time: the zone or the province, not guessed.
    assert places.resolve("NPL", "バグマティ") is None
    assert places.resolve("NPL", "Bagmati") is None


def test_the_sources_of_those_names() -> None:
    assert levels.iso_names("NP-P3") == ("बागमती",)
    assert levels.iso_names("LK-6") == ("வட மேற்கு மாகாணம்",)
    assert set(levels.NEPAL_DISTRICT_JA) == {
        "Kaski", "Kavrepalanchok", "Sindhupalchowk", "Makwanpur", "Okhaldhunga"
    }  # fmt: skip
    # A site's Japanese place names its district too.
    assert levels.district_units("カスキ郡ニルマルポカリ村") == ("NP-GA", "NP-P4")


# -- a unit not in force in the project's time: a warning (item 7) --------------------------


def _nepal_project(code: str, start: str, end: str = ""):
    from dashboard.data.model import Location
    from tests.factories import fake_project

    site = Location(country="NPL", admin1=code, precision=4, lon=85.3, lat=27.7)
    return fake_project("T-NP", start=start, end=end, locations=(site,))


@pytest.mark.parametrize(
    ("code", "start", "end", "warned"),
    [
        ("NP-P3", "2010-04", "2013-03", True),  # a province of 2015, for 2010-2013
        ("NP-P3", "2010-04", "", True),  # no end: its start
        ("NP-P3", "2014-04", "2017-03", False),  # it ran into the provinces' time
        ("NP-BA", "2010-04", "2013-03", False),  # the zone of its time
        ("NP-BA", "2022-02", "2025-02", True),  # a zone abolished in 2015
        ("VN-2025-46", "2019-04", "2021-03", True),  # Viet Nam's 34, before July 2025
        ("VN-2025-46", "2024-04", "2026-03", False),
        ("VN-26", "2019-04", "2021-03", False),
        ("NP-P3", "", "", False),  # no date: nothing to say
        ("LK-61", "2010-04", "2013-03", False),
    ],
)
def test_a_unit_of_another_period_is_a_warning(code, start, end, warned) -> None:
    from dashboard.data.validation import check_project

    findings = [
        f for f in check_project(_nepal_project(code, start, end)) if f.field == "locations"
    ]
    assert bool(findings) == warned
    if warned:
        assert findings[0].severity == "warning" and code in findings[0].message


def test_an_import_warns_naming_the_row_and_the_column(tmp_path, places) -> None:
    from dashboard.data.exchange.importer import check_file

    header = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"
    row = 'T-1,TEST 1,ネパール,"Bagmati Province",TEST,,,2010年4月～2013年3月,https://example.invalid/1'
    path = tmp_path / "list.csv"
    path.write_text(header + row + "\n", encoding="utf-8")
    outcome = check_file(path, places, date(2026, 12, 6))
    assert len(outcome.accepted) == 1  # a warning keeps the row
    (warning,) = [p for p in outcome.problems if "NP-P3" in p.message]
    assert (warning.severity, warning.row, warning.column) == ("warning", 2, "対象地域")
    assert "since 2015-09-20" in warning.message


# -- region names in the page's language (item 8) -------------------------------------------


def test_region_names_are_shown_in_the_pages_language() -> None:
    from dashboard.api.serialize import project_record
    from dashboard.data.model import Location
    from dashboard.data.repository import BoundaryIndex
    from dashboard.i18n import translator
    from dashboard.ui.detail_panel.layout import _locations
    from tests.factories import fake_project

    boundaries = BoundaryIndex.read(BOUNDARIES)
    ja = translator("ja")
    luzon = boundaries.region_unit("PHL", "Region III (Central Luzon)")
    assert luzon is not None and luzon.code == "PH-03"
    assert ja.province(luzon) == "中部ルソン地方"
    north_western = boundaries.region_unit("LKA", "North Western Province")
    assert north_western is not None and ja.province(north_western) == "北西部州"
    assert boundaries.region_unit("LKA", "Somewhere else") is None

    site = Location(
        country="LKA",
        admin1="LK-61",
        precision=4,
        lon=80.2,
        lat=7.6,
        region="North Western Province",
    )
    project = fake_project("T-LK", locations=(site,))
    record = project_record(project, "ongoing", boundaries, ja)
    assert record["locations"][0]["region"] == "North Western Province"  # the record's own
    assert record["locations"][0]["region_name"] == "北西部州"
    card = str(_locations(project, boundaries, ja)[0])
    assert "北西部州" in card and "North Western Province" not in card


# -- Viet Nam's 2025 codes in staff lists, as the API takes them (item 10) -----------------


def test_a_staff_list_naming_viet_nams_2025_units_imports_their_provinces(tmp_path, places):
    from dashboard.data.exchange.importer import check_file

    header = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"
    rows = [
        'T-1,TEST 1,ベトナム,"VN-2025-46",TEST,,,2025年8月～2027年3月,https://example.invalid/1',
        'T-2,TEST 2,ベトナム,"VN-2025-48",TEST,,,2025年8月～2027年3月,https://example.invalid/2',
    ]
    path = tmp_path / "list.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = check_file(path, places, date(2026, 12, 6))
    assert [p for p in outcome.problems if p.severity == "error"] == []
    got = {
        project.id: [(loc.admin1, loc.precision, loc.region) for loc in project.locations]
        for _, project in outcome.accepted
    }
    assert got["T-1"] == [("VN-26", 4, None)]  # Huế: the same territory as Thừa Thiên Huế
    # Da Nang since 2025 is the old Da Nang and Quảng Nam: one site each, the unit recorded.
    assert got["T-2"] == [("VN-27", 4, "Da Nang"), ("VN-DN", 4, "Da Nang")]


def test_a_2025_unit_named_for_an_earlier_project_is_a_warning(tmp_path, places) -> None:
    from dashboard.data.exchange.importer import check_file

    header = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"
    rows = [
        'T-1,TEST 1,ベトナム,"VN-2025-48",TEST,,,2019年4月～2021年3月,https://example.invalid/1',
        'T-2,TEST 2,ベトナム,"VN-2025-48",TEST,,,2024年4月～2026年3月,https://example.invalid/2',
    ]
    path = tmp_path / "list.csv"
    path.write_text(header + "\n".join(rows) + "\n", encoding="utf-8")
    outcome = check_file(path, places, date(2026, 12, 6))
    assert len(outcome.accepted) == 2  # warnings keep the rows
    warned = [(p.row, p.column) for p in outcome.problems if "VN-2025-48" in p.message]
    assert warned == [(2, "対象地域")]  # 2019-2021 only: 2024-2026 ran into the 34's time
