"""Routes for crawlers and link previews: /robots.txt, /sitemap.xml, the preview pictures
(/preview/…png), and a 404 for any path the map's catch-all would otherwise answer with
the map and a 200."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from html import escape

import numpy as np
from dash import Dash
from flask import Blueprint, Response, abort, request

from ...context import AppContext
from ...data.filters import ProjectFilter
from ...data.homes import home_rows
from ...figures.preview import Preview, preview_png
from ...i18n import Translator, translator
from ..project_page.rules import project_country
from ..shell.language import request_language
from .pages import site_name
from .pictures import (
    country_preview,
    japan_preview,
    project_subtitle,
    several_preview,
    world_preview,
)
from .rules import is_page_path, robots_txt, several_of_key, sitemap_pages, sitemap_xml

PREVIEW_CACHE_ENTRIES = 64  # pictures kept per worker: ≤ 64 × ~60 kB
IMAGE_MAX_AGE = 86_400  # a day: the picture changes only with the data


def public_base(context: AppContext) -> str:
    """The site's public root (``JPP_PUBLIC_URL``), else the one this request came to."""
    return context.settings.public_url or request.url_root


def not_found_page(t_lang: str, stylesheets: list[str]) -> str:
    t = translator(t_lang)
    links = "".join(f'<link rel="stylesheet" href="{escape(h)}">' for h in stylesheets)
    heading, words = t("Page not found"), t("There is no page at this address.")
    back = t("← Back to the map")
    return f"""<!DOCTYPE html>
<html lang="{escape(t.lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{escape(heading)} — {escape(site_name(t))}</title>
{links}
</head>
<body>
<main class="container py-4">
<h1 class="h3">{escape(heading)}</h1>
<p>{escape(words)}</p>
<p><a href="/?lang={escape(t.lang)}">{escape(back)}</a></p>
</main>
</body>
</html>
"""


def _previews(context: AppContext) -> Callable[[str, str, str, str], bytes | None]:
    @lru_cache(maxsize=PREVIEW_CACHE_ENTRIES)
    def picture(kind: str, key: str, lang: str, version: str) -> bytes | None:
        del version  # a key only: a new dataset draws new pictures
        preview = _preview(context, kind, key, lang)
        return preview_png(preview) if preview else None

    return picture


def _several(context: AppContext, codes: tuple[str, ...], t: Translator) -> Preview | None:
    """Several countries' map (``/?country=KHM,LAO``): their provinces and sites, fitted
    to all of them, titled with their names and counting their projects."""
    store, boundaries = context.repository.store, context.boundaries
    masks = store.masks["country"]
    if any(code not in masks or code not in boundaries.bounds for code in codes):
        return None
    rows = np.logical_or.reduce([masks[code] for code in codes]).nonzero()[0]
    projects = [store.projects[i] for i in rows]
    boxes = [boundaries.bounds[code] for code in codes]
    bounds = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    names = ("、" if t.lang == "ja" else ", ").join(t.country(code) for code in codes)
    title = f"{names} — {site_name(t)}"
    subtitle = t.plural("{count} project", "{count} projects", len(projects))
    directory = context.settings.boundaries_dir
    return several_preview(directory, codes, bounds, projects, title, subtitle)


def _project_preview(context: AppContext, key: str, t: Translator) -> Preview | None:
    store, boundaries = context.repository.store, context.boundaries
    project = store.project(key)
    country = project_country(project, boundaries) if project else None
    if project is None or country is None:
        return None
    subtitle = project_subtitle(project, t, t.country(country))
    bounds = boundaries.bounds[country]
    directory = context.settings.boundaries_dir
    return country_preview(directory, country, bounds, [project], t.title(project).text, subtitle)


def _preview(context: AppContext, kind: str, key: str, lang: str) -> Preview | None:
    t = translator(lang)
    store = context.repository.store
    boundaries = context.boundaries
    directory = context.settings.boundaries_dir
    if kind == "project":
        return _project_preview(context, key, t)
    if key == "world":
        counts = {code: int(mask.sum()) for code, mask in store.masks["country"].items()}
        return world_preview(directory, counts, site_name(t), "")
    if key == "japan":
        _, selection = context.repository.select(ProjectFilter())
        rows = home_rows(store, selection, context.homes)
        title = t("Japan: where the partners are based")
        return japan_preview(
            directory, boundaries.bounds["JPN"], set(rows["prefecture"]), title, site_name(t)
        )
    several = several_of_key(key)
    if several is not None:
        return _several(context, several, t)
    if key not in store.masks["country"] or key not in boundaries.bounds:
        return None
    projects = [store.projects[i] for i in store.masks["country"][key].nonzero()[0]]
    title = f"{t.country(key)} — {site_name(t)}"
    subtitle = t.plural("{count} project", "{count} projects", len(projects))
    return country_preview(directory, key, boundaries.bounds[key], projects, title, subtitle)


def create_findable_blueprint(app: Dash, context: AppContext) -> Blueprint:
    findable = Blueprint("findable", __name__)
    picture = _previews(context)
    catch_all = f"{app.config.routes_pathname_prefix}<path:path>"

    @findable.get("/favicon.ico")
    def favicon() -> Response:
        """Browsers ask for it on pages that name none (About, 404, the generator)."""
        icon = context.settings.assets_dir / "favicon.ico"
        response = Response(icon.read_bytes(), mimetype="image/vnd.microsoft.icon")
        response.cache_control.public = True
        response.cache_control.max_age = IMAGE_MAX_AGE
        return response

    @findable.get("/robots.txt")
    def robots() -> Response:
        return Response(robots_txt(public_base(context)), mimetype="text/plain")

    @findable.get("/sitemap.xml")
    def sitemap() -> Response:
        store = context.repository.store
        countries = [c for c in store.countries if c in context.boundaries.bounds]
        pages = sitemap_pages(countries, (p.id for p in store.projects))
        day = store.data_date.isoformat() if store.data_date else None
        body = sitemap_xml(public_base(context), pages, day)
        return Response(body, mimetype="application/xml")

    @findable.get("/preview/<kind>/<key>.png")
    def preview(kind: str, key: str) -> Response:
        if kind not in ("project", "map") or len(key) > 64:
            abort(404)
        several = several_of_key(key) or ()
        shown = context.repository.store.masks["country"]
        known = key in ("world", "japan") or key.isalpha() or all(c in shown for c in several)
        if kind == "map" and not (known and (several or "+" not in key)):
            abort(404)  # several countries: only those with projects are pictures to keep
        lang = translator(request.args.get("lang")).lang
        body = picture(kind, key, lang, context.repository.store.version)
        if body is None:
            abort(404)
        response = Response(body, mimetype="image/png")
        response.cache_control.public = True
        response.cache_control.max_age = IMAGE_MAX_AGE
        return response

    @findable.before_app_request
    def unknown_path_is_not_found() -> tuple[str, int] | None:
        """The map answers only at its own paths; a typo or a probe gets a 404 page."""
        rule = request.url_rule
        if rule is None or rule.rule != catch_all or is_page_path(request.path):
            return None
        sheets = [app.get_asset_url("style.css")]
        return not_found_page(request_language(), sheets), 404

    return findable
