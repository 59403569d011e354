"""Load the dataset once into the shapes that filtering, figures and the API read.

``ProjectStore`` is immutable: a new import builds a new store and swaps it in whole, so a
request never sees a mix of old and new data.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
from pandas.api.typing import NaTType

from .model import Project
from .provenance import Coverage, coverage_of, data_date, data_version
from .store_cache import StoreCache

# Facets whose values are vocabulary keys; a project may carry several values of one facet.
FACETS = ("country", "field", "partner_type", "scheme", "province", "partner")


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so that 'hue' finds 'Huế' and 'da nang' 'Đà Nẵng'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def facet_values(project: Project) -> dict[str, tuple[str, ...]]:
    return {
        "country": project.countries,
        "field": project.fields,
        "partner_type": tuple(dict.fromkeys(p.type for p in project.partners if p.type)),
        "scheme": (project.scheme,) if project.scheme else (),
        "province": tuple(dict.fromkeys(loc.admin1 for loc in project.locations if loc.admin1)),
        "partner": tuple(dict.fromkeys(p.org for p in project.partners if p.org)),
    }


def search_text(project: Project, place_names: Mapping[str, str] | None = None) -> str:
    """Titles, partners, places and the names of the provinces, folded for matching."""
    parts = [project.id, project.title_en, project.title_ja, project.title_local]
    for partner in project.partners:
        parts += [partner.name, partner.name_ja, *partner.aliases]
    for location in project.locations:
        parts += [location.place, (place_names or {}).get(location.admin1 or "")]
    return fold(" | ".join(part for part in parts if part))


@dataclass(frozen=True)
class ProjectStore:
    projects: tuple[Project, ...]
    frame: pd.DataFrame  # one row per project, in ``projects`` order
    locations: gpd.GeoDataFrame  # one row per project location
    masks: dict[str, dict[str, np.ndarray]]  # facet -> value -> rows carrying it
    meta: dict[str, Any]
    # What filters, summaries and the table derive from the store, kept with it.
    cache: StoreCache = field(default_factory=StoreCache, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.projects)

    @cached_property
    def _rows_by_id(self) -> dict[str, int]:
        return {project.id: row for row, project in enumerate(self.projects)}

    def row(self, project_id: str) -> int | None:
        """A project's row in ``projects`` (and in every array derived from the store)."""
        return self._rows_by_id.get(project_id)

    def project(self, project_id: str) -> Project | None:
        """By ID, in constant time: the map's hover text looks up every marker's project."""
        row = self._rows_by_id.get(project_id)
        return self.projects[row] if row is not None else None

    @property
    def countries(self) -> tuple[str, ...]:
        return tuple(sorted(self.masks["country"]))

    @cached_property
    def data_date(self) -> date | None:
        """When the data was curated or last imported (``provenance.data_date``)."""
        return data_date(self.meta)

    @cached_property
    def version(self) -> str:
        """A digest of the content, the same on every instance and backend; worked out on
        first use (a few ms per thousand records), once per store."""
        return data_version(self.projects, self.meta)

    @cached_property
    def coverage(self) -> Coverage:
        return coverage_of(self.projects)


def build_store(
    projects: list[Project] | tuple[Project, ...],
    meta: dict[str, Any],
    place_names: Mapping[str, str] | None = None,
) -> ProjectStore:
    """``place_names``: province code -> its names, so that search finds 'Yen Bai'."""
    projects = tuple(projects)
    return ProjectStore(
        projects=projects,
        frame=project_frame(projects, place_names),
        locations=location_frame(projects),
        masks=facet_masks(projects),
        meta=meta,
    )


def load_store(path: Path, place_names: Mapping[str, str] | None = None) -> ProjectStore:
    document = json.loads(path.read_text(encoding="utf-8"))
    projects = [Project.from_json(item) for item in document.pop("projects")]
    return build_store(projects, document, place_names)


def _timestamp(value: date | None) -> pd.Timestamp | NaTType:
    return pd.Timestamp(value) if value else pd.NaT


PROJECT_COLUMNS = (
    "id",
    "start_earliest",
    "start_latest",
    "end_earliest",
    "end_latest",
    "start_year",
    "budget_yen",
    "duration_months",
    "status_set",
    "observed_status",
    "observed_at",
    "search_text",
)


def project_frame(
    projects: tuple[Project, ...], place_names: Mapping[str, str] | None = None
) -> pd.DataFrame:
    rows = []
    for project in projects:
        observed_status = project.observed_status
        observed_at = date.fromisoformat(project.observed_on) if project.observed_on else None
        if observed_status == "completed" and observed_at is None and project.last_updated:
            # "Completed" with no date: completed when the record was last checked, and a
            # completed project stays completed; an undated "ongoing" tells nothing.
            observed_at = date.fromisoformat(project.last_updated)
        rows.append(
            {
                "id": project.id,
                "start_earliest": _timestamp(project.start.earliest if project.start else None),
                "start_latest": _timestamp(project.start.latest if project.start else None),
                "end_earliest": _timestamp(project.end.earliest if project.end else None),
                "end_latest": _timestamp(project.end.latest if project.end else None),
                "start_year": project.start.earliest.year if project.start else np.nan,
                "budget_yen": project.budget_yen if project.budget_yen is not None else np.nan,
                "duration_months": (
                    project.duration_months if project.duration_months is not None else np.nan
                ),
                "status_set": project.status_set,
                "observed_status": observed_status,
                "observed_at": _timestamp(observed_at),
                "search_text": search_text(project, place_names),
            }
        )
    # The columns named even when there is no row: an empty dataset is a dataset (filters,
    # summaries and the API must answer it, not fail on a missing column).
    frame = pd.DataFrame(rows, columns=list(PROJECT_COLUMNS))
    for column in ("start_earliest", "start_latest", "end_earliest", "end_latest", "observed_at"):
        if column in frame:
            frame[column] = pd.to_datetime(frame[column])
    return frame


LOCATION_COLUMNS = (
    "row",
    "project_id",
    "country",
    "admin1",
    "place",
    "precision",
    "region",
    "field",
    "lon",  # the geometry's coordinates as plain columns, for vectorised summaries
    "lat",
)


def location_frame(projects: tuple[Project, ...]) -> gpd.GeoDataFrame:
    rows = [
        (
            index,
            project.id,
            location.country,
            location.admin1,
            location.place,
            location.precision,
            location.region,
            project.fields[0] if project.fields else None,
            location.lon,
            location.lat,
        )
        for index, project in enumerate(projects)
        for location in project.locations
    ]
    frame = pd.DataFrame(rows, columns=list(LOCATION_COLUMNS))
    frame = frame.astype({"row": int, "precision": int, "lon": float, "lat": float})
    points = gpd.points_from_xy(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def facet_masks(projects: tuple[Project, ...]) -> dict[str, dict[str, np.ndarray]]:
    rows: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
    for index, project in enumerate(projects):
        for facet, values in facet_values(project).items():
            for value in values:
                rows[facet].setdefault(value, []).append(index)
    masks: dict[str, dict[str, np.ndarray]] = {facet: {} for facet in FACETS}
    for facet, by_value in rows.items():
        for value, indices in by_value.items():
            mask = np.zeros(len(projects), dtype=bool)
            mask[indices] = True
            masks[facet][value] = mask
    return masks
