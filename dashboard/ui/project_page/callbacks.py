"""The router: /project/<id> shows that project's page; every other path shows the map."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, html, no_update

from ...context import AppContext
from ...data.filters import ProjectFilter
from ...data.summaries import only, same_partner_projects
from ...i18n import translator
from .. import ids
from ..wiring import LANGUAGE
from .layout import project_page
from .rules import project_id_of, project_map

HIDDEN = {"display": "none"}


def register(app: Dash, context: AppContext) -> None:
    @app.callback(
        output={
            "map_view": Output(ids.MAP_VIEW, "style"),
            "project_view": Output(ids.PROJECT_VIEW, "style"),
            "body": Output(ids.PROJECT_BODY, "children"),
            "figure": Output(ids.PROJECT_MAP, "figure"),
        },
        inputs={"path": Input(ids.URL, "pathname")},
        state={"lang": LANGUAGE},
    )
    def route(path: str | None, lang: str) -> dict[str, Any]:
        t = translator(lang)
        project_id = project_id_of(path)
        if project_id is None:
            return {"map_view": {}, "project_view": HIDDEN, "body": no_update, "figure": no_update}
        store = context.repository.store
        project = store.project(project_id)
        if project is None:
            missing = [html.P(t("No project has this ID."), className="alert alert-warning")]
            return {"map_view": HIDDEN, "project_view": {}, "body": missing, "figure": {}}
        today = context.today()
        everything = context.repository.select(ProjectFilter(as_of=today))[1]
        selection = only(store, everything, project.id)
        status = str(selection.statuses.iloc[int(selection.mask.nonzero()[0][0])])
        others = same_partner_projects(store, project)
        body = project_page(
            project, status, context.boundaries, today.isoformat(), others, t, context.homes
        )
        figure = project_map(context, store, selection, project, t)
        return {"map_view": HIDDEN, "project_view": {}, "body": body, "figure": figure}
