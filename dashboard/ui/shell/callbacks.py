"""The frame's callbacks: links that keep the view, and the filters' fold on phones."""

from __future__ import annotations

from typing import Any

from dash import ALL, Dash, Input, Output, State, ctx

from ...context import AppContext
from .. import ids
from ..project_page.rules import project_country, project_id_of
from ..wiring import LANGUAGE
from .links import carried_back, map_query_back
from .links import view_links as links_for


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        output={
            "full_view": Output(ids.FULL_VIEW_LINK, "href"),
            "in_language": Output({"type": ids.LANGUAGE_LINK, "lang": ALL, "where": ALL}, "href"),
            "back": Output(ids.BACK_TO_MAP, "href"),
        },
        inputs={"path": Input(ids.URL, "pathname"), "search": Input(ids.URL, "search")},
        state={"lang": LANGUAGE},
    )
    def view_links(path: str | None, search: str | None, lang: str) -> dict[str, Any]:
        """To the full map (from /embed), to the same view in another language, and from a
        project's page back to the map as the visitor left it (``back=``), or else to its
        country's map with it selected."""
        languages = [output["id"]["lang"] for output in ctx.outputs_grouping["in_language"]]
        project_id = project_id_of(path)
        project = context.repository.store.project(project_id) if project_id else None
        country = project_country(project, context.boundaries) if project else None
        shown = (country, project.id) if project and country else None
        default, today = context.settings.default_country, context.today()
        back = map_query_back(carried_back(search), today, context.boundaries, default, lang)
        links = links_for(path, search, lang, languages, context.relative_path, shown, back)
        return {
            "full_view": links.full_view,
            "in_language": links.in_language,
            "back": links.back_to_map,
        }

    @app.callback(
        output={
            "open": Output(ids.FILTER_COLLAPSE, "is_open"),
            "expanded": Output(ids.FILTER_TOGGLE, "aria-expanded"),
        },
        inputs={"clicks": Input(ids.FILTER_TOGGLE, "n_clicks")},
        state={"is_open": State(ids.FILTER_COLLAPSE, "is_open")},
        prevent_initial_call=True,
    )
    def toggle_filters(clicks: object, is_open: bool) -> dict[str, Any]:
        return {"open": not is_open, "expanded": "false" if is_open else "true"}
