"""What the list beside the map holds in each view (no Dash): the world's countries, the
countries shown together, or, on the view from Japan, the prefectures with the projects of
the partners based there (Tottori or Okinawa are as small to click as Samoa); none on one
country's map. Each row links where a click on its area leads (``rules.country_href``):
a country's map, or the prefecture selected, its partners in the side panel."""

from __future__ import annotations

from dataclasses import dataclass

from ...context import AppContext
from ...data.boundaries import HOME_COUNTRY
from ...data.filters import Selection
from ...data.homes import prefecture_counts
from ...data.loading import ProjectStore
from ...data.summaries import country_counts
from ...i18n import Translator
from ..filter_panel.controls import JAPAN, WORLD
from ..filter_panel.transitions import Surroundings
from ..view_state import ViewState
from .rules import CountryRow, country_href, country_rows, listed_counts


@dataclass(frozen=True)
class Listing:
    heading: str
    note: str | None
    rows: list[CountryRow]


def _surroundings(context: AppContext, t: Translator, japan: frozenset[str]) -> Surroundings:
    default = context.settings.default_country
    return Surroundings(context.today(), t.lang, context.boundaries, default, japan)


def prefecture_listing(
    context: AppContext, store: ProjectStore, selection: Selection, shown: ViewState, t: Translator
) -> Listing:
    """Japan's prefectures with the projects (of those selected) of the partners based in
    each, the most first; each link selects the prefecture, as a click on it does."""
    names = {p.code: t.province(p) for p in context.boundaries.provinces_of(HOME_COUNTRY)}
    counts = prefecture_counts(store, selection, context.homes)
    listed = {str(code): int(n) for code, n in counts.items() if n > 0 and code in names}
    around = _surroundings(context, t, frozenset(names))
    rows = country_rows(listed, names.__getitem__, lambda c: country_href(shown, c, around))
    note = t("Each opens the partners based there and their projects:")
    return Listing(t("Prefectures and their partners' projects"), note, rows)


def listing(
    context: AppContext, store: ProjectStore, selection: Selection, shown: ViewState, t: Translator
) -> Listing | None:
    """The list beside the map in this view (``shown``), or None: no list."""
    if shown.country == JAPAN:
        return prefecture_listing(context, store, selection, shown, t)
    counts = {str(code): int(n) for code, n in country_counts(store, selection).items()}
    listed = listed_counts(shown.country, counts)
    if listed is None:
        return None
    around = _surroundings(context, t, frozenset())
    rows = country_rows(listed, t.country, lambda c: country_href(shown, c, around))
    note = t("Open one of them alone:") if shown.country != WORLD else None
    return Listing(t("Countries and their projects"), note, rows)
