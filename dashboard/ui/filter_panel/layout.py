"""The filter panel's components: native tick boxes in fieldsets, a searchable province
chooser, a date input, range sliders, the search box and the reset button (components
only)."""

from __future__ import annotations

from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from ...data import vocab
from ...i18n import Translator
from .. import ids
from .controls import (
    BUDGET_MAX_M,
    DURATION_MAX_MONTHS,
    FIRST_YEAR,
    KEEP_ALL_UNKNOWN,
    MAX_SEARCH_CHARS,
)

COMPACT_FILTERS = frozenset({ids.SEARCH, ids.FIELD})  # the ones the embedded view keeps


def options(vocabulary: tuple[vocab.Term, ...], t: Translator) -> list[dict[str, str]]:
    return [{"label": t.term(vocabulary, term.key), "value": term.key} for term in vocabulary]


def _labelled(label: str, control: Any, control_id: str) -> html.Div:
    return html.Div(
        [dbc.Label(label, html_for=control_id, className="small fw-semibold mb-1"), control],
        className="mb-3" if control_id in COMPACT_FILTERS else "mb-3 full-only",
    )


def _range(label: str, control_id: str, low: int, high: int, marks: list[int]) -> html.Div:
    """A range slider over whole numbers; at its full range it filters nothing."""
    return _labelled(
        label,
        dcc.RangeSlider(
            id=control_id,
            min=low,
            max=high,
            step=1,
            value=[low, high],
            marks={mark: str(mark) for mark in marks},
            tooltip={"placement": "bottom"},
            allow_direct_input=False,
        ),
        control_id,
    )


def _choices(
    legend: str,
    control_id: str,
    choices: list[dict[str, str]],
    *,
    value: list[str] | None = None,
    inline: bool = False,
    scroll: bool = False,
    hint: str = "",
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
                value=value or [],
                inline=inline,
                class_name="small choices-scroll" if scroll else "small",
            ),
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
            debounce=True,
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
        _choices(t("Status"), ids.STATUS, options(vocab.STATUSES, t), inline=True, hint=every),
    ]


def _as_of(today: date, t: Translator) -> html.Div:
    return _labelled(
        t("Status as of"),
        dbc.Input(  # the browser's own date input: keyboard, screen readers, phones
            id=ids.AS_OF,
            type="date",
            value=today.isoformat(),
            min="2000-01-01",
            debounce=True,
            size="sm",
        ),
        ids.AS_OF,
    )


def _range_filters(today: date, t: Translator) -> list[html.Div]:
    years = list(range(FIRST_YEAR, today.year + 1, 5))
    return [
        _range(t("Budget (¥ million)"), ids.BUDGET, 0, BUDGET_MAX_M, [0, 10, 30, 60, 100]),
        _range(t("Duration (months)"), ids.DURATION, 0, DURATION_MAX_MONTHS, [0, 12, 24, 36, 60]),
        _range(t("Start year"), ids.START_YEARS, FIRST_YEAR, today.year, years),
    ]


def _keep_unknown(t: Translator) -> html.Fieldset:
    return _choices(
        t("Keep projects whose value is not stated"),
        ids.KEEP_UNKNOWN,
        [
            {"label": t("budget"), "value": "budget"},
            {"label": t("duration"), "value": "duration"},
            {"label": t("start year"), "value": "start"},
        ],
        value=list(KEEP_ALL_UNKNOWN),
        inline=True,
    )


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
            _keep_unknown(t),
            reset,
        ]
    )
