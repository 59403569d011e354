"""The filter panel's callbacks: the province choices of a country, and the one owner of
the URL, the controls and the selection (``transitions.next_view``)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from ...context import AppContext
from ...data.boundaries import HOME_COUNTRY
from ...i18n import translator
from .. import ids
from ..project_page.rules import controls_source
from ..view_state import ViewState, controls_of, valid_place
from ..wiring import FILTER_INPUTS, LANGUAGE
from .controls import FILTER_CONTROLS, province_choices
from .transitions import KEEP, NextView, Surroundings, next_view

URL_OUTPUTS = {
    "search": Output(ids.URL, "search"),
    "controls": {name: Output(component, "value") for name, component in FILTER_CONTROLS.items()},
    "layer": Output(ids.BOUNDARY_LAYER, "value"),
    "place": Output(ids.SELECTED_PLACE, "data"),
    "detail_open": Output(ids.DETAIL, "is_open"),
}
URL_INPUTS = {
    "search": Input(ids.URL, "search"),
    # What else moves the view; their values matter less than which one moved.
    "events": {
        "reset": Input(ids.RESET, "n_clicks"),
        "reset_empty": Input(ids.RESET_EMPTY, "n_clicks"),
        "layer": Input(ids.BOUNDARY_LAYER, "value"),
        "click": Input(ids.MAP, "clickData"),
        "detail_open": Input(ids.DETAIL, "is_open"),
    },
    "controls": FILTER_INPUTS,
}


def outputs_of(step: NextView) -> dict[str, Any]:
    """The transition as the page's outputs: what stays is ``no_update``."""
    state = step.state
    controls = (
        {"country": state.country, **state.controls}
        if state
        else dict.fromkeys(FILTER_CONTROLS, no_update)
    )
    return {
        "search": step.search if step.search is not None else no_update,
        "controls": controls,
        "layer": state.layer if state else no_update,
        "place": no_update if step.place is KEEP else step.place,
        "detail_open": no_update if step.detail_open is KEEP else step.detail_open,
    }


def register(app: Dash, context: AppContext) -> None:
    boundaries = context.boundaries
    japan_codes = frozenset(p.code for p in boundaries.provinces_of(HOME_COUNTRY))

    # The page arrives with these made for the default country (shell): they run when the
    # country changes, not on every first visit.
    @app.callback(
        output=Output(ids.PROVINCE, "options"),
        inputs={"country": Input(ids.COUNTRY, "value")},
        state={"lang": LANGUAGE},
        prevent_initial_call=True,
    )
    def province_options(country: str, lang: str) -> list[dict[str, str]]:
        return province_choices(boundaries.provinces_of(country), translator(lang))

    @app.callback(
        output=URL_OUTPUTS,
        inputs=URL_INPUTS,
        state={
            "place": State(ids.SELECTED_PLACE, "data"),
            "lang": LANGUAGE,
            "path": State(ids.URL, "pathname"),
        },
    )
    def sync_url_and_controls(
        search: str | None,
        events: dict[str, Any],
        controls: dict[str, Any],
        place: object,
        lang: str,
        path: str | None,
    ) -> dict[str, Any]:
        """The URL holds the view: a copied link restores it; back and forward step
        through it (``transitions.next_view`` says how). A project's page shows its
        country in the header (``project_page.rules.controls_source``)."""
        store, default = context.repository.store, context.settings.default_country
        search, default = controls_source(path, search, store, boundaries, default)
        around = Surroundings(context.today(), lang, boundaries, default, japan_codes)
        layer = events["layer"]
        state = ViewState(controls["country"], layer, controls_of(controls), valid_place(place))
        step = next_view(
            ctx.triggered_id,
            state,
            around,
            search=search,
            click=events["click"],
            detail_open=events["detail_open"],
        )
        return outputs_of(step)
