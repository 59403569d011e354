"""The data's date and the coverage line, as every view shows them: plain text rules (no
Dash), so that the page, the embed, the About page and the tests share one wording."""

from __future__ import annotations

from datetime import date

from babel.dates import format_skeleton

from ..data.provenance import (
    JICA_VIET_NAM_FIRST_YEAR,
    JICA_VIET_NAM_PROJECTS,
    JICA_VIET_NAM_UNTIL,
    PROGRAMME_COUNTRIES,
    Coverage,
)
from . import Translator


def day_text(day: date, t: Translator) -> str:
    """A day in the visitor's language: 6 Dec 2026, 2026年12月6日, 6 thg 12, 2026 (the one
    way the page writes a day: ``Translator.day``)."""
    return t.day(day)


def data_date_text(day: date | None, t: Translator) -> str:
    """'Data as of 6 Dec 2026'; says so when the data names no date."""
    if day is None:
        return t("Data date not stated")
    return t("Data as of {date}", date=day_text(day, t))


def coverage_text(coverage: Coverage, t: Translator) -> str:
    """'138 projects in 26 countries; the programme runs in about 90. JICA reports 143 JPP
    projects in Viet Nam from 2002 to April 2020; this dataset has 66 of them.'

    The map's counts come from its data; the programme's are JICA's (``data.provenance``).
    Years are written as they are ("2002", never "2.002").
    """
    projects = t.plural("{count} project", "{count} projects", coverage.projects)
    countries = t.plural("{count} country", "{count} countries", coverage.countries)
    return t(
        "{projects} in {countries}; the programme runs in about {programme}. JICA reports "
        "{reported} JPP projects in Viet Nam from {first} to {until}; this dataset has {here} "
        "of them.",
        projects=projects,
        countries=countries,
        programme=t.number(PROGRAMME_COUNTRIES),
        reported=t.number(JICA_VIET_NAM_PROJECTS),
        first=str(JICA_VIET_NAM_FIRST_YEAR),
        until=format_skeleton("yMMMM", JICA_VIET_NAM_UNTIL, locale=t.locale),
        here=t.number(coverage.viet_nam),
    )
