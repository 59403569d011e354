"""Read a project list (CSV, Excel or GeoJSON) into raw text cells keyed by column.

Reading is separate from understanding: this module only finds the header row, maps headers to
columns (:mod:`.columns`) and returns every cell as the text the sheet shows, with the row number
the sheet shows, so that every later message can point at "row 14, column 事業費". A file that
cannot be read at all raises :class:`UnreadableFile` with a reason a member of staff can act on;
nothing else escapes (a property test feeds random bytes to prove it).

Decisions worth knowing:

* The header row is searched for in the first :data:`HEADER_SEARCH_ROWS` rows (sheets often start
  with a title row); it is the row with the most known headers. Row numbers stay the sheet's own.
* A row whose known columns are all empty is skipped: lists are often pre-numbered in a "No."
  column that is not one of ours. The other rows keep their numbers.
* Empty cells are left out of :attr:`RawRow.cells`; present cells are stripped text.
* Two headers that name the same column make the file unreadable: which one holds the data
  cannot be guessed.
* Excel: the first sheet with at least two known headers is read (else the first with one);
  other sheets that look like project lists are named in :attr:`Table.other_sheets` so that the
  caller can say they were not read. Dates become ISO text as precise as the cell's format shows
  (a cell formatted ``yyyy年m月`` reads ``2016-02``, not ``2016-02-01``).
* GeoJSON: a Point gives :attr:`RawRow.lon`/``lat``; a MultiPoint gives :attr:`RawRow.points`
  only (one project, several sites) and leaves ``lon``/``lat`` None. When the properties have no
  longitude/latitude, the geometry's coordinates are also put in the ``lon``/``lat`` cells
  (several separated by "; ", as in the sheets), so a GeoJSON reads like the sheet it came from.
  Other geometry types give no point; :attr:`RawRow.geometry_type` says what was there.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import math
import os
import re
import stat
import zipfile
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import chain, islice
from pathlib import Path
from typing import Any, Literal

from . import limits
from .columns import COLUMN_BY_KEY, column_for, header_unit

Format = Literal["csv", "xlsx", "geojson", "iati"]

HEADER_SEARCH_ROWS = 10
TEMPLATE_DOCS = "geodata/templates/README.md"

_EXTENSIONS: dict[str, Format] = {
    ".csv": "csv",
    ".tsv": "csv",
    ".txt": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".geojson": "geojson",
    ".json": "geojson",
}
_OTHER_FORMATS = {
    ".xls": "an Excel 97-2003 workbook (.xls)",
    ".ods": "an OpenDocument spreadsheet (.ods)",
    ".numbers": "a Numbers spreadsheet (.numbers)",
}
_SAVE_AS = "save it as an Excel workbook (.xlsx), CSV UTF-8 (.csv) or GeoJSON (.geojson)"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DELIMITERS = (",", "\t", ";")
_MAIN_KEYS = ("id", "title_en", "title_ja", "country", "provinces", "start", "end", "budget")


class UnreadableFile(Exception):
    """The file cannot be read as a project list; ``reason`` says why in plain words."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = Path(path)
        self.reason = reason

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), (self.path, self.reason))


class TooLarge(UnreadableFile):
    """The file breaks one of the caps of :mod:`.limits`; ``reason`` names it and where."""


@dataclass(frozen=True)
class RawRow:
    """One data row: its number as the sheet shows it, and its non-empty known cells."""

    number: int
    cells: dict[str, str]
    lon: float | None = None  # GeoJSON Point only
    lat: float | None = None
    points: tuple[tuple[float, float], ...] = ()  # GeoJSON Point or MultiPoint: (lon, lat)
    geometry_type: str | None = None  # GeoJSON: the geometry's type, None when it has none


@dataclass(frozen=True)
class Table:
    """A project list as read: which header names which column, and the rows."""

    path: Path
    format: Format
    headers: dict[str, str]  # column key -> the header as written in the file
    unknown_headers: tuple[str, ...]  # headers that name no column (the caller warns)
    units: dict[str, int]  # column key -> multiplier stated by the header, e.g. budget: 1000
    rows: tuple[RawRow, ...]
    sheet: str | None = None  # Excel: the sheet read
    other_sheets: tuple[str, ...] = ()  # Excel: other sheets that look like project lists
    encoding: str | None = None  # CSV: the encoding detected
    delimiter: str | None = None  # CSV: the delimiter detected


def read_table(path: Path | str) -> Table:
    """Read a project list; raises :class:`UnreadableFile` and nothing else."""
    path = Path(path)
    fmt = _format_of(path)
    data = _read_bytes(path)
    if not data.strip():
        raise UnreadableFile(path, "the file is empty")
    if fmt == "xlsx":
        return _read_xlsx(path, data)
    _refuse_binary(path, data, fmt)
    if fmt == "csv":
        return _read_csv(path, data)
    try:
        return _read_geojson(path, data)
    except RecursionError:
        raise UnreadableFile(path, "this JSON is nested too deeply to be GeoJSON") from None


def _format_of(path: Path) -> Format:
    """The format its extension names; the file itself is checked first (it may be no file)."""
    _regular_file(path)
    suffix = path.suffix.lower()
    if suffix in _OTHER_FORMATS:
        raise UnreadableFile(
            path, f"this is {_OTHER_FORMATS[suffix]}, which cannot be read; " + _SAVE_AS
        )
    fmt = _EXTENSIONS.get(suffix)
    if fmt is None:
        kind = f"'{path.suffix}' files" if path.suffix else "files without an extension"
        raise UnreadableFile(path, f"{kind} cannot be read; {_SAVE_AS}")
    return fmt


def _cannot_open(path: Path, error: OSError) -> UnreadableFile:
    if isinstance(error, (FileNotFoundError, NotADirectoryError)):
        return UnreadableFile(path, "the file does not exist")
    return UnreadableFile(path, f"the file cannot be opened ({error.strerror})")


def _regular_file(path: Path, status: os.stat_result | None = None) -> os.stat_result:
    """Its status; a folder, a named pipe, a device or a socket is refused before it is opened
    (reading a pipe or a terminal would wait for ever)."""
    try:
        status = status or path.stat()
    except OSError as error:  # e.g. a name too long for the file system
        raise _cannot_open(path, error) from None
    if stat.S_ISDIR(status.st_mode):
        raise UnreadableFile(path, "this is a folder, not a file")
    if not stat.S_ISREG(status.st_mode):
        raise UnreadableFile(
            path,
            "this is not a regular file (a named pipe, a device or a socket): save the list "
            "as a file and give its name",
        )
    return status


def _too_big(path: Path, size: int) -> TooLarge:
    return TooLarge(
        path,
        f"the file is {size:,} bytes or more, above the limit of {limits.MAX_FILE_BYTES:,} bytes "
        "for a project list; split it into several lists (import the first, then the others "
        "with --merge)",
    )


def read_capped(path: Path) -> bytes:
    """The file's bytes within the size cap, for the readers of other formats (IATI)."""
    return _read_bytes(path)


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, never more than :data:`limits.MAX_FILE_BYTES` read: its size is
    checked before reading, and the reading stops past the limit (a file that grows)."""
    if _regular_file(path).st_size > limits.MAX_FILE_BYTES:
        raise _too_big(path, path.stat().st_size)
    try:
        # O_NONBLOCK: a pipe put in the file's place since the check does not block the open.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    except OSError as error:
        raise _cannot_open(path, error) from None
    with os.fdopen(descriptor, "rb") as stream:
        _regular_file(path, os.fstat(descriptor))
        try:
            data = stream.read(limits.MAX_FILE_BYTES + 1)
        except OSError as error:
            raise _cannot_open(path, error) from None
    if len(data) > limits.MAX_FILE_BYTES:
        raise _too_big(path, len(data))
    return data


# ---------------------------------------------------------------------------------------------
# Header rows, shared by CSV and Excel


@dataclass(frozen=True)
class _HeaderRow:
    index: int  # 0-based position among the rows read
    keys: dict[int, str]  # cell position -> column key
    headers: dict[str, str]
    unknown: tuple[str, ...]
    units: dict[str, int]


def _known_count(cells: Sequence[str]) -> int:
    return len({column.key for cell in cells if cell and (column := column_for(cell))})


def _best_header_index(rows: Sequence[Sequence[str]]) -> int | None:
    """The row with the most known headers among the first rows (the first on a tie)."""
    best, best_count = None, 0
    for index, cells in enumerate(rows[:HEADER_SEARCH_ROWS]):
        count = _known_count(cells)
        if count > best_count:
            best, best_count = index, count
    return best


def _column_letter(position: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: as the spreadsheet labels its columns."""
    letters = ""
    position += 1
    while position:
        position, remainder = divmod(position - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _header_row(path: Path, cells: Sequence[str], index: int, where: str = "column") -> _HeaderRow:
    keys: dict[int, str] = {}
    headers: dict[str, str] = {}
    positions: dict[str, int] = {}
    unknown: list[str] = []
    units: dict[str, int] = {}
    for position, header in enumerate(cells):
        if not header:
            continue
        column = column_for(header)
        if column is None:
            unknown.append(header)
            continue
        if column.key in headers:
            first = positions[column.key]
            raise UnreadableFile(
                path,
                f"two columns are both read as '{column.header}': '{headers[column.key]}' "
                f"({where} {_label(first, where)}) and '{header}' ({where} "
                f"{_label(position, where)}); delete or rename one of them",
            )
        keys[position] = column.key
        headers[column.key] = header
        positions[column.key] = position
        unit = header_unit(header)
        if unit is not None:
            units[column.key] = unit
    return _HeaderRow(index, keys, headers, tuple(unknown), units)


def _label(position: int, where: str) -> str:
    return _column_letter(position) if where == "column" else str(position + 1)


def _no_known_header(path: Path, found: Sequence[str], where: str = "") -> UnreadableFile:
    """Its reason says how many cells were found, never what they hold: a file without a
    header of ours may be anything (a link to a system file), and its content is not ours to
    show."""
    cells = sum(1 for cell in found if cell)
    english = ", ".join(COLUMN_BY_KEY[key].header for key in _MAIN_KEYS)
    japanese = "、".join(
        next(alias for alias in COLUMN_BY_KEY[key].aliases_ja) for key in _MAIN_KEYS
    )
    found_text = f"{cells} {'cell' if cells == 1 else 'cells'} of other names" if cells else ""
    return UnreadableFile(
        path,
        f"no column header we know in the first {HEADER_SEARCH_ROWS} rows{where}; "
        f"found {found_text or 'nothing'}. Expected headers such as {english} "
        f"(or in Japanese: {japanese}); every column is listed in {TEMPLATE_DOCS}",
    )


def shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def check_cell(path: Path, where: str, header: str, key: str, value: str) -> None:
    """Refuse a cell longer than its column allows (:func:`limits.cell_limit`)."""
    limit = limits.cell_limit(key)
    if len(value) > limit:
        raise TooLarge(
            path,
            f"{where}, column '{shorten(header)}': the cell holds {len(value):,} characters, "
            f"above the limit of {limit:,} for {limits.cell_kind(key)}; shorten it",
        )


def _too_many_rows(path: Path, unit: str = "rows") -> TooLarge:
    return TooLarge(
        path,
        f"the list has more than {limits.MAX_ROWS:,} {unit}, the limit for one project list; "
        "split it into several lists (import the first, then the others with --merge)",
    )


def _rows_after(
    path: Path, header: _HeaderRow, numbered_rows: Iterable[tuple[int, Sequence[str]]]
) -> tuple[RawRow, ...]:
    rows: list[RawRow] = []
    for number, cells in numbered_rows:
        values = {
            key: cells[position].strip()
            for position, key in header.keys.items()
            if position < len(cells) and cells[position].strip()
        }
        if values:
            if len(rows) == limits.MAX_ROWS:
                raise _too_many_rows(path)
            for key, value in values.items():
                check_cell(path, f"row {number}", header.headers[key], key, value)
            rows.append(RawRow(number=number, cells=values))
    return tuple(rows)


# ---------------------------------------------------------------------------------------------
# Content checks


def _refuse_binary(path: Path, data: bytes, fmt: Format) -> None:
    """A file whose content is not text: say what it really is when that is recognisable."""
    expected = "a CSV text file" if fmt == "csv" else "GeoJSON"
    if data.startswith(_ZIP_MAGIC):
        what = _zip_kind(data)
        if what == "xlsx":
            raise UnreadableFile(
                path, f"this is an Excel workbook (.xlsx), not {expected}: rename it to .xlsx"
            )
        raise UnreadableFile(path, f"this is {what}, not {expected}")
    if data.startswith(_OLE2_MAGIC):
        raise UnreadableFile(
            path,
            f"this is an Excel 97-2003 workbook (.xls) or a password-protected workbook, not "
            f"{expected}; {_SAVE_AS}",
        )
    if data.startswith(b"%PDF"):
        raise UnreadableFile(path, f"this is a PDF document, not {expected}")


def _zip_kind(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
                return "an OpenDocument file (.ods)"
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError, RuntimeError):
        return "a damaged zip archive"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "word/document.xml" in names:
        return "a Word document (.docx)"
    return "a zip archive"


# ---------------------------------------------------------------------------------------------
# CSV


ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 (with a byte-order mark)",
    "utf-16": "UTF-16",
    "cp932": "Shift_JIS (CP932)",
}


def _decode(path: Path, data: bytes) -> tuple[str, str]:
    """Text and encoding, one for the whole file: UTF-8 (with or without BOM), UTF-16 with BOM,
    else Shift_JIS (CP932). A file that is partly one and partly the other is refused, naming
    the first line and byte that do not belong: decoding it whole either way would store
    mojibake (ハノイ as 繝上ヮ繧､) without a word."""
    if data.startswith(codecs.BOM_UTF8):
        text = _decode_as(path, data, "utf-8-sig", "UTF-8 (it starts so)", _RESAVE_CSV)
        return text, "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_as(path, data, "utf-16", "UTF-16 (it starts so)", _RESAVE_CSV), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as error:
        utf8_error = error
    bad = utf8_error.start
    if not data[:bad].isascii() or _mostly_utf8(data):  # UTF-8 text around bytes that are not
        raise UnreadableFile(
            path,
            f"the text is UTF-8 until {_where(data, bad)}, which is not: part of the file was "
            f"saved in another encoding (Shift_JIS?); correct that line, or {_RESAVE_CSV}",
        )
    try:
        text = data.decode("cp932")
    except UnicodeDecodeError as error:
        raise UnreadableFile(
            path,
            f"the text is neither UTF-8 (broken at {_where(data, bad)}) nor Shift_JIS (broken "
            f"at {_where(data, error.start)}); {_RESAVE_CSV}",
        ) from None
    _refuse_utf8_lines(path, data)
    return text, "cp932"


def _mostly_utf8(data: bytes) -> bool:
    """UTF-8 text with a few broken bytes: more characters read as UTF-8 beyond ASCII than
    bytes that are not. Japanese in Shift_JIS read as UTF-8 is almost all broken bytes."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    read = sum(1 for character in text if ord(character) > 127 and character != "\ufffd")
    return read > broken


def _refuse_utf8_lines(path: Path, data: bytes) -> None:
    """A Shift_JIS file with a line in UTF-8 (pasted from elsewhere) reads cleanly as Shift_JIS,
    as mojibake: refused. Japanese in Shift_JIS is almost never valid UTF-8 as well."""
    offset = 0
    for line in data.split(b"\n"):
        if not line.isascii():
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise UnreadableFile(
                    path,
                    f"the text is Shift_JIS but {_where(data, offset)} starts a line in UTF-8: "
                    "part of the file was saved in another encoding; correct that line, or "
                    f"{_RESAVE_CSV}",
                )
        offset += len(line) + 1


def _where(data: bytes, position: int) -> str:
    found = f": 0x{data[position]:02X}" if position < len(data) else ""
    return f"line {_line_of(data, position)}, byte {position + 1:,}{found}"


_RESAVE_CSV = "in Excel, save it again as 'CSV UTF-8'"


def _line_of(data: bytes, position: int) -> int:
    return data.count(b"\n", 0, position) + 1


def _decode_as(path: Path, data: bytes, encoding: str, claimed: str, advice: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        bom = codecs.BOM_UTF8 if encoding == "utf-8-sig" else b""  # not counted by the decoder
        start = error.start + (len(bom) if data.startswith(bom) else 0)
        raise UnreadableFile(
            path,
            f"the text should be {claimed} but its characters are broken (first on line "
            f"{_line_of(data, start)}, byte {start + 1:,}); {advice}",
        ) from None


def _csv_records(path: Path, text: str, delimiter: str) -> Iterator[list[str]]:
    """The records one by one (the file is not split into cells all at once)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from reader
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise TooLarge(
                path,
                f"line {reader.line_num}: a cell holds more than {csv.field_size_limit():,} "
                f"characters, above the limit of every column (at most "
                f"{limits.SITE_LIST_CHARS:,}); shorten it",
            ) from None
        raise UnreadableFile(path, f"the CSV text cannot be split into cells ({error})") from None


def _read_csv(path: Path, data: bytes) -> Table:
    text, encoding = _decode(path, data)
    del data
    if "\x00" in text:
        raise UnreadableFile(path, "the file holds binary data, not text: it is not a CSV file")
    delimiter = _csv_delimiter(path, text)
    records = _csv_records(path, text, delimiter)
    head = list(islice(records, HEADER_SEARCH_ROWS))
    rows = [[cell.strip() for cell in record] for record in head]
    index = _best_header_index(rows)
    if index is None:
        first = next((row for row in rows if any(row)), None)
        if first is None:
            first = next((r for r in records if any(cell.strip() for cell in r)), None)
        if first is None:
            raise UnreadableFile(path, "the file is empty")
        raise _no_known_header(path, first)
    header = _header_row(path, rows[index], index)
    numbered = enumerate(chain(head, records), start=1)
    body = islice(numbered, index + 1, None)
    return Table(
        path=path,
        format="csv",
        headers=header.headers,
        unknown_headers=header.unknown,
        units=header.units,
        rows=_rows_after(path, header, body),
        encoding=encoding,
        delimiter=delimiter,
    )


def _csv_delimiter(path: Path, text: str) -> str:
    """The delimiter whose header row names the most known columns; a tie goes to the one that
    splits the first line most, then to the comma."""
    first_line = next((line for line in io.StringIO(text, newline="") if line.strip()), "")
    preferred = "\t" if path.suffix.lower() == ".tsv" else ","
    best: tuple[int, int, int] | None = None
    chosen = preferred
    for delimiter in _DELIMITERS:
        head = list(islice(_csv_records(path, text, delimiter), HEADER_SEARCH_ROWS))
        known = max((_known_count(row) for row in head), default=0)
        score = (known, first_line.count(delimiter), delimiter == preferred)
        if best is None or score > best:
            best, chosen = score, delimiter
    return chosen


# ---------------------------------------------------------------------------------------------
# Excel


def _read_xlsx(path: Path, data: bytes) -> Table:
    if not data.startswith(_ZIP_MAGIC):
        if data.startswith(_OLE2_MAGIC):
            raise UnreadableFile(
                path,
                "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook; "
                "save it as an Excel workbook (.xlsx) without a password",
            )
        if _looks_like_text(data):
            raise UnreadableFile(
                path, "this is a text file, not an Excel workbook: if it is a CSV, name it .csv"
            )
        raise UnreadableFile(path, "this is not an Excel workbook (.xlsx)")
    kind = _zip_kind(data)
    if kind != "xlsx":
        raise UnreadableFile(path, f"this is {kind}, not an Excel workbook (.xlsx)")
    _check_archive(path, data)
    try:
        return _read_workbook(path, data)
    except UnreadableFile:
        raise
    except Exception as error:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile(
            path,
            "the workbook is damaged and cannot be read; open it in Excel and save it again "
            f"({type(error).__name__}: {shorten(str(error), 80)})",
        ) from None


_XLSX_COMPRESSION = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # what Excel and others write
_SCAN_CHUNK = 1 << 20
_XML_PARTS = (".xml", ".rels", ".vml")  # what openpyxl parses


def _check_archive(path: Path, data: bytes) -> None:
    """Refuse a workbook that would expand beyond the caps, before the XML parser sees it.

    From the zip directory (no unzipping): the number of parts, their compression (bzip2 and
    LZMA, which no spreadsheet writes, can expand kilobytes into gigabytes in one step) and
    the size they declare in all (zipfile never gives more than declared: it stops there and
    the checksum then fails). Then each part is unzipped once in chunks and thrown away, to
    find its longest run between two tags: the largest cell the parser would hold whole.
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = archive.infolist()
            if len(parts) > limits.MAX_XLSX_PARTS:
                raise TooLarge(
                    path,
                    f"the workbook has {len(parts):,} parts, above the limit of "
                    f"{limits.MAX_XLSX_PARTS:,}; open it in Excel and save it again",
                )
            odd = next((p for p in parts if p.compress_type not in _XLSX_COMPRESSION), None)
            if odd is not None:
                raise UnreadableFile(
                    path,
                    f"the workbook's part '{shorten(odd.filename)}' is compressed in a way "
                    "Excel never writes; open it in Excel and save it again",
                )
            expanded = sum(part.file_size for part in parts)
            if expanded > limits.MAX_XLSX_EXPANDED_BYTES:
                raise TooLarge(
                    path,
                    f"the workbook expands to {expanded:,} bytes when unzipped, above the limit "
                    f"of {limits.MAX_XLSX_EXPANDED_BYTES:,} bytes; split the list into several "
                    "workbooks, or remove what is not the list (pictures, other sheets)",
                )
            for part in parts:
                if not part.filename.lower().endswith(_XML_PARTS):
                    continue  # pictures and other binary parts are not parsed
                run = _longest_run(archive, part)
                if run > limits.MAX_XLSX_XML_RUN_BYTES:
                    raise TooLarge(
                        path,
                        f"the workbook's part '{shorten(part.filename)}' holds a run of "
                        f"{run:,} bytes or more without markup: a cell above the limit of "
                        f"{limits.SITE_LIST_CHARS:,} characters of any column; shorten it",
                    )
    except (
        zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError,
        KeyError, RuntimeError, NotImplementedError,
    ) as error:  # fmt: skip
        raise UnreadableFile(
            path,
            "the workbook is damaged and cannot be read; open it in Excel and save it again "
            f"({type(error).__name__}: {shorten(str(error), 80)})",
        ) from None


def _longest_run(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> int:
    """The most bytes between two '<' in the part (text cannot hold '<' unescaped); stops
    counting once above the limit."""
    longest = run = 0
    with archive.open(part) as stream:
        while chunk := stream.read(_SCAN_CHUNK):
            first = chunk.find(b"<")
            if first == -1:
                run += len(chunk)
            else:
                inner = max(map(len, chunk[first + 1 :].split(b"<")))
                longest = max(longest, run + first, inner)
                run = len(chunk) - chunk.rfind(b"<") - 1
            longest = max(longest, run)
            if longest > limits.MAX_XLSX_XML_RUN_BYTES:
                break
    return longest


def _looks_like_text(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return False
    for encoding in ("utf-8", "cp932"):
        try:
            sample.decode(encoding)
            return True
        except UnicodeDecodeError as error:
            if error.start >= len(sample) - 3:  # a character cut by the sample's end
                return True
    return False


def _read_workbook(path: Path, data: bytes) -> Table:
    from openpyxl import load_workbook  # imported here: the CLI's other commands stay fast

    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    try:
        candidates: list[tuple[str, Any, int, int]] = []  # name, sheet, header index, count
        first_content: tuple[str, list[str]] | None = None
        for sheet in workbook.worksheets:
            sheet.reset_dimensions()  # some writers store a wrong size; read what is there
            head = [[_cell_text(cell) for cell in row] for row in _sheet_rows(sheet, 20)]
            if first_content is None and (found := next((r for r in head if any(r)), None)):
                first_content = (sheet.title, found)
            index = _best_header_index(head)
            if index is not None:
                candidates.append((sheet.title, sheet, index, _known_count(head[index])))
        if not candidates:
            if first_content is None:
                if any(
                    any(_cell_text(c) for c in row)
                    for s in workbook.worksheets
                    for row in _sheet_rows(s)
                ):
                    raise _no_known_header(path, [])
                raise UnreadableFile(path, "the workbook is empty")
            raise _no_known_header(path, first_content[1], f" of sheet '{first_content[0]}'")
        lists = [c for c in candidates if c[3] >= 2]
        title, sheet, index, _ = (lists or candidates)[0]
        rows = ([_cell_text(cell) for cell in row] for row in _sheet_rows(sheet))
        numbered = enumerate(rows, start=1)
        top = list(islice(numbered, index + 1))
        header = _header_row(path, top[index][1], index)
        return Table(
            path=path,
            format="xlsx",
            headers=header.headers,
            unknown_headers=header.unknown,
            units=header.units,
            rows=_rows_after(path, header, numbered),
            sheet=title,
            other_sheets=tuple(c[0] for c in lists if c[0] != title),
        )
    finally:
        workbook.close()


def _sheet_rows(sheet: Any, limit: int | None = None) -> Iterable[tuple[Any, ...]]:
    """Rows from row 1, one per sheet row (empty rows included, so numbering stays true)."""
    return islice(sheet.iter_rows(), limit)


_FORMAT_LITERALS = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.|_.|\*.')


def _date_shown(value: date, number_format: str | None) -> str:
    """The date as precisely as the cell's format shows it: 'yyyy年m月' -> '2016-02'."""
    tokens = _FORMAT_LITERALS.sub("", (number_format or "").split(";")[0]).lower()
    has_year = "y" in tokens or "e" in tokens  # e: the year of a Japanese era (令和3)
    if "h" in tokens or "s" in tokens or "d" in tokens or not has_year:
        return value.isoformat()
    if "m" in tokens:
        return f"{value.year:04d}-{value.month:02d}"
    return f"{value.year:04d}"


def _cell_text(cell: Any) -> str:
    """A cell as text: dates in ISO form, whole numbers without '.0'."""
    value = getattr(cell, "value", None)
    if isinstance(value, datetime):
        if value.time() == time(0, 0):
            return _date_shown(value.date(), getattr(cell, "number_format", None))
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date):
        return _date_shown(value, getattr(cell, "number_format", None))
    return _scalar_text(value)


def _scalar_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return repr(value)
    if isinstance(value, (time, timedelta)):
        return str(value)
    return str(value).strip()


# ---------------------------------------------------------------------------------------------
# GeoJSON


_GEOJSON_TYPES = frozenset(
    {
        "Feature", "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon",
        "MultiPolygon", "GeometryCollection",
    }
)  # fmt: skip


def _read_geojson(path: Path, data: bytes) -> Table:
    text = _decode_as(
        path, data, "utf-8-sig", "UTF-8 (as GeoJSON is)", "save it again with UTF-8 encoding"
    )
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableFile(
            path,
            f"this is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})",
        ) from None
    except (ValueError, RecursionError) as error:
        raise UnreadableFile(path, f"this is not valid JSON ({shorten(str(error), 80)})") from None
    kind = document.get("type") if isinstance(document, dict) else None
    if kind != "FeatureCollection":
        if isinstance(kind, str) and kind in _GEOJSON_TYPES:
            raise UnreadableFile(
                path,
                f"this GeoJSON is a single {kind}, not a FeatureCollection: put each project in a "
                "Feature of one FeatureCollection",
            )
        raise UnreadableFile(
            path, "this is JSON but not GeoJSON: a FeatureCollection of projects is expected"
        )
    features = document.get("features")
    if not isinstance(features, list):
        raise UnreadableFile(path, "this FeatureCollection has no list of features")
    if len(features) > limits.MAX_ROWS:
        raise _too_many_rows(path, "features")
    parsed = [_feature(path, number, feature) for number, feature in enumerate(features, start=1)]

    names: list[str] = list(dict.fromkeys(name for properties, _ in parsed for name in properties))
    header = _header_row(path, names, 0, where="property")
    if features and not header.headers:
        raise _no_known_header_geojson(path, names)
    key_of = {names[position]: key for position, key in header.keys.items()}
    rows: list[RawRow] = []
    for number, (properties, geometry) in enumerate(parsed, start=1):
        cells = {}
        for name, value in properties.items():
            text = _property_text(value) if name in key_of else ""
            if text:
                check_cell(path, f"feature {number}", name, key_of[name], text)
                cells[key_of[name]] = text
        points, geometry_type = geometry
        if points and "lon" not in cells and "lat" not in cells:
            cells["lon"] = "; ".join(_scalar_text(lon) for lon, _ in points)
            cells["lat"] = "; ".join(_scalar_text(lat) for _, lat in points)
        if not cells and geometry_type is None:
            continue
        single = points[0] if geometry_type == "Point" else (None, None)
        rows.append(
            RawRow(
                number=number,
                cells=cells,
                lon=single[0],
                lat=single[1],
                points=points,
                geometry_type=geometry_type,
            )
        )
    return Table(
        path=path,
        format="geojson",
        headers=header.headers,
        unknown_headers=header.unknown,
        units=header.units,
        rows=tuple(rows),
    )


def _no_known_header_geojson(path: Path, names: Sequence[str]) -> UnreadableFile:
    error = _no_known_header(path, names)
    reason = error.reason.replace(
        f"no column header we know in the first {HEADER_SEARCH_ROWS} rows",
        "no feature property we know",
    )
    return UnreadableFile(path, reason)


_Geometry = tuple[tuple[tuple[float, float], ...], str | None]


def _feature(path: Path, number: int, feature: Any) -> tuple[dict[str, Any], _Geometry]:
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise UnreadableFile(path, f"feature {number} is not a GeoJSON Feature")
    properties = feature.get("properties")
    if properties is None:
        properties = {}
    if not isinstance(properties, dict):
        raise UnreadableFile(path, f"feature {number}: its properties are not an object")
    return {str(k): v for k, v in properties.items()}, _points(
        path, number, feature.get("geometry")
    )


def _points(path: Path, number: int, geometry: Any) -> _Geometry:
    if geometry is None:
        return (), None
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if not isinstance(kind, str) or kind not in _GEOJSON_TYPES - {"Feature"}:
        raise UnreadableFile(path, f"feature {number}: its geometry is not a GeoJSON geometry")
    coordinates = geometry.get("coordinates")
    if kind == "Point":
        return (_position(path, number, coordinates),), kind
    if kind == "MultiPoint":
        if not isinstance(coordinates, list) or not coordinates:
            raise UnreadableFile(path, f"feature {number}: its MultiPoint has no points")
        if len(coordinates) > limits.MAX_SITES:
            raise TooLarge(
                path,
                f"feature {number}: its MultiPoint has {len(coordinates):,} points, above the "
                f"limit of {limits.MAX_SITES:,} sites for one project",
            )
        return tuple(_position(path, number, position) for position in coordinates), kind
    return (), kind


def _position(path: Path, number: int, position: Any) -> tuple[float, float]:
    valid = (
        isinstance(position, list)
        and len(position) >= 2
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in position[:2])
        and all(math.isfinite(v) for v in position[:2])
    )
    if not valid:
        raise UnreadableFile(
            path, f"feature {number}: its point has no valid [longitude, latitude] coordinates"
        )
    return float(position[0]), float(position[1])


def _property_text(value: Any) -> str:
    """A property value as cell text: lists joined with '; ', objects as JSON."""
    if isinstance(value, list):
        return "; ".join(text for item in value if (text := _property_text(item)))
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False) if value else ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _scalar_text(value)
