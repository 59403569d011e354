"""The page's state and its URL form, both ways (pure).

The URL holds the view, so that a copied link restores it and back and forward step through
it: the country (or an overview), the filter (the API's own parameters), the boundary layer,
the selected province or project, and the language.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlencode

from ..data.filter_query import ALL_PARAMETERS, ParameterError, parse_filter, to_query
from ..data.filters import ProjectFilter
from ..data.place_levels import default_layer, layer_unnamed
from ..data.repository import BoundaryIndex
from . import ids
from .boundary_layers import (
    IMPLEMENTED,
    carried_into,
    layer_of_link,
    units_selectable,
)
from .filter_panel.controls import (
    CONTROL_KEYS,
    JAPAN,
    MAX_CODE_CHARS,
    SEVERAL,
    WORLD,
    as_of_words,
    controls_from_filter,
    default_values,
    filter_from_controls,
)
from .limits import InputLimit

VIEW_PARAMETERS = frozenset({"layer", "view", "lang", "at", "project", "site"})  # + the filter's
VIEW_NAMES = {WORLD: "world", JAPAN: "japan"}  # the overviews' names in the URL
Place = dict[str, Any]  # {"province": code} | {"point": [lon, lat], "project": id} | {"project"}


# What the page's URL, selection and language can be (the callback guard refuses more): a
# view's query is at most the 4,096 bytes the server takes (and its "?"); a selection is a
# province code, a point and a project ID; a language a short tag.
MAX_URL_SEARCH_CHARS = 4097
MAX_PATH_CHARS = 1024
MAX_PROJECT_ID_CHARS = 64
VIEW_INPUT_LIMITS: dict[tuple[str, str], InputLimit] = {
    # The address as the browser passes it on (assets/round-trip.js), and the list's and the
    # side panel's "the filters changed" marks (a time in ms).
    (ids.URL_ARRIVED, "data"): InputLimit(chars=MAX_URL_SEARCH_CHARS, items=0, depth=0),
    (ids.TABLE_FILTERS, "data"): InputLimit(chars=0, items=0, depth=0),
    (ids.DETAIL_FILTERS, "data"): InputLimit(chars=0, items=0, depth=0),
    (ids.URL, "pathname"): InputLimit(chars=MAX_PATH_CHARS, items=0, depth=0),
    (ids.SELECTED_PLACE, "data"): InputLimit(chars=MAX_PROJECT_ID_CHARS, items=3, depth=2),
    (ids.LANGUAGE, "data"): InputLimit(chars=MAX_CODE_CHARS, items=0, depth=0),
    (ids.BOUNDARY_LAYER, "value"): InputLimit(chars=MAX_CODE_CHARS, items=0, depth=0),
}


@dataclass(frozen=True)
class ViewState:
    """What the page shows: ``country`` is the view (``controls.view_key``: an overview, a
    country, or several as "KHM,LAO"); ``controls`` maps ``CONTROL_KEYS`` to the controls'
    values."""

    country: str
    layer: str = IMPLEMENTED
    controls: dict[str, object] = field(default_factory=dict)
    place: Place | None = None

    def with_controls(self, **changes: object) -> ViewState:
        return replace(self, controls={**self.controls, **changes})


def valid_place(place: object) -> Place | None:
    """A selection as the page stores it: a province, a point, a project (or nothing)."""
    if not isinstance(place, dict):
        return None
    point = place.get("point")
    if point is not None and not (
        isinstance(point, list)
        and len(point) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in point)
    ):
        return None
    if any(not isinstance(place.get(key, ""), str) for key in ("province", "project")):
        return None
    return place if ({"province", "point", "project"} & set(place)) else None


def site_text(point: list[float]) -> str:
    """A stacked site's point as the link writes it, ``site=lon,lat``: each number as Python
    writes a float, the shortest text that reads back as the same number (the side panel
    finds the site's projects by their exact point)."""
    return ",".join(repr(float(value)) for value in point)


def site_of(text: str) -> list[float] | None:
    """``site=lon,lat`` read back: two finite numbers, a longitude and a latitude; None for
    anything else (the link then opens no selection)."""
    parts = text.split(",")
    if len(parts) != 2 or len(text) > 64:
        return None
    try:
        lon, lat = (float(part) for part in parts)
    except ValueError:
        return None
    if not (-180 <= lon <= 180 and -90 <= lat <= 90):  # NaN and infinities fail too
        return None
    return [lon, lat]


def place_query(place: Place | None) -> list[tuple[str, str]]:
    """The selected province (``at``), project (``project``) or site where several projects
    are (``site``, its point: a stack's circle) as query parameters."""
    if not place:
        return []
    if place.get("project"):
        return [("project", place["project"])]
    if place.get("province"):
        return [("at", place["province"])]
    if place.get("point"):
        return [("site", site_text(place["point"]))]
    return []


def view_query(state: ViewState, today: date, lang: str) -> str:
    """The page's state as a query string: the API's filter parameters, the layer, the
    selected place or project and the language."""
    spec = filter_from_controls({"country": state.country, **state.controls}, today=today)
    if spec.as_of == today:
        spec = replace(spec, as_of=None)  # "today" stays today in a link opened later
    parts = [f"view={VIEW_NAMES[state.country]}"] if state.country in VIEW_NAMES else []
    parts += [_with_as_of_words(to_query(spec), spec, state.controls.get("as_of"))]
    # The layer when the link would not open on it without (``layer_unnamed``: the
    # country's own, Nepal's provinces, or that of a zone or province chosen).
    chosen = state.controls.get("provinces")
    codes = [c for c in chosen if isinstance(c, str)] if isinstance(chosen, list) else []
    unnamed = layer_unnamed(state.country, codes)
    extra = [("layer", state.layer)] if state.layer != unnamed else []
    extra += [*place_query(state.place), ("lang", lang)]
    parts.append(urlencode(extra))
    return "&".join(part for part in parts if part)


def _with_as_of_words(query: str, spec: ProjectFilter, typed: object) -> str:
    """The filter's query with "as of" in the visitor's words (``as_of=FY2024``, which the
    page and the API read as the same day) rather than the day they are read as."""
    words = as_of_words(typed)
    if spec.as_of is None or not words or words == spec.as_of.isoformat():
        return query
    day = urlencode({"as_of": spec.as_of.isoformat()})
    return query.replace(day, urlencode({"as_of": words}), 1)


def _readable_args(search: str, boundaries: BoundaryIndex) -> tuple[dict, Any] | None:
    """The query's parameters and their filter. A shared link keeps what it can: a tracker's
    parameter (fbclid, utm_*) or one bad value drops that parameter only, not the whole view
    (the API, in contrast, answers 400)."""
    args = parse_qs(search.lstrip("?"), keep_blank_values=False)
    args = {k: v for k, v in args.items() if k in ALL_PARAMETERS or k in VIEW_PARAMETERS}
    while True:
        try:
            return args, parse_filter(args, boundaries.all_units, VIEW_PARAMETERS)
        except ParameterError as error:
            if error.parameter not in args:
                return None
            del args[error.parameter]


def view_from_query(
    search: str, today: date, boundaries: BoundaryIndex, default_country: str
) -> ViewState | None:
    """The view a URL's query asks for; None if it cannot be read at all."""
    readable = _readable_args(search, boundaries)
    if readable is None:
        return None
    args, spec = readable
    # Every country asked for that has a map (KHM,LAO: both); none: the countries of the
    # provinces chosen (province=LK-6: Sri Lanka), else the default country.
    asked = [c for c in spec.country if c in boundaries.bounds]
    country = SEVERAL.join(asked or countries_of_units(boundaries, spec.province))
    country = country or default_country
    view = args.get("view", [""])[0]
    country = next((code for code, name in VIEW_NAMES.items() if name == view), country)
    layer = layer_of_link(boundaries, args.get("layer", []), spec.province, country)
    place = _place_of_link(args, country, boundaries)
    controls = controls_from_filter(spec, today)
    words = as_of_words(args.get("as_of", [""])[0]) if spec.as_of else None
    if words:  # the box shows what the visitor wrote; the note under it, the day it read
        controls["as_of"] = words
    # A province of the other layer (a 2025 code on the 63) as the units of the one drawn:
    # the same projects, and a choice the province chooser offers.
    controls["provinces"] = carried_into(boundaries, list(spec.province), layer)
    return ViewState(country, layer, controls, place)


def countries_of_units(boundaries: BoundaryIndex, codes: tuple[str, ...]) -> list[str]:
    """The countries with a map whose units a link chooses, in the order named (a link
    with ``province=`` and no country opens the map those units are on, as the API's
    answer to it covers them)."""
    units = (boundaries.all_units.get(code) for code in codes)
    found = (unit.iso_a3 for unit in units if unit and unit.iso_a3 in boundaries.bounds)
    return list(dict.fromkeys(found))


def _place_of_link(args: dict, country: str, boundaries: BoundaryIndex) -> Place | None:
    """The selection a link names: a project, a province (``at``) or a stacked site."""
    if country not in VIEW_NAMES and args.get("project"):
        return {"project": args["project"][0]}
    if country != WORLD and args.get("at"):
        code = args["at"][0]
        return {"province": code} if units_selectable(boundaries, country, code) else None
    if country not in VIEW_NAMES and args.get("site"):
        point = site_of(args["site"][0])
        return {"point": point} if point else None
    return None


def default_view(country: str, today: date) -> ViewState:
    return ViewState(country, default_layer(country), default_values(today), None)


def controls_of(values: dict[str, object]) -> dict[str, object]:
    """The controls' values (without the country) from a mapping that has them all."""
    return {key: values.get(key) for key in CONTROL_KEYS}
