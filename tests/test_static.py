"""Static files: compressed once at the best ratio, cached for a year when versioned, and the
map-only plotly.js bundle in place of the full one."""

from __future__ import annotations

import gzip
import hashlib
import re

import brotli
import plotly.offline
import pytest

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.settings import Settings
from dashboard.web import plotly_bundle
from dashboard.web.static import QUICK_BROTLI, CompressedFiles, chosen_encoding, compress


@pytest.fixture(scope="module")
def app():
    return create_app(Settings())


@pytest.fixture
def client(app):
    return app.server.test_client()


def page_urls(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    # plotly.js is named in a meta tag (content=): dcc.Graph fetches it when a map mounts.
    return re.findall(r'(?:src|href|content)="(/[^"]+)"', page)


def bundle_url(client) -> str:
    return next(url for url in page_urls(client) if plotly_bundle.FILENAME in url)


def test_the_page_loads_the_map_only_bundle_and_not_the_full_one(client):
    urls = page_urls(client)
    assert any(plotly_bundle.FILENAME in url for url in urls)
    assert not any("plotly.min.js" in url for url in urls)


def test_the_vendored_bundle_is_the_pinned_one_of_plotly_pys_version():
    data = plotly_bundle.vendored_path(REPO_ROOT / "assets").read_bytes()
    assert hashlib.sha256(data).hexdigest() == plotly_bundle.SHA256
    assert data.startswith(plotly_bundle.HEADER)  # says what it is and what was changed
    assert f"/**\n* plotly.js (map - minified) v{plotly_bundle.VERSION}".encode() in data[:400]
    # plotly.py writes figures for the plotly.js it ships: the bundle must be that version.
    assert plotly.offline.get_plotlyjs_version() == plotly_bundle.VERSION


def test_a_bundle_that_is_not_the_pinned_one_is_refused():
    with pytest.raises(plotly_bundle.BundleError, match="sha256"):
        plotly_bundle.check(b"console.log('not plotly')", "test")


def test_scripts_come_compressed_with_brotli_and_best_ratio_once_ready(app, client):
    url = bundle_url(client)
    original = plotly_bundle.vendored_path(REPO_ROOT / "assets").read_bytes()
    first = client.get(url, headers={"Accept-Encoding": "gzip, deflate, br, zstd"})
    assert first.headers["Content-Encoding"] == "br"
    assert "Accept-Encoding" in first.headers["Vary"]
    assert brotli.decompress(first.data) == original
    files = app.server.extensions["jpp_compressed_files"]
    assert files.wait_until_improved(timeout=120)
    best = client.get(url, headers={"Accept-Encoding": "br"})
    assert brotli.decompress(best.data) == original
    assert len(best.data) < len(first.data) or len(first.data) == len(compress(original, "br"))
    assert len(best.data) == len(compress(original, "br"))  # quality 11


def test_gzip_for_browsers_without_brotli_and_plain_for_others(client):
    url = next(url for url in page_urls(client) if "dash_renderer" in url)
    zipped = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert zipped.headers["Content-Encoding"] == "gzip"
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers
    assert gzip.decompress(zipped.data) == plain.data


def test_versioned_static_urls_are_cached_for_a_year(client):
    urls = page_urls(client)
    for url in urls:
        if url.startswith(("/assets/", "/vendor/")) or ".v4_4_1m" in url:
            response = client.get(url)
            assert response.status_code == 200, url
            cache = response.cache_control
            assert (cache.max_age, cache.immutable, cache.public) == (31536000, True, True), url
            assert not cache.no_cache, url
    assert any("bootstrap.min.css?v=" in url for url in urls)
    unversioned = client.get("/assets/style.css")
    assert unversioned.cache_control.max_age != 31536000


def test_boundaries_compressed_with_a_validator_that_names_the_encoding(client):
    path = "/geodata/boundaries/admin1/VNM.geojson"
    first = client.get(path, headers={"Accept-Encoding": "br"})
    assert first.headers["Content-Encoding"] == "br"
    etag = first.headers["ETag"]
    assert etag.endswith(':br"')
    again = client.get(path, headers={"Accept-Encoding": "br", "If-None-Match": etag})
    assert again.status_code == 304
    other = client.get(path, headers={"Accept-Encoding": "gzip", "If-None-Match": etag})
    assert other.status_code == 200 and other.headers["Content-Encoding"] == "gzip"


def test_answers_that_change_are_left_to_flask_compress(client):
    api = client.get("/api/projects?country=LAO", headers={"Accept-Encoding": "br"})
    assert api.headers["Content-Encoding"] == "br"
    # Cached briefly by intent (issue 15: Cache-Control, ETag from the data's version), but
    # compressed per request by Flask-Compress, not kept among the static files.
    assert api.cache_control.max_age == 300
    files = client.application.extensions["jpp_compressed_files"]
    assert not any(key[0].startswith("/api/") for key in files._bodies)


def test_the_cache_keeps_to_its_limit():
    files = CompressedFiles(limit=3000)
    data = bytes(range(256)) * 40  # about 10 kB, barely compressible
    for n in range(5):
        files.body((f"/assets/{n}.js", "br", ""), data)
    kept = list(files._bodies)
    assert kept[-1] == ("/assets/4.js", "br", "")
    assert sum(len(body) for body in files._bodies.values()) <= 3000 or len(kept) == 1
    assert brotli.decompress(files.body(kept[-1], data)) == data
    assert QUICK_BROTLI < 11


@pytest.mark.parametrize(
    ("path", "boundary"),
    [
        ("/", "admin1/VNM.geojson"),
        ("/?country=LAO&field=water", "admin1/LAO.geojson"),
        ("/?country=VNM&layer=current", "admin1/VNM-2025.geojson"),
        ("/?country=LAO&layer=current", "admin1/LAO.geojson"),  # no other layer there
        ("/?country=XXX", "admin1/VNM.geojson"),
        ("/?country=KHM,LAO", "countries.geojson"),  # both: their outlines, as the page reads it
        ("/?country=%20khm", "admin1/KHM.geojson"),
        ("/?country=JPN", "admin1/VNM.geojson"),  # not a partner country: the default map
        ("/?view=japan&country=LAO", "admin1/JPN.geojson"),
        ("/?view=world", "world.geojson"),  # the world's lighter copy of the outlines
        ("/?view=japan&lang=ja", "admin1/JPN.geojson"),
        ("/embed?country=KHM", "admin1/KHM.geojson"),
        ("/project/LA06", "admin1/LAO.geojson"),
    ],
)
def test_the_page_preloads_the_boundaries_its_first_map_draws(client, path, boundary):
    page = client.get(path).get_data(as_text=True)
    preloads = re.findall(r'<link rel="preload" href="([^"]+)" as="fetch" crossorigin', page)
    assert preloads == [f"/geodata/boundaries/{boundary}"]
    assert client.get(preloads[0]).status_code == 200


def _tarball(path, member: str, data: bytes) -> None:
    import io
    import tarfile

    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo(member)
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))


def test_vendoring_refuses_a_bundle_that_is_not_the_pinned_one(tmp_path):
    cache = tmp_path / "cache"
    cache.mkdir()
    _tarball(cache / f"plotly.js-{plotly_bundle.VERSION}.tgz", plotly_bundle.MEMBER, b"nope")
    assets = tmp_path / "assets"
    with pytest.raises(plotly_bundle.BundleError, match="sha256"):
        plotly_bundle.vendor(assets, cache)
    assert not plotly_bundle.vendored_path(assets).exists()  # nothing half-written


def test_a_cached_npm_tarball_is_used_without_npm_and_a_missing_one_says_why(tmp_path, monkeypatch):
    from dashboard import npm

    cached = tmp_path / "pkg-1.0.0.tgz"
    cached.write_bytes(b"cached")
    monkeypatch.setattr(npm.shutil, "which", lambda name: None)
    assert npm.packed("pkg@1.0.0", "pkg-1.0.0.tgz", tmp_path) == cached
    with pytest.raises(npm.NpmUnavailableError, match="npm is not installed: cannot fetch other@2"):
        npm.packed("other@2", "other-2.tgz", tmp_path)
    with pytest.raises(plotly_bundle.BundleError, match="npm is not installed"):
        plotly_bundle.vendor(tmp_path / "assets", tmp_path / "empty")


@pytest.mark.parametrize(
    ("header", "chosen"),
    [
        ("gzip, deflate, br, zstd", "br"),
        ("gzip", "gzip"),
        ("*", "br"),
        ("*, br;q=0", "gzip"),
        ("*, br;q=0, gzip;q=0", None),  # '*' stands only for what the header does not name
        ("gzip;q=0, br;q=0.5", "br"),
        ("identity", None),
        ("", None),
        ("br;q=oops", None),  # an unreadable quality refuses
    ],
)
def test_the_encoding_the_browser_takes(header, chosen):
    assert chosen_encoding(header) == chosen


def test_a_query_on_a_static_url_costs_no_new_compression(app, client):
    files = app.server.extensions["jpp_compressed_files"]
    url = next(url for url in page_urls(client) if "dash_renderer" in url)
    path = url.split("?")[0]
    client.get(url, headers={"Accept-Encoding": "br"})
    before = len(files._bodies)
    for n in range(20):
        answer = client.get(f"{path}?m={n}&zzz={n}", headers={"Accept-Encoding": "br"})
        assert answer.headers["Content-Encoding"] == "br"
        assert "Accept-Ranges" not in answer.headers  # ranges would be of the plain file
    assert len(files._bodies) == before


# --- the bundle cannot point the browser at another host ------------------------------------


def test_the_vendored_bundle_is_the_published_one_rewritten_offline():
    """Rewriting the file npm publishes gives the vendored file, byte for byte."""
    try:
        published = plotly_bundle.published(REPO_ROOT / ".cache")
    except plotly_bundle.BundleError as error:
        pytest.skip(f"cannot obtain {plotly_bundle.PACKAGE} (no npm or no network): {error}")
    vendored = plotly_bundle.vendored_path(REPO_ROOT / "assets").read_bytes()
    assert plotly_bundle.offline(published) == vendored
    hosts = {address for _, address in plotly_bundle.outside_addresses(published)}
    assert {  # what the published bundle would have fetched or linked to
        b"https://cdn.plot.ly",
        b"https://cloud.plotly.com",
        b"https://basemaps.cartocdn.com",
        b"https://tile.openstreetmap.org",
        b"https://fonts.openmaptiles.org",
        b"https://cdn.jsdelivr.net",
        b"https://server.arcgisonline.com",
    } <= hosts


def test_no_address_in_the_vendored_bundle_leads_outside():
    vendored = plotly_bundle.vendored_path(REPO_ROOT / "assets").read_bytes()
    assert plotly_bundle.outside_addresses(vendored) == []
    left = re.findall(rb"https?://[A-Za-z0-9./@-]+", vendored)
    notices = vendored[vendored.rfind(b"/*! Bundled license information:") :]
    for address in left:
        assert address.startswith(b"http://www.w3.org/") or address in notices, address
    assert b'topojsonURL:{valType:"string",noBlank:!0,dflt:"/offline/cdn.plot.ly/un/"}' in vendored
    assert b'glyphs:"/offline/fonts.openmaptiles.org/{fontstack}/{range}.pbf"' in vendored


def test_the_rewrite_keeps_namespaces_and_licence_notices():
    sample = (
        b'a="https://tile.openstreetmap.org/{z}/{x}/{y}.png",ns="http://www.w3.org/2000/svg",'
        b"w=`Full text of license: https://github.com/x/LICENSE`;u=`https://cdn.jsdelivr.net/${p}`"
        b"\n/*! Bundled license information:\n MIT License: http://getify.mit-license.org */"
    )
    rewritten = plotly_bundle.offline(sample)
    assert rewritten.startswith(plotly_bundle.HEADER)
    body = rewritten[len(plotly_bundle.HEADER) :]
    assert body == (
        b'a="/offline/tile.openstreetmap.org/{z}/{x}/{y}.png",ns="http://www.w3.org/2000/svg",'
        b"w=`Full text of license: https://github.com/x/LICENSE`;u=`/offline/cdn.jsdelivr.net/${p}`"
        b"\n/*! Bundled license information:\n MIT License: http://getify.mit-license.org */"
    )


def test_where_the_rewritten_addresses_lead_is_a_clear_404(client):
    answer = client.get("/offline/basemaps.cartocdn.com/gl/positron-gl-style/style.json")
    assert answer.status_code == 404
    assert answer.mimetype == "text/plain"
    assert "works without the internet" in answer.get_data(as_text=True)
    assert "https://basemaps.cartocdn.com/gl/positron-gl-style/style.json" in answer.get_data(
        as_text=True
    )
