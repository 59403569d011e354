"""The app factory: it only assembles the data, the page's regions, the routes and the
web layer; each part says what it does in its own module."""

from __future__ import annotations

from typing import Any, cast

import dash_bootstrap_components as dbc  # noqa: F401  (registers the component library)
from flask import Flask
from flask_compress import Compress

from . import ui, web
from .api.cache import AnswerCache
from .api.iati import CONFIG_KEY as IATI_PUBLISHER
from .api.routes import create_blueprint
from .context import AppContext
from .data.backends import open_source
from .data.homes import read_homes
from .data.repository import Repository
from .settings import Settings
from .ui.findable.routes import create_findable_blueprint
from .ui.pages import create_pages_blueprint
from .ui.shell.index import DESCRIPTION, JppDash
from .ui.shell.page import page_layout
from .web.assets import BOOTSTRAP_CSS, create_assets_blueprint
from .web.ops import create_ops_blueprint

COMPRESSED_TYPES = [
    "text/html",
    "text/css",
    "text/csv",
    "text/javascript",
    "application/javascript",
    "application/json",
    "application/geo+json",
    "application/xml",
]


def _server(settings: Settings, repository: Repository) -> Flask:
    server = Flask(__name__)
    server.config.update(COMPRESS_MIMETYPES=COMPRESSED_TYPES, COMPRESS_MIN_SIZE=500)
    Compress(server)
    server.register_blueprint(create_ops_blueprint(repository, settings))
    answers = AnswerCache(settings.redis_url)
    server.register_blueprint(
        create_blueprint(repository, answers, settings.api_origins, settings.public_url)
    )
    server.register_blueprint(create_assets_blueprint(settings))
    server.extensions["jpp_repository"] = repository
    server.config[IATI_PUBLISHER] = settings.iati_publisher  # who reports the IATI file
    return server


def _dash(server: Flask, settings: Settings) -> JppDash:
    app = JppDash(
        __name__,
        server=cast(Any, server),  # Dash types its server as a flag or a factory
        title="JICA Partnership Program project map",
        assets_folder=str(settings.assets_dir),
        external_stylesheets=[BOOTSTRAP_CSS],
        serve_locally=True,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": DESCRIPTION},
        ],
    )
    app.index_string = app.index_string.replace("<html>", '<html lang="en">', 1)
    # Dash's scripts sit in a <footer>, a landmark; the embed's facade sits there too.
    app.index_string = app.index_string.replace("<footer>", "<div>").replace("</footer>", "</div>")
    return app


def create_app(settings: Settings | None = None) -> JppDash:
    settings = settings or Settings.from_env()
    source = open_source(settings.projects_file, settings.database_url)  # file or PostGIS
    repository = Repository(source, settings.boundaries_dir, poll_seconds=settings.db_poll_seconds)
    app = _dash(_server(settings, repository), settings)
    homes = read_homes(settings.geodata_dir / "partner_homes.csv", repository.boundaries.provinces)
    context = AppContext(repository, settings, homes, relative_path=app.get_relative_path)
    app.context = context
    app.server.register_blueprint(create_pages_blueprint(app, context))
    app.server.register_blueprint(create_findable_blueprint(app, context))
    app.layout = page_layout(context)
    ui.register(app, context)
    # Dash fills its script registry on the first request, racily under threaded workers
    # (plotly/dash#3971: the first page load gets 500s for its bundles). Do it now, once.
    with app.server.test_request_context():
        app._setup_server()
    web.install(app, settings)  # headers, limits, logs, metrics: dashboard/web/
    return app
