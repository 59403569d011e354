"""The map's components: the graph, the key to its colours and looks, the notes under it
(components only)."""

from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from ...data import vocab
from ...figures.palette import FIELD_COLOURS
from ...i18n import Translator
from .. import ids
from ..attributes import attributes
from ..page_words import canvas_words
from .views import boundary_note

# What a map shows until its figure arrives: nothing, and no axes (plotly would draw and
# measure an empty chart's axes and tick labels, only to throw them away).
BLANK_FIGURE = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
    },
}


def field_legend(t: Translator) -> html.Ul:
    """Marker colours by field, as text: the colour never carries the meaning alone."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="legend-dot",
                        style={"backgroundColor": FIELD_COLOURS[term.key]},
                        **attributes({"aria-hidden": "true"}),
                    ),
                    t.term(vocab.FIELDS, term.key),
                ],
                className="legend-item",
            )
            for term in vocab.FIELDS
        ],
        id=ids.FIELD_LEGEND,
        className="field-legend list-unstyled small mb-1",
        **attributes({"aria-label": t("Marker colour by field")}),
    )


def status_legend(t: Translator) -> html.Ul:
    """What the markers' two looks mean, in words: size and ring, not colour, say it."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="legend-marker legend-ongoing",
                        **attributes({"aria-hidden": "true"}),
                    ),
                    t("large circle, dark ring: ongoing on the “as of” date"),
                ],
                className="legend-item",
            ),
            html.Li(
                [
                    html.Span(
                        className="legend-marker legend-other",
                        **attributes({"aria-hidden": "true"}),
                    ),
                    t("small pale circle: completed, planned or status not stated"),
                ],
                className="legend-item",
            ),
        ],
        id=ids.STATUS_LEGEND,
        className="field-legend list-unstyled small mb-1",
        **attributes({"aria-label": t("Marker size by status")}),
    )


def _empty_state(t: Translator) -> dbc.Alert:
    reset = dbc.Button(
        t("Reset filters"), id=ids.RESET_EMPTY, color="link", className="p-0 align-baseline"
    )
    return dbc.Alert(
        [t("No project matches these filters."), " ", reset],
        id=ids.EMPTY_STATE,
        color="warning",
        is_open=False,
        className="mb-2",
    )


def _layer_choice(t: Translator, shown: bool, options: list | None = None) -> html.Fieldset:
    """Only where the units changed (Viet Nam 2025, Nepal 2015) is there a choice of layer;
    ``options``: the arriving country's words for it (None: Viet Nam's)."""
    return html.Fieldset(
        [
            html.Legend(t("Provinces"), className="small d-inline w-auto float-none me-2 mb-0"),
            dbc.RadioItems(
                id=ids.BOUNDARY_LAYER,
                options=options
                or [
                    {"label": t("as implemented (63)"), "value": "implemented"},
                    {"label": t("since 1 July 2025 (34)"), "value": "current"},
                ],
                value="implemented",
                inline=True,
                class_name="small d-inline-block",
            ),
        ],
        id=ids.BOUNDARY_LAYER_BOX,
        className="mb-1",
        style={} if shown else {"display": "none"},
    )


def _graph(t: Translator) -> html.Div:
    config: Any = {
        "displaylogo": False,
        "showSendToCloud": False,
        "scrollZoom": True,
        "responsive": True,
        "locale": t.lang,
        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
    }
    graph = dcc.Graph(
        id=ids.MAP,
        figure=BLANK_FIGURE,
        className="project-map",
        style={"height": "100%"},
        config=config,
    )
    # A thin bar over the map while it updates, after 300 ms (style.css: .map-progress); the
    # map stays shown (a spinner in its place hid it, and the keyboard's place in it).
    return html.Div(graph, className="project-map-frame map-progress", **canvas_words(t))


def _project_list(t: Translator, table: Any) -> html.Details:
    """The list of the projects under the map, filled when first opened."""
    return html.Details(
        [
            html.Summary(
                t("List of the projects (a table, sortable)"),
                id=ids.TABLE_OPENER,
                className="small",
                n_clicks=0,
            ),
            dcc.Store(id=ids.TABLE_SORT_STATE, data={"column": "id", "descending": False}),
            # The page shown, and the pager's clicks when it was shown.
            dcc.Store(id=ids.TABLE_PAGE, data={"page": 1, "next": 0, "previous": 0}),
            html.Div(table, id=ids.PROJECT_TABLE),
        ],
        className="mb-2 project-list",
    )


def map_panel(
    t: Translator, layer_choice: bool, table: Any, layer_options: list | None = None
) -> list[Any]:
    """The map with what belongs to it: the empty state, the layer choice, the keys, the
    notes, the list of the projects and the boundary disclaimer."""
    return [
        _empty_state(t),
        _layer_choice(t, layer_choice, layer_options),
        _graph(t),
        field_legend(t),
        status_legend(t),
        html.P(id=ids.UNPLACED_NOTE, className="small mb-1"),
        html.P(id=ids.MAP_HINT, className="small text-muted mb-1"),
        _project_list(t, table),
        html.P(
            boundary_note("implemented", t),
            id=ids.BOUNDARY_NOTE,
            className="small text-muted mt-1 mb-0",
        ),
    ]
