"""The filter controls' ranges, their default values, and how their values read as a filter.

Kept beside the layout that draws the controls: a slider left at its full range filters
nothing, so "unknown" values are not dropped by a control the user never touched.
"""

from __future__ import annotations

from datetime import date

from ..data.filters import ProjectFilter

BUDGET_MAX_M = 100  # ¥ millions: the programme cap
DURATION_MAX_MONTHS = 60  # the programme's five years
FIRST_YEAR = 2000
KEEP_ALL_UNKNOWN = ["budget", "duration", "start"]


def default_values(today: date) -> dict[str, object]:
    """What every filter control shows on a first visit and after a reset."""
    return {
        "search": "",
        "fields": [],
        "partner_types": [],
        "schemes": [],
        "statuses": [],
        "as_of": today.isoformat(),
        "budget": [0, BUDGET_MAX_M],
        "duration": [0, DURATION_MAX_MONTHS],
        "start_years": [FIRST_YEAR, today.year],
        "keep_unknown": list(KEEP_ALL_UNKNOWN),
        "provinces": [],
    }


def filter_from_controls(
    country: str | None,
    search: str | None,
    fields: list[str] | None,
    partner_types: list[str] | None,
    schemes: list[str] | None,
    statuses: list[str] | None,
    as_of: str | None,
    budget: list[int] | None,
    duration: list[int] | None,
    start_years: list[int] | None,
    keep_unknown: list[str] | None,
    provinces: list[str] | None,
    today: date | None = None,
) -> ProjectFilter:
    today = today or date.today()
    budget = budget or [0, BUDGET_MAX_M]
    duration = duration or [0, DURATION_MAX_MONTHS]
    start_years = start_years or [FIRST_YEAR, today.year]
    keep = set(keep_unknown or ())
    return ProjectFilter(
        country=(country,) if country else (),
        field=tuple(fields or ()),
        partner_type=tuple(partner_types or ()),
        scheme=tuple(schemes or ()),
        status=tuple(statuses or ()),
        province=tuple(provinces or ()),
        as_of=date.fromisoformat(as_of[:10]) if as_of else None,
        budget_min=budget[0] * 1_000_000 if budget[0] > 0 else None,
        budget_max=budget[1] * 1_000_000 if budget[1] < BUDGET_MAX_M else None,
        duration_min=duration[0] if duration[0] > 0 else None,
        duration_max=duration[1] if duration[1] < DURATION_MAX_MONTHS else None,
        start_from=start_years[0] if start_years[0] > FIRST_YEAR else None,
        start_to=start_years[1] if start_years[1] < today.year else None,
        keep_unknown_budget="budget" in keep,
        keep_unknown_duration="duration" in keep,
        keep_unknown_start="start" in keep,
        q=(search or "").strip(),
    )
