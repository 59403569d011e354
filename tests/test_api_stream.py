"""The full answer, un-paged: ``/api/projects.ndjson`` streams every selected record, one a
line, the records the list pages give (issue 15: the full Viet Nam answer at 100k)."""

from __future__ import annotations

import json
import types
from urllib.parse import urlencode

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.api import serialize
from dashboard.app import create_app
from dashboard.data.filters import ProjectFilter
from dashboard.data.repository import Repository
from dashboard.i18n import translator
from dashboard.settings import Settings
from tests.test_api_fuzz import NAMES, VALUES


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


def listed(client, query: str) -> list[dict]:
    response = client.get(f"/api/projects?{query}&limit=1000")
    assert response.status_code == 200
    assert response.json["total"] == response.json["count"]  # one page holds them all
    return response.json["projects"]


def streamed(client, query: str) -> list[dict]:
    response = client.get(f"/api/projects.ndjson?{query}")
    assert response.status_code == 200
    assert response.mimetype == "application/x-ndjson"
    lines = response.get_data(as_text=True).splitlines()
    assert int(response.headers["X-Total-Count"]) == len(lines)
    return [json.loads(line) for line in lines]


@pytest.mark.parametrize("query", ["country=VNM", "field=water&lang=ja", "as_of=2020-04-01", ""])
def test_the_stream_holds_the_records_of_the_list_in_its_order(client, query):
    assert streamed(client, query) == listed(client, query)


def test_the_answer_is_a_generator_made_as_it_is_read(client):
    response = client.get("/api/projects.ndjson?country=VNM")
    assert response.is_streamed
    assert "X-Data-Version" in response.headers and "ETag" in response.headers
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_records_are_made_a_chunk_at_a_time():
    """Memory per answer is one chunk's, whatever the selection."""
    geodata = Settings().geodata_dir
    repository = Repository(geodata / "projects.json", geodata / "boundaries")
    store, selection = repository.select(ProjectFilter())
    rows = np.flatnonzero(selection.mask)
    lines = serialize.record_lines(
        store, selection.statuses.to_numpy(), rows, repository.boundaries, translator("en")
    )
    assert isinstance(lines, types.GeneratorType)
    assert next(lines).count(b"\n") == min(serialize.STREAM_CHUNK, len(rows))


def test_an_unchanged_stream_answers_304(client):
    first = client.get("/api/projects.ndjson?country=VNM")
    again = client.get(
        "/api/projects.ndjson?country=VNM", headers={"If-None-Match": first.headers["ETag"]}
    )
    assert again.status_code == 304 and again.data == b""


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("limit=10", "limit"), ("country=VNM&sort=title", "sort"), ("lang=xx", "lang")],
)
def test_bad_or_unknown_parameters_answer_400_naming_them(client, query, parameter):
    response = client.get(f"/api/projects.ndjson?{query}")
    assert response.status_code == 400
    assert response.json["error"]["parameter"] == parameter


def test_the_openapi_description_names_it(client):
    paths = client.get("/api/openapi.json").json["paths"]
    content = paths["/api/projects.ndjson"]["get"]["responses"]["200"]["content"]
    assert "application/x-ndjson" in content


def test_the_json_kept_per_answer_is_bounded_and_changes_no_line(monkeypatch):
    """Nested records' JSON is kept to be spliced into later lines, at most
    FRAGMENTS_KEPT of them: a selection whose records share nothing costs no more."""
    geodata = Settings().geodata_dir
    repository = Repository(geodata / "projects.json", geodata / "boundaries")
    store, selection = repository.select(ProjectFilter())
    statuses = selection.statuses.to_numpy()
    t = translator("vi")
    monkeypatch.setattr(serialize, "FRAGMENTS_KEPT", 3)
    writer = serialize._LineWriter(repository.boundaries, t)
    for row in range(len(store)):
        line = writer.line(store.projects[row], str(statuses[row]))
        assert len(writer._fragments) <= 3
        expected = serialize.project_record(
            store.projects[row], str(statuses[row]), repository.boundaries, t
        )
        assert json.loads(line) == json.loads(json.dumps(expected))


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=6))
def test_whatever_the_query_the_stream_answers_200_or_a_400_naming_it(client, pairs):
    response = client.get(f"/api/projects.ndjson?{urlencode(pairs)}")
    assert response.status_code in (200, 400), response.data[:300]
    if response.status_code == 400:
        assert response.json["error"]["message"]
