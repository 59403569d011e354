"""Nepal's 7 provinces of 2015, built from its 766 local units (reproducible, offline).

Natural Earth draws Nepal's 14 zones, abolished by the constitution of 20 September 2015.
The provinces are the unions of their districts (the constitution's schedule 4), two of which
it divided between provinces: Nawalparasi (East → Gandaki, West → Lumbini) and Rukum
(East → Lumbini, West → Karnali), split here by local unit.

Source: ``nepal-municipalities.geojson`` of the geoJSON-Nepal collection (Saugat Acharya, MIT),
kept in the project's shared reference (``../shared/reference/nepal/`` beside the repository;
sha256 pinned). The source's local units do not quite tile (slivers between neighbours, small
overlaps): each province is the union of its units, overlaps go to the first province in code
order, and the slivers inside the country go to the neighbour that borders them most. The
result is simplified like every admin-1 layer (coverage simplification), so the provinces share
their edges exactly.

Each province also records the zones of Natural Earth's layer it overlaps (``former_codes``,
by area): the relation through which a project placed on a zone is found in the provinces.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from shapely.geometry.base import BaseGeometry

from .. import REPO_ROOT
from .boundaries import (
    SourceMismatchError,
    _admin1_tolerance,
    _feature_collection,
    _simplify,
    _write_atomic,
)

NEPAL_SOURCE = REPO_ROOT.parent / "shared" / "reference" / "nepal" / "nepal-municipalities.geojson"
NEPAL_SOURCE_SHA256 = "3258e6e61e273bc70daca9d795c40b448131d9a8667502cccbf65c97f443e675"
NEPAL_LAYER = "admin1/NPL-2015.geojson"
NEPAL_VALID_FROM = "2015-09-20"  # the constitution's promulgation

# Districts as the source spells them (75, before the split) -> province (schedule 4).
_PROVINCE_DISTRICTS: dict[str, tuple[str, ...]] = {
    "NP-P1": (
        "Bhojpur", "Dhankuta", "Ilam", "Jhapa", "Khotang", "Morang", "Okhaldhunga",
        "Panchthar", "Sankhuwasabha", "Solukhumbu", "Sunsari", "Taplejung", "Terathum",
        "Udayapur",
    ),
    "NP-P2": ("Bara", "Dhanusa", "Mahottari", "Parsa", "Rautahat", "Saptari", "Sarlahi", "Siraha"),
    "NP-P3": (
        "Bhaktapur", "Chitwan", "Dhading", "Dolakha", "Kathmandu", "Kavrepalanchok",
        "Lalitpur", "Makwanpur", "Nuwakot", "Ramechhap", "Rasuwa", "Sindhuli",
        "Sindhupalchowk",
    ),
    "NP-P4": (
        "Baglung", "Gorkha", "Kaski", "Lamjung", "Manag", "Mustang", "Myagdi", "Parbat",
        "Syangja", "Tanahun",
    ),
    "NP-P5": (
        "Arghakhanchi", "Banke", "Bardiya", "Dang", "Gulmi", "Kapilbastu", "Palpa", "Pyuthan",
        "Rolpa", "Rupandehi",
    ),
    "NP-P6": (
        "Dailekh", "Dolpa", "Humla", "Jajarkot", "Jumla", "Kalikot", "Mugu", "Salyan", "Surkhet",
    ),
    "NP-P7": (
        "Achham", "Baitadi", "Bajhang", "Bajura", "Dadeldhura", "Darchula", "Doti", "Kailali",
        "Kanchanpur",
    ),
}  # fmt: skip
# The two divided districts, by local unit (the source's NAME). Their protected areas (Chitwan
# National Park's piece in Nawalparasi, Dhorpatan Hunting Reserve's in Rukum) are not local
# units: they go to the province whose units of the same district border them most.
DIVIDED_DISTRICTS = ("Nawalparasi", "Rukum")
_DIVIDED_UNITS: dict[str, str] = {
    # Nawalparasi East (Nawalpur) -> Gandaki; West (Parasi) -> Lumbini
    **dict.fromkeys(
        ("Binayee", "Bulingtar", "Bungdikali", "Devchuli", "Gaidakot", "Hupsekot", "Kawasoti",
         "Madhyabindu"),
        "NP-P4",
    ),
    **dict.fromkeys(
        ("Bardaghat", "Palhinandan", "Pratappur", "Ramgram", "Sarawal", "Sunwal",
         "Tribenisusta"),
        "NP-P5",
    ),
    # Rukum East -> Lumbini; West -> Karnali
    **dict.fromkeys(("Bhume", "Putha Uttarganga", "Sisne Gaunpalika"), "NP-P5"),
    **dict.fromkeys(
        ("Aathbiskot", "Banfikot", "Chaurjahari", "Musikot", "Sani Veri", "Tribeni"), "NP-P6"
    ),
}  # fmt: skip

# English: ISO 3166-2 (pycountry) with "Province", as the provinces are called in English.
# Japanese: written by the curators (katakana of the name, 州 as Japanese writes Nepal's
# provinces); Natural Earth writes the zones of the same name バグマティ県, ガンダキ県,
# ルンビニ県, カルナリ県, the same katakana. Translated, not read from a source.
PROVINCE_NAMES: dict[str, tuple[str, str]] = {
    "NP-P1": ("Koshi Province", "コシ州"),
    "NP-P2": ("Madhesh Province", "マデシュ州"),
    "NP-P3": ("Bagmati Province", "バグマティ州"),
    "NP-P4": ("Gandaki Province", "ガンダキ州"),
    "NP-P5": ("Lumbini Province", "ルンビニ州"),
    "NP-P6": ("Karnali Province", "カルナリ州"),
    "NP-P7": ("Sudurpashchim Province", "スドゥルパシュチム州"),
}
# A zone counts as overlapping a province when at least this share of its area is in it (the
# two sources' edges differ by slivers; the smallest real share, Rapti's Rukum West, is ~10%).
ZONE_OVERLAP_SHARE = 0.02
_HOLE_FILL_DEG2 = 1e-3  # slivers inside the country, ~12 km² at most; Nepal has no enclave

DISTRICT_PROVINCE: dict[str, str] = {
    district: code for code, districts in _PROVINCE_DISTRICTS.items() for district in districts
}


class NepalSourceError(RuntimeError):
    """The reference file is missing or not the pinned one."""


def _read_source(path: Path) -> tuple[list[str], np.ndarray, list[str]]:
    if not path.is_file():
        raise NepalSourceError(f"{path} is missing: the shared reference is beside the repo")
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != NEPAL_SOURCE_SHA256:
        raise NepalSourceError(f"{path} has sha256 {digest}, expected {NEPAL_SOURCE_SHA256}")
    table = pyogrio.read_dataframe(path)
    geoms = shapely.set_precision(shapely.make_valid(np.asarray(table.geometry.values)), 1e-6)
    polygonal = np.array([_polygonal(g) for g in geoms])
    return list(table["DISTRICT"]), polygonal, list(table["NAME"])


def _polygonal(geometry: BaseGeometry) -> BaseGeometry:
    parts = getattr(geometry, "geoms", [geometry])
    return shapely.union_all([p for p in parts if p.geom_type in ("Polygon", "MultiPolygon")])


def province_of_unit(district: str, name: str) -> str | None:
    """The province of one local unit; None for a protected area of a divided district."""
    if district in DIVIDED_DISTRICTS:
        return _DIVIDED_UNITS.get(name)
    if district not in DISTRICT_PROVINCE:
        raise SourceMismatchError(f"Nepal: district {district!r} is in no province")
    return DISTRICT_PROVINCE[district]


def _assign(districts: list[str], geoms: np.ndarray, names: list[str]) -> list[str]:
    """Each local unit's province; a protected area of a divided district takes the province
    of the units of its district it borders most."""
    codes = [province_of_unit(d, n) for d, n in zip(districts, names, strict=True)]
    for index, code in enumerate(codes):
        if code is not None:
            continue
        border: dict[str, float] = {}
        for other, other_code in enumerate(codes):
            if other_code and districts[other] == districts[index]:
                shared = shapely.intersection(
                    shapely.boundary(geoms[index]), geoms[other].buffer(1e-5)
                )
                border[other_code] = border.get(other_code, 0.0) + shapely.length(shared)
        codes[index] = max(border, key=lambda c: border[c])
    return [str(c) for c in codes]


def _tiled(provinces: dict[str, BaseGeometry]) -> dict[str, BaseGeometry]:
    """An exact coverage: the faces of all the provinces' edges, noded together, each given to
    the first province (by code) that holds it; a sliver between provinces (in none) goes to
    the neighbour it borders most, a bigger hole stays a hole."""
    edges = shapely.union_all([shapely.boundary(g) for g in provinces.values()])
    faces = list(shapely.polygonize(list(getattr(edges, "geoms", [edges]))).geoms)
    owner: list[str | None] = []
    for face in faces:
        point = face.representative_point()
        owner.append(next((c for c in sorted(provinces) if provinces[c].contains(point)), None))
    for index, face in enumerate(faces):
        if owner[index] is not None or face.area > _HOLE_FILL_DEG2:
            continue
        border: dict[str, float] = {}
        for other, code in enumerate(owner):
            if code is not None and faces[other].intersects(face):
                length = shapely.length(shapely.intersection(face.boundary, faces[other].boundary))
                border[code] = border.get(code, 0.0) + length
        if border:
            owner[index] = max(border, key=lambda c: border[c])
    pieces: dict[str, list[BaseGeometry]] = {code: [] for code in sorted(provinces)}
    for face, code in zip(faces, owner, strict=True):
        if code is not None:
            pieces[code].append(face)
    return {code: shapely.coverage_union_all(faces) for code, faces in pieces.items()}


def zone_overlaps(
    provinces: dict[str, BaseGeometry], zones: dict[str, BaseGeometry]
) -> dict[str, tuple[str, ...]]:
    """Province -> the zones that have at least ``ZONE_OVERLAP_SHARE`` of their area in it."""
    return {
        code: tuple(
            zone
            for zone, shape in sorted(zones.items())
            if shapely.area(shapely.intersection(shape, geometry))
            >= ZONE_OVERLAP_SHARE * shape.area
        )
        for code, geometry in provinces.items()
    }


def build_nepal_provinces(
    source: Path, zones: dict[str, BaseGeometry]
) -> tuple[list[dict[str, str]], np.ndarray]:
    """The 7 provinces (properties sorted by code, simplified geometries)."""
    districts, geoms, names = _read_source(Path(source))
    codes = _assign(districts, geoms, names)
    dissolved = {
        code: shapely.union_all([g for g, c in zip(geoms, codes, strict=True) if c == code])
        for code in sorted(set(codes))
    }
    if sorted(dissolved) != sorted(PROVINCE_NAMES):
        raise SourceMismatchError(f"Nepal: provinces {sorted(dissolved)}")
    tiled = _tiled(dissolved)
    ordered = sorted(tiled)
    simplified = _simplify(
        np.array([tiled[c] for c in ordered]),
        _admin1_tolerance(np.array([tiled[c] for c in ordered])),
        "admin-1 NPL 2015",
    )
    overlaps = zone_overlaps(dict(zip(ordered, simplified, strict=True)), zones)
    properties = [
        {
            "code": code,
            "iso_a3": "NPL",
            "name_en": PROVINCE_NAMES[code][0],
            "name_ja": PROVINCE_NAMES[code][1],
            "name_local": PROVINCE_NAMES[code][0].removesuffix(" Province"),
            "type_en": "Province",
            "former_codes": ",".join(overlaps[code]),
        }
        for code in ordered
    ]
    return properties, simplified


def nepal_layer_bytes(source: Path, zone_features: Iterable[tuple[str, BaseGeometry]]) -> bytes:
    """The file ``admin1/NPL-2015.geojson`` as the build writes it."""
    properties, geoms = build_nepal_provinces(source, dict(zone_features))
    return _feature_collection(properties, geoms, "code")


def build_nepal(boundaries_dir: Path, source: Path = NEPAL_SOURCE) -> dict[str, int]:
    """Write ``admin1/NPL-2015.geojson`` beside the zones it relates to (``admin1/NPL.geojson``,
    built first). Returns its feature count and bytes."""
    zones = pyogrio.read_dataframe(Path(boundaries_dir) / "admin1" / "NPL.geojson")
    data = nepal_layer_bytes(source, zip(zones["code"], zones.geometry, strict=True))
    _write_atomic(Path(boundaries_dir) / NEPAL_LAYER, data)
    return {"features": len(PROVINCE_NAMES), "bytes": len(data)}
