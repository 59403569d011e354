"""The list of projects: the map's equivalent for keyboards and screen readers.

A plain HTML table (real headers, captions, links), sortable by its column buttons, that
follows the same filters as the map.
"""

from __future__ import annotations

from typing import Any

from dash import html

from ...data import vocab
from ...data.filters import Selection
from ...data.loading import ProjectStore
from ...data.model import Project
from ...i18n import Translator
from .. import ids
from ..attributes import attributes
from ..detail_panel.layout import project_href, shown
from .paging import TablePage, column_labels


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
            **attributes({"aria-sort": "ascending" if key == "id" else "none"}),
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
                **attributes({"aria-disabled": "true"}),
            ),
            html.Span(id=ids.TABLE_POSITION, className="small mx-2", role="status"),
            html.Button(
                t("Next page"),
                id=ids.TABLE_NEXT,
                className=button,
                n_clicks=0,
                **attributes({"aria-disabled": "false"}),
            ),
        ],
        id=ids.TABLE_PAGER,
        className="table-pager",
        hidden=True,
        **attributes({"aria-label": t("Pages of the list")}),
    )


def table_rows(
    store: ProjectStore, selection: Selection, page: TablePage, t: Translator
) -> list[html.Tr]:
    """The page's rows, each project with its status as of the filter's date."""
    statuses = selection.statuses
    return [_row(store.projects[row], str(statuses.iloc[row]), t) for row in page.rows]


def sort_labels(column: str, descending: bool, t: Translator) -> list[Any]:
    """Each sortable header's button label, with an arrow on the sorted one (aria-sort says
    the direction; the arrow is for the eye only)."""
    labels: list[Any] = []
    for key, label in column_labels(t).items():
        arrow = (" ▼" if descending else " ▲") if key == column else ""
        labels.append(
            [label, html.Span(arrow, **attributes({"aria-hidden": "true"}))] if arrow else label
        )
    return labels


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
