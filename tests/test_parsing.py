"""The text parsers read what real project lists say, exactly, and refuse what they can't."""

from datetime import date

import pytest

from dashboard.data.parsing import (
    duration_hint_months,
    end_from_duration,
    parse_budget,
    parse_fields,
    parse_fuzzy_date,
    parse_observed_status,
    parse_period,
    parse_scheme,
)


@pytest.mark.parametrize(
    ("text", "earliest", "latest", "precision", "qualifier", "label"),
    [
        ("FY2003", date(2003, 4, 1), date(2004, 3, 31), "fiscal_year", None, "FY2003"),
        ("FY2005 (H17)", date(2005, 4, 1), date(2006, 3, 31), "fiscal_year", None, "FY2005"),
        ("H26", date(2014, 4, 1), date(2015, 3, 31), "fiscal_year", None, "FY2014"),
        ("平成26年度", date(2014, 4, 1), date(2015, 3, 31), "fiscal_year", None, "FY2014"),
        ("R3", date(2021, 4, 1), date(2022, 3, 31), "fiscal_year", None, "FY2021"),
        ("2014 (H26)", date(2014, 4, 1), date(2015, 3, 31), "fiscal_year", None, "FY2014"),
        ("2015 (pre-survey Aug 2015)", date(2015, 1, 1), date(2015, 12, 31), "year", None, "2015"),
        ("2013-12", date(2013, 12, 1), date(2013, 12, 31), "month", None, "2013-12"),
        ("2016年2月", date(2016, 2, 1), date(2016, 2, 29), "month", None, "2016-02"),
        ("２０１６年２月", date(2016, 2, 1), date(2016, 2, 29), "month", None, "2016-02"),
        ("2008-08-13", date(2008, 8, 13), date(2008, 8, 13), "day", None, "2008-08-13"),
        (
            "2019-02 (ended 2019-02-14)",
            date(2019, 2, 1),
            date(2019, 2, 28),
            "month",
            None,
            "2019-02",
        ),
        (
            "2010-10 (likely)",
            date(2010, 10, 1),
            date(2010, 10, 31),
            "month",
            "likely",
            "2010-10 (likely)",
        ),
        (
            "2016 (planned)",
            date(2016, 1, 1),
            date(2016, 12, 31),
            "year",
            "planned",
            "2016 (planned)",
        ),
        ("~2019 (3 years)", date(2019, 1, 1), date(2019, 12, 31), "year", "approximate", "~2019"),
    ],
)
def test_dates_keep_their_precision(text, earliest, latest, precision, qualifier, label):
    parsed = parse_fuzzy_date(text)
    assert (parsed.earliest, parsed.latest, parsed.precision) == (earliest, latest, precision)
    assert parsed.qualifier == qualifier
    assert parsed.label == label
    assert parsed.text == text


@pytest.mark.parametrize("text", ["", "(not in excerpt)", None, "不明"])
def test_unstated_dates_stay_empty(text):
    assert parse_fuzzy_date(text) is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("before 2015-04", "'before 2015-04' is a bound, not a date"),
        ("2019-13", "'2019-13' is not a real date (month must be in 1..12)"),
        ("soon", "'soon' is not a date (expected e.g. 2016-02, FY2014, H26 or 2016年2月)"),
    ],
)
def test_unreadable_dates_are_refused_with_the_value(text, message):
    with pytest.raises(ValueError) as error:
        parse_fuzzy_date(text)
    assert str(error.value) == message


def test_japanese_period_range():
    start, end = parse_period("2016年2月～2019年2月")
    assert (start.earliest, end.latest) == (date(2016, 2, 1), date(2019, 2, 28))


@pytest.mark.parametrize(
    ("text", "yen", "kind"),
    [
        ("10,000,000", 10_000_000, "stated"),
        ("57,113,000 (estimate)", 57_113_000, "estimate"),
        ("~47,000,000", 47_000_000, "approximate"),
        ("21,108,000 (year-1 contract)", 21_108_000, "partial"),
        ("2,224,000 (FY2008 actual)", 2_224_000, "partial"),
        ("<= 60,000,000", 60_000_000, "upper_bound"),
        ("39,000,000 (currency id 3 ~ JPY at Rp130)", 39_000_000, "approximate"),
        ("18,431千円", 18_431_000, "stated"),
        ("４５百万円", 45_000_000, "stated"),
        ("9,999,000 (planned)", 9_999_000, "estimate"),
    ],
)
def test_budgets_in_yen_with_their_kind(text, yen, kind):
    budget = parse_budget(text)
    assert (budget.yen, budget.kind, budget.text) == (yen, kind, text)


def test_several_amounts_are_refused():
    with pytest.raises(ValueError, match="lists several amounts; state the total"):
        parse_budget("Yr1 5,143,000; Yr2 17,941,000; Yr3 15,448,000")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Regional Revitalization Special Framework (地域活性化特別枠)", "regional_revitalization"),
        ("Local Government Type (地域提案型; adopted FY2012/H24)", "local_government"),
        ("Partner Type (草の根パートナー型)", "partner"),
        ("Support Type (草の根技協(支援型))", "support"),
        ("草の根協力支援型", "support"),
        ("(not labelled in excerpt)", None),
        ("Follow-up cooperation under JPP (not a new JPP project)", None),
    ],
)
def test_schemes(text, key):
    assert parse_scheme(text) == key


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        ("Water supply / NRW", ("water",)),
        ("Sewerage / environmental education", ("water", "environment")),
        ("Health / elderly care", ("health", "social_welfare")),
        ("Disaster risk reduction (landslides, floods)", ("disaster",)),
        ("Peacebuilding / culture / mine action", ("governance", "tourism_culture")),
        ("Agriculture / handicrafts / tourism", ("agriculture", "industry", "tourism_culture")),
    ],
)
def test_fields_follow_the_vocabulary(text, fields):
    assert parse_fields(text) == fields


def test_observed_status_with_its_date():
    assert parse_observed_status("Ongoing at 2019-01 (mid-term report)") == (
        "ongoing",
        date(2019, 1, 31),
    )
    assert parse_observed_status("Completed (by 2021-02)") == ("completed", date(2021, 2, 28))
    assert parse_observed_status("Completed") == ("completed", None)
    assert parse_observed_status("") is None


def test_an_end_given_as_a_length_from_the_start():
    assert duration_hint_months("~2026 (4 yrs 8 months)") == 56
    assert duration_hint_months("~2019 (3 years)") == 36
    assert duration_hint_months("2019-02 (ended 2019-02-14)") is None
    end = end_from_duration(parse_fuzzy_date("2022-02"), 56, "~2026 (4 yrs 8 months)")
    assert (end.earliest, end.latest, end.label) == (
        date(2026, 9, 1),
        date(2026, 9, 30),
        "~2026-09",
    )
