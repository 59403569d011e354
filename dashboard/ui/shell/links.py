"""Links that keep the view (pure): the same view in another language, the full map from
the embed, and from a project's page back to the map with the project selected."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode


@dataclass(frozen=True)
class ViewLinks:
    full_view: str
    in_language: list[str]  # one per language asked for, in that order
    back_to_map: str


def view_links(
    path: str | None,
    search: str | None,
    lang: str,
    languages: Sequence[str],
    relative_path: Callable[[str], str],
    project: tuple[str, str] | None = None,
) -> ViewLinks:
    """``project``: (its country, its ID) on a project's page, else None."""
    args = [(k, v) for k, v in parse_qs((search or "").lstrip("?")).items() if k != "lang"]
    kept = [(k, value) for k, values in args for value in values]
    path = path or "/"
    in_language = [f"{path}?{urlencode([*kept, ('lang', other)])}" for other in languages]
    full_view = relative_path("/") + "?" + urlencode([*kept, ("lang", lang)])
    place = [("country", project[0]), ("project", project[1])] if project else []
    back = relative_path("/") + "?" + urlencode([*place, ("lang", lang)])
    return ViewLinks(full_view, in_language, back)
