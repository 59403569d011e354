"""The app keeps no state of its own: separate gunicorn instances (the Procfile's command, on
different ports) answer every request the same, whether they read the file or the database.
A load balancer may send each request of one visit to a different instance."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from contextlib import ExitStack

import pytest
from openpyxl import load_workbook

from dashboard import REPO_ROOT
from tests.factories import VIET_NAM_SIZE
from tests.pg_cluster import postgres  # noqa: F401  (the session's server)
from tests.servers import callback_payload, get, post_json, procfile_server

QUERIES = [
    "/api/projects",
    "/api/projects?country=VNM&field=water&field=health",
    "/api/projects?q=hue&as_of=2018-01-01",
    "/api/projects?status=completed&budget_max=50000000&unknown_budget=exclude",
    "/api/projects.geojson?country=PHL",
    "/api/projects.csv?partner_type=university",
    "/export/projects.csv?country=LAO",
    "/export/projects.geojson?province=VN-26",
]


@pytest.fixture(scope="module")
def instances(postgres) -> Iterator[dict[str, str]]:  # noqa: F811
    """Two instances on the file, one on the database (loaded from the same file)."""
    url = postgres.create_database("jpp_stateless")
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", "db-load"],
        env={**os.environ, "DATABASE_URL": url},
        cwd=REPO_ROOT,
        check=True,
        capture_output=True,
    )
    # Behind one load balancer the instances share the site's public address, which the API's
    # absolute next links start with (each instance's own port would otherwise differ).
    public = {"JPP_PUBLIC_URL": "https://map.example.org/"}
    with ExitStack() as stack:
        yield {
            "file-1": stack.enter_context(procfile_server(**public)),
            "file-2": stack.enter_context(procfile_server(**public)),
            "postgis": stack.enter_context(procfile_server(DATABASE_URL=url, **public)),
        }


def test_the_ports_differ(instances):
    assert len(set(instances.values())) == 3


# A download says when it was made (CSV: a row above the table; GeoJSON: its "export"
# member): the one thing that differs, by design, between instances answering in turn.
MADE_AT = re.compile(rb"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?: UTC|Z)")


def without_time_made(body: bytes) -> bytes:
    return MADE_AT.sub(b"<made>", body)


@pytest.mark.parametrize("query", QUERIES)
def test_every_instance_answers_the_same(instances, query):
    answers = {name: get(base + query) for name, base in instances.items()}
    first = answers["file-1"]
    assert first[0] == 200
    for name, (status, body, headers) in answers.items():
        same = (status, without_time_made(body)) == (first[0], without_time_made(first[1]))
        assert same, name
        assert headers["Content-Type"] == first[2]["Content-Type"], name


def test_the_page_layout_is_the_same_everywhere(instances):
    """Equal as JSON. Not byte for byte: Dash orders a component's wildcard properties
    (``aria-*``) by string hash, which differs from process to process (PYTHONHASHSEED)."""
    answers = {name: get(f"{base}/_dash-layout") for name, base in instances.items()}
    layouts = {name: json.loads(body) for name, (_, body, _) in answers.items()}
    assert answers["file-1"][0] == 200
    assert layouts["file-2"] == layouts["file-1"] == layouts["postgis"]


def sheet_values(body: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(body)).active.iter_rows(values_only=True))


def test_the_excel_export_is_the_same_everywhere(instances):
    """Cell for cell: the file's bytes carry the moment it was written, by design."""
    answers = {
        name: get(f"{base}/export/projects.xlsx?country=VNM") for name, base in instances.items()
    }
    values = {name: sheet_values(body) for name, (_, body, _) in answers.items()}
    assert len(values["file-1"]) == 1 + VIET_NAM_SIZE  # a header and Viet Nam's projects
    assert values["file-2"] == values["file-1"] == values["postgis"]


def test_the_map_callback_answers_the_same_everywhere(instances):
    """The POST the browser sends when a filter changes, to each instance in turn."""
    payload = callback_payload(instances["file-1"], "project-map.figure")
    changed = {
        **payload,
        "inputs": [
            {**item, "value": ["water"]} if item["id"] == "filter-field" else item
            for item in payload["inputs"]
        ],
        "changedPropIds": ["filter-field.value"],
    }
    bodies = []
    for request in (payload, changed):
        answers = {
            name: post_json(f"{base}/_dash-update-component", request)
            for name, base in instances.items()
        }
        statuses = {status for status, _ in answers.values()}
        parsed = {name: json.loads(body) for name, (_, body) in answers.items()}
        assert statuses == {200}
        assert parsed["file-2"] == parsed["file-1"] == parsed["postgis"]  # as JSON: see above
        bodies.append(parsed["file-1"]["response"])
    default, water = (body["summary-count"]["children"] for body in bodies)
    assert (default, water) == (
        str(VIET_NAM_SIZE),
        "15",
    )  # all of Viet Nam, then its water projects
