"""The first view: what the URL asks for, written into the page the server sends, in the
visitor's language, so that a phone reads it (and a crawler finds it) before any script has
run. The interactive app replaces it when it has drawn (assets/first-view.js).

A map's first view says what the app's map callback will say, with the same functions: the
selection (``repository.select``), the map (``views.drawn_map``, drawn as an SVG), the
summary (``map_panel.callbacks.summary_outputs``), the table's order; a project's page shows
the app's own components (``project_page.layout.project_page``), written as HTML. It takes
the app's boxes (its classes, its columns), so that nothing moves when the app takes over.
"""

from __future__ import annotations

import html
from dataclasses import replace
from typing import Any
from urllib.parse import urlencode

from ...context import AppContext
from ...data import vocab
from ...data.filters import ProjectFilter, Selection
from ...data.loading import ProjectStore
from ...data.store_cache import Bounded
from ...data.summaries import summarise
from ...figures.palette import FIELD_COLOURS
from ...figures.svg_map import svg_map
from ...i18n import LANGUAGE_NAMES, LANGUAGES, Translator, translator
from ...i18n.provenance import coverage_text, data_date_text
from .. import ids
from ..boundary_layers import IMPLEMENTED, layer_of, layer_options, map_file
from ..country_list.layout import country_items
from ..country_list.listing import listing
from ..detail_panel.callbacks import detail_children
from ..detail_panel.layout import project_href, shown
from ..filter_panel.controls import (
    JAPAN,
    WORLD,
    as_of_note,
    countries_of,
    filter_from_controls,
    is_several,
)
from ..map_panel.callbacks import chosen_outlined, summary_outputs
from ..map_panel.layout import status_legend
from ..map_panel.views import (
    DEFAULT_SIZE,
    DrawnMap,
    Figure,
    boundary_note,
    chosen_units,
    drawn_map,
    shown_view,
    with_chosen,
)
from ..project_page.callbacks import page_of
from ..project_page.rules import project_country, project_id_of
from ..project_table.paging import TablePage, position_text, table_page
from ..shell.callbacks import back_link_of
from ..shell.layout import data_note
from ..shell.links import carried_back, map_query_back, view_links
from ..shell.page import is_embed
from ..summary_panel.layout import downloads
from ..view_state import VIEW_NAMES, ViewState, view_query
from .embed import compact_filters, folded_list
from .markup import to_html
from .rules import (
    DETAIL_CAP,
    LIST_CAP,
    VIEWS_KEPT,
    ListedProject,
    filter_words,
    list_page,
    listed_project,
    more_here_text,
    more_text,
    with_page,
)
from .shapes import figure_paths

_VIEWS: Bounded[tuple, str] = Bounded(VIEWS_KEPT)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _not_stated(text: str, t: Translator) -> str:
    if text:
        return _e(text)
    return f'<span class="text-muted fst-italic not-stated">{_e(t.not_stated)}</span>'


def _language_link(lang: str, href: str, t: Translator) -> str:
    here = lang == t.lang
    marks = ' aria-current="page"' if here else ""
    return (
        f'<a class="language-link{" active" if here else ""}" href="{_e(href)}"'
        f' hreflang="{lang}" lang="{lang}"{marks}>{_e(LANGUAGE_NAMES[lang])}</a>'
    )


def header_html(context: AppContext, t: Translator, chosen: str, languages: list[str]) -> str:
    """The app's header (``shell.layout._header``) with the chosen view's name where the
    country selector will be, and the language links of this view."""
    links = "".join(
        _language_link(lang, href, t) for lang, href in zip(LANGUAGES, languages, strict=True)
    )
    about = context.relative_path("/about") + f"?lang={t.lang}"
    return (
        '<nav class="mb-2 site-header navbar navbar-expand-md navbar-dark bg-primary">'
        '<div class="container-fluid"><div>'
        f'<p class="h5 mb-0 text-white site-title">{_e(t("JICA Partnership Program projects"))}</p>'
        '<div class="small text-white">'
        + _e(t("Grassroots cooperation by Japanese NGOs, universities and local governments"))
        + '</div></div><div class="d-flex align-items-center flex-wrap gap-3">'
        '<div class="d-flex align-items-center country-group">'
        f'<span class="text-white small me-2 mb-0">{_e(t("Country"))}</span>'
        f'<span class="first-view-country">{_e(chosen)}</span></div>'
        f'<a class="small text-white about-link" href="{_e(about)}">{_e(t("About the data"))}</a>'
        f'<nav class="language-switcher small" aria-label="{_e(t("Language"))}">{links}</nav>'
        "</div></div></nav>"
    )


def view_name(view: str, t: Translator) -> str:
    """What the header's selector will show: the overview's or the countries' names."""
    names = {WORLD: t("All countries (world)"), JAPAN: t("Japan: where the partners are based")}
    return names.get(view) or ", ".join(t.country(code) for code in countries_of(view))


def _frame(context: AppContext, t: Translator, header: str, main: str) -> str:
    store = context.repository.store
    note = data_note(data_date_text(store.data_date, t), coverage_text(store.coverage, t), t)
    # Said while the app loads on a phone after its first touch (assets/app-wake.js fills
    # it): seconds there, and a page that does not answer a tap looks broken.
    waking = (
        '<p class="first-view-waking small" role="status" aria-live="polite"'
        f' data-loading="{_e(t("Loading the interactive map…"))}"></p>'
    )
    return (
        f'<div id="first-view" class="container-fluid pb-4 first-view" lang="{t.lang}">'
        f"{header}{to_html(note)}{main}{waking}</div>"
    )


def field_bars_html(field_counts: dict[str, int], t: Translator) -> str:
    """The summary's projects by field (``summary_panel.layout.field_bars``), with each bar
    an SVG (the app sets the bars' widths as styles, which a first view may not write)."""
    terms = [term for term in vocab.FIELDS if field_counts.get(term.key)]
    most = max((field_counts[term.key] for term in terms), default=0)
    rows = "".join(
        f'<li class="field-bar-row" data-field="{term.key}">'
        f'<span class="field-bar-label">{_e(t.term(vocab.FIELDS, term.key))}</span>'
        '<span class="field-bar"><svg class="first-view-bar" viewBox="0 0 100 10"'
        ' preserveAspectRatio="none" aria-hidden="true">'
        f'<rect width="{100 * field_counts[term.key] / most:.1f}" height="10" rx="1"'
        f' fill="{FIELD_COLOURS[term.key]}"/></svg>'
        f'<span class="field-bar-count">{_e(t.number(field_counts[term.key]))}</span></span></li>'
        for term in terms
    )
    return f'<ul class="field-bars list-unstyled mb-0">{rows}</ul>'


def legend_html(t: Translator) -> str:
    """The key to the markers' colours (``map_panel.layout.field_legend``), dots as SVG."""
    items = "".join(
        '<li class="legend-item"><svg class="legend-dot first-view-dot" viewBox="0 0 10 10"'
        f' aria-hidden="true"><circle cx="5" cy="5" r="5" fill="{FIELD_COLOURS[term.key]}"/>'
        f"</svg>{_e(t.term(vocab.FIELDS, term.key))}</li>"
        for term in vocab.FIELDS
    )
    label = _e(t("Marker colour by field"))
    return f'<ul class="field-legend list-unstyled small mb-1" aria-label="{label}">{items}</ul>'


def pages_html(page: TablePage, query: str, t: Translator) -> str:
    """Under a list longer than a page: where the reader is, and links to the previous and
    the next page of it (the same view with ``page=``), so that a reader without JavaScript
    reaches every project of the view."""
    if page.pages <= 1:
        return ""
    links = [
        f'<a class="me-3" rel="{rel}" href="?{_e(with_page(query, number))}">{_e(label)}</a>'
        for rel, number, label in (
            ("prev", page.page - 1, t("Previous page")),
            ("next", page.page + 1, t("Next page")),
        )
        if 1 <= number <= page.pages
    ]
    return (
        f'<nav class="first-view-pages small" aria-label="{_e(t("List of the projects"))}">'
        f'<p class="mb-1">{_e(position_text(page, t))}</p>'
        f"{''.join(links)}</nav>"
    )


def list_html(
    rows: list[ListedProject], page: TablePage, t: Translator, query: str = "", said: str = ""
) -> str:
    """The projects shown: each title links to its page; partners, place and period, or
    "not stated". ``query``: the view's query, for the links to the list's other pages;
    ``said``: the filters in words, above the list."""
    items = "".join(
        f'<li class="first-view-project"><a href="{_e(project_href(row.id, t))}">'
        f"{to_html(shown(row.title, t))}</a>"
        f'<div class="small">{_e(t("Partners"))}: {_not_stated(row.partners, t)} · '
        f"{_e(t('Where'))}: {_not_stated(row.place, t)} · "
        f"{_e(t('Period'))}: {_not_stated(row.period, t)}</div></li>"
        for row in rows
    )
    more = more_text(len(rows), page.total, t) if page.page == 1 else ""
    tail = f'<p class="small text-muted mb-1">{_e(more)}</p>' if more else ""
    heading = _e(t("List of the projects"))
    start = f' start="{page.first}"' if page.first > 1 else ""
    return (
        f'<section class="first-view-list mb-2"><h2 class="h6 mt-2">{heading}</h2>{said}'
        f'<ol class="list-unstyled small mb-1"{start}>{items}</ol>{tail}'
        f"{pages_html(page, query, t)}</section>"
    )


def _listed(
    context: AppContext,
    store: ProjectStore,
    selection: Selection,
    view: tuple[str, int],
    t: Translator,
) -> tuple[list[ListedProject], TablePage]:
    """``view``: the country (or overview) and the list's page asked for."""
    country, number = view
    page = table_page(store, selection, "id", False, number, t, size=LIST_CAP)
    several = country in VIEW_NAMES or is_several(country)
    boundaries = context.boundaries
    rows = [listed_project(store.projects[row], boundaries, t, several) for row in page.rows]
    return rows, page


# The download buttons' IDs -> the summary callback's outputs that carry their links.
_DOWNLOAD_KEYS = {
    ids.EXPORT_CSV: "csv",
    ids.EXPORT_XLSX: "xlsx",
    ids.EXPORT_GEOJSON: "geojson",
    ids.EXPORT_SITES_CSV: "sites_csv",
}


def summary_html(outputs: dict[str, Any], field_counts: dict[str, int], t: Translator) -> str:
    """The summary beside the map, in the words its callback gives it."""
    notes = "".join(to_html(note) for note in outputs["unknown"])
    # The app's own buttons (summary_panel.layout.downloads), their links the callback's: on
    # a phone they wrap as the app's do, so that its takeover moves nothing.
    block = downloads(t)
    for button in block.children:
        key = _DOWNLOAD_KEYS.get(getattr(button, "id", None) or "")
        if key:
            button.href = outputs[key]
    return (
        '<div class="mb-2 summary-progress"><div>'
        f'<span class="display-6 fw-semibold first-view-count">{_e(outputs["count"])}</span>'
        f'<span class="ms-1">{_e(outputs["noun"])}</span></div>'
        f'<div class="small text-muted">{_e(outputs["budget"])}</div>'
        f'<ul class="small list-unstyled mb-0 unknown-note">{notes}</ul></div>'
        f'<div class="full-only"><h2 class="h6 mt-3">{_e(t("By field"))}</h2>'
        f"{field_bars_html(field_counts, t)}</div>"
        f"{to_html(block)}"
    )


def countries_html(
    context: AppContext, store: ProjectStore, selection: Selection, state: ViewState, t: Translator
) -> str:
    """The list beside the map (``country_list.listing``): the world's or several
    countries, each a link to its map, or Japan's prefectures; nothing on one country's map."""
    listed = listing(context, store, selection, state, t)
    if listed is None:
        return ""
    heading = _e(listed.heading)
    return (
        f'<nav class="first-view-countries" aria-label="{heading}">'
        f'<h2 class="h6 mt-3 mb-1">{heading}</h2>'
        + (f'<p class="small text-muted mb-1">{_e(listed.note)}</p>' if listed.note else "")
        + f'<ol class="country-list list-unstyled small mb-2">'
        f"{to_html(country_items(listed.rows, t))}</ol></nav>"
    )


def layer_html(context: AppContext, state: ViewState, t: Translator) -> str:
    """A country's two layers (Viet Nam's, Nepal's), as links to each in the country's own
    words (``boundary_layers.layer_options``: the app's radio buttons)."""
    if state.country in VIEW_NAMES or not context.boundaries.has_current_layer(state.country):
        return ""
    today = context.today()
    choices = []
    for option in layer_options(context.boundaries, state.country, t):
        layer, label = option["value"], option["label"]
        href = "?" + view_query(ViewState(state.country, layer, state.controls), today, t.lang)
        current = ' aria-current="page" class="fw-semibold"' if layer == state.layer else ""
        choices.append(
            f'<div class="form-check form-check-inline"><a href="{_e(href)}"{current}>'
            f"{_e(label)}</a></div>"
        )
    legend = (
        f'<legend class="small d-inline w-auto float-none me-2 mb-0">{_e(t("Provinces"))}</legend>'
    )
    return (
        f'<fieldset class="mb-1">{legend}'
        f'<div class="small d-inline-block">{"".join(choices)}</div></fieldset>'
    )


def _map_picture(context: AppContext, shown_map: DrawnMap, state: ViewState, t: Translator) -> str:
    site_path = map_file(context.boundaries, state.country, state.layer)
    figure = shown_map.figure
    paths = figure_paths(context.settings.boundaries_dir, site_path, figure, DEFAULT_SIZE)
    label = t("Map of the projects") + ": " + view_name(state.country, t)
    return svg_map(figure, paths, DEFAULT_SIZE, label)


def map_column(
    context: AppContext,
    view: tuple[ViewState, DrawnMap, dict[str, Any]],
    listed: str,
    t: Translator,
) -> str:
    """The map region: the count (phones), the layers, the map, its keys and notes, the list."""
    state, shown_map, outputs = view
    overview = state.country in VIEW_NAMES
    empty = ""
    if outputs["empty"]:
        reset = "?" + view_query(ViewState(state.country, state.layer), context.today(), t.lang)
        empty = (
            f'<div class="alert alert-warning mb-2">{_e(t("No project matches these filters."))} '
            f'<a href="{_e(reset)}">{_e(t("Reset filters"))}</a></div>'
        )
    keys = "" if overview else legend_html(t) + to_html(status_legend(t))
    unplaced = f'<p class="small mb-1">{_e(shown_map.unplaced)}</p>' if shown_map.unplaced else ""
    return (
        f'<p class="d-lg-none fw-semibold mb-1 full-only">{_e(outputs["map_count"])}</p>'
        f"{empty}{layer_html(context, state, t)}"
        f'<div class="project-map-frame">{_map_picture(context, shown_map, state, t)}</div>'
        f"{keys}{unplaced}{listed}"
        f'<p class="small text-muted mt-1 mb-0">{_e(shown_map.boundary_note)}</p>'
    )


def embed_bar(full_view: str, languages: list[str], t: Translator) -> str:
    """The embed's link to the full map and its languages (``shell.layout._embed_bar``)."""
    links = "".join(
        _language_link(lang, href, t) for lang, href in zip(LANGUAGES, languages, strict=True)
    )
    return (
        f'<div class="embed-only embed-bar mb-1"><a class="small me-3" href="{_e(full_view)}"'
        f' rel="noopener" target="_blank">{_e(t("Open the full map ↗"))}</a>'
        f'<nav class="language-switcher small" aria-label="{_e(t("Language"))}">{links}</nav></div>'
    )


def selected_outlined(context: AppContext, figure: Figure, state: ViewState) -> Figure:
    """The map with the province (or Japan's prefecture) a link selects (``at=``) outlined
    as a province chosen in the filter is (``map_panel.views.with_chosen``)."""
    code = (state.place or {}).get("province")
    if not code:
        return figure
    if state.country == JAPAN:
        units = [code] if code in figure["data"][0]["locations"] else []
    else:
        units = chosen_units(context.boundaries, state.country, state.layer, (code,))
    return with_chosen(figure, units)


def detail_html(context: AppContext, spec: ProjectFilter, state: ViewState, t: Translator) -> str:
    """The side panel a link's selection opens (``at=``, ``project=``, a stacked site), where
    and as the app shows it (``detail_panel``'s own content, its cards cut at ``DETAIL_CAP``),
    with a link that closes it (the same view with nothing selected)."""
    if not state.place:
        return ""
    children, total, name = detail_children(
        context, spec, state.place, state.country, t.lang, cap=DETAIL_CAP
    )
    more = more_here_text(DETAIL_CAP, total, t)
    tail = f'<p class="small text-muted">{_e(more)}</p>' if more else ""
    close = "?" + view_query(replace(state, place=None), context.today(), t.lang)
    title = _e(name)  # after what is open, as the app names its panel
    return (
        '<aside class="detail-panel offcanvas offcanvas-end show first-view-detail"'
        f' aria-label="{title}"><div class="offcanvas-header"><div class="offcanvas-title h5">'
        f'<h2 class="h5 mb-0">{title}</h2></div>'
        f'<a class="btn-close" href="{_e(close)}" aria-label="{_e(t("Close"))}"></a></div>'
        f'<div class="offcanvas-body"><div>{to_html(children)}{tail}</div></div></aside>'
    )


def _list_part(
    context: AppContext,
    shown: tuple[ProjectStore, Selection, ProjectFilter],
    state: ViewState,
    number: int,
    t: Translator,
) -> str:
    """The list under the map: page ``number`` of it, with links to the others."""
    store, selection, spec = shown
    rows, page = _listed(context, store, selection, (state.country, number), t)
    today = context.today()
    query = view_query(state, today, t.lang)
    typed = as_of_note(state.controls.get("as_of"), t)  # FY2024: the day it read
    words = filter_words(spec, context.boundaries, today, t, typed)
    said = t("Filters: {filters}", filters=" · ".join(words)) if words else ""
    return list_html(
        rows,
        page,
        t,
        query,
        f'<p class="small mb-1 first-view-said">{_e(said)}</p>' if said else "",
    )


def _map_main(
    context: AppContext, state: ViewState, t: Translator, bar: str | None, number: int = 1
) -> str:
    """``bar``: the embed's bar (``embed_bar``); None on the full page. ``number``: the
    list's page."""
    embedded = bar is not None
    today = context.today()
    default = context.settings.default_country
    country = shown_view(state.country, context.boundaries.bounds, default)
    state = ViewState(country, state.layer, state.controls, state.place)
    spec = filter_from_controls({**state.controls, "country": country}, today=today)
    store, selection = context.repository.select(spec)
    shown_map = drawn_map(context, store, selection, country, state.layer, t, DEFAULT_SIZE)
    figure, layer = chosen_outlined(context, shown_map.figure, country, state.layer, spec)
    figure = selected_outlined(context, figure, state)
    shown_map = DrawnMap(figure, shown_map.hint, shown_map.boundary_note, shown_map.unplaced)
    outputs = summary_outputs(context, store, selection, spec, t, (country, layer))
    listed = _list_part(context, (store, selection, spec), state, number, t)
    if embedded:  # as the embedded app shows them (first_view/embed.py)
        listed = folded_list(shown_map.hint, listed, t, number)
    column = map_column(context, (state, shown_map, outputs), listed, t)
    summary = summary_html(outputs, dict(summarise(store, selection).field_counts), t)
    summary += countries_html(context, store, selection, state, t)
    region = f'<section class="map-region">{bar or ""}{column}</section>'
    # The app's "Filters" button, in its place: shown on a phone waiting for its first touch
    # (assets/app-wake.js), where a press loads the app and opens its filters.
    filters = (
        '<div><button type="button" class="btn btn-outline-primary btn-sm d-lg-none mb-2'
        f' invisible first-view-filters" aria-hidden="true" tabindex="-1">{_e(t("Filters"))}'
        "</button></div>"
    )
    if embedded:
        summary = f"<div>{summary}</div>{compact_filters(state, t)}"
        cols = f'<div class="col-lg-8">{region}</div><div class="col-lg-4">{summary}</div>'
    else:
        cols = (
            f'<div class="filters-col col-lg-3">{filters}</div>'
            f'<div class="col-lg-6">{region}</div><div class="col-lg-3">{summary}</div>'
        )
    heading = f'<h1 class="visually-hidden">{_e(t("Map of the projects"))}</h1>'
    panel = detail_html(context, spec, state, t)
    return f'<main>{heading}<div class="g-3 row">{cols}</div></main>{panel}'


def _project_main(context: AppContext, project_id: str, search: str, t: Translator) -> str | None:
    store = context.repository.store
    project = store.project(project_id)
    if project is None:
        return None
    body, figure = page_of(context, project, t)
    country = project_country(project, context.boundaries)
    back = back_link_of(context, f"/project/{project.id}", search, t.lang)
    picture = ""
    if country is not None:
        path = layer_of(context.boundaries, country, IMPLEMENTED).path
        paths = figure_paths(context.settings.boundaries_dir, path, figure, DEFAULT_SIZE)
        label = t("Map of the projects") + ": " + t.country(country)
        picture = svg_map(figure, paths, DEFAULT_SIZE, label)
    note = boundary_note(IMPLEMENTED, t)
    return (
        f'<main><a class="small d-inline-block mb-2" href="{_e(back)}">'
        f'{_e(t("← Back to the map"))}</a><div class="g-3 row"><div class="col-lg-7"><div>'
        f'{to_html(body)}</div></div><div class="col-lg-5">'
        f'<div class="project-map-small first-view-small">{picture}</div>'
        f'<p class="small text-muted mt-1 mb-0">{_e(note)}</p></div></div></main>'
    )


def _render(context: AppContext, path: str, search: str, view: ViewState | None, lang: str) -> str:
    """``search``: the page's query as the site writes it (``first_view``)."""
    t = translator(lang)
    links = view_links(path, search, lang, LANGUAGES, context.relative_path)
    languages = links.in_language
    project_id = project_id_of(path)
    if project_id is not None:
        project = context.repository.store.project(project_id)
        main = _project_main(context, project_id, search, t) if project else None
        if project is None or main is None:
            return ""
        country = project_country(project, context.boundaries)
        header = header_html(context, t, t.country(country) if country else "", languages)
        return _frame(context, t, header, main)
    if view is None:
        return ""
    embedded = is_embed(path)
    header = "" if embedded else header_html(context, t, view_name(view.country, t), languages)
    bar = embed_bar(links.full_view, languages, t) if embedded else None
    return _frame(context, t, header, _map_main(context, view, t, bar, list_page(search)))


def _missing_project(context: AppContext, path: str, lang: str) -> str:
    """A project ID no project has: what the app's router will say (not kept: the ID is
    whatever the request made up; the page is a header and a sentence)."""
    t = translator(lang)
    languages = view_links(path, "", lang, LANGUAGES, context.relative_path).in_language
    heading = f'<h1 class="h5 alert alert-warning">{_e(t("No project has this ID."))}</h1>'
    main = f'<main><div class="g-3 row"><div class="col-lg-7">{heading}</div></div></main>'
    return _frame(context, t, header_html(context, t, "", languages), main)


def written_address(
    context: AppContext, path: str, search: str, view: ViewState | None, lang: str
) -> tuple[str, str] | None:
    """The page's path and query as the site writes them (the map's parameters read and
    written again; a project's ``back=`` likewise): what its first view shows and is kept
    by, never what a request made up. None: no first view (another path, an unknown
    project)."""
    today, boundaries = context.today(), context.boundaries
    project_id = project_id_of(path)
    if project_id is not None:
        project = context.repository.store.project(project_id)
        if project is None:
            return None
        default = context.settings.default_country
        back = map_query_back(carried_back(search), today, boundaries, default, lang)
        return f"/project/{project.id}", urlencode({"back": back}) if back is not None else ""
    if view is None:
        return None
    number = list_page(search)
    if number > 1:  # past the last page: the last (one key per page the view has)
        spec = filter_from_controls({**view.controls, "country": view.country}, today=today)
        number = min(number, -(-context.repository.select(spec)[1].count // LIST_CAP))
    return path.rstrip("/") or "/", with_page(view_query(view, today, lang), number)


def first_view(
    context: AppContext, path: str, search: str, view: ViewState | None, lang: str
) -> str | None:
    """The first view of a page as HTML: a map's (``view``: what its URL asks for, read
    once by the page) or a known project's; None for any other path. Kept per address as
    the site writes it, language, day and data version (bounded: ``VIEWS_KEPT``)."""
    address = written_address(context, path, search, view, lang)
    if address is None:
        return _missing_project(context, path, lang) if project_id_of(path) else None
    _, version = context.repository.current()
    key = (version, context.today(), lang, *address)
    return _VIEWS.get(key, lambda: _render(context, *address, view, lang)) or None
