"""The project record: one definition used by curation, loading, the API and exports.

Records are plain frozen dataclasses so that they serialise to JSON without a framework and
compare by value in tests. ``None`` always means "not stated by any source".

At 100,000 projects the records are most of a worker's memory, so they are slotted (no
``__dict__`` per record), and ``parse_projects`` reads a dataset without holding every
record's JSON at once and shares what records repeat: equal dates, places, partners and
budgets are one object (they are frozen), equal short words one string.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any, Literal, TypeVar

DatePrecision = Literal["day", "month", "year", "fiscal_year"]
BudgetKind = Literal["contract", "estimate", "stated", "approximate", "partial", "upper_bound"]

# Budget kinds that measure the whole project; the others are not totals and are not summed.
TOTAL_BUDGET_KINDS = frozenset({"contract", "estimate", "stated", "approximate"})


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A date as precise as the source: FY2003 spans 2003-04-01..2004-03-31."""

    earliest: date
    latest: date
    precision: DatePrecision
    qualifier: str | None = None  # "approximate", "likely", "planned"
    text: str = ""  # the source's wording

    @property
    def label(self) -> str:
        """FY2003, 2013-12, ~2019, 2010-10 (likely), 2016 (planned)."""
        if self.precision == "fiscal_year":
            value = f"FY{self.earliest.year}"
        elif self.precision == "year":
            value = f"{self.earliest.year}"
        elif self.precision == "month":
            value = self.earliest.strftime("%Y-%m")
        else:
            value = self.earliest.isoformat()
        if self.qualifier == "approximate":
            return f"~{value}"
        return f"{value} ({self.qualifier})" if self.qualifier else value

    def to_json(self) -> dict[str, Any]:
        return {
            "earliest": self.earliest.isoformat(),
            "latest": self.latest.isoformat(),
            "precision": self.precision,
            "qualifier": self.qualifier,
            "label": self.label,
            "text": self.text,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], shared: Shared | None = None) -> FuzzyDate:
        def make() -> FuzzyDate:
            return cls(
                earliest=date.fromisoformat(data["earliest"]),
                latest=date.fromisoformat(data["latest"]),
                precision=data["precision"],
                qualifier=data.get("qualifier"),
                text=data.get("text", ""),
            )

        return shared.one(cls, data, make) if shared else make()


@dataclass(frozen=True, slots=True)
class Budget:
    yen: int
    kind: BudgetKind
    text: str = ""
    note: str = ""

    @property
    def is_total(self) -> bool:
        return self.kind in TOTAL_BUDGET_KINDS


@dataclass(frozen=True, slots=True)
class Partner:
    name: str
    name_ja: str | None = None
    type: str | None = None  # vocab.PARTNER_TYPES key
    type_stated: bool = False
    role: str | None = None  # vocab.PARTNER_ROLES key
    role_stated: bool = False
    note: str = ""
    # The organisation's key in geodata/curation/organisations.csv; None for a name that no
    # curator has matched (e.g. a staff list's new partner).
    org: str | None = None
    # name_ja written by the curators (the official name), not read in a source.
    name_ja_translated: bool = False
    aliases: tuple[str, ...] = ()  # other spellings the sources use, for search

    @property
    def identity(self) -> str:
        """Who the partner is: its organisation's key, or its name where no curator has
        matched one (a staff list's new partner). Empty for a partner no source names."""
        return self.org or self.name


@dataclass(frozen=True, slots=True)
class Location:
    country: str  # ISO 3166-1 alpha-3
    admin1: str | None  # ISO 3166-2; None when only the country is known
    precision: int  # IATI GeographicalPrecision
    lon: float
    lat: float
    place: str | None = None
    geonameid: int | None = None
    region: str | None = None  # a named area wider than one province, e.g. "Region III"
    note: str = ""


@dataclass(frozen=True, slots=True)
class Project:
    """One JPP project, as loading, validation, the API and exports all see it.

    - ``id``: unique in the dataset (the research table's, e.g. VN01).
    - ``title_en``, ``title_ja``, ``title_local``: titles; None where no source gives one.
    - ``countries``: ISO 3166-1 alpha-3, one or more.
    - ``partners``: the Japanese organisations, each with name, type (``vocab.PARTNER_TYPES``),
      role (proposer, implementer, cooperating) and whether the source stated them.
    - ``scheme``: ``vocab.SCHEMES`` key; ``fields``: ``vocab.FIELDS`` keys (DAC codes there).
    - ``locations``: admin-1 code, point, IATI precision, place, region.
    - ``start``, ``end``: ``FuzzyDate`` with precision and the source's wording.
    - ``budget``: yen with its kind (contract, estimate, stated, …) and wording.
    - ``status_set``: only cancelled or suspended; other statuses are derived from the dates.
    - ``sources``: URLs (or a citation where no URL exists); ``last_updated``: ISO date.
    """

    id: str
    title_en: str | None
    title_ja: str | None
    title_local: str | None
    countries: tuple[str, ...]
    partners: tuple[Partner, ...]
    scheme: str | None
    fields: tuple[str, ...]
    start: FuzzyDate | None
    end: FuzzyDate | None
    budget: Budget | None
    status_set: str | None  # only "cancelled" / "suspended": otherwise derived from dates
    status_observed: str | None  # what a source said, e.g. "Ongoing at 2019-01"
    locations: tuple[Location, ...]
    sources: tuple[str, ...]
    notes: str = ""
    not_stated_by_source: tuple[str, ...] = ()  # research columns inferred or translated
    original: dict[str, str] = field(default_factory=dict)  # the research row, verbatim
    last_updated: str = ""
    # The source's observation, typed: e.g. ("ongoing", "2019-01-31"); the date is None when
    # the source gives none. Empty when the observation itself was inferred.
    observed_status: str | None = None
    observed_on: str | None = None

    @property
    def budget_yen(self) -> int | None:
        return self.budget.yen if self.budget and self.budget.is_total else None

    @property
    def duration_months(self) -> int | None:
        if not (self.start and self.end):
            return None
        return max(0, round((self.end.latest - self.start.earliest).days / 30.4375))

    def to_json(self) -> dict[str, Any]:
        """The record as JSON-ready data, as ``dataclasses.asdict`` gives it (with the dates
        spelt out), built field by field: ``asdict`` deep-copies every value and was nine
        tenths of an API answer's time. Nested records hold only plain values."""
        data = {name: getattr(self, name) for name in _FIELD_NAMES[Project]}
        data["partners"] = tuple(_plain(partner) for partner in self.partners)
        data["locations"] = tuple(_plain(location) for location in self.locations)
        data["budget"] = _plain(self.budget) if self.budget else None
        data["start"] = self.start.to_json() if self.start else None
        data["end"] = self.end.to_json() if self.end else None
        data["original"] = dict(self.original)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any], shared: Shared | None = None) -> Project:
        """The record of its JSON; ``shared``: the memo of one dataset's repeated values."""
        shared = shared or Shared()
        word = shared.word
        start, end, budget = data.get("start"), data.get("end"), data.get("budget")
        return cls(
            id=data["id"],
            title_en=data.get("title_en"),
            title_ja=data.get("title_ja"),
            title_local=data.get("title_local"),
            countries=shared.words(data["countries"]),
            partners=tuple(_partner(p, shared) for p in data.get("partners", ())),
            scheme=word(data.get("scheme")),
            fields=shared.words(data.get("fields", ())),
            start=FuzzyDate.from_json(start, shared) if start else None,
            end=FuzzyDate.from_json(end, shared) if end else None,
            budget=shared.one(Budget, budget, lambda: Budget(**budget)) if budget else None,
            status_set=word(data.get("status_set")),
            status_observed=word(data.get("status_observed")),
            locations=tuple(_location(loc, shared) for loc in data["locations"]),
            sources=shared.words(data.get("sources", ())),
            notes=data.get("notes", ""),
            not_stated_by_source=shared.words(data.get("not_stated_by_source", ())),
            original=dict(data.get("original", {})),
            last_updated=word(data.get("last_updated", "")),
            observed_status=word(data.get("observed_status")),
            observed_on=word(data.get("observed_on")),
        )


_FIELD_NAMES = {
    record: tuple(item.name for item in fields(record))
    for record in (Project, Partner, Location, Budget)
}


def _location(data: dict[str, Any], shared: Shared) -> Location:
    return shared.one(Location, data, lambda: Location(**data))


def _partner(data: dict[str, Any], shared: Shared) -> Partner:
    return shared.one(
        Partner, data, lambda: Partner(**{**data, "aliases": tuple(data.get("aliases", ()))})
    )


R = TypeVar("R")
# Words shared up to this length (keys, codes, dates, source URLs); titles and notes are
# each a record's own.
SHARED_WORD = 200


class Shared:
    """What the records of one dataset repeat, kept once while it is read: the frozen values
    (dates, places, partners, budgets) by their JSON, and short words by their text. At 100k
    generated projects this is ~40 % of the records' memory; the real data repeats less."""

    def __init__(self) -> None:
        self._values: dict[Hashable, Any] = {}
        self._words: dict[str, str] = {}

    def word(self, value: Any) -> Any:
        if isinstance(value, str) and len(value) <= SHARED_WORD:
            return self._words.setdefault(value, value)
        return value

    def words(self, values: Any) -> tuple[Any, ...]:
        return tuple(self.word(value) for value in values)

    def one(self, kind: type[R], data: Any, make: Callable[[], R]) -> R:
        """The ``kind`` record of ``data``, one object for equal JSON. The key holds each
        value's type: 1 and 1.0 are equal, but a record read from ``1`` writes ``1``."""
        try:
            key = (kind, *((name, type(value), value) for name, value in data.items()))
            kept = self._values.get(key)
        except (TypeError, AttributeError):  # a list where a value should be: no sharing
            return make()
        if kept is None:
            kept = self._values[key] = make()
        return kept


def _shared_hook(shared: Shared) -> Callable[[dict[str, Any]], Any]:
    def hook(data: dict[str, Any]) -> Any:
        if "id" in data and isinstance(data.get("locations"), list) and "countries" in data:
            return Project.from_json(data, shared)
        return data

    return hook


def projects_of(items: Any) -> list[Project]:
    """The records of a parsed list (``parse_projects``); a ValueError naming the first item
    that is not a project record (one lacking ``id``, ``countries`` or ``locations`` stays
    JSON in the parser)."""
    if not isinstance(items, list):
        raise ValueError("not a list of project records")
    for position, item in enumerate(items):
        if not isinstance(item, Project):
            raise ValueError(
                f"item {position} of the project records is not one: it needs an 'id', "
                "'countries' and a list of 'locations'"
            )
    return items


def parse_projects(text: str | bytes) -> Any:
    """JSON text with every project record in it read as a ``Project`` as soon as the
    parser has read it, so that the JSON of one record at a time is alive (reading all of
    them first left ~400 MB of freed objects in the worker at 100,000 projects), and with
    what the records repeat shared (``Shared``)."""
    return json.loads(text, object_hook=_shared_hook(Shared()))


def _plain(record: Partner | Location | Budget) -> dict[str, Any]:
    return {name: getattr(record, name) for name in _FIELD_NAMES[type(record)]}


plain = _plain  # a nested record's fields as JSON-ready data (what ``to_json`` nests)
# The fields of ``Project.to_json`` that hold nested records; the others are plain values.
NESTED_FIELDS = ("partners", "locations", "budget", "start", "end")
PLAIN_FIELDS = tuple(name for name in _FIELD_NAMES[Project] if name not in NESTED_FIELDS)
