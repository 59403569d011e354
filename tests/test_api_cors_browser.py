"""A script on another site reads the API from a browser (Chromium): it pages through
/api/projects following ``next`` to the end, and gets ``total`` records; with
JPP_API_ORIGINS naming another site, the browser keeps the answers from it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from .servers import procfile_server

pytestmark = pytest.mark.browser

# Runs in the other site's page: every page from the first on, following `next` (an
# absolute URL of the API's site, as it is), with the validators a client would keep.
PAGE_THROUGH = """async ([api, first]) => {
    const ids = [];
    const totals = new Set();
    let url = api + first;
    let pages = 0;
    while (url && pages < 100) {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const answer = await response.json();
        answer.projects.forEach((project) => ids.push(project.id));
        totals.add(answer.total);
        pages += 1;
        url = answer.next;
    }
    const last = await fetch(api + first);
    return {ids, totals: [...totals], pages,
            version: last.headers.get('X-Data-Version'), etag: last.headers.get('ETag')};
}"""

READ_ONCE = """async (url) => {
    try {
        const response = await fetch(url);
        return {status: response.status, blocked: false};
    } catch (error) {
        return {blocked: true, message: String(error)};
    }
}"""


def other_site() -> Iterator[str]:
    """Another origin (another loopback port): a blank page of its own."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>another site</title><p>A client of the API.</p>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    yield from other_site()


@pytest.fixture(scope="module")
def listed_site() -> Iterator[str]:
    yield from other_site()


@pytest.fixture(scope="module")
def restricted_server(listed_site: str) -> Iterator[str]:
    """The Procfile's server with JPP_API_ORIGINS naming one other site only."""
    with procfile_server(JPP_API_ORIGINS=listed_site) as base:
        yield base


def test_a_script_on_another_site_pages_through_every_project(page, live_server, site):
    page.goto(site)
    answer = page.evaluate(PAGE_THROUGH, [live_server, "/api/projects?limit=25"])
    assert len(answer["totals"]) == 1
    total = answer["totals"][0]
    assert total > 25  # more than one page
    assert len(answer["ids"]) == total == len(set(answer["ids"]))
    assert answer["pages"] == -(-total // 25)
    # The headers a client keeps are readable across origins (Access-Control-Expose-Headers).
    assert answer["version"] and answer["etag"].startswith('W/"')


def test_a_filtered_sorted_selection_pages_the_same(page, live_server, site):
    page.goto(site)
    first = "/api/projects?country=VNM&sort=-budget,title&fields=budget_yen&limit=10"
    answer = page.evaluate(PAGE_THROUGH, [live_server, first])
    assert len(answer["ids"]) == answer["totals"][0] == len(set(answer["ids"]))


def test_only_the_listed_site_may_read(page_factory, restricted_server, site, listed_site):
    url = f"{restricted_server}/api/projects?limit=5"
    listed = page_factory()
    listed.goto(listed_site)
    assert listed.evaluate(READ_ONCE, url) == {"status": 200, "blocked": False}
    answer = listed.evaluate(PAGE_THROUGH, [restricted_server, "/api/projects?limit=50"])
    assert len(answer["ids"]) == answer["totals"][0]

    other = page_factory()
    other.goto(site)
    refused = other.evaluate(READ_ONCE, url)
    assert refused["blocked"], refused
    # A preflighted request (a conditional header) is refused the same way.
    preflighted = other.evaluate(
        """async (url) => {
            try { await fetch(url, {headers: {'If-None-Match': '"x"'}}); return false; }
            catch (error) { return true; }
        }""",
        url,
    )
    assert preflighted


def test_a_script_on_another_site_revalidates_with_the_etag(page, live_server, site):
    """The preflighted conditional request is allowed, and a 304 reaches the script."""
    page.goto(site)
    statuses = page.evaluate(
        """async (url) => {
            const first = await fetch(url);
            const tag = first.headers.get('ETag');
            const again = await fetch(url, {headers: {'If-None-Match': tag}});
            return [first.status, again.status, again.headers.get('ETag') === tag];
        }""",
        f"{live_server}/api/projects?country=VNM&limit=5",
    )
    assert statuses == [200, 304, True]
