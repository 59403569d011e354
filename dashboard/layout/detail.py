"""The detail panel: every fact of a project, "not stated" where no source states it."""

from __future__ import annotations

from dash import html

from ..data import vocab
from ..data.model import Project
from ..data.repository import BoundaryIndex

NOT_STATED = "not stated"


def _missing() -> html.Span:
    return html.Span(NOT_STATED, className="text-muted fst-italic not-stated")


def _label(vocabulary: tuple[vocab.Term, ...], key: str | None) -> str:
    try:
        return vocab.term(vocabulary, key).label_en if key else ""
    except KeyError:
        return key or ""


def _row(name: str, value: object) -> html.Tr:
    shown = value if value not in (None, "", [], ()) else _missing()
    return html.Tr([html.Th(name, scope="row", className="fw-normal text-muted"), html.Td(shown)])


def _inferred(project: Project, column: str) -> html.Span | None:
    """Marks a value the source did not state: translated by the researchers, or inferred."""
    marks = {item.replace(" ", "") for item in project.not_stated_by_source}
    if f"{column}(tr)" in marks:
        return html.Span(" (translated from the Japanese title)", className="small text-muted")
    if column in {mark.split("(")[0] for mark in marks}:
        return html.Span(" (inferred, not stated by the source)", className="small text-muted")
    return None


def _budget(project: Project) -> object:
    if project.budget is None:
        return None
    kinds = {
        "contract": "contract amount",
        "estimate": "estimate",
        "stated": "as stated",
        "approximate": "approximate",
        "partial": "part of the budget only",
        "upper_bound": "upper bound",
    }
    return f"¥{project.budget.yen:,} ({kinds.get(project.budget.kind, project.budget.kind)})"


def _period(project: Project) -> object:
    if not (project.start or project.end):
        return None
    start = project.start.label if project.start else NOT_STATED
    end = project.end.label if project.end else NOT_STATED
    return f"{start} – {end}"


def _partners(project: Project) -> object:
    if not project.partners:
        return None
    items = []
    for partner in project.partners:
        details = [
            _label(vocab.PARTNER_TYPES, partner.type) or f"type {NOT_STATED}",
            _label(vocab.PARTNER_ROLES, partner.role) or f"role {NOT_STATED}",
        ]
        name = partner.name + (f" ({partner.name_ja})" if partner.name_ja else "")
        items.append(
            html.Li(
                [html.Span(name), html.Span(f" — {', '.join(details)}", className="text-muted")]
            )
        )
    return html.Ul(items, className="list-unstyled mb-0")


def _locations(project: Project, boundaries: BoundaryIndex) -> object:
    items = []
    for location in project.locations:
        province = boundaries.provinces.get(location.admin1 or "")
        where = province.name_en if province else f"Province {NOT_STATED}"
        if location.place:
            where = f"{location.place}, {where}"
        precision = vocab.PRECISIONS.get(location.precision, "")
        items.append(html.Li(f"{where} ({location.country}; {precision})"))
    return html.Ul(items, className="list-unstyled mb-0")


def project_card(
    project: Project, status: str, boundaries: BoundaryIndex, as_of: str
) -> html.Article:
    title = project.title_en or project.title_ja or project.id
    fields = ", ".join(_label(vocab.FIELDS, key) for key in project.fields)
    sources = [
        html.Li(
            html.A(
                url, href=url, target="_blank", rel="noopener noreferrer", className="source-link"
            )
        )
        for url in project.sources
    ]
    return html.Article(
        [
            html.H3([title, _inferred(project, "title_en")], className="h6 mb-1"),
            html.P(project.title_ja, lang="ja", className="small mb-2")
            if project.title_ja
            else None,
            html.Table(
                html.Tbody(
                    [
                        _row("ID", project.id),
                        _row("Status", f"{_label(vocab.STATUSES, status)} (as of {as_of})"),
                        _row("Partners", _partners(project)),
                        _row("Scheme", _label(vocab.SCHEMES, project.scheme)),
                        _row("Fields", fields),
                        _row("Period", _period(project)),
                        _row("Budget", _budget(project)),
                        _row("Where", _locations(project, boundaries)),
                        _row("Notes", project.notes),
                        _row(
                            "Sources",
                            html.Ul(sources, className="list-unstyled mb-0") if sources else None,
                        ),
                    ]
                ),
                className="table table-sm small mb-0 detail-table",
            ),
        ],
        className="project-card border-bottom pb-2 mb-3",
        id={"type": "project-card", "id": project.id},
    )
