"""The page: a header with the country selector, filters, the map, the summary, the detail."""

from __future__ import annotations

from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from ..data import vocab
from ..figures.palette import FIELD_COLOURS
from ..i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from . import ids
from .controls import (
    BUDGET_MAX_M,
    DURATION_MAX_MONTHS,
    FIRST_YEAR,
    JAPAN,
    KEEP_ALL_UNKNOWN,
    WORLD,
)
from .table import table_shell


def options(vocabulary: tuple[vocab.Term, ...], t: Translator) -> list[dict[str, str]]:
    return [{"label": t.term(vocabulary, term.key), "value": term.key} for term in vocabulary]


# What a map shows until its figure arrives: nothing, and no axes (plotly would draw and
# measure an empty chart's axes and tick labels, only to throw them away).
BLANK_FIGURE = {
    "data": [],
    "layout": {
        "xaxis": {"visible": False},
        "yaxis": {"visible": False},
        "margin": {"l": 0, "r": 0, "t": 0, "b": 0},
    },
}

COMPACT_FILTERS = frozenset({ids.SEARCH, ids.FIELD})  # the ones the embedded view keeps


def _labelled(label: str, control: object, control_id: str) -> html.Div:
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


def filter_panel(
    current_year: int, t: Translator, provinces: list[dict[str, str]] | None = None
) -> html.Div:
    all_when_none = t("(none ticked: all)")
    return html.Div(
        [
            _labelled(
                t("Search titles and partners"),
                dbc.Input(
                    id=ids.SEARCH,
                    value="",  # as the URL's view reads it: a first visit changes no control
                    type="search",
                    placeholder=t("e.g. Yokohama, 水道"),
                    debounce=True,
                ),
                ids.SEARCH,
            ),
            _choices(t("Field"), ids.FIELD, options(vocab.FIELDS, t), hint=all_when_none),
            _choices(
                t("Japanese partner type"),
                ids.PARTNER_TYPE,
                options(vocab.PARTNER_TYPES, t),
                hint=all_when_none,
            ),
            _choices(t("Scheme"), ids.SCHEME, options(vocab.SCHEMES, t), hint=all_when_none),
            _choices(t("Province"), ids.PROVINCE, provinces or [], scroll=True, hint=all_when_none),
            _choices(
                t("Status"),
                ids.STATUS,
                options(vocab.STATUSES, t),
                inline=True,
                hint=all_when_none,
            ),
            _labelled(
                t("Status as of"),
                dbc.Input(  # the browser's own date input: keyboard, screen readers, phones
                    id=ids.AS_OF,
                    type="date",
                    value=date.today().isoformat(),
                    min="2000-01-01",
                    debounce=True,
                    size="sm",
                ),
                ids.AS_OF,
            ),
            _range(t("Budget (¥ million)"), ids.BUDGET, 0, BUDGET_MAX_M, [0, 10, 30, 60, 100]),
            _range(
                t("Duration (months)"), ids.DURATION, 0, DURATION_MAX_MONTHS, [0, 12, 24, 36, 60]
            ),
            _range(
                t("Start year"),
                ids.START_YEARS,
                FIRST_YEAR,
                current_year,
                list(range(FIRST_YEAR, current_year + 1, 5)),
            ),
            _choices(
                t("Keep projects whose value is not stated"),
                ids.KEEP_UNKNOWN,
                [
                    {"label": t("budget"), "value": "budget"},
                    {"label": t("duration"), "value": "duration"},
                    {"label": t("start year"), "value": "start"},
                ],
                value=list(KEEP_ALL_UNKNOWN),
                inline=True,
            ),
            dbc.Button(
                t("Reset filters"),
                id=ids.RESET,
                color="secondary",
                outline=True,
                size="sm",
                class_name="full-only",
            ),
        ]
    )


def field_legend(t: Translator) -> html.Ul:
    """Marker colours by field, as text: the colour never carries the meaning alone."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(
                        className="legend-dot",
                        style={"backgroundColor": FIELD_COLOURS[term.key]},
                        **{"aria-hidden": "true"},
                    ),
                    t.term(vocab.FIELDS, term.key),
                ],
                className="legend-item",
            )
            for term in vocab.FIELDS
        ],
        id=ids.FIELD_LEGEND,
        className="field-legend list-unstyled small mb-1",
        **{"aria-label": t("Marker colour by field")},
    )


def status_legend(t: Translator) -> html.Ul:
    """What the markers' two looks mean, in words: size and ring, not colour, say it."""
    return html.Ul(
        [
            html.Li(
                [
                    html.Span(className="legend-marker legend-ongoing", **{"aria-hidden": "true"}),
                    t("large circle, dark ring: ongoing on the “as of” date"),
                ],
                className="legend-item",
            ),
            html.Li(
                [
                    html.Span(className="legend-marker legend-other", **{"aria-hidden": "true"}),
                    t("small pale circle: completed, planned or status not stated"),
                ],
                className="legend-item",
            ),
        ],
        id=ids.STATUS_LEGEND,
        className="field-legend list-unstyled small mb-1",
        **{"aria-label": t("Marker size by status")},
    )


def data_note(date_text: str, coverage_text: str, t: Translator) -> html.P:
    """The data's date and how much of the programme the map holds, in every view (the
    embed too); the About page says where the facts come from."""
    return html.P(
        [
            html.Strong(date_text),
            " · ",
            coverage_text,
            html.A(  # the embed has no header: the About page opens beside the host page
                t("About the data ↗"),
                href=f"/about?lang={t.lang}",
                target="_blank",
                rel="noopener",
                className="embed-only ms-2",
            ),
        ],
        id=ids.DATA_NOTE,
        className="data-note small text-muted mb-2",
    )


def summary_panel(t: Translator) -> html.Div:
    return html.Div(
        [
            html.Div(
                [
                    html.Div(
                        [
                            html.Span(id=ids.RESULT_COUNT, className="display-6 fw-semibold"),
                            html.Span(id=ids.RESULT_NOUN, className="ms-1"),
                        ]
                    ),
                    html.Div(id=ids.BUDGET_TOTAL, className="small text-muted"),
                ],
                className="mb-2",
                **{"aria-live": "polite"},
            ),
            html.Div(
                [
                    html.H2(t("By field"), className="h6 mt-3"),
                    html.Div(id=ids.FIELD_CHART),
                ],
                className="full-only",
            ),
            html.Div(
                [
                    html.A(
                        t("Download CSV"),
                        id=ids.EXPORT_CSV,
                        href="/export/projects.csv",
                        className="btn btn-outline-primary btn-sm me-2 mb-1",
                    ),
                    html.A(
                        t("Excel"),
                        id=ids.EXPORT_XLSX,
                        href="/export/projects.xlsx",
                        className="btn btn-outline-primary btn-sm me-2 mb-1",
                    ),
                    html.A(
                        "GeoJSON",
                        id=ids.EXPORT_GEOJSON,
                        href="/export/projects.geojson",
                        className="btn btn-outline-primary btn-sm mb-1",
                    ),
                    html.P(
                        t(
                            "Downloads hold exactly the projects shown, in the project-list "
                            "format that jpp-map import reads back."
                        ),
                        className="small text-muted mt-1 mb-0",
                    ),
                ],
                className="mt-2",
            ),
        ]
    )


def project_view(t: Translator) -> html.Main:
    """A project's own page (/project/<id>): filled by the router when the path asks for it."""
    return html.Main(
        [
            html.A(
                t("← Back to the map"),
                id=ids.BACK_TO_MAP,
                href="/",
                className="small d-inline-block mb-2",
            ),
            dbc.Row(
                [
                    dbc.Col(html.Div(id=ids.PROJECT_BODY), lg=7),
                    dbc.Col(
                        [
                            dcc.Graph(
                                id=ids.PROJECT_MAP,
                                figure=BLANK_FIGURE,
                                className="project-map-small",
                                config={
                                    "displaylogo": False,
                                    "showSendToCloud": False,
                                    "locale": t.lang,
                                },
                            ),
                            html.P(
                                boundary_note("implemented", t),
                                className="small text-muted mt-1 mb-0",
                            ),
                        ],
                        lg=5,
                    ),
                ],
                className="g-3",
            ),
        ],
        id=ids.PROJECT_VIEW,
        style={"display": "none"},
    )


def boundary_note(layer: str, t: Translator) -> str:
    """The disclaimer shown with every map, naming the boundaries it draws."""
    drawn = {
        "implemented": t("the provinces in which the projects were implemented"),
        "current": t("the 34 provinces in force since 1 July 2025"),
        WORLD: t("country outlines"),
        JAPAN: t("Japan's 47 prefectures"),
    }[layer]
    return t(
        "Boundaries: Natural Earth (public domain), simplified; {drawn}. Boundaries do not "
        "imply any position on the status of any territory.",
        drawn=drawn,
    )


def language_switcher(t: Translator, where: str) -> html.Nav:
    """Each language named in itself; the links keep the view (a callback fills them)."""
    return html.Nav(
        [
            html.A(
                LANGUAGE_NAMES[lang],
                id={"type": ids.LANGUAGE_LINK, "lang": lang, "where": where},
                href=f"?lang={lang}",
                lang=lang,
                hrefLang=lang,
                className="language-link" + (" active" if lang == t.lang else ""),
                **({"aria-current": "page"} if lang == t.lang else {}),
            )
            for lang in LANGUAGES
        ],
        className="language-switcher small",
        **{"aria-label": t("Language")},
    )


def build_layout(
    country_options: list[dict[str, str]],
    default_country: str,
    t: Translator,
    provinces: list[dict[str, str]] | None = None,
    layer_choice: bool = True,
    provenance: tuple[str, str] = ("", ""),
) -> dbc.Container:
    """``provinces`` (the default country's choices) and ``layer_choice`` (whether it has
    provinces before and since a reform): the page arrives as its callbacks would make it
    for the default country, so that a first visit waits for none of them. ``provenance``:
    the data's date and the coverage line (``layout/provenance.py``)."""
    current_year = date.today().year
    header = dbc.Navbar(
        dbc.Container(
            [
                html.Div(
                    [
                        html.P(  # the site's name; each view has its own h1
                            t("JICA Partnership Program projects"),
                            className="h5 mb-0 text-white site-title",
                        ),
                        html.Div(
                            t(
                                "Grassroots cooperation by Japanese NGOs, universities and "
                                "local governments"
                            ),
                            className="small text-white",
                        ),
                    ]
                ),
                html.Div(
                    [
                        dbc.Label(
                            t("Country"),
                            html_for=ids.COUNTRY,
                            className="text-white small me-2 mb-0",
                        ),
                        dbc.Select(
                            id=ids.COUNTRY,
                            options=country_options,
                            value=default_country,
                            size="sm",
                            style={"minWidth": "12rem", "width": "auto"},
                        ),
                        html.A(
                            t("About the data"),
                            id=ids.ABOUT_LINK,
                            href=f"/about?lang={t.lang}",
                            className="small text-white about-link",
                        ),
                        language_switcher(t, "header"),
                    ],
                    className="d-flex align-items-center flex-wrap gap-3",
                ),
            ],
            fluid=True,
        ),
        color="primary",
        dark=True,
        className="mb-2 site-header",
    )
    filters = html.Div(
        [
            html.Button(
                t("Filters"),
                id=ids.FILTER_TOGGLE,
                type="button",
                className="btn btn-outline-primary btn-sm d-lg-none mb-2",
                **{"aria-controls": ids.FILTER_COLLAPSE, "aria-expanded": "false"},
            ),
            dbc.Collapse(
                filter_panel(current_year, t, provinces),
                id=ids.FILTER_COLLAPSE,
                is_open=False,  # folded on phones; always shown from the lg breakpoint (CSS)
            ),
        ]
    )
    empty_state = dbc.Alert(
        [
            t("No project matches these filters."),
            " ",
            dbc.Button(
                t("Reset filters"),
                id=ids.RESET_EMPTY,
                color="link",
                className="p-0 align-baseline",
            ),
        ],
        id=ids.EMPTY_STATE,
        color="warning",
        is_open=False,
        className="mb-2",
    )
    boundary_layer = html.Fieldset(
        [
            html.Legend(t("Provinces"), className="small d-inline w-auto float-none me-2 mb-0"),
            dbc.RadioItems(
                id=ids.BOUNDARY_LAYER,
                options=[
                    {"label": t("as implemented (63)"), "value": "implemented"},
                    {"label": t("since 1 July 2025 (34)"), "value": "current"},
                ],
                value="implemented",
                inline=True,
                class_name="small d-inline-block",
            ),
        ],
        id=ids.BOUNDARY_LAYER_BOX,
        className="mb-1",
        style={} if layer_choice else {"display": "none"},
    )
    embed_bar = html.Div(
        [
            html.A(
                t("Open the full map ↗"),
                id=ids.FULL_VIEW_LINK,
                href="/",
                target="_blank",
                rel="noopener",
                className="small me-3",
            ),
            language_switcher(t, "embed"),
        ],
        className="embed-only embed-bar mb-1",
    )
    map_panel = html.Div(
        [
            embed_bar,
            empty_state,
            boundary_layer,
            dcc.Loading(
                dcc.Graph(
                    id=ids.MAP,
                    figure=BLANK_FIGURE,
                    className="project-map",
                    style={"height": "100%"},
                    config={
                        "displaylogo": False,
                        "showSendToCloud": False,
                        "scrollZoom": True,
                        "responsive": True,
                        "locale": t.lang,
                        "modeBarButtonsToRemove": ["select2d", "lasso2d"],
                    },
                ),
                delay_show=300,
                parent_className="project-map-frame",
            ),
            field_legend(t),
            status_legend(t),
            html.P(id=ids.UNPLACED_NOTE, className="small mb-1"),
            html.P(id=ids.MAP_HINT, className="small text-muted mb-1"),
            html.Details(
                [
                    html.Summary(
                        t("List of the projects (a table, sortable)"),
                        id=ids.TABLE_OPENER,
                        className="small",
                        n_clicks=0,
                    ),
                    dcc.Store(id=ids.TABLE_SORT_STATE, data={"column": "id", "descending": False}),
                    # The page shown, and the pager's clicks when it was shown.
                    dcc.Store(id=ids.TABLE_PAGE, data={"page": 1, "next": 0, "previous": 0}),
                    html.Div(table_shell(t), id=ids.PROJECT_TABLE),
                ],
                className="mb-2 project-list",
            ),
            html.P(
                boundary_note("implemented", t),
                id=ids.BOUNDARY_NOTE,
                className="small text-muted mt-1 mb-0",
            ),
        ]
    )
    detail = dbc.Offcanvas(
        html.Div(id=ids.DETAIL_BODY, **{"aria-live": "polite"}),
        id=ids.DETAIL,
        title=t("Projects here"),
        placement="end",
        is_open=False,
        scrollable=True,
        backdrop=False,
        class_name="detail-panel",
    )
    return dbc.Container(
        [
            header,
            data_note(*provenance, t),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANGUAGE, data=t.lang),
            dcc.Store(id=ids.MAP_SIZE),
            dcc.Store(id=ids.MAP_DRAWN),
            dcc.Store(id=ids.SELECTED_PLACE),
            html.Div(
                [
                    html.H1(t("Map of the projects"), className="visually-hidden"),
                    dbc.Row(
                        [
                            dbc.Col(filters, lg=3, className="filters-col"),
                            dbc.Col([map_panel, detail], lg=6),
                            dbc.Col(summary_panel(t), lg=3),
                        ],
                        className="g-3",
                    ),
                ],
                id=ids.MAP_VIEW,
            ),
            project_view(t),
        ],
        fluid=True,
        className="pb-4",
    )
