"""The filter panel's callback: the one owner of the URL, the controls (with the province
filter's choices, which follow the countries and the layer shown) and the selection
(``transitions.next_view``)."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State, ctx, no_update

from ...context import AppContext
from ...data.boundaries import HOME_COUNTRY
from ...data.repository import BoundaryIndex
from ...i18n import Translator, translator
from .. import ids
from ..boundary_layers import filter_units
from ..project_page.rules import controls_source
from ..view_state import ViewState, controls_of, valid_place
from ..wiring import FILTER_INPUTS, LANGUAGE
from .controls import FILTER_CONTROLS, is_several, province_choices, selector_value, view_key
from .transitions import KEEP, NextView, Surroundings, next_view

URL_OUTPUTS = {
    "search": Output(ids.URL, "search"),
    "controls": {name: Output(component, "value") for name, component in FILTER_CONTROLS.items()},
    "layer": Output(ids.BOUNDARY_LAYER, "value"),
    "province_options": Output(ids.PROVINCE, "options"),
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


def province_options(
    boundaries: BoundaryIndex, state: ViewState, t: Translator
) -> list[dict[str, str]]:
    """The province filter's choices for the countries and the layer shown."""
    units = filter_units(boundaries, state.country, state.layer)
    return province_choices(units, t, prefixed=is_several(state.country))


def outputs_of(step: NextView, options: list[dict[str, str]] | None = None) -> dict[str, Any]:
    """The transition as the page's outputs: what stays is ``no_update``; ``options``: the
    province filter's choices for the new state."""
    state = step.state
    controls = (
        {"country": selector_value(state.country), **state.controls}
        if state
        else dict.fromkeys(FILTER_CONTROLS, no_update)
    )
    return {
        "search": step.search if step.search is not None else no_update,
        "controls": controls,
        "layer": state.layer if state else no_update,
        "province_options": options if state and options is not None else no_update,
        "place": no_update if step.place is KEEP else step.place,
        "detail_open": no_update if step.detail_open is KEEP else step.detail_open,
    }


def register(app: Dash, context: AppContext) -> None:
    boundaries = context.boundaries
    japan_codes = frozenset(p.code for p in boundaries.provinces_of(HOME_COUNTRY))

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
        country = view_key(controls["country"])
        state = ViewState(country, layer, controls_of(controls), valid_place(place))
        step = next_view(
            ctx.triggered_id,
            state,
            around,
            search=search,
            click=events["click"],
            detail_open=events["detail_open"],
        )
        options = province_options(boundaries, step.state, translator(lang)) if step.state else None
        outputs = outputs_of(step, options)
        if outputs["controls"]["country"] == controls["country"]:
            # The selector shows it already: no echo that could undo a newer click.
            outputs["controls"]["country"] = no_update
        return outputs
