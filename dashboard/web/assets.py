"""Files the page loads from this site, never from a CDN: Bootstrap from the installed
Bootstrap-Flask package, and the boundary layers from geodata/."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path

import flask_bootstrap
from flask import Blueprint, Response, abort, request, send_from_directory
from werkzeug.security import safe_join
from werkzeug.wrappers import Response as BaseResponse

from ..settings import Settings

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
BOOTSTRAP_VERSION = metadata.version("bootstrap-flask")
# Linked with Bootstrap-Flask's version: cached for a year (dashboard/web/static.py).
BOOTSTRAP_CSS = f"/vendor/bootstrap/css/bootstrap.min.css?v={BOOTSTRAP_VERSION}"
ONE_DAY = 24 * 3600


@lru_cache(maxsize=64)
def _boundary_bytes(path: str, mtime_ns: int) -> tuple[bytes, str]:
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:32]


def create_assets_blueprint(settings: Settings) -> Blueprint:
    assets = Blueprint("assets", __name__)

    @assets.get("/vendor/bootstrap/<path:filename>")
    def bootstrap_file(filename: str) -> Response:
        return send_from_directory(BOOTSTRAP_DIR, filename, max_age=ONE_DAY)

    @assets.get("/geodata/boundaries/<path:filename>")
    def boundary_file(filename: str) -> BaseResponse:
        # Read into memory (not streamed) so that Flask-Compress can gzip it.
        path = safe_join(str(settings.boundaries_dir), filename)
        if path is None or not path.endswith(".geojson") or not Path(path).is_file():
            abort(404)
        data, etag = _boundary_bytes(path, Path(path).stat().st_mtime_ns)
        response = Response(data, mimetype="application/geo+json")
        response.set_etag(etag)
        response.cache_control.public = True
        response.cache_control.max_age = ONE_DAY
        return response.make_conditional(request)

    return assets
