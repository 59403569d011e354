"""Links that keep the view (pure): the same view in another language, the full map from
the embed, and from a project's page back to the map as the visitor left it.

A project link followed from the map carries the map's query in ``back=`` (the browser adds
it as the link is followed: assets/project-links.js). It is never used as an address: it is
read as the map reads its own URL, and only what the map understands is written again, after
this site's own path. So ``back=//evil.example`` or ``back=javascript:…`` can only ever lead
to this site's map (an open redirect is impossible by construction).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qs, urlencode

from ...data.filter_query import ALL_PARAMETERS
from ...data.repository import BoundaryIndex
from ..view_state import (
    MAX_URL_SEARCH_CHARS,
    VIEW_PARAMETERS,
    default_view,
    view_from_query,
    view_query,
)

BACK = "back"  # a project page's query parameter: the map's query it was opened from
MAP_PARAMETERS = (ALL_PARAMETERS | VIEW_PARAMETERS) - {"lang"}


@dataclass(frozen=True)
class ViewLinks:
    full_view: str
    in_language: list[str]  # one per language asked for, in that order
    back_to_map: str


def carried_back(search: str | None) -> str | None:
    """The ``back=`` a project page's query carries ('' when empty: the default map), or
    None when it carries none (a visitor from a search engine or a shared link)."""
    values = parse_qs((search or "").lstrip("?"), keep_blank_values=True).get(BACK)
    return values[0] if values else None


def map_query_back(
    back: str | None, today: date, boundaries: BoundaryIndex, default_country: str, lang: str
) -> str | None:
    """The map's query to go back to, from what ``back=`` carried: the map's own parameters
    only, read and written as the map does (a bad value drops that parameter), in ``lang``.
    None when nothing was carried, or too much to be a query the site ever wrote."""
    if back is None or len(back) > MAX_URL_SEARCH_CHARS:
        return None
    query = back.split("#", 1)[0].lstrip("?")
    args = {
        key: values
        for key, values in parse_qs(query).items()
        if key in MAP_PARAMETERS  # no nested back=, no lang (the page's own wins)
    }
    view = view_from_query(urlencode(args, doseq=True), today, boundaries, default_country)
    return view_query(view or default_view(default_country, today), today, lang)


def map_of_country(
    country: str, today: date, lang: str, relative_path: Callable[[str], str]
) -> str:
    """The map of a country (or an overview) with no filter: where the header's country
    selector leads from a project's page."""
    return relative_path("/") + "?" + view_query(default_view(country, today), today, lang)


def view_links(
    path: str | None,
    search: str | None,
    lang: str,
    languages: Sequence[str],
    relative_path: Callable[[str], str],
    project: tuple[str, str] | None = None,
    back_query: str | None = None,
) -> ViewLinks:
    """``project``: (its country, its ID) on a project's page, else None; ``back_query``:
    the map's query the visitor came from (``map_query_back``), if any. Without it, a
    project's page leads to its country's map with it selected."""
    args = [(k, v) for k, v in parse_qs((search or "").lstrip("?")).items() if k != "lang"]
    kept = [(k, value) for k, values in args for value in values]
    path = path or "/"
    in_language = [f"{path}?{urlencode([*kept, ('lang', other)])}" for other in languages]
    full = [(k, v) for k, v in kept if k != BACK]
    full_view = relative_path("/") + "?" + urlencode([*full, ("lang", lang)])
    place = [("country", project[0]), ("project", project[1])] if project else []
    back = urlencode([*place, ("lang", lang)]) if back_query is None else back_query
    return ViewLinks(full_view, in_language, relative_path("/") + "?" + back)
