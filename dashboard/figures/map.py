"""The project map: provinces shaded by project count, one circle per project location.

Boundaries are referenced by URL, not embedded: the browser fetches and caches them once,
and each filter change sends only counts and points.
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any, Protocol, SupportsInt

import numpy as np
import pandas as pd

from ..data import vocab
from ..data.model import Project
from ..i18n import Translator, translator
from .palette import FIELD_COLOURS, NO_FIELD_COLOUR, count_colour, count_scale

HALO = "marker outline"
LABELS = "names"  # the trace of the areas' names
COUNTS = "counts"  # the trace of the numbers on stacked sites
# The trace that hover and clicks read: every site's point, invisible and small. plotly picks
# the circle under the pointer with the smallest radius, not the nearest: over two big
# overlapping stacks, the centre of one would show the other. Equal small targets make the
# nearest centre win.
TARGETS = "targets"
TARGET_SIZE = 8

# plotly's "white-bg" style without its glyph server: with no glyphs URL, MapLibre draws the
# letters of the map's text (names, counts) with the browser's own fonts and asks no one.
# No empty object in it: plotly prunes empty containers when it updates a figure, and a style
# without "sources" is invalid (the map would stop updating); hence one unused point source.
OFFLINE_STYLE: dict[str, Any] = {
    "version": 8,
    "id": "jpp-white",
    "sources": {
        "jpp-unused": {
            "type": "geojson",
            "data": {"type": "Point", "coordinates": [0, 0]},
        }
    },
    "layers": [{"id": "white-bg", "type": "background", "paint": {"background-color": "#FFFFFF"}}],
}


@dataclass(frozen=True)
class MapView:
    geojson_url: str
    bounds: tuple[float, float, float, float]  # lon/lat box to fit
    province_codes: Sequence[str]  # every province of the layer, so that all are drawn
    province_names: Sequence[str]
    revision: str  # keeps the user's pan and zoom while only the filters change
    tile_url: str | None = None
    tile_attribution: str = ""
    feature_key: str = "properties.code"  # where each feature's code is in the GeoJSON
    size_px: tuple[int, int] = (600, 540)  # the map's size in the browser, to fit the box in
    # The areas' names and where to write them, the largest area first (MapLibre leaves out
    # a name that would overlap one written before it: zooming in shows more).
    labels: Sequence[tuple[str, float, float]] = ()


# Below zoom 0 the world is narrower than 512 px: a phone shows all of it (MapLibre goes to -2).
MIN_ZOOM = -1.0
# Room kept on each side of the fitted box, as MapLibre's fitBounds padding: a country's edge
# (and the name written on its last unit) is not cut by the frame (Nepal's ends were).
FIT_PADDING_PX = 16
# The colour bar's room at the map's right edge: plotly narrows the map by it (its bar, ticks
# and title: 65 px in Chromium, "Projects"), so the box is fitted into what is left (Nepal's
# east was under the bar at 1280 px, its ends cut at 360 px).
COLOUR_BAR_PX = 72


def fit_view(
    bounds: tuple[float, float, float, float],
    width_px: int = 600,
    height_px: int = 540,
    right_px: int = 0,
) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit the box in a map of about this size (choroplethmap won't fit),
    less ``right_px``, which the colour bar takes from the map's width.

    Web Mercator as MapLibre draws it: a zoom-z world is 512 * 2**z pixels wide.
    """
    west, south, east, north = bounds

    def mercator_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(east - west, 0.01)
    y_span = max(mercator_y(north) - mercator_y(south), 0.0002)
    right_px = min(right_px, width_px // 4)  # a phone's map keeps most of its width
    width_px = max(width_px - 2 * FIT_PADDING_PX - right_px, 64)
    height_px = max(height_px - 2 * FIT_PADDING_PX, 64)
    zoom_x = math.log2(width_px / 512 * 360 / lon_span)
    zoom_y = math.log2(height_px / 512 * 2 * math.pi / y_span)
    zoom = max(MIN_ZOOM, min(zoom_x, zoom_y, 12.0))
    centre_y = (mercator_y(north) + mercator_y(south)) / 2
    centre = {
        "lon": round(((west + east) / 2 + 180) % 360 - 180, 5),
        "lat": round(math.degrees(2 * math.atan(math.exp(centre_y)) - math.pi / 2), 5),
    }
    return centre, round(zoom, 2)


class ProjectMarker(Protocol):
    """A project's marker: a row of ``localised_points`` as ``itertuples`` gives it (a
    ``status`` column is optional)."""

    @property
    def title(self) -> object: ...
    @property
    def partners(self) -> object: ...
    @property
    def period(self) -> object: ...


class SiteMarker(Protocol):
    """A site's marker: a row of ``summaries.map_sites`` as ``itertuples`` gives it (an
    ``ongoing`` column is optional)."""

    @property
    def place(self) -> object: ...
    @property
    def projects(self) -> SupportsInt: ...
    @property
    def fields(self) -> Sequence[tuple[str | None, int]]: ...


def hover_text(row: ProjectMarker, t: Translator) -> str:
    title = html.escape(str(row.title))
    partners = html.escape(str(row.partners or t("Partner not stated")))
    period = html.escape(str(row.period))
    status = getattr(row, "status", None)
    if isinstance(status, str) and status:
        period += f" · {html.escape(t.term(vocab.STATUSES, status))}"
    return f"<b>{title}</b><br>{partners}<br>{period}"


def localised_points(
    points: pd.DataFrame, projects: Callable[[str], Project | None], t: Translator
) -> pd.DataFrame:
    """The markers' hover facts (title, partners, period) in the visitor's language."""
    if points.empty or "projects" in points:  # sites (summaries.map_sites): no project facts
        return points
    found = [projects(project_id) for project_id in points["project_id"]]
    partner_names = [
        ", ".join(name.text for name in map(t.partner_name, p.partners) if name) if p else ""
        for p in found
    ]
    return points.assign(
        title=[t.title(p).text if p else "" for p in found],
        partners=partner_names,
        period=[t.period(p) if p else "" for p in found],
    )


def site_sizes(projects: pd.Series) -> list[float]:
    """A site's circle grows with the log of its projects: 1 → 11 px (a project's), 1,000 → 23."""
    return [round(11 + 4 * math.log10(max(1, int(n))), 1) for n in projects]


def projects_here(t: Translator, count: int) -> str:
    return t.plural("{count} project here", "{count} projects here", count)


@lru_cache(maxsize=4096)
def _number(lang: str, value: int) -> str:
    return translator(lang).number(value)


def stack_number(lang: str, value: int) -> str:
    """The number written on a stack of ``value`` projects, in the language's digits."""
    return _number(lang, value)


@lru_cache(maxsize=4096)
def _area_count(lang: str, count: int) -> str:
    return translator(lang).plural("{count} project", "{count} projects", count)


@lru_cache(maxsize=4096)
def _projects_here(lang: str, count: int) -> str:
    return projects_here(translator(lang), count)


def site_hover_text(
    row: SiteMarker,
    t: Translator,
    number: Callable[[int], str] | None = None,
    here: Callable[[int], str] | None = None,
) -> str:
    """The site's name, its number of projects and the fields they are in, most first.

    ``number`` and ``here``: memos of ``t.number`` and ``projects_here`` (CLDR number
    formatting costs ~0.15 ms a number; a map has hundreds of them).
    """
    number = number or t.number
    place, count, fields = row.place, int(row.projects), row.fields
    lines = [f"<b>{html.escape(str(place))}</b>"] if isinstance(place, str) and place else []
    lines.append(here(count) if here else projects_here(t, count))
    ongoing = getattr(row, "ongoing", 0)
    if isinstance(ongoing, int | np.integer) and ongoing:
        lines.append(t("of which ongoing: {count}", count=number(int(ongoing))))
    for key, projects in fields[:3]:
        label = t.term(vocab.FIELDS, key) if key else t("Field not stated")
        lines.append(f"{html.escape(label)}: {number(projects)}")
    if others := sum(projects for _, projects in fields[3:]):
        lines.append(t("Other fields: {count}", count=number(others)))
    return "<br>".join(lines)


@dataclass(frozen=True)
class MarkerLook:
    """How a marker is drawn: its circle's size and opacity, and the ring under it."""

    size: float
    ring: float  # the ring's diameter: ``ring - size`` is its visible width
    ring_colour: str
    opacity: float


# Ongoing on the "as of" date: a large, solid circle in a thick dark ring. Completed, planned
# or not stated: a smaller, paler circle in a thin grey ring. Size and ring tell them apart,
# not colour (which says the field), and both are plain circles: any other marker symbol
# would make plotly.js fetch icons from the internet.
ONGOING_LOOK = MarkerLook(size=12, ring=17, ring_colour="#1a1a1a", opacity=0.95)
OTHER_LOOK = MarkerLook(size=8, ring=10, ring_colour="#8c8c8c", opacity=0.6)


def marker_look(status: object) -> MarkerLook:
    """A project's marker by its status as of the map's date."""
    return ONGOING_LOOK if status == "ongoing" else OTHER_LOOK


def site_look(projects: int, ongoing: int) -> MarkerLook:
    """A site of one project looks as that project's marker; a stack of several is a bigger
    circle (with its number on a white disc, ``count_disc``) that grows with the log of its
    projects, and looks ongoing when any of them is."""
    if projects <= 1:
        return marker_look("ongoing" if ongoing else None)
    size = round(18 + 6 * math.log10(projects), 1)
    if ongoing:
        return MarkerLook(size, size + 5, ONGOING_LOOK.ring_colour, ONGOING_LOOK.opacity)
    return MarkerLook(size, size + 2, OTHER_LOOK.ring_colour, 0.75)


def count_disc(look: MarkerLook) -> float:
    """The white disc in a stack's circle that its number is written on."""
    return round(look.size * 0.62, 1)


Figure = dict[str, Any]  # a plotly figure as plain data: Dash sends it as it is
MARKERS = "projects"  # the name of the trace of markers
FIELD_ORDER = {key: n for n, key in enumerate(vocab.keys(vocab.FIELDS))}


STACK_TITLES = 6  # titles a stacked site's hover lists; the others are "and N more"
TITLE_CHARS = 48  # a longer title is cut (a hover wider than a phone is unreadable)


def short_title(title: str, limit: int = TITLE_CHARS) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def stack_hover_text(rows: Sequence[ProjectMarker], t: Translator, cap: int = STACK_TITLES) -> str:
    """A site where several projects are: its place, how many projects and how many of them
    are ongoing, and their titles (the ongoing first, in bold), ``cap`` at the most, then
    "and N more". Every project is in the side panel that a click on the site opens."""
    places = {getattr(row, "place", None) for row in rows}  # named when all share the name
    place = places.pop() if len(places) == 1 else None
    lines = [f"<b>{html.escape(place)}</b>"] if isinstance(place, str) and place else []
    lines.append(projects_here(t, len(rows)))
    ongoing = [getattr(row, "status", None) == "ongoing" for row in rows]
    if any(ongoing):
        lines.append(t("of which ongoing: {count}", count=t.number(sum(ongoing))))
    order = sorted(range(len(rows)), key=lambda i: not ongoing[i])
    for i in order[:cap]:
        title = html.escape(short_title(str(rows[i].title)))
        lines.append(f"• <b>{title}</b>" if ongoing[i] else f"• {title}")
    if len(rows) > cap:
        lines.append(html.escape(t("and {count} more", count=t.number(len(rows) - cap))))
    return "<br>".join(lines)


def stack_points(points: pd.DataFrame) -> list[list[int]]:
    """The positions in ``points`` (one row per project and location) of the projects at
    each site: rows at the same point (to six decimals) form one site, in first-seen order."""
    sites: dict[tuple[float, float], list[int]] = {}
    for position, (lon, lat) in enumerate(zip(points["lon"], points["lat"], strict=True)):
        sites.setdefault((round(float(lon), 6), round(float(lat), 6)), []).append(position)
    return list(sites.values())


def _main_field(fields: Sequence[object]) -> object:
    """The most common field of a stack's projects; a tie in vocabulary order."""
    counts: dict[object, int] = {}
    for key in fields:
        counts[key] = counts.get(key, 0) + 1
    return min(counts, key=lambda key: (-counts[key], FIELD_ORDER.get(str(key), len(FIELD_ORDER))))


@dataclass(frozen=True)
class _Marker:
    lon: float
    lat: float
    field: object
    look: MarkerLook
    hover: str
    projects: int = 1
    project_id: str | None = None  # a single project's marker: a click selects it


def _site_markers(points: pd.DataFrame, t: Translator) -> list[_Marker]:
    """Sites from ``summaries.map_sites`` (many projects): one circle each."""
    number, here = partial(_number, t.lang), partial(_projects_here, t.lang)
    ongoing = points["ongoing"] if "ongoing" in points else pd.Series(0, index=points.index)
    return [
        _Marker(
            float(row.lon),
            float(row.lat),
            row.field,
            site_look(int(row.projects), int(running)),
            site_hover_text(row, t, number, here),
            int(row.projects),
        )
        for row, running in zip(list[Any](points.itertuples()), ongoing, strict=True)
    ]


def _project_markers(points: pd.DataFrame, t: Translator) -> list[_Marker]:
    """One marker per project, except where several share a point: one stacked circle."""
    rows: list[Any] = list(points.itertuples())  # ProjectMarker rows
    markers = []
    for members in stack_points(points):
        first = rows[members[0]]
        if len(members) == 1:
            status = getattr(first, "status", None)
            look, hover = marker_look(status), hover_text(first, t)
            markers.append(
                _Marker(first.lon, first.lat, first.field, look, hover, 1, str(first.project_id))
            )
            continue
        stack = [rows[i] for i in members]
        running = sum(getattr(row, "status", None) == "ongoing" for row in stack)
        field = _main_field([row.field for row in stack])
        look = site_look(len(stack), running)
        hover = stack_hover_text(stack, t)
        markers.append(_Marker(first.lon, first.lat, field, look, hover, len(stack)))
    return markers


def _rank(marker: _Marker) -> int:
    """Ongoing on top, then stacks, then in vocabulary order of the field."""
    key = marker.field
    rank = FIELD_ORDER.get(key, len(FIELD_ORDER)) if isinstance(key, str) else len(FIELD_ORDER)
    rank += (len(FIELD_ORDER) + 1) * (marker.projects > 1)
    return rank + 2 * (len(FIELD_ORDER) + 1) * (marker.look.ring_colour == ONGOING_LOOK.ring_colour)


def marker_traces(points: pd.DataFrame, t: Translator) -> list[dict[str, Any]]:
    """A ring under every marker (so that pale colours read on any shade), then the
    markers, coloured by field point by point; each sized and ringed by its status
    (``marker_look``); then the number of projects on each stacked site, on a white disc;
    then the invisible targets that hover and clicks read (``TARGETS``).

    A trace each, not one per field: each trace is a MapLibre layer of its own (a shader
    program and a draw call every frame), and a layer per field cost the first draw of the
    Viet Nam map about a tenth of a second. Ongoing projects go on top, then stacks, then
    points in vocabulary order of their field, so that a later field lies on top. Projects
    at one point are one circle (``stack_points``): seven projects in Hà Nội's centre would
    otherwise be seven circles under one, with one hover. A site or a stack is read by its
    point when clicked; a single project's marker carries its ID.
    """
    if points.empty:
        markers: list[_Marker] = []
    elif "projects" in points:  # sites (summaries.map_sites)
        markers = _site_markers(points, t)
    else:
        markers = _project_markers(points, t)
    markers.sort(key=_rank)
    lons = [m.lon for m in markers]
    lats = [m.lat for m in markers]
    common = {"type": "scattermap", "showlegend": False}
    ring = {
        **common,
        "lon": lons,
        "lat": lats,
        "mode": "markers",
        "marker": {
            "size": [m.look.ring for m in markers],
            "color": [m.look.ring_colour for m in markers],
            "opacity": 0.9,
        },
        "hoverinfo": "skip",
        "name": HALO,
    }
    circles: dict[str, Any] = {
        **common,
        "lon": lons,
        "lat": lats,
        "mode": "markers",
        "marker": {
            "size": [m.look.size for m in markers],
            "color": [
                FIELD_COLOURS[m.field] if isinstance(m.field, str) else NO_FIELD_COLOUR
                for m in markers
            ],
            "opacity": [m.look.opacity for m in markers],
        },
        "hoverinfo": "skip",
        "name": MARKERS,
    }
    targets: dict[str, Any] = {
        **common,
        "lon": lons,
        "lat": lats,
        "mode": "markers",
        "marker": {"size": TARGET_SIZE, "color": "#000000", "opacity": 0},
        "hovertemplate": "%{hovertext}<extra></extra>",
        "hovertext": [m.hover for m in markers],
        "name": TARGETS,
    }
    if any(m.project_id for m in markers):
        targets["customdata"] = [m.project_id for m in markers]
    counts = count_trace([m for m in markers if m.projects > 1], t)
    return [ring, circles, counts, targets]


def count_trace(stacks: Sequence[_Marker], t: Translator) -> dict[str, Any]:
    """Each stack's number of projects, written on a white disc in its circle (text the
    browser draws itself: see ``OFFLINE_STYLE``). Hover and clicks go to ``TARGETS``."""
    number = partial(_number, t.lang)
    return {
        "type": "scattermap",
        "lon": [m.lon for m in stacks],
        "lat": [m.lat for m in stacks],
        "mode": "markers+text",
        "marker": {"size": [count_disc(m.look) for m in stacks], "color": "#ffffff"},
        "text": [number(m.projects) for m in stacks],
        "textposition": "middle center",
        "textfont": {"size": 11, "color": "#1a1a1a"},
        "hoverinfo": "skip",
        "name": COUNTS,
        "showlegend": False,
    }


def label_trace(labels: Sequence[tuple[str, float, float]]) -> dict[str, Any]:
    """The areas' names, under the markers; MapLibre leaves out those that would overlap
    one already written, so a name shows at a zoom where it fits."""
    return {
        "type": "scattermap",
        "lon": [lon for _, lon, _ in labels],
        "lat": [lat for _, _, lat in labels],
        "mode": "text",
        "text": [name for name, _, _ in labels],
        "textfont": {"size": 11, "color": "#1a1a1a"},
        "hoverinfo": "skip",
        "name": LABELS,
        "showlegend": False,
    }


def map_figure(
    view: MapView,
    province_counts: pd.Series,
    points: pd.DataFrame,
    t: Translator | None = None,
) -> Figure:
    """``points``: one row per project location (see ``summaries.map_points``), with its
    title, partners and period already in the visitor's language; or, when there are many,
    one row per site with its number of projects (``summaries.map_sites``): circles sized
    by that number and coloured by the site's most common field.

    Built as plain dicts rather than graph objects: plotly's per-attribute validation cost
    ~80 ms a figure, on every filter change; tests validate the result with ``go.Figure``.
    """
    t = t or translator("en")
    counts = [int(province_counts.get(code, 0)) for code in view.province_codes]
    data: list[dict[str, Any]] = [
        {
            "type": "choroplethmap",
            "geojson": view.geojson_url,
            "featureidkey": view.feature_key,
            "locations": list(view.province_codes),
            "z": counts,
            "zmin": 0,
            "zmax": max(max(counts, default=0), 1),
            "colorscale": count_scale(max(counts, default=0)),
            "marker": {"line": {"width": 0.6, "color": "#7f8c8d"}, "opacity": 0.85},
            "customdata": list(view.province_codes),
            "text": list(view.province_names),
            "hovertext": [
                f"<b>{html.escape(str(name))}</b><br>{html.escape(_area_count(t.lang, count))}"
                for name, count in zip(view.province_names, counts, strict=True)
            ],
            "hovertemplate": "%{hovertext}<extra></extra>",
            "colorbar": {
                "title": {"text": t("Projects")},
                "thickness": 12,
                "len": 0.5,
                "x": 0.99,
                "tickformat": "d",
                "dtick": max(1, math.ceil(max(counts, default=0) / 5)),
            },
            "name": "Provinces",
            "showlegend": False,
        }
    ]
    data.append(label_trace(view.labels))
    data += marker_traces(points, t)  # empty when there are no points: always six traces
    centre, zoom = fit_view(view.bounds, *view.size_px, right_px=COLOUR_BAR_PX)
    map_layout: dict[str, object] = {"style": OFFLINE_STYLE, "center": centre, "zoom": zoom}
    if view.tile_url:
        map_layout["layers"] = [
            {
                "below": "traces",
                "sourcetype": "raster",
                "source": [view.tile_url],
                "sourceattribution": view.tile_attribution,
            }
        ]
    layout = {
        "map": map_layout,
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
        "uirevision": view.revision,
        "showlegend": False,  # the legend is HTML beside the map: readable on phones
        "clickmode": "event",
        "hoverlabel": {"align": "left"},
    }
    return {"data": data, "layout": layout}


SmallArea = tuple[str, str, float, float, int]  # code, name, lon, lat, projects


def area_marker_traces(
    areas: Sequence[SmallArea], most: int, t: Translator
) -> list[dict[str, Any]]:
    """A circle on each area too small to click (Samoa is 3 by 1 pixels on the world map;
    Fiji lies across 180°), shaded as the area is; a click opens the area, as on its shape
    (``customdata``: ``{"area": code}``). ``most``: the most projects any area has."""
    common = {"type": "scattermap", "mode": "markers", "showlegend": False}
    lons = [lon for _, _, lon, _, _ in areas]
    lats = [lat for _, _, _, lat, _ in areas]
    hovers = [
        f"<b>{html.escape(name)}</b><br>"
        + html.escape(t.plural("{count} project", "{count} projects", count))
        for _, name, _, _, count in areas
    ]
    return [
        {
            **common,
            "lon": lons,
            "lat": lats,
            "marker": {"size": 13, "color": "#1a1a1a", "opacity": 0.9},
            "hoverinfo": "skip",
            "name": HALO,
        },
        {
            **common,
            "lon": lons,
            "lat": lats,
            "marker": {"size": 9, "color": [count_colour(c, most) for *_, c in areas]},
            "customdata": [{"area": code} for code, *_ in areas],
            "hovertext": hovers,
            "hovertemplate": "%{hovertext}<extra></extra>",
            "name": MARKERS,
        },
    ]
