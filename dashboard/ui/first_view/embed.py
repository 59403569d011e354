"""The embed's first view (pure: no Dash): the blocks the embedded app shows and the full
page's first view does not, in the app's order and sizes, so that the frame's height does
not move when the app takes over (the host page sizes the frame to the first view at once:
assets/embed.js). The map's hint; the list of the projects folded as the app's is (open when
the link asks for a later page of it); the compact filters, search and field, as the app's
(``filter_panel.layout``: ``COMPACT_FILTERS``), a form that works without script."""

from __future__ import annotations

import html

from ...data import vocab
from ...i18n import Translator
from ..view_state import ViewState

FIELD_KEY = "fields"  # filter_panel.controls.FILTER_CONTROLS
SEARCH_KEY = "search"


def _e(text: object) -> str:
    return html.escape(str(text))


def folded_list(hint: str, listed: str, t: Translator, number: int) -> str:
    """The map's hint and the list under the map, folded as the app's ``<details>`` is
    (``map_panel.layout._project_list``); open when the link asks for page ``number`` > 1."""
    opened = " open" if number > 1 else ""
    return (
        f'<p class="small text-muted mb-1">{_e(hint)}</p>'
        f'<details class="mb-2 project-list"{opened}>'
        f'<summary class="small">{_e(t("List of the projects"))}</summary>{listed}</details>'
    )


def _field_box(key: str, label: str, ticked: bool) -> str:
    box_id = f"first-view-field-{key}"
    checked = " checked" if ticked else ""
    return (
        f'<div class="form-check"><input class="form-check-input" type="checkbox"'
        f' id="{box_id}" name="field" value="{_e(key)}"{checked}>'
        f'<label class="form-check-label" for="{box_id}">{_e(label)}</label></div>'
    )


def compact_filters(state: ViewState, t: Translator) -> str:
    """Search and field, where and as the embedded app has them. Without script the form
    asks the server for the embed with them (Enter in the search box)."""
    search = state.controls.get(SEARCH_KEY) or ""
    ticked = set(state.controls.get(FIELD_KEY) or ())  # type: ignore[call-overload]
    boxes = "".join(
        _field_box(term.key, t.term(vocab.FIELDS, term.key), term.key in ticked)
        for term in vocab.FIELDS
    )
    hidden = "".join(
        f'<input type="hidden" name="{name}" value="{_e(value)}">'
        for name, value in (("country", state.country), ("lang", t.lang))
    )
    return (
        # In the app's sheet (style.css: .filter-sheet, its padding on a phone), not its column.
        f'<div><section class="filter-sheet"><form class="first-view-compact" method="get">'
        f'{hidden}<div class="mb-3">'
        f'<label class="small fw-semibold mb-1 form-label" for="first-view-search">'
        f"{_e(t('Search titles and partners'))}</label>"
        f'<input class="form-control" type="search" id="first-view-search" name="q"'
        f' value="{_e(search)}" placeholder="{_e(t("e.g. Yokohama, 水道"))}"></div>'
        f'<fieldset class="mb-3"><legend class="small fw-semibold mb-1">{_e(t("Field"))}'
        f'<span class="fw-normal text-muted"> {_e(t("(none ticked: all)"))}</span></legend>'
        f'<div class="small">{boxes}</div></fieldset></form></section></div>'
    )
