"""A second Procfile server, configured as an operator would: two workers, a tile server of
their own, FLASK_DEBUG left on by mistake, and stdout kept so that its access log can be read.

Registered from conftest.py (``pytest_plugins``) so that every test module shares one.
"""

from __future__ import annotations

import html
import os
import signal
import struct
import subprocess
import sys
import threading
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote

import pytest

from dashboard import REPO_ROOT
from tests.conftest import free_port, procfile_command, wait_until_up


def png(width: int = 256, height: int = 256, rgb: tuple[int, int, int] = (200, 220, 240)) -> bytes:
    """A plain one-colour PNG tile (generated, not map data)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


@dataclass
class TileServer:
    base: str
    requested: list[str] = field(default_factory=list)


@dataclass
class OpsServer:
    base: str
    stdout: Path
    tmpdir: Path
    tiles: TileServer
    process: subprocess.Popen

    def log_lines(self) -> list[str]:
        return self.stdout.read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="session")
def tile_server() -> Iterator[TileServer]:
    """An operator's raster tile server, on another loopback port (so another origin).

    It also serves /host.html?src=URL: a page of that other origin that frames URL.
    """
    tile = png()
    server = ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler)
    state = TileServer(base=f"http://127.0.0.1:{server.server_address[1]}")

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.requested.append(self.path)
            if self.path.startswith("/host.html?src="):  # a site that tries to embed the map
                src = html.escape(unquote(self.path.split("=", 1)[1]))
                body = f'<!doctype html><title>host</title><iframe src="{src}"></iframe>'.encode()
                content_type = "text/html; charset=utf-8"
            else:
                body, content_type = tile, "image/png"
            self.send_response(200)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server.RequestHandlerClass = Handler
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def ops_server(tile_server: TileServer, tmp_path_factory) -> Iterator[OpsServer]:
    tmp = tmp_path_factory.mktemp("ops-server")
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
        "FLASK_DEBUG": "1",  # an operator's mistake: the Procfile path must stay out of debug
        "DASH_DEBUG": "true",
        "JPP_TILE_URL": f"{tile_server.base}/tiles/{{z}}/{{x}}/{{y}}.png",
        "JPP_FRAME_ANCESTORS": "'self' https://www.jica.go.jp",
        "TMPDIR": str(tmp),  # where gunicorn_conf makes its metrics directory
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    stdout = tmp / "stdout.log"
    with stdout.open("wb") as out, (tmp / "stderr.log").open("wb") as err:
        process = subprocess.Popen(
            procfile_command(),
            shell=True,
            cwd=REPO_ROOT,
            env=env,
            stdout=out,
            stderr=err,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    server = OpsServer(base, stdout, tmp, tile_server, process)
    try:
        wait_until_up(f"{base}/healthz", process)
        yield server
    finally:
        stop(process)


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
