"""Filtered projects as JSON records, GeoJSON features and CSV rows."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..data import vocab
from ..data.filters import Selection
from ..data.loading import ProjectStore
from ..data.model import Project
from ..data.provenance import (
    JICA_VIET_NAM_FIRST_YEAR,
    JICA_VIET_NAM_PROJECTS,
    JICA_VIET_NAM_UNTIL,
    PROGRAMME_COUNTRIES,
)
from ..data.repository import BoundaryIndex
from ..data.summaries import COUNTRY_WIDE
from ..i18n import translator
from ..i18n.provenance import coverage_text, data_date_text

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


def selected(store: ProjectStore, selection: Selection) -> Iterator[tuple[Project, str]]:
    statuses = selection.statuses.to_numpy()
    for index in selection.mask.nonzero()[0]:
        yield store.projects[index], str(statuses[index])


def project_record(project: Project, status: str, boundaries: BoundaryIndex) -> dict[str, Any]:
    record = project.to_json()
    record["status"] = status
    record["budget_yen"] = project.budget_yen
    for location in record["locations"]:
        province = boundaries.all_units.get(location["admin1"] or "")
        location["admin1_name"] = province.name_en if province else None
    return record


def records(
    store: ProjectStore, selection: Selection, boundaries: BoundaryIndex
) -> list[dict[str, Any]]:
    return [project_record(p, status, boundaries) for p, status in selected(store, selection)]


def feature_collection(
    store: ProjectStore, selection: Selection, boundaries: BoundaryIndex
) -> dict[str, Any]:
    features = []
    for project, status in selected(store, selection):
        for location in project.locations:
            province = boundaries.all_units.get(location.admin1 or "")
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
                        "admin1_name": province.name_en if province else None,
                        "place": location.place,
                        "precision": location.precision,
                        "region": location.region,
                        "sources": list(project.sources),
                    },
                }
            )
    return {"type": "FeatureCollection", "features": features}
