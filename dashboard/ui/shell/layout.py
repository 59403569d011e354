"""The page's frame: the header with the country selector, the data's date and coverage,
the language switcher, and the three columns that the regions fill (components only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import dash_bootstrap_components as dbc
from dash import dcc, html

from ...i18n import LANGUAGE_NAMES, LANGUAGES, Translator
from .. import ids
from ..attributes import attributes
from ..country_list.layout import country_list
from ..detail_panel.layout import detail_offcanvas
from ..filter_panel.layout import dropdown_labels, filter_panel
from ..map_panel.layout import map_panel
from ..project_page.layout import project_view
from ..project_table.layout import table_shell
from ..summary_panel.layout import summary_panel


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
                **attributes({"aria-current": "page"} if lang == t.lang else {}),
            )
            for lang in LANGUAGES
        ],
        className="language-switcher small",
        **attributes({"aria-label": t("Language")}),
    )


def _header(
    country_options: list[dict[str, str]], default_country: str, t: Translator
) -> dbc.Navbar:
    site = html.Div(
        [
            html.P(  # the site's name; each view has its own h1
                t("JICA Partnership Program projects"), className="h5 mb-0 text-white site-title"
            ),
            html.Div(
                t("Grassroots cooperation by Japanese NGOs, universities and local governments"),
                className="small text-white",
            ),
        ]
    )
    label_id = f"{ids.COUNTRY}-label"
    countries = html.Div(
        [
            dbc.Label(
                t("Country"),
                id=label_id,
                html_for=ids.COUNTRY,
                className="text-white small me-2 mb-0",
            ),
            dcc.Dropdown(  # one country, several, or an overview (``controls.view_key``)
                id=ids.COUNTRY,
                options=country_options,
                value=[default_country],
                multi=True,
                clearable=False,
                placeholder=t("Country"),
                labels=dropdown_labels(t),
                search_order="original",
                maxHeight=360,
                className="country-chooser",
            ),
        ],
        role="group",
        className="d-flex align-items-center country-group",
        **attributes({"aria-labelledby": label_id}),
    )
    tools = html.Div(
        [
            countries,
            html.A(
                t("About the data"),
                id=ids.ABOUT_LINK,
                href=f"/about?lang={t.lang}",
                className="small text-white about-link",
            ),
            language_switcher(t, "header"),
        ],
        className="d-flex align-items-center flex-wrap gap-3",
    )
    return dbc.Navbar(
        dbc.Container([site, tools], fluid=True),
        color="primary",
        dark=True,
        className="mb-2 site-header",
    )


def _sheet_head(t: Translator) -> html.Div:
    """On a phone the filters are a sheet over the page: its title and a way out."""
    return html.Div(
        [
            html.H2(t("Filters"), id=ids.SHEET_TITLE, className="h5 mb-0", tabIndex=-1),
            html.Button(
                t("Close"),
                id=ids.SHEET_CLOSE,
                type="button",
                className="btn btn-outline-secondary btn-sm",
            ),
        ],
        className="filter-sheet-head d-lg-none",
    )


def _sheet_foot(t: Translator) -> html.Div:
    """Said while filtering, on a phone and beside the map alike: "66 → 15 projects"; on a
    phone, a button that closes the sheet and returns to the map."""
    return html.Div(
        [
            html.P(
                id=ids.SHEET_COUNT,
                className="mb-0 fw-semibold filter-sheet-count",
                **attributes({"aria-live": "polite"}),
            ),
            html.Button(
                t("Show the projects"),
                id=ids.SHEET_SHOW,
                type="button",
                className="btn btn-primary btn-sm d-lg-none",
            ),
        ],
        className="filter-sheet-foot",
    )


def _filters_column(today: date, t: Translator, provinces: list[dict[str, str]]) -> html.Div:
    toggle = html.Button(
        t("Filters"),
        id=ids.FILTER_TOGGLE,
        type="button",
        className="btn btn-outline-primary btn-sm d-lg-none mb-2",
        **attributes({"aria-controls": ids.FILTER_COLLAPSE, "aria-expanded": "false"}),
    )
    panel = dbc.Collapse(
        html.Section(
            [_sheet_head(t), filter_panel(today, t, provinces), _sheet_foot(t)],
            className="filter-sheet",
            **attributes({"aria-labelledby": ids.SHEET_TITLE}),
        ),
        id=ids.FILTER_COLLAPSE,
        is_open=False,  # a sheet on phones; always shown from the lg breakpoint (CSS)
    )
    return html.Div([toggle, panel])


def _skip_links(t: Translator) -> html.Nav:
    """For the keyboard: past the header and the filters to the map, or to the list of the
    projects (the map's equivalent for screen readers). Seen only when focused."""
    link = "visually-hidden-focusable d-inline-block p-2"
    return html.Nav(
        [
            # To the map's region (tabindex=-1), which takes the focus: the graph does not.
            html.A(t("Skip to the map"), href=f"#{ids.MAP_REGION}", className=f"{link} map-only"),
            html.A(
                t("Skip to the list of the projects"),
                href=f"#{ids.TABLE_OPENER}",
                className=f"{link} map-only",
            ),
            # On a project's page (its <html> says so: shell/index.py) the map is not there.
            html.A(
                t("Skip to the project"),
                href=f"#{ids.PROJECT_HEADING}",
                className=f"{link} project-only",
            ),
        ],
        className="skip-links",
        **attributes({"aria-label": t("Skip links")}),
    )


def _embed_bar(t: Translator) -> html.Div:
    return html.Div(
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


@dataclass(frozen=True)
class Arrival:
    """The page as its callbacks would make it for the default country, so that a first
    visit waits for none of them: the country choices, the default country's provinces,
    whether it has units before and since a reform, and the data's date and coverage."""

    country_options: list[dict[str, str]]
    default_country: str
    provinces: list[dict[str, str]] = field(default_factory=list)
    layer_choice: bool = True
    layer_options: list[dict[str, str]] | None = None  # its country's words (Viet Nam's: None)
    provenance: tuple[str, str] = ("", "")
    today: date = field(default_factory=date.today)
    embedded: bool = False  # /embed: the map first, its compact filters and summary below


def _map_region(arrival: Arrival, t: Translator) -> html.Section:
    """The map, its keys and list, and the side panel: where the filter sheet's "Show 15
    projects" returns the visitor. On a phone the summary is under the map, so what the
    filters keep is said above it too."""
    phone_count = html.P(id=ids.MAP_COUNT, className="d-lg-none fw-semibold mb-1 full-only")
    return html.Section(
        [
            _embed_bar(t),
            phone_count,
            *map_panel(t, arrival.layer_choice, table_shell(t), arrival.layer_options),
            detail_offcanvas(t),
        ],
        id=ids.MAP_REGION,
        tabIndex=-1,
        className="map-region",
        **attributes({"aria-label": t("Map and list of the projects")}),
    )


def _columns(arrival: Arrival, t: Translator) -> dbc.Row:
    """Filters, map, summary; in the embed the map comes first (in reading and tab order
    too), its compact filters beside it on a wide frame and below it on a narrow one."""
    region = _map_region(arrival, t)
    filters = _filters_column(arrival.today, t, arrival.provinces)
    if arrival.embedded:
        return dbc.Row(
            [
                dbc.Col(region, lg=8),
                # What the map shows (count, downloads) right under it, then the filters.
                dbc.Col(
                    [summary_panel(t), country_list(t), filters], lg=4, className="filters-col"
                ),
            ],
            className="g-3",
        )
    return dbc.Row(
        [
            dbc.Col(filters, lg=3, className="filters-col"),
            dbc.Col(region, lg=6),
            dbc.Col([summary_panel(t), country_list(t)], lg=3),
        ],
        className="g-3",
    )


def build_layout(arrival: Arrival, t: Translator) -> dbc.Container:
    columns = _columns(arrival, t)
    return dbc.Container(
        [
            _skip_links(t),
            _header(arrival.country_options, arrival.default_country, t),
            data_note(*arrival.provenance, t),
            dcc.Location(id=ids.URL, refresh=False),
            dcc.Store(id=ids.LANGUAGE, data=t.lang),
            dcc.Store(id=ids.MAP_SIZE),
            dcc.Store(id=ids.MAP_DRAWN),
            dcc.Store(id=ids.MAP_PAINT),
            dcc.Store(id=ids.MAP_PAINTED),
            dcc.Store(id=ids.SELECTED_PLACE),
            # The URL's round trip (assets/round-trip.js): the address the view's owner and
            # the map's callback want, an address the page did not write, and the changes
            # of the filters that the list and the side panel follow while they show.
            dcc.Store(id=ids.SEARCH_FROM_VIEW),
            dcc.Store(id=ids.SEARCH_FROM_FILTERS),
            dcc.Store(id=ids.URL_ARRIVED),
            dcc.Store(id=ids.TABLE_FILTERS),
            dcc.Store(id=ids.DETAIL_FILTERS),
            html.Main(  # the map page's main landmark (a project's page has its own)
                [html.H1(t("Map of the projects"), className="visually-hidden"), columns],
                id=ids.MAP_VIEW,
            ),
            project_view(t),
        ],
        fluid=True,
        className="pb-4",
    )
