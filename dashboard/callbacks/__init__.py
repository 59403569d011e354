"""Callbacks: wire component inputs to the data and figure functions, nothing more."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import replace
from datetime import date
from urllib.parse import parse_qs, urlencode

import pandas as pd
from dash import (
    ALL,
    ClientsideFunction,
    Dash,
    Input,
    Output,
    Patch,
    State,
    ctx,
    html,
    no_update,
)
from dash.exceptions import PreventUpdate

from ..data.boundaries import HOME_COUNTRY
from ..data.filter_query import ALL_PARAMETERS, ParameterError, parse_filter, to_query
from ..data.filters import ProjectFilter
from ..data.homes import home_cities, homeless_count, partners_in, prefecture_counts, read_homes
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
from ..figures.japan import japan_figure
from ..figures.map import MapView, localised_points, map_figure
from ..i18n import Translator, translator
from ..layout import ids
from ..layout.controls import (
    CONTROL_KEYS,
    JAPAN,
    WORLD,
    controls_from_filter,
    default_values,
    filter_from_controls,
    province_choices,
)
from ..layout.detail import (
    home_heading,
    home_section,
    notice,
    place_heading,
    project_card,
    project_page,
)
from ..layout.page import boundary_note
from ..layout.summary import field_bars
from ..layout.table import (
    SORTABLE,
    position_text,
    sort_marks,
    table_page,
    table_rows,
)
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
LANGUAGE = State(ids.LANGUAGE, "data")
VIEW_PARAMETERS = {"layer", "view", "lang", "at", "project"}  # besides the filter's own
VIEW_NAMES = {WORLD: "world", JAPAN: "japan"}  # the overviews' names in the URL


def budget_text(total_yen: int, with_budget: int, without_budget: int, t: Translator) -> str:
    stated = t.plural(
        "{total} in stated budgets ({count} project)",
        "{total} in stated budgets ({count} projects)",
        with_budget,
        total=t.yen(total_yen),
    )
    return stated + t("; no total budget stated for {count}", count=t.number(without_budget))


def unplaced_note(count: int, t: Translator) -> str:
    if not count:
        return ""
    return t.plural(
        "{count} project here states no site or province, only the country or a wider "
        "region: no marker, but counted in the summary.",
        "{count} projects here state no site or province, only the country or a wider "
        "region: no marker, but counted in the summary.",
        count,
    )


def map_size(measured: object) -> tuple[int, int]:
    """The map's size as the browser measured it; a default until it has."""
    if (
        isinstance(measured, list)
        and len(measured) == 2
        and all(isinstance(v, int) and 100 <= v <= 10_000 for v in measured)
    ):
        return measured[0], measured[1]
    return 600, 540


def valid_place(place: object) -> dict | None:
    """A selection as the page stores it: a province, a point, a project (or nothing)."""
    if not isinstance(place, dict):
        return None
    point = place.get("point")
    if point is not None and not (
        isinstance(point, list)
        and len(point) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
    ):
        return None
    if any(not isinstance(place.get(key, ""), str) for key in ("province", "project")):
        return None
    return place if ({"province", "point", "project"} & set(place)) else None


def place_query(place: dict | None) -> list[tuple[str, str]]:
    """The selected province (``at``) or project (``project``) as query parameters."""
    if not place:
        return []
    if place.get("project"):
        return [("project", place["project"])]
    if place.get("province"):
        return [("at", place["province"])]
    return []


def view_query(
    country: str,
    layer: str | None,
    controls: dict,
    today: date,
    lang: str,
    place: dict | None = None,
) -> str:
    """The page's state as a query string: the API's filter parameters, the layer, the
    selected place or project and the language."""
    spec = filter_from_controls(country, *(controls[key] for key in CONTROL_KEYS), today=today)
    if spec.as_of == today:
        spec = replace(spec, as_of=None)  # "today" stays today in a link opened later
    parts = [f"view={VIEW_NAMES[country]}"] if country in VIEW_NAMES else []
    parts += [to_query(spec)]
    extra = [("layer", "current")] if layer == "current" else []
    extra += [*place_query(place), ("lang", lang)]
    parts.append(urlencode(extra))
    return "&".join(part for part in parts if part)


def view_from_query(search: str, today: date, boundaries, default_country: str):  # type: ignore[no-untyped-def]
    """(country, layer, control values, place) from a URL's query; None if unreadable."""
    args = parse_qs(search.lstrip("?"), keep_blank_values=False)
    # A shared link keeps what it can: a tracker's parameter (fbclid, utm_*) or one bad value
    # drops that parameter only, not the whole view (the API, in contrast, answers 400).
    args = {k: v for k, v in args.items() if k in ALL_PARAMETERS or k in VIEW_PARAMETERS}
    while True:
        try:
            spec = parse_filter(args, boundaries.provinces, other_parameters=VIEW_PARAMETERS)
            break
        except ParameterError as error:
            if error.parameter not in args:
                return None
            del args[error.parameter]
    country = spec.country[0] if spec.country else default_country
    if country not in boundaries.bounds:
        country = default_country
    view = args.get("view", [""])[0]
    country = next((code for code, name in VIEW_NAMES.items() if name == view), country)
    layer = "current" if args.get("layer") == ["current"] else "implemented"
    place = None
    if country not in (WORLD, JAPAN) and args.get("project"):
        place = {"project": args["project"][0]}
    elif country != WORLD and args.get("at"):
        code = args["at"][0]
        unit = boundaries.provinces.get(code) or boundaries.current.get(code)
        home = HOME_COUNTRY if country == JAPAN else country
        place = {"province": code} if unit and unit.iso_a3 == home else None
    return country, layer, controls_from_filter(spec, today), place


def boundary_file(boundaries, country: str, layer: str | None) -> str:  # type: ignore[no-untyped-def]
    """The file a country's map draws: the provinces since a reform only where there are
    such, and only when asked for."""
    if layer == "current" and boundaries.has_current_layer(country):
        return f"/geodata/boundaries/admin1/{country}-2025.geojson"
    return f"/geodata/boundaries/admin1/{country}.geojson"


def first_boundary_file(search: str, today: date, boundaries, default_country: str) -> str:  # type: ignore[no-untyped-def]
    """The boundary file the map of a URL draws first, read as the page reads the URL (the
    page preloads it)."""
    view = view_from_query(search, today, boundaries, default_country)
    country, layer = (view[0], view[1]) if view else (default_country, "implemented")
    if country == WORLD:
        return "/geodata/boundaries/countries.geojson"
    if country == JAPAN:
        return boundary_file(boundaries, HOME_COUNTRY, None)
    return boundary_file(boundaries, country, layer)


def drawn_key(figure: dict, lang: str) -> str:
    """Names the map a figure draws: its boundaries, view and size (``uirevision``), its
    language, its traces and the areas' codes and names (a newly imported country gets its
    name). Two figures with the same key differ only in what filters change."""
    areas = figure["data"][0]
    names = json.dumps([areas.get("locations"), areas.get("text")], ensure_ascii=False)
    digest = hashlib.sha256(names.encode()).hexdigest()[:12]
    return f"{figure['layout']['uirevision']}|{lang}|{len(figure['data'])}|{digest}"


def figure_or_patch(figure: dict, lang: str, drawn: object) -> tuple[object, str]:
    """The whole figure for a new map; for the map the browser already draws (only a
    filter changed), only what a filter changes: the provinces' counts and the markers. The
    province codes and names, the colour scale, the view and the layout are not sent again.
    ``drawn`` is the key of the figure the browser has, from its own store: a stale answer
    discarded by the browser leaves that store as it was too."""
    key = drawn_key(figure, lang)
    if drawn != key:
        return figure, key
    patch = Patch()
    provinces = figure["data"][0]
    patch["data"][0]["z"] = provinces["z"]
    patch["data"][0]["zmax"] = provinces["zmax"]
    patch["data"][0]["colorbar"]["dtick"] = provinces["colorbar"]["dtick"]
    for index, trace in enumerate(figure["data"][1:], start=1):
        patch["data"][index] = trace
    return patch, key


def _count(value: object, default: int = 0) -> int:
    """A click count or a page number as the page stores it; the default if it is not one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def place_of_click(click: dict | None) -> dict | None:
    """What was clicked: a province of the choropleth, or a project's marker."""
    if not click or not click.get("points"):
        return None
    point = click["points"][0]
    if "lon" in point and "lat" in point:
        place = {"point": [point["lon"], point["lat"]]}
        if isinstance(point.get("customdata"), str):
            place["project"] = point["customdata"]
        return place
    if "location" in point:
        return {"province": point["location"]}
    return None


def register(app: Dash, repository: Repository, settings: Settings) -> None:
    boundaries = repository.boundaries

    # The page arrives with these made for the default country (app.page): they run when
    # the country changes, not on every first visit.
    @app.callback(
        Output(ids.PROVINCE, "options"),
        Input(ids.COUNTRY, "value"),
        LANGUAGE,
        prevent_initial_call=True,
    )
    def province_options(country: str, lang: str):  # type: ignore[no-untyped-def]
        return province_choices(boundaries.provinces_of(country), translator(lang))

    app.clientside_callback(
        ClientsideFunction(namespace="jpp", function_name="mapSize"),
        Output(ids.MAP_SIZE, "data"),
        Input(ids.URL, "pathname"),
        State(ids.MAP, "id"),
    )

    def map_view(  # type: ignore[no-untyped-def]
        path: str,
        bounds,
        names: dict[str, str],
        revision: str,
        size: tuple[int, int] = (600, 540),
        feature_key: str = "properties.code",
    ) -> MapView:
        """Every map the same way: boundaries by URL, the operator's tiles, fitted to its size.

        The size is in the revision: a new fit when the map is resized, the visitor's own
        pan and zoom kept while only the filters change."""
        return MapView(
            geojson_url=app.get_relative_path(path),
            bounds=bounds,
            province_codes=list(names),
            province_names=list(names.values()),
            revision=f"{revision}/{size[0]}x{size[1]}",
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
            feature_key=feature_key,
            size_px=size,
        )

    homes = read_homes(settings.geodata_dir / "partner_homes.csv", boundaries.provinces)
    japan_codes = {p.code for p in boundaries.provinces_of(HOME_COUNTRY)}

    def japan_view(store, selection, t: Translator, size):  # type: ignore[no-untyped-def]
        """Japan's prefectures shaded by the projects of the partners based there."""
        prefectures = boundaries.provinces_of(HOME_COUNTRY)
        names = {p.code: t.province(p) for p in prefectures}
        view = map_view(
            f"/geodata/boundaries/admin1/{HOME_COUNTRY}.geojson",
            boundaries.bounds[HOME_COUNTRY],
            names,
            JAPAN,
            size,
        )
        counts = prefecture_counts(store, selection, homes)
        cities = home_cities(store, selection, homes)
        return japan_figure(view, counts, cities, names, t)

    def world_figure(store, selection, t: Translator, size):  # type: ignore[no-untyped-def]
        """Partner countries shaded by their number of projects; a click opens one."""
        codes = sorted(boundaries.countries)
        names = {
            code: t.country(code) if code in store.countries else boundaries.countries[code]
            for code in codes
        }
        view = map_view(
            "/geodata/boundaries/countries.geojson",
            (-170.0, -50.0, 190.0, 70.0),
            names,
            WORLD,
            size,
            feature_key="id",  # the outlines carry their code as the feature id
        )
        no_points = map_points(store, selection, country="")  # no sites at world scale
        return map_figure(view, country_counts(store, selection), no_points, t)

    @app.callback(
        Output(ids.BOUNDARY_LAYER_BOX, "style"),
        Input(ids.COUNTRY, "value"),
        prevent_initial_call=True,
    )
    def show_layer_choice(country: str):  # type: ignore[no-untyped-def]
        """Only where the units changed (Viet Nam, 2025) is there a choice of layer."""
        return {} if boundaries.has_current_layer(country) else {"display": "none"}

    @app.callback(
        Output(ids.FIELD_LEGEND, "style"),
        Output(ids.STATUS_LEGEND, "style"),
        Input(ids.COUNTRY, "value"),
        prevent_initial_call=True,
    )
    def show_field_legend(country: str):  # type: ignore[no-untyped-def]
        """The overviews draw no project markers: no key to their colours and looks either
        (the view from Japan lists each project's status in its side panel instead)."""
        style = {"display": "none"} if country in VIEW_NAMES else {}
        return style, style

    def layer_view(country: str, layer: str | None):  # type: ignore[no-untyped-def]
        """The provinces to draw, the file they are in, and how project codes map to them."""
        url = boundary_file(boundaries, country, layer)
        if url.endswith("-2025.geojson"):
            return boundaries.current_of(country), url, boundaries.to_current(country)
        return boundaries.provinces_of(country), url, None

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.RESULT_COUNT, "children"),
        Output(ids.RESULT_NOUN, "children"),
        Output(ids.BUDGET_TOTAL, "children"),
        Output(ids.FIELD_CHART, "children"),
        Output(ids.EMPTY_STATE, "is_open"),
        Output(ids.EXPORT_CSV, "href"),
        Output(ids.EXPORT_XLSX, "href"),
        Output(ids.EXPORT_GEOJSON, "href"),
        Output(ids.UNPLACED_NOTE, "children"),
        Output(ids.MAP_HINT, "children"),
        Output(ids.BOUNDARY_NOTE, "children"),
        Output(ids.MAP_DRAWN, "data"),
        Input(ids.MAP_SIZE, "data"),
        Input(ids.BOUNDARY_LAYER, "value"),
        *FILTER_INPUTS,
        LANGUAGE,
        State(ids.MAP_DRAWN, "data"),
    )
    def update_view(size, layer: str, country: str, *rest):  # type: ignore[no-untyped-def]
        *controls, lang, drawn = rest
        t = translator(lang)
        size = map_size(size)
        if country not in boundaries.bounds and country not in VIEW_NAMES:
            country = settings.default_country  # a forged request: the default map
        spec = filter_from_controls(country, *controls)
        store, selection = repository.select(spec)
        summary = summarise(store, selection)
        query = to_query(spec) + ("&view=world" if country in VIEW_NAMES else "")
        downloads = [
            app.get_relative_path(f"/export/projects.{fmt}?{query}")
            for fmt in ("csv", "xlsx", "geojson")
        ]
        common = (
            t.number(summary.count),
            t.plural("project", "projects", summary.count),
            budget_text(summary.budget_total_yen, summary.with_budget, summary.without_budget, t),
            field_bars(summary.field_counts, t),
            summary.count == 0,
            *downloads,
        )
        if country == WORLD:
            hint = t("Click a country to open its map.")
            figure, key = figure_or_patch(world_figure(store, selection, t, size), lang, drawn)
            return (figure, *common, "", hint, boundary_note(WORLD, t), key)
        if country == JAPAN:
            hint = t("Click a prefecture to see the partners based there and their projects.")
            homeless = homeless_count(store, selection, homes)
            unplaced = t.plural(
                "{count} project here has no partner whose home is known: not on this map.",
                "{count} projects here have no partner whose home is known: not on this map.",
                homeless,
            )
            figure, key = figure_or_patch(japan_view(store, selection, t, size), lang, drawn)
            note = boundary_note(JAPAN, t)
            return (figure, *common, unplaced if homeless else "", hint, note, key)
        provinces, url, regroup = layer_view(country, layer)
        names = {p.code: t.province(p) for p in provinces}
        view = map_view(url, boundaries.bounds[country], names, f"{country}/{layer}", size)
        points = localised_points(map_points(store, selection, country), store.project, t)
        counts = province_counts(store, selection, country, regroup)
        figure, key = figure_or_patch(map_figure(view, counts, points, t), lang, drawn)
        unplaced = unplaced_note(unplaced_count(store, selection, country), t)
        hint = t("Click a marker or a province to see its projects.")
        shown_layer = "current" if regroup is not None else "implemented"
        return (figure, *common, unplaced, hint, boundary_note(shown_layer, t), key)

    def place_point(store, project_id: str, country: str):  # type: ignore[no-untyped-def]
        """Where a project's marker is in this country (its first drawn site), if anywhere."""
        selection = only(store, repository.select(ProjectFilter())[1], project_id)
        sites = map_points(store, selection, country)
        return None if sites.empty else (float(sites["lon"].iloc[0]), float(sites["lat"].iloc[0]))

    def home_detail(store, selection, code: str, spec, t: Translator):  # type: ignore[no-untyped-def]
        """The partners based in a prefecture, and where their selected projects are."""
        prefecture = boundaries.provinces.get(code)
        partners = partners_in(store, selection, homes, code)
        count = len({row for _, _, rows in partners for row in rows})
        heading = home_heading(t.province(prefecture) if prefecture else code, count, t)
        as_of = (spec.as_of or date.today()).isoformat()
        sections = [
            home_section(
                name,
                home,
                [store.projects[row] for row in rows],
                boundaries,
                as_of,
                t,
                [str(selection.statuses.iloc[row]) for row in rows],
            )
            for name, home, rows in partners
        ]
        return [heading, *sections]

    @app.callback(
        Output(ids.DETAIL_BODY, "children"),
        Input(ids.SELECTED_PLACE, "data"),
        *FILTER_INPUTS,
        LANGUAGE,
        prevent_initial_call=True,  # nothing is selected until the URL or a click says so
    )
    def show_detail(place, *controls_and_language):  # type: ignore[no-untyped-def]
        *controls, lang = controls_and_language
        place = valid_place(place)
        if not place:
            return []
        t = translator(lang)
        spec = filter_from_controls(*controls)
        store, selection = repository.select(spec)
        country = controls[0]
        if country == JAPAN and "province" in place:
            return home_detail(store, selection, place["province"], spec, t)
        chosen = place.get("project")
        if chosen and store.project(chosen) is None:
            return [notice(t("No project has this ID."))]
        if "province" in place:
            code = place["province"]
            unit = boundaries.current.get(code) or boundaries.provinces.get(code)
            former = boundaries.formed_from.get(code, (code,))
            rows = projects_at(store, selection, provinces=former)
            title = t.province(unit) if unit else code
        else:
            point = place.get("point") or (chosen and place_point(store, chosen, country))
            rows = projects_at(store, selection, point=tuple(point)) if point else []
            place_name, code = site_at(store, tuple(point)) if point else (None, None)
            province = boundaries.provinces.get(code or "")
            title = place_name or (t.province(province) if province else t("This place"))
        linked_outside = False
        if chosen:
            chosen_rows = [row for row in rows if store.projects[row].id == chosen]
            if not chosen_rows:  # not drawn here, or outside the filters: shown all the same
                linked = only(store, repository.select(ProjectFilter())[1], chosen)
                chosen_rows = [int(linked.mask.nonzero()[0][0])]
                linked_outside = True
            rows = chosen_rows + [row for row in rows if row not in chosen_rows]
        as_of = (spec.as_of or date.today()).isoformat()
        statuses = selection.statuses  # every row's status, selected or not
        cards = [
            project_card(store.projects[row], str(statuses.iloc[row]), boundaries, as_of, t, homes)
            for row in rows
        ]
        return [place_heading(title, len(rows) - linked_outside, linked_outside, t), *cards]

    control_outputs = [Output(item.component_id, item.component_property) for item in FILTER_INPUTS]

    @app.callback(
        Output(ids.URL, "search"),
        *control_outputs,
        Output(ids.BOUNDARY_LAYER, "value"),
        Output(ids.SELECTED_PLACE, "data"),
        Output(ids.DETAIL, "is_open"),
        Input(ids.URL, "search"),
        Input(ids.RESET, "n_clicks"),
        Input(ids.RESET_EMPTY, "n_clicks"),
        Input(ids.BOUNDARY_LAYER, "value"),
        Input(ids.MAP, "clickData"),
        Input(ids.DETAIL, "is_open"),
        *FILTER_INPUTS,
        State(ids.SELECTED_PLACE, "data"),
        LANGUAGE,
    )
    def sync_url_and_controls(  # type: ignore[no-untyped-def]
        search, _reset, _reset_empty, layer, click, detail_open, country, *rest
    ):
        """The URL holds the view: a copied link restores it; back and forward step through it.

        One callback owns the controls, the selected place and the URL, so that each follows
        the other without a loop: a new URL sets them; a changed control, a click on the map
        or closing the detail panel sets the URL.
        """
        *values, place, lang = rest
        place = valid_place(place)
        today = date.today()
        unchanged = (no_update,) * (len(control_outputs) + 1)
        trigger = ctx.triggered_id
        if trigger in (None, ids.URL):
            view = view_from_query(search or "", today, boundaries, settings.default_country)
            if view is None:
                return (no_update, *unchanged, no_update, no_update)
            wanted = (view[0], *(view[2][k] for k in CONTROL_KEYS), view[1])
            controls = unchanged if wanted == (country, *values, layer) else wanted
            new_place = view[3]
            if place_query(new_place) == place_query(place):
                return (no_update, *controls, no_update, no_update)
            return (no_update, *controls, new_place, bool(new_place))
        controls = dict(zip(CONTROL_KEYS, values, strict=True))
        if trigger == ids.DETAIL:
            if detail_open or not place:
                return (no_update, *unchanged, no_update, no_update)
            place = None  # the visitor closed the panel: the link no longer selects it
        elif trigger == ids.MAP:
            clicked = place_of_click(click)
            opened = (clicked or {}).get("province")
            if country == JAPAN:  # a prefecture, or a home city's circle (its prefecture)
                code = (clicked or {}).get("province") or (clicked or {}).get("project")
                if code not in japan_codes:
                    return (no_update, *unchanged, no_update, no_update)
                clicked = {"province": code}
            if country != WORLD:
                if not clicked:
                    return (no_update, *unchanged, no_update, no_update)
                query = view_query(country, layer, controls, today, lang, clicked)
                return (f"?{query}", *unchanged, clicked, True)
            if opened not in boundaries.bounds:
                return (no_update, *unchanged, no_update, no_update)
            country, trigger = opened, ids.COUNTRY  # the world map opens a country's map
        if trigger in (ids.RESET, ids.RESET_EMPTY):
            controls = default_values(today)
        elif trigger == ids.COUNTRY:
            codes = {p.code for p in boundaries.provinces_of(country)}
            controls["provinces"] = [c for c in controls["provinces"] or [] if c in codes]
        if trigger in (ids.COUNTRY, ids.BOUNDARY_LAYER, ids.RESET, ids.RESET_EMPTY):
            place = None  # another map: what was selected on the old one is gone
        new_search = "?" + view_query(country, layer, controls, today, lang, place)
        closed = (None, False) if place is None else (no_update, no_update)
        if trigger in (ids.RESET, ids.RESET_EMPTY, ids.COUNTRY):
            return (new_search, country, *(controls[k] for k in CONTROL_KEYS), layer, *closed)
        return (new_search, *unchanged, *closed)

    @app.callback(
        Output(ids.MAP_VIEW, "style"),
        Output(ids.PROJECT_VIEW, "style"),
        Output(ids.PROJECT_BODY, "children"),
        Output(ids.PROJECT_MAP, "figure"),
        Input(ids.URL, "pathname"),
        LANGUAGE,
    )
    def route(pathname: str | None, lang: str):  # type: ignore[no-untyped-def]
        """/project/<id> shows that project's page; every other path shows the map."""
        t = translator(lang)
        match = re.fullmatch(r"/project/([^/]+)/?", pathname or "")
        store = repository.store
        project = store.project(match.group(1)) if match else None
        if project is None:
            body = [html.P(t("No project has this ID."), className="alert alert-warning")]
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
            names = {p.code: t.province(p) for p in provinces}
            view = map_view(url, boundaries.bounds[country], names, project.id)
            counts = pd.Series(1, index=pd.Index(codes, dtype=object)).groupby(level=0).size()
            points = localised_points(map_points(store, selection, country), store.project, t)
            figure = map_figure(view, counts, points, t)
        body = project_page(
            project,
            str(selection.statuses.iloc[row]),
            boundaries,
            today.isoformat(),
            same_partner_projects(store, project),
            t,
            homes,
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
        previous = state if isinstance(state, dict) else {}
        descending = previous.get("column") == column and not previous.get("descending")
        return {"column": column, "descending": descending}

    @app.callback(
        Output(ids.TABLE_BODY, "children"),
        Output(ids.TABLE_CAPTION, "children"),
        Output({"type": ids.TABLE_HEADER, "column": ALL}, "aria-sort"),
        Output({"type": ids.TABLE_SORT, "column": ALL}, "children"),
        Output(ids.TABLE_PAGE, "data"),
        Output(ids.TABLE_POSITION, "children"),
        Output(ids.TABLE_PAGER, "hidden"),
        Output(ids.TABLE_PREVIOUS, "aria-disabled"),
        Output(ids.TABLE_NEXT, "aria-disabled"),
        Input(ids.TABLE_OPENER, "n_clicks"),
        Input(ids.TABLE_SORT_STATE, "data"),
        Input(ids.TABLE_PREVIOUS, "n_clicks"),
        Input(ids.TABLE_NEXT, "n_clicks"),
        *FILTER_INPUTS,
        LANGUAGE,
        State(ids.TABLE_PAGE, "data"),
        prevent_initial_call=True,  # nothing to show until the list is opened
    )
    def show_table(opened, state, previous, following, country, *rest):  # type: ignore[no-untyped-def]
        """One page of the list, filled once the visitor first opens it (a first visit does
        not pay for a table it does not show). A new filter or sort starts at page 1; the
        list closed and opened again keeps its page.

        Each click on the list's summary opens or closes it: an odd count is open. The page
        is counted from the buttons' clicks since the page last shown, so that two quick
        clicks on "Next" move two pages even when the first answer is dropped as stale."""
        *controls, lang, shown = rest
        if not isinstance(opened, int) or not opened:
            raise PreventUpdate
        if ctx.triggered_id == ids.TABLE_OPENER and opened % 2 == 0:
            raise PreventUpdate  # closing: nothing to show
        t = translator(lang)
        store, selection = repository.select(filter_from_controls(country, *controls))
        if not isinstance(state, dict) or state.get("column") not in SORTABLE:
            state = {"column": "id", "descending": False}
        clicks = {"next": _count(following), "previous": _count(previous)}
        base = shown if isinstance(shown, dict) else {}
        if ctx.triggered_id in (ids.TABLE_PREVIOUS, ids.TABLE_NEXT, ids.TABLE_OPENER):
            wanted = (
                _count(base.get("page"), 1)
                + clicks["next"]
                - _count(base.get("next"))
                - clicks["previous"]
                + _count(base.get("previous"))
            )
        else:
            wanted = 1  # another filter or sort
        page = table_page(store, selection, state["column"], state["descending"], wanted, t)
        states, labels = sort_marks(state["column"], state["descending"], t)
        caption = t.plural(
            "{count} project, with the filters above",
            "{count} projects, with the filters above",
            page.total,
        )
        return (
            table_rows(store, selection, page, t),
            caption,
            states,
            labels,
            {"page": page.page, **clicks},
            position_text(page, t),
            page.pages <= 1,
            # aria-disabled, not disabled: a disabled button would drop the keyboard focus
            # from the button just pressed (the server keeps the page in range anyway).
            str(page.page <= 1).lower(),
            str(page.page >= page.pages).lower(),
        )

    @app.callback(
        Output(ids.FULL_VIEW_LINK, "href"),
        Output({"type": ids.LANGUAGE_LINK, "lang": ALL, "where": ALL}, "href"),
        Output(ids.BACK_TO_MAP, "href"),
        Input(ids.URL, "pathname"),
        Input(ids.URL, "search"),
        LANGUAGE,
    )
    def view_links(pathname: str | None, search: str | None, lang: str):  # type: ignore[no-untyped-def]
        """Links that keep the view: to the full map (from /embed), to the same view in
        another language, and from a project's page back to the map."""
        args = [(k, v) for k, v in parse_qs((search or "").lstrip("?")).items() if k != "lang"]
        kept = [(k, value) for k, values in args for value in values]
        path = pathname or "/"
        in_language = [
            f"{path}?{urlencode([*kept, ('lang', output['id']['lang'])])}"
            for output in ctx.outputs_list[1]
        ]
        full_view = app.get_relative_path("/") + "?" + urlencode([*kept, ("lang", lang)])
        match = re.fullmatch(r"/project/([^/]+)/?", path)
        project = repository.store.project(match.group(1)) if match else None
        country = (
            next((c for c in project.countries if c in boundaries.bounds), None)
            if project
            else None
        )
        # Back to the project's own country, with the project selected.
        place = [("country", country), ("project", project.id)] if project and country else []
        back = app.get_relative_path("/") + "?" + urlencode([*place, ("lang", lang)])
        return full_view, in_language, back

    @app.callback(
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Output(ids.FILTER_TOGGLE, "aria-expanded"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_filters(_clicks, is_open):  # type: ignore[no-untyped-def]
        return not is_open, "false" if is_open else "true"
