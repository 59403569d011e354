"""The caps on a project list from staff, in one place (the README's limits section lists them).

A file that breaks one is refused whole (``readers.TooLarge``, exit status 2) with the limit in
the reason, before the costly step: the file's size before reading, what an Excel workbook
expands to before unzipping, the rows and the points while they are read, so that no file costs
more than these bounds in memory and time. The caps are far above the real lists (154 projects,
the longest title 162 characters, at most 8 sites): only a broken or hostile file reaches them.
"""

from __future__ import annotations

MB = 1_000_000

# The file as it is on disk, checked before it is read (CSV, Excel and GeoJSON alike).
MAX_FILE_BYTES = 50 * MB
# Data rows of a sheet, or features of a GeoJSON, counted while reading.
MAX_ROWS = 50_000
# An Excel workbook is a zip archive: what its parts expand to in all, as its directory
# declares them (zipfile never gives more than declared), checked before anything is unzipped.
# A list of 50,000 full rows is about 115 MB unzipped.
MAX_XLSX_EXPANDED_BYTES = 200 * MB
MAX_XLSX_PARTS = 1_000
# The longest run of XML between two tags in a workbook part: bounds the one cell the XML
# parser must hold whole. Four bytes a character at most in UTF-8, plus room for markup.
MAX_XLSX_XML_RUN_BYTES = 4 * 20_000 + 1_000
# Sites (locations) of one project, and points of one GeoJSON MultiPoint.
MAX_SITES = 1_000

# Characters in one cell, by column; other columns: DEFAULT_CELL_CHARS.
DEFAULT_CELL_CHARS = 1_000
TITLE_CHARS = 500
NAMES_CHARS = 2_000
NOTES_CHARS = 10_000
SITE_LIST_CHARS = 20_000  # lists with one item a site: up to MAX_SITES coordinates
CELL_CHARS: dict[str, int] = {
    "id": 100,
    **dict.fromkeys(("title_en", "title_ja", "title_local"), TITLE_CHARS),
    **dict.fromkeys(
        (
            "partners", "partner_names_ja", "partner_types", "partner_roles", "proposer",
            "implementer",
        ),
        NAMES_CHARS,
    ),
    **dict.fromkeys(
        ("notes", "location_notes", "partner_notes", "budget_note", "sources", "not_stated"),
        NOTES_CHARS,
    ),
    **dict.fromkeys(
        ("provinces", "places", "lon", "lat", "precision", "geonameids", "regions"),
        SITE_LIST_CHARS,
    ),
}  # fmt: skip
# A header longer than this is no header we know; it is shown shortened.
HEADER_CHARS = 200


def cell_limit(key: str) -> int:
    """The most characters a cell of the column ``key`` may hold."""
    return CELL_CHARS.get(key, DEFAULT_CELL_CHARS)


def cell_kind(key: str) -> str:
    """What the limit of the column is called in a message."""
    limit = cell_limit(key)
    names = {
        TITLE_CHARS: "a title",
        NAMES_CHARS: "a list of partners",
        NOTES_CHARS: "notes or sources",
        SITE_LIST_CHARS: "a list of sites",
    }
    return names.get(limit, "a cell of this column")
