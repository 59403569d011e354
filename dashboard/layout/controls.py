"""The filter controls' ranges, their default values, and how their values read as a filter.

Kept beside the layout that draws the controls: a slider left at its full range filters
nothing, so "unknown" values are not dropped by a control the user never touched.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..data.filters import ProjectFilter
from ..data.repository import Province
from ..i18n import Translator

# The controls in the order the page's callbacks list them (after the country).
CONTROL_KEYS = (
    "search",
    "fields",
    "partner_types",
    "schemes",
    "statuses",
    "as_of",
    "budget",
    "duration",
    "start_years",
    "keep_unknown",
    "provinces",
)

BUDGET_MAX_M = 100  # ¥ millions: the programme cap
DURATION_MAX_MONTHS = 60  # the programme's five years
FIRST_YEAR = 2000
KEEP_ALL_UNKNOWN = ["budget", "duration", "start"]
WORLD = "WORLD"  # the country selector's value for the world overview
JAPAN = "JAPAN"  # ... and for the view from Japan: where the partners are based
OVERVIEWS = (WORLD, JAPAN)  # views over every country's projects


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


def _texts(values: object) -> tuple[str, ...]:
    """Ticked values; anything a control cannot send (a forged request) is ignored."""
    if not isinstance(values, list | tuple):
        return ()
    return tuple(value for value in values if isinstance(value, str))


def _pair(values: object, default: list[int]) -> list[int]:
    """A slider's [low, high]; its full range (no filter) if it is not two numbers."""
    if (
        isinstance(values, list | tuple)
        and len(values) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    ):
        return [int(values[0]), int(values[1])]
    return default


def _day(value: object) -> date | None:
    """The "as of" input's date; none (today) if it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


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
    budget = _pair(budget, [0, BUDGET_MAX_M])
    duration = _pair(duration, [0, DURATION_MAX_MONTHS])
    start_years = _pair(start_years, [FIRST_YEAR, today.year])
    keep = set(_texts(keep_unknown))
    country = country if isinstance(country, str) else None
    return ProjectFilter(
        country=(country,) if country and country not in OVERVIEWS else (),
        field=_texts(fields),
        partner_type=_texts(partner_types),
        scheme=_texts(schemes),
        status=_texts(statuses),
        province=_texts(provinces),
        as_of=_day(as_of),
        budget_min=budget[0] * 1_000_000 if budget[0] > 0 else None,
        budget_max=budget[1] * 1_000_000 if budget[1] < BUDGET_MAX_M else None,
        duration_min=duration[0] if duration[0] > 0 else None,
        duration_max=duration[1] if duration[1] < DURATION_MAX_MONTHS else None,
        start_from=start_years[0] if start_years[0] > FIRST_YEAR else None,
        start_to=start_years[1] if start_years[1] < today.year else None,
        keep_unknown_budget="budget" in keep,
        keep_unknown_duration="duration" in keep,
        keep_unknown_start="start" in keep,
        q=search.strip() if isinstance(search, str) else "",
    )


def controls_from_filter(spec: ProjectFilter, today: date) -> dict[str, object]:
    """The control values that show this filter: the inverse of ``filter_from_controls``."""
    keep = [
        name
        for name, kept in (
            ("budget", spec.keep_unknown_budget),
            ("duration", spec.keep_unknown_duration),
            ("start", spec.keep_unknown_start),
        )
        if kept
    ]
    return {
        "search": spec.q,
        "fields": list(spec.field),
        "partner_types": list(spec.partner_type),
        "schemes": list(spec.scheme),
        "statuses": list(spec.status),
        "as_of": (spec.as_of or today).isoformat(),
        "budget": [
            min(BUDGET_MAX_M, (spec.budget_min or 0) // 1_000_000),
            min(BUDGET_MAX_M, -(-(spec.budget_max or BUDGET_MAX_M * 1_000_000) // 1_000_000)),
        ],
        "duration": [
            min(DURATION_MAX_MONTHS, spec.duration_min or 0),
            min(DURATION_MAX_MONTHS, spec.duration_max or DURATION_MAX_MONTHS),
        ],
        "start_years": [
            max(FIRST_YEAR, spec.start_from or FIRST_YEAR),
            min(today.year, spec.start_to or today.year),
        ],
        "keep_unknown": keep,
        "provinces": list(spec.province),
    }


def province_choices(provinces: Iterable[Province], t: Translator) -> list[dict[str, str]]:
    """The province filter's choices for a country, named in the visitor's language."""
    return [{"label": t.province(p), "value": p.code} for p in provinces]
