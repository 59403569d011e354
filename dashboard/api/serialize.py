"""Filtered projects as JSON records, GeoJSON features and CSV rows."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from operator import attrgetter
from typing import Any

import msgspec
import numpy as np

from ..data import vocab
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.model import PLAIN_FIELDS, FuzzyDate, Location, Project
from ..data.provenance import (
    JICA_VIET_NAM_FIRST_YEAR,
    JICA_VIET_NAM_PROJECTS,
    JICA_VIET_NAM_UNTIL,
    PROGRAMME_COUNTRIES,
)
from ..data.repository import BoundaryIndex
from ..data.summaries import COUNTRY_WIDE
from ..i18n import DEFAULT_LANGUAGE, Translator, translator
from ..i18n.provenance import coverage_text, data_date_text
from .vocabularies import name_lang

# The programme's own figures beside the map's counts: JICA's numbers, with their source.
PROGRAMME = {
    "countries_about": PROGRAMME_COUNTRIES,
    "viet_nam_projects": JICA_VIET_NAM_PROJECTS,
    "viet_nam_period": f"{JICA_VIET_NAM_FIRST_YEAR}/{JICA_VIET_NAM_UNTIL:%Y-%m}",
    "source": "JICA (the programme's countries); JICA Viet Nam office (Viet Nam's projects)",
}


def data_block(store: ProjectStore, lang: str) -> dict[str, Any]:
    """What the data is: its version and date, how much it covers against the programme's
    figures, and the page's two lines in ``lang``, so that a client can quote them."""
    t = translator(lang)
    day, coverage = store.data_date, store.coverage
    return {
        "version": store.version,
        "date": day.isoformat() if day else None,
        "coverage": {
            "projects": coverage.projects,
            "countries": coverage.countries,
            "viet_nam_projects": coverage.viet_nam,
        },
        "programme": PROGRAMME,
        "statement": {
            "lang": t.lang,
            "date": data_date_text(day, t),
            "coverage": coverage_text(coverage, t),
        },
    }


LABELLED = {
    "status": vocab.STATUSES,
    "field": vocab.FIELDS,
    "partner_type": vocab.PARTNER_TYPES,
    "scheme": vocab.SCHEMES,
    "country": vocab.COUNTRIES,
}


def labels(lang: str) -> dict[str, Any]:
    """The words for the keys the records carry (``status``, ``fields``, ...), in ``lang``
    as the page says them: a client shows "実施中" for "ongoing" without a table of its own."""
    t = translator(lang)
    words: dict[str, Any] = {"lang": t.lang}
    for facet, vocabulary in LABELLED.items():
        words[facet] = {term.key: t.term(vocabulary, term.key) for term in vocabulary}
    return words


def _province_name(boundaries: BoundaryIndex, code: str | None, t: Translator) -> str | None:
    """A unit's name in the answer's language (``Translator.province``: English where the
    boundary files have no name in it)."""
    province = boundaries.all_units.get(code or "")  # any layer's (Nepal's provinces too)
    return t.province(province) if province else None


def _province_name_lang(boundaries: BoundaryIndex, code: str | None, t: Translator) -> str | None:
    """The language of that name: ``en`` where English stands in (Vietnamese outside Viet
    Nam), so that a client can mark it; None with no unit."""
    province = boundaries.all_units.get(code or "")
    return name_lang(province, t.lang) if province else None


def counted_in(boundaries: BoundaryIndex, location: Location) -> dict[str, Any]:
    """The units a location counts in, in every layer of its country (its own first; Viet
    Nam's site on Thừa Thiên Huế in Huế, VN-2025-46, too), and whether each is sure:
    Nepal's site on Sagarmatha Zone in Okhaldhunga District counts in Koshi Province; one
    on the zone alone in Koshi or Madhesh (``counts_in_exact``: false, it is in one of
    them, not in each)."""
    where = boundaries.placement(
        location.admin1, location.place, location.precision, location.lon, location.lat
    )
    units = list(where.units)
    later = boundaries.became_part_of.get(location.admin1 or "")
    if later and later not in units:  # whole former units: no doubt where it counts
        units.append(later)
    return {"counts_in": units, "counts_in_exact": where.exact}


def _region_name(boundaries: BoundaryIndex, location: Location, t: Translator) -> str | None:
    """A location's wider unit in the answer's language ("Region III (Central Luzon)":
    中部ルソン地方 in Japanese); the record's own words where no unit has that name."""
    unit = boundaries.region_unit(location.country, location.region)
    return t.province(unit) if unit else location.region


def project_record(
    project: Project, status: str, boundaries: BoundaryIndex, t: Translator | None = None
) -> dict[str, Any]:
    t = t or translator(DEFAULT_LANGUAGE)
    record = project.to_json()
    record["status"] = status
    record["budget_yen"] = project.budget_yen
    for location, own in zip(record["locations"], project.locations, strict=True):
        location["admin1_name"] = _province_name(boundaries, location["admin1"], t)
        location["admin1_name_lang"] = _province_name_lang(boundaries, location["admin1"], t)
        location["region_name"] = _region_name(boundaries, own, t)
        location |= counted_in(boundaries, own)
    return record


def records(
    store: ProjectStore,
    selection: Selection,
    rows: Iterable[int],
    boundaries: BoundaryIndex,
    t: Translator,
) -> list[dict[str, Any]]:
    """The records of ``rows`` (store rows), in that order, with their status on the
    selection's date."""
    statuses = selection.statuses.to_numpy()
    return [project_record(store.projects[row], str(statuses[row]), boundaries, t) for row in rows]


# Records per chunk of a streamed answer: ~1.3 kB each, so a chunk is ~0.3 MB whatever the
# selection, and the answer's memory does not grow with it.
STREAM_CHUNK = 256
# msgspec's JSON encoder writes UTF-8 bytes straight from the dicts, ~2.5x faster than the
# standard library's, and dataclasses (partners, budgets, places) without a dict of their
# own; ``encode_lines`` writes a chunk's records as lines in one call.
_encode = msgspec.json.Encoder().encode
_encode_lines = msgspec.json.Encoder().encode_lines
_PLAIN_VALUES = attrgetter(*PLAIN_FIELDS)


# Places' and dates' JSON kept per answer (~300 bytes each): its memory stays bounded (~5 MB).
FRAGMENTS_KEPT = 16_384


class _LineWriter:
    """One answer's records as JSON lines, the record of ``project_record`` (the same bytes
    as ``_encode(project_record(...))``). Places and dates are frozen and shared between
    records (``model.Shared``), so each one's JSON is written once per answer and spliced in
    (``msgspec.Raw``); partners and budgets, mostly a record's own, are encoded as they are.
    Measured at 100k generated projects (Viet Nam's 37,000 records, 45 MB, in process, on
    the shared 2-core machine, 2026-12-06): 0.40-0.46 s against 0.46-0.50 s for the
    previous writer (a dict per partner, place and budget, and a join per record)."""

    def __init__(self, boundaries: BoundaryIndex, t: Translator) -> None:
        self._boundaries, self._t = boundaries, t
        self._fragments: dict[int, tuple[object, msgspec.Raw]] = {}
        self._names: dict[str | None, bytes] = {}

    def _fragment(self, value: Any, make: Callable[[Any], bytes]) -> msgspec.Raw:
        kept = self._fragments.get(id(value))
        if kept is not None and kept[0] is value:
            return kept[1]
        if len(self._fragments) >= FRAGMENTS_KEPT:
            self._fragments.clear()
        raw = msgspec.Raw(make(value))
        self._fragments[id(value)] = (value, raw)
        return raw

    def _location(self, location: Location) -> bytes:
        named = self._names.get(location.admin1)
        if named is None:
            boundaries, code, t = self._boundaries, location.admin1, self._t
            named = b"".join((
                b',"admin1_name":', _encode(_province_name(boundaries, code, t)),
                b',"admin1_name_lang":', _encode(_province_name_lang(boundaries, code, t)), b"}",
            ))  # fmt: skip
            self._names[location.admin1] = named
        # Written once per shared place per answer (``_fragment``), so its placement too.
        where = _encode(
            {"region_name": _region_name(self._boundaries, location, self._t)}
            | counted_in(self._boundaries, location)
        )
        return _encode(location)[:-1] + named[:-1] + b"," + where[1:]

    def record(self, project: Project, status: str) -> dict[str, Any]:
        """The record, its nested parts as JSON already written."""
        top = dict(zip(PLAIN_FIELDS, _PLAIN_VALUES(project), strict=True))
        top["status"] = status
        top["budget_yen"] = project.budget_yen
        fragment, start, end = self._fragment, project.start, project.end
        top["partners"] = msgspec.Raw(_encode(project.partners))
        top["locations"] = [fragment(place, self._location) for place in project.locations]
        top["start"] = fragment(start, _date_json) if start else None
        top["end"] = fragment(end, _date_json) if end else None
        top["budget"] = project.budget
        return top

    def line(self, project: Project, status: str) -> bytes:
        """One record's line, without its newline."""
        return _encode(self.record(project, status))


def _date_json(when: FuzzyDate) -> bytes:
    return _encode(when.to_json())


def record_lines(
    store: ProjectStore,
    statuses: np.ndarray,
    rows: np.ndarray,
    boundaries: BoundaryIndex,
    t: Translator,
) -> Iterator[bytes]:
    """The records of ``rows`` as newline-delimited JSON (one record a line, the record of
    the list answer), made a chunk at a time as the client reads: the answer of 37,000
    projects is 45 MB that never exists at once."""
    projects, writer = store.projects, _LineWriter(boundaries, t)
    for start in range(0, len(rows), STREAM_CHUNK):
        chunk = rows[start : start + STREAM_CHUNK]
        yield _encode_lines([writer.record(projects[row], str(statuses[row])) for row in chunk])


def feature_collection(
    store: ProjectStore,
    selection: Selection,
    rows: Iterable[int],
    boundaries: BoundaryIndex,
    t: Translator,
) -> dict[str, Any]:
    """The locations of the projects of ``rows``, in that order."""
    features = []
    statuses = selection.statuses.to_numpy()
    for row in rows:
        project, status = store.projects[row], str(statuses[row])
        for location in project.locations:
            features.append(
                {
                    "type": "Feature",
                    # A country-wide location has no point: none is stated.
                    "geometry": None
                    if location.precision >= COUNTRY_WIDE
                    else {"type": "Point", "coordinates": [location.lon, location.lat]},
                    "properties": {
                        "id": project.id,
                        "title_en": project.title_en,
                        "title_ja": project.title_ja,
                        "status": status,
                        "fields": list(project.fields),
                        "scheme": project.scheme,
                        "partners": [partner.name for partner in project.partners],
                        "country": location.country,
                        "admin1": location.admin1,
                        "admin1_name": _province_name(boundaries, location.admin1, t),
                        "admin1_name_lang": _province_name_lang(boundaries, location.admin1, t),
                        "place": location.place,
                        "precision": location.precision,
                        "region": location.region,
                        "region_name": _region_name(boundaries, location, t),
                        **counted_in(boundaries, location),
                        "sources": list(project.sources),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
