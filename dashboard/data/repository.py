"""Where the running app gets its data: the current store and the boundary index.

The dataset file is re-read when it changes on disk (an import swaps it in atomically), and
the new store replaces the old one in a single assignment: no request sees a mix.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyogrio

from .filters import ProjectFilter, Selection, select
from .loading import ProjectStore, fold, load_store


def lonlat_bounds(geometries: gpd.GeoSeries) -> tuple[float, float, float, float]:
    """The box around a layer; across the antimeridian (Fiji) east is past 180."""
    west, south, east, north = (float(v) for v in geometries.total_bounds)
    if east - west > 180:
        boxes = geometries.explode(index_parts=False).bounds
        lefts = boxes["minx"].where(boxes["minx"] >= 0, boxes["minx"] + 360)
        rights = boxes["maxx"].where(boxes["maxx"] > 0, boxes["maxx"] + 360)
        west, east = float(lefts.min()), float(rights.max())
    return west, south, east, north


@dataclass(frozen=True)
class Province:
    code: str
    iso_a3: str
    name_en: str
    name_ja: str
    name_local: str


@dataclass(frozen=True)
class BoundaryIndex:
    """Names and extents of the boundary layers, read without their geometries."""

    provinces: dict[str, Province]  # the units projects were placed on
    bounds: dict[str, tuple[float, float, float, float]]  # iso3 -> lon/lat box of its provinces
    # Units in force today where they differ (Viet Nam since 1 July 2025), with the codes of
    # the units each was formed from.
    current: dict[str, Province] = field(default_factory=dict)
    formed_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every country outline (Natural Earth adm0_a3 -> English name), for the world view.
    countries: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, boundaries_dir: Path) -> BoundaryIndex:
        provinces: dict[str, Province] = {}
        bounds: dict[str, tuple[float, float, float, float]] = {}
        current: dict[str, Province] = {}
        formed_from: dict[str, tuple[str, ...]] = {}
        for path in sorted((boundaries_dir / "admin1").glob("???-2025.geojson")):
            table = pyogrio.read_dataframe(path, read_geometry=False)
            for row in table.itertuples():
                current[row.code] = Province(
                    row.code, row.iso_a3, row.name_en or "", row.name_ja or "", row.name_local or ""
                )
                formed_from[row.code] = tuple(row.former_codes.split(","))
        for path in sorted((boundaries_dir / "admin1").glob("???.geojson")):
            iso3 = path.stem
            table = pyogrio.read_dataframe(path)
            bounds[iso3] = lonlat_bounds(table.geometry)
            for row in table.itertuples():
                provinces[row.code] = Province(
                    code=row.code,
                    iso_a3=iso3,
                    name_en=row.name_en or "",
                    name_ja=row.name_ja or "",
                    name_local=row.name_local or "",
                )
        outlines = pyogrio.read_dataframe(boundaries_dir / "countries.geojson", read_geometry=False)
        countries = dict(zip(outlines["id"], outlines["name_en"], strict=True))
        return cls(provinces, bounds, current, formed_from, countries)

    def has_current_layer(self, iso3: str) -> bool:
        return any(p.iso_a3 == iso3 for p in self.current.values())

    def current_of(self, iso3: str) -> list[Province]:
        return sorted(
            (p for p in self.current.values() if p.iso_a3 == iso3), key=lambda p: p.name_en
        )

    def to_current(self, iso3: str) -> dict[str, str]:
        """Old code -> the code of the unit in force today that it became part of."""
        return {
            old: new
            for new, olds in self.formed_from.items()
            if self.current[new].iso_a3 == iso3
            for old in olds
        }

    @property
    def search_names(self) -> dict[str, str]:
        """Every name of each province, for free-text search."""
        return {
            code: " ".join(filter(None, (p.name_en, p.name_local, p.name_ja)))
            for code, p in self.provinces.items()
        }

    def provinces_of(self, iso3: str) -> list[Province]:
        """In alphabetical order as a reader expects it: 'Bạc Liêu' before 'Bình Định'."""
        return sorted(
            (p for p in self.provinces.values() if p.iso_a3 == iso3),
            key=lambda p: fold(p.name_en),
        )


SELECTION_CACHE_SIZE = 64


class Repository:
    def __init__(self, projects_file: Path, boundaries_dir: Path) -> None:
        self.projects_file = projects_file
        self.boundaries_dir = boundaries_dir
        self.boundaries = BoundaryIndex.read(boundaries_dir)
        self._lock = threading.Lock()
        self._signature = self._stat()
        self._store = load_store(projects_file, self.boundaries.search_names)
        self._selections: OrderedDict[ProjectFilter, tuple[ProjectStore, Selection]] = OrderedDict()
        self._selections_lock = threading.Lock()

    def select(self, spec: ProjectFilter) -> tuple[ProjectStore, Selection]:
        """The current store and what the filter selects in it, computed once per filter.

        One filter change fires several callbacks (map, detail panel, table) with the same
        filter; they share one selection. "Today" is fixed in the key, and a new store
        (after an import) never reuses a selection of the old one.
        """
        store = self.store
        spec = replace(spec, as_of=spec.as_of or date.today())
        with self._selections_lock:
            cached = self._selections.get(spec)
            if cached and cached[0] is store:
                self._selections.move_to_end(spec)
                return cached
        selection = select(store, spec)
        with self._selections_lock:
            self._selections[spec] = (store, selection)
            while len(self._selections) > SELECTION_CACHE_SIZE:
                self._selections.popitem(last=False)
        return store, selection

    def _stat(self) -> tuple[int, int]:
        stat = self.projects_file.stat()
        return stat.st_mtime_ns, stat.st_size

    @property
    def store(self) -> ProjectStore:
        """The current store; reloaded once the file on disk has been replaced."""
        signature = self._stat()
        if signature != self._signature:
            with self._lock:
                if signature != self._signature:
                    self._store = load_store(self.projects_file, self.boundaries.search_names)
                    self._signature = signature
        return self._store
