"""The detail panel: every fact of a project, "not stated" where no source states it.

Values the researchers inferred or translated are marked so, and wherever a value was
interpreted from the source's words, those words are shown beneath it.
"""

from __future__ import annotations

from dash import html

from ..data import vocab
from ..data.model import FuzzyDate, Project
from ..data.repository import BoundaryIndex
from ..data.summaries import NOT_STATED, period_label

BUDGET_KINDS = {
    "contract": "contract amount",
    "estimate": "estimate",
    "stated": "as stated",
    "approximate": "approximate",
    "partial": "part of the budget only, not the total",
    "upper_bound": "upper bound",
}
INFERRED = " (inferred, not stated by the source)"


def _missing() -> html.Span:
    return html.Span(NOT_STATED, className="text-muted fst-italic not-stated")


def _muted(text: str) -> html.Span:
    return html.Span(text, className="small text-muted")


def _label(vocabulary: tuple[vocab.Term, ...], key: str | None) -> str:
    try:
        return vocab.term(vocabulary, key).label_en if key else ""
    except KeyError:
        return key or ""


def _inferred_columns(project: Project) -> set[str]:
    return {mark.split("(")[0].strip() for mark in project.not_stated_by_source}


def _mark(project: Project, *columns: str) -> html.Span | None:
    """'(inferred …)' when any of the research columns behind a value was not stated."""
    if set(columns) & _inferred_columns(project):
        return _muted(INFERRED)
    return None


def _source_words(text: str | None, shown: str = "") -> html.Div | None:
    """The source's own wording under an interpreted value, unless it says the same."""
    if not text or text.strip() == shown.strip():
        return None
    return html.Div(f"Source: {text}", className="small text-muted source-words")


def _row(name: str, *value: object) -> html.Tr:
    parts = [part for part in value if part not in (None, "", [], ())]
    shown = parts if parts else [_missing()]
    return html.Tr([html.Th(name, scope="row", className="fw-normal text-muted"), html.Td(shown)])


def _title(project: Project) -> list[object]:
    title = project.title_en or project.title_ja or project.id
    marks = {item.replace(" ", "") for item in project.not_stated_by_source}
    if project.title_en and "title_en(tr)" in marks:
        return [title, _muted(" (English title translated from the Japanese)")]
    return [title, _mark(project, "title_en") if project.title_en else None]


def _budget(project: Project) -> list[object]:
    budget = project.budget
    if budget is None:
        return [None, _source_words(project.original.get("budget_jpy"))]
    shown = f"¥{budget.yen:,} ({BUDGET_KINDS.get(budget.kind, budget.kind)})"
    return [
        shown,
        _source_words(budget.text),
        _source_words(budget.note and f"note: {budget.note}"),
    ]


def _date_words(value: FuzzyDate | None) -> str:
    return value.text if value and value.text != value.label else ""


def _period(project: Project) -> list[object]:
    if not (project.start or project.end):
        return [None]
    words = " – ".join(filter(None, (_date_words(project.start), _date_words(project.end))))
    return [period_label(project), _mark(project, "start", "end"), _source_words(words)]


def _partners(project: Project) -> list[object]:
    if not project.partners:
        return [None, _source_words(project.original.get("jp_partner"))]
    items = []
    for partner in project.partners:
        name = partner.name or f"Name {NOT_STATED}"
        if partner.name_ja and partner.name_ja != partner.name:
            name += f" ({partner.name_ja})"
        kind = _label(vocab.PARTNER_TYPES, partner.type) or f"type {NOT_STATED}"
        if partner.type and not partner.type_stated:
            kind += " (inferred)"
        role = _label(vocab.PARTNER_ROLES, partner.role) or f"role {NOT_STATED}"
        if partner.role and not partner.role_stated:
            role += " (inferred)"
        items.append(html.Li([html.Span(name), _muted(f" — {kind}; {role}")]))
    return [html.Ul(items, className="list-unstyled mb-0"), _mark(project, "jp_partner")]


def _locations(project: Project, boundaries: BoundaryIndex) -> list[object]:
    items = []
    for location in project.locations:
        province = boundaries.provinces.get(location.admin1 or "")
        where = province.name_en if province else f"Province {NOT_STATED}"
        if location.place:
            where = f"{location.place}, {where}"
        if location.region:
            where += f" (part of {location.region})"
        precision = vocab.PRECISIONS.get(location.precision, "")
        items.append(html.Li(f"{where} — {location.country}; {precision}"))
    return [
        html.Ul(items, className="list-unstyled mb-0"),
        _mark(project, "province_city"),
        _source_words(project.original.get("province_city")),
    ]


def _scheme(project: Project) -> list[object]:
    label = _label(vocab.SCHEMES, project.scheme)
    return [
        label or None,
        _mark(project, "jpp_scheme"),
        _source_words(project.original.get("jpp_scheme"), label),
    ]


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


def _reading_notes(project: Project) -> html.Details | None:
    """How the curators read this record: their notes on places and partners."""
    notes = [
        f"Partner {p.name or '(name not stated)'}: {p.note}" for p in project.partners if p.note
    ]
    notes += [
        f"Place {loc.admin1 or loc.country}: {loc.note}" for loc in project.locations if loc.note
    ]
    if project.not_stated_by_source:
        notes.append("Not stated by the source: " + "; ".join(project.not_stated_by_source))
    if not notes:
        return None
    return html.Details(
        [
            html.Summary("How this record was read", className="small"),
            html.Ul([html.Li(n) for n in notes], className="small text-muted"),
        ],
        className="mt-1",
    )


def project_card(
    project: Project, status: str, boundaries: BoundaryIndex, as_of: str
) -> html.Article:
    fields = ", ".join(_label(vocab.FIELDS, key) for key in project.fields)
    return html.Article(
        [
            html.H3(
                [
                    *_title(project),
                    " ",
                    html.A("Project page", href=f"/project/{project.id}", className="small"),
                ],
                className="h6 mb-1",
            ),
            html.P(project.title_ja, lang="ja", className="small mb-2")
            if project.title_ja
            else None,
            html.Table(
                html.Tbody(
                    [
                        _row("ID", project.id),
                        _row("Status", f"{_label(vocab.STATUSES, status)} (as of {as_of})"),
                        _row("Partners", *_partners(project)),
                        _row("Scheme", *_scheme(project)),
                        _row("Fields", fields, _mark(project, "sector")),
                        _row("Period", *_period(project)),
                        _row("Budget", *_budget(project)),
                        _row("Where", *_locations(project, boundaries)),
                        _row("Notes", project.notes),
                        _row("Sources", _sources(project)),
                    ]
                ),
                className="table table-sm small mb-0 detail-table",
            ),
            _reading_notes(project),
        ],
        className="project-card border-bottom pb-2 mb-3",
    )


def project_page(
    project: Project,
    status: str,
    boundaries: BoundaryIndex,
    as_of: str,
    same_partner: list[Project],
) -> list[object]:
    """A project's own page: its facts, and the other projects of the same partners."""
    others = [
        html.Li(html.A(p.title_en or p.title_ja or p.id, href=f"/project/{p.id}"))
        for p in same_partner
    ]
    return [
        html.H1(_title(project), className="h4"),
        project_card(project, status, boundaries, as_of),
        html.H2("Other projects of the same partners", className="h6 mt-3"),
        html.Ul(others, className="small other-projects")
        if others
        else html.P("None in this dataset.", className="small text-muted"),
    ]
