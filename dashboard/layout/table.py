"""The list of projects: the map's equivalent for keyboards and screen readers.

A plain HTML table (real headers, captions, links), sortable by its column buttons, that
follows the same filters as the map.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from dash import html

from ..data import vocab
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.model import Project
from ..i18n import Translator
from . import ids
from .detail import project_href, shown

SORTABLE = ("id", "title", "partners", "period", "budget", "status")
# Rows on one page of the table: every country's real projects fit on one (Viet Nam has 66),
# and a page stays quick to send and draw on a phone when there are thousands.
PAGE_SIZE = 100


def column_labels(t: Translator) -> dict[str, str]:
    return {
        "id": t("ID"),
        "title": t("Title"),
        "partners": t("Partners"),
        "period": t("Period"),
        "budget": t("Budget (¥)"),
        "status": t("Status"),
    }


def _sort_value(column: str, project: Project, t: Translator) -> object:
    """What a column sorts by; None or "" when the record does not state it."""
    if column == "id":
        return project.id
    if column == "title":
        return t.title(project).text.casefold()
    if column == "partners":
        names = (name.text for name in map(t.partner_name, project.partners) if name)
        return ", ".join(names).casefold()
    if column == "period":
        return project.start.earliest.isoformat() if project.start else ""
    return project.budget_yen  # "budget"


def _ranks(values: list[object] | np.ndarray) -> np.ndarray:
    """Each value's place among the known ones (0, 1, ...; ties share one); -1 if unknown."""
    values = list(values)
    known = [i for i, value in enumerate(values) if value not in (None, "")]
    ranks = np.full(len(values), -1, dtype=np.int64)
    if known:
        _, inverse = np.unique(np.array([values[i] for i in known]), return_inverse=True)
        ranks[known] = inverse
    return ranks


def column_ranks(store: ProjectStore, column: str, t: Translator) -> np.ndarray:
    """Every project's rank in a column, worked out once per store and language: a page of
    the table then costs a sort of integers, whatever the number of projects."""
    key = ("table-ranks", column, t.lang)
    return store.cache.arrays.get(
        key, lambda: _ranks([_sort_value(column, p, t) for p in store.projects])
    )


@dataclass(frozen=True)
class TablePage:
    rows: list[int]  # store rows on this page, in order
    page: int  # 1-based, within 1..pages
    pages: int
    total: int  # projects in the selection
    first: int  # 1-based position of the page's first row (0 when empty)


def table_page(
    store: ProjectStore,
    selection: Selection,
    column: str,
    descending: bool,
    page: int,
    t: Translator,
    size: int | None = None,
) -> TablePage:
    """One page of the selected projects sorted by a column. Unknown values come last in
    either direction; ties keep the dataset's order."""
    selected = np.flatnonzero(selection.mask)
    if column == "status":  # as of the filter's date: not a property of the record
        statuses = selection.statuses.to_numpy()[selected]
        ranks = _ranks([None if status == "unknown" else status for status in statuses])
    else:
        ranks = column_ranks(store, column, t)[selected]
    known = np.flatnonzero(ranks >= 0)
    known = known[np.argsort(-ranks[known] if descending else ranks[known], kind="stable")]
    ordered = selected[np.concatenate([known, np.flatnonzero(ranks < 0)])]
    size = size or PAGE_SIZE
    pages = max(1, -(-len(ordered) // size))
    page = min(max(1, page), pages)
    rows = ordered[(page - 1) * size : page * size]
    return TablePage(
        rows=[int(row) for row in rows],
        page=page,
        pages=pages,
        total=len(ordered),
        first=(page - 1) * size + 1 if len(rows) else 0,
    )


def table_shell(t: Translator) -> html.Div:
    """The table with its header and its pager; the buttons stay put (and keep the keyboard
    focus) while the callbacks refill the body, the sort marks and the page."""
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
    table = html.Table(
        [
            html.Caption(id=ids.TABLE_CAPTION, className="small"),
            html.Thead(html.Tr(headers)),
            html.Tbody(id=ids.TABLE_BODY),
        ],
        className="table table-sm table-hover small project-table",
    )
    return html.Div([html.Div(table, className="table-responsive"), pager(t)])


def pager(t: Translator) -> html.Nav:
    """Previous and next page, and where the visitor is ("Rows 101–200 of 5,012"), said
    politely to screen readers when it changes. Hidden while everything fits on one page."""
    button = "btn btn-outline-primary btn-sm"
    return html.Nav(
        [
            html.Button(
                t("Previous page"),
                id=ids.TABLE_PREVIOUS,
                className=button,
                n_clicks=0,
                **{"aria-disabled": "true"},
            ),
            html.Span(id=ids.TABLE_POSITION, className="small mx-2", role="status"),
            html.Button(
                t("Next page"),
                id=ids.TABLE_NEXT,
                className=button,
                n_clicks=0,
                **{"aria-disabled": "false"},
            ),
        ],
        id=ids.TABLE_PAGER,
        className="table-pager",
        hidden=True,
        **{"aria-label": t("Pages of the list")},
    )


def position_text(page: TablePage, t: Translator) -> str:
    if not page.rows:
        return ""
    last = page.first + len(page.rows) - 1
    return t(
        "Rows {first}–{last} of {total} (page {page} of {pages})",
        first=t.number(page.first),
        last=t.number(last),
        total=t.number(page.total),
        page=t.number(page.page),
        pages=t.number(page.pages),
    )


def table_rows(
    store: ProjectStore, selection: Selection, page: TablePage, t: Translator
) -> list[html.Tr]:
    """The page's rows, each project with its status as of the filter's date."""
    statuses = selection.statuses
    return [_row(store.projects[row], str(statuses.iloc[row]), t) for row in page.rows]


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
            html.Td(  # ongoing stands out in words' weight, as on the map in size and ring
                t.term(vocab.STATUSES, status),
                className="fw-semibold status-ongoing" if status == "ongoing" else None,
            ),
        ]
    )
