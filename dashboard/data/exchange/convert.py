"""Project list rows <-> project records, both ways, so that export then import is lossless.

A row holds one project. Location columns (provinces, places, lon, lat, precision) and partner
columns (partners, partner_names_ja, partner_types, partner_roles) are lists separated by ';',
aligned by position. Codes may stand alone or after a name: 'Thừa Thiên Huế (VN-26)'.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import TypeVar, get_args

from .. import vocab
from ..curation import split_sources
from ..loading import fold
from ..model import Budget, BudgetKind, FuzzyDate, Location, Partner, Project
from ..parsing import (
    end_with_stated_length,
    normalise_text,
    parse_budget,
    parse_fields,
    parse_fuzzy_date,
    parse_observed_status,
    parse_period,
    parse_scheme,
)
from ..place_levels import period_mismatch
from ..places import PlaceIndex, Resolution
from ..validation import check_project
from . import limits
from .columns import DERIVED_KEYS, EXPORT_COLUMN_BY_KEY
from .readers import RawRow, Table
from .report import Problem, Severity

T = TypeVar("T")

LIST_SEPARATOR = re.compile(r"\s*[;；\n]\s*")
CODE_AFTER_NAME = re.compile(r"\(([A-Za-z]{2,3}(?:-[A-Za-z0-9-]+)?)\)\s*$")
COUNTRY_WIDE_WORDS = frozenset({"country-wide", "countrywide", "nationwide", "全国", "全土"})
# Every budget kind (``model.BudgetKind``) by its name.
BUDGET_KINDS: dict[str, BudgetKind] = {kind: kind for kind in get_args(BudgetKind)}
# Columns a rejects file adds; they are read back without a warning.
REJECT_COLUMNS = frozenset({"problems", "問題"})
DEFAULT_PRECISION_WITH_POINT = 2
DEFAULT_PRECISION_PROVINCE = 4
COUNTRY_WIDE = 6
NAME_NOT_STATED = "(name not stated)"  # a partner whose type is known but not its name


def split_lines(cell: str | None) -> list[str]:
    """Lists of free text (notes), which may hold ';' themselves: one item a line."""
    text = (cell or "").replace("\r\n", "\n")
    return [line.strip() for line in text.split("\n")] if text.strip() else []


INFERRED_MARK = " (inferred)"
# A cell a spreadsheet may run as a formula starts with one of these (full-width ones too:
# Excel reads ＝ as =), once leading spaces and invisible characters are skipped; a tab or a
# carriage return first is also refused by OWASP's advice on CSV injection.
FORMULA_START = ("=", "+", "-", "@", "＝", "＋", "－", "＠", "\t", "\r")
# Spaces and characters that show nothing, which a spreadsheet may skip before the '='.
_INVISIBLE_LEAD = "".join(
    chr(c) for c in (0x20, 0xA0, 0x1680, 0x180E, *range(0x2000, 0x2010), 0x2028, 0x2029,
                     0x202F, 0x205F, 0x2060, 0x3000, 0xFEFF)
)  # fmt: skip


def runs_as_formula(value: str) -> bool:
    """True when a spreadsheet opening the cell could run it (see :data:`FORMULA_START`)."""
    return value.lstrip(_INVISIBLE_LEAD).startswith(FORMULA_START)


# What no later step can store or write: C0 control characters but tab, new line and carriage
# return (XML 1.0 forbids them, so openpyxl refuses them; NUL is refused by PostgreSQL's jsonb),
# lone surrogates (no UTF-8 for them: the dataset file and the database cannot hold them) and
# U+FFFE/U+FFFF (not characters; XML forbids them too); and what no cell should hold though it
# could be stored: C1 controls (U+0080-U+009F, mojibake's tell-tale) and the bidirectional
# overrides and isolates (U+202A-U+202E, U+2066-U+2069), which reorder what a page shows.
UNSTORABLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x80-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)


def _inferred(text: str) -> tuple[str, bool]:
    """'Local government (inferred)' -> ('Local government', True)."""
    if text.endswith(INFERRED_MARK):
        return text[: -len(INFERRED_MARK)].strip(), True
    return text, False


def split_list(cell: str | None) -> list[str]:
    text = normalise_text(cell)
    return [part.strip() for part in LIST_SEPARATOR.split(text)] if text else []


def _code_in(text: str) -> str | None:
    match = CODE_AFTER_NAME.search(text)
    return match.group(1).upper() if match else None


def _vocabulary_key(vocabulary: tuple[vocab.Term, ...], text: str) -> str | None:
    """A key from the key itself, its English label or its other names (Japanese,
    Vietnamese)."""
    wanted = fold(text.strip())
    for term in vocabulary:
        names = {term.key, term.label_en, *term.names, term.key.replace("_", " ")}
        if wanted in {fold(name) for name in names if name}:
            return term.key
    return None


_PARTNER_TYPE_WORDS: tuple[tuple[str, str], ...] = (
    ("ngo", "ngo"),
    ("npo", "ngo"),
    ("cso", "ngo"),
    ("市民", "ngo"),
    ("university", "university"),
    ("大学", "university"),
    ("research", "university"),
    ("local government", "local_government"),
    ("自治体", "local_government"),
    ("foundation", "public_corporation"),
    ("財団", "public_corporation"),
    ("公益", "public_corporation"),
    ("company", "private"),
    ("企業", "private"),
    ("株式会社", "private"),
)


def partner_type_key(text: str) -> str | None:
    key = _vocabulary_key(vocab.PARTNER_TYPES, text)
    if key:
        return key
    lowered = fold(text)
    for word, candidate in _PARTNER_TYPE_WORDS:
        if word in lowered:
            return candidate
    return None


@dataclass
class RowContext:
    """What a row's cells are read against; collects its problems."""

    table: Table
    row: RawRow
    places: PlaceIndex
    problems: list[Problem] = field(default_factory=list)
    # Units named that are not drawn ones (VN-2025-48), for the check of their period.
    named_units: list[str] = field(default_factory=list)

    def cell(self, key: str) -> str:
        value = (self.row.cells.get(key) or "").strip()
        # Exports write "'=…" so that spreadsheets do not run it: read it back as written.
        return value[1:] if value[:1] == "'" and runs_as_formula(value[1:]) else value

    def header(self, key: str) -> str:
        header = self.table.headers.get(key)  # a reader's own column (IATI's) has no export's
        return header if header is not None else EXPORT_COLUMN_BY_KEY[key].header

    def error(self, key: str | None, message: str, value: str | None = None) -> None:
        self._add("error", key, message, value)

    def warning(self, key: str | None, message: str, value: str | None = None) -> None:
        self._add("warning", key, message, value)

    def _add(self, severity: Severity, key: str | None, message: str, value: str | None) -> None:
        self.problems.append(
            Problem(
                severity=severity,
                file=self.table.path.name,
                row=self.row.number,
                column=self.header(key) if key else None,
                value=value if value is not None else (self.cell(key) if key else None),
                message=message,
                project_id=self.cell("id") or None,
                unit="activity" if self.table.format == "iati" else "row",
            )
        )


def unstorable_characters(context: RowContext) -> None:
    """An error for each cell holding a character no later step can store or write."""
    for key, value in context.row.cells.items():
        found = UNSTORABLE.search(value) or UNSTORABLE.search(context.header(key))
        if found:
            context.error(
                key,
                f"the cell holds the character U+{ord(found.group()):04X} (at character "
                f"{found.start() + 1}), a control character or a broken one that cannot be "
                "stored or exported; delete it",
            )


def row_to_project(context: RowContext, today: date) -> Project | None:
    """The record a row describes, or None when it has an error (its problems say why)."""
    unstorable_characters(context)
    if context.problems:
        return None
    project_id = normalise_text(context.cell("id"))
    if not project_id:
        context.error("id", "the project ID is missing; every project needs a unique ID")
    titles = {key: context.cell(key) or None for key in ("title_en", "title_ja", "title_local")}
    if not any(titles.values()):
        context.error("title_ja", "the project title is missing (in Japanese, English or both)")
    countries = _countries(context)
    locations = _locations(context, countries, _start_day(context)) if countries else ()
    partners = _partners(context)
    scheme = _read(context, "scheme", _scheme)
    fields = _read(context, "fields", _fields) or ()
    start, end = _dates(context)
    _check_named_periods(context, start, end)
    budget = _budget(context)
    not_stated = tuple(part for part in split_list(context.cell("not_stated")) if part)
    status_set, status_observed, observed_status, observed_on = _status(context, not_stated)
    sources = split_sources(context.cell("sources"))
    if any(problem.severity == "error" for problem in context.problems):
        return None
    project = Project(
        id=project_id,
        title_en=titles["title_en"],
        title_ja=titles["title_ja"],
        title_local=titles["title_local"],
        countries=countries,
        partners=partners,
        scheme=scheme,
        fields=fields,
        start=start,
        end=end,
        budget=budget,
        status_set=status_set,
        status_observed=status_observed,
        locations=locations,
        sources=sources,
        notes=context.cell("notes"),
        not_stated_by_source=not_stated,
        observed_status=observed_status,
        observed_on=observed_on,
        original={
            context.header(key): value
            for key, value in context.row.cells.items()
            if value and key not in DERIVED_KEYS
        },
        last_updated=context.cell("last_updated") or today.isoformat(),
    )
    column_of = {"locations": "provinces", "end": "end", "budget": "budget", "sources": "sources"}
    for finding in check_project(project):
        key = column_of.get(finding.field)
        if finding.field == "end" and not context.cell("end"):
            key = "period"
        if finding.field == "sources":
            context.warning(key, "no source: add the web page or document the facts come from")
        elif finding.severity == "error":
            context.error(key, finding.message)
        else:
            context.warning(key, finding.message)
    return None if any(p.severity == "error" for p in context.problems) else project


def _read(context: RowContext, key: str, reader: Callable[[str], T]) -> T | None:
    text = context.cell(key)
    if not text:
        return None
    try:
        return reader(text)
    except ValueError as error:
        message = str(error)
        if message.startswith(f"'{text}'"):  # the value is shown beside the message already
            message = "the value" + message[len(text) + 2 :]
        context.error(key, message)
        return None


def _scheme(text: str) -> str | None:
    return _vocabulary_key(vocab.SCHEMES, text) or parse_scheme(text)


FIELD_WORDS_JA: tuple[tuple[str, str], ...] = (
    ("防災", "disaster"),
    ("災害", "disaster"),
    ("上下水道", "water"),
    ("水道", "water"),
    ("下水", "water"),
    ("衛生", "water"),
    ("水資源", "water"),
    ("保健", "health"),
    ("医療", "health"),
    ("栄養", "health"),
    ("農", "agriculture"),
    ("漁業", "agriculture"),
    ("畜産", "agriculture"),
    ("環境", "environment"),
    ("廃棄物", "environment"),
    ("ごみ", "environment"),
    ("職業", "industry"),
    ("産業", "industry"),
    ("人材育成", "industry"),
    ("教育", "education"),
    ("福祉", "social_welfare"),
    ("障害", "social_welfare"),
    ("高齢", "social_welfare"),
    ("社会保障", "social_welfare"),
    ("観光", "tourism_culture"),
    ("文化", "tourism_culture"),
    ("ガバナンス", "governance"),
    ("平和", "governance"),
    ("行政", "governance"),
)


def _field_from_code_or_word(text: str) -> str | None:
    """An OECD DAC purpose code (140, 12220) or a Japanese field word -> a field key."""
    if text.isdigit():
        for term in vocab.FIELDS:
            if any(text.startswith(code) for code in term.codes):
                return term.key
        return None
    for word, key in FIELD_WORDS_JA:
        if word in text:
            return key
    return None


def _fields(text: str) -> tuple[str, ...]:
    """Field keys from labels (English, Japanese, Vietnamese), DAC codes, Japanese words or
    the sector wording of the research table ('Sewerage / environmental education')."""
    keys: list[str] = []
    parts = split_list(text.replace("、", ";"))
    while parts:
        part = parts.pop(0)
        key = _vocabulary_key(vocab.FIELDS, part)
        if key is None and "・" in part:  # '保健・教育', unless a label holds the '・'
            parts[:0] = [piece for piece in part.split("・") if piece.strip()]
            continue
        key = key or _field_from_code_or_word(part)
        try:
            found = (key,) if key else parse_fields(part)
        except ValueError:
            names = ", ".join(term.label_en for term in vocab.FIELDS)
            raise ValueError(f"unknown field '{part}'; use one of: {names}") from None
        keys += [item for item in found if item not in keys]
    return tuple(keys)


def _countries(context: RowContext) -> tuple[str, ...]:
    cell = context.cell("country")
    if not cell:
        context.error("country", "the country is missing")
        return ()
    codes: list[str] = []
    for part in split_list(cell.replace("、", ";")):
        code = context.places.country_code(_code_in(part) or part)
        if code is None:
            context.error(
                "country", "unknown country; write its name or ISO code, e.g. Viet Nam or VNM", part
            )
        elif not _known(code):
            context.error(
                "country",
                f"the map has no provinces for {code} yet; it covers "
                + ", ".join(term.label_en for term in vocab.COUNTRIES),
                part,
            )
        elif code not in codes:
            codes.append(code)
    return tuple(codes)


def _floats(context: RowContext, key: str) -> list[float | None]:
    values: list[float | None] = []
    for part in split_list(context.cell(key)) if context.cell(key) else []:
        try:
            values.append(float(part) if part else None)
        except ValueError:
            context.error(key, "not a number (decimal degrees, e.g. 107.58)", part)
            values.append(None)
    return values


def _province_parts(context: RowContext, countries: tuple[str, ...], lons: list) -> list[str]:
    """The provinces of the cell, one per site.

    With ';', '、' or new lines the cell is a list aligned with the point columns; otherwise
    (one point at most) names may also be separated by ',', '・' or 'and', which the place
    index splits knowing the names that hold such characters themselves.
    """
    cell = context.cell("provinces")
    if re.search(r"[;；、\n]", cell) or len(lons) > 1 or not cell:
        return split_list(cell.replace("、", ";"))
    for country in countries:
        codes, unknown = context.places.province_codes(country, cell)
        if codes and not unknown:
            return codes
    return [cell]


def _check_named_periods(
    context: RowContext, start: FuzzyDate | None, end: FuzzyDate | None
) -> None:
    """A unit named that was not in force in the project's time (Viet Nam's 34 for a
    project before July 2025) is a warning on the provinces' column, as the record's own
    units are (``validation``); its sites are on the drawn units, which fit any time."""
    first = start.earliest if start else None
    closing = end or start
    last = closing.latest if closing else None
    for code in dict.fromkeys(context.named_units):
        layer = period_mismatch(code, first, last)
        if layer is not None and layer.valid_from:
            since = layer.valid_from.isoformat()
            context.warning(
                "provinces",
                f"{code} is one of the {layer.level}s since {since}, "
                "not of the project's time: name the unit in force then",
            )


def _start_day(context: RowContext) -> date | None:
    """The project's first possible day as the row gives it, read quietly (``_dates`` says
    what is wrong with it): where a place was depends on the time (Nepal's districts)."""
    readers: tuple[tuple[str, Callable[[str], FuzzyDate | None]], ...] = (
        ("start", parse_fuzzy_date),
        ("period", lambda text: parse_period(text)[0]),
    )
    for key, reader in readers:
        if context.cell(key):
            try:
                found = reader(context.cell(key))
            except ValueError:
                continue
            if found:
                return found.earliest
    return None


def _locations(
    context: RowContext, countries: tuple[str, ...], day: date | None = None
) -> tuple[Location, ...]:
    lons, lats = _floats(context, "lon"), _floats(context, "lat")
    parts = _province_parts(context, countries, lons)
    names = split_list(context.cell("places"))
    precisions = split_list(context.cell("precision"))
    geonameids = split_list(context.cell("geonameids"))
    regions = split_list(context.cell("regions"))
    notes = split_lines(context.cell("location_notes"))
    if len(lons) != len(lats):
        context.error("lat", "give as many latitudes as longitudes")
        return ()
    if not parts and lons:
        parts = [""] * len(lons)  # a point alone: its province is the one that contains it
    if not parts:
        context.error(
            "provinces",
            "the location is missing: name the province(s), or write 'country-wide' "
            "when only the country is known",
        )
        return ()
    if len(parts) > limits.MAX_SITES:
        context.error("provinces", f"more than {limits.MAX_SITES:,} sites for one project")
        return ()
    locations: list[Location] = []
    seen: set[Location] = set()
    for index, part in enumerate(parts):
        lon = lons[index] if index < len(lons) else None
        lat = lats[index] if index < len(lats) else None
        place = names[index] if index < len(names) and names[index] else None
        precision_text = precisions[index] if index < len(precisions) else ""
        geonameid = geonameids[index] if index < len(geonameids) else ""
        found = _location(context, countries, part, lon, lat, place, precision_text, day)
        for location in found:
            location = replace(
                location,
                geonameid=int(geonameid) if geonameid.isdigit() else None,
                region=regions[index]
                if index < len(regions) and regions[index]
                else location.region,
                note=notes[index] if index < len(notes) else "",
            )
            if location not in seen:  # 'Hà Nội; ハノイ' names one place twice
                seen.add(location)
                locations.append(location)
    return tuple(locations)


def _location(
    context: RowContext,
    countries: tuple[str, ...],
    part: str,
    lon: float | None,
    lat: float | None,
    place: str | None,
    precision_text: str,
    day: date | None = None,
) -> list[Location]:
    """The locations a cell's part names: one, or one per drawn unit of a wider unit (a
    region: 'North Western Province' is Kurunegala and Puttalam); none on an error."""
    places = context.places
    country, code = None, None
    resolution: Resolution | None = None
    named_code = _code_in(part) if part else None
    if part and fold(part) in COUNTRY_WIDE_WORDS and len(countries) == 1:
        country = countries[0]
    elif named_code in countries or (part and places.country_code(part) in countries):
        country = named_code if named_code in countries else places.country_code(part)
    elif part:
        wanted = _code_in(part) or part
        for candidate in countries:
            resolution = places.resolve(candidate, wanted, day)
            if resolution:
                country, code = candidate, resolution.codes[0]
                context.named_units += [resolution.unit] if resolution.unit else []
                break
        if code is None:
            whole = places.country_code(wanted)
            if whole in countries:
                country = whole
    if resolution is not None and len(resolution.codes) > 1 and (lon is None or lat is None):
        return [
            _unit_location(context, country or "", unit, resolution, place, precision_text)
            for unit in resolution.codes
        ]
    given = (lon, lat) if lon is not None and lat is not None else None
    has_point = given is not None
    if country is None and not part and given is not None:
        for candidate in countries:
            found = places.province_at(candidate, *given)
            if found:
                country, code = candidate, found
                break
        if country is None:
            names = ", ".join(countries)
            context.error("lon", f"the point {lon}, {lat} is not in {names}", f"{lon}, {lat}")
            return []
    if country is None:
        names = ", ".join(vocab.term(vocab.COUNTRIES, c).label_en for c in countries if _known(c))
        close = [name for c in countries for name in places.did_you_mean(c, part)]
        hint = f" (did you mean {' or '.join(close)}?)" if close else ""
        elsewhere = [_country_name(c) for c in places.countries_naming(part, countries)]
        hint += f"; a unit of that name is in {', '.join(elsewhere)}" if elsewhere else ""
        context.error("provinces", f"not a province of {names or 'the country given'}{hint}", part)
        return []
    if given is not None:
        inside = (
            places.point_in_province(code, *given)
            if code
            else places.point_in_country(country, *given)
        )
        if not inside:
            where = places.province_name(code) if code else country
            context.error("lon", f"the point is outside {where}", f"{lon}, {lat}")
            return []
        point = given
    else:
        point = places.province_point(code) if code else places.country_point(country)
    named = resolution.precision if resolution else DEFAULT_PRECISION_PROVINCE
    default = (DEFAULT_PRECISION_WITH_POINT if has_point else named) if code else COUNTRY_WIDE
    precision = _precision(context, precision_text, default)
    if precision is None:
        return []
    return [
        Location(
            country=country,
            admin1=code,
            precision=precision,
            lon=round(float(point[0]), 5),
            lat=round(float(point[1]), 5),
            place=place or (resolution.place if resolution and not has_point else None),
            region=resolution.region if resolution else None,
        )
    ]


def _precision(context: RowContext, text: str, default: int) -> int | None:
    """The precision column's IATI code, else the default; None (and an error) if invalid."""
    if not text:
        return default
    if text not in {"1", "2", "3", "4", "5", "6"}:
        context.error("precision", "use an IATI precision code from 1 to 6", text)
        return None
    return int(text)


def _unit_location(
    context: RowContext,
    country: str,
    code: str,
    resolution: Resolution,
    place: str | None,
    precision_text: str,
) -> Location:
    """One drawn unit of a wider one, at its point, with the wider one as its region."""
    lon, lat = context.places.province_point(code)
    precision = _precision(context, precision_text, resolution.precision)
    return Location(
        country=country,
        admin1=code,
        precision=resolution.precision if precision is None else precision,
        lon=round(float(lon), 5),
        lat=round(float(lat), 5),
        place=place,
        region=resolution.region,
    )


def _country_name(country: str) -> str:
    return vocab.term(vocab.COUNTRIES, country).label_en if _known(country) else country


def _known(country: str) -> bool:
    return country in vocab.keys(vocab.COUNTRIES)


def _partners(context: RowContext) -> tuple[Partner, ...]:
    """From a Partners list (with aligned types, roles, Japanese names and notes), or from
    the proposer and implementer columns of Japanese lists (提案団体名, 実施団体)."""
    names = split_list(context.cell("partners"))
    roles = split_list(context.cell("partner_roles"))
    if not names:
        for key, column_role in (("proposer", "proposer"), ("implementer", "implementer")):
            for name in split_list(context.cell(key).replace("、", ";")):
                names.append(name)
                roles.append(column_role)
    names_ja = split_list(context.cell("partner_names_ja"))
    types = split_list(context.cell("partner_types"))
    notes = split_lines(context.cell("partner_notes"))
    partners: list[Partner] = []
    for index, listed in enumerate(names):
        name = "" if listed == NAME_NOT_STATED else listed
        type_text, type_inferred = _inferred(types[index] if index < len(types) else "")
        role_text, role_inferred = _inferred(roles[index] if index < len(roles) else "")
        kind = partner_type_key(type_text) if type_text else None
        if type_text and kind is None:
            context.error(
                "partner_types",
                "unknown partner type; use NGO, university, local government, "
                "public corporation or private company",
                type_text,
            )
        role = _vocabulary_key(vocab.PARTNER_ROLES, role_text) if role_text else None
        if role_text and role is None:
            context.error(
                "partner_roles", "unknown role; use proposer, implementer or cooperating", role_text
            )
        partners.append(
            Partner(
                name=name,
                name_ja=names_ja[index] if index < len(names_ja) and names_ja[index] else None,
                type=kind,
                type_stated=kind is not None and not type_inferred,
                role=role,
                role_stated=role is not None and not role_inferred,
                note=notes[index] if index < len(notes) else "",
            )
        )
    if len(types) > len(names):
        context.error("partner_types", "more partner types than partners")
    return tuple(partners)


def _dates(context: RowContext) -> tuple[FuzzyDate | None, FuzzyDate | None]:
    start = _read(context, "start", parse_fuzzy_date)
    end = _read(context, "end", parse_fuzzy_date)
    if context.cell("period"):
        period = _read(context, "period", parse_period)
        if period:
            for given, from_period, key in ((start, period[0], "start"), (end, period[1], "end")):
                if given and from_period and given.label != from_period.label:
                    context.warning(
                        key,
                        f"does not agree with the period ({from_period.label}); "
                        f"{given.label} is used",
                    )
            start, end = start or period[0], end or period[1]
    return start, end_with_stated_length(start, end)


BUDGET_KIND_WORDS = {
    "契約": "contract",
    "契約額": "contract",
    "契約金額": "contract",
    "概算": "estimate",
    "概算額": "estimate",
    "見込み": "estimate",
    "予定": "estimate",
    "実績": "stated",
    "約": "approximate",
}
UNIT_SUFFIX = {1000: "千円", 10_000: "万円", 1_000_000: "百万円"}


def _budget(context: RowContext) -> Budget | None:
    """Amounts in the header's unit ('事業費（千円）') unless the cell names its own."""
    text = context.cell("budget")
    if not text:
        return None
    unit = context.table.units.get("budget") or 1
    names_unit = re.search(r"(円|yen|jpy|million|\dM\b)", text, re.IGNORECASE)
    readable = text if unit == 1 or names_unit else text + UNIT_SUFFIX.get(unit, "")
    try:
        budget = parse_budget(readable)
    except ValueError as error:
        context.error("budget", str(error).replace(f"'{readable}'", "the value"))
        return None
    if budget is None:
        return None
    kind_text = context.cell("budget_kind")
    name = BUDGET_KIND_WORDS.get(fold(kind_text), kind_text) if kind_text else budget.kind
    kind = BUDGET_KINDS.get(name)
    if kind is None:
        context.error("budget_kind", f"use one of {', '.join(sorted(BUDGET_KINDS))}", name)
        return None
    note = context.cell("budget_note")
    # An export gives the amount as a number and the source's wording in a column of its own.
    text = context.cell("budget_text") if "budget_text" in context.table.headers else readable
    return Budget(yen=budget.yen, kind=kind, text=text, note=note)


_STATUS_WORDS = {"cancelled": "cancelled", "canceled": "cancelled", "中止": "cancelled",
                 "suspended": "suspended", "中断": "suspended"}  # fmt: skip


def _explicit_status(text: str) -> str | None:
    """Cancelled or suspended in any of their names (a download in Vietnamese: "Đã hủy")."""
    key = _vocabulary_key(vocab.STATUSES, text)
    return key if key in ("cancelled", "suspended") else None


def _status(
    context: RowContext, not_stated: tuple[str, ...]
) -> tuple[str | None, str | None, str | None, str | None]:
    """(set status, observed text, observed status, observed on) from the Status cell."""
    text = observed_in_english(context.cell("status"))
    if not text:
        return None, None, None, None
    explicit = _STATUS_WORDS.get(fold(text).split(" ")[0]) or _explicit_status(text)
    if explicit:
        return explicit, None, None, None
    try:
        observed = parse_observed_status(text)
    except ValueError:
        context.error(
            "status",
            "unknown status; use cancelled or suspended, or what a source observed, "
            "e.g. 'Ongoing at 2019-01' or 'Completed'",
        )
        return None, None, None, None
    if observed is None or "status" in {mark.split("(")[0].strip() for mark in not_stated}:
        return None, text, None, None
    return None, text, observed[0], observed[1].isoformat() if observed[1] else None


# A download's words for the vocabularies' keys, in the page's language: the vocabulary's
# name (``vocab.VOCABULARIES``) -> key -> label. None (``jpp-map export``): English labels,
# roles and statuses by their keys. Every label a download writes is among its term's names,
# which the importer reads (tests/ui/test_p12_rules.py checks), so that it imports back.
Labels = Mapping[str, Mapping[str, str]]


def term_label(labels: Labels | None, name: str, key: str) -> str:
    """A vocabulary key as a download writes it: in the page's language, else English."""
    said = (labels or {}).get(name, {}).get(key)
    return said or vocab.term(vocab.VOCABULARIES[name], key).label_en


def _partner_type_cell(partner: Partner, labels: Labels | None = None) -> str:
    if not partner.type:
        return ""
    label = term_label(labels, "partner_types", partner.type)
    return label if partner.type_stated else label + INFERRED_MARK


def _role_cell(partner: Partner, labels: Labels | None) -> str:
    if not partner.role:
        return ""
    role = term_label(labels, "partner_roles", partner.role) if labels else partner.role
    return role + ("" if partner.role_stated else INFERRED_MARK)


# The statuses a source's observation starts with ('Completed (by 2021-02)', 'Ongoing at
# 2019-01'), which a download in another language writes in its words ('終了 (by 2021-02)').
OBSERVED_WORDS = ("planned", "ongoing", "completed")


def _leading(text: str, word: str) -> bool:
    return text == word or text.startswith(word + " ")


def _status_cell(project: Project, labels: Labels | None) -> str:
    """The record's own status (cancelled, suspended: by its key, or its label in the page's
    language), else the source's own words, their first word in the page's language."""
    if project.status_set:
        return term_label(labels, "statuses", project.status_set) if labels else project.status_set
    text = project.status_observed or ""
    for key in OBSERVED_WORDS if labels else ():
        english = vocab.term(vocab.STATUSES, key).label_en
        if _leading(text, english):
            return term_label(labels, "statuses", key) + text[len(english) :]
    return text


def observed_in_english(text: str) -> str:
    """A status cell that starts with a status's name in Japanese or Vietnamese (as a download
    writes it: '終了 (by 2021-02)') as the source's English words it renders."""
    for key in OBSERVED_WORDS:
        term = vocab.term(vocab.STATUSES, key)
        for name in term.names:
            if _leading(text, name):
                return term.label_en + text[len(name) :]
    return text


def period_cell(project: Project) -> str:
    """'2016-02 – 2019-02': both ends as the Start and End columns label them, only when both
    are known and the period reads back to the same two dates (so an import of the export
    finds the period agreeing with Start and End, and says nothing)."""
    if not (project.start and project.end):
        return ""
    return _period_text(project.start.label, project.end.label)


@lru_cache(maxsize=4096)
def _period_text(start_label: str, end_label: str) -> str:
    """Labels repeat from project to project: each pair is parsed once (half an export's
    time otherwise)."""
    text = f"{start_label} – {end_label}"
    try:
        again = parse_period(text)
    except ValueError:
        return ""
    start, end = again if again else (None, None)
    if not (start and end) or (start.label, end.label) != (start_label, end_label):
        return ""
    return text


def organisations_in_role(project: Project, role: str, japanese: bool = False) -> str:
    """The Proposing or Implementing organisation column: the partners in that role, by
    their Japanese names where ``japanese`` and one is recorded (a Japanese download; the
    Partners column keeps the names the importer reads)."""
    return "; ".join(
        (p.name_ja if japanese and p.name_ja else p.name or p.name_ja or "")
        for p in project.partners
        if p.role == role
    )


def project_to_row(
    project: Project,
    province_names: dict[str, str],
    labels: Labels | None = None,
    japanese_names: bool = False,
) -> dict[str, str]:
    """The row a record exports to: readable names next to codes, the source's wording;
    ``labels``: the vocabularies' words in the page's language (English without);
    ``japanese_names``: the role columns name partners in Japanese where recorded."""

    def joined(values: list[str]) -> str:
        return "; ".join(values) if any(values) else ""

    provinces = []
    for location in project.locations:
        if location.admin1:
            name = province_names.get(location.admin1, "")
            provinces.append(f"{name} ({location.admin1})" if name else location.admin1)
        else:
            country = (
                term_label(labels, "countries", location.country)
                if _known(location.country)
                else location.country
            )
            provinces.append(f"{country} ({location.country})")
    countries = [
        f"{term_label(labels, 'countries', code)} ({code})" if _known(code) else code
        for code in project.countries
    ]
    return {
        "id": project.id,
        "title_en": project.title_en or "",
        "title_ja": project.title_ja or "",
        "title_local": project.title_local or "",
        "country": "; ".join(countries),
        "provinces": "; ".join(provinces),
        "places": joined([location.place or "" for location in project.locations]),
        "lon": "; ".join(f"{location.lon:.5f}" for location in project.locations),
        "lat": "; ".join(f"{location.lat:.5f}" for location in project.locations),
        "precision": "; ".join(str(location.precision) for location in project.locations),
        "proposer": organisations_in_role(project, "proposer", japanese_names),
        "implementer": organisations_in_role(project, "implementer", japanese_names),
        "partners": "; ".join(partner.name or NAME_NOT_STATED for partner in project.partners),
        "partner_names_ja": joined([partner.name_ja or "" for partner in project.partners]),
        "partner_types": joined([_partner_type_cell(p, labels) for p in project.partners]),
        "partner_roles": joined([_role_cell(p, labels) for p in project.partners]),
        "partner_notes": "\n".join(p.note for p in project.partners)
        if any(p.note for p in project.partners)
        else "",
        "scheme": term_label(labels, "schemes", project.scheme) if project.scheme else "",
        "fields": "; ".join(term_label(labels, "fields", key) for key in project.fields),
        "period": period_cell(project),
        "start": (project.start.text or project.start.label) if project.start else "",
        "end": (project.end.text or project.end.label) if project.end else "",
        "budget": str(project.budget.yen) if project.budget else "",
        "budget_kind": project.budget.kind if project.budget else "",
        "budget_text": project.budget.text if project.budget else "",
        "status": _status_cell(project, labels),
        "sources": " ; ".join(project.sources),
        "notes": project.notes,
        "last_updated": project.last_updated,
        "not_stated": "; ".join(project.not_stated_by_source),
        "budget_note": project.budget.note if project.budget else "",
        "geonameids": joined([str(loc.geonameid or "") for loc in project.locations]),
        "regions": joined([loc.region or "" for loc in project.locations]),
        "location_notes": "\n".join(loc.note for loc in project.locations)
        if any(loc.note for loc in project.locations)
        else "",
    }
