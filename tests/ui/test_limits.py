"""What a callback input may be (ui/limits.py and the regions' limits): fast, no app."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from dashboard.ui.filter_panel.controls import (
    FILTER_CONTROLS,
    FILTER_INPUT_LIMITS,
    MAX_CODE_CHARS,
    MAX_SEARCH_CHARS,
    MAX_TICKED,
    filter_from_controls,
)
from dashboard.ui.limits import MAX_BODY_DEPTH, InputLimit, deeper_than, value_problem
from dashboard.ui.wiring import CALLBACK_INPUT_LIMITS

TODAY = date(2026, 12, 6)


def test_a_value_within_its_limit_passes():
    limit = InputLimit(chars=5, items=2, depth=2)
    for value in (None, 3, "abcde", ["ab", "cd"], {"a": [1, 2]}, [[1, 2]], True):
        assert value_problem(value, limit) is None, value


def test_a_value_over_its_limit_says_why():
    limit = InputLimit(chars=5, items=2, depth=2)
    assert value_problem("abcdef", limit) == "has a text longer than 5 characters"
    assert value_problem(["a", "b", "c"], limit) == "has more than 2 items"
    assert value_problem([[["a"]]], limit) == "is nested deeper than 2"
    assert value_problem({"abcdef": 1}, limit) == "has a text longer than 5 characters"
    assert value_problem({"a": ["abcdefg"]}, limit) == "has a text longer than 5 characters"


def test_depth_is_measured_without_recursion():
    deep: object = "a"
    for _ in range(100_000):
        deep = [deep]
    assert deeper_than(deep, MAX_BODY_DEPTH)
    assert value_problem(deep, InputLimit()) is not None
    assert not deeper_than({"a": [1, {"b": 2}]}, 3)
    assert deeper_than({"a": [1, {"b": [2]}]}, 3)


def test_the_search_box_takes_what_the_api_takes():
    assert MAX_SEARCH_CHARS == 200
    assert FILTER_INPUT_LIMITS[("filter-search", "value")].chars == 200


def test_every_control_has_a_limit_and_lists_hold_more_than_any_choice():
    controls = {(component, "value") for component in FILTER_CONTROLS.values()}
    assert controls == set(FILTER_INPUT_LIMITS) and controls <= set(CALLBACK_INPUT_LIMITS)
    assert MAX_TICKED >= 83  # the Philippines' provinces, the longest list of choices


@given(st.text(max_size=600))
def test_the_filter_never_holds_more_search_text_than_the_box(text):
    assert len(filter_from_controls({"search": text}, TODAY).q) <= MAX_SEARCH_CHARS


def test_forged_lists_and_codes_filter_as_the_controls_could():
    spec = filter_from_controls(
        {
            "country": "X" * (MAX_CODE_CHARS + 1),
            "fields": ["water"] * 1000 + ["health"],
            "provinces": ["P" * 100, "VN-26"],
            "as_of": "2020-01-01" + "x" * 100,
        },
        TODAY,
    )
    assert spec.country == ()  # no country: the default map's filter
    assert spec.field == ("water",)  # once, and nothing past the most a control offers
    assert spec.province == ("VN-26",)
    assert spec.as_of is None
