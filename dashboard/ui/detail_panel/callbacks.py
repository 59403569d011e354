"""The side panel's callback: the projects of the place selected on the map, or in Japan
the partners based in the prefecture and their projects."""

from __future__ import annotations

from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State

from ...context import AppContext
from ...data.filters import ProjectFilter, Selection
from ...data.homes import partners_in
from ...data.loading import ProjectStore
from ...i18n import Translator, translator
from .. import ids
from ..filter_panel.controls import JAPAN, filter_from_controls, view_key
from ..view_state import valid_place
from ..wiring import FILTER_INPUTS, FILTER_STATES, LANGUAGE
from .layout import home_heading, home_section, notice, place_heading, project_card
from .selection import place_detail


def _home_detail(
    context: AppContext,
    store: ProjectStore,
    selection: Selection,
    spec: ProjectFilter,
    code: str,
    t: Translator,
) -> list[Any]:
    """The partners based in a prefecture, and where their selected projects are."""
    boundaries = context.boundaries
    prefecture = boundaries.provinces.get(code)
    partners = partners_in(store, selection, context.homes, code)
    count = len({row for _, _, rows in partners for row in rows})
    heading = home_heading(t.province(prefecture) if prefecture else code, count, t)
    as_of = (spec.as_of or context.today()).isoformat()
    statuses = selection.statuses
    sections = [
        home_section(
            key,
            home,
            [store.projects[row] for row in rows],
            boundaries,
            as_of,
            t,
            [str(statuses.iloc[row]) for row in rows],
        )
        for key, home, rows in partners
    ]
    return [heading, *sections]


def register(app: Dash, context: AppContext) -> None:
    # The filters changed while a place is selected (assets/round-trip.js): with nothing
    # selected, a filter change asks nothing of the server for the side panel.
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_url", function_name="whenSelected"),
        Output(ids.DETAIL_FILTERS, "data"),
        *FILTER_INPUTS.values(),
        State(ids.SELECTED_PLACE, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        output=Output(ids.DETAIL_BODY, "children"),
        inputs={
            "place": Input(ids.SELECTED_PLACE, "data"),
            "refiltered": Input(ids.DETAIL_FILTERS, "data"),
        },
        state={"filters": FILTER_STATES, "lang": LANGUAGE},
        prevent_initial_call=True,  # nothing is selected until the URL or a click says so
    )
    def show_detail(
        place: object, refiltered: object, filters: dict[str, Any], lang: str
    ) -> list[Any]:
        selected = valid_place(place)
        if not selected:
            return []
        t = translator(lang)
        spec = filter_from_controls(filters, today=context.today())
        store, selection = context.repository.select(spec)
        country = view_key(filters["country"])
        if country == JAPAN and "province" in selected:
            return _home_detail(context, store, selection, spec, selected["province"], t)
        detail = place_detail(context, store, selection, selected, country, t)
        if detail is None:
            return [notice(t("No project has this ID."))]
        as_of = (spec.as_of or context.today()).isoformat()
        statuses, homes, boundaries = selection.statuses, context.homes, context.boundaries
        cards = [
            project_card(store.projects[row], str(statuses.iloc[row]), boundaries, as_of, t, homes)
            for row in detail.rows
        ]
        count = len(detail.rows) - detail.linked_outside
        return [place_heading(detail.title, count, detail.linked_outside, t), *cards]
