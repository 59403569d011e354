"""Partners as organisations: a key per organisation, every spelling of it, and the rules
that read the table and attach partners to it (small tables made here, not the dataset)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.data.curation import CurationError, curate
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.loading import build_store
from dashboard.data.model import Partner
from dashboard.data.organisations import (
    COLUMNS,
    OrganisationIndex,
    OrganisationTableError,
    attach,
    attach_known,
    read_organisations,
)
from dashboard.data.summaries import same_partner_projects
from dashboard.i18n import translator
from tests.factories import fake_project

GEODATA = REPO_ROOT / "geodata"
RESEARCH = REPO_ROOT.parent / "shared" / "reference" / "jpp_projects_research.csv"
HEADER = ",".join(COLUMNS)
WATERWORKS = (
    "yokohama-waterworks,Yokohama Waterworks Bureau,横浜市水道局,source,"
    "Yokohama City Waterworks Bureau | ＹＯＫＯＨＡＭＡ　Water,"
)
CITY = "yokohama-city,Yokohama City,横浜市,translated,,official name"


def table(tmp_path: Path, *rows: str) -> Path:
    path = tmp_path / "organisations.csv"
    path.write_text("\n".join((HEADER, *rows)) + "\n", encoding="utf-8")
    return path


def test_any_spelling_finds_the_organisation(tmp_path):
    index = OrganisationIndex(read_organisations(table(tmp_path, WATERWORKS, CITY)))
    for spelling in (
        "Yokohama Waterworks Bureau",
        "yokohama city waterworks bureau",  # case
        "横浜市水道局",
        "Yokohama  Water",  # width and spacing folded: the variant was written full-width
    ):
        found = index.resolve(spelling)
        assert found is not None and found.key == "yokohama-waterworks", spelling
    assert index.resolve("Yokohama") is None  # a part of a name is not the organisation
    assert index.resolve("") is None


@pytest.mark.parametrize(
    ("row", "field"),
    [
        ("Yokohama City,Yokohama City,横浜市,source,,", "key"),  # not a key
        ("yokohama-city,Yokohama City,横浜市,guessed,,", "name_ja_basis"),
        ("yokohama-city,,,,,", "name_en"),  # no name at all
        ("yokohama-city,Yokohama City,,translated,,", "name_ja_basis"),  # nothing to qualify
        (f"yokohama-city,{'Y' * 201},,,,", "name_en"),  # a name is not a page
        (CITY, "key"),  # listed twice
    ],
)
def test_a_bad_row_is_named_by_file_row_and_field(tmp_path, row, field):
    path = table(tmp_path, CITY, row)
    with pytest.raises(OrganisationTableError) as error:
        read_organisations(path)
    assert str(error.value).startswith(f"{path}, row 3, {field}:")


def test_a_spelling_of_two_organisations_is_refused(tmp_path):
    other = "yokohama-water-council,Yokohama Water Business Council,,,Yokohama Waterworks Bureau,"
    with pytest.raises(OrganisationTableError, match="names both"):
        read_organisations(table(tmp_path, WATERWORKS, other))


def test_no_table_is_no_registry(tmp_path):
    assert read_organisations(tmp_path / "missing.csv") == {}


def test_a_curated_partner_carries_the_organisation_and_where_its_japanese_name_comes_from(
    tmp_path,
):
    organisations = read_organisations(table(tmp_path, WATERWORKS, CITY))
    bureau = attach(
        Partner(name="Yokohama City Waterworks Bureau"), organisations["yokohama-waterworks"]
    )
    assert (bureau.name, bureau.name_ja, bureau.org) == (
        "Yokohama Waterworks Bureau",
        "横浜市水道局",
        "yokohama-waterworks",
    )
    assert bureau.aliases == ("Yokohama City Waterworks Bureau", "ＹＯＫＯＨＡＭＡ　Water")
    assert not bureau.name_ja_translated
    city = attach(Partner(name="Yokohama City"), organisations["yokohama-city"])
    assert city.name_ja_translated
    # The Japanese page marks a name the curators wrote; the English page shows it beside.
    shown = translator("ja").partner_name(city)
    assert shown is not None and (shown.text, shown.translated) == ("横浜市", True)
    assert translator("en").partner_name(city).translated is False


def test_a_staff_list_keeps_its_wording_and_gains_the_key(tmp_path):
    index = OrganisationIndex(read_organisations(table(tmp_path, WATERWORKS, CITY)))
    written, unknown = attach_known(
        (Partner(name="Yokohama City Waterworks Bureau"), Partner(name="A new NGO")), index
    )
    assert (written.name, written.org, written.name_ja) == (
        "Yokohama City Waterworks Bureau",
        "yokohama-waterworks",
        "横浜市水道局",
    )
    assert "Yokohama Waterworks Bureau" in written.aliases  # search finds the canonical name
    assert unknown == Partner(name="A new NGO")  # no guess
    assert (unknown.identity, written.identity) == ("A new NGO", "yokohama-waterworks")


def test_other_projects_of_the_same_partner_are_found_by_key_not_spelling():
    def partner(name: str, org: str | None) -> tuple[Partner, ...]:
        return (Partner(name=name, org=org),)

    store = build_store(
        [
            fake_project(
                "T1", partners=partner("Yokohama Waterworks Bureau", "yokohama-waterworks")
            ),
            fake_project("T2", partners=partner("横浜市水道局", "yokohama-waterworks")),
            fake_project("T3", partners=partner("Yokohama City", "yokohama-city")),
            fake_project("T4", partners=partner("A new NGO", None)),
            fake_project("T5", partners=partner("A new NGO", None)),
        ],
        {"generated": "test fixture"},
    )
    same = {p.id: [o.id for o in same_partner_projects(store, p)] for p in store.projects}
    assert same == {"T1": ["T2"], "T2": ["T1"], "T3": [], "T4": ["T5"], "T5": ["T4"]}


def test_search_finds_a_partner_by_any_of_its_names():
    bureau = Partner(
        name="Yokohama Waterworks Bureau",
        name_ja="横浜市水道局",
        org="yokohama-waterworks",
        aliases=("Yokohama City Waterworks Bureau",),
    )
    store = build_store(
        [fake_project("T1", partners=(bureau,)), fake_project("T2")], {"generated": "test fixture"}
    )
    for query in ("横浜", "Yokohama", "yokohama city waterworks"):
        selection = select(store, ProjectFilter(q=query))
        assert [store.projects[i].id for i in selection.mask.nonzero()[0]] == ["T1"], query


def test_curation_refuses_a_partner_spelt_as_no_spelling_of_its_organisation(tmp_path):
    curation = tmp_path / "curation"
    shutil.copytree(GEODATA / "curation", curation)
    partners = curation / "partners.csv"
    text = partners.read_text(encoding="utf-8")
    partners.write_text(
        text.replace(
            "yokohama-waterworks,Yokohama Waterworks Bureau,", "yokohama-waterworks,Kobe City,"
        ),
        encoding="utf-8",
    )
    with pytest.raises(CurationError, match=r"partners\.csv, row 2, column 'name': 'Kobe City'"):
        curate(RESEARCH, curation, GEODATA / "boundaries", "2026-12-06")


def test_prefecture_names_are_natural_earths():
    """A prefecture's Japanese name comes from the boundary file the map draws, as its row says."""
    import json
    import re

    features = json.loads((GEODATA / "boundaries" / "admin1" / "JPN.geojson").read_text("utf-8"))
    names = {f["properties"]["code"]: f["properties"]["name_ja"] for f in features["features"]}
    organisations = read_organisations(GEODATA / "curation" / "organisations.csv")
    checked = 0
    for organisation in organisations.values():
        if match := re.search(r"Natural Earth's (JP-\d\d)", organisation.note):
            assert organisation.name_ja == names[match.group(1)], organisation.key
            checked += 1
    assert checked >= 9
