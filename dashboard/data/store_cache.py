"""What is worked out from one ``ProjectStore`` once and kept with it, typed and bounded.

A store is immutable, so whatever is derived from it stays true for as long as it is served;
a new import builds a new store with an empty cache. Each derived value has its own slot:

- ``search_texts``, ``location_table``, ``locations``, ``country_rows``: computed once;
- ``statuses``: per as-of date, the latest ``STATUS_DATES_KEPT`` dates kept;
- ``arrays``: a small memo for arrays that the interface derives (the table's sort ranks per
  column and language), at most ``ARRAYS_KEPT`` of them, with short keys of plain words.

The module that owns a value computes it (``filters``, ``summaries``, the table) and hands
the computation to its slot, which keeps the result. gunicorn serves from threads: two
threads may both compute a missing value (the work is the same), but a slot is only written
under its lock and the first value kept is the one every caller gets afterwards.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from datetime import date
from typing import Generic, TypeVar

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class LocationArrays:
    """The store's locations as arrays, with what no filter changes worked out once.

    A filter change then only picks positions: at 100k projects the pandas frames cost
    ~200 ms per change in indexing, de-duplication and grouping, these arrays a few ms.
    """

    row: np.ndarray  # the project's row in the store
    project_id: np.ndarray
    admin1: np.ndarray  # None when only the country or a region is known
    units: np.ndarray  # the units it counts in, in every layer (tuples: ``Placement``)
    field: np.ndarray  # the project's first field, the one its marker is coloured by
    field_index: np.ndarray  # its index in FIELD_KEYS; NO_FIELD when none is stated
    place: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    drawn: np.ndarray  # gets a marker: a stated site or province, once per project and point
    site: np.ndarray  # index of its point among the sites below
    site_lon: np.ndarray
    site_lat: np.ndarray
    site_place: np.ndarray  # the first place name stated at the point, if any


T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

STATUS_DATES_KEPT = 8  # as-of dates whose statuses a store keeps
# The interface's derived arrays: the table's ranks are 5 columns x 3 languages; the bound
# leaves room and caps the memo whatever a request asks for.
ARRAYS_KEPT = 32
ARRAY_KEY_PARTS = 4  # at most this many words in a key ...
ARRAY_KEY_WORD = 40  # ... of at most this many characters each


class Once(Generic[T]):
    """One value, computed on first use and kept."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._value: T | None = None

    def get(self, compute: Callable[[], T]) -> T:
        value = self._value
        if value is None:
            value = compute()  # outside the lock: a slow computation blocks no other slot
            with self._lock:
                if self._value is None:
                    self._value = value
                value = self._value
        return value

    @property
    def computed(self) -> bool:
        return self._value is not None


class Bounded(Generic[K, T]):
    """Values by key, at most ``size`` of them: a new key drops the oldest one kept."""

    def __init__(self, size: int, check: Callable[[K], None] | None = None) -> None:
        if size < 1:
            raise ValueError("a bounded memo keeps at least one value")
        self.size = size
        self._check = check
        self._lock = threading.Lock()
        self._values: dict[K, T] = {}

    def get(self, key: K, compute: Callable[[], T]) -> T:
        if self._check is not None:
            self._check(key)
        with self._lock:
            value = self._values.get(key)
        if value is not None:
            return value
        value = compute()
        with self._lock:
            kept = self._values.get(key)
            if kept is not None:  # another thread got there first: one value per key
                return kept
            while len(self._values) >= self.size:  # the oldest first (dicts keep their order)
                del self._values[next(iter(self._values))]
            self._values[key] = value
        return value

    def keys(self) -> list[K]:
        """The keys kept, oldest first."""
        with self._lock:
            return list(self._values)

    def __len__(self) -> int:
        return len(self._values)


def check_array_key(key: tuple[str, ...]) -> None:
    """A key of the interface's memo: a few short words, e.g. ("ranks", "title", "ja")."""
    if not (
        isinstance(key, tuple)
        and 0 < len(key) <= ARRAY_KEY_PARTS
        and all(isinstance(word, str) and len(word) <= ARRAY_KEY_WORD for word in key)
    ):
        raise ValueError(f"not a key of the store's array memo: {key!r}")


@dataclass(eq=False, repr=False)
class StoreCache:
    """The derived values of one store (see the module's docstring)."""

    # filters: every project's folded search text, as an object array.
    search_texts: Once[np.ndarray] = field(default_factory=Once)
    # filters: every project's status per as-of date.
    statuses: Bounded[date, pd.Series] = field(default_factory=lambda: Bounded(STATUS_DATES_KEPT))
    # summaries: the locations without their geometry objects.
    location_table: Once[pd.DataFrame] = field(default_factory=Once)
    # summaries: the locations as arrays, with what no filter changes worked out.
    locations: Once[LocationArrays] = field(default_factory=Once)
    # summaries: each country's positions among the locations; only the store's countries.
    country_rows: Once[dict[str, np.ndarray]] = field(default_factory=Once)
    # The interface's derived arrays (the table's ranks per column and language).
    arrays: Bounded[tuple[str, ...], np.ndarray] = field(
        default_factory=lambda: Bounded(ARRAYS_KEPT, check_array_key)
    )
