"""A project's own page (pure): which project a path names, the country whose map it is
drawn on, and that small map: its provinces shaded, its sites marked."""

from __future__ import annotations

import re

import pandas as pd

from ...context import AppContext
from ...data.filters import Selection
from ...data.loading import ProjectStore
from ...data.model import Project
from ...data.repository import BoundaryIndex
from ...data.summaries import map_points
from ...figures.map import localised_points, map_figure
from ...i18n import Translator
from ..boundary_layers import layer_of, layer_of_time, units_of
from ..filter_panel.controls import OVERVIEWS, selector_value, view_key
from ..map_panel.views import Figure, map_view

PROJECT_PATH = re.compile(r"/project/([^/]+)/?")


def project_id_of(path: str | None) -> str | None:
    """``/project/VN03`` -> ``VN03``; None for every other path (the map)."""
    match = PROJECT_PATH.fullmatch(path or "")
    return match.group(1) if match else None


def project_country(project: Project, boundaries: BoundaryIndex) -> str | None:
    """The first of the project's countries that has a map."""
    return next((c for c in project.countries if c in boundaries.bounds), None)


def page_country(path: str | None, store: ProjectStore, boundaries: BoundaryIndex) -> str | None:
    """On a project's page, the country the page is about (its header's country, whatever
    the query says); None on the map, for an unknown project, or one with no map."""
    project_id = project_id_of(path)
    project = store.project(project_id) if project_id else None
    return project_country(project, boundaries) if project else None


def controls_source(
    path: str | None,
    search: str | None,
    store: ProjectStore,
    boundaries: BoundaryIndex,
    default_country: str,
) -> tuple[str | None, str]:
    """What the header's controls are read from: the map's query and the default country;
    on a project's page, no query (its query is the page's, not a map's: a ``country=``
    there must not turn a Cambodian project's header to Laos) and the project's country."""
    own = page_country(path, store, boundaries)
    return (search, default_country) if own is None else ("", own)


def header_country_change(
    path: str | None, chosen: object, store: ProjectStore, boundaries: BoundaryIndex
) -> str | None:
    """On a project's page, the view the visitor chose in the header's country selector
    (a country, several, an overview: ``controls.view_key``) when it is not the page's
    own country: that map is then shown. None otherwise, or for a country with no map."""
    own = page_country(path, store, boundaries)
    view = view_key(chosen)
    if own is None or view == own:
        return None
    if view in OVERVIEWS or all(code in boundaries.bounds for code in selector_value(view)):
        return view
    return None


def project_map(
    ctx: AppContext,
    store: ProjectStore,
    selection: Selection,
    project: Project,
    t: Translator,
) -> Figure:
    """The project's provinces (as implemented) and its sites; nothing without a map."""
    country = project_country(project, ctx.boundaries)
    if country is None:
        return {}
    start = project.start.earliest if project.start else None
    drawn = layer_of(ctx.boundaries, country, layer_of_time(ctx.boundaries, country, start))
    names = {p.code: t.province(p) for p in drawn.units}
    view = map_view(ctx, drawn.path, ctx.boundaries.bounds[country], names, project.id)
    codes = units_of(ctx.boundaries, project, drawn)
    counts = pd.Series(1, index=pd.Index(codes, dtype=object)).groupby(level=0).size()
    points = localised_points(map_points(store, selection, country), store.project, t)
    return map_figure(view, counts, points, t)
