"""When the data source fails, the app serves the last good data and says "degraded";
it comes back by itself. The database case stops and starts a real PostgreSQL server under
the Procfile's gunicorn (two workers), as a failover or a maintenance restart would."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from dashboard import REPO_ROOT
from dashboard.data.files import write_atomically
from dashboard.data.repository import Repository
from tests.factories import DATASET_SIZE, default_dataset_size
from tests.pg_cluster import Cluster, running_cluster
from tests.servers import callback_payload, get, get_json, post_json, procfile_server

GEODATA = REPO_ROOT / "geodata"


def bump_mtime(path: Path) -> None:
    """Two writes within the file system's clock tick must still read as a change."""
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_broken_dataset_file_keeps_the_last_good_data(tmp_path):
    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA / "boundaries", geodata / "boundaries")
    projects_file = geodata / "projects.json"
    document = json.loads((GEODATA / "projects.json").read_text(encoding="utf-8"))
    write_atomically(projects_file, json.dumps(document))
    repository = Repository(projects_file, geodata / "boundaries")
    assert repository.health() == {"status": "ok", "projects": DATASET_SIZE}

    write_atomically(projects_file, '{"projects": [')  # a hand edit gone wrong
    bump_mtime(projects_file)
    assert len(repository.store) == DATASET_SIZE
    health = repository.health()
    assert (health["status"], health["projects"], health["reason"]) == (
        "degraded",
        DATASET_SIZE,
        "the dataset file cannot be read",
    )
    assert isinstance(health["data_age_seconds"], int) and health["data_age_seconds"] >= 0
    datetime.fromisoformat(health["since"])

    projects_file.unlink()
    assert len(repository.store) == DATASET_SIZE
    assert repository.health()["reason"] == "the dataset file cannot be read"

    write_atomically(projects_file, json.dumps({**document, "projects": document["projects"][:10]}))
    assert repository.health() == {"status": "ok", "projects": 10}  # back by itself


def _damaged_variants(document: dict[str, Any]) -> dict[str, str]:
    """Twelve ways a hand edit breaks projects.json, built from the real file."""
    first = document["projects"][0]

    def with_first(**changes: Any) -> str:
        return json.dumps({**document, "projects": [{**first, **changes}, *document["projects"]]})

    location = {**first["locations"][0], "lon": "abc"}
    return {
        "a JSON string": json.dumps("projects"),
        "a JSON list": json.dumps(document["projects"]),
        "no projects key": json.dumps({"meta": 1}),
        "projects is null": json.dumps({**document, "projects": None}),
        "a project is a number": json.dumps({**document, "projects": [1]}),
        "a project without an id": with_first(id=None, countries=None),
        "unhashable fields": with_first(fields=[["water"]]),
        "a longitude of abc": with_first(locations=[location]),
        "a date that is no date": with_first(start={"earliest": "soon", "latest": "x"}),
        "deep nesting": '{"projects": ' + "[" * 100_000 + "]" * 100_000 + "}",
        "cut short": '{"projects": [',
        "not UTF-8": "\udcff",
    }


def test_every_damaged_dataset_keeps_the_last_good_data_and_is_read_once(tmp_path, monkeypatch):
    """None of them is a 500: /healthz says "degraded" with the reason, the API answers from
    the last good data, and the damaged version is read once, not on every request."""
    from dashboard.app import create_app
    from dashboard.settings import Settings

    geodata = tmp_path / "geodata"
    shutil.copytree(GEODATA / "boundaries", geodata / "boundaries")
    shutil.copy(GEODATA / "partner_homes.csv", geodata / "partner_homes.csv")
    projects_file = geodata / "projects.json"
    document = json.loads((GEODATA / "projects.json").read_text(encoding="utf-8"))
    write_atomically(projects_file, json.dumps(document))
    monkeypatch.setenv("JPP_GEODATA_DIR", str(geodata))
    app = create_app(Settings.from_env())
    client = app.server.test_client()
    repository = app.server.extensions["jpp_repository"]
    reads = []
    load = repository.source.load
    monkeypatch.setattr(type(repository.source), "load", lambda self: reads.append(1) or load())
    for name, text in _damaged_variants(document).items():
        projects_file.write_bytes(text.encode("utf-8", errors="surrogateescape"))
        bump_mtime(projects_file)
        reads.clear()
        for _ in range(3):
            health = client.get("/healthz")
            assert health.status_code == 200, name
            assert health.json["status"] == "degraded", name
            assert health.json["projects"] == DATASET_SIZE, name
            assert health.json["reason"] in (
                "the dataset file cannot be read",
                "the dataset has records the app cannot use",
            ), name
            api = client.get("/api/projects?country=VNM")
            assert api.status_code == 200 and api.json["count"] > 0, name
        assert len(reads) == 1, (name, len(reads))  # not again until the file changes
    write_atomically(projects_file, json.dumps(document))
    bump_mtime(projects_file)
    assert client.get("/healthz").json["status"] == "ok"


def wait_for(check: Callable[[], Any], accept: Callable[[Any], bool], times: int = 10) -> Any:
    """The answer once ``times`` answers in a row are accepted (so both workers agree).

    Bounded: a server that never gets there fails the test after two minutes."""
    deadline = time.monotonic() + 120
    in_a_row, answer = 0, None
    while time.monotonic() < deadline:
        answer = check()
        in_a_row = in_a_row + 1 if accept(answer) else 0
        if in_a_row == times:
            return answer
        time.sleep(0.2)
    raise AssertionError(f"never settled; last answer: {answer!r}")


def jpp_map(url: str, *args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "dashboard.cli", *args],
        env={**os.environ, "DATABASE_URL": url},
        check=True,
        cwd=REPO_ROOT,
        capture_output=True,
    )


@pytest.fixture(scope="module")
def served() -> Iterator[tuple[str, str, Cluster]]:
    """gunicorn (Procfile, two workers) on a database of its own, polled every 0.5 s."""
    with running_cluster() as cluster:
        url = cluster.create_database("jpp_outage")
        jpp_map(url, "db-load")
        with procfile_server(
            DATABASE_URL=url, JPP_DB_POLL_SECONDS="0.5", WEB_CONCURRENCY="2"
        ) as base:
            yield base, url, cluster


def healthz(base: str) -> tuple[int, dict[str, Any]]:
    """/healthz without the data's version and date (asserted present here; their values
    are tested in test_api and test_postgis)."""
    status, body = get_json(f"{base}/healthz")
    assert {"data_version", "data_date"} <= set(body)
    return status, {k: v for k, v in body.items() if k not in ("data_version", "data_date")}


def test_the_database_goes_away_and_comes_back(served):
    base, _, cluster = served
    assert healthz(base) == (200, {"status": "ok", "projects": DATASET_SIZE})
    _, before = get_json(f"{base}/api/projects?country=VNM&field=water")
    assert before["count"] == 15
    payload = callback_payload(base, "project-map.figure")

    cluster.stop()
    status, health = wait_for(lambda: healthz(base), lambda a: a[1]["status"] == "degraded")
    # 200, not 503: every instance loses the database at once; a load balancer that took
    # them all out would serve nothing, while they still serve the last good data.
    assert status == 200
    assert sorted(health) == [
        "data_age_seconds",
        "data_checked_at",
        "projects",
        "reason",
        "since",
        "status",
    ]
    assert (health["projects"], health["reason"]) == (
        DATASET_SIZE,
        "the database cannot be reached",
    )
    assert health["data_age_seconds"] >= 0
    assert datetime.fromisoformat(health["since"]) >= datetime.fromisoformat(
        health["data_checked_at"]
    )
    for _ in range(6):  # both workers, with the database down
        assert get_json(f"{base}/api/projects?country=VNM&field=water") == (200, before)
        status, body, _ = get(f"{base}/")
        assert (status, b'id="react-entry-point"' in body) == (200, True)
        status, body = post_json(f"{base}/_dash-update-component", payload)
        assert status == 200
        figure = json.loads(body)["response"]["project-map"]["figure"]
        assert figure["data"], "the map is drawn from the last good data"
        status, body, _ = get(f"{base}/export/projects.csv?country=LAO")
        assert status == 200 and body.count(b"\nLA") == default_dataset_size("LAO")

    cluster.start()
    status, health = wait_for(lambda: healthz(base), lambda a: a[1]["status"] == "ok")
    assert (status, health) == (200, {"status": "ok", "projects": DATASET_SIZE})


def test_workers_pick_up_a_new_import_by_polling(served, tmp_path):
    """An import commits a new version; each worker loads it on its next poll."""
    base, url, _ = served
    wait_for(lambda: healthz(base), lambda a: a[1]["status"] == "ok")
    laos = tmp_path / "laos.csv"
    laos.write_bytes(get(f"{base}/export/projects.csv?country=LAO")[1])
    jpp_map(url, "import", str(laos))  # replaces the whole set with the Laos projects
    laos_size = default_dataset_size("LAO")
    _, answer = wait_for(
        lambda: get_json(f"{base}/api/projects"), lambda a: a[1]["count"] == laos_size
    )
    assert sorted(p["id"] for p in answer["projects"]) == [
        f"LA0{n}" for n in range(1, laos_size + 1)
    ]
    assert healthz(base) == (200, {"status": "ok", "projects": laos_size})
    jpp_map(url, "db-load")
    wait_for(lambda: healthz(base), lambda a: a[1] == {"status": "ok", "projects": DATASET_SIZE})
