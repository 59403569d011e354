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
from .palette import FIELD_COLOURS, NO_FIELD_COLOUR, PROVINCE_SCALE

HALO = "marker outline"


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


def fit_view(
    bounds: tuple[float, float, float, float], width_px: int = 600, height_px: int = 540
) -> tuple[dict[str, float], float]:
    """Centre and zoom that fit the box in a map of about this size (choroplethmap won't fit).

    Web Mercator as MapLibre draws it: a zoom-z world is 512 * 2**z pixels wide.
    """
    west, south, east, north = bounds

    def mercator_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    lon_span = max(east - west, 0.01)
    y_span = max(mercator_y(north) - mercator_y(south), 0.0002)
    zoom_x = math.log2(width_px / 512 * 360 / lon_span)
    zoom_y = math.log2(height_px / 512 * 2 * math.pi / y_span)
    zoom = max(0.0, min(zoom_x, zoom_y, 12.0))
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
    """A site (one circle for many projects) grows with its projects, and looks ongoing when
    any of them is."""
    size = site_sizes(pd.Series([projects]))[0]
    if ongoing:
        return MarkerLook(size + 1, size + 6, ONGOING_LOOK.ring_colour, ONGOING_LOOK.opacity)
    return MarkerLook(size - 2, size, OTHER_LOOK.ring_colour, OTHER_LOOK.opacity)


Figure = dict[str, Any]  # a plotly figure as plain data: Dash sends it as it is
MARKERS = "projects"  # the name of the trace of markers
FIELD_ORDER = {key: n for n, key in enumerate(vocab.keys(vocab.FIELDS))}


def _looks(points: pd.DataFrame, sites: bool) -> list[MarkerLook]:
    if sites:
        ongoing = points["ongoing"] if "ongoing" in points else pd.Series(0, index=points.index)
        return [site_look(int(n), int(o)) for n, o in zip(points["projects"], ongoing, strict=True)]
    statuses = points["status"] if "status" in points else pd.Series(None, index=points.index)
    return [marker_look(status) for status in statuses]


def marker_traces(points: pd.DataFrame, t: Translator) -> list[dict[str, Any]]:
    """A ring under every marker (so that pale colours read on any shade), then the
    markers, coloured by field point by point; each sized and ringed by its status
    (``marker_look``).

    Two traces, not one per field: each trace is a MapLibre layer of its own (a shader
    program and a draw call every frame), and a layer per field cost the first draw of the
    Viet Nam map about a tenth of a second. Ongoing projects go on top, then points in
    vocabulary order of their field, so that a later field lies on top. A site
    (``map_sites``) is sized by its projects and read by its point when clicked; a
    project's marker carries its ID.
    """
    sites = "projects" in points
    if points.empty:
        points = pd.DataFrame(columns=["project_id", "lon", "lat", "field", "status"])
    fields = points["field"].to_numpy(dtype=object)
    looks = _looks(points, sites)
    rank = [
        (FIELD_ORDER.get(key, len(FIELD_ORDER)) if isinstance(key, str) else len(FIELD_ORDER))
        + (len(FIELD_ORDER) + 1) * (look.ring_colour == ONGOING_LOOK.ring_colour)
        for key, look in zip(fields, looks, strict=True)
    ]
    order = np.argsort(np.asarray(rank, dtype=np.int64), kind="stable").tolist()
    lons = points["lon"].to_numpy()[order].tolist()
    lats = points["lat"].to_numpy()[order].tolist()
    colours = [
        FIELD_COLOURS[fields[i]] if isinstance(fields[i], str) else NO_FIELD_COLOUR for i in order
    ]
    rows = list(points.itertuples())
    if sites:
        number, here = partial(_number, t.lang), partial(_projects_here, t.lang)
        hovers = [site_hover_text(rows[i], t, number, here) for i in order]
    else:
        hovers = [hover_text(rows[i], t) for i in order]
    sizes = [looks[i].size for i in order]
    ring = {
        "type": "scattermap",
        "lon": lons,
        "lat": lats,
        "mode": "markers",
        "marker": {
            "size": [looks[i].ring for i in order],
            "color": [looks[i].ring_colour for i in order],
            "opacity": 0.9,
        },
        "hoverinfo": "skip",
        "name": HALO,
        "showlegend": False,
    }
    markers: dict[str, Any] = {
        "type": "scattermap",
        "lon": lons,
        "lat": lats,
        "mode": "markers",  # never text: text would fetch fonts from a CDN
        "marker": {"size": sizes, "color": colours, "opacity": [looks[i].opacity for i in order]},
        "hovertemplate": "%{hovertext}<extra></extra>",
        "hovertext": hovers,
        "name": MARKERS,
        "showlegend": False,
    }
    if not sites:
        project_ids = points["project_id"].tolist()
        markers["customdata"] = [project_ids[i] for i in order]
    return [ring, markers]


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
            "colorscale": PROVINCE_SCALE,
            "marker": {"line": {"width": 0.6, "color": "#7f8c8d"}, "opacity": 0.85},
            "customdata": list(view.province_codes),
            "text": list(view.province_names),
            "hovertemplate": "<b>%{text}</b><br>"
            + t("%{z} project(s)").replace("%{z}", "%{z:,}")
            + "<extra></extra>",
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
    data += marker_traces(points, t)  # empty when there are no points: always three traces
    centre, zoom = fit_view(view.bounds, *view.size_px)
    map_layout: dict[str, object] = {"style": "white-bg", "center": centre, "zoom": zoom}
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
