"""Places at every level, and the boundary layers of each country over time (no Dash).

Each country's map draws one layer of units at a time (Natural Earth's admin-1, or a later one
built here: Viet Nam's 34 provinces since 1 July 2025, Nepal's 7 provinces since 20 September
2015). :data:`LAYERS` says, per country, each layer's level, its validity dates and how its
units relate to the layer projects were first placed on: ``formed_from`` (each unit is whole
former units: Viet Nam) or ``overlaps`` (each unit covers parts of former units: Nepal's
provinces and zones).

Staff name places at whatever level their project used: ISO 3166-2 (PyPI ``pycountry``) gives
the hierarchy above the drawn units (Sri Lanka's provinces over its districts, the Philippines'
regions over its provinces, Malawi's regions over its districts); Nepal's 77 districts lie below
its provinces (:mod:`.nepal`); Indonesia's Papuan provinces of 2022 are drawn by no offline
source and lie inside the units that they were split from.
"""

from __future__ import annotations

import gettext
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache, lru_cache

import pycountry

from .nepal import DISTRICT_PROVINCE, PROVINCE_NAMES

# IATI GeographicalPrecision
PRECISION_NEAR = 2  # the site itself, or near it: a point that says where it is
PRECISION_SECOND_ORDER = 3  # a district, or a province under a region
PRECISION_FIRST_ORDER = 4  # a province, region or state: the country's first level

IMPLEMENTED = "implemented"
CURRENT = "current"
FORMED_FROM = "formed_from"
OVERLAPS = "overlaps"


@dataclass(frozen=True)
class Layer:
    """One set of units a country's map can draw."""

    country: str  # ISO 3166-1 alpha-3
    key: str  # IMPLEMENTED (Natural Earth's) or CURRENT (in force today, where different)
    file: str  # relative to the boundaries directory
    level: str  # what its units are: province, zone, district, region, …
    valid_from: date | None = None
    valid_until: date | None = None  # the last day
    relation: str | None = None  # to the IMPLEMENTED layer: FORMED_FROM or OVERLAPS
    count: int | None = None  # how many units (None: as many as the file has)


LAYERS: dict[str, tuple[Layer, ...]] = {
    "VNM": (
        Layer("VNM", IMPLEMENTED, "admin1/VNM.geojson", "province", None, date(2025, 6, 30)),
        Layer(
            "VNM", CURRENT, "admin1/VNM-2025.geojson", "province", date(2025, 7, 1), None,
            FORMED_FROM, 34,
        ),
    ),
    "NPL": (
        Layer("NPL", IMPLEMENTED, "admin1/NPL.geojson", "zone", None, date(2015, 9, 19), None, 14),
        Layer(
            "NPL", CURRENT, "admin1/NPL-2015.geojson", "province", date(2015, 9, 20), None,
            OVERLAPS, 7,
        ),
    ),
}  # fmt: skip
# Natural Earth's level where ISO 3166-2 says otherwise than "province".
_LEVELS = {"LKA": "district", "MWI": "district", "WSM": "district"}


def layers_of(iso3: str) -> tuple[Layer, ...]:
    """The layers of a country, the oldest first; one (Natural Earth's) for most."""
    iso3 = iso3.upper()
    level = _LEVELS.get(iso3, "province")
    return LAYERS.get(iso3, (Layer(iso3, IMPLEMENTED, f"admin1/{iso3}.geojson", level),))


def default_layer(iso3: str) -> str:
    """The layer a country's map opens on: the units in force today where projects are
    placed on both layers and the older units are gone (Nepal's provinces: its zones were
    abolished in 2015); Natural Earth's elsewhere (Viet Nam's 63, on which its projects ran:
    each of the 34 is whole former provinces, so nothing is lost either way)."""
    layers = LAYERS.get(iso3.upper(), ())
    return CURRENT if any(layer.relation == OVERLAPS for layer in layers) else IMPLEMENTED


def layer_unnamed(iso3: str, chosen: Iterable[str]) -> str:
    """The layer a country's link draws when it names none: that of a chosen unit whose
    layer cuts across the other (``province=NP-P3``: Nepal's provinces, not the three zones
    it overlaps; ``province=NP-JA``: the zones), a province before a zone; else the
    country's own (:func:`default_layer`). The link names its layer when it is another."""
    keys = {layer.key for code in chosen if (layer := layer_of_code(code)) and _cuts(layer)}
    if keys:
        return CURRENT if CURRENT in keys else IMPLEMENTED
    return default_layer(iso3)


def _cuts(layer: Layer) -> bool:
    """Whether a layer's units cut across those of the country's other layer (Nepal's)."""
    return any(other.relation == OVERLAPS for other in LAYERS.get(layer.country, ()))


def later_layers() -> list[Layer]:
    """Every layer after Natural Earth's (the units in force today, where they differ)."""
    return [layer for layers in LAYERS.values() for layer in layers if layer.relation]


def layer_in_force(iso3: str, day: date) -> Layer:
    """The layer of the units in force on a day (a project's time)."""
    for layer in layers_of(iso3):
        after = layer.valid_from is None or layer.valid_from <= day
        if after and (layer.valid_until is None or day <= layer.valid_until):
            return layer
    return layers_of(iso3)[-1]


def layer_of_code(code: str) -> Layer | None:
    """The layer a unit's code belongs to, for the countries whose units changed (Viet Nam's
    63 and 34, Nepal's zones and provinces); None elsewhere."""
    vn_old, vn_new = LAYERS["VNM"]
    np_zones, np_provinces = LAYERS["NPL"]
    if code.startswith("VN-2025-"):
        return vn_new
    if code.startswith("VN-"):
        return vn_old
    if re.fullmatch(r"NP-P[1-7]", code):
        return np_provinces
    return np_zones if code in NEPAL_ZONE_DISTRICTS else None


def period_mismatch(code: str, start: date | None, end: date | None) -> Layer | None:
    """The layer of a unit a project could not have been named with in its time: one that
    came into force after the project ended (a 2010 project on a province of Nepal since
    2015; on Viet Nam's 34 before July 2025), or was abolished before it started (a 2022
    project on a zone of Nepal). ``start``: its earliest start; ``end``: its latest end (or
    its latest start when no end is stated). None when the unit fits or no date is known.
    A unit whole in a later one fits any later time (Viet Nam's 63: each is part of one of
    the 34, so a site on Huế's VN-26 is exactly in the Huế of 2025; the import places sites
    named with the 34 on the 63)."""
    layer = layer_of_code(code)
    if layer is None or (start is None and end is None):
        return None
    if layer.valid_from and end and end < layer.valid_from:
        return layer
    if layer.valid_until and start and layer.valid_until < start and not outlives(layer):
        return layer
    return None


def outlives(layer: Layer) -> bool:
    """Whether a layer's units stay whole in the layer after it (each of Viet Nam's 34 is
    whole former provinces): a site on one of them is still exactly placed after the
    reform. Nepal's zones do not (its provinces cut across them)."""
    later = [other for other in LAYERS.get(layer.country, ()) if other.relation]
    return layer.relation is None and any(other.relation == FORMED_FROM for other in later)


# The curators' words in a location's note when they inferred its unit, no source naming it
# (geodata/README.md: "admin-1 = the province of the project's time (2023), inferred, …").
_UNIT_INFERRED = re.compile(r"\badmin-1 = [^;]*\binferred\b")


def unit_inferred(note: str | None) -> bool:
    """Whether a location's unit was inferred by the curators, not stated by the sources
    (Nepal's NP05 and NP06: the province of the district their sources name)."""
    return bool(note and _UNIT_INFERRED.search(note))


# ---------------------------------------------------------------------------------------------
# ISO 3166-2's hierarchy


@dataclass(frozen=True)
class IsoUnit:
    code: str
    name: str
    type: str
    parent: str | None


# Natural Earth codes that pycountry does not list (cities NE draws apart; Maguindanao, split
# in 2022), with the ISO unit they are in.
_NE_PARENTS = {
    "PH-BCD": "PH-06",  # Bacolod (city), Western Visayas
    "PH-LAP": "PH-07",  # Lapu-Lapu (city), Central Visayas
    "PH-MDE": "PH-07",  # Mandaue (city), Central Visayas
    "PH-MAG": "PH-14",  # Maguindanao, ARMM (BARMM)
}
# ISO groupings that are not administrative (Indonesia's islands): a province under one is
# still first-order.
_NOT_ADMINISTRATIVE = frozenset({"Geographical unit"})
# Units of today that no offline boundary file draws, in the drawn units they were split from:
# Indonesia's Papuan provinces of 2022 (laws 14, 15, 16 and 29 of 2022).
SPLIT_FROM: dict[str, tuple[str, ...]] = {
    "ID-PS": ("ID-PA",),  # Papua Selatan, from Papua
    "ID-PT": ("ID-PA",),  # Papua Tengah, from Papua
    "ID-PE": ("ID-PA",),  # Papua Pegunungan, from Papua
    "ID-PD": ("ID-PB",),  # Papua Barat Daya, from Papua Barat
}
# Their names in English, and as Indonesian writes them where pycountry's differs.
_SPLIT_ALIASES = {
    "ID-PS": ("South Papua",),
    "ID-PT": ("Central Papua",),
    "ID-PE": ("Highland Papua", "Papua Pegunungan"),
    "ID-PD": ("Southwest Papua",),
}


@cache
def iso_units(iso2: str) -> dict[str, IsoUnit]:
    """Every ISO 3166-2 unit of a country (pycountry), by code."""
    units = pycountry.subdivisions.get(country_code=iso2.upper()) or []
    return {unit.code: IsoUnit(unit.code, unit.name, unit.type, unit.parent_code) for unit in units}


# The languages whose iso-codes translations (shipped with pycountry) give a unit's name as
# the country writes it: Nepali writes its provinces in Devanagari as the Hindi catalogue does
# (बागमती); Sri Lanka's Tamil names (வட மேற்கு மாகாணம்). iso-codes has no Nepali nor Sinhala
# catalogue: a Sinhala name (වයඹ පළාත) is not resolved. Japanese for every country.
_LOCAL_LANGUAGES = {"NP": ("hi",), "LK": ("ta",)}


@cache
def _iso_catalogue(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-2", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


def iso_names(code: str) -> tuple[str, ...]:
    """A unit's ISO 3166-2 name in Japanese and in its country's local languages, where
    iso-codes translates it (other than the English name)."""
    iso2 = code.split("-")[0]
    unit = iso_units(iso2).get(code)
    if unit is None:
        return ()
    langs = ("ja", *_LOCAL_LANGUAGES.get(iso2, ()))
    names = (_iso_catalogue(lang).gettext(unit.name) for lang in langs)
    return tuple(dict.fromkeys(n for n in names if n and n != unit.name))


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _arabic(alias: str) -> str | None:
    """'Region VII' -> 'Region 7', 'Region IV-A' -> 'Region 4-A' (as staff also write them)."""
    match = re.fullmatch(r"Region ([IVX]+)(-[AB])?", alias)
    if not match:
        return None
    digits = [_ROMAN[c] for c in match.group(1)]
    value = sum(-d if d < n else d for d, n in zip(digits, [*digits[1:], 0], strict=True))
    return f"Region {value}{match.group(2) or ''}"


def parent_of(code: str) -> str | None:
    """The administrative ISO unit a unit lies in (LK-61 → LK-6); None at the first level."""
    units = iso_units(code.split("-")[0])
    parent = _NE_PARENTS.get(code) or (units[code].parent if code in units else None)
    if parent and parent in units and units[parent].type in _NOT_ADMINISTRATIVE:
        return None
    return parent


def precision_of(code: str) -> int:
    """IATI precision of a place named as this unit: 3 under a region or province, else 4."""
    return PRECISION_SECOND_ORDER if parent_of(code) else PRECISION_FIRST_ORDER


def groups_over(drawn: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """Each ISO unit above the drawn ones → the drawn units it contains (LK-6 → LK-61, LK-62;
    PH-07 → PH-BOH, PH-CEB, …), in code order."""
    found: dict[str, list[str]] = {}
    for code in sorted(drawn):
        seen: set[str] = set()
        parent = parent_of(code)
        while parent and parent not in seen:
            seen.add(parent)
            found.setdefault(parent, []).append(code)
            parent = parent_of(parent)
    return {group: tuple(codes) for group, codes in sorted(found.items())}


# Japanese names of units above or below the drawn ones, which no boundary file carries.
# Written by the curators (katakana of the name, with the word Japanese uses for the level:
# 州 for Sri Lanka's and Nepal's provinces and Malawi's regions, 地方 for the Philippines'
# regions, 郡 for Nepal's districts): translated, not read from a source.
TRANSLATED_JA: dict[str, str] = {
    "LK-1": "西部州", "LK-2": "中部州", "LK-3": "南部州", "LK-4": "北部州", "LK-5": "東部州",
    "LK-6": "北西部州", "LK-7": "北中部州", "LK-8": "ウバ州", "LK-9": "サバラガムワ州",
    "MW-C": "中部州", "MW-N": "北部州", "MW-S": "南部州",
    "PH-00": "マニラ首都圏", "PH-01": "イロコス地方", "PH-02": "カガヤン・バレー地方",
    "PH-03": "中部ルソン地方", "PH-05": "ビコール地方", "PH-06": "西ビサヤ地方",
    "PH-07": "中部ビサヤ地方", "PH-08": "東ビサヤ地方", "PH-09": "サンボアンガ半島地方",
    "PH-10": "北ミンダナオ地方", "PH-11": "ダバオ地方", "PH-12": "ソクサージェン地方",
    "PH-13": "カラガ地方", "PH-14": "バンサモロ自治地域", "PH-15": "コルディリェラ行政地域",
    "PH-40": "カラバルソン地方", "PH-41": "ミマロパ地方",
    **{code: names[1] for code, names in PROVINCE_NAMES.items()},
}  # fmt: skip
# Other names staff write for a unit above the drawn ones (ISO's own name is always known).
_GROUP_ALIASES: dict[str, tuple[str, ...]] = {
    "PH-00": ("NCR", "Metro Manila"),
    "PH-01": ("Region I", "Ilocos Region"), "PH-02": ("Region II", "Cagayan Valley"),
    "PH-03": ("Region III", "Central Luzon"), "PH-05": ("Region V", "Bicol Region"),
    "PH-06": ("Region VI", "Western Visayas"), "PH-07": ("Region VII", "Central Visayas"),
    "PH-08": ("Region VIII", "Eastern Visayas"), "PH-09": ("Region IX", "Zamboanga Peninsula"),
    "PH-10": ("Region X", "Northern Mindanao"), "PH-11": ("Region XI", "Davao Region"),
    "PH-12": ("Region XII", "Soccsksargen"), "PH-13": ("Region XIII", "Caraga"),
    "PH-14": ("ARMM", "BARMM", "Bangsamoro"), "PH-15": ("CAR", "Cordillera"),
    "PH-40": ("Region IV-A", "Calabarzon"), "PH-41": ("Region IV-B", "Mimaropa"),
}  # fmt: skip
# Nepal's provinces in Nepali as each province writes its own name (the names its assembly
# adopted, 2018-2023, with प्रदेश): written by the curators, since iso-codes has no Nepali
# catalogue and its Hindi one spells four of them otherwise (गंडकी for गण्डकी).
NEPALI_NAMES: dict[str, str] = {
    "NP-P1": "कोशी प्रदेश", "NP-P2": "मधेश प्रदेश", "NP-P3": "बागमती प्रदेश",
    "NP-P4": "गण्डकी प्रदेश", "NP-P5": "लुम्बिनी प्रदेश", "NP-P6": "कर्णाली प्रदेश",
    "NP-P7": "सुदूरपश्चिम प्रदेश",
}  # fmt: skip


def local_names(code: str) -> tuple[str, ...]:
    """A drawn unit's names in Japanese and the local languages besides the boundary
    file's: ISO's (iso-codes: बागमती), and Nepal's provinces in Nepali (गण्डकी प्रदेश)."""
    return tuple(dict.fromkeys(n for n in (*iso_names(code), NEPALI_NAMES.get(code)) if n))


def other_names(code: str) -> tuple[str, ...]:
    """Every name staff or a visitor may write for a drawn unit besides the boundary file's:
    ISO 3166-2's (National Capital Region), the names staff use (NCR) and
    :func:`local_names`."""
    iso = iso_units(code.split("-")[0]).get(code)
    names = (iso.name if iso else None, *_GROUP_ALIASES.get(code, ()), *local_names(code))
    return tuple(dict.fromkeys(n for n in names if n))


def regions_drawn(drawn: Iterable[str]) -> tuple[str, ...]:
    """Drawn units that are themselves units of the level above the others (the
    Philippines' National Capital Region, which Natural Earth draws whole among provinces):
    a list of the regions names them too."""
    codes = sorted(drawn)
    units = iso_units(codes[0].split("-")[0]) if codes else {}
    above = groups_over(codes)
    kinds = {units[group].type for group in above if group in units}
    return tuple(
        code
        for code in codes
        if code in units and parent_of(code) is None and units[code].type in kinds
        and code not in above
    )  # fmt: skip


# Nepal's districts as people write them, where the reference spells them otherwise.
_NEPAL_DISTRICT_ALIASES = {
    "Dhanusha": "Dhanusa", "Manang": "Manag", "Kavre": "Kavrepalanchok",
    "Sindhupalchok": "Sindhupalchowk", "Terhathum": "Terathum", "Kapilvastu": "Kapilbastu",
}  # fmt: skip
# Nepal's districts in Japanese as JICA's own pages write them (the research table's title_ja
# of NP01, NP02 and NP03; 郡 for district): only those a source gives.
NEPAL_DISTRICT_JA = {
    "Kaski": "カスキ郡",  # NP01
    "Kavrepalanchok": "カブレ郡",  # NP02
    "Sindhupalchowk": "シンドゥパルチョク郡",  # NP02
    "Makwanpur": "マクワンプル郡",  # NP02
    "Okhaldhunga": "オカルドゥンガ郡",  # NP03
}
# The two divided districts: each half, and the province it is in.
_NEPAL_HALVES = {
    "Nawalparasi East": "NP-P4", "Nawalpur": "NP-P4", "Nawalparasi West": "NP-P5",
    "Parasi": "NP-P5", "Rukum East": "NP-P5", "Rukum West": "NP-P6",
}  # fmt: skip


@dataclass(frozen=True)
class NamedUnit:
    """A unit staff may name that is not a drawn unit, and where it is on the drawn layer."""

    code: str  # its ISO code, or "" for a unit without one (Nepal's districts)
    names: tuple[str, ...]  # English (ISO) first, then others
    within: tuple[str, ...]  # the drawn units it covers (above) or lies in (below)
    precision: int
    above: bool  # a unit wider than the drawn ones (recorded as each location's region)
    # Where it was before a reform, for a project of that time (a district of Nepal before
    # 20 September 2015: its zone), and the reform's day.
    earlier: tuple[str, ...] = ()
    reform: date | None = None

    def units_on(self, day: date | None) -> tuple[str, ...]:
        """The drawn units for a project of that day (its start; None: today's units)."""
        if self.reform and day and day < self.reform:
            return self.earlier
        return self.within


def named_units(iso3: str, drawn: Mapping[str, str]) -> list[NamedUnit]:
    """The units of a country above and below its drawn ones (``drawn``: code → name)."""
    iso2 = next(iter(drawn), "--").split("-")[0]
    units = iso_units(iso2)
    found = [
        NamedUnit(
            code=group,
            names=(
                units[group].name if group in units else group,
                *_GROUP_ALIASES.get(group, ()),
                *filter(None, (_arabic(alias) for alias in _GROUP_ALIASES.get(group, ()))),
                *filter(None, (TRANSLATED_JA.get(group),)),
                *iso_names(group),
            ),
            within=members,
            precision=precision_of(group),
            above=True,
        )
        for group, members in groups_over(drawn).items()
        if group not in drawn
    ]
    for code, into in SPLIT_FROM.items():
        if code in units and all(c in drawn for c in into):
            names = (units[code].name, *_SPLIT_ALIASES.get(code, ()))
            found.append(NamedUnit(code, names, into, PRECISION_FIRST_ORDER, False))
    if iso3 == "NPL" and "NP-P1" in drawn:
        found += _nepal_districts()
    return found


# Nepal's 14 zones (Natural Earth's codes) and their 75 districts, as the reference spells
# them, until 20 September 2015. tests/test_place_levels.py checks each district's zone
# against the zones its province overlaps (built from the geometries).
NEPAL_ZONE_DISTRICTS: dict[str, tuple[str, ...]] = {
    "NP-ME": ("Taplejung", "Panchthar", "Ilam", "Jhapa"),
    "NP-KO": ("Morang", "Sunsari", "Dhankuta", "Terathum", "Sankhuwasabha", "Bhojpur"),
    "NP-SA": ("Solukhumbu", "Okhaldhunga", "Khotang", "Udayapur", "Saptari", "Siraha"),
    "NP-JA": ("Dhanusa", "Mahottari", "Sarlahi", "Sindhuli", "Ramechhap", "Dolakha"),
    "NP-BA": (
        "Kathmandu", "Lalitpur", "Bhaktapur", "Kavrepalanchok", "Sindhupalchowk", "Nuwakot",
        "Rasuwa", "Dhading",
    ),
    "NP-NA": ("Makwanpur", "Chitwan", "Parsa", "Bara", "Rautahat"),
    "NP-GA": ("Gorkha", "Lamjung", "Tanahun", "Syangja", "Kaski", "Manag"),
    "NP-DH": ("Mustang", "Myagdi", "Parbat", "Baglung"),
    "NP-LU": ("Gulmi", "Palpa", "Rupandehi", "Kapilbastu", "Arghakhanchi", "Nawalparasi"),
    "NP-RA": ("Pyuthan", "Rolpa", "Rukum", "Salyan", "Dang"),
    "NP-BH": ("Banke", "Bardiya", "Surkhet", "Dailekh", "Jajarkot"),
    "NP-KA": ("Dolpa", "Jumla", "Kalikot", "Mugu", "Humla"),
    "NP-SE": ("Bajura", "Bajhang", "Achham", "Doti", "Kailali"),
    "NP-MA": ("Kanchanpur", "Dadeldhura", "Baitadi", "Darchula"),
}  # fmt: skip
NEPAL_REFORM = date(2015, 9, 20)


def _nepal_districts() -> list[NamedUnit]:
    zone_of = {d: zone for zone, districts in NEPAL_ZONE_DISTRICTS.items() for d in districts}
    spellings: dict[str, tuple[str, ...]] = {d: (d,) for d in zone_of}
    for alias, district in _NEPAL_DISTRICT_ALIASES.items():
        spellings[district] = (*spellings[district], alias)
    for district, name_ja in NEPAL_DISTRICT_JA.items():
        spellings[district] = (*spellings[district], name_ja)
    districts = [
        NamedUnit(
            "",
            names,
            # A divided district is in no one province: named alone, only for its time.
            (DISTRICT_PROVINCE[district],) if district in DISTRICT_PROVINCE else (),
            PRECISION_SECOND_ORDER,
            False,
            earlier=(zone_of[district],),
            reform=NEPAL_REFORM,
        )
        for district, names in spellings.items()
    ]
    halves = [
        NamedUnit("", (name,), (code,), PRECISION_SECOND_ORDER, False)
        for name, code in _NEPAL_HALVES.items()
    ]
    return districts + halves


# ---------------------------------------------------------------------------------------------
# Where a location counts, in every layer of its country


@dataclass(frozen=True)
class Placement:
    """The units a location counts in, in every layer of its country (its own unit first).

    A location on a unit whose layer overlaps another (Nepal's zones and provinces) counts in
    the one unit of the other layer that holds its district or its point; only a location
    known at its unit's level alone counts in every unit of the other layer it overlaps, and
    is then not ``exact``: it may be in any of them, not in each."""

    units: tuple[str, ...]
    exact: bool = True


_HALF_ZONES = {
    "Nawalparasi East": "NP-LU", "Nawalpur": "NP-LU", "Nawalparasi West": "NP-LU",
    "Parasi": "NP-LU", "Rukum East": "NP-RA", "Rukum West": "NP-RA",
}  # fmt: skip


@cache
def _district_spellings() -> tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]:
    """Each spelling of a Nepal district (and of the halves of the two divided ones), the
    longest first, with the units it lies in: its zone and, where one, its province."""
    zone_of = {d: zone for zone, districts in NEPAL_ZONE_DISTRICTS.items() for d in districts}
    units: dict[str, tuple[str, ...]] = {}
    for district, zone in zone_of.items():
        province = DISTRICT_PROVINCE.get(district)
        # A divided district (Nawalparasi, Rukum) named whole: its zone, and both provinces.
        provinces = (province,) if province else _divided_provinces(district)
        units[district] = (zone, *provinces)
    for alias, district in _NEPAL_DISTRICT_ALIASES.items():
        units[alias] = units[district]
    for half, province in _NEPAL_HALVES.items():
        units[half] = (_HALF_ZONES[half], province)
    for district, name_ja in NEPAL_DISTRICT_JA.items():
        units[name_ja] = units[district]
    return tuple(
        (re.compile(_whole_word(name.casefold())), units[name])
        for name in sorted(units, key=len, reverse=True)
    )


def _whole_word(name: str) -> str:
    """A name as a whole word in Latin script; anywhere in Japanese (no spaces there)."""
    return rf"(?<!\w){re.escape(name)}(?!\w)" if name.isascii() else re.escape(name)


def _divided_provinces(district: str) -> tuple[str, ...]:
    return tuple(sorted({p for half, p in _NEPAL_HALVES.items() if half.startswith(district)}))


def district_units(text: str | None) -> tuple[str, ...]:
    """The units of the one Nepal district a place's text names ('Kavre (Devitar)',
    'Kaski District, Nirmal Pokhari village'): its zone and its province; () when it names
    none, or several different ones."""
    folded = (text or "").casefold()
    found: set[tuple[str, ...]] = set()
    taken: list[tuple[int, int]] = []
    for pattern, units in _district_spellings():
        for match in pattern.finditer(folded):
            if any(start <= match.start() < end for start, end in taken):
                continue  # 'Nawalparasi' inside 'Nawalparasi East', already read
            taken.append(match.span())
            found.add(units)
    return next(iter(found)) if len(found) == 1 else ()


@lru_cache(maxsize=4096)
def own_placement(admin1: str) -> Placement:
    """One shared placement per unit: a store of 100,000 projects keeps one, not one a site."""
    return Placement((admin1,))


def placement(
    admin1: str | None,
    place: str | None,
    overlaps: Mapping[str, tuple[str, ...]],
    point_units: Iterable[str] = (),
) -> Placement:
    """Where a location counts (see :class:`Placement`). ``overlaps``: each unit of a later
    layer -> the former units it overlaps (Nepal's province -> its zones); ``point_units``:
    the units that hold the location's point, when the point is the site's own (not a
    unit's representative point)."""
    if not admin1:
        return Placement(())
    other = overlaps.get(admin1) or tuple(
        sorted(new for new, olds in overlaps.items() if admin1 in olds)
    )
    if not other:
        return own_placement(admin1)
    for known in (district_units(place), tuple(point_units)):
        inside = [unit for unit in known if unit in other]
        if admin1 in known and len(inside) == 1:  # the district (point) is in its own unit
            return Placement((admin1, inside[0]))
    return Placement((admin1, *other), exact=len(other) == 1)
