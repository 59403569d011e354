"""Callbacks: wire component inputs to the data and figure functions, nothing more."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from dash import Dash, Input, Output, State, ctx, html, no_update

from ..data.filters import ProjectFilter, select
from ..data.repository import Repository
from ..data.summaries import (
    map_points,
    projects_at,
    province_counts,
    summarise,
    unplaced_count,
)
from ..figures.map import MapView, map_figure
from ..figures.summary import field_bar_figure
from ..layout import ids
from ..layout.detail import project_card
from ..layout.page import BUDGET_MAX_M, DURATION_MAX_MONTHS, FIRST_YEAR
from ..settings import Settings

FILTER_INPUTS = [
    Input(ids.COUNTRY, "value"),
    Input(ids.SEARCH, "value"),
    Input(ids.FIELD, "value"),
    Input(ids.PARTNER_TYPE, "value"),
    Input(ids.SCHEME, "value"),
    Input(ids.STATUS, "value"),
    Input(ids.AS_OF, "date"),
    Input(ids.BUDGET, "value"),
    Input(ids.DURATION, "value"),
    Input(ids.START_YEARS, "value"),
    Input(ids.KEEP_UNKNOWN, "value"),
    Input(ids.PROVINCE, "value"),
]


def filter_from_controls(
    country: str | None,
    search: str | None,
    fields: list[str] | None,
    partner_types: list[str] | None,
    schemes: list[str] | None,
    statuses: list[str] | None,
    as_of: str | None,
    budget: list[int] | None,
    duration: list[int] | None,
    start_years: list[int] | None,
    keep_unknown: list[str] | None,
    provinces: list[str] | None,
) -> ProjectFilter:
    """The page's controls as the shared filter; a slider at its full range filters nothing."""
    budget = budget or [0, BUDGET_MAX_M]
    duration = duration or [0, DURATION_MAX_MONTHS]
    start_years = start_years or [FIRST_YEAR, date.today().year]
    keep = set(keep_unknown or ())
    return ProjectFilter(
        country=(country,) if country else (),
        field=tuple(fields or ()),
        partner_type=tuple(partner_types or ()),
        scheme=tuple(schemes or ()),
        status=tuple(statuses or ()),
        province=tuple(provinces or ()),
        as_of=date.fromisoformat(as_of[:10]) if as_of else None,
        budget_min=budget[0] * 1_000_000 if budget[0] > 0 else None,
        budget_max=budget[1] * 1_000_000 if budget[1] < BUDGET_MAX_M else None,
        duration_min=duration[0] if duration[0] > 0 else None,
        duration_max=duration[1] if duration[1] < DURATION_MAX_MONTHS else None,
        start_from=start_years[0] if start_years[0] > FIRST_YEAR else None,
        start_to=start_years[1] if start_years[1] < date.today().year else None,
        keep_unknown_budget="budget" in keep,
        keep_unknown_duration="duration" in keep,
        keep_unknown_start="start" in keep,
        q=(search or "").strip(),
    )


def api_query(spec: ProjectFilter) -> str:
    """The same filter as API query parameters, so that downloads match the page."""
    params: list[tuple[str, str]] = []
    for facet in ("country", "field", "partner_type", "scheme", "status", "province"):
        params += [(facet, value) for value in getattr(spec, facet)]
    for name in (
        "budget_min",
        "budget_max",
        "duration_min",
        "duration_max",
        "start_from",
        "start_to",
    ):
        if getattr(spec, name) is not None:
            params.append((name, str(getattr(spec, name))))
    if spec.as_of:
        params.append(("as_of", spec.as_of.isoformat()))
    for name, keep in (
        ("unknown_budget", spec.keep_unknown_budget),
        ("unknown_duration", spec.keep_unknown_duration),
        ("unknown_start", spec.keep_unknown_start),
    ):
        if not keep:
            params.append((name, "exclude"))
    if spec.q:
        params.append(("q", spec.q))
    return urlencode(params)


def unplaced_note(count: int) -> str:
    if not count:
        return ""
    return (
        f"{count} project(s) in this country have no stated place and are not drawn on the map; "
        "they are counted in the summary."
    )


def register(app: Dash, repository: Repository, settings: Settings) -> None:
    boundaries = repository.boundaries

    @app.callback(
        Output(ids.PROVINCE, "options"),
        Output(ids.PROVINCE, "value"),
        Input(ids.COUNTRY, "value"),
        State(ids.PROVINCE, "value"),
    )
    def province_options(country: str, chosen: list[str] | None):  # type: ignore[no-untyped-def]
        provinces = boundaries.provinces_of(country)
        codes = {p.code for p in provinces}
        kept = [code for code in chosen or [] if code in codes]
        return [{"label": p.name_en, "value": p.code} for p in provinces], kept

    @app.callback(
        Output(ids.MAP, "figure"),
        Output(ids.RESULT_COUNT, "children"),
        Output(ids.BUDGET_TOTAL, "children"),
        Output(ids.FIELD_CHART, "figure"),
        Output(ids.EMPTY_STATE, "is_open"),
        Output(ids.EXPORT_CSV, "href"),
        Output(ids.EXPORT_GEOJSON, "href"),
        Output(ids.UNPLACED_NOTE, "children"),
        *FILTER_INPUTS,
    )
    def update_view(country: str, *controls):  # type: ignore[no-untyped-def]
        spec = filter_from_controls(country, *controls)
        store = repository.store
        selection = select(store, spec)
        provinces = boundaries.provinces_of(country)
        view = MapView(
            geojson_url=app.get_relative_path(f"/geodata/boundaries/admin1/{country}.geojson"),
            bounds=boundaries.bounds[country],
            province_codes=[p.code for p in provinces],
            province_names=[p.name_en for p in provinces],
            revision=country,
            tile_url=settings.tile_url,
            tile_attribution=settings.tile_attribution,
        )
        figure = map_figure(
            view,
            province_counts(store, selection, country),
            map_points(store, selection, country),
        )
        summary = summarise(store, selection)
        budget_text = (
            f"¥{summary.budget_total_yen:,} in stated budgets ({summary.with_budget} projects); "
            f"budget not stated for {summary.without_budget}"
        )
        query = api_query(spec)
        return (
            figure,
            f"{summary.count:,}",
            budget_text,
            field_bar_figure(summary.field_counts),
            summary.count == 0,
            app.get_relative_path(f"/api/projects.csv?{query}"),
            app.get_relative_path(f"/api/projects.geojson?{query}"),
            unplaced_note(unplaced_count(store, selection, country)),
        )

    @app.callback(
        Output(ids.DETAIL_BODY, "children"),
        Output(ids.DETAIL, "is_open"),
        Input(ids.MAP, "clickData"),
        *[State(item.component_id, item.component_property) for item in FILTER_INPUTS],
        prevent_initial_call=True,
    )
    def show_detail(click, *controls):  # type: ignore[no-untyped-def]
        if not click or not click.get("points"):
            return no_update, no_update
        point = click["points"][0]
        spec = filter_from_controls(*controls)
        store = repository.store
        selection = select(store, spec)
        if "location" in point and "lon" not in point:
            rows = projects_at(store, selection, province=point["location"])
            heading = boundaries.provinces.get(point["location"])
            title = heading.name_en if heading else point["location"]
        else:
            rows = projects_at(store, selection, point=(point["lon"], point["lat"]))
            title = "This location"
        statuses = selection.statuses
        as_of = (spec.as_of or date.today()).isoformat()
        cards = [
            project_card(store.projects[row], str(statuses.iloc[row]), boundaries, as_of)
            for row in rows
        ]
        summary = html.P(f"{title}: {len(rows)} project(s)", className="fw-semibold detail-heading")
        return [summary, *cards], True

    @app.callback(
        Output(ids.SEARCH, "value"),
        Output(ids.FIELD, "value"),
        Output(ids.PARTNER_TYPE, "value"),
        Output(ids.SCHEME, "value"),
        Output(ids.STATUS, "value"),
        Output(ids.AS_OF, "date"),
        Output(ids.BUDGET, "value"),
        Output(ids.DURATION, "value"),
        Output(ids.START_YEARS, "value"),
        Output(ids.KEEP_UNKNOWN, "value"),
        Output(ids.PROVINCE, "value", allow_duplicate=True),
        Input(ids.RESET, "n_clicks"),
        Input(ids.RESET_EMPTY, "n_clicks"),
        prevent_initial_call=True,
    )
    def reset_filters(*_clicks):  # type: ignore[no-untyped-def]
        if not ctx.triggered_id:
            return (no_update,) * 11
        return (
            "",
            [],
            [],
            [],
            [],
            date.today().isoformat(),
            [0, BUDGET_MAX_M],
            [0, DURATION_MAX_MONTHS],
            [FIRST_YEAR, date.today().year],
            ["budget", "duration", "start"],
            [],
        )

    @app.callback(
        Output(ids.FILTER_COLLAPSE, "is_open"),
        Input(ids.FILTER_TOGGLE, "n_clicks"),
        State(ids.FILTER_COLLAPSE, "is_open"),
        prevent_initial_call=True,
    )
    def toggle_filters(_clicks, is_open):  # type: ignore[no-untyped-def]
        return not is_open
