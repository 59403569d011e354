"""The API's open points of issue 15: absolute ``next`` links, ``fields`` on GeoJSON
properties, a 304 that varies as its 200 does, the headers the OpenAPI description declares,
the IATI publisher setting, and units' names in Vietnamese outside Viet Nam."""

from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

import pytest
import schemathesis
from lxml import etree
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_headers_conformance,
    response_schema_conformance,
)

from dashboard import REPO_ROOT
from dashboard.api import listing, openapi
from dashboard.api.vocabularies import unit_names
from dashboard.app import create_app
from dashboard.cli import main as cli
from dashboard.data.exchange.iati import codes
from dashboard.data.repository import Province
from dashboard.settings import InvalidSetting, Settings

from .factories import VIET_NAM_SIZE

PUBLIC = "https://map.example.org/jpp/"
IATI_SCHEMA = REPO_ROOT.parent / "shared" / "reference" / "iati-2.03" / "iati-activities-schema.xsd"


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.fixture(scope="module")
def public_client():
    return create_app(Settings(public_url=PUBLIC)).server.test_client()


# --- next and Link: absolute URLs ------------------------------------------------------------


def test_an_absolute_url_joins_the_root_the_path_and_the_query():
    assert listing.absolute_url("http://127.0.0.1:8050/", "/api/projects", "limit=3&offset=3") == (
        "http://127.0.0.1:8050/api/projects?limit=3&offset=3"
    )
    assert listing.absolute_url(PUBLIC, "/api/projects", "offset=3") == (
        "https://map.example.org/jpp/api/projects?offset=3"
    )


def test_next_is_the_address_the_request_came_to(client):
    response = client.get("/api/projects?country=VNM&limit=3", base_url="http://jpp.test:8050")
    assert response.json["next"] == (
        "http://jpp.test:8050/api/projects?country=VNM&limit=3&offset=3"
    )
    assert response.headers["Link"] == f'<{response.json["next"]}>; rel="next"'


def test_next_starts_with_the_public_url_when_it_is_set(public_client):
    page = public_client.get("/api/projects.geojson?country=VNM&limit=2").json
    assert page["next"] == f"{PUBLIC}api/projects.geojson?country=VNM&limit=2&offset=2"


def test_following_absolute_next_links_reaches_every_project_once(client):
    ids, url = [], "/api/projects?country=VNM&limit=40&fields=id"
    while url:
        page = client.get(url).json
        ids += [record["id"] for record in page["projects"]]
        url = page["next"]
        assert url is None or urlsplit(url).scheme == "http"
    assert len(ids) == len(set(ids)) == VIET_NAM_SIZE


# --- fields= on GeoJSON properties ---------------------------------------------------------


def test_properties_keep_the_fields_asked_for_and_the_id():
    properties = {"id": "GEN-1", "title_en": "[GENERATED]", "status": "ongoing",
                  "admin1": "VN-26", "place": None, "precision": 4}  # fmt: skip
    assert listing.cut_properties(properties, None) is properties
    assert listing.cut_properties(properties, ("title_en",)) == {
        "id": "GEN-1",
        "title_en": "[GENERATED]",
    }
    assert listing.cut_properties(properties, ("locations", "budget_yen")) == {
        "id": "GEN-1", "admin1": "VN-26", "place": None, "precision": 4,
    }  # fmt: skip


def test_geojson_answers_apply_fields_to_their_properties(client):
    whole = client.get("/api/projects.geojson?country=VNM&limit=5").json
    cut = client.get("/api/projects.geojson?country=VNM&limit=5&fields=title_en,status").json
    assert [f["geometry"] for f in cut["features"]] == [f["geometry"] for f in whole["features"]]
    for before, after in zip(whole["features"], cut["features"], strict=True):
        assert after["properties"] == {
            key: before["properties"][key] for key in ("id", "title_en", "status")
        }
    bad = client.get("/api/projects.geojson?fields=nonsense")
    assert bad.status_code == 400 and bad.json["error"]["parameter"] == "fields"


# --- a 304 varies as its 200 ---------------------------------------------------------------

CONDITIONAL = (
    "/api/projects?country=VNM",
    "/api/projects.geojson?country=VNM",
    "/api/projects.ndjson?country=VNM",
    "/api/projects/VN03",
    "/api/vocabularies",
    "/api/projects.iati.xml?country=VNM",
)


def _vary(response) -> set[str]:
    return {value.strip().lower() for value in response.headers.get("Vary", "").split(",")}


@pytest.mark.parametrize("origins", [None, ("https://maps.example.org",)])
def test_a_304_says_the_same_vary_as_the_200(origins):
    settings = Settings() if origins is None else Settings(api_origins=origins)
    client = create_app(settings).server.test_client()
    headers = {"Accept-Encoding": "gzip", "Origin": "https://maps.example.org"}
    for path in CONDITIONAL:
        first = client.get(path, headers=headers)
        again = client.get(path, headers={**headers, "If-None-Match": first.headers["ETag"]})
        assert (first.status_code, again.status_code) == (200, 304), path
        assert _vary(again) == _vary(first), path
        assert "Content-Type" not in again.headers, path
        json.dumps(dict(again.headers))  # nothing odd in it


# --- the headers the OpenAPI description declares ----------------------------------------


def test_the_description_declares_the_headers_answers_carry():
    paths = openapi.spec()["paths"]

    def headers(path: str) -> dict:
        return paths[path]["get"]["responses"]["200"]["headers"]

    assert "Link" in headers("/api/projects") and "Link" in headers("/api/projects.geojson")
    assert headers("/api/projects.ndjson")["X-Total-Count"]["required"]
    iati = headers("/api/projects.iati.xml")
    assert iati["X-IATI-Activities"]["required"] and iati["X-IATI-Left-Out"]["required"]


HEADED = schemathesis.openapi.from_dict(openapi.spec()).include(
    path_regex=r"^/api/projects(\.ndjson|\.iati\.xml)?$", method="GET"
)
HEADED.config.generation.update(
    modes=[GenerationMode.POSITIVE], max_examples=10, deterministic=bool(os.environ.get("CI"))
)


@HEADED.parametrize()
def test_answers_carry_the_headers_their_description_requires(case, live_server):
    case.call_and_validate(
        base_url=live_server,
        checks=[not_a_server_error, response_headers_conformance, response_schema_conformance],
    )


# --- the IATI publisher setting: wrong refuses to start -----------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"JPP_IATI_PUBLISHER": "not an id"},
        {"JPP_IATI_PUBLISHER": "GB-CHC-1234"},  # another publisher, its type not given
        {"JPP_IATI_PUBLISHER": "GB-CHC-1234", "JPP_IATI_PUBLISHER_TYPE": "twenty-one"},
    ],
)
def test_a_wrong_publisher_refuses_to_start_naming_the_setting(env, monkeypatch, capsys):
    with pytest.raises(InvalidSetting, match="JPP_IATI_PUBLISHER"):
        Settings.from_env(env)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(InvalidSetting):
        create_app()
    assert cli(["validate", "nothing.csv"]) == 1
    assert "error: JPP_IATI_PUBLISHER" in capsys.readouterr().err


# --- another publisher's activities keep their identifier ---------------------------------

FIXTURE = REPO_ROOT / "tests" / "fixtures" / "iati-other-publisher.xml"


def test_an_identifier_as_published_is_kept_unless_it_is_ours():
    ours = {codes.PUBLISHED_IDENTIFIER: "XM-DAC-701-8-JPP-VN03"}
    theirs = {codes.PUBLISHED_IDENTIFIER: "GB-CHC-999999-TEST-1"}
    assert codes.published_identifier(ours, codes.JICA) is None
    assert codes.published_identifier({}, codes.JICA) is None
    assert codes.published_identifier(theirs, codes.JICA) == "GB-CHC-999999-TEST-1"
    assert codes.published_identifier(ours, "GB-CHC-1234") == "XM-DAC-701-8-JPP-VN03"


def test_activities_imported_from_another_publisher_keep_their_identifier(tmp_path, geodata):
    assert cli(["--geodata", str(geodata), "import", str(FIXTURE), "--merge", "--partial",
                "--rejects", str(tmp_path / "rejects.csv")]) in (0, 1)  # fmt: skip
    exported = tmp_path / "again.xml"
    assert cli(["--geodata", str(geodata), "export", "--format", "iati", "-o", str(exported)]) == 0
    root = etree.parse(str(exported)).getroot()
    schema = etree.XMLSchema(etree.parse(str(IATI_SCHEMA)))
    assert schema.validate(root), schema.error_log
    by_identifier = {
        activity.findtext("iati-identifier"): activity for activity in root.iter("iati-activity")
    }
    theirs = by_identifier["GB-CHC-999999-TEST-1"]  # not XM-DAC-701-8-JPP-GB-CHC-…
    assert theirs.find("reporting-org").get("secondary-reporter") == "1"
    assert not any(i.startswith(f"{codes.JICA}-JPP-GB-CHC") for i in by_identifier)
    ours = by_identifier[f"{codes.JICA}-JPP-VN03"]
    assert ours.find("reporting-org").get("secondary-reporter") is None
    # Its sectors as published: 14030 stays a purpose code, not widened to the field's 140.
    sectors = [(s.get("vocabulary"), s.get("code")) for s in theirs.iter("sector")]
    assert sectors == [("1", "14030"), ("1", "99810"), ("2", "111")]


def test_another_publishers_sectors_are_kept_while_the_fields_they_map_to_are():
    theirs = {
        codes.PUBLISHED_IDENTIFIER: "GB-CHC-999999-TEST-1",
        codes.PUBLISHED_SECTORS: "1:14030:60; 2:111:40; 1:99810",
    }
    kept = [("1", "14030", "60"), ("2", "111", "40"), ("1", "99810", "")]
    fields = [key for key in (codes.field_of_sector(v, c) for v, c, _ in kept) if key]
    assert codes.published_sectors(theirs, codes.JICA, fields) == kept
    assert codes.sectors_text(kept) == theirs[codes.PUBLISHED_SECTORS]
    assert codes.published_sectors(theirs, codes.JICA, fields[:1]) is None  # fields edited
    ours = {**theirs, codes.PUBLISHED_IDENTIFIER: f"{codes.JICA}-JPP-VN03"}
    assert codes.published_sectors(ours, codes.JICA, fields) is None  # ours: from the fields
    assert codes.published_sectors({}, codes.JICA, fields) is None


# --- units' names: never empty, English standing in marked --------------------------------


def test_a_units_missing_names_are_its_english_one_marked():
    abroad = Province("PH-GEN", "PHL", "[GENERATED] Unit", "", "")
    names, in_english = unit_names(abroad)
    assert names == {"en": "[GENERATED] Unit", "ja": "[GENERATED] Unit", "vi": "[GENERATED] Unit"}
    assert in_english == ["ja", "vi"]
    home = Province("VN-GEN", "VNM", "[GENERATED] Tinh", "[GENERATED] 省", "[GENERATED] Tỉnh")
    assert unit_names(home) == (
        {"en": "[GENERATED] Tinh", "ja": "[GENERATED] 省", "vi": "[GENERATED] Tỉnh"},
        [],
    )
    assert unit_names(Province("XX-1", "PHL", "", "", "")) == (
        {"en": None, "ja": None, "vi": None},
        [],
    )  # no name at all: not stated


def test_vocabularies_in_vietnamese_name_every_unit_abroad(client):
    answer = client.get("/api/vocabularies?lang=vi").json
    units = [
        (country["code"], unit)
        for country in answer["countries"]
        for layer in country["layers"]
        for unit in [*layer["units"], *country["wider_units"]]
    ]
    abroad = [unit for code, unit in units if code != "VNM"]
    assert abroad and all(unit["name"] and all(unit["names"].values()) for unit in abroad)
    assert all("vi" in unit["names_in_english"] and unit["name_lang"] == "en" for unit in abroad)
    assert all(unit["names"]["vi"] == unit["names"]["en"] for unit in abroad)
    home = [unit for code, unit in units if code == "VNM"]
    assert all(unit["name_lang"] == "vi" and "vi" not in unit["names_in_english"] for unit in home)


def test_records_mark_a_units_name_that_english_stands_in_for(client):
    abroad = client.get("/api/projects?country=KHM&lang=vi&fields=locations").json["projects"]
    places = [place for record in abroad for place in record["locations"] if place["admin1"]]
    assert places and all(p["admin1_name"] and p["admin1_name_lang"] == "en" for p in places)
    home = client.get("/api/projects?country=VNM&lang=vi&limit=5&fields=locations").json
    assert {p["admin1_name_lang"] for r in home["projects"] for p in r["locations"]} == {"vi"}
    lines = client.get("/api/projects.ndjson?country=KHM&lang=vi").data.splitlines()
    streamed = [json.loads(line)["locations"] for line in lines]
    assert [[p["admin1_name_lang"] for p in ps] for ps in streamed] == [
        [p["admin1_name_lang"] for p in record["locations"]]
        for record in client.get("/api/projects?country=KHM&lang=vi&limit=1000").json["projects"]
    ]
    features = client.get("/api/projects.geojson?country=KHM&lang=vi").json["features"]
    assert {f["properties"]["admin1_name_lang"] for f in features} <= {"en", None}


@pytest.mark.parametrize("mistyped", ["xm-dac-701-8", "XM-DAC-7018", "XM-DAC-701.8"])
def test_jicas_identifier_mistyped_is_refused_with_the_right_one(mistyped):
    with pytest.raises(ValueError, match=f"did you mean {codes.JICA}"):
        codes.publisher(mistyped, kind="10")
