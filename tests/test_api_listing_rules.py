"""The list answer's rules, as plain functions on generated records: paging, ``fields``,
``sort`` (unknowns last both ways, ties by ID), the next page's query, CORS and validators."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from dashboard.api import conditional, cors, listing
from dashboard.api.listing import Page, SortKey
from dashboard.data.filter_query import ParameterError
from dashboard.data.filters import ProjectFilter, select
from dashboard.i18n import translator

from .factories import fake_project, fake_store

# Generated records (not real projects): budgets and starts, some not stated.
STORE = fake_store(
    fake_project("T3", budget=30_000_000, start="2010-04", end="2012-03", title="Bravo"),
    fake_project("T1", budget=None, start="2015-04", end="2016-03", title="Alpha"),
    fake_project("T2", budget=30_000_000, start="", title="Charlie"),
    fake_project("T5", budget=10_000_000, start="2030-04", end="2031-03", title="alpha"),
    fake_project("T4", budget=None, start="2012-04", end="2013-03", title="Delta"),
)
AS_OF = date(2020, 1, 1)


def order(*keys: SortKey) -> list[str]:
    selection = select(STORE, ProjectFilter(as_of=AS_OF))
    rows = listing.ordered_rows(STORE, selection, keys, translator("en"))
    return [STORE.projects[row].id for row in rows]


def test_no_sort_keeps_the_datasets_order():
    assert order() == ["T3", "T1", "T2", "T5", "T4"]


def test_budget_both_ways_with_unknowns_last_and_ties_by_id():
    assert order(SortKey("budget")) == ["T5", "T2", "T3", "T1", "T4"]
    assert order(SortKey("budget", descending=True)) == ["T2", "T3", "T5", "T1", "T4"]


def test_a_second_key_breaks_the_first_ones_ties():
    assert order(SortKey("budget", True), SortKey("title", True)) == [
        "T2",  # Charlie
        "T3",  # Bravo
        "T5",
        "T4",  # Delta (no budget)
        "T1",  # Alpha (no budget)
    ]


def test_period_and_status_put_what_is_not_stated_last():
    assert order(SortKey("period")) == ["T3", "T4", "T1", "T5", "T2"]
    assert order(SortKey("period", True)) == ["T5", "T1", "T4", "T3", "T2"]
    # On 2020-01-01: T3, T4, T1 completed; T5 planned; T2's status is not stated.
    assert order(SortKey("status")) == ["T1", "T3", "T4", "T5", "T2"]
    assert order(SortKey("status", True)) == ["T5", "T1", "T3", "T4", "T2"]


def test_titles_sort_without_case():
    assert order(SortKey("title"))[:2] == ["T1", "T5"]  # Alpha, alpha: tie, by ID


@pytest.mark.parametrize(
    ("query", "page"),
    [({}, Page(100, 0)), ({"limit": ["5"]}, Page(5, 0)), ({"offset": ["7"]}, Page(100, 7))],
)
def test_page_defaults_and_values(query, page):
    assert listing.read_page(query) == page


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"limit": ["0"]}, "limit"),
        ({"limit": ["1001"]}, "limit"),
        ({"limit": ["ten"]}, "limit"),
        ({"limit": ["5", "6"]}, "limit"),
        ({"offset": ["-1"]}, "offset"),
        ({"offset": ["1e3"]}, "offset"),
        ({"offset": ["٣"]}, "offset"),  # a digit, but not an ASCII one
        ({"fields": ["title_en,colour"]}, "fields"),
        ({"fields": [""]}, "fields"),
        ({"sort": ["-colour"]}, "sort"),
        ({"sort": ["budget,-budget"]}, "sort"),
    ],
)
def test_bad_values_name_their_parameter(query, parameter):
    with pytest.raises(ParameterError) as error:
        listing.read_page(query)
        listing.read_fields(query)
        listing.read_sort(query)
    assert error.value.parameter == parameter


def test_unknown_field_lists_the_accepted_ones():
    with pytest.raises(ParameterError) as error:
        listing.read_fields({"fields": ["colour"]})
    assert "'colour'" in error.value.message and "budget_yen" in error.value.message


def test_fields_keep_the_id_first_and_their_order():
    assert listing.read_fields({"fields": ["budget_yen,title_en", "budget_yen"]}) == (
        "id",
        "budget_yen",
        "title_en",
    )
    assert listing.read_fields({}) is None
    record = {"id": "T1", "title_en": "x", "budget_yen": None, "status": "ongoing"}
    assert listing.cut(record, ("id", "budget_yen")) == {"id": "T1", "budget_yen": None}
    assert listing.cut(record, None) is record


def test_sort_reads_directions():
    assert listing.read_sort({"sort": ["-budget,title"]}) == (
        SortKey("budget", True),
        SortKey("title", False),
    )


def test_the_next_page_keeps_the_filters_and_ends_on_the_last_page():
    args = [("country", "VNM"), ("offset", "0"), ("field", "water"), ("limit", "2")]
    assert listing.next_query(args, Page(2, 0), 5) == ("country=VNM&field=water&limit=2&offset=2")
    assert listing.next_query(args, Page(2, 2), 5) == "country=VNM&field=water&limit=2&offset=4"
    assert listing.next_query(args, Page(2, 4), 5) is None
    assert listing.next_query([], Page(100, 0), 100) is None
    assert listing.next_query([], Page(100, 500), 3) is None


def test_origins_setting():
    assert cors.read_origins(None) == ("*",)
    assert cors.read_origins("") == ("*",)
    assert cors.read_origins("https://a.example, http://127.0.0.1:8000/") == (
        "https://a.example",
        "http://127.0.0.1:8000",
    )
    assert cors.read_origins("https://a.example,*") == ("*",)
    assert cors.read_origins("javascript:alert(1), https://a.example/path") == ()


def test_cors_headers_echo_a_listed_origin_only():
    assert cors.cors_headers(("*",), "https://x.example")["Access-Control-Allow-Origin"] == "*"
    listed = ("https://a.example",)
    allowed = cors.cors_headers(listed, "https://a.example")
    assert allowed["Access-Control-Allow-Origin"] == "https://a.example"
    assert allowed["Vary"] == "Origin"
    other = cors.cors_headers(listed, "https://b.example")
    assert other == {"Vary": "Origin"}
    assert cors.cors_headers(listed, None) == {"Vary": "Origin"}


def test_a_preflight_says_what_may_be_asked():
    headers = cors.preflight_headers(("*",), "https://x.example")
    assert headers["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"
    assert "If-None-Match" in headers["Access-Control-Allow-Headers"]
    refused = cors.preflight_headers(("https://a.example",), "https://b.example")
    assert "Access-Control-Allow-Origin" not in refused
    assert "Access-Control-Allow-Methods" not in refused


def test_etag_follows_the_data_and_the_query():
    one = conditional.etag("v1", "/api/projects", ("a",))
    assert one == conditional.etag("v1", "/api/projects", ("a",))
    assert one != conditional.etag("v2", "/api/projects", ("a",))
    assert one != conditional.etag("v1", "/api/projects", ("b",))
    assert one != conditional.etag("v1", "/api/projects.geojson", ("a",))


def test_last_modified_is_the_data_date_or_today_when_statuses_follow_it():
    data = date(2026, 12, 1)
    assert conditional.last_modified(data, None) == datetime(2026, 12, 1, tzinfo=UTC)
    assert conditional.last_modified(data, date(2026, 12, 6)) == datetime(2026, 12, 6, tzinfo=UTC)
    assert conditional.last_modified(None, date(2026, 12, 6)) is None


def test_not_modified():
    modified = datetime(2026, 12, 6, tzinfo=UTC)
    assert conditional.not_modified("abc", modified, ['W/"abc"'], None)
    assert conditional.not_modified("abc", modified, ['"x"', '"abc"'], None)
    assert conditional.not_modified("abc", modified, ["*"], None)
    assert not conditional.not_modified("abc", modified, ['"x"'], modified)  # INM decides
    assert conditional.not_modified("abc", modified, None, modified)
    assert conditional.not_modified("abc", modified, None, datetime(2026, 12, 7))
    assert not conditional.not_modified("abc", modified, None, datetime(2026, 12, 5, tzinfo=UTC))
    assert not conditional.not_modified("abc", None, None, modified)
    assert not conditional.not_modified("abc", modified, None, None)


def test_the_setting_is_read_from_the_environment():
    from dashboard.settings import Settings

    assert Settings.from_env({}).api_origins == ("*",)
    listed = Settings.from_env({"JPP_API_ORIGINS": "https://a.example,https://b.example:8443"})
    assert listed.api_origins == ("https://a.example", "https://b.example:8443")
