"""Where the running app gets its data: the current store and the boundary index.

The data is re-read when its source has a new version (an import swaps the file in
atomically, or commits a new version to the database), and the new store replaces the old one
in a single assignment: no request sees a mix. When the source cannot be read (the database is
down, the file is broken), the last good store goes on being served, ``health()`` says
"degraded" and why, and the next successful check brings it back to "ok" by itself.
"""

from __future__ import annotations

import difflib
import logging
import os
import re
import threading
import time
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.ops import polylabel

from . import place_levels
from .boundaries import LAYER_IMPLEMENTED
from .filters import ProjectFilter, Selection, known_values, select
from .loading import ProjectStore, build_store, fold
from .places import name_keys
from .sources import DataSource, FileSource, Snapshot, SourceUnavailable

log = logging.getLogger(__name__)


def lonlat_bounds(geometries: gpd.GeoSeries) -> tuple[float, float, float, float]:
    """The box around a layer; across the antimeridian (Fiji) east is past 180."""
    west, south, east, north = (float(v) for v in geometries.total_bounds)
    if east - west > 180:
        boxes = geometries.explode(index_parts=False).bounds
        lefts = boxes["minx"].where(boxes["minx"] >= 0, boxes["minx"] + 360)
        rights = boxes["maxx"].where(boxes["maxx"] > 0, boxes["maxx"] + 360)
        west, east = float(lefts.min()), float(rights.max())
    return west, south, east, north


LabelPoint = tuple[float, float, float]  # lon, lat, and the unit's area in square degrees


def label_points(codes: Any, geometries: gpd.GeoSeries) -> dict[str, LabelPoint]:
    """Where each unit's name goes: the point of its largest part farthest from its edges
    (a name at a centroid can fall in the sea or a neighbour), with the unit's area, so
    that the largest are named first and the smallest can be marked."""
    labels: dict[str, LabelPoint] = {}
    areas = shapely.area(np.asarray(geometries, dtype=object))
    for code, geometry, area in zip(codes, geometries, areas, strict=True):
        if geometry is None or geometry.is_empty:
            continue
        largest = max(getattr(geometry, "geoms", [geometry]), key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.02)
        labels[str(code)] = (round(point.x, 4), round(point.y, 4), round(float(area), 4))
    return labels


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
    # Where to write each unit's name (provinces of both layers, countries): ``label_points``.
    labels: dict[str, LabelPoint] = field(default_factory=dict)
    # Units in force today that cover parts of former ones (Nepal's provinces since 2015 and
    # its zones): projects are placed on either, so each stands for the other.
    overlaps: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Units staff may name that no layer draws, with the drawn units they cover or lie in:
    # ISO 3166-2's units above the drawn ones (LK-6: LK-61, LK-62), and units drawn by no
    # offline source (ID-PS: ID-PA). See ``place_levels``.
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    group_units: dict[str, Province] = field(default_factory=dict)
    # The shapes of the units of layers that overlap (Nepal's zones and provinces), prepared:
    # a site's own point says which of them it is in (``placement``).
    shapes: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def read(cls, boundaries_dir: Path) -> BoundaryIndex:
        provinces: dict[str, Province] = {}
        bounds: dict[str, tuple[float, float, float, float]] = {}
        current: dict[str, Province] = {}
        formed_from: dict[str, tuple[str, ...]] = {}
        labels: dict[str, LabelPoint] = {}
        overlaps: dict[str, tuple[str, ...]] = {}
        shapes: dict[str, Any] = {}
        for layer in place_levels.later_layers():
            path = boundaries_dir / layer.file
            if not path.is_file():
                continue
            table = pyogrio.read_dataframe(path)
            labels |= label_points(table["code"], table.geometry)
            related = formed_from if layer.relation == place_levels.FORMED_FROM else overlaps
            if layer.relation == place_levels.OVERLAPS:
                shapes |= _prepared(table)
            for row in table.itertuples():
                current[row.code] = Province(
                    row.code, row.iso_a3, row.name_en or "", row.name_ja or "", row.name_local or ""
                )
                related[row.code] = tuple(row.former_codes.split(","))
        for path in sorted((boundaries_dir / "admin1").glob("???.geojson")):
            iso3 = path.stem
            table = pyogrio.read_dataframe(path)
            bounds[iso3] = lonlat_bounds(table.geometry)
            labels |= label_points(table["code"], table.geometry)
            if any(
                later.relation == place_levels.OVERLAPS for later in place_levels.layers_of(iso3)
            ):
                shapes |= _prepared(table)
            for row in table.itertuples():
                provinces[row.code] = Province(
                    code=row.code,
                    iso_a3=iso3,
                    name_en=row.name_en or "",
                    name_ja=row.name_ja or "",
                    name_local=row.name_local or "",
                )
        outlines = pyogrio.read_dataframe(boundaries_dir / "countries.geojson")
        countries = dict(zip(outlines["id"], outlines["name_en"], strict=True))
        labels |= label_points(outlines["id"], outlines.geometry)
        groups, group_units = _groups(provinces)
        return cls(
            provinces, bounds, current, formed_from, countries, labels, overlaps, groups,
            group_units, shapes,
        )  # fmt: skip

    def placement(
        self, admin1: str | None, place: str | None, precision: int, lon: float, lat: float
    ) -> place_levels.Placement:
        """Where a location counts in every layer of its country: its district, or its own
        point (precision 1 or 2: not a unit's representative point), says which of the units
        of an overlapping layer holds it (``place_levels.placement``)."""
        inside: tuple[str, ...] = ()
        if admin1 in self.shapes and precision <= place_levels.PRECISION_NEAR:
            inside = tuple(
                code for code, shape in self.shapes.items() if shapely.contains_xy(shape, lon, lat)
            )
        return place_levels.placement(admin1, place, self.overlaps, inside)

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

    @cached_property
    def became_part_of(self) -> dict[str, str]:
        """Every implemented unit -> the unit in force today it became part of, in every
        country whose later layer is formed from whole former units (Viet Nam's Thừa Thiên
        Huế -> Huế, VN-2025-46): where such a site also counts, surely."""
        return {old: new for new, olds in self.formed_from.items() for old in olds}

    @cached_property
    def all_units(self) -> dict[str, Province]:
        """Every unit a filter may name: those projects were placed on, and those in force
        today where they differ (Viet Nam's 34 since 1 July 2025)."""
        return {**self.group_units, **self.provinces, **self.current}

    def country_layers(self, iso3: str) -> list[tuple[place_levels.Layer, list[Province]]]:
        """Each layer of a country (the oldest first) with its units: what a list of the
        country's places (``/api/vocabularies``, the layer switch) offers."""
        return [
            (
                layer,
                self.provinces_of(iso3)
                if layer.key == LAYER_IMPLEMENTED
                else self.current_of(iso3),
            )
            for layer in place_levels.layers_of(iso3)
            if layer.key == LAYER_IMPLEMENTED or self.has_current_layer(iso3)
        ]

    def country_places(self, iso3: str) -> dict[str, Any]:
        """A country's places as JSON: each layer (level, validity, relation, file) with its
        units (and what each was formed from or overlaps), and the wider units staff may
        name (ISO 3166-2's regions and provinces above the drawn units, units no offline
        source draws) with the drawn units each stands for. One function for
        ``/api/vocabularies`` and any other list of a country's places."""

        def unit(province: Province) -> dict[str, Any]:
            return {
                "code": province.code,
                "name_en": province.name_en,
                "name_ja": province.name_ja or None,
                "name_local": province.name_local or None,
            }

        def related(code: str) -> dict[str, Any]:
            if code in self.formed_from:
                return {"formed_from": list(self.formed_from[code])}
            if code in self.overlaps:
                return {"overlaps": list(self.overlaps[code])}
            return {}

        layers = [
            {
                "key": layer.key,
                "level": layer.level,
                "valid_from": layer.valid_from.isoformat() if layer.valid_from else None,
                "valid_until": layer.valid_until.isoformat() if layer.valid_until else None,
                "relation": layer.relation,
                "file": layer.file,
                "units": [unit(p) | related(p.code) for p in units],
            }
            for layer, units in self.country_layers(iso3)
        ]
        wider = [unit(p) | {"units": list(self.groups[p.code])} for p in self.groups_of(iso3)]
        drawn = {p.code: p for p in self.provinces_of(iso3)}
        # A region drawn whole among provinces (the Philippines' NCR) is one of the regions.
        wider += [unit(drawn[c]) | {"units": [c]} for c in place_levels.regions_drawn(drawn)]
        wider.sort(key=lambda found: found["code"])
        return {"country": iso3, "layers": layers, "wider": wider}

    def groups_of(self, iso3: str) -> list[Province]:
        """The named units above the drawn ones (or drawn by no source) of a country."""
        return sorted(
            (unit for unit in self.group_units.values() if unit.iso_a3 == iso3),
            key=lambda unit: unit.code,
        )

    def regroup_into(self, iso3: str, key: str) -> dict[str, str | tuple[str, ...]]:
        """The code a project was placed on -> the drawn unit(s) of layer ``key`` it counts in,
        where that is not the code itself: Viet Nam's 63 -> the one of the 34 each became part
        of. Not Nepal's: a site there counts in the units of both layers that hold it
        (``placement``), each of which the layer shown counts directly."""
        if key == LAYER_IMPLEMENTED:
            return {}
        return dict(self.to_current(iso3))

    @cached_property
    def became(self) -> dict[str, Province]:
        """A unit projects were placed on -> the unit in force today that it is part of
        (Viet Nam's 63 -> 34 since 1 July 2025)."""
        return {old: self.current[new] for new, olds in self.formed_from.items() for old in olds}

    def implemented_codes(self, codes: tuple[str, ...]) -> tuple[str, ...]:
        """The units projects were placed on that ``codes`` cover: a unit in force today
        stands for the ones it was formed from (``VN-2025-48`` for VN-27 and VN-DN); any
        other code for itself."""
        wide = (unit for code in codes for unit in self.groups.get(code, (code,)))
        expanded: list[str] = []
        # Not through overlaps: a site counts in the units of both of Nepal's layers that
        # hold it, each its own value of the province facet (``placement``).
        for code in wide:
            expanded += self.formed_from.get(code, (code,))
        return tuple(dict.fromkeys(expanded))

    @cached_property
    def _region_keys(self) -> dict[tuple[str, str], str]:
        """(country, a wider unit's name folded) -> its code: every name staff may write."""
        keys: dict[tuple[str, str], str] = {}
        by_country: dict[str, dict[str, str]] = {}
        for code, province in self.provinces.items():
            by_country.setdefault(province.iso_a3, {})[code] = province.name_en
        for iso3, drawn in by_country.items():
            for unit in place_levels.named_units(iso3, drawn):
                if unit.code in self.group_units:
                    keys |= {(iso3, _name_key(name)): unit.code for name in unit.names}
        return keys

    @cached_property
    def _unit_keys(self) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
        """Each unit's names (every layer, and the wider units with the names staff write)
        by their keys as the import reads them (``places.name_keys``): exact keys, then
        keys without the word for the level; and each key's name, for "did you mean"."""
        names: dict[str, set[str]] = {}
        for code, unit in self.all_units.items():
            known = {code, unit.name_en, unit.name_local, unit.name_ja}
            names.setdefault(code, set()).update(known, place_levels.other_names(code))
        for iso3 in sorted({iso3 for iso3, _ in self._region_keys}):
            drawn = {c: p.name_en for c, p in self.provinces.items() if p.iso_a3 == iso3}
            for wide in place_levels.named_units(iso3, drawn):
                if wide.code in self.group_units:
                    names[wide.code].update(wide.names)
        exact: dict[str, set[str]] = {}
        bare: dict[str, set[str]] = {}
        shown: dict[str, str] = {}
        for code, found in names.items():
            for name in filter(None, found):
                key, stripped = name_keys(name)
                exact.setdefault(key, set()).add(code)
                bare.setdefault(stripped, set()).add(code)
                shown.setdefault(stripped, name)
        keys = {k: tuple(sorted(v)) for k, v in bare.items()}
        keys |= {f"={k}": tuple(sorted(v)) for k, v in exact.items()}
        return keys, shown

    def units_named(self, text: str) -> tuple[tuple[str, ...], list[str]]:
        """The units a name stands for, at any level and in any language, read as the import
        reads it: a unit of any layer ('Bagmati Province', バグマティ州), a wider one
        ('Central Visayas': PH-07), one of Nepal's districts as the province it is in today
        ('Kaski District': NP-P4); several when the name fits several ('Bagmati': the zone
        and the province). With none, the closest names ("did you mean")."""
        keys, shown = self._unit_keys
        key, stripped = name_keys(text)
        found = keys.get(f"={key}") or keys.get(stripped, ())
        if not found:
            district = place_levels.district_units(text)
            found = tuple(c for c in district if c in self.current) or district[:1]
        if found:
            return found, []
        # A bounded cost: no name is 100 characters long, so longer text suggests none.
        close = (
            difflib.get_close_matches(stripped, list(shown), 3, 0.6)
            if 0 < len(stripped) <= 100
            else []
        )
        return (), [f"{shown[k]} ({', '.join(keys[k])})" for k in close]

    def region_unit(self, iso3: str, text: str | None) -> Province | None:
        """The wider unit a location's region names ("Region III (Central Luzon)": PH-03),
        so that it is shown in the page's language; None when none is known by that name."""
        if not text:
            return None
        parts = [text, *re.split(r"\s*[()]\s*", text)]
        for part in parts:
            code = self._region_keys.get((iso3, _name_key(part)))
            if code:
                return self.group_units[code]
        return None

    @cached_property
    def overlapped_by(self) -> dict[str, tuple[str, ...]]:
        """A former unit -> the units in force today that cover part of it (Nepal's zones)."""
        found: dict[str, list[str]] = {}
        for new, olds in self.overlaps.items():
            for old in olds:
                found.setdefault(old, []).append(new)
        return {old: tuple(news) for old, news in found.items()}

    @property
    def search_names(self) -> dict[str, str]:
        """Every name of each province, and of the wider units it is part of (a search for
        "North Western Province" finds Kurunegala's projects), for free-text search."""
        wider: dict[str, list[Province]] = {}
        for group, members in self.groups.items():
            for member in members:
                wider.setdefault(member, []).append(self.group_units[group])
        return {
            code: " ".join(
                name
                for unit in (p, *wider.get(code, ()))
                for name in (unit.name_en, unit.name_local, unit.name_ja)
                if name
            )
            for code, p in {**self.provinces, **self.current}.items()
        }

    def provinces_of(self, iso3: str) -> list[Province]:
        """In alphabetical order as a reader expects it: 'Bạc Liêu' before 'Bình Định'."""
        return sorted(
            (p for p in self.provinces.values() if p.iso_a3 == iso3),
            key=lambda p: fold(p.name_en),
        )


def _name_key(text: str) -> str:
    return re.sub(r"\W+", "", fold(text))


def _prepared(table: gpd.GeoDataFrame) -> dict[str, Any]:
    shapes = {}
    for code, geometry in zip(table["code"], table.geometry, strict=True):
        if geometry is not None:
            shapely.prepare(geometry)
            shapes[str(code)] = geometry
    return shapes


def _groups(
    provinces: dict[str, Province],
) -> tuple[dict[str, tuple[str, ...]], dict[str, Province]]:
    """Each country's named units above its drawn ones, or drawn by no offline source."""
    groups: dict[str, tuple[str, ...]] = {}
    units: dict[str, Province] = {}
    by_country: dict[str, dict[str, str]] = {}
    for code, province in provinces.items():
        by_country.setdefault(province.iso_a3, {})[code] = province.name_en
    for iso3, drawn in sorted(by_country.items()):
        for unit in place_levels.named_units(iso3, drawn):
            if unit.code and unit.code not in drawn:
                groups[unit.code] = unit.within
                ja = place_levels.TRANSLATED_JA.get(unit.code, "")
                units[unit.code] = Province(unit.code, iso3, unit.names[0], ja, unit.names[0])
    return groups, units


SELECTION_CACHE_SIZE = 64
UNUSABLE_DATA = "the dataset has records the app cannot use"


@dataclass(frozen=True)
class Problem:
    reason: str  # safe to show publicly
    since: float  # time.time() of the first failure in a row


class Repository:
    """The current store of one process, checked against its source.

    A file is checked on every access (a stat); a database is polled every ``poll_seconds``
    from a background thread of each process that serves requests (``start_polling``), so
    that no request ever waits on the database. The first load must succeed: before it there
    is no data to fall back on.
    """

    def __init__(
        self,
        source: DataSource | Path,
        boundaries_dir: Path,
        *,
        poll_seconds: float = 5.0,
    ) -> None:
        self.source: DataSource = FileSource(source) if isinstance(source, Path) else source
        self.boundaries_dir = boundaries_dir
        self.poll_seconds = poll_seconds
        self.boundaries = BoundaryIndex.read(boundaries_dir)
        snapshot = self.source.load()
        self._store = build_store(
            snapshot.projects,
            snapshot.meta,
            self.boundaries.search_names,
            self.boundaries.placement,
        )
        self._version: Hashable = snapshot.version
        self._loaded = (self._store, self._version)  # read as one, for cache keys
        self._checked_at = time.time()  # when the source last confirmed the data current
        self._problem: Problem | None = None
        self._failed_version: Hashable | None = None  # a version whose data could not be loaded
        self._lock = threading.Lock()
        self._poller_lock = threading.Lock()
        self._poller_pid: int | None = None
        self._checked_pid = os.getpid()  # the process whose check the state above reflects
        self._selections: OrderedDict[ProjectFilter, tuple[ProjectStore, Selection]] = OrderedDict()
        self._selections_lock = threading.Lock()
        # gunicorn forks workers from a master that built the app (preload_app): a lock held
        # there at the moment of the fork would stay held in the worker for ever.
        ref = weakref.ref(self)

        def after_fork() -> None:
            if (repository := ref()) is not None:
                repository._after_fork()

        os.register_at_fork(after_in_child=after_fork)

    def _after_fork(self) -> None:
        self._lock = threading.Lock()
        self._poller_lock = threading.Lock()
        self._selections_lock = threading.Lock()
        self._poller_pid = None

    def select(self, spec: ProjectFilter) -> tuple[ProjectStore, Selection]:
        """The current store and what the filter selects in it, computed once per filter.

        One filter change fires several callbacks (map, detail panel, table) with the same
        filter; they share one selection. "Today" is fixed in the key, values the store does
        not have are one ``UNKNOWN_VALUE`` in it (``known_values``), at most
        ``SELECTION_CACHE_SIZE`` filters are kept, and a new store (after an import) never
        reuses a selection of the old one.
        """
        store = self.store
        # Projects name the units they were placed on: a unit in force today selects
        # the projects of the ones it was formed from.
        provinces = self.boundaries.implemented_codes(spec.province)
        spec = replace(spec, as_of=spec.as_of or date.today(), province=provinces)
        spec = known_values(store, spec)
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

    @property
    def store(self) -> ProjectStore:
        """The current store: the newest the source gave, or the last good one."""
        if self.source.check_inline:
            self._check_inline()
        return self._store

    def current(self) -> tuple[ProjectStore, Hashable]:
        """The current store and the source's version of it, as one pair."""
        self.store  # noqa: B018  (checks a file source first)
        return self._loaded

    def refresh(self) -> bool:
        """Ask the source once; load a new version whole. False (and the old store kept)
        when the source cannot answer."""
        with self._lock:
            try:
                return self._refresh()
            finally:
                self._checked_pid = os.getpid()

    def _refresh(self) -> bool:
        version: Hashable | None = None
        try:
            version = self.source.version()
            if version == self._failed_version and self._problem:
                raise SourceUnavailable(self._problem.reason)
            if version != self._version:
                snapshot = self.source.load()
                store = self._build(snapshot)
                self._store, self._version = store, snapshot.version
                self._loaded = (store, snapshot.version)
                log.info("data: loaded version %s (%d projects)", snapshot.version, len(store))
        except SourceUnavailable as error:
            if version is not None:
                self._failed_version = version
            if self._problem is None:
                log.warning("data: %s; serving the last good data", error)
            self._problem = Problem(
                error.reason, self._problem.since if self._problem else time.time()
            )
            return False
        if self._problem is not None:
            log.warning("data: the %s source answers again", self.source.kind)
        self._problem, self._failed_version = None, None
        self._checked_at = time.time()
        return True

    def _build(self, snapshot: Snapshot) -> ProjectStore:
        """The store of a snapshot. Records the source could read but the app cannot use
        (a hand edit: ``fields`` holding a list, a longitude of "abc") are a failure of this
        version like an unreadable file: the last good store stays, and the version is not
        tried again until the source changes."""
        try:
            return build_store(
                snapshot.projects,
                snapshot.meta,
                self.boundaries.search_names,
                self.boundaries.placement,
            )
        except Exception as error:  # whatever a record can break, not a server error
            raise SourceUnavailable(UNUSABLE_DATA, repr(error)[:500]) from error

    def _check_inline(self) -> None:
        try:
            unchanged = self.source.version() == self._version
        except SourceUnavailable:
            unchanged = False
        if unchanged and self._problem is None:
            self._checked_at = time.time()
            return
        self.refresh()

    def start_polling(self) -> None:
        """Poll the source from a thread of this process, once per process. Called for each
        request (cheap): gunicorn's master builds the app but serves nothing, and must not
        poll; each worker starts on its first request."""
        if self.source.check_inline or self._poller_pid == os.getpid():
            return
        with self._poller_lock:
            if self._poller_pid == os.getpid():
                return
            self._poller_pid = os.getpid()
        thread = threading.Thread(target=self._poll, name="jpp-data-poller", daemon=True)
        thread.start()

    def _poll(self) -> None:
        pid = os.getpid()
        while self._poller_pid == pid:
            time.sleep(self.poll_seconds)
            try:
                self.refresh()
            except Exception:  # a bug must not stop the polling: /healthz would go stale
                log.exception("data: checking the %s source failed", self.source.kind)

    def stale_after(self) -> float:
        """No answer for this long counts as a failure even if no check has failed yet (a
        check can hang on a dead network until the TCP timeout)."""
        return 3 * self.poll_seconds + 30

    def health(self) -> dict[str, Any]:
        """What /healthz reports: "ok", or "degraded" with the reason and the data's age."""
        store = self.store
        if self._checked_pid != os.getpid():
            # A worker's first answer: what it inherited from the master is not a check.
            self.refresh()
        now = time.time()
        problem = self._problem
        age = now - self._checked_at
        if problem is None and not self.source.check_inline and age > self.stale_after():
            problem = Problem(f"the {self.source.kind} source has not answered", self._checked_at)
        if problem is None:
            return {"status": "ok", "projects": len(store)}
        return {
            "status": "degraded",
            "projects": len(store),
            "reason": problem.reason,
            "since": _iso(problem.since),
            "data_checked_at": _iso(self._checked_at),
            "data_age_seconds": int(age),
        }


def _iso(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, UTC).isoformat(timespec="seconds")
