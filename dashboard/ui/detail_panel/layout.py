"""The detail panel: every fact of a project, "not stated" where no source states it.

Values the researchers inferred or translated are marked so, and wherever a value was
interpreted from the source's words, those words are shown beneath it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import html

from ...data import vocab
from ...data.homes import Home
from ...data.model import FuzzyDate, Location, Project
from ...data.place_levels import layer_of_code, unit_inferred
from ...data.repository import BoundaryIndex
from ...i18n import Shown, Translator
from .. import ids
from ..attributes import attributes
from ..page_words import close_words


def project_href(project_id: str, t: Translator) -> str:
    """A project's page, in the language the visitor reads now."""
    return f"/project/{project_id}?lang={t.lang}"


def budget_kind(kind: str, t: Translator) -> str:
    return {
        "contract": t("contract amount"),
        "estimate": t("estimate"),
        "stated": t("as stated"),
        "approximate": t("approximate"),
        "partial": t("part of the budget only, not the total"),
        "upper_bound": t("upper bound"),
    }.get(kind, kind)


def shown(value: Shown | None, t: Translator) -> list[Any]:
    """A name in its own language (``lang`` for screen readers), marked when it stands in
    for the visitor's."""
    if value is None:
        return [_missing(t)]
    text = html.Span(value.text, lang=value.lang) if value.lang != t.lang else value.text
    if value.stands_in:
        return [text, _muted(f" ({t.language_name(value.lang)})")]
    if value.translated:
        # The curators wrote the organisation's official name: no source read gives it.
        return [text, _muted(t(" (not from a source)"))]
    return [text]


def _missing(t: Translator) -> html.Span:
    return html.Span(t.not_stated, className="text-muted fst-italic not-stated")


def _muted(text: str) -> html.Span:
    return html.Span(text, className="small text-muted")


def _inferred_columns(project: Project) -> set[str]:
    return {mark.split("(")[0].strip() for mark in project.not_stated_by_source}


def _mark(project: Project, t: Translator, *columns: str) -> html.Span | None:
    """'(inferred …)' when any of the research columns behind a value was not stated."""
    if set(columns) & _inferred_columns(project):
        return _muted(t(" (inferred, not stated by the source)"))
    return None


def _source_words(text: str | None, t: Translator, shown_text: str = "") -> html.Div | None:
    """The source's own wording under an interpreted value, unless it says the same."""
    if not text or text.strip() == shown_text.strip():
        return None
    return html.Div([t("Source: "), text], className="small text-muted source-words")


def _row(name: str, t: Translator, *value: Any) -> html.Tr:
    parts: list[Any] = [part for part in value if part not in (None, "", [], ())]
    cells = parts if parts else [_missing(t)]
    return html.Tr([html.Th(name, scope="row", className="fw-normal text-muted"), html.Td(cells)])


def title_parts(project: Project, t: Translator) -> list[Any]:
    title = t.title(project)
    marks = {item.replace(" ", "") for item in project.not_stated_by_source}
    parts = shown(title, t)
    if title.lang == "en" and "title_en(tr)" in marks:
        parts.append(_muted(t(" (English title translated from the Japanese)")))
    elif title.lang == "en":
        parts.append(_mark(project, t, "title_en"))
    return parts


def _budget(project: Project, t: Translator) -> list[Any]:
    budget = project.budget
    if budget is None:
        return [None, _source_words(project.original.get("budget_jpy"), t)]
    return [
        t("{amount} ({kind})", amount=t.yen(budget.yen), kind=budget_kind(budget.kind, t)),
        _source_words(budget.text, t),
        _source_words(budget.note and t("note: {note}", note=budget.note), t),
    ]


def _date_words(value: FuzzyDate | None) -> str:
    return value.text if value and value.text != value.label else ""


def _period(project: Project, t: Translator) -> list[Any]:
    if not (project.start or project.end):
        return [None]
    words = " – ".join(filter(None, (_date_words(project.start), _date_words(project.end))))
    return [t.period(project), _mark(project, t, "start", "end"), _source_words(words, t)]


def home_text(home: Home, boundaries: BoundaryIndex, t: Translator) -> str:
    """'Kobe, Hyōgo' (兵庫県 神戸市) and how the home is known (a local government's own
    place: no mark)."""
    prefecture = boundaries.provinces.get(home.prefecture)
    where = t.province(prefecture) if prefecture else home.prefecture
    if home.city and t.lang == "ja" and home.city_ja:
        where = f"{where} {home.city_ja}"  # 兵庫県 神戸市 (the gazetteer's name may lack 市)
    elif home.city:
        where = f"{home.city}, {where}"
    mark = {"stated": t(" (stated by the source)"), "named": t(" (read from the name)")}
    return t("based in {place}", place=where) + mark.get(home.basis, "")


def _partners(
    project: Project, t: Translator, homes: Mapping[str, Home], boundaries: BoundaryIndex
) -> list[Any]:
    if not project.partners:
        return [None, _source_words(project.original.get("jp_partner"), t)]
    items = []
    for partner in project.partners:
        name = t.partner_name(partner)
        names: list[Any] = shown(name, t) if name else [t("Name not stated")]
        other = partner.name_ja if name and name.lang != "ja" else partner.name
        if name and other and other != name.text:
            lang = "ja" if other == partner.name_ja else "en"
            note = t(", not from a source") if lang == "ja" and partner.name_ja_translated else ""
            names += [" (", html.Span(other, lang=lang), note, ")"]
        kind = t.term(vocab.PARTNER_TYPES, partner.type) or t("type not stated")
        if partner.type and not partner.type_stated:
            kind += t(" (inferred)")
        role = t.term(vocab.PARTNER_ROLES, partner.role) or t("role not stated")
        if partner.role and not partner.role_stated:
            role += t(" (inferred)")
        home = homes.get(partner.org or "")
        based = f"; {home_text(home, boundaries, t)}" if home else ""
        items.append(html.Li([*names, _muted(f" — {kind}; {role}{based}")]))
    return [html.Ul(items, className="list-unstyled mb-0"), _mark(project, t, "jp_partner")]


def precision_label(precision: int, t: Translator, admin1: str | None = None) -> str:
    """A site's precision in words; a site known only by its unit names the unit's level
    (``admin1``: one of Nepal's zones is a zone, not a province)."""
    layer = layer_of_code(admin1 or "")
    unit = t("zone") if layer is not None and layer.level == "zone" else t("province")
    return {
        1: t("exact"),
        2: t("near exact (city or site)"),
        3: t("district or other second-level unit"),
        4: unit,
        6: t("country-wide"),
    }.get(precision, "")


def since_2025(boundaries: BoundaryIndex, code: str | None, t: Translator) -> str:
    """Where a province the project was placed on is part of another unit since a reform
    (Viet Nam, 1 July 2025), that unit's name, so that the card names what the map of the 34
    shows: "Quảng Nam (since 1 July 2025: Da Nang)"."""
    unit = boundaries.became.get(code or "")
    old = boundaries.provinces.get(code or "")
    if unit is None or old is None or t.province(unit) == t.province(old):
        return ""
    return t(" (since 1 July 2025: {unit})", unit=t.province(unit))


def other_layer(boundaries: BoundaryIndex, location: Location, t: Translator) -> str:
    """Where a site on one of Nepal's layers is in the other (``BoundaryIndex.placement``):
    "Okhaldhunga District, Sagarmatha Zone (since 20 September 2015: Koshi Province)"; a site
    known at its zone's level alone says so, and that it is in one of the provinces, not in
    each."""
    where = boundaries.placement(
        location.admin1, location.place, location.precision, location.lon, location.lat
    )
    others = [boundaries.all_units[c] for c in where.units[1:] if c in boundaries.all_units]
    if not others:
        return ""
    names = t(" or ").join(t.province(unit) for unit in others)
    if location.admin1 in boundaries.overlaps:  # on a province: the zones of its time
        if where.exact:
            return t(" (until 2015: {unit})", unit=names)
        return t(" (until 2015: {units}; only its province is known)", units=names)
    if where.exact:
        return t(" (since 20 September 2015: {unit})", unit=names)
    return t(" (since 20 September 2015: {units}; only its zone is known)", units=names)


def _locations(project: Project, boundaries: BoundaryIndex, t: Translator) -> list[Any]:
    items = []
    for location in project.locations:
        province = boundaries.all_units.get(location.admin1 or "")
        where = t.province(province) if province else t("Province not stated")
        if province and unit_inferred(location.note):  # the curators', no source's
            where += t(" (inferred)")
        where += since_2025(boundaries, location.admin1, t) + other_layer(boundaries, location, t)
        if location.place:
            where = f"{location.place}, {where}"
        if location.region:
            region = boundaries.region_unit(location.country, location.region)
            where += t(
                " (part of {region})", region=t.province(region) if region else location.region
            )
        precision = precision_label(location.precision, t, location.admin1)
        items.append(html.Li(f"{where} — {t.country(location.country)}; {precision}"))
    return [
        html.Ul(items, className="list-unstyled mb-0"),
        _mark(project, t, "province_city"),
        _source_words(project.original.get("province_city"), t),
    ]


def _scheme(project: Project, t: Translator) -> list[Any]:
    label = t.term(vocab.SCHEMES, project.scheme)
    return [
        label or None,
        _mark(project, t, "jpp_scheme"),
        _source_words(project.original.get("jpp_scheme"), t, label),
    ]


def _in_english(text: str | None) -> html.Span | None:
    """The researchers' notes are in English, whatever the page's language."""
    return html.Span(text, lang="en") if text else None


def _sources(project: Project) -> html.Ul | None:
    if not project.sources:
        return None
    items = [
        html.Li(
            html.A(
                source,
                href=source,
                target="_blank",
                rel="noopener noreferrer",
                className="source-link",
            )
            if source.startswith(("https://", "http://"))
            else source
        )
        for source in project.sources
    ]
    return html.Ul(items, className="list-unstyled mb-0")


def research_column(mark: str, t: Translator) -> str:
    """A research-table column as readers know it: 'title_en (tr)' -> 'English title
    (translated)'."""
    column, _, rest = mark.partition("(")
    names = {
        "title_en": t("English title"),
        "title_ja": t("Japanese title"),
        "jp_partner": t("Partners"),
        "partner_type": t("Japanese partner type"),
        "jpp_scheme": t("Scheme"),
        "sector": t("Fields"),
        "start": t("Start"),
        "end": t("End"),
        "budget_jpy": t("Budget"),
        "status": t("Status"),
        "province_city": t("Where"),
        "country": t("Country"),
    }
    name = names.get(column.strip(), column.strip())
    return name + (t(" (translated)") if rest.startswith("tr") else "")


def _reading_notes(project: Project, t: Translator) -> html.Details | None:
    """How the curators read this record. Their notes are in English, marked so."""
    notes: list[Any] = []
    for partner in project.partners:
        if partner.note:
            name = partner.name or t("(name not stated)")
            label = t("Partner {name}:", name=name)
            notes.append(html.Li([label, " ", html.Span(partner.note, lang="en")]))
    for location in project.locations:
        if location.note:
            label = t("Place {code}:", code=location.admin1 or location.country)
            notes.append(html.Li([label, " ", html.Span(location.note, lang="en")]))
    if project.not_stated_by_source:
        columns = "; ".join(research_column(mark, t) for mark in project.not_stated_by_source)
        notes.append(html.Li(t("Not stated by the source: {columns}", columns=columns)))
    if not notes:
        return None
    return html.Details(
        [
            html.Summary(t("How this record was read"), className="small"),
            html.Ul(notes, className="small text-muted"),
        ],
        className="mt-1",
    )


def project_card(
    project: Project,
    status: str,
    boundaries: BoundaryIndex,
    as_of: str,
    t: Translator,
    homes: Mapping[str, Home] | None = None,
    *,
    own_page: bool = False,
) -> html.Article:
    """A project's facts. On its own page the page's heading is the title: the card says it
    no second time, and links nowhere to the page it is on."""
    fields = ", ".join(t.term(vocab.FIELDS, key) for key in project.fields)
    status_text = t(
        "{status} (as of {date})",
        status=t.term(vocab.STATUSES, status),
        date=t.day(date.fromisoformat(as_of)),
    )
    other_title = project.title_ja if t.title(project).lang != "ja" else project.title_en
    return html.Article(
        [
            None
            if own_page
            else html.H3(
                [
                    *title_parts(project, t),
                    " ",
                    html.A(t("Project page"), href=project_href(project.id, t), className="small"),
                ],
                className="h6 mb-1",
            ),
            html.P(
                other_title,
                lang="ja" if other_title == project.title_ja else "en",
                className="small mb-2",
            )
            if other_title
            else None,
            html.Table(
                html.Tbody(
                    [
                        _row(t("ID"), t, project.id),
                        _row(t("Status"), t, status_text, _mark(project, t, "status")),
                        _row(t("Partners"), t, *_partners(project, t, homes or {}, boundaries)),
                        _row(t("Scheme"), t, *_scheme(project, t)),
                        _row(t("Fields"), t, fields, _mark(project, t, "sector")),
                        _row(t("Period"), t, *_period(project, t)),
                        _row(t("Budget"), t, *_budget(project, t)),
                        _row(t("Where"), t, *_locations(project, boundaries, t)),
                        _row(t("Notes"), t, _in_english(project.notes)),
                        _row(t("Sources"), t, _sources(project)),
                    ]
                ),
                className="table table-sm small mb-0 detail-table",
            ),
            _reading_notes(project, t),
        ],
        className="project-card border-bottom pb-2 mb-3",
    )


def home_section(
    name: str,
    home: Home,
    projects: list[Project],
    boundaries: BoundaryIndex,
    as_of: str,
    t: Translator,
    statuses: list[str] | None = None,
) -> html.Section:
    """A partner based in Japan, and where its projects are: each links to its page and to
    the map of its country with it selected, and says its status as of ``as_of`` (the
    Japan map's circles are the partners' homes, not projects: the status is read here)."""
    partner = next(p for project in projects for p in project.partners if p.identity == name)
    items = []
    for index, project in enumerate(projects):
        status = statuses[index] if statuses else None
        on_maps = [
            html.A(
                t("on the map of {country}", country=t.country(code)),
                href=f"/?country={code}&project={project.id}&lang={t.lang}",
                className="ms-2 small",
            )
            for code in project.countries
            if code in boundaries.bounds
        ]
        link = html.A(shown(t.title(project), t), href=project_href(project.id, t))
        state = (
            html.Span(
                f" — {t.term(vocab.STATUSES, status)}",
                className="fw-semibold" if status == "ongoing" else "text-muted",
            )
            if status
            else None
        )
        items.append(html.Li([link, state, *on_maps]))
    return html.Section(
        [
            html.H3(shown(t.partner_name(partner), t), className="h6 mb-0"),
            html.P(home_text(home, boundaries, t), className="small text-muted mb-1"),
            html.Ul(items, className="small home-projects"),
        ],
        className="home-partner border-bottom pb-2 mb-3",
    )


def notice(text: str) -> html.P:
    return html.P(text, className="alert alert-warning")


def place_heading(place: str, count: int, linked_outside: bool, t: Translator) -> html.Div:
    """'Huế: 6 projects with these filters'; and a word when the linked project is not one."""
    heading = t.plural(
        "{place}: {count} project with these filters",
        "{place}: {count} projects with these filters",
        count,
        place=place,
    )
    outside = t("The linked project, shown first, is not among them.")
    return html.Div(
        [
            html.P(heading, className="fw-semibold detail-heading mb-1"),
            html.P(outside, className="small text-muted") if linked_outside else None,
        ]
    )


def home_heading(prefecture: str, count: int, t: Translator) -> html.P:
    return html.P(
        t.plural(
            "{place}: {count} project by partners based here, with these filters",
            "{place}: {count} projects by partners based here, with these filters",
            count,
            place=prefecture,
        ),
        className="fw-semibold detail-heading",
    )


def detail_offcanvas(t: Translator) -> dbc.Offcanvas:
    """The side panel listing the projects of the place selected on the map."""
    return dbc.Offcanvas(
        html.Div(id=ids.DETAIL_BODY, **attributes({"aria-live": "polite", **close_words(t)})),
        id=ids.DETAIL,
        # A named dialog: its title names it, and takes the focus when it opens
        # (assets/focus.js); closing gives the focus back to where it was.
        title=html.H2(t("Projects here"), id=ids.DETAIL_TITLE, className="h5 mb-0", tabIndex=-1),
        labelledby=ids.DETAIL_TITLE,
        placement="end",
        is_open=False,
        scrollable=True,
        backdrop=False,
        class_name="detail-panel",
    )
