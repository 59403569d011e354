"""Whatever the query string, the API answers 200 or a 400 naming a parameter: never a 500.

Two fuzzers: hypothesis on the query string (in process), and schemathesis from the OpenAPI
description (/api/openapi.json) against the Procfile's gunicorn, with valid and invalid input.
"""

import os
from urllib.parse import urlencode

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from dashboard.api import openapi
from dashboard.app import create_app
from dashboard.data.filter_query import ALL_PARAMETERS, ANSWER_PARAMETERS
from dashboard.settings import Settings

NAMES = st.sampled_from([*sorted(ALL_PARAMETERS), "colour", "", "q[]", "field "])
VALUES = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["water", "VNM", "VN-26", "2020-04-01", "-1", "1e9", "9" * 40, "", ","]),
    st.integers(min_value=-(10**12), max_value=10**12).map(str),
)


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(NAMES, VALUES), max_size=6), st.sampled_from(["", ".geojson", ".csv"]))
def test_never_a_server_error(client, pairs, suffix):
    response = client.get(f"/api/projects{suffix}?{urlencode(pairs)}")
    assert response.status_code in (200, 400), response.data[:300]
    if response.status_code == 400:
        assert response.json["error"]["message"]


# --- from the OpenAPI description, against the Procfile's gunicorn ----------------------------


def test_the_description_names_every_parameter_the_api_reads():
    described = {p["name"] for p in openapi.parameters()}
    assert described == ALL_PARAMETERS | ANSWER_PARAMETERS


def test_the_description_is_served_as_json(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json == openapi.spec()
    assert sorted(response.json["paths"]) == [
        "/api/projects",
        "/api/projects.csv",
        "/api/projects.geojson",
        "/api/projects.iati.xml",
        "/api/projects.ndjson",
        "/api/projects/{project_id}",
        "/api/vocabularies",
        "/export/projects.csv",
        "/export/projects.geojson",
        "/export/projects.xlsx",
        "/export/sites.csv",
        "/healthz",
    ]


# Valid and invalid requests generated from the description (the one the server serves: see
# test_the_description_is_served_as_json), sent over loopback to the Procfile's gunicorn.
API_SCHEMA = schemathesis.openapi.from_dict(openapi.spec())
API_SCHEMA.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
    max_examples=25,
    deterministic=bool(os.environ.get("CI")),
)


@API_SCHEMA.parametrize()
def test_the_api_never_answers_5xx_and_keeps_to_its_description(case, live_server):
    case.call_and_validate(
        base_url=live_server,
        checks=[
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )


def test_long_query_strings_are_refused_by_the_app_as_json(live_server):
    """Under gunicorn a query over the app's limit gets the app's JSON answer; only a request
    line over gunicorn's own limit gets gunicorn's HTML page (both documented as 414)."""
    import urllib.error
    import urllib.request

    def status_and_type(query_bytes: int) -> tuple[int, str]:
        field = "&".join(["field=water"] * (query_bytes // len("field=water&")))
        url = f"{live_server}/api/projects?{field}"
        try:
            with urllib.request.urlopen(url, timeout=10) as response:
                return response.status, response.headers.get_content_type()
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get_content_type()

    assert status_and_type(4000) == (200, "application/json")  # a long but valid query
    assert status_and_type(6000) == (414, "application/json")
    assert status_and_type(9000) == (414, "text/html")
    media = openapi.spec()["paths"]["/api/projects"]["get"]["responses"]["414"]["content"]
    assert sorted(media) == ["application/json", "text/html"]
