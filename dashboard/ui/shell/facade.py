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
# A touch-only device (a phone, a tablet): no mouse to hover with, a finger to point with. On
# one, a page over its first view waits for the visitor's first touch before it loads the
# app (assets/app-wake.js reads this query from the page), and fetches nothing for the app
# before it (the preloads carry the opposite query).
TOUCH_ONLY = "(hover: none) and (pointer: coarse)"
NOT_TOUCH_ONLY = f"not all and {TOUCH_ONLY}"
WAKE_ID = "app-scripts"


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
    # What the loader reads: its status while loading; on which devices only a touch starts it.
    data = f' data-loading="{escape(labels["loading"])}" data-touch-only="{escape(TOUCH_ONLY)}"'
    if over_first_view:
        box = f'<div id="{FACADE_ID}" class="embed-facade embed-facade-over"{data}>{button}</div>'
    else:
        box = (
            f'<main id="{FACADE_ID}" class="embed-facade" aria-labelledby="{FACADE_ID}-title"'
            f"{data}>"
            f'<h1 id="{FACADE_ID}-title" class="h5">{escape(heading)}</h1>'
            f'<p class="embed-facade-text">{escape(text)}</p>{button}</main>'
        )
    return (
        f"{box}\n"
        f'<template id="{FACADE_ID}-scripts">{scripts}</template>\n'
        f'<script defer src="{escape(loader)}"></script>'
    )


def wake_html(scripts: str, loader: str) -> str:
    """A page over its first view: the app's scripts (their tags, inert in a ``<template>``,
    in order) and the loader that runs them: at once with a mouse, at the first touch, click,
    key or focus on a touch-only device (assets/app-wake.js)."""
    return (
        f'<template id="{WAKE_ID}" data-touch-only="{escape(TOUCH_ONLY)}">{scripts}</template>\n'
        f'<script defer src="{escape(loader)}"></script>'
    )


def preload_links(sources: tuple[str, ...]) -> str:
    """The scripts fetched early where they will run at once (not on a touch-only device,
    where they wait for the visitor: fetched then, not paid for by a visit that only reads)."""
    return "\n".join(
        f'<link rel="preload" as="script" href="{escape(src)}" media="{NOT_TOUCH_ONLY}">'
        for src in sources
    )
