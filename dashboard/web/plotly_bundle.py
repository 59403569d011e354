"""The plotly.js the page loads: the map-only partial bundle, made unable to reach outside.

Every figure here is a ``choroplethmap`` or a ``scattermap`` (MapLibre); plotly.js publishes a
partial bundle with exactly the map traces, ``dist/plotly-map.min.js`` (2.96 MB against 4.82 MB
for the full bundle; 0.66 MB against 1.11 MB with brotli). It is vendored in
``assets/vendor/``, so Dash loads it with the page and ``dcc.Graph`` finds ``window.Plotly``
already defined and never asks for the full bundle. The version is the one plotly.py ships
(a test fails when they part).

As published, the bundle names outside hosts in its defaults: the topojson CDN
(``cdn.plot.ly``), the "send to cloud" server, the named map styles (CARTO, OpenStreetMap,
ESRI and ICGC tiles), the glyph server of every style, ``white-bg`` included
(``fonts.openmaptiles.org``), Maki icons on jsDelivr, and links in messages and credits. The
page uses none of them, but a figure, a text label or a symbol could make the browser fetch
one. So the vendored file is rewritten: every ``http(s)://host`` becomes ``/offline/host``, a
path of this site that answers 404 and says why (``install_offline_route``). Left as they are:
the W3C XML namespace names (identifiers, never fetched) and the licence notices. An operator's
tile server comes from the figure (``JPP_TILE_URL``), not from the bundle.

``jpp-map vendor-plotly`` (``make plotly-bundle``) fetches the npm package, checks the
published file against ``UPSTREAM_SHA256``, rewrites it and checks the result against
``SHA256``; a test rewrites the published file again and compares byte for byte.
"""

from __future__ import annotations

import hashlib
import re
import tarfile
from pathlib import Path

from flask import Flask, Response

from ..npm import NpmUnavailableError, packed

VERSION = "4.1.1"
FILENAME = f"plotly-map-{VERSION}-offline.min.js"
UPSTREAM_SHA256 = "51784469c5a68bff7ed452bc74a18a9eaca3141b78d017cce84e2e229806ac75"
SHA256 = "75cea20a447d5bed3274863821633c99710f532048e4c49158e85e4b3200a3cd"  # rewritten
PACKAGE = f"plotly.js@{VERSION}"
MEMBER = "package/dist/plotly-map.min.js"
# The trace types the bundle registers (lib/index-map.js), beside plotly's core "scatter".
TRACES = frozenset({"scatter", "scattermap", "choroplethmap", "densitymap"})

OFFLINE_PREFIX = "/offline/"
_URL = re.compile(rb"https?://([A-Za-z0-9.-]+)")
_NAMESPACES = (b"http://www.w3.org/",)  # createElementNS names, not addresses
_LICENCES = b"/*! Bundled license information:"
HEADER = (
    f"/* plotly.js {VERSION} dist/plotly-map.min.js (MIT), from the npm registry; its outside "
    f"addresses rewritten to {OFFLINE_PREFIX}<host>/... by dashboard/web/plotly_bundle.py so "
    "that the map never reaches another host. */\n"
).encode()


class BundleError(RuntimeError):
    """The bundle could not be fetched, or is not the pinned file."""


def vendored_path(assets_dir: Path) -> Path:
    return assets_dir / "vendor" / FILENAME


def _sha_check(data: bytes, expected: str, source: str) -> None:
    digest = hashlib.sha256(data).hexdigest()
    if digest != expected:
        raise BundleError(f"{source}: sha256 {digest}, expected {expected} ({PACKAGE})")


def check(data: bytes, source: str) -> None:
    """The published file, as pinned."""
    _sha_check(data, UPSTREAM_SHA256, source)


def outside_addresses(data: bytes) -> list[tuple[int, bytes]]:
    """(offset, address) of each ``http(s)://`` the browser could be pointed at: all but the
    XML namespace names and those in the licence notices."""
    licences = data.rfind(_LICENCES)  # the bundle's own, at its end (workers carry theirs)
    found = []
    for match in _URL.finditer(data):
        start = match.start()
        if data.startswith(_NAMESPACES, start) or (0 <= licences <= start):
            continue
        if b"license: " in data[max(0, start - 12) : start].lower():
            continue  # "Full text of license: https://…" in MapLibre's worker source
        found.append((start, match.group(0)))
    return found


def offline(data: bytes) -> bytes:
    """The bundle with every outside address made a path of this site (see the module)."""
    pieces, last = [], 0
    for start, address in outside_addresses(data):
        host = _URL.match(address)
        assert host is not None
        pieces += [data[last:start], OFFLINE_PREFIX.encode(), host.group(1)]
        last = start + len(address)
    pieces.append(data[last:])
    return HEADER + b"".join(pieces)


def vendor(assets_dir: Path, cache_dir: Path) -> Path:
    """Fetch the pinned npm package (once; npm checks the registry's integrity hash), check
    the published bundle, rewrite it and write it into ``assets/vendor/``."""
    data = published(cache_dir)
    rewritten = offline(data)
    _sha_check(rewritten, SHA256, f"{FILENAME} (rewritten)")
    target = vendored_path(assets_dir)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    partial.write_bytes(rewritten)
    partial.replace(target)
    return target


def published(cache_dir: Path) -> bytes:
    """The bundle as the npm package publishes it, checked against its pin."""
    try:
        tarball = packed(PACKAGE, f"plotly.js-{VERSION}.tgz", cache_dir)
    except NpmUnavailableError as error:
        raise BundleError(str(error)) from error
    with tarfile.open(tarball, mode="r:gz") as tar:
        try:
            handle = tar.extractfile(MEMBER)
        except KeyError:
            handle = None
        if handle is None:
            raise BundleError(f"{tarball} has no {MEMBER}")
        data = handle.read()
    check(data, f"{tarball}:{MEMBER}")
    return data


def install_offline_route(server: Flask) -> None:
    """``/offline/<host>/…``: where the bundle's outside addresses now lead. Nothing is
    fetched from there: a clear 404, not Dash's page (its catch-all would answer 200)."""

    @server.get(f"{OFFLINE_PREFIX}<path:address>")
    def offline_address(address: str) -> Response:
        body = (
            f"Not fetched: this map works without the internet, so plotly.js's default "
            f"address https://{address} leads here instead. An operator may configure a tile "
            "server (JPP_TILE_URL).\n"
        )
        return Response(body, status=404, mimetype="text/plain")
