"""Web-layer concerns around the app: security headers and limits, logs and metrics, static
files compressed once and cached.

``create_app`` calls ``install`` last, once every route and callback exists.
"""

from __future__ import annotations

from dash import Dash

from ..settings import Settings
from . import observability, plotly_bundle, security, static


def install(app: Dash, settings: Settings) -> None:
    # Observability first: its request hook must run before any hook that answers early.
    observability.install(app, settings)
    security.install(app, settings)
    static.install(app.server)  # after Flask-Compress, so that its hook runs first
    static.guard_component_suites(app)
    plotly_bundle.install_offline_route(app.server)
