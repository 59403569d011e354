"""One filter definition for the page, the API and exports.

Values within a facet combine with OR, facets with AND. A project whose budget, duration or
start is not stated stays in a range filter unless the user asks to leave such projects out:
"unknown" is not "outside the range".
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from .loading import ProjectStore, fold
from .status import derive_statuses


@dataclass(frozen=True)
class ProjectFilter:
    country: tuple[str, ...] = ()
    field: tuple[str, ...] = ()
    partner_type: tuple[str, ...] = ()
    scheme: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    province: tuple[str, ...] = ()
    as_of: date | None = None  # None: today
    budget_min: int | None = None
    budget_max: int | None = None
    duration_min: int | None = None  # months
    duration_max: int | None = None
    start_from: int | None = None  # years
    start_to: int | None = None
    keep_unknown_budget: bool = True
    keep_unknown_duration: bool = True
    keep_unknown_start: bool = True
    q: str = ""


@dataclass(frozen=True)
class Selection:
    """The rows a filter keeps, with every project's status as of the filter's date."""

    mask: np.ndarray
    statuses: pd.Series

    @property
    def count(self) -> int:
        return int(self.mask.sum())


def _any_of(store: ProjectStore, facet: str, values: tuple[str, ...]) -> np.ndarray:
    size = len(store)
    if not values:
        return np.ones(size, dtype=bool)
    result = np.zeros(size, dtype=bool)
    for value in values:
        mask = store.masks[facet].get(value)
        if mask is not None:
            result |= mask
    return result


def _within(
    values: pd.Series, low: float | None, high: float | None, keep_unknown: bool
) -> np.ndarray:
    numbers = values.to_numpy(dtype=float)
    known = ~np.isnan(numbers)
    inside = np.ones(len(numbers), dtype=bool)
    if low is not None:
        inside &= numbers >= low
    if high is not None:
        inside &= numbers <= high
    return np.where(known, inside, keep_unknown)


def select(store: ProjectStore, spec: ProjectFilter) -> Selection:
    frame = store.frame
    mask = np.ones(len(store), dtype=bool)
    for facet in ("country", "field", "partner_type", "scheme", "province"):
        mask &= _any_of(store, facet, getattr(spec, facet))
    mask &= _within(frame["budget_yen"], spec.budget_min, spec.budget_max, spec.keep_unknown_budget)
    mask &= _within(
        frame["duration_months"], spec.duration_min, spec.duration_max, spec.keep_unknown_duration
    )
    mask &= _within(frame["start_year"], spec.start_from, spec.start_to, spec.keep_unknown_start)
    if spec.q.strip():
        words = fold(spec.q).split()
        text = frame["search_text"]
        for word in words:
            mask &= text.str.contains(word, regex=False).to_numpy()
    statuses = derive_statuses(frame, spec.as_of or date.today())
    if spec.status:
        mask &= statuses.isin(spec.status).to_numpy()
    return Selection(mask=mask, statuses=statuses)
