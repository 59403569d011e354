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
from .filter_panel.controls import JAPAN, WORLD, countries_of, is_several

IMPLEMENTED = "implemented"
CURRENT = "current"
LAYERS = (IMPLEMENTED, CURRENT)
BOUNDARIES_PATH = "/geodata/boundaries"
COUNTRIES_FILE = f"{BOUNDARIES_PATH}/countries.geojson"
WORLD_FILE = f"{BOUNDARIES_PATH}/world.geojson"  # the same outlines, lighter, for the world


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
        return WORLD_FILE
    if is_several(country):  # several countries: their outlines
        return COUNTRIES_FILE
    if country == JAPAN:
        return _admin1_path(HOME_COUNTRY)
    return layer_of(boundaries, country, layer).path


def units_selectable(boundaries: BoundaryIndex, country: str, code: str) -> bool:
    """Whether a unit code names a unit of this view's countries, in any of its layers."""
    unit = boundaries.provinces.get(code) or boundaries.current.get(code)
    homes = (HOME_COUNTRY,) if country == JAPAN else countries_of(country)
    return unit is not None and unit.iso_a3 in homes


def filter_units(boundaries: BoundaryIndex, view: str, layer: str | None) -> list[Province]:
    """The units the province filter offers: those of each country shown, in the layer
    shown (Viet Nam's 34 when the map draws them), country after country; none for the
    overviews."""
    return [
        unit
        for country in countries_of(view)
        for unit in layer_of(boundaries, country, layer).units
    ]


def units_in_layer(boundaries: BoundaryIndex, codes: list[str], layer: str) -> list[str]:
    """Chosen units in another layer: each of Viet Nam's 34 is the provinces it was formed
    from (the same projects); each of the 63 the unit in force today that it became part
    of (its projects and those of the provinces merged with it). Other codes stay."""
    if layer == CURRENT:
        to_current = {old: new for new, olds in boundaries.formed_from.items() for old in olds}
        moved = [to_current.get(code, code) for code in codes]
    else:
        moved = [old for code in codes for old in boundaries.formed_from.get(code, (code,))]
    return list(dict.fromkeys(moved))


def formed_from(boundaries: BoundaryIndex, code: str) -> tuple[str, ...]:
    """The implemented units a drawn unit covers: a merged province's former ones, else
    itself. Projects name implemented units, so a click on a merged one must ask for all."""
    return boundaries.formed_from.get(code, (code,))
