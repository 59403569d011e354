"""A project's own page (/project/<id>): every fact, its provinces on a small map, its
sources, and the other projects of the same partners (components only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from ...data.homes import Home
from ...data.model import Project
from ...data.repository import BoundaryIndex
from ...i18n import Translator
from .. import ids
from ..detail_panel.layout import project_card, project_href, shown, title_parts
from ..map_panel.layout import BLANK_FIGURE
from ..map_panel.views import boundary_note
from ..page_words import canvas_words


def project_view(t: Translator) -> html.Main:
    """A project's own page (/project/<id>): filled by the router when the path asks for it."""
    return html.Main(
        [
            html.A(
                t("← Back to the map"),
                id=ids.BACK_TO_MAP,
                href="/",
                className="small d-inline-block mb-2",
            ),
            dcc.Store(id=ids.PROJECT_CHOSEN),
            dcc.Store(id=ids.PROJECT_LEAVE),
            dbc.Row(
                [
                    dbc.Col(html.Div(id=ids.PROJECT_BODY), lg=7),
                    dbc.Col(
                        [
                            html.Div(
                                dcc.Graph(
                                    id=ids.PROJECT_MAP,
                                    figure=BLANK_FIGURE,
                                    className="project-map-small",
                                    config={
                                        "displaylogo": False,
                                        "showSendToCloud": False,
                                        "locale": t.lang,
                                    },
                                ),
                                **canvas_words(t),
                            ),
                            html.P(
                                boundary_note("implemented", t),
                                className="small text-muted mt-1 mb-0",
                            ),
                        ],
                        id=ids.PROJECT_MAP_BOX,
                        lg=5,
                    ),
                ],
                className="g-3",
            ),
        ],
        id=ids.PROJECT_VIEW,
        style={"display": "none"},
    )


def project_page(
    project: Project,
    status: str,
    boundaries: BoundaryIndex,
    as_of: str,
    same_partner: list[Project],
    t: Translator,
    homes: Mapping[str, Home] | None = None,
) -> list[Any]:
    """A project's own page: its facts, and the other projects of the same partners."""
    others = [
        html.Li(html.A(shown(t.title(other), t), href=project_href(other.id, t)))
        for other in same_partner
    ]
    return [
        # The page's heading: where focus goes as the page opens, and the skip link's target.
        html.H1(title_parts(project, t), id=ids.PROJECT_HEADING, tabIndex="-1", className="h4"),
        project_card(project, status, boundaries, as_of, t, homes, own_page=True),
        html.H2(t("Other projects of the same partners"), className="h6 mt-3"),
        html.Ul(others, className="small other-projects")
        if others
        else html.P(t("None in this dataset."), className="small text-muted"),
    ]
