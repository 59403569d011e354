"""Which boundary file and units a map draws: the one place that knows it (pure).

A country's projects were placed on the units in force when they ran (``implemented``);
where the units have changed since (Viet Nam, 1 July 2025) the visitor may ask for the
units in force today (``current``), and project codes are then regrouped into them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..data.boundaries import HOME_COUNTRY
from ..data.repository import BoundaryIndex, Province
from .filter_panel.controls import JAPAN, WORLD

IMPLEMENTED = "implemented"
CURRENT = "current"
LAYERS = (IMPLEMENTED, CURRENT)
BOUNDARIES_PATH = "/geodata/boundaries"
COUNTRIES_FILE = f"{BOUNDARIES_PATH}/countries.geojson"


@dataclass(frozen=True)
class BoundaryLayer:
    """What one map of a country draws."""

    name: str  # IMPLEMENTED or CURRENT: the layer actually drawn
    path: str  # the boundary file, a path of this site
    units: tuple[Province, ...]
    # Implemented code -> drawn code, when the drawn units are not the ones projects name.
    regroup: Mapping[str, str] | None = None


def _admin1_path(country: str, suffix: str = "") -> str:
    return f"{BOUNDARIES_PATH}/admin1/{country}{suffix}.geojson"


def layer_of(boundaries: BoundaryIndex, country: str, layer: str | None) -> BoundaryLayer:
    """The units since a reform only where there are such, and only when asked for."""
    if layer == CURRENT and boundaries.has_current_layer(country):
        return BoundaryLayer(
            name=CURRENT,
            path=_admin1_path(country, "-2025"),
            units=tuple(boundaries.current_of(country)),
            regroup=boundaries.to_current(country),
        )
    return BoundaryLayer(
        name=IMPLEMENTED,
        path=_admin1_path(country),
        units=tuple(boundaries.provinces_of(country)),
    )


def map_file(boundaries: BoundaryIndex, country: str, layer: str | None) -> str:
    """The file the map of a view draws: the world's outlines, Japan's prefectures, or a
    country's layer."""
    if country == WORLD:
        return COUNTRIES_FILE
    if country == JAPAN:
        return _admin1_path(HOME_COUNTRY)
    return layer_of(boundaries, country, layer).path


def units_selectable(boundaries: BoundaryIndex, country: str, code: str) -> bool:
    """Whether a unit code names a unit of this view's country, in any of its layers."""
    unit = boundaries.provinces.get(code) or boundaries.current.get(code)
    home = HOME_COUNTRY if country == JAPAN else country
    return unit is not None and unit.iso_a3 == home


def formed_from(boundaries: BoundaryIndex, code: str) -> tuple[str, ...]:
    """The implemented units a drawn unit covers: a merged province's former ones, else
    itself. Projects name implemented units, so a click on a merged one must ask for all."""
    return boundaries.formed_from.get(code, (code,))
