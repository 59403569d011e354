"""Shared fixtures: the real app served by gunicorn as in the Procfile, and real Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import settings as hypothesis_settings

from dashboard import REPO_ROOT
from dashboard.data.places import PlaceIndex

# A second Procfile server configured as an operator would (tests/ops_server.py).
pytest_plugins = ["tests.ops_server"]

# CI replays the same examples every run (a red build must mean a regression); on a
# developer's machine hypothesis explores new ones.
hypothesis_settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    hypothesis_settings.load_profile("ci")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chromium's own background traffic is switched off: every request the page makes is ours.
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--use-gl=angle",
    "--use-angle=swiftshader",
    "--enable-unsafe-swiftshader",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile_command() -> str:
    for line in (REPO_ROOT / "Procfile").read_text().splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise AssertionError("Procfile has no web process")


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@pytest.fixture(scope="session")
def live_server() -> Iterator[str]:
    """The Procfile's command, on a free loopback port."""
    port = free_port()
    env = {
        **os.environ,
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    }
    process = subprocess.Popen(
        procfile_command(),
        shell=True,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: `make test` installs it")
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_factory(browser, live_server):
    """Fresh pages that record every URL they request, in a given viewport and locale (the
    browser's Accept-Language); each asserts at the end that it asked only 127.0.0.1."""
    contexts = []

    def new_page(width: int = 1400, height: int = 1000, locale: str = "en-GB", **options):
        context = browser.new_context(
            viewport={"width": width, "height": height}, locale=locale, **options
        )
        contexts.append(context)
        page = context.new_page()
        page.requested_urls = []
        page.on("request", lambda request: page.requested_urls.append(request.url))
        page.console_errors = []
        page.on(
            "console",
            lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        return page

    yield new_page
    for context in contexts:
        outside = [
            url
            for page in context.pages
            for url in page.requested_urls
            if urlsplit(url).scheme not in {"blob", "data"}
            and urlsplit(url).hostname != "127.0.0.1"
        ]
        context.close()
        assert outside == [], "the page asked a host other than 127.0.0.1"


@pytest.fixture
def page(page_factory):
    """A desktop page in English."""
    return page_factory()


# --- the default data, for the project-list tests ------------------------------------------


@pytest.fixture(scope="session")
def places() -> PlaceIndex:
    """Place names of every boundary layer, read once."""
    return PlaceIndex.load(REPO_ROOT / "geodata" / "boundaries")


@pytest.fixture
def geodata(tmp_path: Path) -> Path:
    """A copy of the default data to import into; the repository's own stays untouched."""
    source = REPO_ROOT / "geodata"
    target = tmp_path / "geodata"
    shutil.copytree(source / "boundaries", target / "boundaries")
    shutil.copy(source / "projects.json", target / "projects.json")
    (target / "curation").mkdir()
    shutil.copy(source / "curation" / "organisations.csv", target / "curation")
    return target
