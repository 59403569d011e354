"""The list's rules (pure): one page of a sorted selection (each column sorts by
``data/ordering.py``, as the API's ``sort=`` does), where the visitor is, and what a click on
a header or a pager button asks for."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from ...data.filters import Selection
from ...data.loading import ProjectStore
from ...data.ordering import SORT_COLUMNS, column_ranks, status_ranks
from ...i18n import Translator
from .. import ids
from ..limits import InputLimit

SORTABLE = SORT_COLUMNS  # the API's sort= orders by the same (data/ordering.py)
# Rows on one page of the table: every country's real projects fit on one (Viet Nam has 66),
# and a page stays quick to send and draw on a phone when there are thousands.
PAGE_SIZE = 100
# What the list's stores can be (the callback guard refuses more): a column and a direction;
# the page shown and the pager's clicks then.
TABLE_INPUT_LIMITS: dict[tuple[str, str], InputLimit] = {
    (ids.TABLE_SORT_STATE, "data"): InputLimit(chars=16, items=2, depth=1),
    (ids.TABLE_PAGE, "data"): InputLimit(chars=16, items=3, depth=1),
}


def column_labels(t: Translator) -> dict[str, str]:
    return {
        "id": t("ID"),
        "title": t("Title"),
        "partners": t("Partners"),
        "period": t("Period"),
        "budget": t("Budget (¥)"),
        "status": t("Status"),
    }


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
        ranks = status_ranks(selection)[selected]
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


def sort_states(column: str, descending: bool) -> list[str]:
    """aria-sort of each sortable header, in the order of ``SORTABLE``."""
    direction = "descending" if descending else "ascending"
    return [direction if key == column else "none" for key in SORTABLE]


def next_sort(previous: object, column: object) -> dict[str, object]:
    """A header button sorts by its column; the same one again, the other way round."""
    state = previous if isinstance(previous, dict) else {}
    column = column if column in SORTABLE else "id"
    descending = state.get("column") == column and not state.get("descending")
    return {"column": column, "descending": descending}


def valid_sort(state: object) -> dict[str, object]:
    """The sort the page stored, or the default (by ID) if it is not one."""
    if isinstance(state, dict) and state.get("column") in SORTABLE:
        return {"column": state["column"], "descending": bool(state.get("descending"))}
    return {"column": "id", "descending": False}


def count(value: object, default: int = 0) -> int:
    """A click count or a page number as the page stores it; the default if it is not one."""
    return value if isinstance(value, int) and not isinstance(value, bool) else default


def wanted_page(paging: bool, shown: object, clicks: Mapping[str, int]) -> int:
    """The page a pager click (or reopening the list) asks for, counted from the clicks
    since the page shown: two quick clicks on "Next" move two pages even when the first
    answer is dropped as stale. Any other change (a filter, a sort) starts at page 1."""
    if not paging:
        return 1
    base = shown if isinstance(shown, dict) else {}
    return (
        count(base.get("page"), 1)
        + clicks["next"]
        - count(base.get("next"))
        - clicks["previous"]
        + count(base.get("previous"))
    )
