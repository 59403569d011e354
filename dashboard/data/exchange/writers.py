"""Write project lists as CSV (for Excel in Japanese), Excel and GeoJSON, with readable headers."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from ..model import Project
from .columns import COLUMN_BY_KEY, COLUMNS
from .convert import UNSTORABLE, project_to_row, runs_as_formula

FORMATS = {
    "csv": ("text/csv; charset=utf-8", "csv"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    "geojson": ("application/geo+json", "geojson"),
}


def writable(value: str) -> str:
    """What imports refuse (``convert.UNSTORABLE``), should a record hold it from before,
    is written as U+FFFD: a file must still be written (openpyxl refuses control characters,
    UTF-8 has no lone surrogates), and the mark shows where something was."""
    return UNSTORABLE.sub("\ufffd", value)


def safe_cell(value: str) -> str:
    """A cell that a spreadsheet would run as a formula is written as text ('=…), also when
    it starts with a full-width ＝ or an invisible character (``convert.runs_as_formula``)."""
    value = writable(value)
    return "'" + value if runs_as_formula(value) else value


def _rows(projects: Iterable[Project], province_names: dict[str, str]) -> list[dict[str, str]]:
    return [
        {key: safe_cell(value) for key, value in project_to_row(project, province_names).items()}
        for project in projects
    ]


def to_csv(projects: Iterable[Project], province_names: dict[str, str]) -> bytes:
    """UTF-8 with a byte-order mark: Excel then opens Japanese and Vietnamese correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    for row in _rows(projects, province_names):
        writer.writerow([row.get(column.key, "") for column in COLUMNS])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def to_xlsx(projects: Iterable[Project], province_names: dict[str, str]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    sheet = workbook.worksheets[0]  # a new workbook's one sheet
    sheet.title = "projects"
    sheet.append([column.header for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(projects, province_names):
        sheet.append([row.get(column.key, "") for column in COLUMNS])
    sheet.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(
            60, max(10, len(column.header) + 2)
        )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


LOCATION_KEYS = ("provinces", "places", "lon", "lat", "precision")


def to_geojson(projects: Iterable[Project], province_names: dict[str, str]) -> bytes:
    """One Point feature per project site, carrying all of the project's columns.

    Reading it back groups the features by ID (see ``importer``), so a project with three
    sites is three features here and one record again after import.
    """
    features = []
    for project in projects:
        row = project_to_row(project, province_names)
        sites = {key: row[key].split("; ") if row[key] else [] for key in LOCATION_KEYS}
        for index, location in enumerate(project.locations):
            properties = {column.header: writable(row.get(column.key, "")) for column in COLUMNS}
            for key in LOCATION_KEYS:
                values = sites[key]
                header = COLUMN_BY_KEY[key].header
                properties[header] = writable(values[index]) if index < len(values) else ""
            features.append(
                {
                    "type": "Feature",
                    "geometry": {"type": "Point", "coordinates": [location.lon, location.lat]},
                    "properties": properties,
                }
            )
    document = {"type": "FeatureCollection", "features": features}
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


WRITERS = {"csv": to_csv, "xlsx": to_xlsx, "geojson": to_geojson}


def export_bytes(fmt: str, projects: Iterable[Project], province_names: dict[str, str]) -> bytes:
    return WRITERS[fmt](projects, province_names)
