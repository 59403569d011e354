"""The project table: sorted pages of the selection, unknown values last either way."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard.data.filters import ProjectFilter, select
from dashboard.data.ordering import column_ranks
from dashboard.i18n import translator
from dashboard.ui.project_table.paging import PAGE_SIZE, position_text, table_page

from .factories import fake_project, fake_store

EN = translator("en")


@pytest.fixture(scope="module")
def store():
    return fake_store(
        fake_project("P3", budget=30_000_000, start="2015-04", title="Charlie"),
        fake_project("P1", budget=None, start="2012-01", title="alpha"),
        fake_project("P2", budget=30_000_000, start="", title="Bravo"),
        fake_project("P5", budget=10_000_000, start="2020-10", title="Echo", fields=("health",)),
        fake_project("P4", budget=50_000_000, start="2018-06", title="delta"),
    )


def ids(store, page) -> list[str]:
    return [store.projects[row].id for row in page.rows]


def test_sorted_by_a_column_unknowns_last_ties_in_dataset_order(store):
    everything = select(store, ProjectFilter(as_of=date(2026, 12, 1)))
    by = {
        column: ids(store, table_page(store, everything, column, False, 1, EN))
        for column in ("id", "title", "budget", "period")
    }
    assert by["id"] == ["P1", "P2", "P3", "P4", "P5"]
    assert by["title"] == ["P1", "P2", "P3", "P4", "P5"]  # case-insensitive
    assert by["budget"] == ["P5", "P3", "P2", "P4", "P1"]  # P3 before P2: the dataset's order
    assert by["period"] == ["P1", "P3", "P4", "P5", "P2"]  # P2 states no start
    descending = ids(store, table_page(store, everything, "budget", True, 1, EN))
    assert descending == ["P4", "P3", "P2", "P5", "P1"]  # still unknown last, ties in order


def test_sorted_by_status_as_of_the_filters_date_not_stated_last(store):
    early = select(store, ProjectFilter(as_of=date(2016, 1, 1)))
    for descending in (False, True):
        page = table_page(store, early, "status", descending, 1, EN)
        statuses = [str(early.statuses.iloc[row]) for row in page.rows]
        stated = [status for status in statuses if status != "unknown"]
        assert stated == sorted(stated, reverse=descending)
        assert statuses == stated + ["unknown"] * (len(statuses) - len(stated))
    assert "unknown" in early.statuses.tolist()  # P2 states no start: its status is unknown


def test_only_the_selection_and_pages_of_the_given_size(store):
    water = select(store, ProjectFilter(field=("water",)))
    page = table_page(store, water, "id", False, 1, EN, size=2)
    assert (ids(store, page), page.page, page.pages, page.total, page.first) == (
        ["P1", "P2"],
        1,
        2,
        4,
        1,
    )
    second = table_page(store, water, "id", False, 2, EN, size=2)
    assert (ids(store, second), second.first) == (["P3", "P4"], 3)
    assert position_text(second, EN) == "Rows 3–4 of 4 (page 2 of 2)"
    nothing = select(store, ProjectFilter(q="no such project"))
    assert position_text(table_page(store, nothing, "id", False, 1, EN), EN) == ""
    beyond = table_page(store, water, "id", False, 9, EN, size=2)
    assert beyond.page == 2 and ids(store, beyond) == ["P3", "P4"]  # clamped, not empty
    before = table_page(store, water, "id", False, 0, EN, size=2)
    assert before.page == 1


def test_an_empty_selection_is_one_empty_page(store):
    nothing = select(store, ProjectFilter(q="no such project"))
    page = table_page(store, nothing, "title", True, 3, EN)
    assert (page.rows, page.page, page.pages, page.total, page.first) == ([], 1, 1, 0, 0)


def test_ranks_are_worked_out_once_per_store_and_language(store):
    first = column_ranks(store, "title", EN)
    assert column_ranks(store, "title", EN) is first
    assert column_ranks(store, "title", translator("ja")) is not first
    assert list(first) == [2, 0, 1, 4, 3]  # Charlie, alpha, Bravo, Echo, delta


def test_a_page_of_the_default_size_at_scale():
    """10,000 projects: one page of 100, in ID order, without building 10,000 rows."""
    projects = [fake_project(f"G{n:05d}", budget=(n % 90 + 10) * 1_000_000) for n in range(10_000)]
    big = fake_store(*reversed(projects))
    everything = select(big, ProjectFilter())
    page = table_page(big, everything, "id", False, 3, EN)
    assert len(page.rows) == PAGE_SIZE == 100
    assert ids(big, page) == [f"G{n:05d}" for n in range(200, 300)]
    assert (page.pages, page.first) == (100, 201)


def test_quick_clicks_each_move_a_page_even_when_an_answer_is_dropped(monkeypatch):
    """The page comes from the clicks since the page shown: a second click sent before the
    first answer arrived (Dash then drops that answer) still moves two pages."""
    from dashboard.app import create_app
    from dashboard.settings import Settings
    from dashboard.ui import ids
    from dashboard.ui.project_table import paging as table

    from .factories import DATASET_SIZE
    from .test_security import post, valid_body

    monkeypatch.setattr(table, "PAGE_SIZE", 10)  # 154 projects: 16 pages
    app = create_app(Settings())
    client = app.server.test_client()
    output = next(key for key in app.callback_map if "table-body.children" in key)
    body = valid_body(app, output)

    def answer(**values):
        sent = json.loads(json.dumps(body))
        for item in sent["inputs"] + sent["state"]:
            if item.get("id") in values:
                item["value"] = values[item["id"]]
        sent["changedPropIds"] = [f"{ids.TABLE_NEXT}.n_clicks"]
        return post(client, sent).json["response"]

    shown = {"page": 1, "next": 0, "previous": 0}
    both = answer(
        **{ids.COUNTRY: ["WORLD"], ids.TABLE_OPENER: 1, ids.TABLE_NEXT: 2, ids.TABLE_PAGE: shown}
    )
    assert both[ids.TABLE_PAGE]["data"] == {"page": 3, "next": 2, "previous": 0}
    assert (
        both[ids.TABLE_POSITION]["children"]
        == f"Rows 21–30 of {DATASET_SIZE} (page 3 of {-(-DATASET_SIZE // 10)})"
    )
    back = answer(
        **{
            ids.COUNTRY: ["WORLD"],
            ids.TABLE_OPENER: 1,
            ids.TABLE_NEXT: 2,
            ids.TABLE_PREVIOUS: 5,
            ids.TABLE_PAGE: both[ids.TABLE_PAGE]["data"],
        }
    )
    assert back[ids.TABLE_PAGE]["data"]["page"] == 1  # three pages back from 3: clamped at 1
    assert back[ids.TABLE_PREVIOUS]["aria-disabled"] == "true"
