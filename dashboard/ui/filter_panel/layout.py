"""The filter panel's components: native tick boxes in fieldsets, a searchable province
chooser, a date input, range sliders, the search box and the reset button (components
only)."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from ...data import vocab
from ...i18n import Translator
from .. import ids
from ..attributes import attributes
from .controls import (
    MAX_AS_OF_CHARS,
    MAX_SEARCH_CHARS,
    RangeControl,
    as_of_examples,
    range_controls,
)

SEARCH_PAUSE_MS = 400
COMPACT_FILTERS = frozenset({ids.SEARCH, ids.FIELD})  # the ones the embedded view keeps


def options(vocabulary: tuple[vocab.Term, ...], t: Translator) -> list[dict[str, str]]:
    return [{"label": t.term(vocabulary, term.key), "value": term.key} for term in vocabulary]


def _labelled(label: str, control: Any, control_id: str) -> html.Div:
    return html.Div(
        [dbc.Label(label, html_for=control_id, className="small fw-semibold mb-1"), control],
        className="mb-3" if control_id in COMPACT_FILTERS else "mb-3 full-only",
    )


def _note(note_id: str) -> html.P:
    """What a filter did, said beside it (the map's callback fills it)."""
    return html.P(id=note_id, className="small text-muted mb-0 filter-note")


def _range(spec: RangeControl) -> html.Div:
    """A range slider over whole numbers (at its full range it filters nothing), its handles
    named for screen readers ("Budget, minimum"), and beside it the choice to keep the
    projects that state no value, and what the range did with them."""
    slider = dcc.RangeSlider(
        id=spec.control_id,
        min=spec.low,
        max=spec.high,
        step=1,
        value=[spec.low, spec.high],
        marks={mark: str(mark) for mark in spec.marks},
        tooltip={"placement": "bottom"},
        allow_direct_input=False,
    )
    handles = [spec.minimum, spec.maximum]
    keep = dbc.Checklist(
        id=spec.keep_id,
        options=[{"label": spec.keep_label, "value": spec.facet}],
        value=[spec.facet],
        class_name="small mb-0",
    )
    return html.Div(
        [
            dbc.Label(spec.label, html_for=spec.control_id, className="small fw-semibold mb-1"),
            html.Div(
                slider,
                className="range-slider",
                **attributes({"data-handle-names": json.dumps(handles, ensure_ascii=False)}),
            ),
            keep,
            _note(spec.note_id),
        ],
        className="mb-3 full-only range-control",
    )


def _choices(
    legend: str,
    control_id: str,
    choices: list[dict[str, str]],
    *,
    inline: bool = False,
    scroll: bool = False,
    hint: str = "",
    note_id: str = "",
) -> html.Fieldset:
    """Tick boxes in a fieldset: native inputs that keyboards and screen readers know."""
    return html.Fieldset(
        [
            html.Legend(
                [
                    legend,
                    html.Span(f" {hint}", className="fw-normal text-muted") if hint else None,
                ],
                className="small fw-semibold mb-1",
            ),
            dbc.Checklist(
                id=control_id,
                options=choices,
                value=[],
                inline=inline,
                class_name="small choices-scroll" if scroll else "small",
            ),
            _note(note_id) if note_id else None,
        ],
        className="mb-3" if control_id in COMPACT_FILTERS else "mb-3 full-only",
    )


def dropdown_labels(t: Translator) -> dcc.Dropdown.Labels:
    """The words of Dash's dropdown, in the page's language."""
    return {
        "select_all": t("Select all"),
        "deselect_all": t("Deselect all"),
        "selected_count": t("{num_selected} selected"),
        "search": t("Type a name"),
        "clear_search": t("Clear the search"),
        "clear_selection": t("Clear the choice"),
        "no_options_found": t("No such name here"),
    }


def _province_chooser(t: Translator, provinces: list[dict[str, str]]) -> html.Fieldset:
    """One tab stop, not one per province: type a name (in any language, with or without
    accents) to find it; the chosen ones stay in the field. The fieldset's legend names it
    for screen readers (Dash's dropdown names its button by what is chosen)."""
    legend_id = f"{ids.PROVINCE}-legend"
    return html.Fieldset(
        [
            html.Legend(
                [
                    t("Province"),
                    html.Span(" " + t("(none ticked: all)"), className="fw-normal text-muted"),
                ],
                id=legend_id,
                className="small fw-semibold mb-1",
            ),
            dcc.Dropdown(
                id=ids.PROVINCE,
                options=provinces,
                value=[],
                multi=True,
                placeholder=t("Province: type a name to find it"),
                labels=dropdown_labels(t),
                search_order="original",
                maxHeight=280,
                className="province-chooser small",
            ),
            html.P(id=ids.PROVINCE_NOTE, className="small text-muted mb-0 filter-note"),
        ],
        className="mb-3 full-only",
    )


def _search(t: Translator) -> html.Div:
    return _labelled(
        t("Search titles and partners"),
        dbc.Input(
            id=ids.SEARCH,
            value="",  # as the URL's view reads it: a first visit changes no control
            type="search",
            placeholder=t("e.g. Yokohama, 水道"),
            maxLength=MAX_SEARCH_CHARS,  # as the API's q; the callback guard refuses more
            # Live: the count follows the words after a pause in typing (one request per
            # pause, not per key; Enter is not needed, on a phone least of all).
            debounce=SEARCH_PAUSE_MS,
        ),
        ids.SEARCH,
    )


def _vocabulary_filters(t: Translator, provinces: list[dict[str, str]]) -> list[html.Fieldset]:
    every = t("(none ticked: all)")
    return [
        _choices(t("Field"), ids.FIELD, options(vocab.FIELDS, t), hint=every),
        _choices(
            t("Japanese partner type"),
            ids.PARTNER_TYPE,
            options(vocab.PARTNER_TYPES, t),
            hint=every,
        ),
        _choices(t("Scheme"), ids.SCHEME, options(vocab.SCHEMES, t), hint=every),
        _province_chooser(t, provinces),
        _choices(
            t("Status"),
            ids.STATUS,
            options(vocab.STATUSES, t),
            inline=True,
            hint=every,
            note_id=ids.STATUS_NOTE,
        ),
    ]


def _as_of(today: date, t: Translator) -> html.Div:
    """A text box, not the browser's date input: it takes a month or a fiscal year as well
    as a day, on every phone (a date input takes days only). What it was read as is said
    under it; the map's callback fills that note."""
    return html.Div(
        [
            dbc.Label(
                [
                    t("Status as of"),
                    html.Span(  # in the label: screen readers hear what the box takes
                        t(
                            "a day, a month or a fiscal year: {examples}",
                            examples=as_of_examples(t),
                        ),
                        className="d-block fw-normal text-muted",
                    ),
                ],
                html_for=ids.AS_OF,
                className="small fw-semibold mb-1",
            ),
            dbc.Input(
                id=ids.AS_OF,
                type="text",
                value=today.isoformat(),
                maxLength=MAX_AS_OF_CHARS,
                debounce=True,
                size="sm",
                autoComplete="off",
            ),
            html.P(
                id=ids.AS_OF_NOTE,
                className="small text-muted mb-0 filter-note",
                **attributes({"aria-live": "polite"}),
            ),
        ],
        className="mb-3 full-only",
    )


def _range_filters(today: date, t: Translator) -> list[html.Div]:
    return [_range(spec) for spec in range_controls(today, t)]


def filter_panel(
    today: date, t: Translator, provinces: list[dict[str, str]] | None = None
) -> html.Div:
    """Every filter; the page arrives with the default country's provinces to choose from."""
    reset = dbc.Button(
        t("Reset filters"),
        id=ids.RESET,
        color="secondary",
        outline=True,
        size="sm",
        class_name="full-only",
    )
    return html.Div(
        [
            _search(t),
            *_vocabulary_filters(t, provinces or []),
            _as_of(today, t),
            *_range_filters(today, t),
            reset,
        ]
    )
