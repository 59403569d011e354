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
from ..view_state import Place, valid_place
from ..wiring import FILTER_INPUTS, FILTER_STATES, LANGUAGE
from .layout import home_heading, home_section, notice, place_heading, project_card
from .selection import panel_name, place_detail


def _home_detail(
    context: AppContext,
    store: ProjectStore,
    selection: Selection,
    spec: ProjectFilter,
    code: str,
    t: Translator,
) -> tuple[list[Any], str]:
    """The partners based in a prefecture, and where their selected projects are; and the
    panel's name."""
    boundaries = context.boundaries
    prefecture = boundaries.provinces.get(code)
    partners = partners_in(store, selection, context.homes, code)
    count = len({row for _, _, rows in partners for row in rows})
    name = t.province(prefecture) if prefecture else code
    heading = home_heading(name, count, t)
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
    return [heading, *sections], panel_name(name, count, t, homes=True)


def detail_children(
    context: AppContext,
    spec: ProjectFilter,
    selected: Place,
    country: str,
    lang: str,
    cap: int | None = None,
) -> tuple[list[Any], int, str]:
    """The side panel's content for a selected place: its heading and the cards of its
    projects (Japan: the partners based in the prefecture), and how many cards the place has.
    The first view writes the same (``first_view.page``), its cards cut at ``cap`` (a page of
    bounded size); the app shows all. And the panel's name, after what is open
    (``selection.panel_name``)."""
    t = translator(lang)
    store, selection = context.repository.select(spec)
    if country == JAPAN and "province" in selected:
        home, name = _home_detail(context, store, selection, spec, selected["province"], t)
        return home[: None if cap is None else cap + 1], len(home) - 1, name
    detail = place_detail(context, store, selection, selected, country, t)
    if detail is None:
        return [notice(t("No project has this ID."))], 0, panel_name("", 0, t)
    as_of = (spec.as_of or context.today()).isoformat()
    statuses, homes, boundaries = selection.statuses, context.homes, context.boundaries
    cards = [
        project_card(store.projects[row], str(statuses.iloc[row]), boundaries, as_of, t, homes)
        for row in detail.rows[:cap]
    ]
    count = len(detail.rows) - detail.linked_outside
    heading = place_heading(detail.title, count, detail.linked_outside, t)
    return [heading, *cards], len(detail.rows), panel_name(detail.title, count, t)


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
        output={
            "body": Output(ids.DETAIL_BODY, "children"),
            "name": Output(ids.DETAIL_TITLE, "children"),
        },
        inputs={
            "place": Input(ids.SELECTED_PLACE, "data"),
            "refiltered": Input(ids.DETAIL_FILTERS, "data"),
        },
        state={"filters": FILTER_STATES, "lang": LANGUAGE},
        prevent_initial_call=True,  # nothing is selected until the URL or a click says so
    )
    def show_detail(
        place: object, refiltered: object, filters: dict[str, Any], lang: str
    ) -> dict[str, Any]:
        selected = valid_place(place)
        if not selected:
            return {"body": [], "name": panel_name("", 0, translator(lang))}
        spec = filter_from_controls(filters, today=context.today())
        country = view_key(filters["country"])
        body, _, name = detail_children(context, spec, selected, country, lang)
        return {"body": body, "name": name}
