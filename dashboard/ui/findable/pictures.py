"""What each preview picture shows (plain functions: the repository's data in, a
``Preview`` out): a project's provinces and sites on its country; a country's provinces
with projects and their sites; the world's partner countries; Japan's partners' prefectures."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from pathlib import Path

import geopandas as gpd
from shapely.geometry.base import BaseGeometry

from ...data.boundaries import LAYER_IMPLEMENTED, load_admin1, load_countries
from ...data.model import Project
from ...figures.palette import FIELD_COLOURS, NO_FIELD_COLOUR
from ...figures.preview import LAND, WITH_PROJECTS, Bounds, Colour, Preview
from ...i18n import Translator

WORLD_BOUNDS: Bounds = (-170.0, -50.0, 190.0, 70.0)


@cache
def _admin1(boundaries_dir: Path, iso3: str) -> gpd.GeoDataFrame:
    """A country's provinces as projects were placed on them (read once per worker)."""
    return load_admin1(boundaries_dir, iso3, LAYER_IMPLEMENTED)


@cache
def _countries(boundaries_dir: Path) -> list[tuple[str, BaseGeometry]]:
    """Every outline, simplified to what 1,200 pixels of the world can show."""
    countries = load_countries(boundaries_dir)
    simple = countries.geometry.simplify(0.05)
    return list(zip(countries["iso_a3"], simple, strict=True))


def _colour(project: Project) -> str:
    return (
        FIELD_COLOURS.get(project.fields[0], NO_FIELD_COLOUR) if project.fields else NO_FIELD_COLOUR
    )


def _sites(projects: Iterable[Project], country: str) -> list[tuple[float, float, str]]:
    """Stated sites only (a province's or a country's middle is not a site)."""
    return [
        (loc.lon, loc.lat, _colour(project))
        for project in projects
        for loc in project.locations
        if loc.country == country and loc.precision <= 2
    ]


def country_preview(
    boundaries_dir: Path,
    country: str,
    bounds: Bounds,
    projects: list[Project],
    title: str,
    subtitle: str,
) -> Preview:
    """The country's provinces, those with any of ``projects`` shaded, and their sites."""
    shaded = {loc.admin1 for p in projects for loc in p.locations if loc.admin1}
    provinces = _admin1(boundaries_dir, country)
    shapes = [
        (geometry, WITH_PROJECTS if code in shaded else LAND)
        for code, geometry in zip(provinces["code"], provinces.geometry, strict=True)
    ]
    return Preview(shapes, _sites(projects, country), bounds, title, subtitle)


def several_preview(
    boundaries_dir: Path,
    countries: Sequence[str],
    bounds: Bounds,
    projects: list[Project],
    title: str,
    subtitle: str,
) -> Preview:
    """Each chosen country's provinces, those with any of ``projects`` shaded, and their
    sites, fitted to all of them (``bounds``)."""
    shapes: list[tuple[BaseGeometry, Colour]] = []
    points: list[tuple[float, float, Colour]] = []
    for country in countries:
        one = country_preview(boundaries_dir, country, bounds, projects, title, subtitle)
        shapes += one.shapes
        points += one.points
    return Preview(shapes, points, bounds, title, subtitle)


def world_preview(
    boundaries_dir: Path, counts: Mapping[str, int], title: str, subtitle: str
) -> Preview:
    """Every country outline; those with projects shaded."""
    shapes = [
        (geometry, WITH_PROJECTS if counts.get(code, 0) else LAND)
        for code, geometry in _countries(boundaries_dir)
    ]
    return Preview(shapes, [], WORLD_BOUNDS, title, subtitle)


def japan_preview(
    boundaries_dir: Path, bounds: Bounds, prefectures: set[str], title: str, subtitle: str
) -> Preview:
    provinces = _admin1(boundaries_dir, "JPN")
    shapes = [
        (geometry, WITH_PROJECTS if code in prefectures else LAND)
        for code, geometry in zip(provinces["code"], provinces.geometry, strict=True)
    ]
    return Preview(shapes, [], bounds, title, subtitle)


def project_subtitle(project: Project, t: Translator, place: str) -> str:
    """'Campuchia · 2019 – 2022'; no period when neither end is known."""
    period = t.period(project) if (project.start or project.end) else ""
    return " · ".join(filter(None, (place, period)))
