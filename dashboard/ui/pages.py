"""The page routes besides the map: the About page, a 404 with the page for an unknown
project, and the headers that say pages differ by language."""

from __future__ import annotations

from dash import Dash
from flask import Blueprint, Response, request

from ..context import AppContext
from ..i18n import translator
from ..web.assets import BOOTSTRAP_CSS
from .about.page import ABOUT_PATH, AboutData, about_page
from .project_page.rules import project_id_of
from .shell.language import request_language


def create_pages_blueprint(app: Dash, context: AppContext) -> Blueprint:
    pages = Blueprint("pages", __name__)

    @pages.get(ABOUT_PATH)
    def about() -> Response:
        """Where the facts come from, what the words mean, the licences, whom to tell."""
        t = translator(request_language())
        store = context.repository.store
        data = AboutData(store.data_date, store.version, store.coverage)
        stylesheets = [BOOTSTRAP_CSS, app.get_asset_url("style.css")]
        feedback = context.settings.feedback_url
        body = about_page(data, t, feedback_url=feedback, stylesheets=stylesheets)
        return Response(body, mimetype="text/html")

    @pages.before_app_request
    def unknown_project_is_not_found() -> tuple[str, int] | None:
        """/project/<unknown id> says so on the page, and with a 404 for crawlers and links."""
        project_id = project_id_of(request.path)
        if project_id is not None and context.repository.store.project(project_id) is None:
            return app.index(), 404
        return None

    @pages.after_app_request
    def vary_by_language(response: Response) -> Response:
        """Pages and layouts differ by language: no shared cache may mix them up."""
        if response.mimetype == "text/html" or request.path.endswith("_dash-layout"):
            response.vary.add("Accept-Language")
            if request.path.endswith("_dash-layout"):
                response.vary.add("Referer")
        return response

    return pages
