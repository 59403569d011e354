"""The app's HTML page in the visitor's language: ``JppDash`` writes the page's language,
its title (a project's page is titled by the project) and description, and preloads the
boundary file its first map draws."""

from __future__ import annotations

import html
import re
from typing import Any

from dash import Dash
from flask import request

from ...context import AppContext
from ...data.model import Project
from ...i18n import Translator, translator
from ..boundary_layers import map_file
from ..findable.pages import map_page, project_page, site_name
from ..findable.routes import public_base
from ..findable.rules import Page, head_tags
from ..first_view.page import first_view
from ..project_page.rules import project_country, project_id_of
from ..view_state import ViewState, default_view, view_from_query
from .facade import NOT_TOUCH_ONLY, facade_html, preload_links, wake_html
from .language import request_language
from .page import is_embed
from .scripts import (
    can_start_itself,
    deferred_scripts,
    embed_script,
    plan_scripts,
    plotly_meta,
)

DESCRIPTION = "Map of JICA Partnership Program (JPP) grassroots cooperation projects"
PAGE_PATHS = ("", "/embed")  # the paths that show the map (a project's page has its own)
# Dash's own first view: an English "Loading..." (the first view replaces it).
DASH_LOADING = re.compile(r'<div class="_dash-loading">\s*Loading\.\.\.\s*</div>')


class JppDash(Dash):
    """Dash, with a page that says what it is in the visitor's language."""

    context: AppContext | None = None  # set by ``create_app`` before the first request

    def _project(self) -> Project | None:
        project_id = project_id_of(request.path)
        if self.context is None or project_id is None:
            return None
        return self.context.repository.store.project(project_id)

    def _map_view(self) -> ViewState | None:
        """The view a map page's URL asks for, read once per page (as its callbacks will
        read it); none on other paths."""
        if self.context is None or request.path.rstrip("/") not in PAGE_PATHS:
            return None
        query = request.query_string.decode("utf-8", errors="replace")
        default = self.context.settings.default_country
        view = view_from_query(query, self.context.today(), self.context.boundaries, default)
        return view or default_view(default, self.context.today())

    def _first_boundary_file(self, project: Project | None, view: ViewState | None) -> str | None:
        """Fetched at once, beside the scripts, not after the first figure."""
        if self.context is None:
            return None
        boundaries = self.context.boundaries
        if project is not None:
            country = project_country(project, boundaries)
            return map_file(boundaries, country, None) if country else None
        return map_file(boundaries, view.country, view.layer) if view else None

    def _page(self, project: Project | None, view: ViewState | None, t: Translator) -> Page | None:
        """The page as crawlers and link previews see it; none for a path that is not one."""
        if self.context is None:
            return None
        if project is not None:
            return project_page(project, self.context, t)
        return map_page(self.context, request.path, view, t) if view else None

    def _first_view(self, app_entry: str, view: ViewState | None, lang: str) -> str:
        """What the URL asks for, as HTML, before the app's own entry point (which the app
        fills, hidden until it has drawn: assets/first-view.js); Dash's "Loading..." never
        shows."""
        if self.context is None:
            return app_entry
        query = request.query_string.decode("utf-8", errors="replace")
        shown = first_view(self.context, request.path, query, view, lang)
        if shown is None:
            return app_entry
        entry = DASH_LOADING.sub("", app_entry)
        return f'<div class="first-view-stack">{shown}{entry}</div>'

    def _scripts(
        self, kwargs: dict[str, Any], page: Page | None, t: Translator, *, over_first_view: bool
    ) -> None:
        """When this page's scripts run (``scripts``, ``renderer``, ``metas``): deferred, with
        plotly.js fetched by the map itself; on the embed, by its facade (shell/scripts.py)."""
        plan = plan_scripts(kwargs["scripts"])
        if plan is None or not can_start_itself(plan):
            return  # Dash's own tags and inline renderer, as Dash wrote them
        kwargs["metas"] += "\n" + plotly_meta(plan)
        kwargs["renderer"] = ""  # the app starts from the last deferred script
        scripts = deferred_scripts(plan)
        embed = is_embed(request.path)
        if embed and plan.facade and page is not None:
            text = page.description
            kwargs["scripts"] = facade_html(
                scripts, plan.facade, page.title, text, t, over_first_view=over_first_view
            )
        elif over_first_view and plan.wake:
            kwargs["scripts"] = wake_html(scripts, plan.wake)
            starts = (plan.start,) if plan.start else ()
            kwargs["metas"] += "\n" + preload_links((*plan.app, *starts))
        else:
            kwargs["scripts"] = scripts
        if embed:  # the frame's height for the host page, from the first paint on
            kwargs["scripts"] = embed_script(plan) + "\n" + kwargs["scripts"]

    def interpolate_index(  # noqa: PLR0913  (Dash's own signature)
        self,
        metas: Any = "",
        title: Any = "",
        css: Any = "",
        config: Any = "",
        scripts: Any = "",
        app_entry: Any = "",
        favicon: Any = "",
        renderer: Any = "",
    ) -> Any:
        kwargs = {
            "metas": metas,
            "title": title,
            "css": css,
            "config": config,
            "scripts": scripts,
            "app_entry": app_entry,
            "favicon": favicon,
            "renderer": renderer,
        }
        t = translator(request_language())
        project = self._project()
        view = None if project else self._map_view()
        page = self._page(project, view, t)
        # A map's title stays the site's: the page changes country without reloading, and a
        # tab must not keep saying the country it arrived with (previews say the country).
        title = page.title if page and project else site_name(t)
        kwargs["title"] = html.escape(title, quote=False)
        described = t("Map of JICA Partnership Program (JPP) grassroots cooperation projects")
        kwargs["metas"] = kwargs["metas"].replace(
            DESCRIPTION, html.escape(page.description if page else described)
        )
        if page is not None and self.context is not None:
            base = public_base(self.context)
            negotiated = not request.args.get("lang")
            kwargs["metas"] += "\n" + head_tags(base, page, t.lang, negotiated=negotiated)
        kwargs["app_entry"] = self._first_view(app_entry, view, t.lang)
        shows_first_view = kwargs["app_entry"] != app_entry
        boundary = self._first_boundary_file(project, view)
        if boundary:
            href = html.escape(self.get_relative_path(boundary))
            # Over a first view, a phone fetches it when the app wakes (assets/app-wake.js).
            media = f' media="{NOT_TOUCH_ONLY}"' if shows_first_view else ""
            kwargs["metas"] += (
                f'\n<link rel="preload" href="{href}" as="fetch" crossorigin="anonymous"{media}>'
            )
        self._scripts(kwargs, page, t, over_first_view=shows_first_view)
        page = super().interpolate_index(**kwargs)
        # A project's page (known or not): its skip link, not the map's (style.css); the
        # embed's look from its first view on (assets/embed.js marks it too).
        marks = ' class="project-page"' if project_id_of(request.path) else ""
        marks = ' class="embed-mode"' if view and is_embed(request.path) else marks
        return page.replace('<html lang="en">', f'<html lang="{t.lang}"{marks}>', 1)
