"""The list of projects: the map's equivalent for keyboards and screen readers.

A plain HTML table (real headers, captions, links), sortable by its column buttons, that
follows the same filters as the map.
"""

from __future__ import annotations

from dash import html

from ..data import vocab
from ..data.model import Project
from ..i18n import Translator
from . import ids
from .detail import project_href, shown

SORTABLE = ("id", "title", "partners", "period", "budget", "status")


def column_labels(t: Translator) -> dict[str, str]:
    return {
        "id": t("ID"),
        "title": t("Title"),
        "partners": t("Partners"),
        "period": t("Period"),
        "budget": t("Budget (¥)"),
        "status": t("Status"),
    }


def sort_key(column: str, project: Project, status: str, t: Translator) -> tuple:
    """Unknown values sort last, whichever the direction; titles as the visitor reads them."""
    values = {
        "id": project.id,
        "title": t.title(project).text.casefold(),
        "partners": ", ".join(
            name.text for name in map(t.partner_name, project.partners) if name
        ).casefold(),
        "period": project.start.earliest.isoformat() if project.start else "",
        "budget": project.budget_yen,
        "status": status,
    }
    value = values[column]
    return (value in (None, ""), value if value is not None else 0)


def table_shell(t: Translator) -> html.Table:
    """The table with its header; the header's buttons stay put (and keep the keyboard
    focus) while the callbacks refill the body and the sort marks."""
    headers = [
        html.Th(
            html.Button(
                label,
                id={"type": ids.TABLE_SORT, "column": key},
                className="btn btn-link btn-sm p-0 text-start fw-semibold",
                title=t("Sort by {column}", column=label),
            ),
            id={"type": ids.TABLE_HEADER, "column": key},
            scope="col",
            **{"aria-sort": "ascending" if key == "id" else "none"},
        )
        for key, label in column_labels(t).items()
    ]
    headers.insert(3, html.Th(t("Fields"), scope="col"))
    return html.Table(
        [
            html.Caption(id=ids.TABLE_CAPTION, className="small"),
            html.Thead(html.Tr(headers)),
            html.Tbody(id=ids.TABLE_BODY),
        ],
        className="table table-sm table-hover small project-table",
    )


def sorted_rows(
    rows: list[tuple[Project, str]], column: str, descending: bool, t: Translator
) -> list[html.Tr]:
    known = [row for row in rows if not sort_key(column, *row, t)[0]]
    unknown = [row for row in rows if sort_key(column, *row, t)[0]]
    known.sort(key=lambda row: sort_key(column, *row, t), reverse=descending)
    return [_row(project, status, t) for project, status in known + unknown]


def sort_marks(column: str, descending: bool, t: Translator) -> tuple[list[str], list[object]]:
    """aria-sort of each sortable header, and its button's label with an arrow."""
    states: list[str] = []
    labels: list[object] = []
    for key, label in column_labels(t).items():
        state = ("descending" if descending else "ascending") if key == column else "none"
        states.append(state)
        arrow = {"ascending": " ▲", "descending": " ▼"}.get(state, "")
        # aria-sort says the direction; the arrow is for the eye only.
        labels.append([label, html.Span(arrow, **{"aria-hidden": "true"})] if arrow else label)
    return states, labels


def _row(project: Project, status: str, t: Translator) -> html.Tr:
    fields = ", ".join(t.term(vocab.FIELDS, key) for key in project.fields)
    budget = t.number(project.budget_yen) if project.budget_yen is not None else t.not_stated
    names = [t.partner_name(p) for p in project.partners]
    partners = ", ".join(name.text for name in names if name)
    return html.Tr(
        [
            html.Td(project.id),
            html.Td(html.A(shown(t.title(project), t), href=project_href(project.id, t))),
            html.Td(partners or t.not_stated),
            html.Td(fields or t.not_stated),
            html.Td(t.period(project)),
            html.Td(budget, className="text-end"),
            html.Td(t.term(vocab.STATUSES, status)),
        ]
    )
