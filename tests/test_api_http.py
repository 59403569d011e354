"""The API as HTTP clients and browsers use it: CORS from JPP_API_ORIGINS with preflights,
ETag / Last-Modified with 304s, Cache-Control, the data named in every answer, and
/api/vocabularies."""

from __future__ import annotations

import pytest

from dashboard.api.cors import read_origins
from dashboard.app import create_app
from dashboard.data import vocab
from dashboard.settings import Settings
from dashboard.ui import boundary_layers
from tests.test_cache import redis_server  # noqa: F401  (a fixture: a real Redis)

ENDPOINTS = (
    "/api/projects?country=VNM",
    "/api/projects.geojson?country=VNM",
    "/api/projects.csv?country=VNM",
    "/api/projects/VN01",
    "/api/vocabularies",
)


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.fixture(scope="module")
def listed_client():
    settings = Settings(api_origins=read_origins("https://maps.example.org"))
    return create_app(settings).server.test_client()


def test_any_origin_may_read_by_default(client):
    for url in ENDPOINTS:
        response = client.get(url, headers={"Origin": "https://other.example"})
        assert response.status_code == 200, url
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "X-Data-Version" in response.headers["Access-Control-Expose-Headers"]


def test_a_listed_origin_is_echoed_and_another_is_not(listed_client):
    url = "/api/projects?country=VNM"
    listed = listed_client.get(url, headers={"Origin": "https://maps.example.org"})
    assert listed.headers["Access-Control-Allow-Origin"] == "https://maps.example.org"
    assert "Origin" in listed.headers["Vary"]
    other = listed_client.get(url, headers={"Origin": "https://evil.example"})
    assert other.status_code == 200  # the browser keeps it from the script
    assert "Access-Control-Allow-Origin" not in other.headers
    assert "Origin" in other.headers["Vary"]


def test_errors_carry_cors_too(client):
    for url in ("/api/projects?colour=red", "/api/projects/NOPE99", "/api/nothing"):
        response = client.get(url, headers={"Origin": "https://other.example"})
        assert response.status_code in (400, 404)
        assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_a_preflight_is_answered_not_with_the_map(client, listed_client):
    headers = {
        "Origin": "https://maps.example.org",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "if-none-match",
    }
    for url in ENDPOINTS:
        response = client.options(url, headers=headers)
        assert response.status_code == 204, url
        assert response.data == b""
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "GET" in response.headers["Access-Control-Allow-Methods"]
        assert "If-None-Match" in response.headers["Access-Control-Allow-Headers"]
    refused = listed_client.options(
        "/api/projects", headers={**headers, "Origin": "https://evil.example"}
    )
    assert refused.status_code == 204
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_cors_is_only_on_the_api(client):
    for url in ("/healthz", "/about", "/export/projects.csv?country=LAO"):
        response = client.get(url, headers={"Origin": "https://other.example"})
        assert "Access-Control-Allow-Origin" not in response.headers, url


@pytest.mark.parametrize("url", ENDPOINTS)
def test_a_known_answer_is_not_sent_again(client, url):
    first = client.get(url)
    assert first.headers["Cache-Control"] == "public, max-age=300"
    assert first.headers["ETag"].startswith('W/"')
    assert first.headers["Last-Modified"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["X-Data-Version"] == first.headers["X-Data-Version"]
    since = client.get(url, headers={"If-Modified-Since": first.headers["Last-Modified"]})
    assert since.status_code == 304
    stale = client.get(url, headers={"If-None-Match": 'W/"something-else"'})
    assert stale.status_code == 200


def test_the_etag_follows_the_normalised_query(client):
    def tag(url: str) -> str:
        return client.get(url).headers["ETag"]

    plain = tag("/api/projects?country=VNM&as_of=2020-04-30")
    assert plain == tag("/api/projects?country=vnm&as_of=2020-04")  # the same filter
    assert plain == tag("/api/projects?as_of=2020-04-30&country=VNM,VNM")
    assert plain != tag("/api/projects?country=VNM&as_of=2020-04-01")
    assert plain != tag("/api/projects?country=VNM&as_of=2020-04-30&limit=5")
    assert plain != tag("/api/projects?country=VNM&as_of=2020-04-30&lang=ja")
    assert plain != tag("/api/projects?country=LAO&as_of=2020-04-30")


def test_an_explicit_as_of_answer_dates_from_the_data(client):
    response = client.get("/api/projects?as_of=2020-04-01")
    data_date = response.json["data"]["date"]
    assert response.last_modified.date().isoformat() == data_date


def test_every_answer_names_its_data(client):
    for url in (*ENDPOINTS, "/api/projects?colour=red", "/api/projects/NOPE99"):
        response = client.get(url)
        assert response.headers["X-Data-Version"], url
        assert response.headers["X-Data-Date"], url
    for url in ("/api/projects/VN01", "/api/vocabularies"):
        data = client.get(url).json["data"]
        assert data["version"] == client.get(url).headers["X-Data-Version"]


def test_vocabularies_give_codes_and_names_in_every_language(client):
    answer = client.get("/api/vocabularies?lang=ja").json
    assert answer["lang"] == "ja"
    water = next(f for f in answer["fields"] if f["key"] == "water")
    assert {"code": "140", "vocabulary": "2"} in water["dac"]
    assert water["label"] == water["labels"]["ja"] and set(water["labels"]) == {"en", "ja", "vi"}
    assert [f["key"] for f in answer["fields"]] == list(vocab.keys(vocab.FIELDS))
    ngo = next(p for p in answer["partner_types"] if p["key"] == "ngo")
    assert ngo["iati_organisation_type"] == ["21", "22"]
    assert [s["key"] for s in answer["schemes"]] == list(vocab.keys(vocab.SCHEMES))
    ongoing = next(s for s in answer["statuses"] if s["key"] == "ongoing")
    assert ongoing["iati_activity_status"] == ["2"]
    assert [c["code"] for c in answer["countries"]] == list(vocab.keys(vocab.COUNTRIES))


def test_vocabularies_list_each_countrys_layers_as_the_map_draws_them(client):
    from dashboard.data.repository import BoundaryIndex

    boundaries = BoundaryIndex.read(Settings().boundaries_dir)
    countries = {c["code"]: c for c in client.get("/api/vocabularies?lang=vi").json["countries"]}
    viet_nam = {layer["layer"]: layer for layer in countries["VNM"]["layers"]}
    for name in boundary_layers.LAYERS:
        drawn = boundary_layers.layer_of(boundaries, "VNM", name)
        assert viet_nam[name]["file"] == drawn.path
        assert [u["code"] for u in viet_nam[name]["units"]] == [u.code for u in drawn.units]
    hue = next(u for u in viet_nam["current"]["units"] if u["code"] == "VN-2025-46")
    assert hue["formed_from"] == ["VN-26"]
    assert hue["names"]["vi"] and hue["names"]["ja"] and hue["names"]["en"]
    assert hue["name"] == hue["names"]["vi"]
    assert [layer["layer"] for layer in countries["LAO"]["layers"]] == ["implemented"]


def test_vocabularies_refuse_unknown_parameters(client):
    response = client.get("/api/vocabularies?country=VNM")
    assert response.status_code == 400 and response.json["error"]["parameter"] == "country"
    assert client.get("/api/vocabularies?lang=xx").json["error"]["parameter"] == "lang"


def test_a_page_shared_through_redis_keeps_its_next_link(redis_server):  # noqa: F811
    url, _ = redis_server
    client = create_app(Settings(redis_url=url)).server.test_client()
    query = "/api/projects?country=VNM&limit=3&sort=-budget"
    first = client.get(query)
    again = client.get(query)
    assert (first.headers["X-Cache"], again.headers["X-Cache"]) == ("miss", "hit")
    assert again.data == first.data
    assert again.headers["Link"] == first.headers["Link"]
    assert again.headers["ETag"] == first.headers["ETag"]
    other_page = client.get("/api/projects?country=VNM&limit=3&offset=3&sort=-budget")
    assert other_page.headers["X-Cache"] == "miss"
    assert other_page.json["offset"] == 3


def test_vocabularies_give_every_countrys_layers_over_time_and_its_wider_units(client):
    """Nepal's zones until 2015 and its provinces since, each province with the zones it
    overlaps; Sri Lanka's provinces above its drawn districts (issue 14's one model)."""
    countries = {c["code"]: c for c in client.get("/api/vocabularies?lang=ja").json["countries"]}
    nepal = {layer["layer"]: layer for layer in countries["NPL"]["layers"]}
    assert (nepal["implemented"]["level"], nepal["implemented"]["valid_until"]) == (
        "zone",
        "2015-09-19",
    )
    provinces = nepal["current"]
    assert (provinces["level"], provinces["valid_from"], provinces["relation"]) == (
        "province",
        "2015-09-20",
        "overlaps",
    )
    bagmati = next(u for u in provinces["units"] if u["code"] == "NP-P3")
    assert "NP-BA" in bagmati["overlaps"] and bagmati["name"] == bagmati["names"]["ja"]
    assert provinces["file"].endswith("/admin1/NPL-2015.geojson")
    north_western = next(u for u in countries["LKA"]["wider_units"] if u["code"] == "LK-6")
    assert sorted(north_western["units"]) == ["LK-61", "LK-62"]
