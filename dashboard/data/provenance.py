"""What the data is and how much of the programme it covers: its date, its version, and the
counts that the coverage line (``layout/provenance.py``) and the API report.

Plain functions of the records and the dataset's metadata, so that every backend (the file or
PostGIS) and every view says the same thing of the same data.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .model import Project

# The programme's own figures, which this map is measured against. They are JICA's numbers,
# not counts of this dataset, and are named with their source on the About page.
# "About 90 countries": JICA's description of the JICA Partnership Program (JICA, "JICA
# Partnership Program (JPP)" pages, jica.go.jp), as the README's first paragraph says.
PROGRAMME_COUNTRIES = 90
# JICA Viet Nam office, "Map of On-going Projects" of the JICA Partnership Program: 143 JPP
# projects in Viet Nam from 2002 to April 2020.
JICA_VIET_NAM_PROJECTS = 143
JICA_VIET_NAM_FIRST_YEAR = 2002
JICA_VIET_NAM_UNTIL = date(2020, 4, 1)  # April 2020: the month is what the source states
VIET_NAM = "VNM"

# Metadata keys that date the data: ``jpp-map curate`` writes ``curated_on``, ``jpp-map
# import`` keeps it and adds ``imported_on`` (see ``exchange/importer.py``).
DATE_KEYS = ("curated_on", "imported_on")


@dataclass(frozen=True)
class Coverage:
    """How much the map holds: projects, countries, and Viet Nam's projects (the one country
    for which JICA publishes a total to compare with)."""

    projects: int
    countries: int
    viet_nam: int


def coverage_of(projects: Iterable[Project]) -> Coverage:
    """Counted from the records themselves: never a number typed in by hand."""
    count, viet_nam = 0, 0
    countries: set[str] = set()
    for project in projects:
        count += 1
        countries.update(project.countries)
        viet_nam += VIET_NAM in project.countries
    return Coverage(projects=count, countries=len(countries), viet_nam=viet_nam)


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def data_date(meta: Mapping[str, Any]) -> date | None:
    """The data's date: the later of its curation and its last import; None when the
    metadata states neither (the page then says so rather than guess)."""
    days = [day for key in DATE_KEYS if (day := _day(meta.get(key))) is not None]
    return max(days, default=None)


def data_version(projects: Iterable[Project], meta: Mapping[str, Any]) -> str:
    """A short digest of the records and the metadata that dates them.

    Derived from the content, not from where it is kept (a file's mtime, a database's
    counter), so that every instance serving the same data, on the file or on PostGIS,
    names it the same: a client can tell whether two answers come from the same data.
    """
    digest = hashlib.sha256()
    dated = {key: str(meta[key]) for key in DATE_KEYS if meta.get(key)}
    digest.update(json.dumps(dated, sort_keys=True).encode())
    for project in projects:
        record = json.dumps(project.to_json(), sort_keys=True, ensure_ascii=False)
        digest.update(record.encode())
        digest.update(b"\n")
    return digest.hexdigest()[:12]
