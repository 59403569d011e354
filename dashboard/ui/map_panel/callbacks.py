"""The map's callbacks: its size as the browser measures it, which keys and choices show,
and the view itself (the map, the summary beside it and the notes under it) after any
filter, layer or size change."""

from __future__ import annotations

from functools import partial
from typing import Any

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update

from ...context import AppContext
from ...data.filters import ProjectFilter, Selection
from ...data.loading import ProjectStore
from ...data.summaries import summarise
from ...figures.map import stack_number
from ...figures.map_paint import (
    base_figure,
    every_number,
    map_key,
    map_paint,
    with_figure_points,
)
from ...i18n import Translator, translator
from .. import ids
from ..boundary_layers import layer_of, layer_options
from ..country_list.layout import HIDDEN, country_items
from ..country_list.listing import listing
from ..filter_panel.controls import (
    as_of_note,
    filter_from_controls,
    is_several,
    view_key,
)
from ..filter_panel.transitions import Surroundings, search_after_filter
from ..summary_panel.layout import field_bars
from ..summary_panel.rules import (
    export_links,
    notes_by_control,
    range_counts,
    sheet_text,
    sites_link,
    status_left_out,
    summary_text,
    unknown_note,
)
from ..view_state import VIEW_NAMES, ViewState, controls_of, valid_place
from ..wiring import FILTER_INPUTS, LANGUAGE
from .views import (
    EverySite,
    Figure,
    chosen_units,
    drawn_key,
    drawn_map,
    every_point,
    map_size,
    shown_view,
    with_chosen,
)

VIEW_OUTPUTS = {
    "figure": Output(ids.MAP, "figure"),
    "paint": Output(ids.MAP_PAINT, "data"),
    "count": Output(ids.RESULT_COUNT, "children"),
    "noun": Output(ids.RESULT_NOUN, "children"),
    "budget": Output(ids.BUDGET_TOTAL, "children"),
    "fields": Output(ids.FIELD_CHART, "children"),
    "unknown": Output(ids.UNKNOWN_NOTE, "children"),
    "empty": Output(ids.EMPTY_STATE, "is_open"),
    "csv": Output(ids.EXPORT_CSV, "href"),
    "xlsx": Output(ids.EXPORT_XLSX, "href"),
    "geojson": Output(ids.EXPORT_GEOJSON, "href"),
    "sites_csv": Output(ids.EXPORT_SITES_CSV, "href"),
    "unplaced": Output(ids.UNPLACED_NOTE, "children"),
    "hint": Output(ids.MAP_HINT, "children"),
    "boundary_note": Output(ids.BOUNDARY_NOTE, "children"),
    "drawn": Output(ids.MAP_DRAWN, "data"),
    "countries": Output(ids.COUNTRY_LIST_ITEMS, "children"),
    "country_box": Output(ids.COUNTRY_LIST, "style"),
    "country_note": Output(ids.COUNTRY_LIST_NOTE, "children"),
    "country_heading": Output(ids.COUNTRY_LIST_HEADING, "children"),
    # In the same answer (one request per filter change): the view's new URL, the filter
    # sheet's live count, and beside each filter what it did with values no source states.
    "search": Output(ids.SEARCH_FROM_FILTERS, "data"),
    "sheet_count": Output(ids.SHEET_COUNT, "children"),
    "sheet_show": Output(ids.SHEET_SHOW, "children"),
    "map_count": Output(ids.MAP_COUNT, "children"),
    "notes": {
        "budget": Output(ids.BUDGET_NOTE, "children"),
        "duration": Output(ids.DURATION_NOTE, "children"),
        "start": Output(ids.START_NOTE, "children"),
        "status": Output(ids.STATUS_NOTE, "children"),
        "as_of": Output(ids.AS_OF_NOTE, "children"),
    },
}


def map_outputs(
    figure: Figure, lang: str, drawn: object, size: tuple[int, int], every: EverySite
) -> tuple[object, dict[str, Any], str]:
    """The base plotly.js draws (``map_paint.base_figure``, named in its ``meta`` for the
    page's layers) and the whole paint for a new map; for the map the browser already draws
    (only a filter changed) no figure and only what filters change. ``drawn`` is the key of
    the map the browser has, from its own store: a stale answer discarded by the browser
    leaves that store as it was too. Also the key of the map now drawn."""
    every_site, stacks = every
    points = with_figure_points(every_site, figure)
    key = map_key(drawn_key(figure, lang), points)
    if drawn == key:
        return no_update, map_paint(figure, size, key, points, new_map=False), key
    base = base_figure(figure)
    base["layout"] = {**base["layout"], "meta": {"paint": key}}
    numbers = every_number(points, stacks, partial(stack_number, lang))
    return base, map_paint(figure, size, key, points, numbers=numbers), key


def summary_outputs(
    context: AppContext,
    store: ProjectStore,
    selection: Selection,
    spec: ProjectFilter,
    t: Translator,
    shown: tuple[str, str | None],
) -> dict[str, Any]:
    """The summary beside the map, which the same callback fills (one round trip).
    ``shown``: the country (or overview) and the layer drawn, for the downloads."""
    summary = summarise(store, selection)
    text = summary_text(summary, t)
    left_out = status_left_out(spec, context.repository.select)
    counts = range_counts(store, selection, spec)
    notes = unknown_note(counts, left_out, t)
    country, layer = shown
    view = VIEW_NAMES.get(country)
    csv, xlsx, geojson = export_links(spec, context.relative_path, t.lang, view, layer)
    _, everything = context.repository.select(ProjectFilter(country=spec.country, as_of=spec.as_of))
    sheet = sheet_text(everything.count, summary.count, t)
    return {
        "sheet_count": sheet.count,
        "sheet_show": sheet.button,
        "map_count": sheet.count if summary.count else "",  # none: the empty state says so
        "notes": notes_by_control(counts, left_out, t),
        "count": text.count,
        "noun": text.noun,
        "budget": text.budget,
        "fields": field_bars(summary.field_counts, t),
        "unknown": [html.Li(note) for note in notes],
        "empty": text.empty,
        "csv": csv,
        "xlsx": xlsx,
        "geojson": geojson,
        "sites_csv": sites_link(spec, context.relative_path, t.lang, view, layer),
    }


def _country_list_outputs(
    context: AppContext,
    store: ProjectStore,
    selection: Selection,
    filters: dict[str, Any],
    layer: str,
    t: Translator,
) -> dict[str, Any]:
    """The list beside the map (``country_list.listing``), which the same callback fills:
    the world's or the shown countries, or Japan's prefectures; hidden on one country's map."""
    shown = ViewState(view_key(filters["country"]), layer, controls_of(filters))
    listed = listing(context, store, selection, shown, t)
    if listed is None:
        return {
            "countries": [],
            "country_box": HIDDEN,
            "country_note": None,
            "country_heading": no_update,
        }
    return {
        "countries": country_items(listed.rows, t),
        "country_box": {},
        "country_note": listed.note,
        "country_heading": listed.heading,
    }


def _register_keys(app: Dash, context: AppContext) -> None:
    """The map's size as measured, and which keys and choices show for a country."""
    boundaries = context.boundaries

    app.clientside_callback(
        ClientsideFunction(namespace="jpp_map", function_name="paint"),
        Output(ids.MAP_PAINTED, "data"),
        Input(ids.MAP_PAINT, "data"),
        State(ids.MAP, "id"),
    )
    app.clientside_callback(
        ClientsideFunction(namespace="jpp_map", function_name="select"),
        Output(ids.MAP_PAINTED, "data", allow_duplicate=True),
        Input(ids.SELECTED_PLACE, "data"),
        State(ids.MAP, "id"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction(namespace="jpp", function_name="mapSize"),
        Output(ids.MAP_SIZE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.MAP, "id"),
    )

    @app.callback(
        output={
            "style": Output(ids.BOUNDARY_LAYER_BOX, "style"),
            "options": Output(ids.BOUNDARY_LAYER, "options"),
        },
        inputs={"country": Input(ids.COUNTRY, "value"), "lang": LANGUAGE},
        prevent_initial_call=True,
    )
    def show_layer_choice(country: object, lang: object) -> dict[str, Any]:
        """Only where the units changed (Viet Nam 2025, Nepal 2015) is there a choice of
        layer, in that country's words."""
        t = translator(lang)
        options = layer_options(boundaries, view_key(country), t)
        if not options:
            return {"style": {"display": "none"}, "options": no_update}
        return {"style": {}, "options": options}

    @app.callback(
        output={
            "fields": Output(ids.FIELD_LEGEND, "style"),
            "statuses": Output(ids.STATUS_LEGEND, "style"),
        },
        inputs={"country": Input(ids.COUNTRY, "value")},
        prevent_initial_call=True,
    )
    def show_field_legend(country: object) -> dict[str, dict[str, str]]:
        """The overviews draw no project markers: no key to their colours and looks either
        (the view from Japan lists each project's status in its side panel instead)."""
        style = {"display": "none"} if view_key(country) in VIEW_NAMES else {}
        return {"fields": style, "statuses": style}


def chosen_outlined(
    context: AppContext, figure: Figure, country: str, layer: str, spec: ProjectFilter
) -> tuple[Figure, str | None]:
    """A country's map with its chosen provinces outlined, and the layer it draws (for the
    downloads); an overview or several countries as drawn, with no layer."""
    if country in VIEW_NAMES or is_several(country):
        return figure, None
    boundaries = context.boundaries
    chosen = chosen_units(boundaries, country, layer, spec.province)
    return with_chosen(figure, chosen), layer_of(boundaries, country, layer).name


def _search_after(
    context: AppContext, filters: dict[str, Any], layer: str, place: object, lang: str
) -> object:
    """The view's URL after a filter change (``no_update`` for other triggers)."""
    around = Surroundings(
        context.today(), lang, context.boundaries, context.settings.default_country, frozenset()
    )
    country = view_key(filters["country"])
    state = ViewState(country, layer, controls_of(filters), valid_place(place))
    search = search_after_filter(ctx.triggered_id, state, around)
    return no_update if search is None else search


def _register_view(app: Dash, context: AppContext) -> None:
    boundaries = context.boundaries

    @app.callback(
        output=VIEW_OUTPUTS,
        inputs={
            "size": Input(ids.MAP_SIZE, "data"),
            "layer": Input(ids.BOUNDARY_LAYER, "value"),
            "filters": FILTER_INPUTS,
        },
        state={
            "lang": LANGUAGE,
            "drawn": State(ids.MAP_DRAWN, "data"),
            "place": State(ids.SELECTED_PLACE, "data"),
        },
    )
    def update_view(
        size: object, layer: str, filters: dict[str, Any], lang: str, drawn: object, place: object
    ) -> dict[str, Any]:
        t = translator(lang)
        default = context.settings.default_country  # a forged request: the default map
        country = shown_view(view_key(filters["country"]), boundaries.bounds, default)
        spec = filter_from_controls({**filters, "country": country}, today=context.today())
        store, selection = context.repository.select(spec)
        shown = drawn_map(context, store, selection, country, layer, t, map_size(size))
        drawn_figure, shown_layer = chosen_outlined(context, shown.figure, country, layer, spec)
        size_px = map_size(size)
        every = every_point(context, country, layer, t, size_px)
        figure, paint, key = map_outputs(drawn_figure, lang, drawn, size_px, every)
        outputs = summary_outputs(context, store, selection, spec, t, (country, shown_layer))
        outputs["notes"]["as_of"] = as_of_note(filters["as_of"], t)
        return {
            "figure": figure,
            "paint": paint,
            "search": _search_after(context, filters, layer, place, lang),
            **outputs,
            "unplaced": shown.unplaced,
            "hint": shown.hint,
            "boundary_note": shown.boundary_note,
            "drawn": key,
            **_country_list_outputs(context, store, selection, filters, layer, t),
        }


def register(app: Dash, context: AppContext) -> None:
    _register_keys(app, context)
    _register_view(app, context)
