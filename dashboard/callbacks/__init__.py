"""Callbacks: wire component inputs to the data and figure functions, nothing more."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs

import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update

from ..api.params import ParameterError, parse_filter, to_query
from ..data.filters import ProjectFilter
from ..data.repository import Repository
from ..data.summaries import (
    country_counts,
    map_points,
    only,
    projects_at,
    province_counts,
    same_partner_projects,
    site_at,
    summarise,
    unplaced_count,
)
from ..figures.map import MapView, map_figure
from ..figures.summary import field_bar_figure
from ..layout import ids
from ..layout.controls import (
    CONTROL_KEYS,
    WORLD,
    controls_from_filter,
    default_values,
    filter_from_controls,
)
from ..layout.detail import project_card, project_page
from ..layout.table import sort_marks, sorted_rows
from ..settings import Settings

FILTER_INPUTS = [
    Input(ids.COUNTRY, "value"),
    Input(ids.SEARCH, "value"),
    Input(ids.FIELD, "value"),
    Input(ids.PARTNER_TYPE, "value"),
    Input(ids.SCHEME, "value"),
    Input(ids.STATUS, "value"),
    Input(ids.AS_OF, "value"),
    Input(ids.BUDGET, "value"),
    Input(ids.DURATION, "value"),
    Input(ids.START_YEARS, "value"),
    Input(ids.KEEP_UNKNOWN, "value"),
    Input(ids.PROVINCE, "value"),
]


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def budget_text(total_yen: int, with_budget: int, without_budget: int) -> str:
    return (
        f"¥{total_yen:,} in stated budgets ({plural(with_budget, 'project')}); "
        f"no total budget stated for {without_budget:,}"
    )


def unplaced_note(count: int) -> str:
    if not count:
        return ""
    return (
        f"{plural(count, 'project')} here state no site or province, only the country or a "
        "wider region: no marker, but counted in the summary."
    )


def view_query(country: str, layer: str | None, controls: dict, today: date) -> str:
    """The page's state as a query string: the API's filter parameters plus the layer."""
    spec = filter_from_controls(country, *(controls[key] for key in CONTROL_KEYS), today=today)
    if spec.as_of == today:
        spec = replace(spec, as_of=None)  # "today" stays today in a link opened later
    query = to_query(spec)
    if country == WORLD:
        query = "view=world" + (f"&{query}" if query else "")
    if layer == "current":
        query += "&layer=current"
    return query


def view_from_query(search: str, today: date, boundaries, default_country: str):  # type: ignore[no-untyped-def]
    """(country, layer, control values) from a URL's query; None when it cannot be read."""
    args = parse_qs(search.lstrip("?"), keep_blank_values=False)
    try:
        spec = parse_filter(args, boundaries.provinces, other_parameters={"layer", "view"})
    except ParameterError:
        return None
    country = spec.country[0] if spec.country else default_country
    if country not in boundaries.bounds:
        country = default_country
    if args.get("view") == ["world"]:
        country = WORLD
    layer = "current" if args.get("layer") == ["current"] else "implemented"
    return country, layer, controls_from_filter(spec, today)


def place_of_click(click: dict | None) -> dict | None:
    """What was clicked: a province of the choropleth, or a marker's point."""
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    if "lon" in point and "lat" in point:
        return {"point": [point["lon"], point["lat"]]}
    if "location" in point:
        return {"province": point["location"]}
    return None


def register(app: Dash, repository: Repository, settings: Settings) -> None:
    boundaries = repository.boundaries

    @app.callback(Output(ids.PROVINCE, "options"), Input(ids.COUNTRY, "value"))
    def province_options(country: str):  # type: ignore[no-untyped-def]
        return [{"label": p.name_en, "value": p.code} for p in boundaries.provinces_of(country)]

    def world_figure(store, selection):  # type: ignore[no-untyped-def]
        """Partner countries shaded by their number of projects; a click opens one."""
        codes = sorted(boundaries.countries)
        view = MapView(
            geojson_url=app.get_relative_path("/geodata/boundaries/countries.geojson"),
            bounds=(-170.0, -50.0, 190.0, 70.0),
            province_codes=codes,
            province_names=[boundaries.countries[code] for code in codes],
            revision=WORLD,
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
            feature_key="id",  # the outlines carry their code as the feature id
        )
        no_points = map_points(store, selection, country="")  # no sites at world scale
        return map_figure(view, country_counts(store, selection), no_points)

    @app.callback(
        Output(ids.BOUNDARY_LAYER_BOX, "style"),
        Input(ids.COUNTRY, "value"),
    )
    def show_layer_choice(country: str):  # type: ignore[no-untyped-def]
        """Only where the units changed (Viet Nam, 2025) is there a choice of layer."""
        return {} if boundaries.has_current_layer(country) else {"display": "none"}

    def layer_view(country: str, layer: str | None):  # type: ignore[no-untyped-def]
        """The provinces to draw, the file they are in, and how project codes map to them."""
        if layer == "current" and boundaries.has_current_layer(country):
            url = f"/geodata/boundaries/admin1/{country}-2025.geojson"
            return boundaries.current_of(country), url, boundaries.to_current(country)
        url = f"/geodata/boundaries/admin1/{country}.geojson"
        return boundaries.provinces_of(country), url, None

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.RESULT_COUNT, "children"),
        Output(ids.BUDGET_TOTAL, "children"),
        Output(ids.FIELD_CHART, "figure"),
        Output(ids.EMPTY_STATE, "is_open"),
        Output(ids.EXPORT_CSV, "href"),
        Output(ids.EXPORT_XLSX, "href"),
        Output(ids.EXPORT_GEOJSON, "href"),
        Output(ids.UNPLACED_NOTE, "children"),
        Input(ids.BOUNDARY_LAYER, "value"),
        *FILTER_INPUTS,
    )
    def update_view(layer: str, country: str, *controls):  # type: ignore[no-untyped-def]
        spec = filter_from_controls(country, *controls)
        store, selection = repository.select(spec)
        summary = summarise(store, selection)
        query = to_query(spec) + ("&view=world" if country == WORLD else "")
        downloads = [
            app.get_relative_path(f"/export/projects.{fmt}?{query}")
            for fmt in ("csv", "xlsx", "geojson")
        ]
        common = (
            f"{summary.count:,}",
            budget_text(summary.budget_total_yen, summary.with_budget, summary.without_budget),
            field_bar_figure(summary.field_counts),
            summary.count == 0,
            *downloads,
        )
        if country == WORLD:
            return (world_figure(store, selection), *common, "Click a country to open its map.")
        provinces, url, regroup = layer_view(country, layer)
        view = MapView(
            geojson_url=app.get_relative_path(url),
            bounds=boundaries.bounds[country],
            province_codes=[p.code for p in provinces],
            province_names=[p.name_en for p in provinces],
            revision=f"{country}/{layer}",
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
        )
        figure = map_figure(
            view,
            province_counts(store, selection, country, regroup),
            map_points(store, selection, country),
        )
        return (figure, *common, unplaced_note(unplaced_count(store, selection, country)))

    @app.callback(
        Output(ids.SELECTED_PLACE, "data"),
        Output(ids.DETAIL, "is_open"),
        Input(ids.MAP, "clickData"),
        Input(ids.COUNTRY, "value"),
        Input(ids.BOUNDARY_LAYER, "value"),
        prevent_initial_call=True,
    )
    def choose_place(click, country, _layer):  # type: ignore[no-untyped-def]
        if ctx.triggered_id in (ids.COUNTRY, ids.BOUNDARY_LAYER) or country == WORLD:
            return None, False
        place = place_of_click(click)
        return (place, True) if place else (no_update, no_update)

    @app.callback(
        Output(ids.DETAIL_BODY, "children"),
        Input(ids.SELECTED_PLACE, "data"),
        *FILTER_INPUTS,
    )
    def show_detail(place, *controls):  # type: ignore[no-untyped-def]
        if not place:
            return []
        spec = filter_from_controls(*controls)
        store, selection = repository.select(spec)
        if "province" in place:
            code = place["province"]
            unit = boundaries.current.get(code) or boundaries.provinces.get(code)
            former = boundaries.formed_from.get(code, (code,))
            rows = projects_at(store, selection, provinces=former)
            title = unit.name_en if unit else code
        else:
            rows = projects_at(store, selection, point=tuple(place["point"]))
            place_name, code = site_at(store, tuple(place["point"]))
            province = boundaries.provinces.get(code or "")
            title = place_name or (province.name_en if province else "This place")
        as_of = (spec.as_of or date.today()).isoformat()
        statuses = selection.statuses
        cards = [
            project_card(store.projects[row], str(statuses.iloc[row]), boundaries, as_of)
            for row in rows
        ]
        heading = html.P(
            f"{title}: {plural(len(rows), 'project')} with these filters",
            className="fw-semibold detail-heading",
        )
        return [heading, *cards]

    control_outputs = [Output(item.component_id, item.component_property) for item in FILTER_INPUTS]

    @app.callback(
        Output(ids.URL, "search"),
        *control_outputs,
        Output(ids.BOUNDARY_LAYER, "value"),
        Input(ids.URL, "search"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.RESET_EMPTY, "n_clicks"),
        Input(ids.BOUNDARY_LAYER, "value"),
        Input(ids.MAP, "clickData"),
        *FILTER_INPUTS,
    )
    def sync_url_and_controls(search, _reset, _reset_empty, layer, click, country, *values):  # type: ignore[no-untyped-def]
        """The URL holds the view: a copied link restores it; back and forward step through it.

        One callback owns the controls and the URL, so that each follows the other without
        a loop: a new URL sets the controls; a changed control (or a reset) sets the URL.
        """
        today = date.today()
        unchanged = (no_update,) * (len(control_outputs) + 1)
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL):
            view = view_from_query(search or "", today, boundaries, settings.default_country)
            if view is None:
                return (no_update, *unchanged)
            wanted = (view[0], *(view[2][k] for k in CONTROL_KEYS), view[1])
            if wanted == (country, *values, layer):
                return (no_update, *unchanged)  # the page already shows it (first load)
            return (no_update, *wanted)
        controls = dict(zip(CONTROL_KEYS, values, strict=True))
        if trigger == ids.MAP:
            place = place_of_click(click)
            opened = (place or {}).get("province")
            if country != WORLD or opened not in boundaries.bounds:
                return (no_update, *unchanged)
            country, trigger = opened, ids.COUNTRY  # the world map opens a country's map
        if trigger in (ids.RESET, ids.RESET_EMPTY):
            controls = default_values(today)
        elif trigger == ids.COUNTRY:
            codes = {p.code for p in boundaries.provinces_of(country)}
            controls["provinces"] = [c for c in controls["provinces"] or [] if c in codes]
        query = view_query(country, layer, controls, today)
        new_search = f"?{query}" if query else ""
        if trigger in (ids.RESET, ids.RESET_EMPTY, ids.COUNTRY):
            return (new_search, country, *(controls[k] for k in CONTROL_KEYS), layer)
        return (new_search, *unchanged)

    @app.callback(
        Output(ids.MAP_VIEW, "style"),
        Output(ids.PROJECT_VIEW, "style"),
        Output(ids.PROJECT_BODY, "children"),
        Output(ids.PROJECT_MAP, "figure"),
        Input(ids.URL, "pathname"),
    )
    def route(pathname: str | None):  # type: ignore[no-untyped-def]
        """/project/<id> shows that project's page; every other path shows the map."""
        match = re.fullmatch(r"/project/([^/]+)/?", pathname or "")
        store = repository.store
        project = store.project(match.group(1)) if match else None
        if project is None:
            body = [html.P("No project has this ID.", className="alert alert-warning")]
            if not match:
                return {}, {"display": "none"}, no_update, no_update
            return {"display": "none"}, {}, body, {}
        today = date.today()
        selection = only(store, repository.select(ProjectFilter(as_of=today))[1], project.id)
        row = int(selection.mask.nonzero()[0][0])
        country = next((c for c in project.countries if c in boundaries.bounds), None)
        figure = {}
        if country:
            provinces, url, _ = layer_view(country, "implemented")
            codes = [loc.admin1 for loc in project.locations if loc.admin1]
            view = MapView(
                geojson_url=app.get_relative_path(url),
                bounds=boundaries.bounds[country],
                province_codes=[p.code for p in provinces],
                province_names=[p.name_en for p in provinces],
                revision=project.id,
            )
            counts = pd.Series(1, index=pd.Index(codes, dtype=object)).groupby(level=0).size()
            figure = map_figure(view, counts, map_points(store, selection, country))
        body = project_page(
            project,
            str(selection.statuses.iloc[row]),
            boundaries,
            today.isoformat(),
            same_partner_projects(store, project),
        )
        return {"display": "none"}, {}, body, figure

    @app.callback(
        Output(ids.TABLE_SORT_STATE, "data"),
        Input({"type": ids.TABLE_SORT, "column": ALL}, "n_clicks"),
        State(ids.TABLE_SORT_STATE, "data"),
        prevent_initial_call=True,
    )
    def sort_table(_clicks, state):  # type: ignore[no-untyped-def]
        """A header button sorts by its column; again, the other way round."""
        if not ctx.triggered or not ctx.triggered[0]["value"]:
            return no_update
        column = ctx.triggered_id["column"]
        descending = state["column"] == column and not state["descending"]
        return {"column": column, "descending": descending}

    @app.callback(
        Output(ids.TABLE_BODY, "children"),
        Output(ids.TABLE_CAPTION, "children"),
        Output({"type": ids.TABLE_HEADER, "column": ALL}, "aria-sort"),
        Output({"type": ids.TABLE_SORT, "column": ALL}, "children"),
        Input(ids.TABLE_SORT_STATE, "data"),
        *FILTER_INPUTS,
    )
    def show_table(state, country, *controls):  # type: ignore[no-untyped-def]
        store, selection = repository.select(filter_from_controls(country, *controls))
        statuses = selection.statuses
        rows = [
            (store.projects[row], str(statuses.iloc[row])) for row in selection.mask.nonzero()[0]
        ]
        states, labels = sort_marks(state["column"], state["descending"])
        body = sorted_rows(rows, state["column"], state["descending"])
        return body, f"{plural(len(rows), 'project')}, with the filters above", states, labels

    @app.callback(Output(ids.FULL_VIEW_LINK, "href"), Input(ids.URL, "search"))
    def full_view_link(search: str | None) -> str:
        """From the embedded view to the full map, with the same view."""
        return app.get_relative_path("/") + (search or "")

    @app.callback(
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_filters(_clicks, is_open):  # type: ignore[no-untyped-def]
        return not is_open
