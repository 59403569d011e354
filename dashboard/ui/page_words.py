"""Words that other libraries write into the page in English, in the page's language: the
side panel's close button (react-bootstrap's ``aria-label="Close"``) and the map canvas's
accessible name (MapLibre's "Map"). Neither library takes them as an option here: the page
carries them as data attributes, and ``assets/page-words.js`` puts them in place. Plain
rules, no Dash."""

from __future__ import annotations

from typing import Any

from ..i18n import Translator

CLOSE_LABEL = "data-close-label"  # on the side panel's body: its close button's name
CANVAS_NAME = "data-canvas-name"  # on a map's frame: its canvas's name


def close_words(t: Translator) -> dict[str, Any]:
    """The side panel's close button, named in the page's language."""
    return {CLOSE_LABEL: t("Close")}


def canvas_words(t: Translator) -> dict[str, Any]:
    """A map's canvas (a region a keyboard can pan), named in the page's language."""
    return {CANVAS_NAME: t("Map of the projects")}
