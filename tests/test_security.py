"""Safe to expose: headers, secret key, request limits, debug off, 4xx for bad callback input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest
from dash import Dash
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.settings import Settings
from dashboard.web.security import (
    CALLBACK_ENDPOINT,
    MAX_CONTENT_LENGTH,
    MAX_QUERY_STRING,
    inline_script_hashes,
    layout_kinds,
    layout_lengths,
)

PAGES = ["/", "/embed", "/project/VN03", "/?view=world"]


@pytest.fixture(scope="module")
def app() -> Dash:
    return create_app(Settings())


@pytest.fixture(scope="module")
def client(app):
    return app.server.test_client()


def csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.mark.parametrize(
    "path",
    [
        *PAGES,
        "/about?lang=ja",
        "/api/projects?country=LAO",
        "/healthz",
        "/api/nope",
        "/metrics",
        "/_favicon.ico",
    ],
)
def test_every_response_has_the_security_headers(client, app, path):
    response = client.get(path)
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "X-Frame-Options" not in response.headers  # embedding: frame-ancestors decides
    # No page has an inline script since the app starts from assets/dash-start.js (Dash's
    # inline `new DashRenderer()` is gone): scripts come from this site only.
    assert csp(response) == {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": "'self' data: blob:",
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "worker-src": "'self' blob:",
        "child-src": "'self' blob:",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "*",
    }


@pytest.mark.parametrize("path", PAGES)
def test_each_inline_script_of_each_page_is_allowed_by_its_hash(client, path):
    response = client.get(path)
    page = response.get_data(as_text=True)
    hashes = inline_script_hashes(page)  # none since the app starts from dash-start.js
    script_src = csp(response)["script-src"].split()
    assert set(hashes) <= set(script_src)
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "'unsafe-eval'" not in response.headers["Content-Security-Policy"]


def test_the_about_page_has_no_inline_script(client):
    """Server-rendered without Dash: nothing for the CSP to allow."""
    page = client.get("/about").get_data(as_text=True)
    assert "<script" not in page and inline_script_hashes(page) == []


def test_the_renderer_script_hash_is_the_one_browsers_compute():
    page = (
        '<script id="_dash-config" type="application/json">{"a": 1}</script>'
        '<!--[if IE]><script>alert("old")</script><![endif]-->'
        '<script src="/x.js"></script>'
        '<script id="_dash-renderer" type="application/javascript">'
        "var renderer = new DashRenderer();</script>"
    )
    # JSON data blocks, scripts inside comments and external scripts need no hash.
    assert inline_script_hashes(page) == ["'sha256-jZlsGVOhUAIcH+4PVs7QuGZkthRMgvT2n0ilH6/zTM0='"]


def test_operator_settings_reach_the_policy():
    app = create_app(
        Settings(
            tile_url="https://tiles.example.org:8443/osm/{z}/{x}/{y}.png",
            frame_ancestors=("'self'", "https://www.jica.go.jp"),
        )
    )
    policy = csp(app.server.test_client().get("/healthz"))
    assert policy["connect-src"] == "'self' https://tiles.example.org:8443"
    assert policy["img-src"] == "'self' data: blob: https://tiles.example.org:8443"
    assert policy["frame-ancestors"] == "'self' https://www.jica.go.jp"


def test_secret_key_from_the_environment_or_random_per_process():
    assert Settings.from_env({"JPP_SECRET_KEY": "s3cret"}).secret_key == "s3cret"
    assert "s3cret" not in repr(Settings.from_env({"JPP_SECRET_KEY": "s3cret"}))
    assert create_app(Settings(secret_key="s3cret")).server.secret_key == "s3cret"
    first = create_app(Settings()).server.secret_key
    second = create_app(Settings()).server.secret_key
    assert len(first) == 64 and len(second) == 64 and first != second


def test_a_query_string_over_the_limit_is_414(client):
    response = client.get("/api/projects?q=" + "a" * MAX_QUERY_STRING)
    assert response.status_code == 414
    assert response.json == {
        "error": {
            "parameter": None,
            "message": f"the query string is longer than {MAX_QUERY_STRING} bytes",
        }
    }
    # The longest view a person can make fits: every Viet Nam province and a long search.
    provinces = "&".join(f"province=VN-{n:02d}" for n in range(1, 64))
    assert client.get(f"/embed?{provinces}&q={'%E6%B0%B4' * 100}").status_code == 200


def test_a_callback_body_over_1_mb_is_413(client):
    body = b'{"output": "' + b"x" * MAX_CONTENT_LENGTH + b'"}'
    response = client.post(CALLBACK_ENDPOINT, data=body, content_type="application/json")
    assert response.status_code == 413


def test_debug_is_never_on_in_the_gunicorn_path():
    """dashboard.wsgi is what the Procfile's gunicorn loads; FLASK_DEBUG must not switch it on."""
    code = (
        "import json, dashboard.wsgi as w, dashboard.gunicorn_conf as c;"
        "print(json.dumps([w.server.debug, w.server.config['DEBUG'],"
        " w.server.config['PROPAGATE_EXCEPTIONS'], w.app._dev_tools.ui, c.reload]))"
    )
    env = {**os.environ, "FLASK_DEBUG": "1", "DASH_DEBUG": "true", "TMPDIR": "/tmp"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, check=True
    )
    assert json.loads(out.stdout.decode().splitlines()[-1]) == [False, False, False, False, False]


# --- the Dash callback endpoint ---------------------------------------------------------------


def _matching(layout: Any, pattern: dict) -> list[dict]:
    """IDs of the layout's components that a pattern-matching (ALL) ID matches."""
    wanted = {k: v for k, v in pattern.items() if v != ["ALL"]}
    found = []
    for component in [layout, *layout._traverse()]:
        cid = getattr(component, "id", None)
        if (
            isinstance(cid, dict)
            and set(cid) == set(pattern)
            and all(cid.get(k) == v for k, v in wanted.items())
        ):
            found.append(cid)
    return found


def valid_body(app: Dash, output: str) -> dict:
    """What Dash's renderer sends for this callback on the first page load."""
    layout = app.layout()
    kinds_values = {}
    for component in [layout, *layout._traverse()]:
        cid = getattr(component, "id", None)
        if isinstance(cid, str):
            for prop in component._prop_names:
                kinds_values[(cid, prop)] = getattr(component, prop, None)
    spec = app.callback_map[output]

    def dependency(item: dict) -> Any:
        if item["id"].startswith("{"):
            return [
                {"id": cid, "property": item["property"]}
                for cid in _matching(layout, json.loads(item["id"]))
            ]
        value = kinds_values.get((item["id"], item["property"]))
        entry = {"id": item["id"], "property": item["property"]}
        if value is not None:
            entry["value"] = value
        return entry

    outputs_spec = spec["output"]
    many = isinstance(outputs_spec, list)
    outputs = []
    for out in outputs_spec if many else [outputs_spec]:
        if isinstance(out.component_id, dict):
            matched = _matching(layout, json.loads(out.component_id_str()))
            outputs.append([{"id": cid, "property": out.component_property} for cid in matched])
        else:
            outputs.append({"id": out.component_id, "property": out.component_property})
    inputs = [dependency(item) for item in spec["inputs"]]
    return {
        "output": output,
        "outputs": outputs if many else outputs[0],
        "inputs": inputs,
        "changedPropIds": [],
        "state": [dependency(item) for item in spec["state"]],
    }


def post(client, body: Any, content_type: str = "application/json"):
    data = body if isinstance(body, bytes) else json.dumps(body)
    return client.post(CALLBACK_ENDPOINT, data=data, content_type=content_type)


def update_view_output(app: Dash) -> str:
    return next(key for key in app.callback_map if "project-map.figure" in key)


def server_callbacks(app: Dash) -> list[str]:
    """Outputs of the callbacks that run on the server (not the clientside ones)."""
    return sorted(output for output, spec in app.callback_map.items() if "callback" in spec)


def test_every_callback_answers_its_first_page_load_request(app, client):
    for output in server_callbacks(app):
        response = post(client, valid_body(app, output))
        assert response.status_code in (200, 204), (output, response.data[:300])


def _with_input(body: dict, index: int, value: Any) -> dict:
    body = json.loads(json.dumps(body))
    body["inputs"][index]["value"] = value
    return body


def _malformed(app: Dash) -> list[tuple[str, Any, str]]:
    output = update_view_output(app)
    good = valid_body(app, output)
    field_index = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "filter-field")
    budget_index = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "filter-budget")
    country_index = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "country-select")
    # A clientside callback's output, if the app has one: no server function to call.
    clientside = next((o for o, spec in app.callback_map.items() if "callback" not in spec), "")
    return [
        ("not JSON", b"{not json", "the body must be JSON (Content-Type: application/json)"),
        ("a list", [], "the body must be a JSON object"),
        ("no output", {}, "unknown output"),
        ("unknown output", {**good, "output": "secret.value"}, "unknown output"),
        ("a clientside output", {**good, "output": clientside}, "unknown output"),
        ("output not a string", {**good, "output": ["x"]}, "unknown output"),
        ("inputs missing one", {**good, "inputs": good["inputs"][:-1]}, None),
        ("inputs not a list", {**good, "inputs": "all"}, None),
        ("state not a list", {**good, "state": {}}, None),
        ("changedPropIds not strings", {**good, "changedPropIds": [1]}, None),
        ("outputs a string", {**good, "outputs": "x"}, "outputs must be a list or an object"),
        ("another input's ID", _swap_id(good, field_index, "filter-scheme"), None),
        ("a string for a list", _with_input(good, field_index, "water"), None),
        ("numbers for strings", _with_input(good, field_index, [1, 2]), None),
        ("a string for the countries' list", _with_input(good, country_index, "VNM"), None),
        ("an object for a list", _with_input(good, country_index, {"a": 1}), None),
        ("numbers for countries", _with_input(good, country_index, [1]), None),
        ("strings for numbers", _with_input(good, budget_index, ["0", "100"]), None),
        ("a slider of one number", _with_input(good, budget_index, [5]), None),
        ("a slider of three numbers", _with_input(good, budget_index, [0, 5, 9]), None),
    ]


def _swap_id(body: dict, index: int, new_id: str) -> dict:
    body = json.loads(json.dumps(body))
    body["inputs"][index]["id"] = new_id
    return body


def test_malformed_callback_requests_are_400_with_the_reason(app, client):
    for name, body, message in _malformed(app):
        response = post(client, body)
        assert response.status_code == 400, (name, response.status_code, response.data[:300])
        assert response.json["error"]["message"], name
        if message:
            assert response.json["error"]["message"] == message, name


def test_a_country_the_page_no_longer_offers_gets_the_default_map(app, client):
    """A page loaded before an import may still name a country the data no longer has:
    it is answered with the default country's map, not an error."""
    output = update_view_output(app)
    good = valid_body(app, output)
    country_index = next(i for i, d in enumerate(good["inputs"]) if d["id"] == "country-select")
    default = post(client, good).json["response"]
    stale = post(client, _with_input(good, country_index, ["XXX"]))
    assert stale.status_code == 200
    assert stale.json["response"] == default
    locations = stale.json["response"]["map-paint"]["data"]["base"]["areas"]["codes"]
    assert len(locations) == 63 and all(code.startswith("VN-") for code in locations)


def test_layout_lengths_are_the_sliders_ends(app):
    assert layout_lengths(app.layout()) == {
        ("filter-budget", "value"): 2,
        ("filter-duration", "value"): 2,
        ("filter-start-years", "value"): 2,
    }


def test_a_body_that_is_not_declared_json_is_400(client):
    response = client.post(CALLBACK_ENDPOINT, data="output=x", content_type="text/plain")
    assert response.status_code == 400


def test_layout_kinds_are_what_the_browser_sends(app):
    kinds = layout_kinds(app.layout())
    assert kinds[("filter-field", "value")] == ("list", "string")  # from its options
    assert kinds[("filter-budget", "value")] == ("list", "number")
    assert kinds[("country-select", "value")] == ("list", "string")  # one, several or an overview
    assert kinds[("filter-keep-budget", "value")] == ("list", "string")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_no_callback_input_makes_a_server_error(app, client, data):
    output = data.draw(st.sampled_from(server_callbacks(app)))
    body = valid_body(app, output)
    for key in ("inputs", "state"):
        for item in body[key]:
            if isinstance(item, dict) and data.draw(st.booleans()):
                item["value"] = data.draw(JSON_VALUES)
    response = post(client, body)
    assert response.status_code in (200, 204, 400), (output, response.data[:300])
