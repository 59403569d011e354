"""Read an IATI activity file (from any publisher) into a project list.

Each ``iati-activity`` becomes one row of the columns a staff list has (``columns.COLUMNS``),
so the same conversion and checks as any other list turn it into a record and report what
is wrong (file, activity, field). What maps:

- ``iati-identifier``: the project ID (ours, ``<publisher>-JPP-<id>``, back to ``<id>``);
- ``title`` narratives: English, Japanese, and one other language as the local title;
- ``recipient-country`` (ISO alpha-2); ``location``: its province from ``@ref`` (ISO 3166-2,
  as this map writes it), its point, or its name, its point and name, GeoNames ID and
  precision (feature-designation);
- ``participating-org`` but the funding and accountable ones: extending (3) as proposer,
  implementing (4) as implementer, their OrganisationType back to a partner type;
- ``sector`` (DAC 5-digit, vocabulary 1, or 3-digit, vocabulary 2) back to fields;
- ``activity-date`` (actual before planned; the narrative's precision when it states one);
- ``budget`` in yen (revised before original; several periods summed; committed is a
  contract, otherwise an estimate); ``activity-status`` cancelled (5) or suspended (6);
- ``document-link`` URLs as sources; ``@last-updated-datetime``.

Anything else is reported as a warning, never guessed. Bounded: the file's size
(``limits.MAX_FILE_BYTES``), its activities (``limits.MAX_ROWS``), its elements and depth
(below), each cell (``limits.cell_limit``); no DTD, no entity, nothing from the network.
"""

from __future__ import annotations

import io
import os
import re
import stat
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from lxml import etree

from ... import vocab
from ...parsing import parse_fuzzy_date
from ...places import PlaceIndex
from .. import limits
from ..readers import RawRow, Table, TooLarge, UnreadableFile, check_cell, read_capped
from ..report import Problem
from . import codes
from .codes import XML_LANG

MAX_ELEMENTS = 2_000_000  # a 50 MB file of 50,000 plain activities has about 1.5 million
MAX_DEPTH = 32  # IATI nests 7 deep at most
MAX_AMOUNT = Decimal(10) ** 15  # yen; far above any project's (the programme's cap is 10**8)
_DECLARATIONS = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ISO_3166_2 = re.compile(r"[A-Z]{2}-[A-Z0-9]{1,3}")
READ = frozenset(
    {
        "iati-identifier",
        "reporting-org",
        "title",
        "description",
        "participating-org",
        "activity-status",
        "activity-date",
        "recipient-country",
        "location",
        "sector",
        "budget",
        "document-link",
    }
)
NOT_PARTNERS = {"1": "funding", "2": "accountable"}
HEADERS = {
    "id": "iati-identifier",
    "iati_identifier": codes.PUBLISHED_IDENTIFIER,
    "iati_sectors": codes.PUBLISHED_SECTORS,
    "title_en": "title/narrative (en)",
    "title_ja": "title/narrative (ja)",
    "title_local": "title/narrative (other language)",
    "country": "recipient-country/@code",
    "provinces": "location",
    "places": "location/name",
    "lon": "location/point/pos",
    "lat": "location/point/pos",
    "precision": "location/feature-designation",
    "geonameids": "location/location-id (G1)",
    "partners": "participating-org/narrative",
    "partner_names_ja": "participating-org/narrative (ja)",
    "partner_types": "participating-org/@type",
    "partner_roles": "participating-org/@role",
    "fields": "sector/@code",
    "start": "activity-date (start)",
    "end": "activity-date (end)",
    "budget": "budget/value",
    "budget_kind": "budget/@status",
    "budget_text": "budget",
    "status": "activity-status/@code",
    "sources": "document-link/@url",
    "last_updated": "iati-activity/@last-updated-datetime",
}


def is_iati(path: Path) -> bool:
    """An XML file: by its name (.xml) or by its first characters. Only a regular file is
    looked into, without blocking (a pipe put in its place is left to the list reader, which
    refuses it)."""
    if path.suffix.lower() == ".xml":
        return True
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return False
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(descriptor, "rb") as stream:
            head = stream.read(256) if stat.S_ISREG(os.fstat(descriptor).st_mode) else b""
    except OSError:
        return False
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith((b"<?xml", b"<iati-activities"))


@dataclass
class _Activity:
    """One activity's cells and what could not be read of it."""

    number: int
    path: Path
    cells: dict[str, str] = field(default_factory=dict)
    notes: list[tuple[str | None, str | None, str]] = field(default_factory=list)

    def note(self, key: str | None, value: str | None, message: str) -> None:
        self.notes.append((key, value, message))


def read_iati(path: Path, places: PlaceIndex) -> tuple[Table, list[Problem]]:
    """The activities as rows, and warnings for what was left out; raises
    ``UnreadableFile`` (``TooLarge``) when the file cannot be read within the caps."""
    data = read_capped(path)
    if not data.strip():
        raise UnreadableFile(path, "the file is empty")
    if _DECLARATIONS.search(data):
        raise UnreadableFile(
            path,
            "the file declares a DTD or entities, which an IATI file "
            "never needs; they are not read",
        )
    rows: list[RawRow] = []
    problems: list[Problem] = []
    unread: Counter[str] = Counter()
    for number, element in _activities(path, data):
        activity = _Activity(number, path)
        unread.update({tag for tag in _child_tags(element) if tag not in READ})
        _read_activity(activity, element, places)
        for key, value in activity.cells.items():
            check_cell(path, f"activity {number}", HEADERS[key], key, value)
        rows.append(RawRow(number=number, cells=activity.cells))
        problems += [
            Problem(
                "warning",
                path.name,
                number,
                HEADERS.get(key or "", key),
                value,
                message,
                activity.cells.get("id"),
                unit="activity",
            )
            for key, value, message in activity.notes
        ]
    for tag, count in sorted(unread.items()):
        problems.append(
            Problem(
                "warning",
                path.name,
                None,
                tag,
                None,
                f"not read (in {count:,} {'activity' if count == 1 else 'activities'}): "
                "the map has no place for it",
                unit="activity",
            )
        )
    # The columns the file fills: a merge (``importer.keep_unlisted``) keeps what it leaves
    # unsaid, e.g. the sources' observed statuses when no activity is cancelled or suspended.
    filled = {key for row in rows for key in row.cells}
    table = Table(
        path=path,
        format="iati",
        headers={key: header for key, header in HEADERS.items() if key in filled},
        unknown_headers=(),
        units={},
        rows=tuple(rows),
    )
    return table, problems


def _child_tags(element: etree._Element) -> Iterator[str]:
    for child in element:
        if isinstance(child.tag, str):
            yield child.tag


def _activities(path: Path, data: bytes) -> Iterator[tuple[int, etree._Element]]:
    """Each ``iati-activity`` as it is parsed, then dropped: the memory a file costs is one
    activity's, however many it has."""
    depth = elements = count = 0
    events = etree.iterparse(
        io.BytesIO(data),
        events=("start", "end"),
        resolve_entities=False,  # no entity is expanded (no billion laughs, no XXE)
        no_network=True,
        huge_tree=False,  # libxml2's own caps on depth and text size stay on
        load_dtd=False,
        remove_comments=True,
        remove_pis=True,
    )
    try:
        for event, element in events:
            if event == "start":
                depth, elements = depth + 1, elements + 1
                _check_bounds(path, depth, elements, element)
                continue
            depth -= 1
            if depth == 1 and element.tag == "iati-activity":
                count += 1
                if count > limits.MAX_ROWS:
                    raise TooLarge(
                        path,
                        f"the file has more than {limits.MAX_ROWS:,} "
                        "activities, the limit for one list; split it",
                    )
                yield count, element
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
    except etree.XMLSyntaxError as error:
        raise UnreadableFile(path, f"this is not well-formed XML: {error.msg}") from None
    if count == 0:
        raise UnreadableFile(path, "the IATI file holds no iati-activity")


def _check_bounds(path: Path, depth: int, elements: int, element: etree._Element) -> None:
    if depth == 1 and element.tag != "iati-activities":
        tag = element.tag if isinstance(element.tag, str) else "?"
        raise UnreadableFile(
            path,
            f"an XML file whose root is <{tag[:60]}>: only IATI activity "
            "files (<iati-activities>) and project lists are read",
        )
    if depth == 1 and not (element.get("version") or "2").startswith("2"):
        raise UnreadableFile(
            path,
            f"an IATI {element.get('version')} file: only IATI 2.0x "
            "files are read; convert it to 2.03",
        )
    if depth > MAX_DEPTH:
        raise TooLarge(path, f"the XML nests deeper than {MAX_DEPTH} elements")
    if elements > MAX_ELEMENTS:
        raise TooLarge(path, f"the file has more than {MAX_ELEMENTS:,} XML elements")


def _text(element: etree._Element | None) -> str:
    return " ".join((element.text or "").split()) if element is not None else ""


def _clean(text: str) -> str:
    """A name in a list cell: ';' separates items there."""
    return text.replace(";", ",").strip()


def _narratives(element: etree._Element | None, default: str) -> dict[str, str]:
    """Language -> the first narrative in it."""
    found: dict[str, str] = {}
    for narrative in element.iterfind("narrative") if element is not None else ():
        lang = (narrative.get(XML_LANG) or default).lower()
        text = _text(narrative)
        if text:
            found.setdefault(lang, text)
    return found


def read_activity(element: etree._Element, places: PlaceIndex, path: Path) -> dict[str, str]:
    """One activity's cells, what it could not read left out (a merge's echo, ``merge.py``)."""
    activity = _Activity(1, path)
    _read_activity(activity, element, places)
    return activity.cells


def _read_activity(activity: _Activity, element: etree._Element, places: PlaceIndex) -> None:
    default = (element.get(XML_LANG) or "en").lower()
    reporting_org = element.find("reporting-org")
    reporting = reporting_org.get("ref", "") if reporting_org is not None else ""
    identifier = _text(element.find("iati-identifier"))
    cells = activity.cells
    cells["id"] = codes.project_id_of(identifier, reporting) if identifier else ""
    cells["iati_identifier"] = identifier  # kept in the record's ``original``, for exports
    countries = _countries(activity, element)
    _titles(activity, _narratives(element.find("title"), default), countries)
    _locations(activity, element, countries, places)
    _partners(activity, element, default)
    _sectors(activity, element)
    _dates(activity, element)
    _budget(activity, element)
    status = element.find("activity-status")
    code = status.get("code", "") if status is not None else ""
    if code in codes.SET_STATUS_OF_CODE:
        cells["status"] = codes.SET_STATUS_OF_CODE[code]
    sources = [link.get("url", "").strip() for link in element.iterfind("document-link")]
    cells["sources"] = " ; ".join(url for url in sources if codes.is_web_address(url))
    updated = element.get("last-updated-datetime", "")[:10]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", updated):
        cells["last_updated"] = updated
    activity.cells = {key: value for key, value in cells.items() if value}


def _titles(activity: _Activity, titles: dict[str, str], countries: list[str]) -> None:
    """English and Japanese titles, and the local one in the country's language; a title in
    another language has no place and is reported."""
    activity.cells["title_en"] = titles.pop("en", "")
    activity.cells["title_ja"] = titles.pop("ja", "")
    local = codes.local_language(tuple(countries))
    if local and local in titles:
        activity.cells["title_local"] = titles.pop(local)
    for lang, text in titles.items():
        activity.note("title_local", text, f"a title in another language ({lang}) is not kept")


def _countries(activity: _Activity, element: etree._Element) -> list[str]:
    found: list[str] = []
    written: list[str] = []
    for country in element.iterfind("recipient-country"):
        code = country.get("code", "").strip()
        iso3 = codes.country_alpha3(code)
        written.append(iso3 or code)  # an unknown code is reported by the list's checks
        if iso3 and iso3 not in found:
            found.append(iso3)
    activity.cells["country"] = "; ".join(dict.fromkeys(written))
    if element.find("recipient-region") is not None:
        activity.note(
            "country", None, "recipient-region is not read: the map places projects in countries"
        )
    return found


@dataclass(frozen=True)
class _Site:
    province: str  # ISO 3166-2, or a country code for a country-wide site
    place: str = ""
    point: tuple[float, float] | None = None  # lon, lat
    precision: int | None = None
    geonameid: str = ""


def _point(location: etree._Element) -> tuple[float, float] | None:
    pos = _text(location.find("point/pos")).split()
    try:
        lat, lon = (float(value) for value in pos)
    except ValueError:
        return None
    return (lon, lat) if -90 <= lat <= 90 and -180 <= lon <= 180 else None


def _country_of_province(places: PlaceIndex, code: str) -> str | None:
    """The country whose province the ISO 3166-2 code is, or None."""
    try:
        places.province_name(code)
    except KeyError:
        return None
    return codes.country_alpha3(code.split("-")[0])


def _province(
    location: etree._Element,
    countries: list[str],
    places: PlaceIndex,
    point: tuple[float, float] | None,
    name: str,
) -> str | None:
    ref = location.get("ref", "").strip().upper()
    if _ISO_3166_2.fullmatch(ref) and _country_of_province(places, ref) in countries:
        return ref
    for country in countries:
        found = places.province_at(country, *point) if point else None
        found = found or (places.province_code(country, name) if name else None)
        if found:
            return found
    return None


def _country_of(location: etree._Element, countries: list[str]) -> str | None:
    """The activity's country a location stands for as a whole (administrative A4, level 0,
    or the feature PCLI with no point), else None."""
    for unit in location.iterfind("administrative"):
        if unit.get("vocabulary") == codes.ISO_COUNTRY and unit.get("level", "0") == "0":
            iso3 = codes.country_alpha3(unit.get("code", ""))
            if iso3 in countries and location.find("point") is None:
                return iso3
    return None


def _site(
    activity: _Activity, location: etree._Element, countries: list[str], places: PlaceIndex
) -> _Site | None:
    country = _country_of(location, countries)
    if country:
        return _Site(country, precision=codes.COUNTRY_WIDE)
    name = _clean(_text(location.find("name/narrative")))
    point = _point(location)
    code = _province(location, countries, places, point, name)
    if code is None:
        shown = name or location.get("ref") or _text(location.find("point/pos"))
        activity.note(
            "provinces",
            shown,
            "this location is in no province of the "
            "activity's countries that the map knows; it is left out",
        )
        return None
    if point and not places.point_in_province(code, *point):
        activity.note(
            "lon",
            f"{point[0]}, {point[1]}",
            "the point is outside the location's province; the point is left out",
        )
        point = None
    feature = location.find("feature-designation")
    exactness = location.find("exactness")
    precision = codes.precision_of(
        feature.get("code") if feature is not None else None,
        point is not None,
        exactness is not None and exactness.get("code") == codes.EXACT,
    )
    geonames = [
        e.get("code", "") for e in location.iterfind("location-id") if e.get("vocabulary") == "G1"
    ]
    geonameid = geonames[0] if geonames and geonames[0].isdigit() else ""
    return _Site(code, name, point, precision, geonameid)


def _locations(
    activity: _Activity, element: etree._Element, countries: list[str], places: PlaceIndex
) -> None:
    sites = [
        site
        for location in element.iterfind("location")
        if (site := _site(activity, location, countries, places)) is not None
    ]
    placed = {site.province.split("-")[0] for site in sites}
    for country in countries:  # a country with no site in it: only the country is known
        if codes.country_alpha2(country) not in placed and country not in placed:
            sites.append(_Site(country, precision=codes.COUNTRY_WIDE))
    cells = activity.cells
    cells["provinces"] = "; ".join(site.province for site in sites)
    columns = {
        "places": [site.place for site in sites],
        "lon": [f"{site.point[0]}" if site.point else "" for site in sites],
        "lat": [f"{site.point[1]}" if site.point else "" for site in sites],
        "precision": [str(site.precision or "") for site in sites],
        "geonameids": [site.geonameid for site in sites],
    }
    for key, values in columns.items():
        cells[key] = "; ".join(values) if any(values) else ""


def _partners(activity: _Activity, element: etree._Element, default: str) -> None:
    names, names_ja, types, roles = [], [], [], []
    for org in element.iterfind("participating-org"):
        role = org.get("role", "")
        narratives = _narratives(org, default)
        name = narratives.get("en") or next(
            (text for lang, text in narratives.items() if lang != "ja"), ""
        )
        if role in NOT_PARTNERS:
            if org.get("ref") != codes.JICA:
                activity.note(
                    "partners",
                    name or org.get("ref"),
                    f"{NOT_PARTNERS[role]} organisations are not the project's partners; not read",
                )
            continue
        kind = codes.partner_type_of(org.get("type"))
        if org.get("type") and kind is None:
            activity.note(
                "partner_types",
                org.get("type"),
                "this OrganisationType is none of "
                "the partner types; the partner's type is left empty",
            )
        names.append(_clean(name) or "(name not stated)")
        names_ja.append(_clean(narratives.get("ja", "")))
        types.append(vocab.term(vocab.PARTNER_TYPES, kind).label_en if kind else "")
        roles.append(codes.role_of(role) or "")
    cells = activity.cells
    cells["partners"] = "; ".join(names)
    for key, values in (
        ("partner_names_ja", names_ja),
        ("partner_types", types),
        ("partner_roles", roles),
    ):
        cells[key] = "; ".join(values) if any(values) else ""


def _sectors(activity: _Activity, element: etree._Element) -> None:
    fields: list[str] = []
    published: list[tuple[str, str, str]] = []
    for sector in element.iterfind("sector"):
        vocabulary, code = sector.get("vocabulary", "1"), sector.get("code", "").strip()
        if code and ":" not in code + vocabulary:
            published.append((vocabulary, code, sector.get("percentage", "").strip()))
        key = codes.field_of_sector(vocabulary, code)
        if key is None:
            activity.note(
                "fields",
                f"{code} (vocabulary {vocabulary})",
                "this sector belongs to none of the map's fields; left out",
            )
        elif key not in fields:
            fields.append(key)
    activity.cells["fields"] = "; ".join(fields)
    # Kept in the record's ``original``: an export gives another publisher's codes back as
    # it published them (codes.published_sectors), not widened to the map's fields.
    activity.cells["iati_sectors"] = codes.sectors_text(published)


def _date_text(dated: etree._Element) -> str:
    """The narrative when it states the date less precisely and agrees with the ISO date
    (FY2014 for 2014-04-01); else the ISO date itself."""
    day = dated.get("iso-date", "")
    label = _text(dated.find("narrative"))
    if label:
        try:
            parsed = parse_fuzzy_date(label)
        except ValueError:
            parsed = None
        if parsed and day in {parsed.earliest.isoformat(), parsed.latest.isoformat()}:
            return label
    planned = dated.get("type") in {codes.PLANNED_START, codes.PLANNED_END}
    return f"{day} (planned)" if planned and day else day


def _dates(activity: _Activity, element: etree._Element) -> None:
    by_type = {dated.get("type"): dated for dated in reversed(element.findall("activity-date"))}
    for key, actual, planned in (
        ("start", codes.ACTUAL_START, codes.PLANNED_START),
        ("end", codes.ACTUAL_END, codes.PLANNED_END),
    ):
        dated = by_type.get(actual)
        if dated is None:
            dated = by_type.get(planned)
        if dated is not None:
            activity.cells[key] = _date_text(dated)


def _budget(activity: _Activity, element: etree._Element) -> None:
    budgets = element.findall("budget")
    revised = [b for b in budgets if b.get("type") == "2"]
    chosen = revised or [b for b in budgets if b.get("type", "1") == "1"]
    currency = element.get("default-currency", "")
    total = Decimal(0)
    for budget in chosen:
        value = budget.find("value")
        text = _text(value)
        unit = (value.get("currency") if value is not None else None) or currency
        try:
            amount = Decimal(text)
        except InvalidOperation:
            amount = Decimal("NaN")
        if not amount.is_finite() or abs(amount) >= MAX_AMOUNT:
            activity.note("budget", text, "not an amount; the budget is left out")
            return
        if unit != "JPY":
            activity.note(
                "budget",
                f"{text} {unit}".strip(),
                "the map keeps budgets in yen only; the budget is left out",
            )
            return
        total += amount
    if not chosen:
        return
    committed = all(budget.get("status") == codes.COMMITTED for budget in chosen)
    activity.cells["budget"] = str(int(total.to_integral_value()))
    activity.cells["budget_kind"] = "contract" if committed else "estimate"
    activity.cells["budget_text"] = f"JPY {int(total):,} (IATI budget"
    activity.cells["budget_text"] += f"s of {len(chosen)} periods)" if len(chosen) > 1 else ")"
