"""A drawn map split in two: the base plotly.js draws once per map (the style, the fit and
the areas' names) and the paint that each filter change sets (pure).

Why: any change to a plotly figure's data makes plotly.js hand MapLibre every source again,
which re-tiles them in a worker and redraws with the areas' names laid out anew: 1.3-3 s at
4x CPU on a phone-class browser (issue 13, README "A filter change at 4x CPU"). The page's
own MapLibre layers (``assets/map-paint.js``) are given the areas and every site of the map
once, and a filter change sets only each one's feature state (its colour, size, ring,
number and whether it shows), which MapLibre paints without a worker.

The paint is read from the figure ``map_figure`` and the views build, so that the figure
stays the one statement of what a map draws: the first view's SVG draws it too.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from .map import COUNTS, HALO, LABELS, TARGETS, Figure
from .svg_map import colour_bar, scale_colour

Point = tuple[float, float]
# A site's paint, positionally (the answer is sent at every filter change: no keys in it):
# its point's index in ``points``, the ring's diameter and colour, the circle's diameter,
# colour and opacity, the stack's disc diameter and number (0 and "" for one project), the
# hover text (plotly's subset of HTML), and what a click on it carries (plotly's
# ``customdata``: a project's ID, an area's code, or None), and the ring's opacity.
SITE_FIELDS = (
    "point",
    "ring",
    "ring_colour",
    "size",
    "colour",
    "opacity",
    "disc",
    "number",
    "hover",
    "click",
    "ring_opacity",
)
NO_FILL = "rgba(0,0,0,0)"  # an area the colour scale leaves unshaded ("none" in the SVG)
ROUND = 6  # decimal places of a point (about 0.1 m): the same site from two answers matches


def _each(value: Any, count: int) -> list[Any]:
    """A marker property as one value per point (plotly takes a list or one for all)."""
    return list(value) if isinstance(value, list | tuple) else [value] * count


def point_key(lon: float, lat: float) -> Point:
    return round(float(lon), ROUND), round(float(lat), ROUND)


def _trace_points(trace: Mapping[str, Any]) -> list[Point]:
    lons, lats = trace.get("lon") or [], trace.get("lat") or []
    return [point_key(lon, lat) for lon, lat in zip(lons, lats, strict=True)]


def _is_area(trace: Mapping[str, Any]) -> bool:
    return trace.get("type") == "choroplethmap"


def marker_traces(figure: Figure) -> list[Mapping[str, Any]]:
    """The figure's site traces: every scattermap but the areas' names."""
    return [
        trace
        for trace in figure["data"]
        if trace.get("type") == "scattermap" and trace.get("name") != LABELS
    ]


def figure_points(figure: Figure) -> list[Point]:
    """Every point the figure draws a site at, once each, in the order first drawn."""
    seen: dict[Point, None] = {}
    for trace in marker_traces(figure):
        seen.update(dict.fromkeys(_trace_points(trace)))
    return list(seen)


def promoted_property(feature_key: str) -> str:
    """The GeoJSON property that names each area, for MapLibre's ``promoteId``: the
    provinces' files carry ``properties.code``; the world's outlines their code as the
    feature's id, which equals their ``adm0_a3`` (tests/figures check every feature)."""
    if feature_key == "id":
        return "adm0_a3"
    return feature_key.removeprefix("properties.")


def base_figure(figure: Figure) -> Figure:
    """What plotly.js draws: the style, the fit, the view's revision and the areas' names.
    Always one trace (plotly.js makes a map only for a trace on it), hover off: the page's
    own layers answer the pointer."""
    names = [t for t in figure["data"] if t.get("type") == "scattermap" and t.get("name") == LABELS]
    trace = dict(names[0]) if names else {"type": "scattermap", "lon": [], "lat": []}
    trace.update({"name": LABELS, "mode": "text", "hoverinfo": "skip", "showlegend": False})
    trace.setdefault("text", [])
    return {"data": [trace], "layout": figure["layout"]}


def _area_trace(figure: Figure) -> Mapping[str, Any] | None:
    return next((t for t in figure["data"] if _is_area(t)), None)


def _area_base(trace: Mapping[str, Any]) -> dict[str, Any]:
    """What no filter changes in the shaded areas: their file, codes and outlines."""
    marker = trace.get("marker", {})
    line = marker.get("line", {})
    return {
        "url": trace["geojson"],
        "promote": promoted_property(str(trace.get("featureidkey", "properties.code"))),
        "codes": [str(code) for code in trace["locations"]],
        "opacity": marker.get("opacity", 1),
        "line": [line.get("width", 1), line.get("color", "#7f8c8d")],
    }


def _areas(figure: Figure) -> dict[str, Any] | None:
    """What filters change in the shaded areas: their colours (from the trace's colour
    scale, as the first view's SVG shades them), hovers, and the chosen areas' codes."""
    areas = [t for t in figure["data"] if _is_area(t)]
    if not areas:
        return None
    trace = areas[0]
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    span = (zmax - zmin) or 1.0
    zs = [int(z) for z in trace["z"]]
    colours = [scale_colour(trace["colorscale"], (z - zmin) / span) for z in zs]
    hovers = [str(text) for text in trace["hovertext"]]  # map_figure writes each area's
    chosen_line = areas[1].get("marker", {}).get("line", {}) if len(areas) > 1 else {}
    return {
        "counts": zs,
        "colours": [NO_FILL if colour == "none" else colour for colour in colours],
        "hovers": hovers,
        "chosen": [code for t in areas[1:] for code in t.get("locations", [])],
        "chosen_line": [chosen_line.get("width", 3.5), chosen_line.get("color", "#1a1a1a")],
    }


def _site_rows(figure: Figure, index: Mapping[Point, int]) -> list[list[Any]]:
    """Each site's paint (``SITE_FIELDS``), read from the marker traces by their roles: the
    rings (``HALO``), the circles, the stacks' numbers (``COUNTS``) and the hover and click
    targets (``TARGETS``; on the overviews the circles carry hover and clicks)."""
    sites: dict[Point, list[Any]] = {}

    def row(point: Point) -> list[Any]:
        blank = [index[point], 0, "#ffffff", 0, "#888888", 1, 0, "", "", None, 1]
        return sites.setdefault(point, blank)

    for trace in marker_traces(figure):
        points = _trace_points(trace)
        count = len(points)
        marker = trace.get("marker", {})
        sizes = _each(marker.get("size", 6), count)
        colours = _each(marker.get("color", "#444444"), count)
        opacities = _each(marker.get("opacity", 1), count)
        hovers = _each(trace.get("hovertext"), count)
        clicks = _each(trace.get("customdata"), count)
        name = trace.get("name")
        for i, point in enumerate(points):
            site = row(point)
            if name == HALO:
                site[1], site[2], site[10] = sizes[i], colours[i], opacities[i]
            elif name == COUNTS:
                site[6], site[7] = sizes[i], str(_each(trace.get("text"), count)[i])
            elif name != TARGETS:
                site[3], site[4], site[5] = sizes[i], colours[i], opacities[i]
            if name != HALO and name != COUNTS and hovers[i] is not None:
                site[8], site[9] = hovers[i], clicks[i]
    return list(sites.values())


NUMBERS_KEPT = 20_000  # stacks' numbers given with a map; more: sent with each change


def stack_sizes(figure: Figure) -> dict[Point, int]:
    """Each stacked site's number of projects, as the figure writes it on the site (its
    digits: "1,234" and "1.234" are 1234)."""
    sizes: dict[Point, int] = {}
    for trace in marker_traces(figure):
        if trace.get("name") == COUNTS:
            texts = _each(trace.get("text"), len(trace.get("lon") or []))
            for point, text in zip(_trace_points(trace), texts, strict=True):
                digits = "".join(ch for ch in str(text) if ch.isascii() and ch.isdigit())
                if digits:
                    sizes[point] = int(digits)
    return sizes


def every_number(
    points: Sequence[Point], sizes: Mapping[Point, int], number: Callable[[int], str]
) -> list[list[Any]]:
    """Every number a stack can show whatever the filters, as [its point's index, text]:
    2 to the site's projects with no filter. Given once per map, so that a filter change
    only shows one and hides another (none past ``NUMBERS_KEPT`` in all: then each change
    sends its stacks' numbers)."""
    index = {point: i for i, point in enumerate(points)}
    wanted = sum(max(size - 1, 0) for point, size in sizes.items() if point in index)
    if wanted > NUMBERS_KEPT:
        return []
    return [
        [index[point], number(n)]
        for point, size in sizes.items()
        if point in index
        for n in range(2, size + 1)
    ]


def points_key(points: Sequence[Point]) -> str:
    return hashlib.sha256(json.dumps(points).encode()).hexdigest()[:16]


def map_paint(
    figure: Figure,
    size: tuple[int, int],
    key: str,
    points: Sequence[Point],
    new_map: bool = True,
    numbers: Sequence[Sequence[Any]] = (),
) -> dict[str, Any]:
    """What the page's layers draw on the map ``key`` names (``map_key``). ``points``:
    every site the map can show (``with_figure_points``). ``new_map``: the browser does not
    draw this map yet, and is given what no filter changes too (``base``: the areas' file,
    codes and outlines, every site's point and every number a stack can show,
    ``every_number``); else only what filters change."""
    index = {point: i for i, point in enumerate(points)}
    area_trace = _area_trace(figure)
    paint: dict[str, Any] = {
        "map": key,
        "size": list(size),
        "areas": _areas(figure),
        "sites": _site_rows(figure, index),
        "bar": colour_bar(area_trace, size) if area_trace else "",
    }
    if new_map:
        paint["base"] = {
            "areas": _area_base(area_trace) if area_trace else None,
            "points": [list(p) for p in points],
            "numbers": [list(n) for n in numbers],
        }
    return paint


def with_figure_points(every_point: Sequence[Point], figure: Figure) -> list[Point]:
    """``every_point`` (the view's sites with no filter), and after them any of the figure's
    own that is missing (a site the unfiltered map lacks: the browser is then given the
    points again, as for a new map)."""
    return list(dict.fromkeys([*every_point, *figure_points(figure)]))


def map_key(drawn: str, points: Sequence[Point]) -> str:
    """Names the map the browser draws: the figure's (``views.drawn_key``) and its points."""
    return f"{drawn}|{points_key(points)}"
