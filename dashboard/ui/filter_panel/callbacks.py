"""The filter panel's callback: the one owner of the URL, the controls (with the province
filter's choices, which follow the countries and the layer shown) and the selection
(``transitions.next_view``)."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update

from ...context import AppContext
from ...data.boundaries import HOME_COUNTRY
from ...data.repository import BoundaryIndex
from ...i18n import Translator, translator
from .. import ids
from ..boundary_layers import filter_units
from ..project_page.rules import controls_source
from ..view_state import ViewState, controls_of, valid_place
from ..wiring import FILTER_STATES, LANGUAGE
from .controls import (
    FILTER_CONTROLS,
    is_several,
    province_choices,
    province_chooser_note,
    selector_value,
    view_key,
)
from .transitions import KEEP, NextView, Surroundings, next_view

URL_OUTPUTS = {
    # The address this owner wants; the browser writes it (assets/round-trip.js).
    "search": Output(ids.SEARCH_FROM_VIEW, "data"),
    "controls": {name: Output(component, "value") for name, component in FILTER_CONTROLS.items()},
    "layer": Output(ids.BOUNDARY_LAYER, "value"),
    "province_options": Output(ids.PROVINCE, "options"),
    "province_closed": Output(ids.PROVINCE, "disabled"),
    "province_note": Output(ids.PROVINCE_NOTE, "children"),
    "place": Output(ids.SELECTED_PLACE, "data"),
    "detail_open": Output(ids.DETAIL, "is_open"),
}
URL_INPUTS = {
    # An address the page did not write itself: a link opened, back or forward.
    "search": Input(ids.URL_ARRIVED, "data"),
    # What else moves the view; their values matter less than which one moved.
    "events": {
        "reset": Input(ids.RESET, "n_clicks"),
        "reset_empty": Input(ids.RESET_EMPTY, "n_clicks"),
        "layer": Input(ids.BOUNDARY_LAYER, "value"),
        "click": Input(ids.MAP, "clickData"),
        "detail_open": Input(ids.DETAIL, "is_open"),
        "country": Input(ids.COUNTRY, "value"),
    },
}
# The other filters' changes write the URL from the map's callback, in its one request
# (map_panel/callbacks.py); here they are read.
URL_STATES = {name: FILTER_STATES[name] for name in FILTER_CONTROLS if name != "country"}


def province_options(
    boundaries: BoundaryIndex, state: ViewState, t: Translator
) -> list[dict[str, str]]:
    """The province filter's choices for the countries and the layer shown."""
    chosen = state.controls.get("provinces")
    kept = [c for c in chosen if isinstance(c, str)] if isinstance(chosen, list) else []
    units = filter_units(boundaries, state.country, state.layer, kept)
    return province_choices(units, t, prefixed=is_several(state.country))


def outputs_of(
    step: NextView,
    shown: dict[str, Any] | None = None,
    options: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """The transition as the page's outputs: what stays is ``no_update``, and so is a
    control that already shows its new value (``shown``: the controls' values now), so that
    back or forward fires only the callbacks of what changed; ``options``: the province
    filter's choices for the new state."""
    state = step.state
    shown = shown or {}
    if state:
        wanted = {"country": selector_value(state.country), **state.controls}
        controls = {
            name: no_update if name in shown and shown[name] == value else value
            for name, value in wanted.items()
        }
    else:
        controls = dict.fromkeys(FILTER_CONTROLS, no_update)
    return {
        "search": step.search if step.search is not None else no_update,
        "controls": controls,
        "layer": state.layer if state and shown.get("layer") != state.layer else no_update,
        "province_options": options if state and options is not None else no_update,
        # An overview offers no province: the chooser is closed and the note says why.
        "province_closed": not options if state and options is not None else no_update,
        "province_note": no_update,
        "place": no_update if step.place is KEEP else step.place,
        "detail_open": no_update if step.detail_open is KEEP else step.detail_open,
    }


def _register_url_steps(app: Dash) -> None:
    # The browser writes the address the view's owner or the map's callback wants, and passes
    # on only an address it did not write (assets/round-trip.js): no request for either.
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_url", function_name="writeUrl"),
        Output(ids.URL, "search"),
        Input(ids.SEARCH_FROM_VIEW, "data"),
        Input(ids.SEARCH_FROM_FILTERS, "data"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_url", function_name="arrivedUrl"),
        Output(ids.URL_ARRIVED, "data"),
        Input(ids.URL, "search"),
    )


def register(app: Dash, context: AppContext) -> None:
    _register_url_steps(app)
    boundaries = context.boundaries
    japan_codes = frozenset(p.code for p in boundaries.provinces_of(HOME_COUNTRY))

    @app.callback(
        output=URL_OUTPUTS,
        inputs=URL_INPUTS,
        state={
            "controls": URL_STATES,
            "place": State(ids.SELECTED_PLACE, "data"),
            "lang": LANGUAGE,
            # On arrival, the address the page opened with (the browser passes on the later
            # ones it did not write as "search").
            "opened": State(ids.URL, "search"),
            "path": State(ids.URL, "pathname"),
        },
    )
    def sync_url_and_controls(
        search: str | None,
        events: dict[str, Any],
        controls: dict[str, Any],
        place: object,
        lang: str,
        opened: str | None,
        path: str | None,
    ) -> dict[str, Any]:
        """The URL holds the view: a copied link restores it; back and forward step
        through it (``transitions.next_view`` says how). A project's page shows its
        country in the header (``project_page.rules.controls_source``)."""
        trigger = ids.URL if ctx.triggered_id == ids.URL_ARRIVED else ctx.triggered_id
        if trigger is None:  # the first call: the address the page opened with
            search = opened
        store, default = context.repository.store, context.settings.default_country
        search, default = controls_source(path, search, store, boundaries, default)
        around = Surroundings(context.today(), lang, boundaries, default, japan_codes)
        layer = events["layer"]
        country = view_key(events["country"])
        state = ViewState(country, layer, controls_of(controls), valid_place(place))
        step = next_view(
            trigger,
            state,
            around,
            search=search,
            click=events["click"],
            detail_open=events["detail_open"],
        )
        options = province_options(boundaries, step.state, translator(lang)) if step.state else None
        shown = {"country": events["country"], "layer": layer, **controls}
        outputs = outputs_of(step, shown, options)
        if step.state:
            outputs["province_note"] = province_chooser_note(step.state.country, translator(lang))
        return outputs
