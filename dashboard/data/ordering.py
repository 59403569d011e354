"""The order of a list of projects (pure): what each of the table's columns sorts by, and
every project's rank in it, kept with the store. The page's table (ui/project_table) and the
API's ``sort=`` (api/listing.py) both order by these, so they cannot drift apart.

A value the record does not state has rank -1: the callers put it last in either direction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from . import vocab
from .filters import Selection
from .loading import ProjectStore
from .model import Project

if TYPE_CHECKING:  # the translator imports the data layer: a name for type checks only
    from ..i18n import Translator

SORT_COLUMNS = ("id", "title", "partners", "period", "budget", "status")

# Statuses in the table's order (their keys' alphabetical order); not stated: -1, last.
STATUS_RANKS = {
    key: rank
    for rank, key in enumerate(sorted(k for k in vocab.keys(vocab.STATUSES) if k != "unknown"))
}


def sort_value(column: str, project: Project, t: Translator) -> object:
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


def ranks_of(values: Sequence[object]) -> np.ndarray:
    """Each value's place among the stated ones (0, 1, ...; ties share one); -1 if not
    stated."""
    known = [i for i, value in enumerate(values) if value not in (None, "")]
    ranks = np.full(len(values), -1, dtype=np.int64)
    if known:
        _, inverse = np.unique(np.array([values[i] for i in known]), return_inverse=True)
        ranks[known] = inverse
    return ranks


def column_ranks(store: ProjectStore, column: str, t: Translator) -> np.ndarray:
    """Every project's rank in a column of the record (not ``status``), worked out once per
    store and language: a sorted page then costs a sort of integers, whatever the number of
    projects."""
    key = ("ranks", column, t.lang)
    return store.cache.arrays.get(
        key, lambda: ranks_of([sort_value(column, p, t) for p in store.projects])
    )


def status_ranks(selection: Selection) -> np.ndarray:
    """Every store row's rank by its status on the selection's as-of date (not a property
    of the record, so not kept)."""
    return selection.statuses.map(STATUS_RANKS).fillna(-1).to_numpy(dtype=np.int64)
