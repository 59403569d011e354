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
from ..boundary_layers import IMPLEMENTED, layer_of
from ..map_panel.views import Figure, map_view

PROJECT_PATH = re.compile(r"/project/([^/]+)/?")


def project_id_of(path: str | None) -> str | None:
    """``/project/VN03`` -> ``VN03``; None for every other path (the map)."""
    match = PROJECT_PATH.fullmatch(path or "")
    return match.group(1) if match else None


def project_country(project: Project, boundaries: BoundaryIndex) -> str | None:
    """The first of the project's countries that has a map."""
    return next((c for c in project.countries if c in boundaries.bounds), None)


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
    drawn = layer_of(ctx.boundaries, country, IMPLEMENTED)
    names = {p.code: t.province(p) for p in drawn.units}
    view = map_view(ctx, drawn.path, ctx.boundaries.bounds[country], names, project.id)
    codes = [loc.admin1 for loc in project.locations if loc.admin1]
    counts = pd.Series(1, index=pd.Index(codes, dtype=object)).groupby(level=0).size()
    points = localised_points(map_points(store, selection, country), store.project, t)
    return map_figure(view, counts, points, t)
