"""The page's next state after one event (pure): one owner of the URL, the controls and the
selection, so that each follows the other without a loop.

A new URL (a link, back or forward) sets the controls and the selection; a changed control,
a click on the map, closing the side panel or a reset sets the URL.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import Final

from ...data.place_levels import default_layer
from ...data.repository import BoundaryIndex
from ..boundary_layers import LAYERS, carried_into, filter_units
from ..ids import BOUNDARY_LAYER, COUNTRY, DETAIL, MAP, RESET, RESET_EMPTY, URL
from ..map_panel.clicks import place_of_click
from ..view_state import Place, ViewState, default_view, place_query, view_from_query, view_query
from .controls import FILTER_CONTROLS, JAPAN, WORLD, countries_of, is_several


class _Keep:
    def __repr__(self) -> str:
        return "KEEP"


KEEP: Final = _Keep()  # an output that stays as the page has it
RESETS = (RESET, RESET_EMPTY)
FILTER_IDS = frozenset(FILTER_CONTROLS.values()) - {COUNTRY}  # what the map's callback writes


@dataclass(frozen=True)
class Surroundings:
    """What the rules need besides the page: the day, the language and the map's units."""

    today: date
    lang: str
    boundaries: BoundaryIndex
    default_country: str
    japan_codes: frozenset[str]


@dataclass(frozen=True)
class NextView:
    """What changes: ``search`` (None: the URL stays); ``state`` (None: the controls, the
    country and the layer stay); the selection and whether the side panel is open."""

    search: str | None = None
    state: ViewState | None = None
    place: Place | _Keep | None = KEEP
    detail_open: bool | _Keep = KEEP


NOTHING = NextView()


def next_view(
    trigger: object,
    state: ViewState,
    around: Surroundings,
    *,
    search: str | None = None,
    click: object = None,
    detail_open: object = False,
) -> NextView:
    """``trigger``: the component that changed (None on the first call)."""
    if trigger in (None, URL):
        return _from_url(state, search or "", around)
    if trigger == DETAIL:
        if detail_open or not state.place:
            return NOTHING
        return _to_url(DETAIL, replace(state, place=None), around)
    if trigger == MAP:
        return _from_click(state, click, around)
    return _to_url(trigger, state, around)


def search_after_filter(trigger: object, state: ViewState, around: Surroundings) -> str | None:
    """The URL after a filter control changed, written by the map's callback in its one
    request; None for any other trigger (the country, a reset, a click, the layer, a link:
    ``next_view`` has the view's owner write those, and the country rewrites controls)."""
    if trigger not in FILTER_IDS:
        return None
    return _to_url(trigger, state, around).search


def _from_url(state: ViewState, search: str, around: Surroundings) -> NextView:
    wanted = view_from_query(search, around.today, around.boundaries, around.default_country)
    if wanted is None:
        return NOTHING
    same_controls = (wanted.country, wanted.controls, wanted.layer) == (
        state.country,
        state.controls,
        state.layer,
    )
    new_state = None if same_controls else replace(wanted, place=None)
    if place_query(wanted.place) == place_query(state.place):
        return NextView(state=new_state)
    return NextView(state=new_state, place=wanted.place, detail_open=bool(wanted.place))


def _from_click(state: ViewState, click: object, around: Surroundings) -> NextView:
    clicked = place_of_click(click)
    if state.country == JAPAN:  # a prefecture, or a home city's circle (its prefecture)
        code = (clicked or {}).get("province") or (clicked or {}).get("project")
        if code not in around.japan_codes:
            return NOTHING
        clicked = {"province": code}
    opened = (clicked or {}).get("province")
    if state.country == WORLD or (is_several(state.country) and "point" not in (clicked or {})):
        # The world's or several countries' outlines: a click opens that country's map.
        shown = countries_of(state.country) or tuple(around.boundaries.bounds)
        if opened not in around.boundaries.bounds or opened not in shown:
            return NOTHING
        return _to_url(COUNTRY, replace(state, country=opened), around)
    if not clicked:
        return NOTHING
    query = view_query(replace(state, place=clicked), around.today, around.lang)
    return NextView(search=f"?{query}", place=clicked, detail_open=True)


def _provinces_shown(trigger: object, state: ViewState, boundaries: BoundaryIndex) -> ViewState:
    """The chosen provinces that the province filter offers in the view: after another
    layer, each in that layer's units; after another choice of countries, those of the
    countries still shown."""
    ticked = state.controls.get("provinces")
    codes = [c for c in ticked if isinstance(c, str)] if isinstance(ticked, list) else []
    if trigger == BOUNDARY_LAYER and state.layer in LAYERS:
        codes = carried_into(boundaries, codes, state.layer)
    offered = {unit.code for unit in filter_units(boundaries, state.country, state.layer, codes)}
    return state.with_controls(provinces=[code for code in codes if code in offered])


def _to_url(trigger: object, state: ViewState, around: Surroundings) -> NextView:
    if trigger in RESETS:
        state = replace(default_view(state.country, around.today), layer=state.layer)
    elif trigger in (COUNTRY, BOUNDARY_LAYER):
        if trigger == COUNTRY:  # another country opens on its own layer (Nepal's provinces)
            state = replace(state, layer=default_layer(state.country))
        state = _provinces_shown(trigger, state, around.boundaries)
    if trigger in (COUNTRY, BOUNDARY_LAYER, *RESETS):
        state = replace(state, place=None)  # another map: the old selection is gone
    if state.layer not in LAYERS:
        state = replace(state, layer=LAYERS[0])
    search = "?" + view_query(state, around.today, around.lang)
    shown = replace(state, place=None) if trigger in (*RESETS, COUNTRY, BOUNDARY_LAYER) else None
    if state.place:
        return NextView(search=search, state=shown)
    return NextView(search=search, state=shown, place=None, detail_open=False)
