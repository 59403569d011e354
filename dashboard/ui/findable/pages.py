"""Which page a request is, as crawlers and link previews see it: its title, description,
canonical parameters and preview picture (plain functions of the app's data)."""

from __future__ import annotations

import numpy as np

from ...context import AppContext
from ...data.model import Project
from ...i18n import Translator
from ..filter_panel.controls import JAPAN, WORLD, countries_of, is_several
from ..view_state import VIEW_NAMES, ViewState
from .rules import Page, several_image_key


def site_name(t: Translator) -> str:
    return t("JICA Partnership Program project map")


def _places(project: Project, context: AppContext, t: Translator) -> str:
    """The provinces a project names (three at most), else its countries."""
    provinces = context.boundaries.all_units  # any layer: Nepal's provinces too
    names = list(
        dict.fromkeys(
            t.province(provinces[loc.admin1])
            for loc in project.locations
            if loc.admin1 in provinces
        )
    )
    countries = ", ".join(t.country(code) for code in project.countries)
    if not names:
        return countries
    shown = ", ".join(names[:3]) + (
        t(" and {count} more", count=len(names) - 3) if len(names) > 3 else ""
    )
    return f"{shown} ({countries})"


def project_description(project: Project, context: AppContext, t: Translator) -> str:
    """'A JICA Partnership Program project by Yokohama City in Huế (Viet Nam), 2019 – 2022.'"""
    partner = next(
        (shown.text for p in project.partners if (shown := t.partner_name(p)) is not None), None
    )
    values = {"place": _places(project, context, t), "period": t.period(project)}
    if partner:
        return t(
            "A JICA Partnership Program project by {partner} in {place}, {period}.",
            partner=partner,
            **values,
        )
    return t("A JICA Partnership Program project in {place}, {period}.", **values)


def project_page(project: Project, context: AppContext, t: Translator) -> Page:
    return Page(
        path=f"/project/{project.id}",
        params=(),
        title=f"{t.title(project).text} — {site_name(t)}",
        description=project_description(project, context, t),
        image=f"/preview/project/{project.id}.png",
        kind="article",
    )


def map_page(context: AppContext, path: str, view: ViewState, t: Translator) -> Page:
    """The map (or the embed) of the view its URL asks for; its canonical page is the
    country's or the overview's, whatever the filters."""
    country = view.country
    store = context.repository.store
    masks = store.masks["country"]
    codes = [code for code in countries_of(country) if code in masks]
    count = int(np.logical_or.reduce([masks[code] for code in codes]).sum()) if codes else 0
    if country in VIEW_NAMES:
        params: tuple[tuple[str, str], ...] = (("view", VIEW_NAMES[country]),)
    else:
        params = (("country", country),)
    if country == WORLD:
        title = site_name(t)
        description = t.plural(
            "{count} JICA Partnership Program project in {countries} countries, on a map: "
            "where, what, who runs it and for how much, with sources.",
            "{count} JICA Partnership Program projects in {countries} countries, on a map: "
            "where, what, who runs them and for how much, with sources.",
            len(store.projects),
            countries=t.number(len(store.countries)),
        )
    elif country == JAPAN:
        title = f"{t('Japan: where the partners are based')} — {site_name(t)}"
        description = t(
            "Where in Japan the partners of JICA Partnership Program projects are based, and "
            "where their projects are."
        )
    else:
        names = ("、" if t.lang == "ja" else ", ").join(t.country(c) for c in countries_of(country))
        title = f"{names} — {site_name(t)}"
        description = t.plural(
            "{count} JICA Partnership Program project in {country}: where, what, who runs it "
            "and for how much, with sources.",
            "{count} JICA Partnership Program projects in {country}: where, what, who runs them "
            "and for how much, with sources.",
            count,
            country=names,
        )
    several = several_image_key(countries_of(country)) if is_several(country) else country
    image_key = VIEW_NAMES.get(country, several)
    return Page(
        path="/",
        params=params,
        title=title,
        description=description,
        image=f"/preview/map/{image_key}.png",
        # The embed is indexable: its canonical link names the map's page, which is how it
        # stays out of search results; a noindex beside it would contradict the canonical.
    )


def about_head_page(t: Translator) -> Page:
    """The About page as crawlers see it."""
    return Page(
        path="/about",
        params=(),
        title=f"{t('About the data')} — {site_name(t)}",
        description=t(
            "Where the facts of the JICA Partnership Program project map come from, what its "
            "words mean, how complete it is, its licences, and how to report an error."
        ),
        image="/preview/map/world.png",
    )


def builder_head_page(t: Translator) -> Page:
    """The embed generator as crawlers see it: one page whatever the choice in its query."""
    return Page(
        path="/embed/new",
        params=(),
        title=f"{t('Embed the map on your site')} — {site_name(t)}",
        description=t(
            "Put the map of JICA Partnership Program projects on your own site: choose the "
            "country, the projects, the language and the size, and copy the code."
        ),
        image="/preview/map/world.png",
    )
