"""The page as it arrives: built at each page load, for today's date, the visitor's
language and the data's countries, as its callbacks would make it for the default country
(so that a first visit waits for none of them)."""

from __future__ import annotations

import re
from collections.abc import Callable

from dash.development.base_component import Component

from ...context import AppContext
from ...data import vocab
from ...data.loading import fold
from ...i18n import Translator, translator
from ...i18n.provenance import coverage_text, data_date_text
from ..boundary_layers import layer_options
from ..filter_panel.controls import JAPAN, WORLD, province_choices
from ..project_page.rules import page_country
from ..view_state import view_from_query
from .language import page_path, page_search, request_language
from .layout import Arrival, build_layout

EMBED_PATH = re.compile(r"(^|/)embed/?$")


def is_embed(path: str) -> bool:
    """The embedded view's path (under any prefix the site is served at)."""
    return EMBED_PATH.search(path) is not None


def country_options(context: AppContext, t: Translator) -> list[dict[str, str]]:
    """The countries with projects and a map, in the visitor's alphabetical order, after
    the two overviews."""
    with_projects = context.repository.store.countries
    options = [
        {"label": t.country(term.key), "value": term.key}
        for term in vocab.COUNTRIES
        if term.key in with_projects and term.key in context.boundaries.bounds
    ]
    options.sort(key=lambda option: fold(option["label"]))
    return [
        {"label": t("All countries (world)"), "value": WORLD},
        {"label": t("Japan: where the partners are based"), "value": JAPAN},
        *options,
    ]


def layer_choice_shown(context: AppContext, country: str, search: str) -> bool:
    """Whether the map the URL asks for offers a choice of layer (Viet Nam's 63 or 34), as
    its callback will say: built into the page, the map does not jump when it says so."""
    return context.boundaries.has_current_layer(_shown_country(context, country, search))


def _shown_country(context: AppContext, country: str, search: str) -> str:
    view = view_from_query(search, context.today(), context.boundaries, country)
    return view.country if view else country


def arrival(context: AppContext, t: Translator, path: str = "", search: str = "") -> Arrival:
    """``path``, ``search``: the page's; a project's page shows its country in the header,
    the embed its map first."""
    options = country_options(context, t)
    codes = [option["value"] for option in options[2:]]
    default = context.settings.default_country
    if codes and default not in codes:
        default = codes[0]
    own = page_country(path, context.repository.store, context.boundaries)
    is_project = own is not None
    default = own or default
    store = context.repository.store
    return Arrival(
        country_options=options,
        default_country=default,
        provinces=province_choices(context.boundaries.provinces_of(default), t),
        layer_choice=layer_choice_shown(context, default, "" if is_project else search),
        layer_options=layer_options(
            context.boundaries, _shown_country(context, default, "" if is_project else search), t
        )
        or None,
        provenance=(data_date_text(store.data_date, t), coverage_text(store.coverage, t)),
        today=context.today(),
        embedded=is_embed(path),
    )


def page_layout(context: AppContext) -> Callable[[], Component]:
    def page() -> Component:
        t = translator(request_language())
        return build_layout(arrival(context, t, page_path(), page_search()), t)

    return page
