"""The list of countries beside the map (pure): on the world overview every country with
projects that match the filters, the most first, each with a link that opens its map as a
click on it does; when several countries are shown, those countries, each link opening it
alone (one tap from "Viet Nam and Cambodia" to Cambodia, instead of unticking the other)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ...data.loading import fold
from .. import ids
from ..filter_panel.controls import WORLD, countries_of, is_several
from ..filter_panel.transitions import Surroundings, next_view
from ..view_state import ViewState


@dataclass(frozen=True)
class CountryRow:
    code: str
    name: str
    count: int
    href: str


def country_href(shown: ViewState, code: str, around: Surroundings) -> str:
    """The link to a country's map from the world overview or several countries: what a
    click on the country in the map gives (the same rule, ``transitions.next_view``): the
    same filters, that country alone, the chosen provinces that are its own, nothing
    selected."""
    step = next_view(ids.MAP, shown, around, click={"points": [{"location": code}]})
    return step.search or ""


def listed_counts(view: str, counts: Mapping[str, int]) -> dict[str, int] | None:
    """The countries the list shows, with their counts: every country on the world
    overview; the chosen ones, even with no matching project, when several are shown; none
    (no list) on one country's map or the view from Japan."""
    if view == WORLD:
        return {code: int(n) for code, n in counts.items() if n > 0}
    if is_several(view):
        return {code: int(counts.get(code, 0)) for code in countries_of(view)}
    return None


def country_rows(
    counts: Mapping[str, int], name: Callable[[str], str], href: Callable[[str], str]
) -> list[CountryRow]:
    """The countries of ``listed_counts``, by number of projects (the most first), then by
    name as a reader expects it (accents and case aside)."""
    rows = [CountryRow(code, name(code), int(n), href(code)) for code, n in counts.items()]
    return sorted(rows, key=lambda row: (-row.count, fold(row.name), row.code))
