"""The store's cache: each derived value once, the keyed ones bounded, safe across threads."""

import threading
from dataclasses import fields, replace
from datetime import date, timedelta

import numpy as np
import pytest

from dashboard.data.filters import ProjectFilter, select, statuses_as_of
from dashboard.data.loading import ProjectStore
from dashboard.data.model import Location
from dashboard.data.ordering import column_ranks
from dashboard.data.store_cache import (
    ARRAYS_KEPT,
    STATUS_DATES_KEPT,
    Bounded,
    Once,
    StoreCache,
)
from dashboard.data.summaries import province_counts
from dashboard.i18n import LANGUAGES, translator
from dashboard.ui.project_table.paging import SORTABLE

from .factories import fake_project, fake_store

HUE = Location(country="VNM", admin1="VN-26", precision=2, lon=107.58, lat=16.46)
MANILA = Location(country="PHL", admin1="PH-00", precision=2, lon=120.98, lat=14.6)


def store():
    return fake_store(
        fake_project("A", start="2020-01", end="2021-12"),
        replace(fake_project("B", country="PHL"), locations=(MANILA,)),
        replace(fake_project("C"), locations=(HUE, MANILA)),
        fake_project("D", start="2030-01"),
    )


def test_a_new_store_has_an_empty_cache_outside_its_equality():
    first, second = store(), store()
    assert first.cache is not second.cache
    select(first, ProjectFilter(q="a"))
    assert first.cache.search_texts.computed and not second.cache.search_texts.computed
    cache = next(f for f in fields(ProjectStore) if f.name == "cache")
    assert not cache.compare and not cache.repr  # no part in comparing or showing stores


def test_statuses_kept_for_the_latest_dates_only():
    data = store()
    days = [date(2020, 1, 1) + timedelta(days=n) for n in range(STATUS_DATES_KEPT + 3)]
    kept = {day: statuses_as_of(data, day) for day in days}
    assert STATUS_DATES_KEPT == 8
    assert data.cache.statuses.keys() == days[-STATUS_DATES_KEPT:]  # the oldest dropped first
    assert statuses_as_of(data, days[-1]) is kept[days[-1]]  # still kept: the same object
    again = statuses_as_of(data, days[0])  # dropped: derived again, equal, and kept anew
    assert again is not kept[days[0]] and list(again) == list(kept[days[0]])
    assert len(data.cache.statuses) == STATUS_DATES_KEPT
    assert data.cache.statuses.keys()[-1] == days[0]


def test_country_rows_bounded_by_the_stores_countries():
    data = store()
    everything = select(data, ProjectFilter(as_of=date(2026, 1, 1)))
    assert province_counts(data, everything, "VNM").to_dict() == {"VN-26": 3}
    assert province_counts(data, everything, "PHL").to_dict() == {"PH-00": 2}
    for unknown in ("XXX", "", "VNM" * 100):  # what a request may ask for
        assert province_counts(data, everything, unknown).empty
    rows = data.cache.country_rows.get(lambda: pytest.fail("computed twice"))
    assert set(rows) == {"VNM", "PHL"}
    countries = data.locations["country"].to_numpy(dtype=object)
    for code, positions in rows.items():
        assert list(positions) == list(np.flatnonzero(countries == code))


def test_the_tables_ranks_kept_per_column_and_language_within_the_bound():
    data = store()
    for column in SORTABLE:
        if column != "status":
            for lang in LANGUAGES:
                column_ranks(data, column, translator(lang))
    assert len(data.cache.arrays) == 5 * 3 <= ARRAYS_KEPT
    for n in range(ARRAYS_KEPT * 3):  # however many keys are asked for, the memo stays small
        data.cache.arrays.get(("test", str(n)), lambda: np.zeros(1))
    assert len(data.cache.arrays) == ARRAYS_KEPT


@pytest.mark.parametrize(
    "key",
    [
        (),
        ("table-ranks", "title", "en", "x", "y"),  # too many words
        ("table-ranks", "x" * 41),  # a word too long
        ("table-ranks", 3),  # not words
        "table-ranks",  # not a tuple
    ],
)
def test_the_array_memo_refuses_keys_that_are_not_a_few_short_words(key):
    cache = StoreCache()
    with pytest.raises(ValueError, match="not a key"):
        cache.arrays.get(key, lambda: np.zeros(1))
    assert len(cache.arrays) == 0


def test_a_bounded_memo_keeps_at_least_one():
    with pytest.raises(ValueError):
        Bounded(0)


def test_threads_computing_one_value_all_get_the_one_kept():
    """Two threads may both compute a missing value; every caller gets the first kept."""
    once: Once[object] = Once()
    bounded: Bounded[int, object] = Bounded(4)
    start = threading.Barrier(16)
    got: list[tuple[object, object]] = []

    def work() -> None:
        start.wait()
        got.append((once.get(object), bounded.get(1, object)))

    threads = [threading.Thread(target=work) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len({id(a) for a, _ in got}) == 1 and len({id(b) for _, b in got}) == 1
    assert once.get(object) is got[0][0] and bounded.get(1, object) is got[0][1]


def test_threads_filling_a_bounded_memo_never_pass_its_bound():
    bounded: Bounded[int, int] = Bounded(8)
    start = threading.Barrier(8)

    def work(offset: int) -> None:
        start.wait()
        for n in range(200):
            bounded.get(offset * 1000 + n, lambda n=n: n)
            assert len(bounded) <= 8

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(bounded) == 8
