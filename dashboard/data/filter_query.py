"""The filter as a query string, both ways: query parameters -> ProjectFilter (or an error
naming the parameter, which the API answers with a 400), and ProjectFilter -> query string.

The API, the page's links and downloads, and ``jpp-map export`` all speak it, so it lives
with the data, not in any one of them.

Repeating a parameter (``field=water&field=health``) means OR within that facet; a value may
also list several, comma-separated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import date
from urllib.parse import urlencode

from . import vocab
from .filters import ProjectFilter
from .parsing import normalise_text, parse_fuzzy_date

VOCABULARY_FACETS = {
    "country": vocab.keys(vocab.COUNTRIES),
    "field": vocab.keys(vocab.FIELDS),
    "partner_type": vocab.keys(vocab.PARTNER_TYPES),
    "scheme": vocab.keys(vocab.SCHEMES),
    "status": vocab.keys(vocab.STATUSES),
}
INTEGER_PARAMETERS = (
    "budget_min",
    "budget_max",
    "duration_min",
    "duration_max",
    "start_from",
    "start_to",
)
UNKNOWN_CHOICES = {"include": True, "exclude": False}
UNKNOWN_PARAMETERS = {
    "unknown_budget": "keep_unknown_budget",
    "unknown_duration": "keep_unknown_duration",
    "unknown_start": "keep_unknown_start",
}
ALL_PARAMETERS = frozenset(
    {
        *VOCABULARY_FACETS,
        *INTEGER_PARAMETERS,
        *UNKNOWN_PARAMETERS,
        "province",
        "partner",
        "as_of",
        "q",
    }
)
# Read by the API besides the filter: the language of the texts in its JSON answers.
ANSWER_PARAMETERS = frozenset({"lang"})
_PROVINCE = re.compile(r"^[A-Z]{2}-[A-Z0-9-]{1,8}$")
PARTNER_KEY = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_PARTNER = re.compile(PARTNER_KEY)
MAX_PARTNER_KEY = 80
MAX_QUERY_CHARS = 200  # ``q``: the page's search box takes no more either


class ParameterError(ValueError):
    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


def _values(args: Mapping[str, list[str]], name: str) -> tuple[str, ...]:
    values: list[str] = []
    for raw in args.get(name, []):
        values += [part.strip() for part in raw.split(",") if part.strip()]
    return tuple(dict.fromkeys(values))


def _single(args: Mapping[str, list[str]], name: str) -> str | None:
    values = args.get(name, [])
    if len(values) > 1:
        raise ParameterError(name, "give it once")
    return values[0].strip() if values else None


def parse_filter(
    args: Mapping[str, list[str]],
    known_provinces: Collection[str] = (),
    other_parameters: Collection[str] = (),
    named: UnitNames | None = None,
) -> ProjectFilter:
    """``args`` maps each parameter to all its values (werkzeug's ``request.args.lists()``).

    ``other_parameters`` are accepted and left to the caller (the page's view settings);
    ``named``: how ``province=`` reads a unit's name (the API's: ``units_named``).
    """
    unknown = sorted(set(args) - ALL_PARAMETERS - set(other_parameters))
    if unknown:
        raise ParameterError(
            unknown[0], f"unknown parameter; use one of {', '.join(sorted(ALL_PARAMETERS))}"
        )
    facets = _facets(args)
    provinces = _provinces(args, known_provinces, named)
    partners = _partners(args)
    numbers = _numbers(args)
    keep = {
        attribute: _include(args, name, default=True)
        for name, attribute in UNKNOWN_PARAMETERS.items()
    }
    return ProjectFilter(
        country=facets["country"],
        field=facets["field"],
        partner_type=facets["partner_type"],
        scheme=facets["scheme"],
        status=facets["status"],
        province=provinces,
        partner=partners,
        budget_min=numbers.get("budget_min"),
        budget_max=numbers.get("budget_max"),
        duration_min=numbers.get("duration_min"),
        duration_max=numbers.get("duration_max"),
        start_from=numbers.get("start_from"),
        start_to=numbers.get("start_to"),
        keep_unknown_budget=keep["keep_unknown_budget"],
        keep_unknown_duration=keep["keep_unknown_duration"],
        keep_unknown_start=keep["keep_unknown_start"],
        as_of=_as_of(args),
        q=_query(args),
    )


# Each parameter's reading, in the order parse_filter checks them (the first error is said).


def _facets(args: Mapping[str, list[str]]) -> dict[str, tuple[str, ...]]:
    facets: dict[str, tuple[str, ...]] = {}
    for facet, allowed in VOCABULARY_FACETS.items():
        values = _values(args, facet)
        if facet == "country":
            values = tuple(value.upper() for value in values)
        for value in values:
            if value not in allowed:
                raise ParameterError(
                    facet, f"unknown value '{value}'; use one of {', '.join(allowed)}"
                )
        facets[facet] = values
    return facets


# A name -> the units it stands for, and the closest names when none (``units_named``).
UnitNames = Callable[[str], tuple[tuple[str, ...], list[str]]]


def _provinces(
    args: Mapping[str, list[str]], known: Collection[str], named: UnitNames | None = None
) -> tuple[str, ...]:
    """Codes; with ``named`` (the API), a unit's name at any level in any language too."""
    provinces: list[str] = []
    for value in _values(args, "province"):
        code = value.upper()
        if _PROVINCE.match(code) and (not known or code in known):
            provinces.append(code)
        elif named is None or _PROVINCE.match(code):
            raise ParameterError("province", f"unknown province '{code}' (an ISO 3166-2 code)")
        else:
            provinces.append(_one_named(value, named))
    return tuple(dict.fromkeys(provinces))


def _one_named(value: str, named: UnitNames) -> str:
    """The one unit a name stands for; a 400 that says why not."""
    found, close = named(value)
    if len(found) == 1:
        return found[0]
    if found:
        raise ParameterError(
            "province", f"'{value}' names several units ({', '.join(found)}); give one's code"
        )
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise ParameterError(
        "province", f"unknown province '{value}' (an ISO 3166-2 code or a unit's name){hint}"
    )


def _partners(args: Mapping[str, list[str]]) -> tuple[str, ...]:
    partners = _values(args, "partner")
    for key in partners:
        if len(key) > MAX_PARTNER_KEY or not _PARTNER.match(key):
            raise ParameterError(
                "partner",
                f"'{key[:MAX_PARTNER_KEY]}' is not an organisation key (e.g. yokohama-city)",
            )
    return partners


def _numbers(args: Mapping[str, list[str]]) -> dict[str, int]:
    numbers: dict[str, int] = {}
    for name in INTEGER_PARAMETERS:
        raw = _single(args, name)
        if raw is None or raw == "":
            continue
        try:
            number = int(raw.replace(",", "").replace("_", ""))
        except ValueError:
            raise ParameterError(name, f"'{raw}' is not a whole number") from None
        if number < 0:
            raise ParameterError(name, "must not be negative")
        numbers[name] = number
    for low, high in (
        ("budget_min", "budget_max"),
        ("duration_min", "duration_max"),
        ("start_from", "start_to"),
    ):
        if low in numbers and high in numbers and numbers[low] > numbers[high]:
            raise ParameterError(low, f"{low} is greater than {high}")
    return numbers


def _include(args: Mapping[str, list[str]], name: str, *, default: bool) -> bool:
    raw = _single(args, name)
    if not raw:
        return default
    if raw not in UNKNOWN_CHOICES:
        raise ParameterError(name, "use include or exclude")
    return UNKNOWN_CHOICES[raw]


# "As of" a day, a month or a Japanese fiscal year (1 April - 31 March), written whole: a
# bare year is refused (a calendar year or a fiscal year? the status differs in January-March).
_AS_OF_FORMS = {
    "day": re.compile(
        r"\d{4}-\d{1,2}-\d{1,2}|\d{4}/\d{1,2}/\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    ),
    "month": re.compile(r"\d{4}-\d{1,2}|\d{4}/\d{1,2}|\d{4}\s*年\s*\d{1,2}\s*月"),
    "fiscal_year": re.compile(
        r"FY\s*\d{4}|\d{4}\s*年度|(?:平成|令和|H|R)\s*(?:\d{1,2}|元)\s*年度", re.IGNORECASE
    ),
}
# What the "as of" box takes, one of each form; the page lists them in its language
# (``Translator.any_of``), the API's errors in English.
AS_OF_EXAMPLE_FORMS = ("2024-06-30", "2024-06", "FY2024", "2024年度")
AS_OF_EXAMPLES = "2024-06-30, 2024-06, FY2024 or 2024年度"


@dataclass(frozen=True)
class AsOf:
    """An "as of" text as read: the day statuses are derived on, and what the text named.

    A month or a fiscal year is read as its last day: "as of June 2024" and "as of FY2024"
    (2024年度) are the state reached by the end of that period, as JICA's own counts are
    stated at the end of a fiscal year (年度末). A project that starts in the period is
    under way by then, one that ends in it is completed."""

    day: date
    precision: str  # "day", "month" or "fiscal_year"


def read_as_of(text: str | None) -> AsOf | None:
    """``2024-06-30`` (also 2024/6/30, 2024年6月30日), ``2024-06`` (2024年6月), ``FY2024``
    (2024年度, 令和6年度, R6年度): None when empty; ValueError for anything else."""
    value = normalise_text(text)
    if not value:
        return None
    for precision, form in _AS_OF_FORMS.items():
        if form.fullmatch(value):
            fuzzy = parse_fuzzy_date(value)  # raises ValueError for 2024-13 or 2024-02-30
            if fuzzy is not None:
                return AsOf(fuzzy.latest, precision)
    raise ValueError(f"'{text}' is not a day, a month or a fiscal year (e.g. {AS_OF_EXAMPLES})")


def _as_of(args: Mapping[str, list[str]]) -> date | None:
    as_of = _single(args, "as_of")
    try:
        reading = read_as_of(as_of)
    except ValueError as error:
        raise ParameterError("as_of", str(error)) from None
    return reading.day if reading else None


def _query(args: Mapping[str, list[str]]) -> str:
    q = _single(args, "q")
    if q and len(q) > MAX_QUERY_CHARS:
        raise ParameterError("q", f"at most {MAX_QUERY_CHARS} characters")
    return q or ""


def to_query(spec: ProjectFilter) -> str:
    """The filter as query parameters: ``parse_filter`` reads it back to the same filter."""
    params: list[tuple[str, str]] = []
    for facet in (*VOCABULARY_FACETS, "province", "partner"):
        params += [(facet, value) for value in getattr(spec, facet)]
    for name in INTEGER_PARAMETERS:
        if getattr(spec, name) is not None:
            params.append((name, str(getattr(spec, name))))
    if spec.as_of:
        params.append(("as_of", spec.as_of.isoformat()))
    for name, attribute in UNKNOWN_PARAMETERS.items():
        if not getattr(spec, attribute):
            params.append((name, "exclude"))
    if spec.q:
        params.append(("q", spec.q))
    return urlencode(params)
