"""The embed's facade (pure: no Dash, no Flask): what ``/embed`` shows before the app's
scripts load, and what ``assets/embed-facade.js`` needs to load them.

A host page with several embeds should not pay for all of them: the embed arrives as this
box (what the map shows, in the visitor's language, and a button) with no Dash script; its
loader fetches Dash's scripts, in order, when the frame is scrolled into view or the visitor
touches, clicks or focuses anything in it (the button says so while they load). The app then
takes the page over and the box goes, in the same frame.
"""

from __future__ import annotations

from html import escape

from ...i18n import Translator

FACADE_ID = "embed-facade"


def facade_labels(t: Translator) -> dict[str, str]:
    """The facade's words in the visitor's language."""
    return {
        "start": t("Show the interactive map"),
        "loading": t("Loading the interactive map…"),
    }


def facade_html(
    scripts: str,
    loader: str,
    heading: str,
    text: str,
    t: Translator,
    *,
    over_first_view: bool = False,
) -> str:
    """The box, the scripts it will load (``scripts``: their tags, inert in a ``<template>``,
    in order) and its loader, deferred. ``over_first_view``: the page already shows what
    the map holds (ui/first_view/), so the box is only its button and status, laid over the
    page's corner (it takes no room: nothing moves when it goes)."""
    labels = facade_labels(t)
    button = (
        f'<button type="button" class="btn btn-primary embed-facade-start">'
        f"{escape(labels['start'])}</button>"
        f'<p class="embed-facade-status small" role="status"></p>'
    )
    loading = escape(labels["loading"])
    if over_first_view:
        box = (
            f'<div id="{FACADE_ID}" class="embed-facade embed-facade-over"'
            f' data-loading="{loading}">{button}</div>'
        )
    else:
        box = (
            f'<main id="{FACADE_ID}" class="embed-facade" aria-labelledby="{FACADE_ID}-title"'
            f' data-loading="{loading}">'
            f'<h1 id="{FACADE_ID}-title" class="h5">{escape(heading)}</h1>'
            f'<p class="embed-facade-text">{escape(text)}</p>{button}</main>'
        )
    return (
        f"{box}\n"
        f'<template id="{FACADE_ID}-scripts">{scripts}</template>\n'
        f'<script defer src="{escape(loader)}"></script>'
    )
