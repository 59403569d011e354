"""Access logs and /metrics, read from the Procfile's gunicorn as an operator runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.settings import Settings
from tests.factories import DATASET_SIZE

LOG_KEYS = {
    "time",
    "request_id",
    "method",
    "path",
    "route",
    "status",
    "duration_ms",
    "bytes",
    "remote_addr",
    "forwarded_for",
    "user_agent",
    "referer",
}


def get(url: str, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def samples(text: str) -> dict[tuple[str, frozenset], float]:
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, frozenset(sample.labels.items()))] = sample.value
    return found


def scrape(base: str) -> dict[tuple[str, frozenset], float]:
    status, headers, body = get(f"{base}/metrics")
    assert status == 200
    assert headers["Content-Type"].startswith("text/plain; version=")
    return samples(body.decode())


def requests_total(metrics: dict, route: str, status: str = "200") -> float:
    labels = frozenset({"route": route, "method": "GET", "status": status}.items())
    return metrics.get(("jpp_http_requests_total", labels), 0.0)


def log_entry(server, request_id: str) -> dict:
    """The access-log line of that request (written right after its body was sent)."""
    for _ in range(50):
        for line in server.log_lines():
            entry = json.loads(line)
            if entry["request_id"] == request_id:
                return entry
        time.sleep(0.1)
    raise AssertionError(f"no access-log line for {request_id}")


def test_one_json_access_log_line_per_request(ops_server):
    request_id = uuid.uuid4().hex
    agent = "jpp-test/1.0 (access log)"
    status, headers, body = get(
        f"{ops_server.base}/api/projects?country=LAO&field=health",
        {"X-Request-ID": request_id, "User-Agent": agent, "Referer": "https://example.org/a"},
    )
    assert status == 200
    assert headers["X-Request-ID"] == request_id  # a proxy's ID is kept and answered
    entry = log_entry(ops_server, request_id)
    assert set(entry) == LOG_KEYS
    assert {k: entry[k] for k in LOG_KEYS - {"time", "duration_ms"}} == {
        "request_id": request_id,
        "method": "GET",
        "path": "/api/projects",
        "route": "/api/projects",
        "status": 200,
        "bytes": len(body),
        "remote_addr": "127.0.0.1",
        "forwarded_for": None,
        "user_agent": agent,
        "referer": "https://example.org/a",
    }
    assert isinstance(entry["duration_ms"], float | int) and entry["duration_ms"] >= 0


def test_every_line_on_stdout_is_a_json_access_log_entry(ops_server):
    status, headers, _ = get(f"{ops_server.base}/api/nope")
    assert status == 404
    generated = headers["X-Request-ID"]
    assert len(generated) == 32  # no ID came in: one is made
    log_entry(ops_server, generated)
    lines = ops_server.log_lines()
    assert lines
    for line in lines:
        assert set(json.loads(line)) == LOG_KEYS


def test_metrics_count_a_request_across_both_workers(ops_server):
    before = scrape(ops_server.base)
    for _ in range(12):  # new connections: gunicorn's two workers share them
        assert get(f"{ops_server.base}/healthz")[0] == 200
    assert get(f"{ops_server.base}/api/projects?country=NPL")[0] == 200
    assert get(f"{ops_server.base}/api/projects?country=XYZ")[0] == 400
    after = scrape(ops_server.base)
    assert requests_total(after, "/healthz") - requests_total(before, "/healthz") == 12
    assert requests_total(after, "/api/projects") - requests_total(before, "/api/projects") == 1
    assert (
        requests_total(after, "/api/projects", "400")
        - requests_total(before, "/api/projects", "400")
        == 1
    )
    route = frozenset({"route": "/healthz"}.items())
    count = after[("jpp_http_request_duration_seconds_count", route)]
    assert count - before[("jpp_http_request_duration_seconds_count", route)] == 12
    inf = frozenset({"route": "/healthz", "le": "+Inf"}.items())
    assert after[("jpp_http_request_duration_seconds_bucket", inf)] == count


def test_metrics_say_what_data_is_served(ops_server):
    metrics = scrape(ops_server.base)
    data = REPO_ROOT / "geodata" / "projects.json"
    assert metrics[("jpp_projects_loaded", frozenset())] == DATASET_SIZE
    assert metrics[("jpp_data_file_mtime_seconds", frozenset())] == data.stat().st_mtime


def test_metrics_of_one_process_without_gunicorn():
    """Under the Flask test client (no PROMETHEUS_MULTIPROC_DIR) the process's own counts."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        pytest.skip("multiprocess mode set for this test run")
    client = create_app(Settings()).server.test_client()
    text = client.get("/metrics").get_data(as_text=True)
    before = requests_total(samples(text), "/api/projects.geojson")
    assert client.get("/api/projects.geojson?country=BTN").status_code == 200
    after = samples(client.get("/metrics").get_data(as_text=True))
    assert requests_total(after, "/api/projects.geojson") - before == 1
    assert after[("jpp_projects_loaded", frozenset())] == DATASET_SIZE


def test_the_metrics_directory_is_made_and_removed_with_the_server(tmp_path):
    code = (
        "import os, dashboard.gunicorn_conf as c;"
        "d = os.environ['PROMETHEUS_MULTIPROC_DIR']; print(d); print(os.path.isdir(d));"
        "c.on_exit(None); print(os.path.isdir(d))"
    )
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, env=env, capture_output=True, check=True
    )
    directory, made, still_there = out.stdout.decode().split()
    assert Path(directory).parent == tmp_path
    assert (made, still_there) == ("True", "False")


def test_an_operators_metrics_directory_is_emptied_at_start_and_kept(tmp_path):
    (tmp_path / "counter_12345.db").write_bytes(b"stale")
    (tmp_path / "notes.txt").write_text("not ours")
    code = "import dashboard.gunicorn_conf as c; c.on_exit(None)"
    env = {**os.environ, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path)}
    subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT, env=env, check=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]
