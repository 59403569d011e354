"""Requests that cost the server much for little: each is reproduced here, in-process and
bounded, and now gets a clear 4xx, or bounded time and memory (README, "Limits")."""

from __future__ import annotations

import io
import json
import logging
import re
import time
from typing import Any

import pytest
from dash import Dash
from prometheus_client.parser import text_string_to_metric_families

from dashboard.api import routes
from dashboard.app import create_app
from dashboard.data.filters import UNKNOWN_VALUE, ProjectFilter
from dashboard.i18n import _translator, translator
from dashboard.settings import Settings
from dashboard.ui.limits import InputLimit
from dashboard.ui.wiring import CALLBACK_INPUT_LIMITS
from dashboard.web import observability
from dashboard.web.security import CALLBACK_ENDPOINT
from dashboard.web.static import COMPONENT_SUITES
from tests.test_security import update_view_output, valid_body


@pytest.fixture(scope="module")
def app() -> Dash:
    return create_app(Settings())


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def post(client, body: Any):
    return client.post(CALLBACK_ENDPOINT, data=json.dumps(body), content_type="application/json")


def with_value(body: dict, component: str, value: Any, prop: str | None = None) -> dict:
    """The body with ``value`` for the component's dependency (its first, or ``prop``: a
    callback may take two properties of one component, the URL's search and path)."""
    body = json.loads(json.dumps(body))
    for item in [*body["inputs"], *body["state"]]:
        if not isinstance(item, dict) or item.get("id") != component:
            continue
        if prop is None or item.get("property") == prop:
            item["value"] = value
            return body
    raise AssertionError(f"{component} is not among the callback's inputs")


def detail_output(app: Dash) -> str:
    return next(key for key in app.callback_map if "detail-body" in key)


def test_a_megabyte_of_search_words_is_refused_at_once(app, client):
    """Before: 500,000 words in the search box cost 5.6-13 s of CPU; now a 400 in ms."""
    body = with_value(valid_body(app, update_view_output(app)), "filter-search", "a " * 500_000)
    started = time.process_time()
    response = post(client, body)
    assert response.status_code == 400
    assert "200 characters" in response.json["error"]["message"]
    assert time.process_time() - started < 0.5
    right = with_value(valid_body(app, update_view_output(app)), "filter-search", "水道 " * 66)
    assert post(client, right).status_code == 200  # 198 characters: as the box allows


def _over(limit: InputLimit) -> list[Any]:
    """Values just over each part of a limit."""
    values: list[Any] = ["x" * (limit.chars + 1)]
    if limit.items:
        values.append(["a"] * (limit.items + 1))
    nested: Any = "a"
    for _ in range(limit.depth + 1):
        nested = [nested]
    values.append(nested)
    return values


def test_every_input_of_every_callback_is_capped(app, client):
    """Each input the regions name, over its text, items or depth: 400 naming the input."""
    checked = set()
    for output, spec in app.callback_map.items():
        if "callback" not in spec:
            continue
        for dependency in [*spec["inputs"], *spec["state"]]:
            key = (dependency["id"], dependency["property"])
            if dependency["id"].startswith("{") or key in checked:
                continue
            checked.add(key)
            limit = CALLBACK_INPUT_LIMITS.get(key, InputLimit())
            for value in _over(limit):
                body = with_value(valid_body(app, output), key[0], value, key[1])
                response = post(client, body)
                assert response.status_code == 400, (key, str(value)[:40])
                assert response.json["error"]["message"].startswith(".".join(key)), key
    assert set(CALLBACK_INPUT_LIMITS) <= checked  # every limit guards a real input


def test_a_deeply_nested_or_unreadable_body_is_400(client):
    deep = '{"output": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post(CALLBACK_ENDPOINT, data=deep, content_type="application/json")
    assert response.status_code == 400
    shallow_but_deep = {"output": "x", "inputs": [[[[[[[[[[[["a"]]]]]]]]]]]]}
    response = post(client, shallow_but_deep)
    assert response.status_code == 400 and "nested deeper" in response.json["error"]["message"]


def test_made_up_countries_never_grow_a_cache(app, client):
    """Before: each distinct 0.9 MB "country" of the detail panel was a key of the selection
    cache (64 of them: 58 MB). Now such values are 400, and short made-up ones all read as
    one unknown value."""
    repository = app.server.extensions["jpp_repository"]
    body = valid_body(app, detail_output(app))
    body = with_value(body, "selected-place", {"province": "VN-26"})
    # The selector sends a list of countries (one, several or an overview).
    huge = post(client, with_value(body, "country-select", ["X" * 900_000]))
    assert huge.status_code == 400
    before = set(repository._selections)
    for n in range(200):
        response = post(client, with_value(body, "country-select", [f"Z{n:05d}"]))
        assert response.status_code == 200
    added = set(repository._selections) - before
    assert len(added) == 1
    (spec,) = added
    assert spec.country == (UNKNOWN_VALUE,)


def test_unknown_facet_values_select_what_they_selected_before(app):
    repository = app.server.extensions["jpp_repository"]
    _, nothing = repository.select(ProjectFilter(field=("no-such-field",) * 500))
    assert nothing.count == 0
    _, water = repository.select(ProjectFilter(field=("water", "nope", "water")))
    _, same = repository.select(ProjectFilter(field=("water",)))
    assert water.count == same.count > 0
    _, bad_status = repository.select(ProjectFilter(status=("forged",)))
    assert bad_status.count == 0


def test_a_made_up_language_is_the_default_and_no_cache_key():
    for n in range(50):
        assert translator(f"xx-{n}" * 1000).lang == "en"
    assert translator({"not": "a language"}).lang == "en"
    assert _translator.cache_info().currsize <= 3


def _bundle(client) -> str:
    page = client.get("/").get_data(as_text=True)
    urls = re.findall(r'src="(/_dash-component-suites/[^"]+)"', page)
    return next(url for url in urls if "dash_core_components" in url)


def test_made_up_fingerprints_and_unknown_bundles_are_404_and_cost_nothing(app, client):
    """Before: any fingerprint on a bundle was read, compressed and kept anew (0.67 CPU-s per
    4.8 MB bundle); a file Dash does not serve was a 500 with a traceback."""
    files = app.server.extensions["jpp_compressed_files"]
    real = _bundle(client)
    assert client.get(real, headers={"Accept-Encoding": "br"}).status_code == 200
    kept = len(files._bodies)
    fingerprint = real.rsplit("/", 1)[1].split(".")[1]
    started = time.process_time()
    for n in range(40):
        forged = real.replace(fingerprint, f"v9_9_{n}m{n}")
        assert client.get(forged, headers={"Accept-Encoding": "br"}).status_code == 404
    assert time.process_time() - started < 1.0
    assert len(files._bodies) == kept
    for path in ("dash/nothing.js", "nope/x.js", "dash/deps/none.v4_4_1m1.js", "dash/%0a.js"):
        assert client.get(COMPONENT_SUITES + path).status_code == 404, path


def test_invented_methods_add_no_metrics_series(client):
    """Before: 20,000 invented methods made 20,535 series (1.63 MB a scrape)."""
    for n in range(300):
        client.open("/api/projects", method=f"M{n}")
    text = client.get("/metrics").get_data(as_text=True)
    methods = {
        sample.labels["method"]
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if "method" in sample.labels
    }
    assert methods <= observability.METHODS | {observability.OTHER}
    assert observability.OTHER in methods
    assert len(text) < 200_000


def test_a_newline_in_a_path_cannot_forge_a_log_line(app, client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    app.server.logger.addHandler(handler)
    try:
        app.server.logger.error("Exception on %s [GET]", "/a\nFORGED 200 GET /b\r")
    finally:
        app.server.logger.removeHandler(handler)
    lines = stream.getvalue().splitlines()
    assert lines == ["Exception on /a\\x0aFORGED 200 GET /b\\x0d [GET]"]


def test_an_export_over_its_cap_is_400_and_says_how_to_narrow(client, monkeypatch):
    """Before: 20,000 projects to Excel cost 10-12 s, and each "as of" date a new answer."""
    monkeypatch.setitem(routes.MAX_EXPORT_PROJECTS, "xlsx", 10)
    response = client.get("/export/projects.xlsx?as_of=2020-01-01")
    assert response.status_code == 400
    message = response.json["error"]["message"]
    assert "at most 10" in message and "narrow" in message and "CSV" in message
    assert client.get("/export/projects.xlsx?country=KHM&field=water").status_code == 200
    assert client.get("/export/projects.csv").status_code == 200
