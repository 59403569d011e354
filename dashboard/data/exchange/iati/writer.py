"""The selection as an IATI 2.03 activity file (``iati-activities``), written with lxml.

Only what a record states is written; IATI's schema requires of every activity a
description, a status and at least one date, so:

- the description is a sentence made of the record's stated facts (the programme, its
  scheme), in English and Japanese: the records hold no description of their own;
- a project whose record gives no start or end, or whose status on the as-of date is not
  stated, is left out of the file, and the file says which (a comment at its top, and
  :attr:`IatiFile.left_out`): IATI has no way to say "not stated" there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from ...repository import BoundaryIndex

from ... import vocab
from ...model import FuzzyDate, Location, Partner, Project
from . import codes
from .codes import XML_LANG, Publisher

IATI_VERSION = "2.03"
LISTED_LEFT_OUT = 100  # project IDs named in the file's comment; more are counted
NO_DATE = "its record gives neither a start nor an end"
NO_STATUS = "its status on the as-of date is not stated"
SOURCE_TITLE = "Source of the facts of this activity"
INFERRED_SECTOR = (
    "Inferred by the JPP Map's researchers from what the project does; no source names it"
)


@dataclass(frozen=True)
class IatiOptions:
    publisher: Publisher
    as_of: date  # the date statuses are worked out for, and planned dates told from actual
    statuses: Mapping[str, str]  # project id -> status on the as-of date
    province_names: Mapping[str, str] = field(default_factory=dict)  # ISO 3166-2 -> name
    generated: datetime | None = None  # UTC; None: now


@dataclass(frozen=True)
class IatiFile:
    data: bytes
    written: tuple[str, ...]  # project IDs, in the file's order
    left_out: tuple[tuple[str, str], ...]  # (project ID, why)


class NothingToPublish(ValueError):
    """No project of the selection can be an IATI activity: a file needs one at least."""

    def __init__(self, left_out: tuple[tuple[str, str], ...]) -> None:
        count = len(left_out)
        super().__init__(
            "no project of this selection can be written as an IATI activity"
            + (f": each of the {count:,} lacks a date or a stated status" if count else "")
        )
        self.left_out = left_out


def unit_names(boundaries: BoundaryIndex) -> dict[str, str]:
    """The English name of every unit a location may be placed on, for ``location/name``:
    the implemented layers' and the later ones' (Nepal's provinces, which projects are placed
    on too), as the import's place index knows them (``merge.echo`` reads the same names)."""
    units = {**boundaries.provinces, **boundaries.current}
    return {code: unit.name_en for code, unit in units.items() if unit.name_en}


def left_out_reason(project: Project, status: str | None) -> str | None:
    """Why a project cannot be an activity without inventing something; None when it can."""
    if project.start is None and project.end is None:
        return NO_DATE
    if codes.activity_status(status) is None:
        return NO_STATUS
    return None


def to_iati(projects: Iterable[Project], options: IatiOptions) -> IatiFile:
    """Raises :class:`NothingToPublish` when no project can be written."""
    generated = (options.generated or datetime.now(UTC)).replace(microsecond=0)
    root = etree.Element(
        "iati-activities",
        {"version": IATI_VERSION, "generated-datetime": generated.isoformat()},
    )
    written: list[str] = []
    left_out: list[tuple[str, str]] = []
    for project in projects:
        status = options.statuses.get(project.id)
        reason = left_out_reason(project, status)
        if reason:
            left_out.append((project.id, reason))
            continue
        root.append(activity(project, status or "", options))
        written.append(project.id)
    if not written:
        raise NothingToPublish(tuple(left_out))
    if left_out:
        root.insert(0, etree.Comment(_left_out_comment(left_out)))
    data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return IatiFile(data=data, written=tuple(written), left_out=tuple(left_out))


def _left_out_comment(left_out: list[tuple[str, str]]) -> str:
    by_reason: dict[str, list[str]] = {}
    for project_id, reason in left_out:
        by_reason.setdefault(reason, []).append(project_id)
    lines = [f" {len(left_out):,} projects of the selection are not in this file:"]
    for reason, ids in by_reason.items():
        shown = ", ".join(ids[:LISTED_LEFT_OUT])
        more = f" and {len(ids) - LISTED_LEFT_OUT:,} more" if len(ids) > LISTED_LEFT_OUT else ""
        # "--" cannot be in an XML comment: IDs are escaped by the identifier rule anyway.
        lines.append(f" {reason} ({len(ids):,}): {shown}{more}".replace("--", "- -"))
    return "\n".join(lines) + "\n"


def _sub(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, tag, {k.replace("_", "-"): v for k, v in attributes.items()})


def _narrative(parent: etree._Element, text: str, lang: str | None = None) -> None:
    element = _sub(parent, "narrative")
    if lang:
        element.set(XML_LANG, lang)
    element.text = text


def activity(project: Project, status: str, options: IatiOptions) -> etree._Element:
    """One ``iati-activity``, its elements in the schema's order."""
    element = etree.Element("iati-activity", {XML_LANG: "en", "default-currency": "JPY"})
    updated = _datetime(project.last_updated)
    if updated:
        element.set("last-updated-datetime", updated)
    _heading(element, project, options.publisher)
    _organisations(element, project.partners)
    _sub(element, "activity-status", code=codes.activity_status(status) or "")
    for date_type, day, label in activity_dates(project, options.as_of):
        dated = _sub(element, "activity-date", type=date_type, iso_date=day.isoformat())
        if label:
            _narrative(dated, label)
    _places(element, project, options.province_names)
    _sectors(element, project, options.publisher.ref)
    _budget(element, project)
    for source in project.sources:
        if codes.is_web_address(source):
            link = _sub(element, "document-link", format=codes.document_format(source), url=source)
            _narrative(_sub(link, "title"), SOURCE_TITLE)
            _sub(link, "category", code=codes.ACTIVITY_WEB_PAGE)
    return element


def _sectors(element: etree._Element, project: Project, publisher_ref: str) -> None:
    """Another publisher's sectors as it published them, else the fields' DAC codes."""
    published = codes.published_sectors(project.original, publisher_ref, project.fields)
    if published:
        for vocabulary, code, percentage in published:
            sector = _sub(element, "sector", vocabulary=vocabulary, code=code)
            if percentage:
                sector.set("percentage", percentage)
        return
    inferred_fields = "sector" in project.not_stated_by_source
    for key in project.fields:
        vocabulary, code = codes.sector(key)
        sector = _sub(element, "sector", vocabulary=vocabulary, code=code)
        if inferred_fields:  # IATI has no flag for it: the sector says so in words
            _narrative(sector, INFERRED_SECTOR)


def _heading(element: etree._Element, project: Project, publisher: Publisher) -> None:
    """The identifier, the reporting organisation, the titles and the description."""
    identifier = _sub(element, "iati-identifier")
    published = codes.published_identifier(project.original, publisher.ref)
    identifier.text = published or codes.activity_identifier(publisher.ref, project.id)
    reporting = _sub(element, "reporting-org", ref=publisher.ref, type=publisher.type)
    if published:  # another publisher's activity, reproduced: we report it second-hand
        reporting.set("secondary-reporter", "1")
    _narrative(reporting, publisher.name)
    title = _sub(element, "title")
    for lang, text in titles(project):
        _narrative(title, text, lang)
    description = _sub(element, "description", type="1")
    for lang, text in description_texts(project).items():
        _narrative(description, text, lang)


def _places(element: etree._Element, project: Project, names: Mapping[str, str]) -> None:
    """The recipient countries, then the sites."""
    for country in project.countries:
        code = codes.country_alpha2(country)
        if code:
            _sub(element, "recipient-country", code=code)
    for location in project.locations:
        if location.precision in codes.PRECISION_TERMS:
            _location(element, location, names)
        elif location.precision == codes.COUNTRY_WIDE:
            _country_wide(element, location.country)


def _datetime(day: str) -> str | None:
    try:
        return f"{date.fromisoformat(day).isoformat()}T00:00:00Z"
    except ValueError:
        return None


def titles(project: Project) -> list[tuple[str, str]]:
    """(language, title) for every title the record has; a local title only where the
    country has one official language (the record does not name it)."""
    found = [("en", project.title_en), ("ja", project.title_ja)]
    local = codes.local_language(project.countries)
    if local:
        found.append((local, project.title_local))
    return [(lang, text) for lang, text in found if text]


def description_texts(project: Project) -> dict[str, str]:
    """What the record states of the activity in general: the programme and its scheme."""
    if project.scheme:
        scheme = vocab.term(vocab.SCHEMES, project.scheme)
        return {
            "en": f"JICA Partnership Program (JPP) project, {scheme.label_en}.",
            "ja": f"JICA草の根技術協力事業（{scheme.names[0]}）",
        }
    return {"en": "JICA Partnership Program (JPP) project.", "ja": "JICA草の根技術協力事業"}


def _organisations(element: etree._Element, partners: tuple[Partner, ...]) -> None:
    funding = _sub(
        element, "participating-org", ref=codes.JICA, role=codes.FUNDING, type=codes.GOVERNMENT
    )
    for lang, name in codes.JICA_NAMES.items():
        _narrative(funding, name, None if lang == "en" else lang)
    for partner in partners:
        # What no source states is not published as stated: an unstated role is the one
        # every JPP partner has by the programme's rules (it carries the project out:
        # implementing); an unstated type is left out.
        role = partner.role if partner.role_stated else None
        org = _sub(element, "participating-org", role=codes.organisation_role(role))
        kind = codes.organisation_type(partner.type) if partner.type_stated else None
        if kind:
            org.set("type", kind)
        if partner.name:
            _narrative(org, partner.name)
        if partner.name_ja:
            _narrative(org, partner.name_ja, "ja")


def activity_dates(project: Project, as_of: date) -> list[tuple[str, date, str]]:
    """(type, ISO date, the record's label when it is less precise than a day): a start is its
    first possible day, an end its last; planned when the record says so or it is after the
    as-of date."""
    found = []
    for when, end in ((project.start, False), (project.end, True)):
        if when is None:
            continue
        day = when.latest if end else when.earliest
        planned = when.qualifier == "planned" or day > as_of
        found.append((codes.date_type(end=end, planned=planned), day, _label(when)))
    return found


def _label(when: FuzzyDate) -> str:
    return "" if when.precision == "day" and not when.qualifier else when.label


def _location(element: etree._Element, site: Location, names: Mapping[str, str]) -> None:
    location = _sub(element, "location")
    if site.admin1:
        location.set("ref", site.admin1)
    if site.geonameid:
        _sub(location, "location-id", vocabulary="G1", code=str(site.geonameid))
    name = site.place or (names.get(site.admin1, "") if site.admin1 else "")
    if name:
        _narrative(_sub(location, "name"), name)
    location_class, feature, exactness = codes.PRECISION_TERMS[site.precision]
    if site.precision in codes.SITE_PRECISIONS:
        point = _sub(location, "point", srsName=codes.WGS84)
        _sub(point, "pos").text = f"{site.lat:.5f} {site.lon:.5f}"
        _sub(location, "exactness", code=exactness)
    if location_class:
        _sub(location, "location-class", code=location_class)
    if feature:
        _sub(location, "feature-designation", code=feature)


def _country_wide(element: etree._Element, country: str) -> None:
    """A site where only the country is known: the country as the location's unit."""
    code = codes.country_alpha2(country)
    if code:
        location = _sub(element, "location")
        _sub(location, "administrative", vocabulary=codes.ISO_COUNTRY, level="0", code=code)
        _sub(location, "location-class", code=codes.ADMINISTRATIVE_REGION)
        _sub(location, "feature-designation", code=codes.COUNTRY_FEATURE)


def _budget(element: etree._Element, project: Project) -> None:
    """The whole project's budget, over its period: left out when it is no total (one
    year's, an upper bound) or the record lacks the start or the end."""
    budget, start, end = project.budget, project.start, project.end
    status = codes.budget_status(budget.kind) if budget else None
    if budget is None or status is None or start is None or end is None:
        return
    entry = _sub(element, "budget", type=codes.ORIGINAL, status=status)
    _sub(entry, "period-start", iso_date=start.earliest.isoformat())
    _sub(entry, "period-end", iso_date=end.latest.isoformat())
    value = _sub(entry, "value", currency="JPY", value_date=start.earliest.isoformat())
    value.text = str(budget.yen)
