"""IATI publishing: the selection as an IATI 2.03 activity file that the schema accepts, with
codes from the vocabularies, nothing a record does not state, and a round trip back to the
same essentials."""

from __future__ import annotations

from datetime import UTC, date, datetime
from urllib.parse import urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.cli import main as cli
from dashboard.data import vocab
from dashboard.data.exchange.iati import codes
from dashboard.data.exchange.iati.writer import (
    NO_DATE,
    NO_STATUS,
    IatiOptions,
    NothingToPublish,
    activity_dates,
    left_out_reason,
    to_iati,
)
from dashboard.data.exchange.importer import check_file
from dashboard.data.filters import statuses_as_of
from dashboard.data.loading import load_store
from dashboard.data.model import Location, Partner
from dashboard.settings import Settings
from tests.factories import fake_project

SCHEMA_DIR = REPO_ROOT.parent / "shared" / "reference" / "iati-2.03"
AS_OF = date(2026, 12, 6)
MADE = datetime(2026, 12, 6, 9, 0, tzinfo=UTC)
JICA_PREFIX = "XM-DAC-701-8-JPP-"


@pytest.fixture(scope="module")
def schema() -> etree.XMLSchema:
    path = SCHEMA_DIR / "iati-activities-schema.xsd"
    if not path.exists():
        pytest.fail(f"the IATI 2.03 schema is missing: {path}")
    return etree.XMLSchema(etree.parse(str(path)))


@pytest.fixture(scope="module")
def store():
    return load_store(REPO_ROOT / "geodata" / "projects.json")


def options_for(projects, statuses=None, publisher=None) -> IatiOptions:
    return IatiOptions(
        publisher=publisher or codes.Publisher(),
        as_of=AS_OF,
        statuses=statuses or {p.id: "completed" for p in projects},
        generated=MADE,
    )


@pytest.fixture(scope="module")
def whole(store):
    """The whole default dataset's file, statuses on AS_OF."""
    statuses = statuses_as_of(store, AS_OF).to_numpy()
    by_id = {p.id: str(statuses[row]) for row, p in enumerate(store.projects)}
    return to_iati(store.projects, options_for(store.projects, by_id)), by_id


def parsed(data: bytes) -> etree._Element:
    return etree.fromstring(data)


def test_the_whole_datasets_file_is_valid_iati_2_03(whole, schema):
    written, _ = whole
    document = parsed(written.data)
    assert document.tag == "iati-activities" and document.get("version") == "2.03"
    schema.assertValid(document)
    assert len(document.findall("iati-activity")) == len(written.written) > 0


def test_a_project_is_left_out_exactly_when_iati_would_need_a_guess(store, whole):
    written, statuses = whole
    expected = {
        p.id
        for p in store.projects
        if (p.start is None and p.end is None) or statuses[p.id] == "unknown"
    }
    assert {project_id for project_id, _ in written.left_out} == expected
    assert set(written.written) == {p.id for p in store.projects} - expected
    comment = parsed(written.data)[0]
    assert isinstance(comment, etree._Comment)
    assert f"{len(expected)} projects of the selection are not in this file" in comment.text


def test_every_code_comes_from_the_vocabularies(whole, store):
    document = parsed(whole[0].data)
    field_codes = {code for term in vocab.FIELDS for code in term.codes}
    for sector in document.iter("sector"):
        assert sector.get("code") in field_codes
        assert len(sector.get("code")) == {"1": 5, "2": 3}[sector.get("vocabulary")]
    partner_codes = {code for term in vocab.PARTNER_TYPES for code in term.codes}
    for org in document.iter("participating-org"):
        assert org.get("role") in {"1", "3", "4"}
        if org.get("role") == "1":
            assert (org.get("ref"), org.get("type")) == (codes.JICA, codes.GOVERNMENT)
        elif org.get("type"):
            assert org.get("type") in partner_codes
    status_codes = {code for term in vocab.STATUSES for code in term.codes}
    assert {s.get("code") for s in document.iter("activity-status")} <= status_codes
    assert {d.get("type") for d in document.iter("activity-date")} <= {"1", "2", "3", "4"}
    features = {"ADM1", "ADM2", "PPL", codes.COUNTRY_FEATURE}
    assert {f.get("code") for f in document.iter("feature-designation")} <= features
    assert {e.get("code") for e in document.iter("exactness")} <= {"1", "2"}
    for budget in document.iter("budget"):
        assert budget.get("status") in {"1", "2"}
        assert budget.find("value").get("currency") == "JPY"
    for link in document.iter("document-link"):
        assert link.find("category").get("code") == "A12"
        assert link.get("format") in {"text/html", "application/pdf"}


def test_identifiers_are_the_documented_stable_scheme(whole, store):
    document = parsed(whole[0].data)
    identifiers = [_.text for _ in document.iter("iati-identifier")]
    assert identifiers == [JICA_PREFIX + project_id for project_id in whole[0].written]
    assert len(set(identifiers)) == len(identifiers)
    assert {r.get("ref") for r in document.iter("reporting-org")} == {codes.JICA}


def test_recipient_countries_and_admin1_are_the_records(whole, store):
    document = parsed(whole[0].data)
    by_id = {p.id: p for p in store.projects}
    for element in document.iter("iati-activity"):
        project = by_id[element.findtext("iati-identifier").removeprefix(JICA_PREFIX)]
        countries = [c.get("code") for c in element.iter("recipient-country")]
        assert countries == [codes.country_alpha2(c) for c in project.countries]
        refs = [loc.get("ref") for loc in element.iter("location") if loc.get("ref")]
        assert refs == [loc.admin1 for loc in project.locations if loc.admin1]
        # Points only for sites: a province's marker point is no fact of the project.
        points = [loc for loc in element.iter("location") if loc.find("point") is not None]
        assert len(points) == sum(loc.precision in {1, 2, 3} for loc in project.locations)


def test_the_round_trip_reads_back_the_same_essentials(tmp_path, whole, store, places):
    path = tmp_path / "ours.xml"
    path.write_bytes(whole[0].data)
    outcome = check_file(path, places, AS_OF)
    assert not outcome.has_errors
    back = {project.id: project for _, project in outcome.accepted}
    assert list(back) == list(whole[0].written)
    for original in store.projects:
        if original.id not in back:
            continue
        again = back[original.id]
        assert (again.title_en, again.title_ja) == (original.title_en, original.title_ja)
        assert again.countries == original.countries
        for before, after in ((original.start, again.start), (original.end, again.end)):
            if before is None:
                assert after is None
            else:
                assert (after.earliest, after.latest) == (before.earliest, before.latest)
                assert after.precision == before.precision
        published = original.budget is not None and original.budget.is_total
        published = published and original.start is not None and original.end is not None
        assert (again.budget.yen if again.budget else None) == (
            original.budget.yen if published else None
        )
        if published:
            assert (again.budget.kind == "contract") == (original.budget.kind == "contract")
        # A type no source states is not published (the map marks it inferred; IATI can't).
        assert [(p.name, p.name_ja, p.type) for p in again.partners] == [
            (p.name, p.name_ja, p.type if p.type_stated else None) for p in original.partners
        ]
        assert again.fields == original.fields
        assert [loc.admin1 for loc in again.locations] == [loc.admin1 for loc in original.locations]


def test_a_role_type_or_field_no_source_states_is_not_published_as_stated():
    """GENERATED records: the curators inferred the partner's role and type and the field."""
    from dataclasses import replace

    base = fake_project("G-2", start="2020-04", end="2022-03")
    guessed = replace(
        base,
        partners=tuple(
            replace(p, role="proposer", role_stated=False, type_stated=False) for p in base.partners
        ),
        not_stated_by_source=("sector",),
    )
    stated = replace(
        base,
        id="G-3",
        partners=tuple(
            replace(p, role="proposer", role_stated=True, type_stated=True) for p in base.partners
        ),
    )
    projects = [guessed, stated]
    statuses = {"G-2": "ongoing", "G-3": "ongoing"}
    first, second = parsed(to_iati(projects, options_for(projects, statuses)).data)
    partner = first.findall("participating-org")[1]
    assert partner.get("role") == "4" and partner.get("type") is None  # implementing, no type
    assert all(s.find("narrative") is not None for s in first.findall("sector"))
    partner = second.findall("participating-org")[1]
    assert partner.get("role") == "3" and partner.get("type")  # a stated proposer: extending
    assert all(s.find("narrative") is None for s in second.findall("sector"))


def test_what_a_record_does_not_state_is_left_out():
    """GENERATED records: no budget, no fields, no partner type, no source, no end."""
    bare = fake_project(
        "G-1", start="2020-04", fields=(), partner_type=None, sources=("a booklet, p. 3",)
    )
    element = parsed(to_iati([bare], options_for([bare], {"G-1": "ongoing"})).data)[0]
    for tag in ("budget", "sector", "document-link"):
        assert element.find(tag) is None, tag
    partner = element.findall("participating-org")[1]
    assert partner.get("type") is None and partner.get("role") == codes.IMPLEMENTING
    assert [d.get("type") for d in element.iter("activity-date")] == [codes.ACTUAL_START]
    assert element.find("activity-status").get("code") == "2"


@pytest.mark.parametrize(
    ("kind", "status"),
    [("contract", "2"), ("estimate", "1"), ("stated", "1"), ("partial", None),
     ("upper_bound", None)],
)  # fmt: skip
def test_a_budget_says_contract_or_estimate_and_only_the_whole_projects(kind, status):
    project = fake_project("G-2", start="2016-02", end="2019-02", budget=45_000_000,
                           budget_kind=kind)  # fmt: skip
    element = parsed(to_iati([project], options_for([project])).data)[0]
    budget = element.find("budget")
    if status is None:
        assert budget is None
        return
    assert (budget.get("type"), budget.get("status")) == ("1", status)
    assert budget.find("period-start").get("iso-date") == "2016-02-01"
    assert budget.find("period-end").get("iso-date") == "2019-02-28"
    value = budget.find("value")
    assert (value.text, value.get("currency"), value.get("value-date")) == (
        "45000000",
        "JPY",
        "2016-02-01",
    )


def test_dates_keep_their_precision_and_say_planned_or_actual():
    project = fake_project("G-3", start="FY2014", end="2027-03")
    found = activity_dates(project, AS_OF)
    assert found == [
        (codes.ACTUAL_START, date(2014, 4, 1), "FY2014"),
        (codes.PLANNED_END, date(2027, 3, 31), "2027-03"),
    ]
    planned = fake_project("G-4", start="2016 (planned)", end="2016-05-31")
    assert activity_dates(planned, AS_OF) == [
        (codes.PLANNED_START, date(2016, 1, 1), "2016 (planned)"),
        (codes.ACTUAL_END, date(2016, 5, 31), ""),
    ]


def test_titles_in_every_language_the_record_has():
    from dataclasses import replace

    project = replace(fake_project("G-5", start="2020"), title_ja="テスト", title_local="Thử")
    title = parsed(to_iati([project], options_for([project])).data)[0].find("title")
    langs = [n.get("{http://www.w3.org/XML/1998/namespace}lang") for n in title]
    assert langs == ["en", "ja", "vi"]
    two = replace(project, countries=("VNM", "MYS"))
    assert codes.local_language(two.countries) is None


def test_partners_keep_their_roles_and_organisation_types():
    stated = {"type_stated": True, "role_stated": True}  # as a source says them
    partners = (
        Partner(name="TEST City", type="local_government", role="proposer", **stated),
        Partner(name="TEST NPO", name_ja="テストNPO", type="ngo", role="implementer", **stated),
        Partner(name="", type="university", role="cooperating", **stated),
    )
    project = fake_project("G-6", start="2020", partners=partners)
    orgs = parsed(to_iati([project], options_for([project])).data)[0].findall("participating-org")
    assert [(o.get("role"), o.get("type")) for o in orgs] == [
        ("1", "10"), ("3", "11"), ("4", "21"), ("4", "80")
    ]  # fmt: skip
    assert [n.text for n in orgs[2]] == ["TEST NPO", "テストNPO"]
    assert len(orgs[3]) == 0  # a university whose name no source gives: no name is made up


def test_locations_say_their_precision():
    sites = (
        Location("VNM", "VN-26", 4, 107.5, 16.4),
        Location("VNM", "VN-26", 2, 107.58, 16.46, place="TEST town", geonameid=123),
        Location("MYS", None, 6, 102.0, 4.0),
    )
    project = fake_project("G-7", start="2020", locations=sites)
    element = parsed(to_iati([project], options_for([project])).data)[0]
    province, town, country = element.findall("location")
    assert province.get("ref") == "VN-26" and province.find("point") is None
    assert province.find("feature-designation").get("code") == "ADM1"
    assert town.find("point/pos").text == "16.46000 107.58000"
    assert town.find("location-id").attrib == {"vocabulary": "G1", "code": "123"}
    assert town.find("name/narrative").text == "TEST town"
    assert country.find("administrative").attrib == {"vocabulary": "A4", "level": "0", "code": "MY"}


def test_nothing_to_publish_is_an_error_not_an_empty_file():
    undated = fake_project("G-8")
    assert left_out_reason(undated, "completed") == NO_DATE
    assert left_out_reason(fake_project("G-9", start="2020"), "unknown") == NO_STATUS
    with pytest.raises(NothingToPublish):
        to_iati([undated], options_for([undated]))


@pytest.mark.parametrize("project_id", ["VN03", "T 001", "A/B&C?", "案件-1", "50%"])
def test_an_identifier_reads_back_to_its_project_id(project_id):
    identifier = codes.activity_identifier(codes.JICA, project_id)
    assert not set(identifier) & set(" /&|?")
    assert codes.project_id_of(identifier, codes.JICA) == project_id
    assert codes.project_id_of("GB-CHC-1-X", codes.JICA) == "GB-CHC-1-X"


@pytest.mark.parametrize(
    ("vocabulary", "code", "field"),
    [("1", "43060", "disaster"), ("1", "14050", "environment"), ("1", "14030", "water"),
     ("2", "311", "agriculture"), ("1", "12220", "health"), ("1", "99810", None),
     ("2", "43060", None), ("10", "140", None), ("1", "1402x", None)],
)  # fmt: skip
def test_sector_codes_map_back_to_fields(vocabulary, code, field):
    assert codes.field_of_sector(vocabulary, code) == field


def test_every_field_has_a_sector_of_its_own_codes():
    for term in vocab.FIELDS:
        vocabulary, code = codes.sector(term.key)
        assert code in term.codes
        assert codes.field_of_sector(vocabulary, code) == term.key


def test_the_publisher_setting():
    assert Settings.from_env({}).iati_publisher == codes.Publisher()
    env = {"JPP_IATI_PUBLISHER": "GB-CHC-1234", "JPP_IATI_PUBLISHER_NAME": "TEST NGO",
           "JPP_IATI_PUBLISHER_TYPE": "21"}  # fmt: skip
    assert Settings.from_env(env).iati_publisher == codes.Publisher("GB-CHC-1234", "TEST NGO", "21")
    # A wrong publisher now refuses to start (tests/test_api_more.py), no longer falls back
    # to JICA with a warning.


# -- the API and the command line ---------------------------------------------------------


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


def test_the_api_answers_the_filtered_selection_as_iati(client, schema):
    answer = client.get("/api/projects.iati.xml?country=VNM&field=water")
    assert answer.status_code == 200
    assert answer.headers["Content-Type"] == "application/xml; charset=utf-8"
    assert answer.headers["Content-Disposition"].startswith(
        'attachment; filename="jpp-projects-VNM-water-'
    )
    document = parsed(answer.data)
    schema.assertValid(document)
    activities = document.findall("iati-activity")
    assert int(answer.headers["X-IATI-Activities"]) == len(activities) > 0
    assert {c.get("code") for c in document.iter("recipient-country")} >= {"VN"}
    for element in activities:
        assert element.find("sector[@code='140']") is not None
    assert answer.headers["X-Data-Version"]


def test_the_api_status_follows_as_of(client):
    def status(as_of: str) -> str:
        answer = client.get(f"/api/projects.iati.xml?country=VNM&as_of={as_of}")
        for element in parsed(answer.data).iter("iati-activity"):
            if element.findtext("iati-identifier") == JICA_PREFIX + "VN02":
                return element.find("activity-status").get("code")
        raise AssertionError("VN02 is not in the file")

    # VN02 ran from 2013-12 to 2016-11 (its record): ongoing in 2015, completed in 2017.
    assert (status("2015-01"), status("2017-01")) == ("2", "3")


def test_bad_input_is_a_400_naming_the_parameter(client):
    answer = client.get("/api/projects.iati.xml?field=fishing")
    assert answer.status_code == 400
    assert answer.get_json()["error"]["parameter"] == "field"
    # The page's own parameters are read as on every answer (a page's query pasted here).
    assert client.get("/api/projects.iati.xml?view=world&layer=current").status_code == 200
    answer = client.get("/api/projects.iati.xml?view=mars")
    assert (answer.status_code, answer.get_json()["error"]["parameter"]) == (400, "view")


def test_a_selection_with_nothing_to_publish_is_a_404_that_says_why(client):
    answer = client.get("/api/projects.iati.xml?q=zzzz-no-such-project")
    assert answer.status_code == 404
    assert "IATI" in answer.get_json()["error"]["message"]


def test_the_api_bounds_one_file(client, monkeypatch):
    from dashboard.api import iati

    monkeypatch.setattr(iati, "MAX_IATI_PROJECTS", 2)
    answer = client.get("/api/projects.iati.xml?country=VNM")
    assert answer.status_code == 400
    assert "at most 2" in answer.get_json()["error"]["message"]


def test_another_publisher_reports_the_file(schema):
    publisher = codes.Publisher("GB-CHC-1234", "TEST NGO", "21")
    client = create_app(Settings(iati_publisher=publisher)).server.test_client()
    document = parsed(client.get("/api/projects.iati.xml?country=VNM").data)
    schema.assertValid(document)
    assert document.find("iati-activity/reporting-org").attrib == {"ref": "GB-CHC-1234",
                                                                     "type": "21"}  # fmt: skip
    assert document.findtext("iati-activity/iati-identifier").startswith("GB-CHC-1234-JPP-")
    funding = document.find("iati-activity/participating-org[@role='1']")
    assert funding.get("ref") == codes.JICA  # JICA still funds the programme


def test_the_command_line_writes_the_same_file(tmp_path, capsys, schema):
    out = tmp_path / "vnm.xml"
    assert cli(["export", "country=VNM", "as_of=2020-04", "--format", "iati", "-o", str(out)]) == 0
    document = etree.parse(str(out)).getroot()
    schema.assertValid(document)
    err = capsys.readouterr().err
    count = len(document.findall("iati-activity"))
    assert f"{count} projects written to" in err
    assert "projects left out (IATI needs a date and a status" in err
    assert cli(["export", "q=zzzz-no-such-project", "--format", "iati", "-o", str(out)]) == 1


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["country", "field", "as_of", "province", "status", "q", "view", "x"]),
            st.one_of(st.sampled_from(["VNM", "water", "2020-04", "FY2019", "VN-26", ""]),
                      st.text(max_size=12)),
        ),
        max_size=5,
    )
)  # fmt: skip
def test_the_iati_route_never_answers_a_server_error(client, pairs):
    answer = client.get(f"/api/projects.iati.xml?{urlencode(pairs)}")
    assert answer.status_code in (200, 400, 404), answer.data[:300]
    if answer.status_code == 200:
        etree.fromstring(answer.data)
    else:
        assert answer.get_json()["error"]["message"]


def test_generated_projects_of_every_shape_are_valid_iati(schema):
    """bench/generate.py's GENERATED records (every precision of date and site, several
    partners, countries and fields, every budget kind) write a file the schema accepts."""
    from bench.generate import generate

    projects = generate(400, seed=7)
    statuses = ["planned", "ongoing", "completed", "cancelled", "suspended", "unknown"]
    by_id = {p.id: statuses[n % len(statuses)] for n, p in enumerate(projects)}
    written = to_iati(projects, options_for(projects, by_id))
    schema.assertValid(parsed(written.data))
    assert len(written.written) + len(written.left_out) == len(projects)
