"""The frame's callbacks: links that keep the view, and the filters' fold on phones."""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Dash, Input, Output, State

from ...context import AppContext
from .. import ids
from ..project_page.rules import project_country, project_id_of
from ..wiring import LANGUAGE
from .links import carried_back, map_query_back
from .links import view_links as links_for


def back_link_of(context: AppContext, path: str | None, search: str | None, lang: str) -> str:
    """From a project's page back to the map as the visitor left it (``back=``), or else to
    its country's map with it selected (also the server's first view: ``first_view``)."""
    project_id = project_id_of(path)
    project = context.repository.store.project(project_id) if project_id else None
    country = project_country(project, context.boundaries) if project else None
    shown = (country, project.id) if project and country else None
    default, today = context.settings.default_country, context.today()
    back = map_query_back(carried_back(search), today, context.boundaries, default, lang)
    return links_for(path, search, lang, [], context.relative_path, shown, back).back_to_map


def register(app: Dash, context: AppContext) -> None:
    # The same view in each language and the full map from the embed follow the address in
    # the browser (assets/round-trip.js: no request per filter change).
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_url", function_name="languageLinks"),
        Output(ids.FULL_VIEW_LINK, "href"),
        Output({"type": ids.LANGUAGE_LINK, "lang": ALL, "where": ALL}, "href"),
        Input(ids.URL, "search"),
        Input(ids.URL, "pathname"),
    )

    @app.callback(
        output=Output(ids.BACK_TO_MAP, "href"),
        # The query is read, not listened to: a filter change rewrites it, and the back link
        # matters only on a project's page, read as its path arrives.
        inputs={"path": Input(ids.URL, "pathname")},
        state={"search": State(ids.URL, "search"), "lang": LANGUAGE},
    )
    def back_link(path: str | None, search: str | None, lang: str) -> str:
        return back_link_of(context, path, search, lang)

    # The filter sheet opens and closes in the browser (assets/sheet.js): no request, and the
    # keyboard goes to its title, back to the map ("Show 15 projects") or to "Filters".
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_sheet", function_name="toggleSheet"),
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Output(ids.FILTER_TOGGLE, "aria-expanded"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        Input(ids.SHEET_CLOSE, "n_clicks"),
        Input(ids.SHEET_SHOW, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
