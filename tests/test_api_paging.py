"""Paging, ``fields`` and ``sort`` of /api/projects and /api/projects.geojson, and one
project at /api/projects/<id>, through the app (the counts are the dataset's own)."""

from __future__ import annotations

import json
from urllib.parse import urlencode, urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.api import openapi
from dashboard.api.listing import DEFAULT_LIMIT, LISTING_PARAMETERS, MAX_LIMIT
from dashboard.app import create_app
from dashboard.settings import Settings

from .factories import DATASET_SIZE, VIET_NAM_SIZE


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


def get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, response.data[:300]
    return json.loads(response.data)


def follow(client, url: str, key: str = "projects") -> tuple[list[dict], list[dict]]:
    """Every page from ``url`` on, following ``next``: the records and each page's answer."""
    records, pages = [], []
    while url:
        page = get(client, url)
        pages.append(page)
        records += page[key]
        url = page["next"]
    return records, pages


def test_a_first_page_holds_the_default_number_and_says_where_it_is(client):
    page = get(client, "/api/projects")
    assert page["total"] == DATASET_SIZE
    assert page["limit"] == DEFAULT_LIMIT and page["offset"] == 0
    assert page["count"] == len(page["projects"]) == min(DEFAULT_LIMIT, DATASET_SIZE)
    assert (page["next"] is None) == (DATASET_SIZE <= DEFAULT_LIMIT)


def test_following_next_gives_every_selected_project_once_in_order(client):
    whole = get(client, f"/api/projects?country=VNM&limit={MAX_LIMIT}")
    assert whole["total"] == whole["count"] == VIET_NAM_SIZE and whole["next"] is None
    records, pages = follow(client, "/api/projects?country=VNM&limit=7")
    assert [r["id"] for r in records] == [r["id"] for r in whole["projects"]]
    assert len(pages) == -(-VIET_NAM_SIZE // 7)
    assert all(page["total"] == VIET_NAM_SIZE for page in pages)
    second = urlsplit(pages[0]["next"])
    assert second.path == "/api/projects"
    assert second.query == "country=VNM&limit=7&offset=7"
    assert pages[-1]["next"] is None


def test_next_is_also_a_link_header(client):
    response = client.get("/api/projects?country=VNM&limit=3")
    assert response.headers["Link"] == f'<{response.json["next"]}>; rel="next"'
    last = client.get(f"/api/projects?country=VNM&limit=3&offset={VIET_NAM_SIZE - 1}")
    assert "Link" not in last.headers and last.json["next"] is None


def test_an_offset_past_the_end_is_an_empty_last_page(client):
    page = get(client, f"/api/projects?offset={DATASET_SIZE + 5}")
    assert page["projects"] == [] and page["count"] == 0 and page["next"] is None
    assert page["total"] == DATASET_SIZE


def test_geojson_pages_by_project(client):
    features, pages = follow(client, "/api/projects.geojson?country=VNM&limit=20", "features")
    assert {page["total"] for page in pages} == {VIET_NAM_SIZE}
    whole = get(client, f"/api/projects.geojson?country=VNM&limit={MAX_LIMIT}")
    assert features == whole["features"]
    assert len({f["properties"]["id"] for f in features}) == VIET_NAM_SIZE


def test_fields_cut_each_record(client):
    page = get(client, "/api/projects?country=VNM&fields=budget_yen,title_ja&limit=5")
    assert [sorted(record) for record in page["projects"]] == [["budget_yen", "id", "title_ja"]] * 5


def test_sort_by_budget_puts_unstated_budgets_last_both_ways(client):
    for sort in ("budget", "-budget"):
        records, _ = follow(client, f"/api/projects?sort={sort}&fields=budget_yen&limit=50")
        budgets = [r["budget_yen"] for r in records]
        stated = [b for b in budgets if b is not None]
        assert budgets == stated + [None] * (len(budgets) - len(stated))
        assert stated == sorted(stated, reverse=sort.startswith("-"))
        assert len(records) == DATASET_SIZE


def test_sort_ties_are_broken_by_id(client):
    records = get(client, f"/api/projects?sort=-status&fields=status&limit={MAX_LIMIT}")
    runs: dict[str, list[str]] = {}
    for record in records["projects"]:
        runs.setdefault(record["status"], []).append(record["id"])
    for ids in runs.values():
        assert ids == sorted(ids)


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("limit=0", "limit"),
        (f"limit={MAX_LIMIT + 1}", "limit"),
        ("offset=-3", "offset"),
        ("fields=colour", "fields"),
        ("sort=colour", "sort"),
    ],
)
def test_bad_paging_answers_400_naming_the_parameter(client, query, parameter):
    for path in ("/api/projects", "/api/projects.geojson"):
        response = client.get(f"{path}?{query}")
        assert response.status_code == 400
        assert response.json["error"]["parameter"] == parameter


def test_one_project_has_the_list_records_shape(client):
    listed = get(client, f"/api/projects?limit={MAX_LIMIT}&as_of=2020-04-01")["projects"][0]
    one = get(client, f"/api/projects/{listed['id']}?as_of=2020-04-01")
    assert one["project"] == listed
    assert one["as_of"] == "2020-04-01" and one["data"]["version"]
    cut = get(client, f"/api/projects/{listed['id']}?fields=status&lang=ja")
    assert sorted(cut["project"]) == ["id", "status"]
    assert cut["labels"]["lang"] == "ja"


def test_one_project_names_its_units_in_the_language(client):
    record = get(client, "/api/projects?country=VNM&limit=1")["projects"][0]
    located = [loc for loc in record["locations"] if loc["admin1"]]
    assert located, "the first Viet Nam project names a province"
    ja = get(client, f"/api/projects/{record['id']}?lang=ja")["project"]["locations"]
    names = {loc["admin1"]: loc["admin1_name"] for loc in ja}
    en = {loc["admin1"]: loc["admin1_name"] for loc in located}
    assert names.keys() >= en.keys() and names != en  # Japanese names for Viet Nam's units


def test_an_unknown_project_is_a_json_404(client):
    for project_id in ("NOPE99", "x" * 300):
        response = client.get(f"/api/projects/{project_id}")
        assert response.status_code == 404
        assert response.is_json and "no project" in response.json["error"]["message"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("colour=red", "colour"),
        ("lang=fr", "lang"),
        ("fields=x", "fields"),
        ("as_of=2024", "as_of"),
    ],
)
def test_one_projects_bad_parameters_answer_400(client, query, parameter):
    project_id = get(client, "/api/projects?limit=1")["projects"][0]["id"]
    response = client.get(f"/api/projects/{project_id}?{query}")
    assert response.status_code == 400
    assert response.json["error"]["parameter"] == parameter


# --- fuzzing the new parameters in process (schemathesis covers them from the description) ---

NEW_NAMES = st.sampled_from(["limit", "offset", "fields", "sort", "lang", "as_of", "country"])
NEW_VALUES = st.one_of(
    st.text(max_size=20),
    st.sampled_from(["-budget,title", "title_en,status", "0", "1000", "1001", "-1", "9" * 30]),
    st.integers(min_value=-(10**6), max_value=10**7).map(str),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(NEW_NAMES, NEW_VALUES), max_size=5),
    st.sampled_from(
        ["/api/projects", "/api/projects.geojson", "/api/projects/VN01", "/api/vocabularies"]
    ),
)
def test_new_parameters_never_cause_a_server_error(client, pairs, path):
    response = client.get(f"{path}?{urlencode(pairs)}")
    assert response.status_code in (200, 400), response.data[:300]
    if response.status_code == 400:
        assert response.json["error"]["parameter"] in {name for name, _ in pairs}


def test_the_description_names_the_new_parameters(client):
    description = client.get("/api/openapi.json").json
    names = {p["name"] for p in openapi.listing_parameters()}
    assert names == LISTING_PARAMETERS
    described = description["paths"]["/api/projects"]["get"]["parameters"]
    assert {f"#/components/parameters/{n}" for n in names} <= {p["$ref"] for p in described}
    limit = description["components"]["parameters"]["limit"]["schema"]
    assert (limit["default"], limit["maximum"]) == (DEFAULT_LIMIT, MAX_LIMIT)


def test_one_project_answers_a_pages_query_too(client):
    """The README: ``view`` and ``layer`` are accepted everywhere; the record is the same."""
    plain = client.get("/api/projects/VN03").json["project"]
    for query in ("view=world", "layer=current", "view=japan&layer=implemented"):
        assert client.get(f"/api/projects/VN03?{query}").json["project"] == plain
    bad = client.get("/api/projects/VN03?view=moon")
    assert bad.status_code == 400 and bad.json["error"]["parameter"] == "view"
