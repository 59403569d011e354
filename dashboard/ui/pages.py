"""The page routes besides the map: the About page, a 404 with the page for an unknown
project, and the headers that say pages differ by language."""

from __future__ import annotations

import logging
from html import escape
from urllib.parse import parse_qs

from dash import Dash
from flask import Blueprint, Response, abort, request

from ..context import AppContext
from ..i18n import translator
from ..web.assets import BOOTSTRAP_CSS
from .about.page import ABOUT_PATH, AboutData, about_page
from .embed_builder.code import BUILDER_PATH, choice_from_args, embed_code, embed_query, public_base
from .embed_builder.page import BuilderPage, builder_page
from .findable.pages import about_head_page, builder_head_page
from .findable.routes import public_base as site_base
from .findable.rules import Page, head_tags
from .project_page.rules import project_id_of
from .shell.language import request_language
from .shell.page import country_options

log = logging.getLogger(__name__)


def public_base_url(context: AppContext) -> str:
    """The site's public base URL: ``JPP_PUBLIC_URL`` when it is one, else the address
    this request came to (scheme, host and the app's prefix)."""
    configured = context.settings.public_url
    if configured:
        try:
            return public_base(configured)
        except ValueError:
            log.warning("JPP_PUBLIC_URL ignored: not an http(s) base URL (%r)", configured[:80])
    try:
        return public_base(request.host_url.rstrip("/") + context.relative_path("/"))
    except ValueError:  # a Host header no browser sends: no code can be written for it
        abort(400)


def page_head(context: AppContext, page: Page, lang: str) -> str:
    """A server-rendered page's description, canonical address, alternates and preview tags."""
    description = f'<meta name="description" content="{escape(page.description)}">'
    negotiated = not request.args.get("lang")
    tags = head_tags(site_base(context), page, lang, negotiated=negotiated)
    return description + "\n" + tags


def builder_response(app: Dash, context: AppContext) -> Response:
    """The embed generator's page for this request's choice (its query)."""
    t = translator(request_language())
    options = country_options(context, t)
    countries = [(option["value"], option["label"]) for option in options]
    args = parse_qs(request.query_string.decode("utf-8", errors="replace"))
    default = context.settings.default_country
    choice = choice_from_args(args, {value for value, _ in countries}, default, t.lang)
    title = translator(choice.lang)("JICA Partnership Program projects")
    page = BuilderPage(
        countries=countries,
        code=embed_code(choice, public_base_url(context), title),
        preview_src=context.relative_path("/embed") + "?" + embed_query(choice),
        stylesheets=[BOOTSTRAP_CSS, app.get_asset_url("style.css")],
        script=app.get_asset_url("embed-builder.js"),
        map_href=context.relative_path("/") + f"?lang={t.lang}",
        head=page_head(context, builder_head_page(t), t.lang),
    )
    return Response(builder_page(choice, page, t), mimetype="text/html")


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
        head = page_head(context, about_head_page(t), t.lang)
        body = about_page(data, t, feedback_url=feedback, stylesheets=stylesheets, head=head)
        return Response(body, mimetype="text/html")

    @pages.get(BUILDER_PATH)
    def embed_builder() -> Response:
        """The embed generator: choose the view, language and size; copy the code."""
        return builder_response(app, context)

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
