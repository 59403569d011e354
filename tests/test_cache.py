"""API answers shared through a real Redis (Debian's redis-server, started here on a Unix
socket): computed once for all instances, never stale after an import, never needed."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.data.files import write_atomically
from dashboard.settings import Settings
from tests.servers import get, procfile_server

GEODATA = REPO_ROOT / "geodata"


@pytest.fixture(scope="module")
def redis_server() -> Iterator[tuple[str, subprocess.Popen]]:
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.fail("redis-server is not installed: `make test` installs it")
    folder = Path(tempfile.mkdtemp(prefix="jpp-redis-"))
    socket = folder / "redis.sock"
    process = subprocess.Popen(
        [
            *(binary, "--port", "0", "--unixsocket", str(socket), "--unixsocketperm", "700"),
            *("--save", "", "--appendonly", "no", "--dir", str(folder)),
        ],
        stdout=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not socket.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        yield f"unix://{socket}", process
    finally:
        process.terminate()
        process.wait(timeout=15)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="module")
def geodata(tmp_path_factory) -> Path:
    """A copy of the real data that this module may replace."""
    target = tmp_path_factory.mktemp("cache") / "geodata"
    shutil.copytree(GEODATA / "boundaries", target / "boundaries")
    shutil.copy(GEODATA / "projects.json", target / "projects.json")
    return target


@pytest.fixture(scope="module")
def instances(redis_server, geodata) -> Iterator[list[str]]:
    url, _ = redis_server
    with ExitStack() as stack:
        yield [
            stack.enter_context(procfile_server(REDIS_URL=url, JPP_GEODATA_DIR=str(geodata)))
            for _ in range(2)
        ]


def test_an_answer_is_computed_once_for_every_instance(instances):
    query = "/api/projects?country=VNM&field=water"
    first_status, first, first_headers = get(instances[0] + query)
    second_status, second, second_headers = get(instances[1] + query)
    assert (first_status, first_headers["X-Cache"]) == (200, "miss")
    assert (second_status, second_headers["X-Cache"]) == (200, "hit")
    assert second == first
    assert second_headers["Content-Type"] == first_headers["Content-Type"]
    uncached = create_app(Settings()).server.test_client().get(query)
    assert uncached.data == first and "X-Cache" not in uncached.headers
    assert json.loads(first)["count"] == 15

    query = "/export/projects.xlsx?country=LAO"
    _, sheet, headers = get(instances[0] + query)
    _, again, headers_again = get(instances[1] + query)
    assert (headers["X-Cache"], headers_again["X-Cache"], again) == ("miss", "hit", sheet)
    assert headers_again["Content-Disposition"] == headers["Content-Disposition"]
    assert headers["Content-Disposition"].startswith('attachment; filename="jpp-projects-LAO-')


def test_an_import_is_never_answered_from_the_cache(instances, geodata):
    query = "/api/projects?field=water"
    _, before, _ = get(instances[0] + query)
    assert get(instances[1] + query)[2]["X-Cache"] == "hit"
    document = json.loads((geodata / "projects.json").read_text(encoding="utf-8"))
    write_atomically(
        geodata / "projects.json", json.dumps({**document, "projects": document["projects"][:10]})
    )
    for base in instances:
        status, body, headers = get(base + query)
        assert (status, headers["X-Cache"]) in {(200, "miss"), (200, "hit")}
        assert body != before
        assert json.loads(body)["count"] == len(
            [p for p in document["projects"][:10] if "water" in p["fields"]]
        )


def test_without_redis_the_answers_stay_the_same(instances, redis_server):
    _, process = redis_server
    query = "/api/projects?country=LAO"
    _, cached, _ = get(instances[0] + query)
    process.terminate()
    process.wait(timeout=15)
    for base in instances:
        status, body, headers = get(base + query)
        assert (status, headers["X-Cache"], body) == (200, "miss", cached)
