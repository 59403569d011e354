"""The list of projects: the map's equivalent for keyboards and screen readers.

A plain HTML table (real headers, captions, links), sortable by its column buttons, that
follows the same filters as the map.
"""

from __future__ import annotations

from dash import html

from ..data import vocab
from ..data.model import Project
from ..data.summaries import NOT_STATED, period_label
from . import ids

SORTABLE = {
    "id": "ID",
    "title": "Title",
    "partners": "Partners",
    "period": "Period",
    "budget": "Budget (¥)",
    "status": "Status",
}


def sort_key(column: str, project: Project, status: str) -> tuple:
    """Unknown values sort last, whichever the direction."""
    values = {
        "id": project.id,
        "title": (project.title_en or project.title_ja or "").casefold(),
        "partners": ", ".join(p.name for p in project.partners).casefold(),
        "period": project.start.earliest.isoformat() if project.start else "",
        "budget": project.budget_yen,
        "status": status,
    }
    value = values[column]
    return (value in (None, ""), value if value is not None else 0)


def table_shell() -> html.Table:
    """The table with its header; the header's buttons stay put (and keep the keyboard
    focus) while the callbacks refill the body and the sort marks."""
    headers = [
        html.Th(
            html.Button(
                label,
                id={"type": ids.TABLE_SORT, "column": key},
                className="btn btn-link btn-sm p-0 text-start fw-semibold",
                title=f"Sort by {label.lower()}",
            ),
            id={"type": ids.TABLE_HEADER, "column": key},
            scope="col",
            **{"aria-sort": "ascending" if key == "id" else "none"},
        )
        for key, label in SORTABLE.items()
    ]
    headers.insert(3, html.Th("Fields", scope="col"))
    return html.Table(
        [
            html.Caption(id=ids.TABLE_CAPTION, className="small"),
            html.Thead(html.Tr(headers)),
            html.Tbody(id=ids.TABLE_BODY),
        ],
        className="table table-sm table-hover small project-table",
    )


def sorted_rows(rows: list[tuple[Project, str]], column: str, descending: bool) -> list[html.Tr]:
    known = [row for row in rows if not sort_key(column, *row)[0]]
    unknown = [row for row in rows if sort_key(column, *row)[0]]
    known.sort(key=lambda row: sort_key(column, *row), reverse=descending)
    return [_row(project, status) for project, status in known + unknown]


def sort_marks(column: str, descending: bool) -> tuple[list[str], list[str]]:
    """aria-sort of each sortable header, and its button's label with an arrow."""
    states, labels = [], []
    for key, label in SORTABLE.items():
        state = ("descending" if descending else "ascending") if key == column else "none"
        states.append(state)
        labels.append(label + {"ascending": " ▲", "descending": " ▼"}.get(state, ""))
    return states, labels


def _row(project: Project, status: str) -> html.Tr:
    fields = ", ".join(vocab.term(vocab.FIELDS, key).label_en for key in project.fields)
    budget = f"{project.budget_yen:,}" if project.budget_yen is not None else NOT_STATED
    return html.Tr(
        [
            html.Td(project.id),
            html.Td(
                html.A(
                    project.title_en or project.title_ja or project.id,
                    href=f"/project/{project.id}",
                )
            ),
            html.Td(", ".join(p.name for p in project.partners if p.name) or NOT_STATED),
            html.Td(fields or NOT_STATED),
            html.Td(period_label(project)),
            html.Td(budget, className="text-end"),
            html.Td(vocab.term(vocab.STATUSES, status).label_en),
        ]
    )
