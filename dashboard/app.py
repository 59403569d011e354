"""The app factory: one place that assembles data, layout, callbacks and routes."""

from __future__ import annotations

import hashlib
import html
import re
from datetime import date
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component library)
import flask_bootstrap
from dash import Dash
from flask import Flask, Response, abort, has_request_context, request, send_from_directory
from flask_compress import Compress
from werkzeug.security import safe_join

from . import callbacks, web
from .api.cache import AnswerCache
from .api.routes import create_blueprint
from .data import vocab
from .data.loading import fold
from .data.repository import Repository
from .data.sources import open_source
from .i18n import DEFAULT_LANGUAGE, negotiate, translator
from .i18n.provenance import coverage_text, data_date_text
from .layout.about import ABOUT_PATH, AboutData, about_page
from .layout.controls import JAPAN, WORLD, province_choices
from .layout.page import build_layout
from .settings import Settings

BOOTSTRAP_DIR = Path(flask_bootstrap.__file__).parent / "static" / "bootstrap5"
BOOTSTRAP_VERSION = metadata.version("bootstrap-flask")
ONE_DAY = 24 * 3600
DESCRIPTION = "Map of JICA Partnership Program (JPP) grassroots cooperation projects"
PROJECT_PATH = re.compile(r"/project/([^/]+)/?")
COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
]


@lru_cache(maxsize=64)
def _boundary_bytes(path: str, mtime_ns: int) -> tuple[bytes, str]:
    data = Path(path).read_bytes()
    return data, hashlib.sha256(data).hexdigest()[:32]


def _serve_static(server: Flask, settings: Settings) -> None:
    """Bootstrap from the installed package and boundaries from geodata/: nothing from a CDN."""

    @server.get("/vendor/bootstrap/<path:filename>")
    def bootstrap_file(filename: str):  # type: ignore[no-untyped-def]
        # Linked as ?v=<Bootstrap-Flask's version>: cached for a year (dashboard/web/static.py)
        return send_from_directory(BOOTSTRAP_DIR, filename, max_age=ONE_DAY)

    @server.get("/geodata/boundaries/<path:filename>")
    def boundary_file(filename: str) -> Response:
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


def request_language() -> str:
    """The URL's ``lang``, then the browser's preference. Dash fetches the layout by a
    separate request (``/_dash-layout``), whose referrer is the page's own URL."""
    if not has_request_context():  # Dash builds the layout once at start-up to check it
        return DEFAULT_LANGUAGE
    requested = request.args.get("lang")
    if not requested and request.path.endswith("_dash-layout"):
        # Only our own page fetches its layout. No host check: behind a proxy the Host the
        # app sees is not the one in the browser; cross-origin referrers carry no query
        # anyway (Referrer-Policy: strict-origin-when-cross-origin).
        referrer = urlsplit(request.referrer or "")
        requested = parse_qs(referrer.query).get("lang", [None])[0]
    return negotiate(requested, request.headers.get("Accept-Language"))


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    source = open_source(settings.projects_file, settings.database_url)  # file or PostGIS
    repository = Repository(source, settings.boundaries_dir, poll_seconds=settings.db_poll_seconds)
    server = Flask(__name__)
    server.config.update(COMPRESS_MIMETYPES=COMPRESSED_TYPES, COMPRESS_MIN_SIZE=500)
    Compress(server)
    server.register_blueprint(create_blueprint(repository, AnswerCache(settings.redis_url)))
    _serve_static(server, settings)

    app = Dash(
        __name__,
        server=server,
        title="JICA Partnership Program project map",
        assets_folder=str(settings.assets_dir),
        external_stylesheets=[f"/vendor/bootstrap/css/bootstrap.min.css?v={BOOTSTRAP_VERSION}"],
        serve_locally=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {
                "name": "description",
                "content": DESCRIPTION,
            },
        ],
    )

    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    default_index = app.interpolate_index

    def index_in_language(**parts: str) -> str:
        """The page's language, title and description, for screen readers, search engines,
        tabs and the previews of shared links (a project's page is titled by the project)."""
        t = translator(request_language())
        site = t("JICA Partnership Program project map")
        project = _project_of(request.path)
        title = f"{t.title(project).text} — {site}" if project else site
        parts["title"] = html.escape(title, quote=False)
        parts["metas"] = parts["metas"].replace(
            DESCRIPTION, t("Map of JICA Partnership Program (JPP) grassroots cooperation projects")
        )
        boundary = _first_boundary_file(project)
        if boundary:  # fetched at once, beside the scripts, not after the first figure
            href = html.escape(app.get_relative_path(boundary))
            parts["metas"] += (
                f'\n<link rel="preload" href="{href}" as="fetch" crossorigin="anonymous">'
            )
        page = default_index(**parts)
        return page.replace('<html lang="en">', f'<html lang="{t.lang}">', 1)

    def _first_boundary_file(project) -> str | None:  # type: ignore[no-untyped-def]
        """The boundary file the page's first map draws, read from its URL as the page's
        callbacks read it."""
        boundaries = repository.boundaries
        if project is not None:
            country = next((c for c in project.countries if c in boundaries.bounds), None)
            return callbacks.boundary_file(boundaries, country, None) if country else None
        if request.path.rstrip("/") not in ("", "/embed"):
            return None
        query = request.query_string.decode("utf-8", errors="replace")
        return callbacks.first_boundary_file(
            query, date.today(), boundaries, settings.default_country
        )

    app.interpolate_index = index_in_language  # type: ignore[method-assign]

    def _project_of(path: str):  # type: ignore[no-untyped-def]
        match = PROJECT_PATH.fullmatch(path)
        return repository.store.project(match.group(1)) if match else None

    @server.before_request
    def unknown_project_is_not_found():  # type: ignore[no-untyped-def]
        """/project/<unknown id> says so on the page, and with a 404 for crawlers and links."""
        if PROJECT_PATH.fullmatch(request.path) and _project_of(request.path) is None:
            return app.index(), 404
        return None

    @server.after_request
    def vary_by_language(response: Response) -> Response:
        """Pages and layouts differ by language: no shared cache may mix them up."""
        if response.mimetype == "text/html" or request.path.endswith("_dash-layout"):
            response.vary.add("Accept-Language")
            if request.path.endswith("_dash-layout"):
                response.vary.add("Referer")
        return response

    def page():  # type: ignore[no-untyped-def]
        """Built at each page load: today's date, the language, and the data's countries."""
        t = translator(request_language())
        store_countries = repository.store.countries
        options = [
            {"label": t.country(term.key), "value": term.key}
            for term in vocab.COUNTRIES
            if term.key in store_countries and term.key in repository.boundaries.bounds
        ]
        options.sort(key=lambda option: fold(option["label"]))
        codes = [option["value"] for option in options]
        options.insert(0, {"label": t("All countries (world)"), "value": WORLD})
        options.insert(1, {"label": t("Japan: where the partners are based"), "value": JAPAN})
        default = (
            settings.default_country if settings.default_country in codes or not codes else codes[0]
        )
        boundaries = repository.boundaries
        provinces = province_choices(boundaries.provinces_of(default), t)
        store = repository.store
        provenance = (data_date_text(store.data_date, t), coverage_text(store.coverage, t))
        return build_layout(
            options, default, t, provinces, boundaries.has_current_layer(default), provenance
        )

    app.layout = page

    @server.get(ABOUT_PATH)
    def about() -> Response:
        """Where the facts come from, what the words mean, the licences, whom to tell."""
        t = translator(request_language())
        store = repository.store
        data = AboutData(store.data_date, store.version, store.coverage)
        stylesheets = [
            f"/vendor/bootstrap/css/bootstrap.min.css?v={BOOTSTRAP_VERSION}",
            app.get_asset_url("style.css"),
        ]
        body = about_page(data, t, feedback_url=settings.feedback_url, stylesheets=stylesheets)
        return Response(body, mimetype="text/html")

    callbacks.register(app, repository, settings)
    app.server.extensions["jpp_repository"] = repository
    # Dash fills its script registry on the first request, racily under threaded workers
    # (plotly/dash#3971: the first page load gets 500s for its bundles). Do it now, once.
    with server.test_request_context():
        app._setup_server()
    web.install(app, settings)  # headers, limits, logs, metrics: dashboard/web/
    return app
