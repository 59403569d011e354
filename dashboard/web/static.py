"""Static files as a slow phone wants them: compressed once at the best ratio, and cached by
the browser for a year when their URL names their version.

Flask-Compress compresses every answer anew, at a quick level (brotli 4): right for the API
and the callbacks, whose answers change, wasteful for the scripts, styles and boundaries,
which do not. Here those are compressed once per process and the bytes kept: brotli at
quality 9 at once (gzip 9 for browsers without brotli), then at quality 11 in a background
thread (brotli releases the GIL), so that no visitor waits for the slow best ratio; plotly.js's
map bundle is 0.73 MB at 9 and 0.66 MB at 11, against 0.84 MB at Flask-Compress's 4.
Flask-Compress leaves an answer that already has a Content-Encoding.

Dash names its component bundles by version (``.v4_4_1m…js``) and sends them with a year's
max-age; those, ``/assets/…?m=<mtime>`` and ``/vendor/…?v=<version>`` are also marked
``public, immutable`` here, so that browsers do not even revalidate them. Anything else keeps
its own validators (boundaries: ETag, a day).
"""

from __future__ import annotations

import gzip
import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import brotli
from dash import Dash
from dash.fingerprint import check_fingerprint
from flask import Flask, Response, abort, request

log = logging.getLogger(__name__)

COMPONENT_SUITES = "/_dash-component-suites/"
STATIC_PREFIXES = (COMPONENT_SUITES, "/assets/", "/vendor/", "/geodata/boundaries/")
VERSIONED = {"/assets/": "m", "/vendor/": "v"}  # prefix -> the query parameter naming a version
COMPRESSIBLE = frozenset(
    {"text/css", "text/javascript", "application/javascript", "application/geo+json"}
)
ONE_YEAR = 365 * 24 * 3600
BEST_BROTLI = 11
QUICK_BROTLI = 9
IMPROVE_ABOVE = 16 * 1024  # bytes: smaller files gain too little from quality 11
CACHE_LIMIT = 32 * 1024 * 1024  # compressed bytes kept per process
IMPROVE_QUEUE = 64  # files waiting for the best ratio at most (each held uncompressed)


def compress(data: bytes, encoding: str, quality: int = BEST_BROTLI) -> bytes:
    if encoding == "br":
        return brotli.compress(data, quality=quality)
    return gzip.compress(data, compresslevel=9, mtime=0)


def chosen_encoding(accept_encoding: str) -> str | None:
    """brotli if the browser takes it, else gzip, else none. An encoding the header names
    has its own quality; ``*`` stands only for the ones it does not name (``q=0`` refuses)."""
    named: dict[str, float] = {}
    for part in accept_encoding.lower().split(","):
        coding, _, params = part.strip().partition(";")
        quality = 1.0
        if params.strip().startswith("q="):
            try:
                quality = float(params.strip()[2:])
            except ValueError:
                quality = 0.0
        if coding:
            named[coding.strip()] = quality
    for encoding in ("br", "gzip"):
        if named.get(encoding, named.get("*", 0.0)) > 0:
            return encoding
    return None


class CompressedFiles:
    """Compressed bodies by (URL, encoding, ETag), bounded by their total size."""

    def __init__(self, limit: int = CACHE_LIMIT) -> None:
        self._bodies: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
        self._limit = limit
        self._size = 0
        self._lock = threading.Lock()
        self._improving: set[tuple[str, str, str]] = set()
        self._queue: queue.Queue[tuple[tuple[str, str, str], bytes]] = queue.Queue()
        self._worker: threading.Thread | None = None

    def get(self, key: tuple[str, str, str]) -> bytes | None:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
            return body

    def put(self, key: tuple[str, str, str], body: bytes) -> None:
        with self._lock:
            old = self._bodies.pop(key, None)
            self._size -= len(old) if old is not None else 0
            self._bodies[key] = body
            self._size += len(body)
            while self._size > self._limit and len(self._bodies) > 1:
                _, dropped = self._bodies.popitem(last=False)
                self._size -= len(dropped)

    def body(self, key: tuple[str, str, str], data: bytes) -> bytes:
        """The compressed body: the best kept, or a quick one now (quality 9, a fifth of a
        second for plotly.js) while a background thread works out the best (about 4 s)."""
        found = self.get(key)
        if found is not None:
            return found
        encoding = key[1]
        if encoding != "br":
            body = compress(data, encoding)
            self.put(key, body)
            return body
        quick = compress(data, encoding, QUICK_BROTLI)
        self.put(key, quick)
        if len(data) > IMPROVE_ABOVE:
            self._improve_later(key, data)
        return quick

    def _improve_later(self, key: tuple[str, str, str], data: bytes) -> None:
        with self._lock:
            if key in self._improving or len(self._improving) >= IMPROVE_QUEUE:
                return  # queued already, or too much waiting: the quick body stays
            self._improving.add(key)
            self._queue.put((key, data))
            if self._worker is None:
                self._worker = threading.Thread(target=self._improve, name="recompress")
                self._worker.daemon = True  # ends with the process
                self._worker.start()

    def _improve(self) -> None:
        """One thread for the process's life, one file at a time: brotli releases the GIL,
        but the cores are for the visitors."""
        while True:
            key, data = self._queue.get()
            try:
                self.put(key, compress(data, key[1]))
            except Exception:  # a better ratio is a bonus: the quick body stays
                log.exception("recompressing %s failed", key[0])
            finally:
                with self._lock:
                    self._improving.discard(key)

    def wait_until_improved(self, timeout: float = 60.0) -> bool:
        """For tests and benchmarks: True once nothing is waiting to be recompressed."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                if not self._improving:
                    return True
            time.sleep(0.05)
        return False


def _cache_path(path: str) -> str:
    """The file a static URL names: a bundle's fingerprint (``.v4_4_1m…``) only busts
    caches, so every fingerprint of a file shares its compressed body."""
    return check_fingerprint(path)[0] if path.startswith(COMPONENT_SUITES) else path


def _fingerprint(url: str) -> str:
    """The ``v…m…`` part of a fingerprinted bundle's URL."""
    return url.rsplit("/", 1)[-1].split(".")[1]


def _bundle_urls(app: Dash, package: str, path: str) -> list[str]:
    """The URL Dash gives a registered file (none for a file it lists but does not have,
    such as dash-renderer's source map)."""
    try:
        resource = {"relative_package_path": path, "namespace": package}
        return list(app._collect_and_register_resources([resource]))
    except OSError:
        return []


def guard_component_suites(app: Dash) -> None:
    """Dash's bundles: a file Dash does not serve answers 404 (Dash raises, which was a 500
    with a traceback per request), and so does a fingerprint Dash never gave one of the
    package's files: a made-up one must not cost a read and a compression of a 4.8 MB bundle.

    The fingerprints allowed are those Dash gives the package's registered files (the page's
    URLs; webpack's lazy chunks reuse the fingerprint of their package's main bundle), worked
    out once per package by Dash's own function; a package has a handful.
    """
    server = app.server
    endpoint = next(
        rule.endpoint
        for rule in server.url_map.iter_rules()
        if rule.rule.startswith(COMPONENT_SUITES)
    )
    serve: Callable[..., Any] = server.view_functions[endpoint]
    fingerprints: dict[str, frozenset[str]] = {}
    lock = threading.Lock()

    def package_fingerprints(package: str) -> frozenset[str]:
        with lock:
            found = fingerprints.get(package)
            if found is None:
                found = fingerprints[package] = frozenset(
                    _fingerprint(url)
                    for path in sorted(app.registered_paths[package])
                    for url in _bundle_urls(app, package, path)
                )
            return found

    def guarded(package_name: str, fingerprinted_path: str) -> Any:
        path, fingerprinted = check_fingerprint(fingerprinted_path)
        if path not in app.registered_paths.get(package_name, ()):
            abort(404)
        if fingerprinted and _fingerprint(fingerprinted_path) not in package_fingerprints(
            package_name
        ):
            abort(404)
        return serve(package_name=package_name, fingerprinted_path=fingerprinted_path)

    server.view_functions[endpoint] = guarded


def _versioned(path: str) -> bool:
    """A URL that names its file's version: Dash's fingerprinted bundles (``.v4_4_1m…js``),
    ``/assets/…?m=<mtime>`` and ``/vendor/…?v=<version>``."""
    if path.startswith(COMPONENT_SUITES):
        return check_fingerprint(path)[1]
    return any(path.startswith(prefix) and request.args.get(q) for prefix, q in VERSIONED.items())


def install(server: Flask) -> CompressedFiles:
    """Register after Flask-Compress (hooks run in reverse order: this one runs first)."""
    files = CompressedFiles()

    @server.after_request
    def static_files(response: Response) -> Response:
        path = request.path
        if request.method not in ("GET", "HEAD") or not path.startswith(STATIC_PREFIXES):
            return response
        if response.status_code == 200 and _versioned(path):
            response.cache_control.public = True
            response.cache_control.max_age = ONE_YEAR
            response.cache_control.immutable = True
            response.cache_control.no_cache = None
        if (
            response.status_code != 200
            or response.mimetype not in COMPRESSIBLE
            or "Content-Encoding" in response.headers
        ):
            return response
        response.vary.add("Accept-Encoding")
        encoding = chosen_encoding(request.headers.get("Accept-Encoding", ""))
        if encoding is None:
            return response
        etag, weak = response.get_etag()
        # The path names the file (the query only busts caches: ?m=<anything> is the same
        # file), the ETag its content: an arbitrary query costs no compression.
        key = (_cache_path(path), encoding, etag or "")
        body = files.get(key)
        if body is None:
            response.direct_passthrough = False  # a file response: read it to compress it
            body = files.body(key, response.get_data())
        response.direct_passthrough = False
        response.set_data(body)
        response.headers["Content-Encoding"] = encoding
        response.headers.pop("Accept-Ranges", None)  # ranges would be of the plain file
        if etag:
            response.set_etag(f"{etag}:{encoding}", weak=bool(weak))
            response.make_conditional(request)  # in place: If-None-Match names this encoding's
        return response

    server.extensions["jpp_compressed_files"] = files
    return files
