"""What each map draws and says (pure): the world's countries, Japan's prefectures and the
partners' homes, or a country's provinces and project sites; the hint under it, the note
on unplaced projects and the boundary disclaimer. No Dash: figures are plain dicts."""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ...context import AppContext
from ...data.boundaries import HOME_COUNTRY
from ...data.filters import ProjectFilter, Selection
from ...data.homes import home_cities, home_rows, homeless_count, prefecture_counts
from ...data.loading import ProjectStore
from ...data.repository import BoundaryIndex, LabelPoint
from ...data.summaries import country_counts, map_points, province_counts, unplaced_count
from ...figures.japan import japan_figure
from ...figures.map import (
    LABELS,
    MapView,
    SmallArea,
    area_marker_traces,
    localised_points,
    map_figure,
)
from ...figures.map_paint import Point, figure_points, stack_sizes
from ...i18n import Translator
from .. import ids
from ..boundary_layers import COUNTRIES_FILE, WORLD_FILE, drawn_units_of, layer_of, map_file
from ..filter_panel.controls import JAPAN, SEVERAL, WORLD, countries_of, is_several
from ..limits import InputLimit

DEFAULT_SIZE = (600, 540)
MARKER_TRACES = 2  # the index of the first trace a filter changes: after the areas and names
# The world map's box, 360° wide (a wider box only shows more of MapLibre's copies of the
# world): cut in the eastern Pacific at 155°W, so that the small countries' circles, from
# Palau (134°E) past 180° to Samoa and Tonga (drawn at 187°E and 185°E), are each far enough
# from both edges (the fit's padding and half a circle: about 15° on a 600-pixel map) that
# the copy of the world beside this one does not draw them again, cut, at the other edge.
# Cut at 170°W, Fiji (178°E) and Samoa (187°E) showed a second half-circle on the far left.
# tests/ui/test_p12_rules.py checks it for the map's countries and the Pacific's states.
WORLD_BOX = (-155.0, -50.0, 205.0, 70.0)
Figure = dict[str, Any]

# What the map's stores and clicks can be (the callback guard refuses more): its size is two
# numbers, the drawn map's key a short text (``drawn_key``), a click plotly's point with its
# box and the marker's project ID.
MAP_INPUT_LIMITS: dict[tuple[str, str], InputLimit] = {
    (ids.MAP_SIZE, "data"): InputLimit(chars=0, items=2, depth=1),
    (ids.MAP_DRAWN, "data"): InputLimit(chars=256, items=0, depth=0),
    (ids.MAP, "clickData"): InputLimit(chars=2048, items=64, depth=4),
}


@dataclass(frozen=True)
class DrawnMap:
    figure: Figure
    hint: str
    boundary_note: str
    unplaced: str = ""


def shown_view(view: str, bounds: Mapping[str, object], default: str) -> str:
    """The view a map can draw: an overview, or the countries asked for that have a map (a
    forged or stale request naming none of them: the default country)."""
    if view in (WORLD, JAPAN):
        return view
    return SEVERAL.join(code for code in countries_of(view) if code in bounds) or default


def union_box(
    boxes: list[tuple[float, float, float, float]],
) -> tuple[float, float, float, float]:
    """The box around several countries' boxes (east past 180 across the antimeridian)."""
    west, south, east, north = zip(*boxes, strict=True)
    return min(west), min(south), max(east), max(north)


def map_size(measured: object) -> tuple[int, int]:
    """The map's size as the browser measured it; a default until it has."""
    if (
        isinstance(measured, list)
        and len(measured) == 2
        and all(isinstance(v, int) and 100 <= v <= 10_000 for v in measured)
    ):
        return measured[0], measured[1]
    return DEFAULT_SIZE


def boundary_note(layer: str, t: Translator) -> str:
    """The disclaimer shown with every map, naming the boundaries it draws."""
    drawn = {
        "implemented": t("the provinces in which the projects were implemented"),
        "current": t("the 34 provinces in force since 1 July 2025"),
        "current-NPL": t("Nepal's 7 provinces since 20 September 2015"),
        "implemented-NPL": t("Nepal's 14 zones, abolished in 2015"),
        WORLD: t("country outlines"),
        SEVERAL: t("country outlines"),
        JAPAN: t("Japan's 47 prefectures"),
    }[layer]
    return t(
        "Boundaries: Natural Earth (public domain), simplified; {drawn}. Boundaries do not "
        "imply any position on the status of any territory.",
        drawn=drawn,
    )


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


def homeless_note(count: int, t: Translator) -> str:
    if not count:
        return ""
    return t.plural(
        "{count} project here has no partner whose home is known: not on this map.",
        "{count} projects here have no partner whose home is known: not on this map.",
        count,
    )


def area_labels(
    names: Mapping[str, str], points: Mapping[str, LabelPoint]
) -> tuple[tuple[str, float, float], ...]:
    """Each area's name at its label point, the largest area first (MapLibre writes the
    names in this order and leaves out one that would overlap one already written)."""
    known = sorted((code for code in names if code in points), key=lambda c: -points[c][2])
    return tuple((names[code], points[code][0], points[code][1]) for code in known)


# At the world's zoom (about 1.6 px a degree on a 600 px map) an area under this many square
# degrees is a few pixels across (Samoa 0.2, Fiji 1.5, Timor-Leste 1.2, Bhutan 3.7): too
# small to find or click, so it gets a circle too.
SMALL_AREA = 10.0
PHONE_WIDTH = 576  # Bootstrap's "sm": a map narrower than this is on a phone


def small_areas(
    counts: Mapping[str, int],
    names: Mapping[str, str],
    points: Mapping[str, LabelPoint],
    west: float = WORLD_BOX[0],
) -> list[SmallArea]:
    """The areas with projects too small to click on the world map, with their circles'
    places (a label point: Fiji's is on Viti Levu, not on the 180° line), moved by 360°
    into the map's box when west of it (Samoa, at 172°W, is drawn east of Fiji)."""
    return [
        (code, names.get(code, code), lon + 360 if lon < west else lon, lat, int(count))
        for code, count in sorted(counts.items())
        if count > 0 and code in points
        for lon, lat, area in [points[code]]
        if area < SMALL_AREA
    ]


def map_view(
    ctx: AppContext,
    path: str,
    bounds: tuple[float, float, float, float],
    names: Mapping[str, str],
    revision: str,
    size: tuple[int, int] = DEFAULT_SIZE,
    feature_key: str = "properties.code",
) -> MapView:
    """Every map the same way: boundaries by URL, the operator's tiles, fitted to its size.

    The size is in the revision: a new fit when the map is resized, the visitor's own pan
    and zoom kept while only the filters change."""
    return MapView(
        geojson_url=ctx.relative_path(path),
        bounds=bounds,
        province_codes=list(names),
        province_names=list(names.values()),
        revision=f"{revision}/{size[0]}x{size[1]}",
        tile_url=ctx.settings.tile_url,
        tile_attribution=ctx.settings.tile_attribution,
        feature_key=feature_key,
        size_px=size,
    )


def world_colour_key(size: tuple[int, int]) -> dict[str, object]:
    """Where the world's colour key goes: not on the right, where it would cover Samoa and
    Tonga; on the left over the empty eastern Pacific, or on a phone across the bottom,
    over Antarctica (on the left it would cover Central America)."""
    if size[0] < PHONE_WIDTH:
        return {"orientation": "h", "x": 0.5, "xanchor": "center", "y": 0.02, "len": 0.7}
    return {"x": 0.01, "xanchor": "left"}


def world_map(
    ctx: AppContext, store: ProjectStore, selection: Selection, t: Translator, size: tuple[int, int]
) -> DrawnMap:
    """Partner countries shaded by their number of projects; a click opens one."""
    outlines = ctx.boundaries.countries
    names = {
        code: t.country(code) if code in store.countries else outlines[code]
        for code in sorted(outlines)
    }
    # The outlines carry their code as the feature id.
    view = map_view(ctx, WORLD_FILE, WORLD_BOX, names, WORLD, size, feature_key="id")
    no_points = map_points(store, selection, country="")  # no sites at world scale
    counts = country_counts(store, selection)
    figure = map_figure(view, counts, no_points, t)
    small = small_areas({str(c): int(n) for c, n in counts.items()}, names, ctx.boundaries.labels)
    most = int(counts.max()) if len(counts) else 0
    figure["data"][MARKER_TRACES : MARKER_TRACES + 2] = area_marker_traces(small, most, t)
    figure["data"][0]["colorbar"] |= world_colour_key(size)
    hint = t("Click a country to open its map.")
    return DrawnMap(figure, hint, boundary_note(WORLD, t))


def japan_map(
    ctx: AppContext, store: ProjectStore, selection: Selection, t: Translator, size: tuple[int, int]
) -> DrawnMap:
    """Japan's prefectures shaded by the projects of the partners based there."""
    prefectures = ctx.boundaries.provinces_of(HOME_COUNTRY)
    names = {p.code: t.province(p) for p in prefectures}
    path = map_file(ctx.boundaries, JAPAN, None)
    labels = area_labels(names, ctx.boundaries.labels)
    box = ctx.boundaries.bounds[HOME_COUNTRY]
    view = replace(map_view(ctx, path, box, names, JAPAN, size), labels=labels)
    homes = ctx.homes
    rows = home_rows(store, selection, homes)  # once for the three counts below
    counts = prefecture_counts(store, selection, homes, rows)
    cities = home_cities(store, selection, homes, rows)
    figure = japan_figure(view, counts, cities, names, t)
    hint = t("Click a prefecture to see the partners based there and their projects.")
    unplaced = homeless_note(homeless_count(store, selection, homes, rows), t)
    return DrawnMap(figure, hint, boundary_note(JAPAN, t), unplaced)


def country_map(
    ctx: AppContext,
    store: ProjectStore,
    selection: Selection,
    country: str,
    layer: str | None,
    t: Translator,
    size: tuple[int, int],
) -> DrawnMap:
    """A country's provinces (of the layer asked for) shaded, and its project sites."""
    drawn = layer_of(ctx.boundaries, country, layer)
    names = {p.code: t.province(p) for p in drawn.units}
    bounds = ctx.boundaries.bounds[country]
    labels = area_labels(names, ctx.boundaries.labels)
    view = map_view(ctx, drawn.path, bounds, names, f"{country}/{layer}", size)
    view = replace(view, labels=labels)
    points = localised_points(map_points(store, selection, country), store.project, t)
    counts = province_counts(store, selection, country, drawn.regroup, set(names))
    figure = map_figure(view, counts, points, t)
    hint = t("Click a marker or a province to see its projects.")
    unplaced = unplaced_note(unplaced_count(store, selection, country), t)
    note_key = f"{drawn.name}-NPL" if country == "NPL" else drawn.name
    return DrawnMap(figure, hint, boundary_note(note_key, t), unplaced)


def several_countries_map(
    ctx: AppContext,
    store: ProjectStore,
    selection: Selection,
    view: str,
    t: Translator,
    size: tuple[int, int],
) -> DrawnMap:
    """Several countries at once: their outlines shaded by their numbers of projects and
    every project site in them, fitted to all of them. Outlines, not provinces: one
    boundary file the browser already has (the world's), one shaded layer, and the same
    scale for the countries; a click on a country opens its province map."""
    countries = countries_of(view)
    names = {code: t.country(code) for code in countries}
    box = union_box([ctx.boundaries.bounds[code] for code in countries])
    view_of = map_view(ctx, COUNTRIES_FILE, box, names, view, size, feature_key="id")
    points = localised_points(map_points(store, selection, countries), store.project, t)
    counts = country_counts(store, selection).reindex(list(countries), fill_value=0)
    figure = map_figure(view_of, counts, points, t)
    hint = t("Click a marker to see its projects, or a country to open its map.")
    unplaced = unplaced_note(unplaced_count(store, selection, countries), t)
    return DrawnMap(figure, hint, boundary_note(SEVERAL, t), unplaced)


def drawn_map(
    ctx: AppContext,
    store: ProjectStore,
    selection: Selection,
    country: str,
    layer: str | None,
    t: Translator,
    size: tuple[int, int],
) -> DrawnMap:
    if country == WORLD:
        return world_map(ctx, store, selection, t, size)
    if country == JAPAN:
        return japan_map(ctx, store, selection, t, size)
    if is_several(country):
        return several_countries_map(ctx, store, selection, country, t, size)
    return country_map(ctx, store, selection, country, layer, t, size)


CHOSEN = "Chosen provinces"  # the trace that outlines them
CHOSEN_LINE = {"width": 3.5, "color": "#1a1a1a"}


def chosen_units(
    boundaries: BoundaryIndex, view: str, layer: str | None, provinces: tuple[str, ...]
) -> list[str]:
    """The drawn units that the province filter names, in the layer drawn (a chosen one of
    the 63 outlines the unit of the 34 it is part of, and the other way round)."""
    if view in (WORLD, JAPAN) or is_several(view) or not provinces:
        return []
    drawn = layer_of(boundaries, view, layer)
    units = {unit.code for unit in drawn.units}
    return [
        code for code in drawn_units_of(boundaries, list(provinces), drawn.name) if code in units
    ]


def with_chosen(figure: Figure, codes: list[str]) -> Figure:
    """A country's map with the provinces the filter chose outlined, so that a province
    found in the chooser is seen on the map: a trace of their outlines above the shaded
    provinces and their names, below the markers. None chosen, the map as it was. The
    browser's layers draw the outlines with the shading (``figures.map_paint``): a choice
    is a filter change, not a new map."""
    if not codes:
        return figure
    areas = figure["data"][0]
    outline = {
        "type": "choroplethmap",
        "geojson": areas["geojson"],
        "featureidkey": areas["featureidkey"],
        "locations": codes,
        "z": [1] * len(codes),
        "colorscale": [[0, "rgba(0,0,0,0)"], [1, "rgba(0,0,0,0)"]],
        "showscale": False,
        "marker": {"line": CHOSEN_LINE},
        "hoverinfo": "skip",
        "name": CHOSEN,
        "showlegend": False,
    }
    data = figure["data"]
    return {**figure, "data": [*data[:MARKER_TRACES], outline, *data[MARKER_TRACES:]]}


def drawn_key(figure: Figure, lang: str) -> str:
    """Names the map a figure draws: its boundaries, view and size (``uirevision``), its
    language, and the areas' codes and names (a newly imported country gets its name) and
    the names written on it. Two figures with the same key differ only in what filters
    change (``figures.map_paint``: the browser's layers repaint them; the chosen provinces'
    outlines too)."""
    areas = figure["data"][0]
    written = [t.get("text") for t in figure["data"] if t.get("name") == LABELS]
    names = json.dumps([areas.get("locations"), areas.get("text"), written], ensure_ascii=False)
    digest = hashlib.sha256(names.encode()).hexdigest()[:12]
    return f"{figure['layout']['uirevision']}|{lang}|{digest}"


POINTS_KEPT = 64  # maps whose every site is remembered (a view and a data version each)
EverySite = tuple[list[Point], dict[Point, int]]
_every_point: OrderedDict[tuple[object, ...], EverySite] = OrderedDict()


def every_point(
    ctx: AppContext, country: str, layer: str | None, t: Translator, size: tuple[int, int]
) -> EverySite:
    """Every site a map can show whatever the filters, and each stack's projects: the map
    drawn with no filter (the browser is given them once per map, and a filter change only
    shows, hides and restyles them). Remembered per data version and view (bounded:
    ``POINTS_KEPT``)."""
    _, version = ctx.repository.current()
    key = (id(ctx), version, country, layer)
    if key in _every_point:
        _every_point.move_to_end(key)
        return _every_point[key]
    spec = ProjectFilter(country=countries_of(country))
    everything_store, everything = ctx.repository.select(spec)
    drawn = drawn_map(ctx, everything_store, everything, country, layer, t, size)
    found = (figure_points(drawn.figure), stack_sizes(drawn.figure))
    _every_point[key] = found
    while len(_every_point) > POINTS_KEPT:
        _every_point.popitem(last=False)
    return found
