"""Load the dataset once into the shapes that filtering, figures and the API read.

``ProjectStore`` is immutable: a new import builds a new store and swaps it in whole, so a
request never sees a mix of old and new data.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd

from .model import Location, Project, parse_projects, projects_of
from .place_levels import Placement, own_placement
from .provenance import Coverage, coverage_of, data_date, data_version
from .store_cache import StoreCache

# Facets whose values are vocabulary keys; a project may carry several values of one facet.
FACETS = ("country", "field", "partner_type", "scheme", "province", "partner")


def fold(text: str) -> str:
    """Case- and accent-insensitive form, so that 'hue' finds 'Huế' and 'da nang' 'Đà Nẵng'."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Where a location counts in every layer of its country (``BoundaryIndex.placement``).
Placer = Callable[[str | None, str | None, int, float, float], Placement]


def own_unit(
    admin1: str | None, place: str | None, precision: int, lon: float, lat: float
) -> Placement:
    """A location counts in its own unit only (no layers that overlap)."""
    return own_placement(admin1) if admin1 else Placement(())


def placed(location: Location, placer: Placer = own_unit) -> Placement:
    return placer(location.admin1, location.place, location.precision, location.lon, location.lat)


def facet_values(project: Project, placer: Placer = own_unit) -> dict[str, tuple[str, ...]]:
    """A project's values of each facet; its provinces are every unit its locations count
    in, in every layer (a site of Kavre District on Bagmati Zone: NP-BA and NP-P3)."""
    units = (unit for loc in project.locations for unit in placed(loc, placer).units)
    return {
        "country": project.countries,
        "field": project.fields,
        "partner_type": tuple(dict.fromkeys(p.type for p in project.partners if p.type)),
        "scheme": (project.scheme,) if project.scheme else (),
        "province": tuple(dict.fromkeys(units)),
        "partner": tuple(dict.fromkeys(p.org for p in project.partners if p.org)),
    }


def search_text(
    project: Project, place_names: Mapping[str, str] | None = None, placer: Placer = own_unit
) -> str:
    """Titles, partners, places and the names of the units each site counts in (in every
    layer: a site of Kavre District on Bagmati Zone is found by "Bagmati Province"), folded
    for matching."""
    parts = [project.id, project.title_en, project.title_ja, project.title_local]
    for partner in project.partners:
        parts += [partner.name, partner.name_ja, *partner.aliases]
    for location in project.locations:
        units = placed(location, placer).units or (location.admin1 or "",)
        parts += [location.place, *((place_names or {}).get(unit) for unit in units)]
    return fold(" | ".join(part for part in parts if part))


@dataclass(frozen=True)
class ProjectStore:
    projects: tuple[Project, ...]
    frame: pd.DataFrame  # one row per project, in ``projects`` order
    locations: gpd.GeoDataFrame  # one row per project location
    masks: dict[str, FacetRows]  # facet -> value -> rows carrying it (a bool mask)
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
    placer: Placer = own_unit,
) -> ProjectStore:
    """``place_names``: province code -> its names, so that search finds 'Yen Bai';
    ``placer``: where each location counts in every layer of its country."""
    projects = tuple(projects)
    return ProjectStore(
        projects=projects,
        frame=project_frame(projects, place_names, placer),
        locations=location_frame(projects, placer),
        masks=facet_masks(projects, placer),
        meta=meta,
    )


def load_store(path: Path, place_names: Mapping[str, str] | None = None) -> ProjectStore:
    document = parse_projects(path.read_text(encoding="utf-8"))
    projects = projects_of(document.pop("projects"))
    return build_store(projects, document, place_names)


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


def _observed_at(project: Project) -> date | None:
    observed_at = date.fromisoformat(project.observed_on) if project.observed_on else None
    if project.observed_status == "completed" and observed_at is None and project.last_updated:
        # "Completed" with no date: completed when the record was last checked, and a
        # completed project stays completed; an undated "ongoing" tells nothing.
        observed_at = date.fromisoformat(project.last_updated)
    return observed_at


def _days(values: list[date | None]) -> np.ndarray:
    """Dates as a datetime64[s] column (the unit pandas gives dates); None is NaT."""
    return np.array(values, dtype="datetime64[D]").astype("datetime64[s]")


def _numbers(values: list[int | None]) -> np.ndarray:
    """Numbers as a float column; None is NaN."""
    return np.array([np.nan if value is None else value for value in values], dtype=float)


def project_frame(
    projects: tuple[Project, ...],
    place_names: Mapping[str, str] | None = None,
    placer: Placer = own_unit,
) -> pd.DataFrame:
    """One row per project, built column by column: a dict per row cost ~140 MB of freed,
    scattered memory at 100,000 projects that the process kept."""
    starts = [project.start for project in projects]
    ends = [project.end for project in projects]
    columns: dict[str, Any] = {
        "id": np.array([project.id for project in projects], dtype=object),
        "start_earliest": _days([d.earliest if d else None for d in starts]),
        "start_latest": _days([d.latest if d else None for d in starts]),
        "end_earliest": _days([d.earliest if d else None for d in ends]),
        "end_latest": _days([d.latest if d else None for d in ends]),
        "start_year": _numbers([d.earliest.year if d else None for d in starts]),
        "budget_yen": _numbers([project.budget_yen for project in projects]),
        "duration_months": _numbers([project.duration_months for project in projects]),
        "status_set": np.array([project.status_set for project in projects], dtype=object),
        "observed_status": np.array([p.observed_status for p in projects], dtype=object),
        "observed_at": _days([_observed_at(project) for project in projects]),
        "search_text": np.array(
            [search_text(project, place_names, placer) for project in projects], dtype=object
        ),
    }
    # The columns named even when there is no row: an empty dataset is a dataset (filters,
    # summaries and the API must answer it, not fail on a missing column).
    return pd.DataFrame(columns, columns=list(PROJECT_COLUMNS))


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
    "units",  # every unit it counts in, in every layer (``Placement``)
    "exact",  # False: known only at a level that overlaps several units of another layer
)


def location_frame(projects: tuple[Project, ...], placer: Placer = own_unit) -> gpd.GeoDataFrame:
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
            *_placement_columns(placed(location, placer)),
        )
        for index, project in enumerate(projects)
        for location in project.locations
    ]
    frame = pd.DataFrame(rows, columns=list(LOCATION_COLUMNS))
    frame = frame.astype({"row": int, "precision": int, "lon": float, "lat": float, "exact": bool})
    points = gpd.points_from_xy(frame["lon"], frame["lat"])
    return gpd.GeoDataFrame(frame, geometry=points, crs="EPSG:4326")


def _placement_columns(where: Placement) -> tuple[tuple[str, ...], bool]:
    return where.units, where.exact


# A facet value carried by at least 1/DENSE_SHARE of the projects keeps its mask; a rarer one
# its row numbers, and makes its mask when asked (~20 us at 100k).
DENSE_SHARE = 16


class FacetRows(Mapping[str, np.ndarray]):
    """One facet's values, each with the mask of the rows carrying it (a bool per project).

    Masks of rare values are not kept: at 100,000 projects the 681 provinces' masks were
    68 MB per worker, their row numbers are 0.6 MB."""

    def __init__(self, size: int, rows: Mapping[str, list[int]]) -> None:
        self.size = size
        self._kept: dict[str, np.ndarray] = {}
        for value, indices in rows.items():
            if len(indices) * DENSE_SHARE >= size:
                self._kept[value] = self._mask(np.asarray(indices, dtype=np.int64))
            else:
                self._kept[value] = np.asarray(indices, dtype=np.int32)

    def _mask(self, indices: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[indices] = True
        return mask

    def __getitem__(self, value: str) -> np.ndarray:
        kept = self._kept[value]
        return kept if kept.dtype == bool else self._mask(kept)

    def __contains__(self, value: object) -> bool:
        return value in self._kept

    def __iter__(self) -> Iterator[str]:
        return iter(self._kept)

    def __len__(self) -> int:
        return len(self._kept)

    def nbytes(self) -> int:
        """What the facet keeps, in bytes."""
        return sum(kept.nbytes for kept in self._kept.values())


def facet_masks(projects: tuple[Project, ...], placer: Placer = own_unit) -> dict[str, FacetRows]:
    rows: dict[str, dict[str, list[int]]] = {facet: {} for facet in FACETS}
    for index, project in enumerate(projects):
        for facet, values in facet_values(project, placer).items():
            for value in values:
                rows[facet].setdefault(value, []).append(index)
    return {facet: FacetRows(len(projects), by_value) for facet, by_value in rows.items()}
