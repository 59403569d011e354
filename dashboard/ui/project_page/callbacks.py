"""The router: /project/<id> shows that project's page; every other path shows the map."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, html, no_update

from ...context import AppContext
from ...data.filters import ProjectFilter
from ...data.model import Project
from ...data.summaries import only, same_partner_projects
from ...i18n import Translator, translator
from .. import ids
from ..map_panel.layout import BLANK_FIGURE
from ..map_panel.views import Figure
from ..shell.links import map_of_country
from ..wiring import LANGUAGE
from .layout import project_page
from .rules import header_country_change, project_id_of, project_map

HIDDEN = {"display": "none"}


def page_of(context: AppContext, project: Project, t: Translator) -> tuple[list[Any], Figure]:
    """A project's page and its small map, as of today: what the router shows, and what
    the server's first view writes (``first_view.page``)."""
    store = context.repository.store
    today = context.today()
    everything = context.repository.select(ProjectFilter(as_of=today))[1]
    selection = only(store, everything, project.id)
    status = str(selection.statuses.iloc[int(selection.mask.nonzero()[0][0])])
    others = same_partner_projects(store, project)
    body = project_page(
        project, status, context.boundaries, today.isoformat(), others, t, context.homes
    )
    return body, project_map(context, store, selection, project, t)


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        output={
            "map_view": Output(ids.MAP_VIEW, "style"),
            "project_view": Output(ids.PROJECT_VIEW, "style"),
            "body": Output(ids.PROJECT_BODY, "children"),
            "figure": Output(ids.PROJECT_MAP, "figure"),
            "map_box": Output(ids.PROJECT_MAP_BOX, "style"),
        },
        inputs={"path": Input(ids.URL, "pathname")},
        state={"lang": LANGUAGE},
    )
    def route(path: str | None, lang: str) -> dict[str, Any]:
        t = translator(lang)
        project_id = project_id_of(path)
        if project_id is None:
            return {
                "map_view": {},
                "project_view": HIDDEN,
                "body": no_update,
                "figure": no_update,
                "map_box": no_update,
            }
        store = context.repository.store
        project = store.project(project_id)
        if project is None:
            missing = [  # the page's heading, where focus and the skip link go
                html.H1(
                    t("No project has this ID."),
                    id=ids.PROJECT_HEADING,
                    tabIndex="-1",
                    className="h5 alert alert-warning",
                )
            ]
            # No map at all (an empty figure would draw bare axes): the sentence alone.
            return {
                "map_view": HIDDEN,
                "project_view": {},
                "body": missing,
                "figure": BLANK_FIGURE,
                "map_box": HIDDEN,
            }
        body, figure = page_of(context, project, t)
        return {
            "map_view": HIDDEN,
            "project_view": {},
            "body": body,
            "figure": figure,
            "map_box": {},
        }

    register_leaving(app, context)


def register_leaving(app: Dash, context: AppContext) -> None:
    """The header's country selector on a project's page: another country opens its map."""
    app.clientside_callback(  # on the map, a country change costs no request here
        ClientsideFunction(namespace="jppProject", function_name="chosen"),
        Output(ids.PROJECT_CHOSEN, "data"),
        Input(ids.COUNTRY, "value"),
        State(ids.URL, "pathname"),
        prevent_initial_call=True,
    )

    @app.callback(
        output=Output(ids.PROJECT_LEAVE, "data"),
        inputs={"country": Input(ids.PROJECT_CHOSEN, "data")},
        state={"path": State(ids.URL, "pathname"), "lang": LANGUAGE},
        prevent_initial_call=True,
    )
    def leave_for_the_map(country: object, path: str | None, lang: str) -> object:
        """On a project's page the header shows its country; choosing another one opens
        that country's map (the page itself stays the project's)."""
        store = context.repository.store
        chosen = header_country_change(path, country, store, context.boundaries)
        if chosen is None:
            return no_update
        return map_of_country(chosen, context.today(), lang, context.relative_path)

    app.clientside_callback(  # the browser follows it (assets/project-page.js)
        ClientsideFunction(namespace="jppProject", function_name="leave"),
        Output(ids.PROJECT_LEAVE, "clear_data"),
        Input(ids.PROJECT_LEAVE, "data"),
        prevent_initial_call=True,
    )
