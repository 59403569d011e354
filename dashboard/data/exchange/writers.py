"""Write project lists as CSV (for Excel in Japanese), Excel and GeoJSON, with readable headers.

One row per project in CSV and in Excel's first sheet, so that a spreadsheet sums and sorts
budgets without counting a project twice; Excel adds a sheet of sites (one row per site, its
point as numbers) and a sheet that says what the file holds. GeoJSON has one Point feature per
site, its properties under the columns' machine keys (``title_en``, ``budget_yen``).

What the page adds (headers in its language, the status on the "as of" date, the provinces of
Viet Nam's 2025 layer, the statement of the filters) comes in :class:`ExportOptions`, as plain
values: this module knows no language, no page and no web framework.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from ..model import Location, Project
from .columns import COLUMNS, EXPORT_COLUMN_BY_KEY, Column
from .convert import UNSTORABLE, Labels, project_to_row, runs_as_formula

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}
LOCATION_KEYS = ("provinces", "provinces_2025", "places", "lon", "lat", "precision")
# The Sites sheet: what a site is, one row per site, its point as numbers.
SITE_KEYS = ("id", "title_en", "title_ja", "country", "provinces", "provinces_2025", "places",
             "lon", "lat", "precision")  # fmt: skip
# Cells written as numbers (Excel) or JSON numbers (GeoJSON) when they hold one value.
FLOAT_KEYS = frozenset({"lon", "lat"})
INTEGER_KEYS = frozenset({"budget", "precision"})
# GeoJSON's machine key of a column, where it is not the column's key: the amount's unit.
GEOJSON_KEYS = {"budget": "budget_yen"}
SHEET_NAMES = {"projects": "projects", "sites": "sites", "about": "about"}


@dataclass(frozen=True)
class ExportOptions:
    """What an export carries besides the records; the defaults give the plain project list
    (English headers, no derived columns, no statement), as ``jpp-map export`` writes it."""

    headers: Mapping[str, str] = field(default_factory=dict)  # column key -> header; else English
    as_of: date | None = None  # the status columns' date; None: no status columns
    statuses: Mapping[str, str] = field(default_factory=dict)  # project id -> status key
    status_labels: Mapping[str, str] = field(default_factory=dict)  # status key -> label
    # Viet Nam's 2025 layer shown: implemented province code -> "Name (VN-2025-NN)" of its unit.
    current_provinces: Mapping[str, str] | None = None
    # Or per site, where the unit depends on more than its code (Nepal: the province of its
    # district; "A or B" when only its zone is known).
    current_of: Callable[[Location], str] | None = None
    statement: Sequence[tuple[str, str]] = ()  # what the file holds, as (label, text) rows
    statement_json: Mapping[str, Any] = field(default_factory=dict)  # the same, for GeoJSON
    sheet_names: Mapping[str, str] = field(default_factory=dict)  # Excel: projects, sites, about
    # The vocabularies' words in the page's language (fields, statuses, partner types, …);
    # None: English, as ``jpp-map export`` writes. The importer reads them all back.
    labels: Labels | None = None
    # The Proposing / Implementing organisation columns in Japanese names where recorded.
    japanese_names: bool = False

    def header(self, column: Column) -> str:
        return self.headers.get(column.key) or column.header

    def sheet(self, name: str) -> str:
        return self.sheet_names.get(name) or SHEET_NAMES[name]


PLAIN = ExportOptions()


def export_columns(options: ExportOptions = PLAIN) -> list[Column]:
    """The columns in the order written: the project list's, with the 2025 provinces beside
    the provinces and the status on the "as of" date (and that date) before the record's own
    status, when the export has them."""
    keys: list[str] = []
    for column in COLUMNS:
        if column.key == "status" and options.as_of is not None:
            keys += ["status_as_of", "as_of"]
        keys.append(column.key)
        current = options.current_provinces is not None or options.current_of is not None
        if column.key == "provinces" and current:
            keys.append("provinces_2025")
    return [EXPORT_COLUMN_BY_KEY[key] for key in keys]


def writable(value: str) -> str:
    """What imports refuse (``convert.UNSTORABLE``), should a record hold it from before,
    is written as U+FFFD: a file must still be written (openpyxl refuses control characters,
    UTF-8 has no lone surrogates), and the mark shows where something was."""
    return UNSTORABLE.sub("\ufffd", value)


# A negative number alone ('-17.84775', a southern latitude): a spreadsheet reads it as that
# number and runs nothing, so it is written as it is (escaped, it was text: no sum, no map).
_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(?:\.[0-9]+)?")


def safe_cell(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is written as text ('=…), also when
    it starts with a full-width ＝ or an invisible character (``convert.runs_as_formula``);
    a negative number alone is a number, not a formula."""
    value = writable(value)
    if _NEGATIVE_NUMBER.fullmatch(value):
        return value
    return "'" + value if runs_as_formula(value) else value


def export_row(
    project: Project, province_names: Mapping[str, str], options: ExportOptions = PLAIN
) -> dict[str, str]:
    """A project's cells as text: the project list's row and the derived columns."""
    row = project_to_row(project, dict(province_names), options.labels, options.japanese_names)
    if options.as_of is not None:
        status = options.statuses.get(project.id, "")
        row["status_as_of"] = options.status_labels.get(status, status)
        row["as_of"] = options.as_of.isoformat()
    if options.current_of is not None or options.current_provinces is not None:
        names = options.current_provinces or {}
        units = [
            options.current_of(location)
            if options.current_of
            else names.get(location.admin1 or "", "")
            for location in project.locations
        ]
        row["provinces_2025"] = "; ".join(units) if any(units) else ""
    return row


def _rows(
    projects: Iterable[Project], province_names: Mapping[str, str], options: ExportOptions
) -> list[dict[str, str]]:
    return [
        {
            key: safe_cell(value)
            for key, value in export_row(project, province_names, options).items()
        }
        for project in projects
    ]


def number(key: str, text: str) -> int | float | str:
    """A cell of one number as that number (a spreadsheet sums and sorts it); else the text."""
    if key not in FLOAT_KEYS | INTEGER_KEYS or not text:
        return text
    try:
        return int(text) if key in INTEGER_KEYS else float(text)
    except ValueError:
        return text  # a list of several sites' values: text, as the project list has it


def to_csv(
    projects: Iterable[Project], province_names: Mapping[str, str], options: ExportOptions = PLAIN
) -> bytes:
    """UTF-8 with a byte-order mark: Excel then opens Japanese and Vietnamese correctly.

    The statement, when there is one, comes first, two cells a row, then an empty row, then
    the header: Excel shows it above the table and sorts and filters the table as a region of
    its own; ``jpp-map import`` finds the header row below it (it looks in the first rows)."""
    columns = export_columns(options)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    _csv_head(writer, options, columns)
    for row in _rows(projects, province_names, options):
        writer.writerow([row.get(column.key, "") for column in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_head(writer: Any, options: ExportOptions, columns: list[Column]) -> None:
    """The statement (two cells a row, then an empty row) and the header row of a CSV."""
    for label, text in options.statement:
        writer.writerow([safe_cell(label), safe_cell(text)])
    if options.statement:
        writer.writerow([])
    writer.writerow([safe_cell(options.header(column)) for column in columns])


def to_sites_csv(
    projects: Iterable[Project], province_names: Mapping[str, str], options: ExportOptions = PLAIN
) -> bytes:
    """The project CSV's companion: one row per site (the project's ID, titles, country,
    province, place, one longitude and one latitude, precision), as Excel's Sites sheet, so
    that a CSV has numeric points too; the same statement above it. A project list keeps one
    row per project: this file is for maps and sums of sites, not for ``jpp-map import``."""
    projects = list(projects)
    site_columns = [column for column in export_columns(options) if column.key in SITE_KEYS]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    _csv_head(writer, options, site_columns)
    keys = [column.key for column in site_columns]
    writer.writerows(_site_rows(projects, province_names, options, keys))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _typed(key: str, text: str, as_of: date | None) -> Any:
    if key == "as_of" and as_of is not None:
        return as_of
    return number(key, text)


def _table_sheet(sheet: Any, headers: list[str], rows: list[list[Any]]) -> None:
    """A header in bold, frozen, with an autofilter over the whole table."""
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    sheet.freeze_panes = "A2"
    last = get_column_letter(max(1, len(headers)))
    sheet.auto_filter.ref = f"A1:{last}{len(rows) + 1}"
    for index, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, len(header) + 2))
        if header and isinstance(rows[0][index - 1] if rows else None, date):
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "yyyy-mm-dd"


def _site_rows(
    projects: list[Project],
    province_names: Mapping[str, str],
    options: ExportOptions,
    keys: list[str],
) -> list[list[Any]]:
    """One row per site; each site's cell made safe on its own (a list's first value would
    otherwise carry the escape of the whole list: '-15.30212 as text)."""
    sites = []
    for project in projects:
        row = {k: v for k, v in export_row(project, province_names, options).items() if k in keys}
        lists = {key: row.get(key, "").split("; ") for key in LOCATION_KEYS}
        for index in range(len(project.locations)):
            cells = []
            for key in keys:
                if key in LOCATION_KEYS:
                    values = lists[key]
                    text = values[index] if index < len(values) else ""
                else:
                    text = row.get(key, "")
                cells.append(number(key, safe_cell(text)))
            sites.append(cells)
    return sites


def to_xlsx(
    projects: Iterable[Project], province_names: Mapping[str, str], options: ExportOptions = PLAIN
) -> bytes:
    """Projects (one row per project), sites (one row per site) and, when the export has a
    statement, a sheet saying what the file holds. The projects come first: that is the
    sheet ``jpp-map import`` reads."""
    from openpyxl import Workbook

    projects = list(projects)
    columns = export_columns(options)
    rows = _rows(projects, province_names, options)
    workbook = Workbook()
    sheet = workbook.worksheets[0]  # a new workbook's one sheet
    sheet.title = options.sheet("projects")
    _table_sheet(
        sheet,
        [safe_cell(options.header(column)) for column in columns],
        [[_typed(c.key, row.get(c.key, ""), options.as_of) for c in columns] for row in rows],
    )
    site_columns = [column for column in columns if column.key in SITE_KEYS]
    _table_sheet(
        workbook.create_sheet(options.sheet("sites")),
        [safe_cell(options.header(column)) for column in site_columns],
        _site_rows(projects, province_names, options, [column.key for column in site_columns]),
    )
    if options.statement:
        about = workbook.create_sheet(options.sheet("about"))
        for label, text in options.statement:
            about.append([safe_cell(label), safe_cell(text)])
        about.column_dimensions["A"].width = 28
        about.column_dimensions["B"].width = 100
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _geojson_value(key: str, text: str) -> Any:
    if key in FLOAT_KEYS | INTEGER_KEYS:
        value = number(key, text)
        return value if not isinstance(value, str) or value else None
    return writable(text)


def to_geojson(
    projects: Iterable[Project], province_names: Mapping[str, str], options: ExportOptions = PLAIN
) -> bytes:
    """One Point feature per project site, carrying all of the project's columns under their
    machine keys (``title_en``, ``budget_yen``: the same in every language), numbers as
    numbers; the status is its key (``ongoing``), the vocabularies' values in English in every
    language (a program reads the same values whatever the page's language was).

    Reading it back groups the features by ID (see ``importer``), so a project with three
    sites is three features here and one record again after import.
    """
    columns = export_columns(options)
    # Statuses by their keys, the vocabularies and partners in English: a program's values.
    machine = replace(options, status_labels={}, labels=None, japanese_names=False)
    features = []
    for project in projects:
        row = export_row(project, province_names, machine)
        sites = {key: row[key].split("; ") if row.get(key) else [] for key in LOCATION_KEYS}
        for index, location in enumerate(project.locations):
            properties = {}
            for column in columns:
                text = row.get(column.key, "")
                if column.key in LOCATION_KEYS:
                    values = sites[column.key]
                    text = values[index] if index < len(values) else ""
                key = GEOJSON_KEYS.get(column.key, column.key)
                properties[key] = _geojson_value(column.key, text)
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                    "properties": properties,
                }
            )
    document: dict[str, Any] = {"type": "FeatureCollection", "features": features}
    if options.statement_json:
        # A foreign member (RFC 7946, section 6.1): readers keep the features, leave this be.
        document["export"] = dict(options.statement_json)
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "geojson": to_geojson}


def export_bytes(
    fmt: str,
    projects: Iterable[Project],
    province_names: Mapping[str, str],
    options: ExportOptions = PLAIN,
) -> bytes:
    return WRITERS[fmt](projects, province_names, options)
