"""Reading project lists: columns and headers, CSV/Excel/GeoJSON readers, every refusal, templates.

Every fixture file is written here, in tmp_path; their projects are made up and titled "TEST …".
"""

from __future__ import annotations

import codecs
import io
import json
import tempfile
import zipfile
from datetime import date, datetime
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from dashboard.data.boundaries import DEFAULT_BOUNDARIES_DIR
from dashboard.data.exchange import templates
from dashboard.data.exchange.columns import COLUMN_BY_KEY, COLUMNS, column_for, header_unit
from dashboard.data.exchange.readers import RawRow, Table, UnreadableFile, read_table
from dashboard.data.parsing import parse_budget, parse_fuzzy_date, parse_period
from dashboard.data.places import PlaceIndex

# ---------------------------------------------------------------------------------------------
# Columns


def test_the_columns_and_their_order() -> None:
    assert [column.key for column in COLUMNS] == [
        "id", "title_en", "title_ja", "title_local", "country", "provinces", "places", "lon",
        "lat", "precision", "proposer", "implementer", "partners", "partner_names_ja",
        "partner_types", "partner_roles", "scheme", "fields", "period", "start", "end", "budget",
        "budget_kind", "budget_text", "status", "sources", "notes", "last_updated",
        # what curators add, so that an export imports back to the same records
        "not_stated", "budget_note", "geonameids", "regions", "location_notes", "partner_notes",
    ]  # fmt: skip
    assert list(COLUMN_BY_KEY) == [column.key for column in COLUMNS]
    for column in COLUMNS:
        assert column.header and column.description and column.aliases
        assert column_for(column.header) is column
        assert column_for(column.key) is column
        for alias in column.aliases:
            assert column_for(alias) is column, alias


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("案件番号", "id"), ("案件ID", "id"), ("案件名", "title_ja"),
        ("案件名（英語）", "title_en"), ("英文案件名", "title_en"), ("対象国", "country"),
        ("対象地域", "provinces"), ("対象州", "provinces"), ("対象省", "provinces"),
        ("提案団体名", "proposer"), ("提案団体", "proposer"), ("実施団体", "implementer"),
        ("実施団体名", "implementer"), ("分野", "fields"), ("事業費", "budget"),
        ("概算事業費", "budget"), ("契約金額", "budget"), ("実施期間", "period"),
        ("協力期間", "period"), ("開始", "start"), ("開始日", "start"), ("開始時期", "start"),
        ("終了", "end"), ("終了日", "end"), ("終了時期", "end"), ("形態", "scheme"),
        ("事業形態", "scheme"), ("スキーム", "scheme"), ("出典", "sources"),
        ("情報源", "sources"), ("備考", "notes"), ("状況", "status"),
    ],
)  # fmt: skip
def test_japanese_headers(header: str, key: str) -> None:
    column = column_for(header)
    assert column is not None and column.key == key


@pytest.mark.parametrize(
    ("header", "key"),
    [
        (" ＢＵＤＧＥＴ ", "budget"),  # full-width, spaces
        ("案件名(英語)", "title_en"),  # half-width brackets
        ("案件名 （英語）", "title_en"),
        ("TITLE_EN", "title_en"),
        ("Title (English)", "title_en"),
        ("title english", None),
        ("Last-Updated", "last_updated"),
        ("案件名*", "title_ja"),  # required marks
        ("※案件名", "title_ja"),
        ("案件名（必須）", "title_ja"),
        ("事業費（千円）", "budget"),  # units
        ("Budget (JPY)", "budget"),
        ("budget_yen", "budget"),
        ("金額【百万円】", "budget"),
        ("No.", None),
        ("案件名（ベトナム語）", None),  # a bracket that is not a unit is not dropped
        ("事業費（概算）", None),
        ("", None),
    ],
)
def test_header_matching(header: str, key: str | None) -> None:
    column = column_for(header)
    assert (column.key if column else None) == key


@pytest.mark.parametrize(
    ("header", "unit"),
    [
        ("事業費（千円）", 1_000),
        ("事業費(千円)", 1_000),
        ("概算事業費（百万円）", 1_000_000),
        ("契約金額（万円）", 10_000),
        ("事業費（円）", 1),
        ("金額（単位：千円）", 1_000),
        ("Budget (JPY)", 1),
        ("Budget (yen)", 1),
        ("Budget (JPY thousand)", 1_000),
        ("Budget (thousand yen)", 1_000),
        ("Budget (million yen)", 1_000_000),
        ("Budget [¥]", 1),
        ("Budget (￥1,000)", 1_000),
        ("budget_yen", 1),
        ("Budget", None),
        ("事業費", None),
        ("Title (English)", None),
        ("事業費（概算）", None),
    ],
)
def test_header_unit(header: str, unit: int | None) -> None:
    assert header_unit(header) == unit


# ---------------------------------------------------------------------------------------------
# CSV

JA_CSV = (
    "案件番号,案件名,対象国,対象地域,事業費（千円）,実施期間,No\r\n"
    'T1,TEST 井戸の案件,ベトナム,フエ省,"18,431",2016年2月～2019年2月,1\r\n'
    ",,,,,,2\r\n"
    "T2,TEST 保健の案件,Viet Nam,Hà Nội; Huế,５７，１１３,,3\r\n"
)
JA_HEADERS = {
    "id": "案件番号",
    "title_ja": "案件名",
    "country": "対象国",
    "provinces": "対象地域",
    "budget": "事業費（千円）",
    "period": "実施期間",
}
JA_ROWS = (
    RawRow(
        number=2,
        cells={
            "id": "T1",
            "title_ja": "TEST 井戸の案件",
            "country": "ベトナム",
            "provinces": "フエ省",
            "budget": "18,431",
            "period": "2016年2月～2019年2月",
        },
    ),
    RawRow(
        number=4,
        cells={
            "id": "T2",
            "title_ja": "TEST 保健の案件",
            "country": "Viet Nam",
            "provinces": "Hà Nội; Huế",
            "budget": "５７，１１３",
        },
    ),
)


def _write(directory: Path, name: str, data: bytes) -> Path:
    path = directory / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (codecs.BOM_UTF8 + JA_CSV.encode("utf-8"), "utf-8-sig"),
        (JA_CSV.encode("utf-8"), "utf-8"),
        (JA_CSV.replace("Hà Nội; Huế", "ハノイ; フエ").encode("cp932"), "cp932"),
    ],
)
def test_japanese_csv_in_each_encoding(tmp_path: Path, data: bytes, encoding: str) -> None:
    table = read_table(_write(tmp_path, "list.csv", data))
    rows = JA_ROWS
    if encoding == "cp932":
        cells = {**rows[1].cells, "provinces": "ハノイ; フエ"}
        rows = (rows[0], RawRow(number=4, cells=cells))
    assert table == Table(
        path=tmp_path / "list.csv",
        format="csv",
        headers=JA_HEADERS,
        unknown_headers=("No",),
        units={"budget": 1000},
        rows=rows,
        encoding=encoding,
        delimiter=",",
    )


def test_cp932_characters_beyond_shift_jis(tmp_path: Path) -> None:
    text = "案件名,備考\r\nTEST ①の案件,㈱テスト\r\n"
    table = read_table(_write(tmp_path, "list.csv", text.encode("cp932")))
    assert table.encoding == "cp932"
    assert table.rows == (RawRow(2, {"title_ja": "TEST ①の案件", "notes": "㈱テスト"}),)


def test_tab_separated_with_commas_in_cells(tmp_path: Path) -> None:
    text = (
        "ID\tTitle (English)\tBudget\tProvinces\n"
        "T1\tTEST water, sanitation\t18,431千円\tHue, Hanoi\n"
    )
    table = read_table(_write(tmp_path, "list.csv", text.encode("utf-8")))
    assert table.delimiter == "\t"
    assert table.headers == {
        "id": "ID",
        "title_en": "Title (English)",
        "budget": "Budget",
        "provinces": "Provinces",
    }
    assert table.units == {}
    assert table.rows == (
        RawRow(
            2,
            {
                "id": "T1",
                "title_en": "TEST water, sanitation",
                "budget": "18,431千円",
                "provinces": "Hue, Hanoi",
            },
        ),
    )


def test_semicolon_separated(tmp_path: Path) -> None:
    text = "id;title_en;budget\nT1;TEST one;100\n"
    table = read_table(_write(tmp_path, "list.csv", text.encode("utf-8")))
    assert table.delimiter == ";"
    assert table.rows == (RawRow(2, {"id": "T1", "title_en": "TEST one", "budget": "100"}),)


def test_utf16_tab_text_as_excel_saves_unicode_text(tmp_path: Path) -> None:
    text = "案件番号\t案件名\r\nT1\tTEST 案件\r\n"
    table = read_table(_write(tmp_path, "list.txt", text.encode("utf-16")))
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows == (RawRow(2, {"id": "T1", "title_ja": "TEST 案件"}),)


def test_csv_title_rows_blank_rows_and_row_numbers(tmp_path: Path) -> None:
    text = (
        "TEST 草の根技術協力 案件一覧,,\n"  # row 1: a title
        ",,\n"  # row 2
        "No.,案件番号,案件名\n"  # row 3: the header
        "1,T1,TEST 一\n"  # row 4
        "2,,\n"  # row 5: pre-numbered but empty: skipped
        "\n"  # row 6: blank
        '3,T3,"TEST 三\n二行目"\n'  # row 7: a cell on two lines is still one row
        "4,T4,TEST 四\n"  # row 8
    )
    table = read_table(_write(tmp_path, "list.csv", text.encode("utf-8")))
    assert table.headers == {"id": "案件番号", "title_ja": "案件名"}
    assert table.unknown_headers == ("No.",)
    assert table.rows == (
        RawRow(4, {"id": "T1", "title_ja": "TEST 一"}),
        RawRow(7, {"id": "T3", "title_ja": "TEST 三\n二行目"}),
        RawRow(8, {"id": "T4", "title_ja": "TEST 四"}),
    )


def test_cells_are_stripped_and_short_rows_read(tmp_path: Path) -> None:
    text = "案件番号,案件名,備考\n  T1 ,\u3000TEST 一\u3000\nT2\n"
    table = read_table(_write(tmp_path, "list.csv", text.encode("utf-8")))
    assert table.rows == (
        RawRow(2, {"id": "T1", "title_ja": "TEST 一"}),
        RawRow(3, {"id": "T2"}),
    )


def test_header_only_is_a_table_without_rows(tmp_path: Path) -> None:
    table = read_table(_write(tmp_path, "list.csv", "案件番号,案件名\n".encode()))
    assert table.rows == ()
    assert table.headers == {"id": "案件番号", "title_ja": "案件名"}


# ---------------------------------------------------------------------------------------------
# Excel


def _xlsx(path: Path, sheets: dict[str, list[list[object]]]) -> Path:
    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    workbook.save(path)
    return path


def test_xlsx_with_a_title_row_dates_and_numbers(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "list.xlsx",
        {
            "一覧": [
                ["TEST 案件一覧（2024年5月現在）"],
                [],
                ["案件番号", "案件名", "開始", "終了", "事業費（千円）", "経度", "緯度", "更新日"],
                ["T1", "TEST 一", datetime(2016, 2, 1), date(2019, 2, 28), 18431, 107.58, 16.46,
                 datetime(2024, 5, 31, 10, 30)],
                [None, None, None, None, None],
                ["T2", "TEST 二", "平成26年度", "H29", 57113000.0, 105.0, 21.0, None],
            ]
        },
    )  # fmt: skip
    workbook = load_workbook(path)
    workbook["一覧"]["D4"].number_format = 'yyyy"年"m"月"'  # a month, as the sheet shows it
    workbook.save(path)

    table = read_table(path)
    assert table == Table(
        path=path,
        format="xlsx",
        headers={
            "id": "案件番号",
            "title_ja": "案件名",
            "start": "開始",
            "end": "終了",
            "budget": "事業費（千円）",
            "lon": "経度",
            "lat": "緯度",
            "last_updated": "更新日",
        },
        unknown_headers=(),
        units={"budget": 1000},
        rows=(
            RawRow(
                4,
                {
                    "id": "T1",
                    "title_ja": "TEST 一",
                    "start": "2016-02-01",
                    "end": "2019-02",
                    "budget": "18431",
                    "lon": "107.58",
                    "lat": "16.46",
                    "last_updated": "2024-05-31 10:30:00",
                },
            ),
            RawRow(
                6,
                {
                    "id": "T2",
                    "title_ja": "TEST 二",
                    "start": "平成26年度",
                    "end": "H29",
                    "budget": "57113000",
                    "lon": "105",
                    "lat": "21",
                },
            ),
        ),
        sheet="一覧",
    )


def test_xlsx_reads_the_sheet_holding_the_list(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "list.xlsx",
        {
            "説明": [["TEST この表の使い方"], ["備考"]],  # one known word: not the list
            "実施中": [["案件番号", "案件名"], ["T1", "TEST 一"]],
            "終了": [["案件番号", "案件名"], ["T2", "TEST 二"]],
        },
    )
    table = read_table(path)
    assert table.sheet == "実施中"
    assert table.other_sheets == ("終了",)
    assert table.rows == (RawRow(2, {"id": "T1", "title_ja": "TEST 一"}),)


def test_xlsx_with_a_single_known_column(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", {"s": [["メモ欄", "案件名"], ["x", "TEST 一"]]})
    table = read_table(path)
    assert table.unknown_headers == ("メモ欄",)
    assert table.rows == (RawRow(2, {"title_ja": "TEST 一"}),)


# ---------------------------------------------------------------------------------------------
# GeoJSON


def _geojson(directory: Path, document: object, name: str = "list.geojson") -> Path:
    return _write(directory, name, json.dumps(document, ensure_ascii=False).encode("utf-8"))


def _feature(properties: object, geometry: object) -> dict[str, object]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def test_geojson_points_and_properties(tmp_path: Path) -> None:
    path = _geojson(
        tmp_path,
        {
            "type": "FeatureCollection",
            "features": [
                _feature(
                    {"ID": "T1", "Title (English)": "TEST one", "fields": ["water", "health"],
                     "Budget (JPY)": 57113000, "colour": "red", "notes": None},
                    {"type": "Point", "coordinates": [107.58, 16.46]},
                ),
                _feature({}, None),  # blank: skipped
                _feature(
                    {"ID": "T3", "lon": "105.85", "lat": "21.03"},
                    {"type": "Point", "coordinates": [105.85, 21.03, 12.0]},
                ),
                _feature(
                    {"ID": "T4"},
                    {"type": "MultiPoint", "coordinates": [[107.58, 16.46], [105.85, 21]]},
                ),
                _feature({"ID": "T5"}, {"type": "Polygon", "coordinates": []}),
            ],
        },
    )  # fmt: skip
    table = read_table(path)
    assert table.headers == {
        "id": "ID",
        "title_en": "Title (English)",
        "fields": "fields",
        "budget": "Budget (JPY)",
        "notes": "notes",
        "lon": "lon",
        "lat": "lat",
    }
    assert table.unknown_headers == ("colour",)
    assert table.units == {"budget": 1}
    assert table.rows == (
        RawRow(
            1,
            {
                "id": "T1",
                "title_en": "TEST one",
                "fields": "water; health",
                "budget": "57113000",
                "lon": "107.58",
                "lat": "16.46",
            },
            lon=107.58,
            lat=16.46,
            points=((107.58, 16.46),),
            geometry_type="Point",
        ),
        RawRow(
            3,
            {"id": "T3", "lon": "105.85", "lat": "21.03"},
            lon=105.85,
            lat=21.03,
            points=((105.85, 21.03),),
            geometry_type="Point",
        ),
        RawRow(
            4,
            {"id": "T4", "lon": "107.58; 105.85", "lat": "16.46; 21"},
            points=((107.58, 16.46), (105.85, 21.0)),
            geometry_type="MultiPoint",
        ),
        RawRow(5, {"id": "T5"}, geometry_type="Polygon"),
    )


def test_an_empty_feature_collection_has_no_rows(tmp_path: Path) -> None:
    table = read_table(_geojson(tmp_path, {"type": "FeatureCollection", "features": []}))
    assert (table.format, table.headers, table.rows) == ("geojson", {}, ())


# ---------------------------------------------------------------------------------------------
# Refusals: every reason, word for word


def _reason(path: Path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_table(path)
    error = caught.value
    assert error.path == path
    assert str(error) == f"{path}: {error.reason}"
    return error.reason


def test_not_found_and_not_a_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "missing.csv") == "the file does not exist"
    folder = tmp_path / "folder.csv"
    folder.mkdir()
    assert _reason(folder) == "this is a folder, not a file"


SAVE_AS = "save it as an Excel workbook (.xlsx), CSV UTF-8 (.csv) or GeoJSON (.geojson)"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("list.xls", f"this is an Excel 97-2003 workbook (.xls), which cannot be read; {SAVE_AS}"),
        (
            "list.ods",
            f"this is an OpenDocument spreadsheet (.ods), which cannot be read; {SAVE_AS}",
        ),
        ("list.pdf", f"'.pdf' files cannot be read; {SAVE_AS}"),
        ("list", f"files without an extension cannot be read; {SAVE_AS}"),
    ],
)
def test_file_types_we_do_not_read(tmp_path: Path, name: str, reason: str) -> None:
    assert _reason(_write(tmp_path, name, b"x")) == reason


@cache
def _xlsx_bytes() -> bytes:
    buffer = io.BytesIO()
    workbook = Workbook()
    workbook.active.append(["案件番号", "案件名"])
    workbook.active.append(["T1", "TEST 一"])
    workbook.save(buffer)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("list.csv", _xlsx_bytes(),
         "this is an Excel workbook (.xlsx), not a CSV text file: rename it to .xlsx"),
        ("list.csv", OLE2,
         f"this is an Excel 97-2003 workbook (.xls) or a password-protected workbook, not "
         f"a CSV text file; {SAVE_AS}"),
        ("list.csv", b"%PDF-1.7 ...", "this is a PDF document, not a CSV text file"),
        ("list.csv", _zip({"word/document.xml": b"<w/>"}),
         "this is a Word document (.docx), not a CSV text file"),
        ("list.geojson", _xlsx_bytes(),
         "this is an Excel workbook (.xlsx), not GeoJSON: rename it to .xlsx"),
        ("list.xlsx", "案件番号,案件名\nT1,TEST\n".encode("cp932"),
         "this is a text file, not an Excel workbook: if it is a CSV, name it .csv"),
        ("list.xlsx", bytes(range(256)), "this is not an Excel workbook (.xlsx)"),
        ("list.xlsx", OLE2,
         "this is an Excel 97-2003 workbook (.xls) or a password-protected workbook; save it "
         "as an Excel workbook (.xlsx) without a password"),
        ("list.xlsx", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),
         "this is an OpenDocument file (.ods), not an Excel workbook (.xlsx)"),
        ("list.xlsx", _zip({"readme.txt": b"hello"}),
         "this is a zip archive, not an Excel workbook (.xlsx)"),
        ("list.xlsx", b"PK\x03\x04 broken",
         "this is a damaged zip archive, not an Excel workbook (.xlsx)"),
        ("list.geojson", b"{\"type\": \"FeatureCollection\", \"features\": [}",
         "this is not valid JSON (Expecting value at line 1, column 44)"),
        ("list.geojson", b"[1, 2]",
         "this is JSON but not GeoJSON: a FeatureCollection of projects is expected"),
        ("list.geojson", b"{\"type\": \"Point\", \"coordinates\": [1, 2]}",
         "this GeoJSON is a single Point, not a FeatureCollection: put each project in a "
         "Feature of one FeatureCollection"),
        ("list.geojson", b"{\"type\": \"FeatureCollection\"}",
         "this FeatureCollection has no list of features"),
        ("list.geojson", b"{\"type\": \"FeatureCollection\", \"features\": [{\"id\": 1}]}",
         "feature 1 is not a GeoJSON Feature"),
        ("list.geojson",
         b"{\"type\": \"FeatureCollection\", \"features\": [{\"type\": \"Feature\", "
         b"\"properties\": {\"ID\": \"T1\"}, \"geometry\": {\"type\": \"Point\", "
         b"\"coordinates\": [\"107\", 16]}}]}",
         "feature 1: its point has no valid [longitude, latitude] coordinates"),
    ],
)  # fmt: skip
def test_wrong_format(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    assert _reason(_write(tmp_path, name, data)) == reason


def test_deeply_nested_json(tmp_path: Path) -> None:
    nested = "[" * 100_000 + "]" * 100_000
    data = f'{{"type": "FeatureCollection", "features": {nested}}}'.encode()
    assert _reason(_write(tmp_path, "list.geojson", data)).startswith("this ")


def test_a_damaged_workbook(tmp_path: Path) -> None:
    damaged = _zip({"[Content_Types].xml": b"<broken", "xl/workbook.xml": b"<broken"})
    reason = _reason(_write(tmp_path, "list.xlsx", damaged))
    assert reason.startswith(
        "the workbook is damaged and cannot be read; open it in Excel and save it again ("
    )


# Says UTF-8 (the BOM, the header line) but the second line was saved in Shift_JIS.
BOM_THEN_CP932 = codecs.BOM_UTF8 + "案件番号,案件名\n".encode() + "T1,TEST 案件\n".encode("cp932")


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("list.csv", b"\x81\x20\xff\xfe abc",
         "the text is neither UTF-8 (broken at line 1, byte 1: 0x81) nor Shift_JIS (broken at "
         "line 1, byte 1: 0x81); in Excel, save it again as 'CSV UTF-8'"),
        ("list.csv", BOM_THEN_CP932,
         "the text should be UTF-8 (it starts so) but its characters are broken (first on "
         "line 2, byte 35); in Excel, save it again as 'CSV UTF-8'"),
        ("list.geojson", "{\"type\": \"案件\"}".encode("cp932"),
         "the text should be UTF-8 (as GeoJSON is) but its characters are broken (first on "
         "line 1, byte 11); save it again with UTF-8 encoding"),
        ("list.csv", "案件名\n\x00\x00".encode(),
         "the file holds binary data, not text: it is not a CSV file"),
    ],
)  # fmt: skip
def test_broken_encoding(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    assert _reason(_write(tmp_path, name, data)) == reason


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("list.csv", b""),
        ("list.csv", b" \r\n\r\n "),
        ("list.csv", codecs.BOM_UTF8),
        ("list.csv", b",,,\r\n,,\r\n"),
        ("list.geojson", b"\n"),
    ],
)
def test_empty(tmp_path: Path, name: str, data: bytes) -> None:
    assert _reason(_write(tmp_path, name, data)) == "the file is empty"


def test_empty_workbook(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", {"Sheet1": [], "Sheet2": [[None, ""]]})
    assert _reason(path) == "the workbook is empty"


EXPECTED = (
    "Expected headers such as ID, Title (English), Title (Japanese), Country, Provinces, "
    "Start, End, Budget (JPY) (or in Japanese: 案件番号、案件名（英語）、案件名、対象国、対象地域、"
    "開始、終了、事業費); every column is listed in geodata/templates/README.md"
)


def test_no_known_header_in_a_csv(tmp_path: Path) -> None:
    text = "Name,Year,Amount of money\nTEST,2016,5\n"
    assert _reason(_write(tmp_path, "list.csv", text.encode())) == (
        f"no column header we know in the first 10 rows; found 3 cells of other names. {EXPECTED}"
    )


def test_no_known_header_in_a_workbook(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "list.xlsx", {"Sheet1": [[], ["名称", "年度"], ["TEST", 2016]]})
    assert _reason(path) == (
        "no column header we know in the first 10 rows of sheet 'Sheet1'; found 2 cells of "
        f"other names. {EXPECTED}"
    )


def test_a_header_below_row_ten_is_not_found(tmp_path: Path) -> None:
    text = "TEST\n" * 10 + "案件名\nTEST 一\n"
    reason = _reason(_write(tmp_path, "list.csv", text.encode()))
    assert reason.startswith("no column header we know in the first 10 rows; found 1 cell of")


def test_no_known_property_in_geojson(tmp_path: Path) -> None:
    path = _geojson(
        tmp_path, {"type": "FeatureCollection", "features": [_feature({"colour": "red"}, None)]}
    )
    assert _reason(path) == f"no feature property we know; found 1 cell of other names. {EXPECTED}"


def test_two_headers_for_one_column(tmp_path: Path) -> None:
    text = "案件番号,案件名,Title (Japanese)\nT1,TEST 一,TEST 二\n"
    assert _reason(_write(tmp_path, "list.csv", text.encode())) == (
        "two columns are both read as 'Title (Japanese)': '案件名' (column B) and "
        "'Title (Japanese)' (column C); delete or rename one of them"
    )


def test_unreadable_file_pickles() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(UnreadableFile(Path("a.csv"), "the file is empty")))
    assert (error.path, error.reason, str(error)) == (
        Path("a.csv"),
        "the file is empty",
        "a.csv: the file is empty",
    )


# ---------------------------------------------------------------------------------------------
# Nothing but UnreadableFile, whatever the bytes


def _valid_files() -> dict[str, bytes]:
    return {
        ".csv": (codecs.BOM_UTF8 + JA_CSV.encode("utf-8")),
        ".xlsx": _xlsx_bytes(),
        ".geojson": json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    _feature({"ID": "T1"}, {"type": "Point", "coordinates": [107.58, 16.46]})
                ],
            }
        ).encode(),
    }


def _read_or_refuse(suffix: str, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / f"list{suffix}"
        path.write_bytes(data)
        try:
            table = read_table(path)
        except UnreadableFile as error:
            assert error.reason
        else:
            assert isinstance(table, Table)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(suffix=st.sampled_from([".csv", ".xlsx", ".geojson"]), data=st.binary(max_size=600))
def test_random_bytes_are_read_or_refused(suffix: str, data: bytes) -> None:
    _read_or_refuse(suffix, data)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    suffix=st.sampled_from([".csv", ".xlsx", ".geojson"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
    flips=st.lists(st.tuples(st.floats(0.0, 1.0), st.integers(0, 255)), max_size=8),
)
def test_damaged_files_are_read_or_refused(
    suffix: str, cut: float, flips: list[tuple[float, int]]
) -> None:
    data = bytearray(_valid_files()[suffix])
    for where, value in flips:
        data[min(len(data) - 1, int(where * len(data)))] = value
    _read_or_refuse(suffix, bytes(data[: max(1, int(cut * len(data)))]))


# ---------------------------------------------------------------------------------------------
# Templates


def test_templates_are_up_to_date(tmp_path: Path) -> None:
    committed = templates.DEFAULT_TEMPLATES_DIR
    written = templates.write_templates(tmp_path)
    assert [path.name for path in written] == [
        templates.CSV_NAME,
        templates.XLSX_NAME,
        templates.GEOJSON_NAME,
        templates.README_NAME,
    ]
    for name in (templates.CSV_NAME, templates.GEOJSON_NAME, templates.README_NAME):
        assert (tmp_path / name).read_bytes() == (committed / name).read_bytes(), (
            f"{name} is out of date: run .venv/bin/python -m dashboard.data.exchange.templates"
        )
    for path in (tmp_path / templates.XLSX_NAME, committed / templates.XLSX_NAME):
        workbook = load_workbook(path)
        assert workbook.sheetnames == ["projects", "columns"]
        projects = workbook["projects"]
        assert [[c.value for c in row] for row in projects.iter_rows()] == [
            [column.header for column in COLUMNS]
        ]
        assert all(cell.font.b for cell in projects[1])
        assert projects.freeze_panes == "A2"
        docs = [tuple(c.value for c in row) for row in workbook["columns"].iter_rows()]
        assert docs == templates.columns_sheet_rows()


def test_templates_read_back(tmp_path: Path) -> None:
    templates.write_templates(tmp_path)
    every_column = {column.key: column.header for column in COLUMNS}
    for name in (templates.CSV_NAME, templates.XLSX_NAME):
        table = read_table(tmp_path / name)
        assert (table.headers, table.unknown_headers, table.rows) == (every_column, (), ())
        assert table.units == {"budget": 1}
    assert read_table(tmp_path / templates.XLSX_NAME).sheet == "projects"
    assert read_table(tmp_path / templates.GEOJSON_NAME).rows == ()
    assert (tmp_path / templates.CSV_NAME).read_bytes().startswith(codecs.BOM_UTF8)


def test_the_documented_examples_are_accepted() -> None:
    places = PlaceIndex.load(DEFAULT_BOUNDARIES_DIR)
    examples = templates.EXAMPLES
    for value in examples["country"]:
        assert places.country_code(value) == "VNM", value
    for value in examples["provinces"]:
        codes, unknown = places.province_codes("VNM", value)
        assert codes and not unknown, value
    for value in examples["period"]:
        start, end = parse_period(value)
        assert start and end, value
    for value in examples["start"]:
        assert parse_fuzzy_date(value), value
    for value in examples["budget"]:
        assert parse_budget(value), value
    readme = (templates.DEFAULT_TEMPLATES_DIR / templates.README_NAME).read_text("utf-8")
    for values in examples.values():
        for value in values:
            assert f"`{value}`" in readme
