"""Which boundary file and units a map draws: the one place that knows it (pure).

A country's projects were placed on the units in force when they ran (``implemented``);
where the units have changed since (Viet Nam, 1 July 2025) the visitor may ask for the
units in force today (``current``), and project codes are then regrouped into them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from ..data.boundaries import HOME_COUNTRY
from ..data.model import Project
from ..data.place_levels import layer_in_force, layer_unnamed, layers_of
from ..data.repository import BoundaryIndex, Province
from ..i18n import Translator
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
    # Code projects name -> drawn code(s), when the drawn units are not the ones they name.
    regroup: Mapping[str, str | tuple[str, ...]] | None = None


def _admin1_path(country: str, suffix: str = "") -> str:
    return f"{BOUNDARIES_PATH}/admin1/{country}{suffix}.geojson"


def layer_of(boundaries: BoundaryIndex, country: str, layer: str | None) -> BoundaryLayer:
    """The units since a reform only where there are such, and only when asked for."""
    if layer == CURRENT and boundaries.has_current_layer(country):
        (later,) = (spec for spec in layers_of(country) if spec.key == CURRENT)
        return BoundaryLayer(
            name=CURRENT,
            path=f"{BOUNDARIES_PATH}/{later.file}",
            units=tuple(boundaries.current_of(country)),
            regroup=boundaries.regroup_into(country, CURRENT),
        )
    return BoundaryLayer(
        name=IMPLEMENTED,
        path=_admin1_path(country),
        units=tuple(boundaries.provinces_of(country)),
        regroup=boundaries.regroup_into(country, IMPLEMENTED) or None,
    )


def layer_of_time(boundaries: BoundaryIndex, country: str, start: date | None) -> str:
    """The layer of a project's time, where the country has two: Nepal's provinces for a
    project that started after 20 September 2015, its zones before; Natural Earth's layer
    when the start is not stated."""
    if start is None or not boundaries.has_current_layer(country):
        return IMPLEMENTED
    return layer_in_force(country, start).key


def layer_of_link(
    boundaries: BoundaryIndex, asked: list[str], provinces: tuple[str, ...], country: str = ""
) -> str:
    """The layer a link draws: the one it names; without one, the layer of a unit it chooses
    that covers parts of the other layer's (``province=NP-P3``: Nepal's provinces, not the
    three zones Bagmati overlaps; ``province=NP-JA``: the zones); else the country's own
    (``place_levels.default_layer``: Nepal's provinces, Natural Earth's elsewhere)."""
    if asked and asked[-1] in LAYERS:
        return asked[-1]
    return layer_unnamed(country, provinces)


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
    unit = boundaries.all_units.get(code)
    homes = (HOME_COUNTRY,) if country == JAPAN else countries_of(country)
    return unit is not None and unit.iso_a3 in homes


def filter_units(
    boundaries: BoundaryIndex, view: str, layer: str | None, chosen: list[str] | None = None
) -> list[Province]:
    """The units the province filter offers: those of each country shown, in the layer
    shown (Viet Nam's 34 when the map draws them), then the wider units staff name (Sri
    Lanka's provinces, the Philippines' regions), country after country; none for the
    overviews. ``chosen``: units of another layer that stay chosen (``carried_into``: a part
    of the units a layer switch cannot carry whole) are offered too, after them."""
    offered = [
        unit
        for country in countries_of(view)
        for unit in (*layer_of(boundaries, country, layer).units, *boundaries.groups_of(country))
    ]
    codes = {unit.code for unit in offered}
    homes = set(countries_of(view))
    kept = [boundaries.all_units[c] for c in chosen or () if c in boundaries.all_units]
    return offered + [unit for unit in kept if unit.code not in codes and unit.iso_a3 in homes]


def _components(boundaries: BoundaryIndex) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Each unit related to units of another layer -> the whole set of units so related,
    as (its units in force today, its older units): a unit of Viet Nam's 34 with the
    provinces it was formed from; Nepal's provinces with the zones they overlap, chained
    (Bagmati Province, its zones, the other provinces over them, …)."""
    parent: dict[str, str] = {}

    def root(code: str) -> str:
        while parent.setdefault(code, code) != code:
            code = parent[code]
        return code

    pairs = [*boundaries.formed_from.items(), *boundaries.overlaps.items()]
    for new, olds in pairs:
        for old in olds:
            parent[root(old)] = root(new)
    newer = {new for new, _ in pairs}
    found: dict[str, tuple[set[str], set[str]]] = {}
    for code in parent:
        side = found.setdefault(root(code), (set(), set()))
        side[0 if code in newer else 1].add(code)
    return {
        code: (frozenset(found[root(code)][0]), frozenset(found[root(code)][1])) for code in parent
    }


def carried_into(boundaries: BoundaryIndex, codes: list[str], layer: str) -> list[str]:
    """A choice carried to the other layer, so that carrying it back gives it again: a whole
    set of related units (``_components``: Huế's VN-26 and VN-2025-46; Quảng Nam and Da
    Nang, and the Da Nang of the 34; Sudurpashchim Province and its two zones) becomes the
    other layer's units of it; a part of one stays as chosen (Bagmati Province on the zones'
    map: not its 3 zones, which would come back as Bagmati and Madhesh). Other codes (a
    region, LK-6) stay."""
    related = _components(boundaries)
    moved: list[str] = []
    for code in codes:
        if code not in related:
            moved.append(code)
            continue
        newer, older = related[code]
        source, target = (older, newer) if layer == CURRENT else (newer, older)
        whole = code in source and source <= set(codes)
        moved += sorted(target) if whole else [code]
    return list(dict.fromkeys(moved))


def units_in_layer(boundaries: BoundaryIndex, codes: list[str], layer: str) -> list[str]:
    """Chosen units in another layer: each of Viet Nam's 34 is the provinces it was formed
    from (the same projects); each of the 63 the unit in force today that it became part
    of (its projects and those of the provinces merged with it); Nepal's zones and provinces
    each the units of the other that overlap them. Other codes stay (a region: LK-6)."""
    wide = codes  # a wider unit (LK-6) stays: the chooser offers it in every layer
    if layer == CURRENT:
        to_current = {old: (new,) for new, olds in boundaries.formed_from.items() for old in olds}
        into = to_current | boundaries.overlapped_by  # Nepal: a zone, the provinces over it
        moved = [new for code in wide for new in into.get(code, (code,))]
    else:
        back = boundaries.formed_from | boundaries.overlaps  # Nepal: a province, its zones
        moved = [old for code in wide for old in back.get(code, (code,))]
    return list(dict.fromkeys(moved))


def drawn_units_of(boundaries: BoundaryIndex, codes: list[str], layer: str) -> list[str]:
    """The drawn units of a layer that chosen codes stand for: ``units_in_layer``, with a
    wider unit (a region: LK-6) as the drawn units it holds (LK-61, LK-62)."""
    wide = [unit for code in codes for unit in boundaries.groups.get(code, (code,))]
    return units_in_layer(boundaries, wide, layer)


def formed_from(boundaries: BoundaryIndex, code: str) -> tuple[str, ...]:
    """The codes projects may name for a drawn unit: a merged province's former ones (Viet
    Nam), a province's zones and a zone's provinces (Nepal), a region's units, else itself.
    A click on a unit must ask for all that the map counts in it."""
    return boundaries.implemented_codes((code,))


def layer_options(boundaries: BoundaryIndex, country: str, t: Translator) -> list[dict]:
    """The choice of layer for a country that has one (Viet Nam's 63 or 34, Nepal's zones or
    provinces), in the page's words; none elsewhere."""
    if not boundaries.has_current_layer(country):
        return []
    old, new = len(boundaries.provinces_of(country)), len(boundaries.current_of(country))
    if country == "NPL":
        labels = (
            t("zones until 2015 ({count})", count=old),
            t("provinces since 20 September 2015 ({count})", count=new),
        )
    else:
        labels = (t("as implemented (63)"), t("since 1 July 2025 (34)"))
    return [
        {"label": labels[0], "value": IMPLEMENTED},
        {"label": labels[1], "value": CURRENT},
    ]


def units_of(boundaries: BoundaryIndex, project: Project, drawn: BoundaryLayer) -> list[str]:
    """The drawn units a project's sites count in (each once): a site's units in every layer
    (``BoundaryIndex.placement``: Kavre District on Bagmati Zone is in Bagmati Province),
    as the drawn layer groups them."""
    placed = [
        unit
        for loc in project.locations
        for unit in boundaries.placement(
            loc.admin1, loc.place, loc.precision, loc.lon, loc.lat
        ).units
    ]
    drawn_codes = {unit.code for unit in drawn.units}
    return [code for code in regrouped(placed, drawn.regroup) if code in drawn_codes]


def regrouped(codes: list[str], regroup: Mapping[str, str | tuple[str, ...]] | None) -> list[str]:
    """Codes a project names, as the drawn units they count in (each once)."""
    moved: list[str] = []
    for code in codes:
        into = (regroup or {}).get(code, code)
        moved += [into] if isinstance(into, str) else list(into)
    return list(dict.fromkeys(moved))
