"""Empty project lists to fill in (CSV, Excel, GeoJSON) and their documentation.

They are generated from :data:`.columns.COLUMNS`, so the templates, the README that explains them
and the reader can never disagree; a test regenerates them and compares with the committed files.
Regenerate after changing the columns::

    .venv/bin/python -m dashboard.data.exchange.templates
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from ... import REPO_ROOT
from .columns import COLUMNS, Column
from .readers import HEADER_SEARCH_ROWS

DEFAULT_TEMPLATES_DIR = REPO_ROOT / "geodata" / "templates"
CSV_NAME = "projects-template.csv"
XLSX_NAME = "projects-template.xlsx"
GEOJSON_NAME = "projects-template.geojson"
README_NAME = "README.md"
PROJECTS_SHEET = "projects"
COLUMNS_SHEET = "columns"
COLUMNS_SHEET_HEADERS = (
    "Column",
    "Japanese headers accepted",
    "Other headers accepted",
    "What to write",
)
# A fixed date in the workbook's properties, so that regenerating changes nothing that matters.
_WORKBOOK_DATE = datetime(2025, 1, 1)

# Values the reader and the parsers accept, by column (tests check that each one is accepted).
EXAMPLES: dict[str, tuple[str, ...]] = {
    "country": ("Viet Nam", "Vietnam", "ベトナム", "Việt Nam", "VNM", "VN"),
    "provinces": (
        "Thừa Thiên Huế",
        "Tỉnh Thừa Thiên Huế",
        "thua thien hue",
        "トゥアティエン＝フエ省",
        "VN-26",
        "Hà Nội; Thừa Thiên Huế",
        "ハノイ、フエ",
        "Ho Chi Minh City; Da Nang",
        "HCMC",
    ),
    "period": ("2016年2月～2019年2月", "2016-02 ~ 2019-02", "FY2014-FY2016"),
    "start": (
        "2016-02-01",
        "2016-02",
        "2016年2月",
        "FY2014",
        "平成26年度",
        "H26",
        "R3",
        "２０１６年２月",
    ),
    "budget": ("57,113,000", "18,431千円", "45百万円", "５７，１１３，０００", "~38,000,000"),
}


def _csv_bytes() -> bytes:
    """UTF-8 with a byte-order mark: Excel in Japanese then opens it without mojibake."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(column.header for column in COLUMNS)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _geojson_bytes() -> bytes:
    return (json.dumps({"type": "FeatureCollection", "features": []}) + "\n").encode("utf-8")


def columns_sheet_rows() -> list[tuple[str, str, str, str]]:
    """The rows of the workbook's 'columns' sheet (also what a test compares)."""
    return [COLUMNS_SHEET_HEADERS] + [
        (
            column.header,
            "、".join(column.aliases_ja),
            ", ".join(_other_aliases(column)),
            column.description,
        )
        for column in COLUMNS
    ]


def _other_aliases(column: Column) -> list[str]:
    return [
        alias for alias in column.aliases if alias.isascii() and alias != column.header.casefold()
    ]


def _xlsx_bytes() -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.properties.creator = "jpp-map"
    workbook.properties.created = _WORKBOOK_DATE
    workbook.properties.modified = _WORKBOOK_DATE
    projects = workbook.worksheets[0]  # a new workbook's one sheet
    projects.title = PROJECTS_SHEET
    projects.append([column.header for column in COLUMNS])
    for cell in projects[1]:
        cell.font = Font(bold=True)
    projects.freeze_panes = "A2"
    for index, column in enumerate(COLUMNS, start=1):
        width = max(12, min(40, len(column.header) + 4))
        projects.column_dimensions[get_column_letter(index)].width = width

    docs = workbook.create_sheet(COLUMNS_SHEET)
    for row in columns_sheet_rows():
        docs.append(list(row))
    for cell in docs[1]:
        cell.font = Font(bold=True)
    docs.freeze_panes = "A2"
    for letter, width in zip("ABCD", (26, 40, 40, 80), strict=True):
        docs.column_dimensions[letter].width = width
    for row in docs.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _reproducible(buffer.getvalue())


def _reproducible(xlsx: bytes) -> bytes:
    """The same workbook gives the same bytes: openpyxl stamps the zip entries and the
    'modified' property with the time of saving, which would change the file at every run."""
    stamp = _WORKBOOK_DATE.strftime("%Y-%m-%dT%H:%M:%SZ")
    output = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(xlsx)) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            data = source.read(entry)
            if entry.filename == "docProps/core.xml":
                data = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    data,
                )
            info = zipfile.ZipInfo(entry.filename, date_time=_WORKBOOK_DATE.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, data)
    return output.getvalue()


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")


def readme_text() -> str:
    """The templates' README: how to fill a list in, every column, accepted values."""
    lines = [
        "# Project list templates",
        "",
        "Empty project lists to fill in, for `jpp-map validate FILE` (check a list and say what is",
        "wrong, row by row) and `jpp-map import FILE` (add the projects to the map).",
        "",
        "| file | for |",
        "| --- | --- |",
        f"| `{XLSX_NAME}` | Excel: fill in the sheet `{PROJECTS_SHEET}`; "
        f"the sheet `{COLUMNS_SHEET}` explains every column |",
        f"| `{CSV_NAME}` | any spreadsheet or script (UTF-8 with a byte-order mark, so Excel opens "
        "Japanese correctly) |",
        f"| `{GEOJSON_NAME}` | GIS tools: one Feature per project (or per site), the columns as "
        "properties, the site as a Point |",
        "",
        "This file and the templates are generated from `dashboard/data/exchange/columns.py`:",
        "after changing the columns, run `.venv/bin/python -m dashboard.data.exchange.templates`",
        "(a test fails when they are out of date).",
        "",
        "## Your own spreadsheet works too",
        "",
        "There is no need to copy a list into the template:",
        "",
        "- **Headers** may be in Japanese or English (the table below lists the Japanese ones), in",
        "  any case, full-width or half-width, with spaces or a `*`/`※` mark. Columns with other",
        "  headers are ignored, with a warning naming them.",
        f"- **Title rows** above the header are fine: the header row is found in the first "
        f"{HEADER_SEARCH_ROWS} rows.",
        "  Messages give row numbers as the spreadsheet shows them.",
        "- **Empty rows** are skipped.",
        "- **Excel**: the first sheet whose header row has at least two of the columns is read;",
        "  dates typed as dates are fine (a cell formatted as a month, like 2016年2月, counts as",
        "  that month).",
        "- **CSV**: UTF-8 (with or without a byte-order mark) or Shift_JIS, as Excel saves it;",
        "  separated by commas, tabs or semicolons.",
        "- **Units in the header count**: under `事業費（千円）` the value 18,431 means",
        "  ¥18,431,000; `（万円）`, `（百万円）`, `(JPY)`, `(thousand yen)` work the same way.",
        "- **Several values in one cell** (provinces, fields, partners, sources) are separated by",
        "  `;`, `、` or a new line.",
        "- Leave a cell empty when no source states the value: nothing is ever guessed.",
        "",
        "## Columns",
        "",
        "Every project needs an ID, a title (Japanese or English), the country and where it is",
        "(provinces, a point, or `country-wide`); the other columns may be left out or empty.",
        "English variants of the headers (e.g. `Budget`, `amount`, `title_en`) are accepted too;",
        "the full list is in `dashboard/data/exchange/columns.py`.",
        "",
        "| Header | Japanese headers accepted | What to write |",
        "| --- | --- | --- |",
    ]
    for column in COLUMNS:
        japanese = "、".join(column.aliases_ja) or "—"
        lines.append(
            f"| {_markdown_cell(column.header)} | {_markdown_cell(japanese)} | "
            f"{_markdown_cell(column.description)} |"
        )
    lines += [
        "",
        "## Examples of accepted values",
        "",
        "| column | written as |",
        "| --- | --- |",
    ]
    headers = {column.key: column.header for column in COLUMNS}
    for key, values in EXAMPLES.items():
        shown = ", ".join(f"`{value}`" for value in values)
        lines.append(f"| {headers[key]} | {shown} |")
    lines += [
        "",
        "- Dates: a day, a month, a year or a Japanese fiscal year (`FY2014`, `平成26年度`, `H26`,",
        "  `R3` = 1 April to 31 March); `約`/`~` marks an approximate date, `予定` a planned one.",
        "- Budgets: in yen unless the header or the cell gives a unit (`千円`, `万円`, `百万円`);",
        "  full-width digits and commas are fine; `~` or `約` marks an approximate amount and",
        "  `<=` an upper bound.",
        "- Provinces: the name with or without diacritics or `Tỉnh`/`Thành phố`/`Province`/`City`/",
        "  `省`/`市`, in English, Vietnamese or Japanese, or the ISO 3166-2 code (`VN-26`). A name",
        "  that fits two provinces (`Vientiane`: the province or the capital) is refused: write",
        "  the code.",
        "",
    ]
    return "\n".join(lines)


def write_templates(out_dir: Path = DEFAULT_TEMPLATES_DIR) -> list[Path]:
    """Write the three templates and their README into ``out_dir``; returns the paths."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    contents = {
        CSV_NAME: _csv_bytes(),
        XLSX_NAME: _xlsx_bytes(),
        GEOJSON_NAME: _geojson_bytes(),
        README_NAME: readme_text().encode("utf-8"),
    }
    paths = []
    for name, data in contents.items():
        path = out_dir / name
        path.write_bytes(data)
        paths.append(path)
    return paths


if __name__ == "__main__":
    for written in write_templates(
        Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_TEMPLATES_DIR
    ):
        print(written)
