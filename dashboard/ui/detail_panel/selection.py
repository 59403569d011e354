"""Which projects the side panel lists for a selected place, under what title (pure).

A province lists the selected projects placed in it; a merged province (Viet Nam's 34)
those placed in any of the provinces it was formed from. A marker lists the projects at its
point. A linked project comes first, even when the filters or the map leave it out.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...context import AppContext
from ...data.filters import ProjectFilter, Selection
from ...data.loading import ProjectStore
from ...data.summaries import map_points, only, projects_at, site_at
from ...i18n import Translator
from ..boundary_layers import formed_from
from ..filter_panel.controls import countries_of
from ..view_state import Place


@dataclass(frozen=True)
class PlaceDetail:
    title: str
    rows: list[int]  # store rows, the linked project first
    linked_outside: bool = False  # the linked project is not among the place's selected ones


def _everything(ctx: AppContext) -> Selection:
    return ctx.repository.select(ProjectFilter())[1]


def project_point(
    ctx: AppContext, store: ProjectStore, project_id: str, country: str
) -> tuple[float, float] | None:
    """Where a project's marker is in this view's countries (its first drawn site), if
    anywhere."""
    sites = map_points(store, only(store, _everything(ctx), project_id), countries_of(country))
    return None if sites.empty else (float(sites["lon"].iloc[0]), float(sites["lat"].iloc[0]))


def _province_detail(
    ctx: AppContext, store: ProjectStore, selection: Selection, code: str, t: Translator
) -> PlaceDetail:
    boundaries = ctx.boundaries
    unit = boundaries.current.get(code) or boundaries.provinces.get(code)
    rows = projects_at(store, selection, provinces=formed_from(boundaries, code))
    return PlaceDetail(t.province(unit) if unit else code, rows)


def _point_detail(
    store: ProjectStore,
    selection: Selection,
    point: tuple[float, float] | None,
    ctx: AppContext,
    t: Translator,
) -> PlaceDetail:
    if point is None:
        return PlaceDetail(t("This place"), [])
    rows = projects_at(store, selection, point=point)
    place_name, code = site_at(store, point)
    province = ctx.boundaries.all_units.get(code or "")
    return PlaceDetail(place_name or (t.province(province) if province else t("This place")), rows)


def place_detail(
    ctx: AppContext,
    store: ProjectStore,
    selection: Selection,
    place: Place,
    country: str,
    t: Translator,
) -> PlaceDetail | None:
    """None when the place names a project the data does not have."""
    chosen = place.get("project")
    if chosen and store.project(chosen) is None:
        return None
    if "province" in place:
        detail = _province_detail(ctx, store, selection, place["province"], t)
    else:
        point = place.get("point") or (chosen and project_point(ctx, store, chosen, country))
        detail = _point_detail(store, selection, tuple(point) if point else None, ctx, t)
    if not chosen:
        return detail
    chosen_rows = [row for row in detail.rows if store.projects[row].id == chosen]
    outside = not chosen_rows
    if outside:  # not drawn here, or outside the filters: shown all the same
        chosen_rows = [int(only(store, _everything(ctx), chosen).mask.nonzero()[0][0])]
    rows = chosen_rows + [row for row in detail.rows if row not in chosen_rows]
    return PlaceDetail(detail.title, rows, outside)


def panel_name(place: str, count: int, t: Translator, *, homes: bool = False) -> str:
    """The side panel's name (its dialog's title, which screen readers announce), after what
    is open: "Huế: 6 projects", a stacked site's place, or in Japan the prefecture ("Okinawa:
    3 projects by partners based here"); "Projects here" before anything is."""
    if not place:
        return t("Projects here")
    if homes:
        return t.plural(
            "{place}: {count} project by partners based here",
            "{place}: {count} projects by partners based here",
            count,
            place=place,
        )
    return t.plural("{place}: {count} project", "{place}: {count} projects", count, place=place)
