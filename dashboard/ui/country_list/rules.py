"""The world overview's list of countries (pure): every country with projects that match
the filters, the most first, each with a link that opens its map as a click on it does."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date

from ...data.loading import fold
from ..view_state import ViewState, view_query


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    count: int
    href: str


def country_href(world: ViewState, code: str, today: date, lang: str) -> str:
    """The link to a country's map from the world overview: the same filters, that
    country, no province ticked (the world has none) and nothing selected; what a click on
    the country in the map gives."""
    state = replace(world, country=code, controls={**world.controls, "provinces": []}, place=None)
    return "?" + view_query(state, today, lang)


def country_rows(
    counts: Mapping[str, int], name: Callable[[str], str], href: Callable[[str], str]
) -> list[CountryRow]:
    """Countries with at least one project, by number of projects (the most first), then
    by name as a reader expects it (accents and case aside)."""
    rows = [CountryRow(code, name(code), int(n), href(code)) for code, n in counts.items() if n > 0]
    return sorted(rows, key=lambda row: (-row.count, fold(row.name), row.code))
