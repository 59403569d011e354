"""The filter controls' ranges, their default values, and how their values read as a filter
(pure: plain values in, plain values out; no Dash).

Kept beside the layout that draws the controls: a slider left at its full range filters
nothing, so "unknown" values are not dropped by a control the user never touched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ...data import vocab
from ...data.filter_query import AS_OF_EXAMPLE_FORMS, MAX_QUERY_CHARS, AsOf, read_as_of
from ...data.filters import ProjectFilter
from ...data.loading import fold
from ...data.model import FuzzyDate
from ...data.place_levels import other_names
from ...data.repository import Province
from ...i18n import Translator
from .. import ids
from ..limits import InputLimit

# Every filter control: its name in the page's rules and its component. The order is the
# order of the callbacks' inputs (the request body Dash sends).
FILTER_CONTROLS: dict[str, str] = {
    "country": ids.COUNTRY,
    "search": ids.SEARCH,
    "fields": ids.FIELD,
    "partner_types": ids.PARTNER_TYPE,
    "schemes": ids.SCHEME,
    "statuses": ids.STATUS,
    "as_of": ids.AS_OF,
    "budget": ids.BUDGET,
    "duration": ids.DURATION,
    "start_years": ids.START_YEARS,
    "keep_budget": ids.KEEP_BUDGET,
    "keep_duration": ids.KEEP_DURATION,
    "keep_start": ids.KEEP_START,
    "provinces": ids.PROVINCE,
}
# The controls a reset or a link sets besides the country.
CONTROL_KEYS = tuple(key for key in FILTER_CONTROLS if key != "country")
YEN_PER_MILLION = 1_000_000  # the budget slider is in ¥ millions

BUDGET_MAX_M = 100  # ¥ millions: the programme cap
DURATION_MAX_MONTHS = 60  # the programme's five years
FIRST_YEAR = 2000
# Each range's "keep projects whose value is not stated" tick box, beside its slider: its
# control's name and the value it sends when ticked.
KEEP_CONTROLS = {"keep_budget": "budget", "keep_duration": "duration", "keep_start": "start"}
WORLD = "WORLD"  # the country selector's value for the world overview
JAPAN = "JAPAN"  # ... and for the view from Japan: where the partners are based
OVERVIEWS = (WORLD, JAPAN)  # views over every country's projects
# Several countries at once are one view, named as the API names them: "KHM,LAO".
SEVERAL = ","
MAX_COUNTRIES = len(vocab.COUNTRIES) + len(OVERVIEWS)  # the most the selector can send


# What the controls can send (the callback guard answers 400 for more): the search box takes
# what the API's ``q`` takes (its ``maxLength``), a list control at most as many ticks as any
# control offers choices (the Philippines' 83 provinces), each a short code; a slider two numbers.
MAX_SEARCH_CHARS = MAX_QUERY_CHARS
MAX_TICKED = 120
MAX_CODE_CHARS = 32  # a country or province code, a vocabulary key, an ISO date
MAX_AS_OF_CHARS = MAX_CODE_CHARS  # 2024-06-30, 2024年6月30日, 令和6年度
_CODE = InputLimit(chars=MAX_CODE_CHARS, items=0, depth=0)
_TICKED = InputLimit(chars=MAX_CODE_CHARS, items=MAX_TICKED, depth=1)
_RANGE = InputLimit(chars=0, items=2, depth=1)
FILTER_INPUT_LIMITS: dict[tuple[str, str], InputLimit] = {
    (ids.COUNTRY, "value"): InputLimit(chars=MAX_CODE_CHARS, items=MAX_COUNTRIES, depth=1),
    (ids.SEARCH, "value"): InputLimit(chars=MAX_SEARCH_CHARS, items=0, depth=0),
    (ids.FIELD, "value"): _TICKED,
    (ids.PARTNER_TYPE, "value"): _TICKED,
    (ids.SCHEME, "value"): _TICKED,
    (ids.STATUS, "value"): _TICKED,
    (ids.AS_OF, "value"): _CODE,
    (ids.BUDGET, "value"): _RANGE,
    (ids.DURATION, "value"): _RANGE,
    (ids.START_YEARS, "value"): _RANGE,
    (ids.KEEP_BUDGET, "value"): _TICKED,
    (ids.KEEP_DURATION, "value"): _TICKED,
    (ids.KEEP_START, "value"): _TICKED,
    (ids.PROVINCE, "value"): _TICKED,
}


def view_key(value: object) -> str:
    """The view the country selector's value asks for: an overview, one country, or several
    joined by ``SEVERAL``. The selector adds a choice at the end of its list: an overview
    added last replaces the countries, a country added to an overview replaces it, and
    nothing chosen is the world. Anything a selector cannot send is left out."""
    if isinstance(value, str):
        value = value.split(SEVERAL)
    if not isinstance(value, list | tuple):
        return WORLD
    codes = [v for v in value[:MAX_COUNTRIES] if isinstance(v, str) and 0 < len(v) <= 8]
    codes = list(dict.fromkeys(codes))
    if codes and codes[-1] in OVERVIEWS:
        return codes[-1]
    countries = [code for code in codes if code not in OVERVIEWS]
    return SEVERAL.join(countries) if countries else WORLD


def countries_of(view: str) -> tuple[str, ...]:
    """The countries a view shows; none for an overview (every country's projects)."""
    return () if view in OVERVIEWS else tuple(view.split(SEVERAL))


def is_several(view: str) -> bool:
    return SEVERAL in view


def selector_value(view: str) -> list[str]:
    """What the country selector shows for a view: its choices, in order."""
    return list(view.split(SEVERAL))


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
        **{name: [value] for name, value in KEEP_CONTROLS.items()},
        "provinces": [],
    }


def _texts(values: object) -> tuple[str, ...]:
    """Ticked values, each once; anything a control cannot send (a forged request: not a
    string, a text longer than a code, more ticks than a control has) is ignored."""
    if not isinstance(values, list | tuple):
        return ()
    texts = (v for v in values[:MAX_TICKED] if isinstance(v, str) and len(v) <= MAX_CODE_CHARS)
    return tuple(dict.fromkeys(texts))


def _pair(values: object, default: list[int]) -> list[int]:
    """A slider's [low, high]; its full range (no filter) if it is not two numbers."""
    if (
        isinstance(values, list | tuple)
        and len(values) == 2
        and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
    ):
        return [int(values[0]), int(values[1])]
    return default


def _as_of(value: object) -> AsOf | None:
    """The "as of" box as read (a day, a month or a fiscal year); None (today) if it is empty
    or not one of them."""
    if not isinstance(value, str) or len(value) > MAX_AS_OF_CHARS:
        return None
    try:
        return read_as_of(value)
    except ValueError:
        return None


def as_of_words(value: object) -> str | None:
    """The "as of" box's text as the visitor wrote it ("2024年度", "FY2024", "2024-06"),
    trimmed, when it reads as a day, a month or a fiscal year; None otherwise. The link keeps
    these words (and the box shows them again on load), not the day they are read as."""
    if _as_of(value) is None or not isinstance(value, str):
        return None
    return value.strip()


def _day(value: object) -> date | None:
    reading = _as_of(value)
    return reading.day if reading else None


def as_of_examples(t: Translator) -> str:
    """What the "as of" box takes, one of each form, listed in the page's language:
    "2024-06-30, 2024-06, FY2024 or 2024年度", "…、FY2024、または2024年度", "… hoặc …"."""
    return t.any_of(AS_OF_EXAMPLE_FORMS)


def as_of_note(value: object, t: Translator) -> str:
    """Under the "as of" box: the day a month or a fiscal year is read as (its last day), or
    that the text was not read (statuses are then today's); nothing for a day."""
    if isinstance(value, str) and not value.strip():
        return ""
    reading = _as_of(value)
    if reading is None:
        return t(
            "Not read, so statuses are today's: write a day, a month or a fiscal year, "
            "e.g. {examples}",
            examples=as_of_examples(t),
        )
    if reading.precision == "month":
        return t("Statuses on {day}, the last day of that month", day=t.day(reading.day))
    if reading.precision == "fiscal_year":
        year = reading.day.year - 1
        fiscal = FuzzyDate(date(year, 4, 1), reading.day, "fiscal_year")
        return t(
            "Statuses on {day}, the last day of {fiscal_year} (1 April – 31 March)",
            day=t.day(reading.day),
            fiscal_year=t.fuzzy_date(fiscal),
        )
    return ""


@dataclass(frozen=True)
class RangeControl:
    """A range filter as the panel draws it: slider, its handles' names, and its keep box."""

    facet: str  # "budget", "duration", "start": as the summary's range counts name it
    control_id: str
    keep_id: str
    note_id: str
    low: int
    high: int
    marks: list[int]
    label: str
    minimum: str  # the lower handle's name for screen readers
    maximum: str
    keep_label: str


def range_controls(today: date, t: Translator) -> list[RangeControl]:
    """The three range filters, in the page's language."""
    years = list(range(FIRST_YEAR, today.year + 1, 5))
    return [
        RangeControl(
            "budget",
            ids.BUDGET,
            ids.KEEP_BUDGET,
            ids.BUDGET_NOTE,
            0,
            BUDGET_MAX_M,
            [0, 10, 30, 60, 100],
            t("Budget (¥ million)"),
            t("Budget, minimum"),
            t("Budget, maximum"),
            t("Keep projects whose budget is not stated"),
        ),
        RangeControl(
            "duration",
            ids.DURATION,
            ids.KEEP_DURATION,
            ids.DURATION_NOTE,
            0,
            DURATION_MAX_MONTHS,
            [0, 12, 24, 36, 60],
            t("Duration (months)"),
            t("Duration, minimum"),
            t("Duration, maximum"),
            t("Keep projects whose duration is not stated"),
        ),
        RangeControl(
            "start",
            ids.START_YEARS,
            ids.KEEP_START,
            ids.START_NOTE,
            FIRST_YEAR,
            today.year,
            years,
            t("Start year"),
            t("Start year, earliest"),
            t("Start year, latest"),
            t("Keep projects whose start is not stated"),
        ),
    ]


def filter_from_controls(values: Mapping[str, object], today: date | None = None) -> ProjectFilter:
    """The filter the controls show. ``values`` maps ``FILTER_CONTROLS``' names to what the
    page sent; a missing or malformed value (a forged request) filters nothing."""
    today = today or date.today()
    budget = _pair(values.get("budget"), [0, BUDGET_MAX_M])
    duration = _pair(values.get("duration"), [0, DURATION_MAX_MONTHS])
    start_years = _pair(values.get("start_years"), [FIRST_YEAR, today.year])
    keep = {value for name, value in KEEP_CONTROLS.items() if value in _texts(values.get(name))}
    search = values.get("search")
    return ProjectFilter(
        country=countries_of(view_key(values.get("country"))),
        field=_texts(values.get("fields")),
        partner_type=_texts(values.get("partner_types")),
        scheme=_texts(values.get("schemes")),
        status=_texts(values.get("statuses")),
        province=_texts(values.get("provinces")),
        as_of=_day(values.get("as_of")),
        budget_min=budget[0] * YEN_PER_MILLION if budget[0] > 0 else None,
        budget_max=budget[1] * YEN_PER_MILLION if budget[1] < BUDGET_MAX_M else None,
        duration_min=duration[0] if duration[0] > 0 else None,
        duration_max=duration[1] if duration[1] < DURATION_MAX_MONTHS else None,
        start_from=start_years[0] if start_years[0] > FIRST_YEAR else None,
        start_to=start_years[1] if start_years[1] < today.year else None,
        keep_unknown_budget="budget" in keep,
        keep_unknown_duration="duration" in keep,
        keep_unknown_start="start" in keep,
        q=search.strip()[:MAX_SEARCH_CHARS] if isinstance(search, str) else "",
    )


def _within(
    high: int, low: int, value: int | None, default: int, unit: int = 1, *, up: bool = False
) -> int:
    """A filter's bound as a slider's position: in ``unit`` steps (rounded up for an upper
    bound), within the slider's range; ``default`` when the filter has no bound (0 is one)."""
    if value is None:
        return default
    steps = -(-value // unit) if up else value // unit
    return max(low, min(high, steps))


def controls_from_filter(spec: ProjectFilter, today: date) -> dict[str, object]:
    """The control values that show this filter: the inverse of ``filter_from_controls``."""
    kept = {
        "budget": spec.keep_unknown_budget,
        "duration": spec.keep_unknown_duration,
        "start": spec.keep_unknown_start,
    }
    return {
        "search": spec.q,
        "fields": list(spec.field),
        "partner_types": list(spec.partner_type),
        "schemes": list(spec.scheme),
        "statuses": list(spec.status),
        "as_of": (spec.as_of or today).isoformat(),
        "budget": [
            _within(BUDGET_MAX_M, 0, spec.budget_min, 0, YEN_PER_MILLION),
            _within(BUDGET_MAX_M, 0, spec.budget_max, BUDGET_MAX_M, YEN_PER_MILLION, up=True),
        ],
        "duration": [
            _within(DURATION_MAX_MONTHS, 0, spec.duration_min, 0),
            _within(DURATION_MAX_MONTHS, 0, spec.duration_max, DURATION_MAX_MONTHS),
        ],
        "start_years": [
            _within(today.year, FIRST_YEAR, spec.start_from, FIRST_YEAR),
            _within(today.year, FIRST_YEAR, spec.start_to, today.year),
        ],
        **{name: [value] if kept[value] else [] for name, value in KEEP_CONTROLS.items()},
        "provinces": list(spec.province),
    }


def province_chooser_note(view: str, t: Translator) -> str | None:
    """Why the province chooser offers nothing on an overview, said in its place: the world
    has no provinces of its own (a country's map has), and the view from Japan counts
    projects by where their partners are based, which a click on a prefecture or the list
    of prefectures chooses (the chooser's units are where the projects are)."""
    if view == WORLD:
        return t("Open a country's map to choose its provinces.")
    if view == JAPAN:
        return t(
            "This map shows where the partners are based: choose a prefecture on the map "
            "or in the list of prefectures. Open a country's map to choose its provinces."
        )
    return None


def province_choices(
    provinces: Iterable[Province], t: Translator, *, prefixed: bool = False
) -> list[dict[str, str]]:
    """The province filter's choices, named in the visitor's language; with several
    countries each is prefixed by its country ("Cambodia · Kampot"), so that they group.
    Each is found by any of its names, with or without accents ("hue", "Huế", "フエ")."""
    choices = []
    for p in provinces:
        label = t.province(p)
        if prefixed:
            label = f"{t.country(p.iso_a3)} · {label}"
        # ISO's names, staff's (NCR) and the local ones (बागमती, गण्डकी प्रदेश) find it too.
        others = other_names(p.code)
        names = dict.fromkeys(filter(None, (label, p.name_en, p.name_local, p.name_ja, *others)))
        latin = (name for name in others if all(ord(c) < 0x250 for c in name))
        folded = (fold(name) for name in (p.name_en, p.name_local, *latin))  # not kana: ダ, タ
        search = " ".join(dict.fromkeys([*names, *folded]))
        choices.append({"label": label, "value": p.code, "search": search})
    return choices
