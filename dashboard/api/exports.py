"""What a download holds besides its rows (pure: no web framework): the file's name, the
headers in the page's language, the status on the "as of" date, Viet Nam's 2025 provinces
when the page shows them, and the statement of what the file holds (the view, the filters in
words, the as-of date, the data's date and the moment the file was made).

The export route reads the request (``lang``, ``view``, ``layer`` besides the filter) into an
:class:`ExportRequest` and calls :func:`export_options`; the writers get plain values.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

import numpy as np

from ..data import vocab
from ..data.exchange.columns import COLUMNS, DERIVED_COLUMNS
from ..data.exchange.writers import ExportOptions
from ..data.filter_query import to_query
from ..data.filters import ProjectFilter, Selection
from ..data.loading import ProjectStore
from ..data.model import Location
from ..data.repository import BoundaryIndex
from ..i18n import Translator
from ..i18n.provenance import day_text

VIEWS = ("world", "japan")  # the overviews, as the page's URL names them (``view=``)
LAYERS = ("implemented", "current")  # Viet Nam's province layers (``layer=``)
FILE_PREFIX = "jpp-projects"
SITES_PREFIX = "jpp-sites"  # the sites' CSV, the project CSV's companion
MAX_NAME_PART = 60  # characters of the filters in a file's name; more reads "filtered"
_UNSAFE = re.compile(r"[^A-Za-z0-9+_.-]+")


@dataclass(frozen=True)
class ExportRequest:
    """What the page asked for besides the filter: its language, its view and its layer."""

    fmt: str
    lang: str = "en"
    view: str | None = None  # "world" or "japan"; None: the filter's countries
    layer: str | None = None  # "current": Viet Nam's 34 provinces since 1 July 2025


@dataclass(frozen=True)
class Facts:
    """What a file says of itself besides the filter."""

    as_of: date  # the date the statuses are worked out for
    data_date: date | None
    version: str
    made_at: datetime  # UTC
    count: int


def _range(name: str, low: int | None, high: int | None) -> list[str]:
    if low is None and high is None:
        return []
    return [f"{name}{'' if low is None else low}-{'' if high is None else high}"]


def export_file_name(
    fmt: str, spec: ProjectFilter, view: str | None, day: date, prefix: str = FILE_PREFIX
) -> str:
    """'jpp-projects-VNM-water-2026-12-06.xlsx': where (the countries joined with '+', or
    ``world`` / ``japan`` for an overview, ``world`` for no country), the filter's values,
    and the date the statuses are worked out for (the as-of date, today by default)."""
    where = view if view in VIEWS else "+".join(spec.country) or "world"
    parts: list[str] = []
    for facet in ("field", "status", "partner_type", "scheme", "province", "partner"):
        values = getattr(spec, facet)
        if values:
            parts.append("+".join(values))
    parts += _range("budget", spec.budget_min, spec.budget_max)
    parts += _range("months", spec.duration_min, spec.duration_max)
    parts += _range("start", spec.start_from, spec.start_to)
    if spec.q:
        parts.append("search")
    what = _UNSAFE.sub("_", "-".join(parts)).strip("_")
    if len(what) > MAX_NAME_PART:
        what = "filtered"
    name = "-".join(part for part in (prefix, _UNSAFE.sub("_", where), what) if part)
    return f"{name}-{day.isoformat()}.{fmt}"


def _terms(
    label: str, vocabulary: tuple[vocab.Term, ...], keys: tuple[str, ...], t: Translator
) -> list[tuple[str, str]]:
    return [(label, ", ".join(t.term(vocabulary, key) for key in keys))] if keys else []


def _province_names(codes: tuple[str, ...], boundaries: BoundaryIndex, t: Translator) -> str:
    names = []
    for code in codes:
        province = boundaries.all_units.get(code)
        names.append(f"{t.province(province)} ({code})" if province else code)
    return ", ".join(names)


def _bound(value: int | None, show: Callable[[int], str]) -> str:
    """A range's end as the page writes it; a number too large for CLDR's formats (the API
    takes any whole number) as its digits."""
    if value is None:
        return "…"
    try:
        return show(value)
    except ArithmeticError:  # decimal.InvalidOperation: beyond Babel's precision
        return str(value)


def _ranges(spec: ProjectFilter, t: Translator) -> list[tuple[str, str]]:
    rows = []
    ranges: tuple[tuple[str, int | None, int | None, Callable[[int], str], bool], ...] = (
        (t("Budget"), spec.budget_min, spec.budget_max, t.yen, spec.keep_unknown_budget),
        (t("Duration (months)"), spec.duration_min, spec.duration_max, t.number,
         spec.keep_unknown_duration),
        (t("Start year"), spec.start_from, spec.start_to, str, spec.keep_unknown_start),
    )  # fmt: skip
    for label, low, high, show, keep in ranges:
        if low is None and high is None:
            if not keep:
                rows.append((label, t("projects that state none are left out")))
            continue
        words = f"{_bound(low, show)}–{_bound(high, show)}"
        words += "; " + (
            t("projects that state none are kept")
            if keep
            else t("projects that state none are left out")
        )
        rows.append((label, words))
    return rows


def filters_in_words(
    spec: ProjectFilter, boundaries: BoundaryIndex, t: Translator
) -> list[tuple[str, str]]:
    """Each filter the export applies, as (what, values) in the page's language; none: one
    row that says every project is in."""
    rows = (
        [(t("Country"), ", ".join(t.country(code) for code in spec.country))]
        if spec.country
        else []
    )
    rows += _terms(t("Field"), vocab.FIELDS, spec.field, t)
    rows += _terms(t("Japanese partner type"), vocab.PARTNER_TYPES, spec.partner_type, t)
    rows += _terms(t("Scheme"), vocab.SCHEMES, spec.scheme, t)
    rows += _terms(t("Status"), vocab.STATUSES, spec.status, t)
    if spec.province:
        rows.append((t("Province"), _province_names(spec.province, boundaries, t)))
    if spec.partner:
        rows.append((t("Partner"), ", ".join(spec.partner)))
    rows += _ranges(spec, t)
    if spec.q:
        rows.append((t("Search"), f"“{spec.q}”"))
    return rows


def _view_words(request: ExportRequest, spec: ProjectFilter, t: Translator) -> str:
    if request.view == "japan":
        words = t("The view from Japan (every country's projects)")
    elif request.view == "world" or not spec.country:
        words = t("All countries")
    else:
        words = ", ".join(t.country(code) for code in spec.country)
    if request.layer == "current" and spec.country == ("NPL",):
        words += "; " + t("Nepal's 7 provinces since 20 September 2015")
    elif request.layer == "current":
        words += "; " + t("Viet Nam's provinces in force since 1 July 2025")
    return words


def statement(
    spec: ProjectFilter,
    request: ExportRequest,
    facts: Facts,
    boundaries: BoundaryIndex,
    t: Translator,
) -> list[tuple[str, str]]:
    """What the file holds, as (label, text) rows: the CSV's first rows and Excel's last
    sheet."""
    filters = filters_in_words(spec, boundaries, t)
    filter_text = "; ".join(f"{what}: {values}" for what, values in filters)
    rows = [
        (t("JICA Partnership Program projects"), _view_words(request, spec, t)),
        (t("Filters"), filter_text or t("none: every project")),
        (t("Status worked out for"), day_words(facts.as_of, t)),
        (
            t("Data dated"),
            (day_words(facts.data_date, t) if facts.data_date else t.not_stated)
            + "; {} {}".format(t("version"), facts.version),
        ),
        (t("File made"), facts.made_at.strftime("%Y-%m-%d %H:%M:%S UTC")),
        (t("Number of projects"), t.number(facts.count)),
        (
            t("About the amounts"),
            t(
                "Budget (JPY) is each project's amount as its kind says; the map's total "
                "counts only whole-project amounts (contract, estimate, stated, approximate)."
            ),
        ),
    ]
    return rows


def day_words(day: date, t: Translator) -> str:
    """'1 Apr 2020 (2020-04-01)': as the page says dates, and in a form that sorts."""
    return f"{day_text(day, t)} ({day.isoformat()})"


def unit_names(boundaries: BoundaryIndex, t: Translator) -> dict[str, str]:
    """Every unit's code (any layer) -> its name as the page shows it in the download's
    language (バグマティ県 in Japanese, not Bagmati Zone)."""
    return {code: t.province(unit) for code, unit in boundaries.all_units.items()}


def _current_provinces(boundaries: BoundaryIndex, t: Translator) -> dict[str, str]:
    """Implemented code -> 'Name (VN-2025-NN)' of the unit in force since 2025 it is in."""
    names: dict[str, str] = {}
    for new, olds in boundaries.formed_from.items():
        name = t.province(boundaries.current[new])
        for old in olds:
            names[old] = f"{name} ({new})" if name else new
    return names


def current_units(boundaries: BoundaryIndex, t: Translator) -> Callable[[Location], str]:
    """A site -> the unit(s) in force today it is in, as 'Name (code)' in the download's
    language: Viet Nam's 34 by its province; Nepal's provinces by its district or point
    (``BoundaryIndex.placement``), "A or B" when only its zone is known (it is in one of
    them, not in each)."""
    names = _current_provinces(boundaries, t)

    def of(location: Location) -> str:
        if location.admin1 in names:
            return names[location.admin1 or ""]
        where = boundaries.placement(
            location.admin1, location.place, location.precision, location.lon, location.lat
        )
        units = [boundaries.current[c] for c in where.units if c in boundaries.current]
        return t(" or ").join(f"{t.province(unit)} ({unit.code})" for unit in units)

    return of


def _headers(request: ExportRequest, spec: ProjectFilter, t: Translator) -> dict[str, str]:
    """Each column's header in the page's language; the column of the units in force today
    names the layer shown (Nepal's provinces since 2015, Viet Nam's of 2025)."""
    headers = {column.key: t(column.header) for column in (*COLUMNS, *DERIVED_COLUMNS)}
    if request.layer == "current" and spec.country == ("NPL",):
        headers["provinces_2025"] = t("Provinces (since 2015)")
    return headers


def export_options(
    store: ProjectStore,
    selection: Selection,
    spec: ProjectFilter,
    request: ExportRequest,
    boundaries: BoundaryIndex,
    t: Translator,
    made_at: datetime,
) -> ExportOptions:
    """Everything a download of the page carries besides the records."""
    as_of = spec.as_of or made_at.date()
    rows = np.flatnonzero(selection.mask)
    statuses = selection.statuses.to_numpy()
    facts = Facts(as_of, store.data_date, store.version, made_at, len(rows))
    lines = statement(spec, request, facts, boundaries, t)
    return ExportOptions(
        headers=_headers(request, spec, t),
        as_of=as_of,
        statuses={store.projects[row].id: str(statuses[row]) for row in rows},
        status_labels={term.key: t.term(vocab.STATUSES, term.key) for term in vocab.STATUSES},
        current_of=current_units(boundaries, t) if request.layer == "current" else None,
        statement=lines,
        statement_json={
            "query": to_query(spec),
            "view": request.view,
            "layer": request.layer or "implemented",
            "as_of": as_of.isoformat(),
            "data_date": store.data_date.isoformat() if store.data_date else None,
            "data_version": store.version,
            "made_at": made_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "count": len(rows),
            "lang": t.lang,
            "statement": dict(lines),
        },
        labels={
            name: {term.key: t.term(vocabulary, term.key) for term in vocabulary}
            for name, vocabulary in vocab.VOCABULARIES.items()
        },
        japanese_names=t.lang == "ja",
        sheet_names={
            "projects": t("Project list"),
            "sites": t("Sites"),
            "about": t("About this file"),
        },
    )
