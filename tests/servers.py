"""Start the Procfile's gunicorn with an environment of the test's choosing.

``conftest.live_server`` is the one shared server; the scale-out and fault tests need their
own: several at once, or one whose database the test stops and starts.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from dashboard import REPO_ROOT
from tests.conftest import free_port, procfile_command, wait_until_up


@contextmanager
def procfile_server(**env: str) -> Iterator[str]:
    """The Procfile's command on a free loopback port; yields its base URL."""
    port = free_port()
    environment = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        **env,
    }
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(
            procfile_command(),
            shell=True,
            cwd=REPO_ROOT,
            env=environment,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_up(f"{base}/healthz", process)
            except (RuntimeError, TimeoutError):
                errors.seek(0)
                raise RuntimeError(errors.read().decode(errors="replace")[-3000:]) from None
            yield base
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


def get(url: str) -> tuple[int, bytes, dict[str, str]]:
    """Status, body and headers; an HTTP error status is an answer, not an exception."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read(), dict(error.headers)


def get_json(url: str) -> tuple[int, Any]:
    status, body, _ = get(url)
    return status, json.loads(body)


def post_json(url: str, payload: dict[str, Any]) -> tuple[int, bytes]:
    request = urllib.request.Request(
        url,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _components(node: Any) -> Iterator[dict[str, Any]]:
    if isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node
            yield from _components(node["props"].get("children"))
            for value in node["props"].values():
                if isinstance(value, dict | list) and value is not node["props"].get("children"):
                    yield from _components(value)
        else:
            for value in node.values():
                yield from _components(value)
    elif isinstance(node, list):
        for item in node:
            yield from _components(item)


def callback_payload(base: str, output_contains: str) -> dict[str, Any]:
    """The request the browser sends for the callback whose outputs include
    ``output_contains``, with every input and state at its value in the served layout (as on a
    first page load). Built from /_dash-dependencies and /_dash-layout, so it follows the
    callbacks as they change."""
    _, dependencies = get_json(f"{base}/_dash-dependencies")
    (dependency,) = [d for d in dependencies if output_contains in d["output"]]
    _, layout = get_json(f"{base}/_dash-layout")
    props = {
        component["props"]["id"]: component["props"]
        for component in _components(layout)
        if isinstance(component["props"].get("id"), str)
    }

    def value(item: dict[str, str]) -> dict[str, Any]:
        return {**item, "value": props.get(item["id"], {}).get(item["property"])}

    output = dependency["output"]
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    outputs = [dict(zip(("id", "property"), part.rsplit(".", 1), strict=True)) for part in parts]
    return {
        "output": output,
        "outputs": outputs if output.startswith("..") else outputs[0],
        "inputs": [value(item) for item in dependency["inputs"]],
        "state": [value(item) for item in dependency["state"]],
        "changedPropIds": [f"{item['id']}.{item['property']}" for item in dependency["inputs"]],
    }
