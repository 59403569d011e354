"""The list's callbacks: a header button sorts, and one page of the list is filled once the
visitor first opens it (a first visit does not pay for a table it does not show)."""

from __future__ import annotations

from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from ...context import AppContext
from ...i18n import translator
from .. import ids
from ..filter_panel.controls import filter_from_controls
from ..wiring import FILTER_INPUTS, FILTER_STATES, LANGUAGE
from .layout import sort_labels, table_rows
from .paging import (
    count,
    next_sort,
    position_text,
    sort_states,
    table_page,
    valid_sort,
    wanted_page,
)


def follow_filters_while_open(app: Dash) -> None:
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_url", function_name="whenOpen"),
        Output(ids.TABLE_FILTERS, "data"),
        *FILTER_INPUTS.values(),
        State(ids.TABLE_OPENER, "n_clicks"),
        prevent_initial_call=True,
    )


PAGER = (ids.TABLE_PREVIOUS, ids.TABLE_NEXT, ids.TABLE_OPENER)
TABLE_OUTPUTS = {
    "rows": Output(ids.TABLE_BODY, "children"),
    "caption": Output(ids.TABLE_CAPTION, "children"),
    "sort_states": Output({"type": ids.TABLE_HEADER, "column": ALL}, "aria-sort"),
    "sort_labels": Output({"type": ids.TABLE_SORT, "column": ALL}, "children"),
    "page": Output(ids.TABLE_PAGE, "data"),
    "position": Output(ids.TABLE_POSITION, "children"),
    "pager_hidden": Output(ids.TABLE_PAGER, "hidden"),
    # aria-disabled, not disabled: a disabled button would drop the keyboard focus from the
    # button just pressed (the server keeps the page in range anyway).
    "previous_disabled": Output(ids.TABLE_PREVIOUS, "aria-disabled"),
    "next_disabled": Output(ids.TABLE_NEXT, "aria-disabled"),
}
TABLE_INPUTS = {
    "opened": Input(ids.TABLE_OPENER, "n_clicks"),
    "sort": Input(ids.TABLE_SORT_STATE, "data"),
    "pager": {
        "previous": Input(ids.TABLE_PREVIOUS, "n_clicks"),
        "following": Input(ids.TABLE_NEXT, "n_clicks"),
    },
    # The filters changed while the list is open (assets/round-trip.js): a closed list asks
    # nothing of the server when a filter changes.
    "refiltered": Input(ids.TABLE_FILTERS, "data"),
}


def register(app: Dash, context: AppContext) -> None:
    # The filters changed while the list is open (assets/round-trip.js).
    follow_filters_while_open(app)

    @app.callback(
        output=Output(ids.TABLE_SORT_STATE, "data"),
        inputs={"clicks": Input({"type": ids.TABLE_SORT, "column": ALL}, "n_clicks")},
        state={"state": State(ids.TABLE_SORT_STATE, "data")},
        prevent_initial_call=True,
    )
    def sort_table(clicks: object, state: object) -> object:
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update
        return next_sort(state, ctx.triggered_id["column"])

    @app.callback(
        output=TABLE_OUTPUTS,
        inputs=TABLE_INPUTS,
        state={"filters": FILTER_STATES, "lang": LANGUAGE, "shown": State(ids.TABLE_PAGE, "data")},
        prevent_initial_call=True,  # nothing to show until the list is opened
    )
    def show_table(
        opened: object,
        sort: object,
        pager: dict[str, object],
        refiltered: object,
        filters: dict[str, Any],
        lang: str,
        shown: object,
    ) -> dict[str, Any]:
        """Each click on the list's summary opens or closes it: an odd count is open."""
        if not isinstance(opened, int) or not opened:
            raise PreventUpdate
        if ctx.triggered_id == ids.TABLE_OPENER and opened % 2 == 0:
            raise PreventUpdate  # closing: nothing to show
        t = translator(lang)
        store, selection = context.repository.select(filter_from_controls(filters))
        order = valid_sort(sort)
        clicks = {"next": count(pager["following"]), "previous": count(pager["previous"])}
        wanted = wanted_page(ctx.triggered_id in PAGER, shown, clicks)
        page = table_page(
            store, selection, str(order["column"]), bool(order["descending"]), wanted, t
        )
        return {
            "rows": table_rows(store, selection, page, t),
            "caption": t.plural(
                "{count} project, with the filters above",
                "{count} projects, with the filters above",
                page.total,
            ),
            "sort_states": sort_states(str(order["column"]), bool(order["descending"])),
            "sort_labels": sort_labels(str(order["column"]), bool(order["descending"]), t),
            "page": {"page": page.page, **clicks},
            "position": position_text(page, t),
            "pager_hidden": page.pages <= 1,
            "previous_disabled": str(page.page <= 1).lower(),
            "next_disabled": str(page.page >= page.pages).lower(),
        }
