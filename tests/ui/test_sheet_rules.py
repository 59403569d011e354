"""The rules behind the filter sheet, the notes beside the filters, "as of" a month or a
fiscal year, and the one request per filter change (fast: no browser)."""

from __future__ import annotations

from datetime import date

import pytest
from dash import no_update

from dashboard.data.filter_query import AsOf, ParameterError, parse_filter, read_as_of
from dashboard.i18n import translator
from dashboard.ui import ids
from dashboard.ui.filter_panel.callbacks import outputs_of
from dashboard.ui.filter_panel.controls import (
    as_of_note,
    default_values,
    filter_from_controls,
    range_controls,
)
from dashboard.ui.filter_panel.transitions import (
    NextView,
    Surroundings,
    next_view,
    search_after_filter,
)
from dashboard.ui.summary_panel.rules import (
    RangeCount,
    notes_by_control,
    sheet_text,
    unknown_note,
)
from dashboard.ui.view_state import ViewState

TODAY = date(2026, 12, 6)


# --- The sheet's live count and its button -------------------------------------------------


def test_the_sheet_says_how_many_of_how_many_and_offers_to_show_them():
    t = translator("en")
    assert sheet_text(66, 15, t).count == "66 → 15 projects"
    assert sheet_text(66, 15, t).button == "Show 15 projects"
    assert sheet_text(66, 1, t).count == "66 → 1 project"  # singular
    assert sheet_text(66, 1, t).button == "Show 1 project"
    assert sheet_text(66, 66, t).count == "66 projects"  # no filter: no arrow
    assert sheet_text(1, 1, t).count == "1 project"
    empty = sheet_text(66, 0, t)
    # Nothing matching is said once, by the empty state beside the map (issue 12's review).
    assert (empty.count, empty.button) == ("66 → 0 projects", "Back to the map")


def test_the_sheet_speaks_the_pages_language_and_writes_its_numbers():
    ja, vi = translator("ja"), translator("vi")
    assert sheet_text(1234, 15, ja).count == "1,234 → 15件"
    assert sheet_text(1234, 15, ja).button == "15件を表示"
    assert sheet_text(66, 0, ja).count == "66 → 0件"  # the empty state says none matches
    assert sheet_text(1234, 15, vi).count == "1.234 → 15 dự án"
    assert sheet_text(1234, 15, vi).button == "Hiện 15 dự án"


# --- What each filter did, beside it --------------------------------------------------------


def test_each_range_and_the_status_filter_have_their_own_note():
    t = translator("en")
    counts = [RangeCount("budget", 50_000_000, None, 0, 29)]
    notes = notes_by_control(counts, 3, t)
    assert notes["budget"] == "0 state a budget of ¥50,000,000–…; 29 more state none"
    assert (notes["duration"], notes["start"]) == ("", "")
    assert notes["status"] == "3 projects whose status is not stated are left out"
    assert notes_by_control([], 0, t)["status"] == ""
    # The summary says the same, next to its count.
    assert unknown_note(counts, 3, t) == [notes["budget"], notes["status"]]


def test_each_range_keeps_its_own_choice_and_names_its_handles():
    t = translator("ja")
    specs = {spec.facet: spec for spec in range_controls(TODAY, t)}
    assert list(specs) == ["budget", "duration", "start"]
    assert (specs["budget"].minimum, specs["budget"].maximum) == ("予算（下限）", "予算（上限）")
    assert specs["start"].high == TODAY.year
    values = {"country": "VNM", **default_values(TODAY), "keep_duration": []}
    spec = filter_from_controls(values, today=TODAY)
    assert (spec.keep_unknown_budget, spec.keep_unknown_duration, spec.keep_unknown_start) == (
        True,
        False,
        True,
    )


# --- "As of" a day, a month or a fiscal year --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "precision"),
    [
        ("2024-06-30", date(2024, 6, 30), "day"),
        ("2024/6/30", date(2024, 6, 30), "day"),
        ("2024年6月30日", date(2024, 6, 30), "day"),
        ("2024-06", date(2024, 6, 30), "month"),
        ("2024-02", date(2024, 2, 29), "month"),  # a leap year's February
        ("2024年6月", date(2024, 6, 30), "month"),
        ("FY2024", date(2025, 3, 31), "fiscal_year"),  # 1 April 2024 - 31 March 2025
        ("fy 2024", date(2025, 3, 31), "fiscal_year"),
        ("2024年度", date(2025, 3, 31), "fiscal_year"),
        ("２０２４年度", date(2025, 3, 31), "fiscal_year"),  # full-width digits
        ("令和6年度", date(2025, 3, 31), "fiscal_year"),
        ("R6年度", date(2025, 3, 31), "fiscal_year"),
        (" 2024-06 ", date(2024, 6, 30), "month"),
    ],
)
def test_as_of_reads_a_day_a_month_or_a_fiscal_year_as_its_last_day(text, day, precision):
    assert read_as_of(text) == AsOf(day, precision)


@pytest.mark.parametrize("text", ["2024", "FY24", "2024-13", "2024-02-30", "abc", "2024-06-30x"])
def test_as_of_refuses_what_is_not_one(text):
    with pytest.raises(ValueError, match="not"):
        read_as_of(text)


def test_the_api_reads_as_of_as_the_page_does_and_names_the_parameter_when_it_cannot():
    assert parse_filter({"as_of": ["2024年度"]}).as_of == date(2025, 3, 31)
    assert parse_filter({"as_of": ["2024-06"]}).as_of == date(2024, 6, 30)
    assert parse_filter({}).as_of is None
    with pytest.raises(ParameterError) as error:
        parse_filter({"as_of": ["2024"]})
    assert error.value.parameter == "as_of"
    assert "FY2024" in error.value.message  # says what it takes


def test_the_as_of_box_says_which_day_it_read():
    en, ja = translator("en"), translator("ja")
    assert as_of_note("2024年度", en) == (
        "Statuses on 31 Mar 2025, the last day of FY2024 (1 April – 31 March)"
    )
    assert "2024年度" in as_of_note("FY2024", ja) and "2025年3月31日" in as_of_note("FY2024", ja)
    assert as_of_note("2024-06", en) == "Statuses on 30 Jun 2024, the last day of that month"
    assert as_of_note("2024-06-30", en) == ""  # a day needs no word
    assert as_of_note("", en) == ""
    assert as_of_note("someday", en).startswith("Not read, so statuses are today's")
    spec = filter_from_controls({"country": "VNM", "as_of": "2024年度"}, today=TODAY)
    assert spec.as_of == date(2025, 3, 31)
    assert filter_from_controls({"as_of": "someday"}, today=TODAY).as_of is None  # today


# --- One request per filter change ----------------------------------------------------------


@pytest.fixture
def around(boundaries):
    return Surroundings(TODAY, "en", boundaries, "VNM", frozenset())


def test_a_filter_change_writes_the_url_in_the_maps_answer(around):
    state = ViewState("VNM", controls={**default_values(TODAY), "fields": ["water"]})
    assert search_after_filter(ids.FIELD, state, around) == "?country=VNM&field=water&lang=en"
    # The same address next_view gives: one rule, two callers.
    same = next_view(ids.FIELD, state, around).search
    assert search_after_filter(ids.FIELD, state, around) == same
    selected = ViewState("VNM", controls=default_values(TODAY), place={"province": "VN-26"})
    assert search_after_filter(ids.BUDGET, selected, around) == "?country=VNM&at=VN-26&lang=en"
    # Anything else is the view's owner's to write: a country rewrites the controls.
    for trigger in (ids.COUNTRY, ids.URL, ids.RESET, ids.MAP, ids.BOUNDARY_LAYER, ids.MAP_SIZE):
        assert search_after_filter(trigger, state, around) is None


def test_from_a_link_only_the_controls_that_change_are_set():
    wanted = ViewState("VNM", controls={**default_values(TODAY), "fields": ["water"]})
    shown = {"country": ["VNM"], "layer": "implemented", **default_values(TODAY)}
    outputs = outputs_of(NextView(state=wanted), shown)
    changed = {name for name, value in outputs["controls"].items() if value is not no_update}
    assert changed == {"fields"}
    assert outputs["layer"] is no_update
    assert outputs["controls"]["fields"] == ["water"]
