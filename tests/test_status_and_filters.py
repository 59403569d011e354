"""Status from dates against "as of", and every filter facet, on generated records."""

from datetime import date

import pytest

from dashboard.data.filters import ProjectFilter, select

from .factories import fake_project, fake_store


def statuses(store, as_of):
    return dict(
        zip(store.frame["id"], select(store, ProjectFilter(as_of=as_of)).statuses, strict=True)
    )


@pytest.fixture(scope="module")
def store():
    return fake_store(
        fake_project("A", start="2016-02", end="2019-02", budget=50_000_000),
        fake_project(
            "B", start="FY2003", end="FY2005", fields=("health",), partner_type="university"
        ),
        fake_project("C", start="2022-02", fields=("education", "water"), scheme="support"),
        fake_project("D", observed="Completed (by 2021-02)", admin1="VN-HN", partner_type=None),
        fake_project("E", start="2015", end="2017", status_set="cancelled", budget=9_000_000),
        fake_project("F", observed="Ongoing at 2019-01", country="LAO", admin1="LA-VT"),
        fake_project("G", start="2021-03", observed="Ongoing"),
        fake_project("H", observed="Completed"),
    )


def test_status_follows_the_as_of_date(store):
    assert statuses(store, date(2020, 4, 1)) == {
        "A": "completed",
        "B": "completed",
        "C": "planned",
        "D": "unknown",
        "E": "cancelled",
        "F": "unknown",
        "G": "planned",
        "H": "unknown",
    }
    assert statuses(store, date(2017, 6, 1))["A"] == "ongoing"
    assert statuses(store, date(2016, 1, 31))["A"] == "planned"
    # FY2005 ends on 31 March 2006.
    assert statuses(store, date(2006, 3, 31))["B"] == "ongoing"
    assert statuses(store, date(2006, 4, 1))["B"] == "completed"


def test_observations_and_the_five_year_maximum(store):
    assert statuses(store, date(2021, 3, 1))["D"] == "completed"
    assert statuses(store, date(2019, 1, 15))["F"] == "ongoing"
    # Started, end not stated: it may have ended already, so the page says "not stated".
    assert statuses(store, date(2024, 1, 1))["C"] == "unknown"
    assert statuses(store, date(2027, 3, 1))["C"] == "completed"  # beyond five years


def ids_for(store, **options):
    selection = select(store, ProjectFilter(as_of=date(2020, 4, 1), **options))
    return sorted(store.frame["id"][selection.mask])


def test_facets_or_within_and_across(store):
    assert ids_for(store, field=("health", "education")) == ["B", "C"]
    assert ids_for(store, field=("water",), scheme=("support",)) == ["C"]
    assert ids_for(store, partner_type=("university",)) == ["B"]
    assert ids_for(store, country=("LAO",)) == ["F"]
    assert ids_for(store, province=("VN-HN",)) == ["D"]
    assert ids_for(store, status=("completed", "cancelled")) == ["A", "B", "E"]


def test_unknown_budget_stays_unless_excluded(store):
    assert ids_for(store, budget_min=10_000_000) == ["A", "B", "C", "D", "F", "G", "H"]
    assert ids_for(store, budget_min=10_000_000, keep_unknown_budget=False) == ["A"]
    assert ids_for(store, budget_max=9_500_000, keep_unknown_budget=False) == ["E"]


def test_start_year_and_duration(store):
    assert ids_for(store, start_from=2015, start_to=2016, keep_unknown_start=False) == ["A", "E"]
    assert ids_for(store, start_from=2021, keep_unknown_start=False) == ["C", "G"]
    # FY2003–FY2005 is 36 months; 2016-02 to 2019-02 is 37.
    assert ids_for(store, duration_max=36, keep_unknown_duration=False) == ["B", "E"]
    assert ids_for(store, duration_min=37) == ["A", "C", "D", "F", "G", "H"]


def test_search_is_case_and_accent_insensitive():
    store = fake_store(
        fake_project("X", title="Nước sạch cho Huế"), fake_project("Y", title="Other")
    )
    assert ids_for(store, q="HUE") == ["X"]
    assert ids_for(store, q="nuoc hue") == ["X"]
    assert ids_for(store, q="nothing-like-this") == []


def test_undated_observations(store):
    # "Ongoing" with no date tells nothing; the five-year maximum still ends it.
    assert statuses(store, date(2024, 1, 1))["G"] == "unknown"
    assert statuses(store, date(2026, 4, 1))["G"] == "completed"
    # "Completed" with no date holds from the day the record was last checked (2026-11-22).
    assert statuses(store, date(2026, 11, 21))["H"] == "unknown"
    assert statuses(store, date(2026, 11, 22))["H"] == "completed"
