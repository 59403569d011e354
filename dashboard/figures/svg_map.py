"""A plotly map figure drawn as an inline SVG (pure): what the page shows before plotly.js
has arrived, and what a browser without JavaScript keeps.

It draws the figure itself, not a second reading of the data: each area shaded by the
figure's own ``z`` on the figure's own colour scale, each circle where, as large and in the
colour the figure puts it, in the figure's order (ongoing projects on top). The projection is
the one the interactive map shows: Web Mercator around the figure's centre at its zoom, in a
box of the size the figure was fitted to. Coordinates are projected to pixels once per
boundary file and view (``area_paths``), simplified to half a pixel and written as whole
pixels, relative to the previous point: Viet Nam's 63 provinces are a few kB.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Mapping, Sequence
from itertools import pairwise
from typing import Any

import numpy as np
import shapely
from shapely.geometry import Polygon
from shapely.geometry.base import BaseGeometry

from .map import MARKERS

Size = tuple[int, int]
TOLERANCE = 0.5  # px: what simplification may move a boundary by
MIN_AREA = 1.5  # px²: an island smaller than this is not drawn (a speck at this size)
TILE = 512  # px: the width of the world at zoom 0, as MapLibre draws it
TRANSPARENT = "rgba(0,0,0,0)"


class Projection:
    """Web Mercator as MapLibre draws it: a zoom-z world is 512 * 2**z pixels wide, centred
    on ``centre`` in a box of ``size`` pixels."""

    def __init__(self, centre: Mapping[str, float], zoom: float, size: Size) -> None:
        self.scale = TILE * 2**zoom
        self.width, self.height = size
        self.x0, self.y0 = self._world(float(centre["lon"]), float(centre["lat"]))

    def _world(self, lon: float, lat: float) -> tuple[float, float]:
        lat = max(min(lat, 85.0), -85.0)
        x = (lon + 180.0) / 360.0 * self.scale
        y = (1 - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi) / 2
        return x, y * self.scale

    def __call__(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._world(lon, lat)
        return x - self.x0 + self.width / 2, y - self.y0 + self.height / 2

    def array(self, coords: np.ndarray) -> np.ndarray:
        """Many (lon, lat) at once: for ``shapely.transform``."""
        lon, lat = coords[:, 0], np.clip(coords[:, 1], -85.0, 85.0)
        x = (lon + 180.0) / 360.0 * self.scale - self.x0 + self.width / 2
        merc = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))
        y = (1 - merc / np.pi) / 2 * self.scale - self.y0 + self.height / 2
        return np.column_stack([x, y])


def figure_projection(figure: Mapping[str, Any], size: Size) -> Projection:
    """The projection the figure's map shows at ``size`` (the size it was fitted to)."""
    view = figure["layout"]["map"]
    return Projection(view["center"], float(view["zoom"]), size)


def _ring_path(coords: np.ndarray) -> str:
    """One closed ring in whole pixels: the first point, then each step from the last."""
    points = np.rint(coords).astype(int)
    keep = np.ones(len(points), dtype=bool)
    keep[1:] = np.any(points[1:] != points[:-1], axis=1)  # steps of zero pixels dropped
    points = points[keep]
    if len(points) < 4:  # fewer than three distinct corners: nothing to see at this size
        return ""
    steps = np.diff(points[:-1], axis=0)  # the last point repeats the first: "z" closes it
    body = " ".join(f"{dx} {dy}" for dx, dy in steps.tolist())
    return f"M{points[0][0]} {points[0][1]}l{body}z"


def _polygons(geometry: BaseGeometry) -> Iterable[Polygon]:
    if isinstance(geometry, Polygon):
        return [geometry]
    return [part for part in getattr(geometry, "geoms", []) if isinstance(part, Polygon)]


def geometry_path(geometry: BaseGeometry, projection: Projection) -> str:
    """An area's SVG path data, projected, simplified to half a pixel and rounded."""
    projected = shapely.transform(geometry, projection.array)
    simple = shapely.simplify(projected, TOLERANCE, preserve_topology=True)
    rings = [
        _ring_path(np.asarray(ring.coords))
        for polygon in _polygons(simple)
        if polygon.area >= MIN_AREA
        for ring in (polygon.exterior, *polygon.interiors)
    ]
    return "".join(ring for ring in rings if ring)


def area_paths(
    shapes: Mapping[str, BaseGeometry], projection: Projection, codes: Sequence[str]
) -> dict[str, str]:
    """The path of each area the figure draws (``codes``), for one view: the costly part,
    which the page caches per boundary file and view."""
    return {code: geometry_path(shapes[code], projection) for code in codes if code in shapes}


def _rgb(colour: str) -> tuple[float, float, float]:
    colour = colour.strip()
    if colour.startswith("#"):
        return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
    parts = colour[colour.index("(") + 1 : colour.index(")")].split(",")
    return float(parts[0]), float(parts[1]), float(parts[2])


def scale_colour(colorscale: Sequence[Sequence[Any]], fraction: float) -> str:
    """The colour plotly gives a value ``fraction`` (0-1) of the way along its colour scale:
    linear in RGB between the two stops around it."""
    fraction = min(max(fraction, 0.0), 1.0)
    stops = [(float(at), str(colour)) for at, colour in colorscale]
    for (low, low_colour), (high, high_colour) in pairwise(stops):
        if low <= fraction <= high:
            if TRANSPARENT in (low_colour.replace(" ", ""), high_colour.replace(" ", "")):
                return "none"
            step = 0.0 if high == low else (fraction - low) / (high - low)
            a, b = _rgb(low_colour), _rgb(high_colour)
            mixed = (round(x + (y - x) * step) for x, y in zip(a, b, strict=True))
            return "#" + "".join(f"{v:02x}" for v in mixed)
    return scale_colour([[0.0, stops[-1][1]], [1.0, stops[-1][1]]], 1.0)


def _areas(trace: Mapping[str, Any], paths: Mapping[str, str], names: bool) -> list[str]:
    """A choroplethmap trace: each area with its fill from ``z`` and its outline."""
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    span = (zmax - zmin) or 1.0
    line = trace.get("marker", {}).get("line", {})
    opacity = trace.get("marker", {}).get("opacity", 1)
    texts = trace.get("text") or []
    out = [
        f'<g stroke="{line.get("color", "#7f8c8d")}" stroke-width="{line.get("width", 1)}"'
        f' fill-opacity="{opacity}" stroke-linejoin="round">'
    ]
    for index, (code, z) in enumerate(zip(trace["locations"], trace["z"], strict=True)):
        path = paths.get(code)
        if not path:
            continue
        fill = scale_colour(trace["colorscale"], (float(z) - zmin) / span)
        name = texts[index] if names and index < len(texts) else ""
        title = f"<title>{html.escape(f'{name}: {z}')}</title>" if name else ""
        out.append(
            f'<path data-code="{html.escape(code)}" data-count="{z}" fill="{fill}"'
            f' d="{path}">{title}</path>'
        )
    out.append("</g>")
    return out


def _each(value: Any, count: int) -> list[Any]:
    """A marker property as one value per point (plotly takes a list or one for all)."""
    return list(value) if isinstance(value, list | tuple) else [value] * count


def _circles(trace: Mapping[str, Any], projection: Projection, ids: Sequence[Any]) -> list[str]:
    """A scattermap trace of markers: each circle where the figure puts it (its size is a
    diameter in pixels); the numbers of a stack's projects written on its white disc."""
    lons, lats = trace.get("lon") or [], trace.get("lat") or []
    count = len(lons)
    marker = trace.get("marker", {})
    sizes = _each(marker.get("size", 6), count)
    colours = _each(marker.get("color", "#444444"), count)
    opacities = _each(marker.get("opacity", 1), count)
    texts = _each(trace.get("text"), count) if "text" in trace.get("mode", "") else []
    out = [f'<g data-trace="{html.escape(str(trace.get("name", "")))}">']
    for index in range(count):
        x, y = projection(float(lons[index]), float(lats[index]))
        project = ids[index] if index < len(ids) and isinstance(ids[index], str) else None
        mark = f' data-project="{html.escape(project)}"' if project else ""
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{float(sizes[index]) / 2:g}"'
            f' fill="{colours[index]}" fill-opacity="{opacities[index]}"{mark}/>'
        )
        if texts and texts[index] is not None:
            font = trace.get("textfont", {})
            out.append(
                f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" dominant-baseline="central"'
                f' font-size="{font.get("size", 11)}" fill="{font.get("color", "#1a1a1a")}">'
                f"{html.escape(str(texts[index]))}</text>"
            )
    out.append("</g>")
    return out


# The colour bar as plotly.js draws it (measured in Chromium on the app's maps): a box of
# ``len`` times the map's height, padded 10 px, the title (14 px) above the bar, the bar
# ``thickness`` wide, its labels (12 px) 3.4 px to its right; the box kept inside the map.
BAR_PAD = 10.0
BAR_TITLE = 21.0  # px from the box's padding to the bar: the title's line and a gap
BAR_LABEL_GAP = 3.4
BAR_TEXT = "#444444"
# The page's fonts, named in the bar itself: the map's PNG draws the bar as a picture, which
# the page's CSS does not reach (it was a serif there)
BAR_FONT = "system-ui, -apple-system, 'Segoe UI', 'Hiragino Sans', 'Noto Sans', sans-serif"


def _text_width(text: str, size: float) -> float:
    """About how wide a text is in the page's sans-serif: CJK a square, others half."""
    return sum(size if ord(char) >= 0x2E80 else size * 0.56 for char in text)


def _bar_pieces(colorscale: Sequence[Sequence[Any]], span: float) -> list[tuple[float, float]]:
    """The bar as bands (from, to: fractions of the scale), each one colour: each step of
    the colour scale cut into bands of at most 3 px of ``span`` and one colour step (8 of
    255 in a channel), so that the bands read as plotly's gradient."""
    stops = [float(at) for at, _ in colorscale]
    pieces: list[tuple[float, float]] = []
    for low, high in pairwise(stops):
        if high <= low:
            continue
        a, b = scale_colour(colorscale, low), scale_colour(colorscale, high)
        change = (
            max(abs(x - y) for x, y in zip(_rgb(a), _rgb(b), strict=True))
            if "none" not in (a, b)
            else 0
        )
        count = max(1, min(math.ceil(change / 8), math.ceil((high - low) * span / 3)))
        step = (high - low) / count
        pieces += [(low + k * step, low + (k + 1) * step) for k in range(count)]
    return pieces


def _bar_box(bar: Mapping[str, Any], size: Size, width: float) -> tuple[float, float, float]:
    """The colour bar's box: its left, top and height, kept inside the map."""
    map_width, map_height = size
    anchor = {"left": 0.0, "center": 0.5, "right": 1.0}.get(bar.get("xanchor", "left"), 0.0)
    left = float(bar.get("x", 1.02)) * map_width - anchor * width
    left = min(max(left, 0.0), map_width - width)
    height = float(bar.get("len", 1.0)) * map_height
    top = (1 - float(bar.get("y", 0.5))) * map_height - height / 2
    return left, top, height


def _ticks(trace: Mapping[str, Any], bar: Mapping[str, Any]) -> tuple[list[float], list[str]]:
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    step = float(bar.get("dtick") or max(zmax - zmin, 1))
    ticks = [zmin + k * step for k in range(int((zmax - zmin) // step) + 1)]
    return ticks, [f"{tick:.0f}" for tick in ticks]


def _across_bar(trace: Mapping[str, Any], bar: Mapping[str, Any], size: Size) -> str:
    """The colour bar laid across the map's foot (a phone's world map): the title above the
    bar (its colour scale, left to right), the labels under it."""
    map_width, map_height = size
    ticks, labels = _ticks(trace, bar)
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    title = str((bar.get("title") or {}).get("text", ""))
    thickness = float(bar.get("thickness", 30))
    span = float(bar.get("len", 1.0)) * map_width - 2 * BAR_PAD
    height = 2 * BAR_PAD + BAR_TITLE + thickness + BAR_LABEL_GAP + 12
    left = float(bar.get("x", 0.5)) * map_width - (span + 2 * BAR_PAD) / 2
    top = (1 - float(bar.get("y", 0.02))) * map_height - height
    x0, y = left + BAR_PAD, top + BAR_PAD + BAR_TITLE
    out = [f'<g class="first-view-scale" fill="{BAR_TEXT}" font-family="{BAR_FONT}">']
    title_y = top + BAR_PAD + 12
    out.append(f'<text x="{x0:.1f}" y="{title_y:.1f}" font-size="14">{html.escape(title)}</text>')
    out.append('<g shape-rendering="crispEdges">')
    for low, high in _bar_pieces(trace["colorscale"], span):
        colour = scale_colour(trace["colorscale"], (low + high) / 2)
        out.append(
            f'<rect x="{x0 + low * span:.1f}" y="{y:.1f}" width="{(high - low) * span + 0.5:.1f}"'
            f' height="{thickness:g}" fill="{colour}"/>'
        )
    out.append(
        f'</g><rect x="{x0:.1f}" y="{y:.1f}" width="{span:.1f}" height="{thickness:g}"'
        ' fill="none" stroke="#444444" stroke-width="1"/>'
    )
    for tick, label in zip(ticks, labels, strict=True):
        x = x0 + (tick - zmin) / ((zmax - zmin) or 1) * span
        out.append(
            f'<text x="{x:.1f}" y="{y + thickness + BAR_LABEL_GAP + 10:.1f}" font-size="12"'
            f' text-anchor="middle">{label}</text>'
        )
    out.append("</g>")
    return "".join(out)


def colour_bar(trace: Mapping[str, Any], size: Size) -> str:
    """The key to the areas' colours the figure's colour bar draws: the bar (its colour
    scale, bottom to top), its title and its labels at each ``dtick``; across the map's foot
    when the figure lays it so (a phone's world map)."""
    bar = trace.get("colorbar")
    if not bar or trace.get("showscale") is False:
        return ""
    if bar.get("orientation") == "h":
        return _across_bar(trace, bar, size)
    zmin, zmax = float(trace.get("zmin", 0)), float(trace.get("zmax", 1))
    ticks, labels = _ticks(trace, bar)
    title = str((bar.get("title") or {}).get("text", ""))
    thickness = float(bar.get("thickness", 30))
    inner = max(
        _text_width(title, 14),
        thickness + BAR_LABEL_GAP + max((_text_width(x, 12) for x in labels), default=0),
    )
    left, top, height = _bar_box(bar, size, inner + 2 * BAR_PAD)
    x, y0 = left + BAR_PAD, top + BAR_PAD + BAR_TITLE
    span = max(height - 2 * BAR_PAD - BAR_TITLE, 1.0)
    bottom = y0 + span
    out = [f'<g class="first-view-scale" fill="{BAR_TEXT}" font-family="{BAR_FONT}">']
    out.append(
        f'<text x="{x:.1f}" y="{top + BAR_PAD + 12:.1f}" font-size="14">{html.escape(title)}</text>'
    )
    out.append('<g shape-rendering="crispEdges">')
    for low, high in _bar_pieces(trace["colorscale"], span):
        colour = scale_colour(trace["colorscale"], (low + high) / 2)
        y = bottom - high * span
        out.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{thickness:g}"'
            f' height="{(high - low) * span + 0.5:.1f}" fill="{colour}"/>'
        )
    out.append(
        f'</g><rect x="{x:.1f}" y="{y0:.1f}" width="{thickness:g}" height="{span:.1f}"'
        ' fill="none" stroke="#444444" stroke-width="1"/>'
    )
    for tick, label in zip(ticks, labels, strict=True):
        y = bottom - (tick - zmin) / ((zmax - zmin) or 1) * span
        out.append(
            f'<text x="{x + thickness + BAR_LABEL_GAP:.1f}" y="{y:.1f}" font-size="12"'
            f' dominant-baseline="central">{label}</text>'
        )
    out.append("</g>")
    return "".join(out)


Box = tuple[float, float, float, float]  # left, top, right, bottom (px)
NAME_HALO = 3  # px: the white ring around each letter (assets/map-text.js gives MapLibre's)


def _overlaps(box: tuple[float, float, float, float], boxes: list[Box]) -> bool:
    left, top, right, bottom = box
    return any(left < b[2] and b[0] < right and top < b[3] and b[1] < bottom for b in boxes)


NAME_PADDING = 2.0  # px around a name that no other text may enter (MapLibre's text-padding)


def _number_boxes(data: Sequence[Mapping[str, Any]], projection: Projection) -> list[Box]:
    """The numbers on stacked sites' discs: text MapLibre writes before the names."""
    boxes = []
    for trace in data:
        if (
            trace.get("type") != "scattermap"
            or "text" not in trace.get("mode", "")
            or _is_names(trace)
        ):
            continue
        sizes = _each(trace.get("marker", {}).get("size", 6), len(trace.get("lon") or []))
        for lon, lat, size in zip(
            trace.get("lon") or [], trace.get("lat") or [], sizes, strict=False
        ):
            x, y = projection(float(lon), float(lat))
            half = float(size) / 2
            boxes.append((x - half, y - half, x + half, y + half))
    return boxes


def area_names(
    trace: Mapping[str, Any],
    projection: Projection,
    size: Size,
    taken: Sequence[Box] = (),
) -> list[str]:
    """The areas' names (the figure's text trace), as MapLibre writes them: in the trace's
    order (the largest areas first), each at its point, left out where it would come within
    ``NAME_PADDING`` of a name already written or of ``taken`` (the stacks' numbers), or
    leave the map."""
    font = trace.get("textfont", {})
    px = float(font.get("size", 11))
    width, height = size
    placed: list[Box] = list(taken)
    out = [
        f'<g class="first-view-names" font-size="{px:g}" fill="{font.get("color", "#1a1a1a")}"'
        f' text-anchor="middle" dominant-baseline="central" stroke="#ffffff"'
        f' stroke-width="{NAME_HALO}" stroke-linejoin="round" paint-order="stroke">'
    ]
    for lon, lat, text in zip(
        trace.get("lon") or [], trace.get("lat") or [], trace.get("text") or [], strict=False
    ):
        x, y = projection(float(lon), float(lat))
        half = _text_width(str(text), px) * 1.1 / 2 + NAME_PADDING
        box = (x - half, y - px * 0.7 - NAME_PADDING, x + half, y + px * 0.7 + NAME_PADDING)
        if box[0] < 0 or box[1] < 0 or box[2] > width or box[3] > height or _overlaps(box, placed):
            continue
        placed.append(box)
        out.append(f'<text x="{x:.1f}" y="{y:.1f}">{html.escape(str(text))}</text>')
    out.append("</g>")
    return out if len(out) > 2 else []


def _is_names(trace: Mapping[str, Any]) -> bool:
    return trace.get("type") == "scattermap" and trace.get("mode") == "text"


def _drawn(trace: Mapping[str, Any]) -> bool:
    """The markers one sees: not the names (MapLibre places those), not the invisible
    targets that hover and clicks read."""
    if trace.get("type") != "scattermap" or "markers" not in trace.get("mode", "markers"):
        return False
    return trace.get("marker", {}).get("opacity", 1) != 0


def _target_ids(data: Sequence[Mapping[str, Any]]) -> list[Any]:
    """The project IDs the figure's click targets carry, in its markers' order."""
    for trace in data:
        if trace.get("type") == "scattermap" and trace.get("marker", {}).get("opacity") == 0:
            return list(trace.get("customdata") or [])
    return []


def svg_map(
    figure: Mapping[str, Any], paths: Mapping[str, str], size: Size, label: str = ""
) -> str:
    """The figure as an SVG of ``size`` pixels (scaled by CSS to its box). ``paths``: the
    areas' shapes for this view (``area_paths``); ``label``: what the picture shows, for
    screen readers (the page says the same in words beside it)."""
    projection = figure_projection(figure, size)
    data = figure["data"]
    ids = _target_ids(data)
    width, height = size
    body: list[str] = []
    for index, trace in enumerate(data):
        if trace.get("type") == "choroplethmap":
            body += _areas(trace, paths, names=index == 0)
        elif _is_names(trace):
            body += area_names(trace, projection, size, _number_boxes(data, projection))
        elif _drawn(trace):
            body += _circles(trace, projection, ids if trace.get("name") == MARKERS else [])
    if data and data[0].get("type") == "choroplethmap":
        body.append(colour_bar(data[0], size))  # over the map, as plotly draws it
    aria = f' role="img" aria-label="{html.escape(label)}"' if label else ' aria-hidden="true"'
    return (
        f'<svg class="first-view-map" xmlns="http://www.w3.org/2000/svg"'
        f' viewBox="0 0 {width} {height}" preserveAspectRatio="xMidYMid meet"{aria}>'
        + "".join(body)
        + "</svg>"
    )
