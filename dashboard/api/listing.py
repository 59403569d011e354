"""What a list answer holds (pure): its page (``limit``, ``offset``, the ``next`` link), the
record fields asked for (``fields``) and the order (``sort``), each read from the query with a
``ParameterError`` naming the parameter.

Sorting follows the page's table: the same columns, what a record does not state (no budget,
no start, status not stated) last in either direction, and ties in the order of the ID.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from typing import Any
from urllib.parse import urlencode

import numpy as np

from ..data.filter_query import ParameterError
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.model import Project
from ..data.ordering import SORT_COLUMNS, column_ranks, status_ranks
from ..i18n import Translator

# A page holds DEFAULT_LIMIT projects unless ``limit`` says otherwise, and at most MAX_LIMIT:
# a page of 1,000 records is ~2 MB of JSON; more is what the downloads are for.
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000
LISTING_PARAMETERS = frozenset({"limit", "offset", "fields", "sort"})
# What one record may be cut down to (``fields``): the record's keys; ``id`` is always kept.
RECORD_FIELDS = (*(f.name for f in fields(Project)), "status", "budget_yen")
MAX_SORT_KEYS = len(SORT_COLUMNS)


@dataclass(frozen=True)
class Page:
    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def rows(self, ordered: np.ndarray) -> np.ndarray:
        return ordered[self.offset : self.offset + self.limit]

    def has_next(self, total: int) -> bool:
        return self.offset + self.limit < total


@dataclass(frozen=True)
class SortKey:
    column: str
    descending: bool = False


def _one(args: Mapping[str, list[str]], name: str) -> str | None:
    values = args.get(name) or []
    if len(values) > 1:
        raise ParameterError(name, "give it once")
    return values[0].strip() if values else None


def _whole(args: Mapping[str, list[str]], name: str, low: int, high: int) -> int | None:
    raw = _one(args, name)
    if raw is None or raw == "":
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > len(str(high)):
        raise ParameterError(name, f"'{raw[:20]}' is not a whole number from {low} to {high}")
    number = int(raw)
    if not low <= number <= high:
        raise ParameterError(name, f"must be from {low} to {high}")
    return number


def read_page(args: Mapping[str, list[str]]) -> Page:
    """``limit`` (1 to MAX_LIMIT, default DEFAULT_LIMIT) and ``offset`` (0 or more)."""
    limit = _whole(args, "limit", 1, MAX_LIMIT)
    offset = _whole(args, "offset", 0, MAX_OFFSET)
    return Page(DEFAULT_LIMIT if limit is None else limit, offset or 0)


def _names(args: Mapping[str, list[str]], name: str) -> list[str]:
    names: list[str] = []
    for raw in args.get(name, []):
        names += [part.strip() for part in raw.split(",") if part.strip()]
    return names


def read_fields(args: Mapping[str, list[str]]) -> tuple[str, ...] | None:
    """The record keys asked for, ``id`` first and always; None: every key."""
    if "fields" not in args:
        return None
    wanted = _names(args, "fields")
    for name in wanted:
        if name not in RECORD_FIELDS:
            raise ParameterError(
                "fields", f"unknown field '{name[:40]}'; use any of {', '.join(RECORD_FIELDS)}"
            )
    if not wanted:
        raise ParameterError("fields", f"name one or more of {', '.join(RECORD_FIELDS)}")
    return tuple(dict.fromkeys(("id", *wanted)))


def read_sort(args: Mapping[str, list[str]]) -> tuple[SortKey, ...]:
    """``sort=-budget,title``: columns in order of precedence, ``-`` for descending."""
    keys: list[SortKey] = []
    for name in _names(args, "sort"):
        column = name.removeprefix("-")
        if column not in SORT_COLUMNS:
            raise ParameterError(
                "sort",
                f"unknown column '{name[:40]}'; use any of {', '.join(SORT_COLUMNS)}, each "
                "with a leading '-' for descending",
            )
        if any(key.column == column for key in keys):
            raise ParameterError("sort", f"'{column}' is named twice")
        keys.append(SortKey(column, name.startswith("-")))
    return tuple(keys)


def cut(record: dict[str, Any], wanted: tuple[str, ...] | None) -> dict[str, Any]:
    """The record with only the keys asked for, (JSON answers write keys in alphabetical order)."""
    if wanted is None:
        return record
    return {name: record[name] for name in wanted}


# A GeoJSON feature's properties by the record field they come from: a feature is one site,
# and its own keys (where it is) come from the record's ``locations``.
SITE_PROPERTIES = (
    "country", "admin1", "admin1_name", "admin1_name_lang", "place", "precision", "region",
)  # fmt: skip
PROPERTIES_OF_FIELD: dict[str, tuple[str, ...]] = {"locations": SITE_PROPERTIES}


def cut_properties(properties: dict[str, Any], wanted: tuple[str, ...] | None) -> dict[str, Any]:
    """A feature's properties with only those of the fields asked for (``fields``), as
    ``cut`` does a record: ``id`` always; the site's own keys with ``locations``; a field
    the properties do not carry (``budget_yen``) adds nothing."""
    if wanted is None:
        return properties
    keys = {"id"}
    for name in wanted:
        keys.update(PROPERTIES_OF_FIELD.get(name, (name,)))
    return {name: value for name, value in properties.items() if name in keys}


def next_query(args: Iterable[tuple[str, str]], page: Page, total: int) -> str | None:
    """The query of the next page: the request's own parameters, in their order, with
    ``limit`` and ``offset`` moved on; None on the last page."""
    if not page.has_next(total):
        return None
    kept = [(name, value) for name, value in args if name not in ("limit", "offset")]
    return urlencode([*kept, ("limit", page.limit), ("offset", page.offset + page.limit)])


def absolute_url(root: str, path: str, query: str) -> str:
    """An answer's link as an absolute URL: the site's root (``JPP_PUBLIC_URL``, else the
    root the request came to, its script root included), then the API's path and the query.
    A client follows it as it is, from any origin and behind any proxy."""
    return f"{root.rstrip('/')}{path}?{query}"


# --- the order ---------------------------------------------------------------------------


def _ranks(store: ProjectStore, selection: Selection, column: str, t: Translator) -> np.ndarray:
    rows = np.flatnonzero(selection.mask)
    if column == "status":  # on the as-of date: not a property of the record
        return status_ranks(selection)[rows]
    return column_ranks(store, column, t)[rows]


def ordered_rows(
    store: ProjectStore, selection: Selection, keys: tuple[SortKey, ...], t: Translator
) -> np.ndarray:
    """The selected store rows in the order asked; none asked: the dataset's order."""
    rows = np.flatnonzero(selection.mask)
    if not keys:
        return rows
    # np.lexsort sorts by its last key first: the ID's rank breaks the last ties.
    columns: list[np.ndarray] = [_ranks(store, selection, "id", t)]
    for key in reversed(keys):
        ranks = _ranks(store, selection, key.column, t)
        stated = ranks >= 0
        columns.append(np.where(stated, -ranks if key.descending else ranks, 0))
        columns.append(~stated)  # not stated: after every stated value, either way
    return rows[np.lexsort(columns)]
