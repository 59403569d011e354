"""The world overview's list of countries (components only): beside the map on a desktop,
under it on a phone; each a link, so it is reached with the keyboard."""

from __future__ import annotations

from dash import dcc, html

from ...i18n import Translator
from .. import ids
from ..attributes import attributes
from .rules import CountryRow

HIDDEN = {"display": "none"}


def country_items(rows: list[CountryRow], t: Translator) -> list[html.Li]:
    return [
        html.Li(
            dcc.Link(
                [
                    html.Span(row.name, className="country-name"),
                    html.Span(
                        t.number(row.count),
                        className="country-count",
                        title=t.plural("{count} project", "{count} projects", row.count),
                    ),
                ],
                href=row.href,
                className="country-link",
            )
        )
        for row in rows
    ]


def country_list(t: Translator) -> html.Nav:
    """Filled and shown by the map's callback, on the world overview, with several
    countries, and on the view from Japan (its prefectures)."""
    return html.Nav(
        [
            html.H2(
                t("Countries and their projects"),
                id=ids.COUNTRY_LIST_HEADING,
                className="h6 mt-3 mb-1",
            ),
            html.P(id=ids.COUNTRY_LIST_NOTE, className="small text-muted mb-1"),
            html.Ol(id=ids.COUNTRY_LIST_ITEMS, className="country-list list-unstyled small mb-2"),
        ],
        id=ids.COUNTRY_LIST,
        style=HIDDEN,
        # Named by its heading, which says what it lists (countries, or Japan's prefectures).
        **attributes({"aria-labelledby": ids.COUNTRY_LIST_HEADING}),
    )
