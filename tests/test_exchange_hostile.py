"""Hostile and careless project lists: every cap of ``limits`` holds, in bounded time and memory.

Each file is built here, small on disk (a zip that declares a gigabyte, a sparse file); each
refusal is shown to come before the costly step by what it is (``TooLarge``) and by the step
not being taken (the XML parser is not called, the file is not read past the cap).
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import struct
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from dashboard import REPO_ROOT
from dashboard.cli import main as cli
from dashboard.data.exchange import limits, readers
from dashboard.data.exchange.importer import check_file, import_file
from dashboard.data.exchange.readers import TooLarge, UnreadableFile, read_table
from dashboard.data.exchange.writers import export_bytes, safe_cell
from dashboard.data.files import remove_stale_temporaries
from dashboard.data.loading import load_store

GEODATA = REPO_ROOT / "geodata"
TODAY = date(2026, 11, 22)
HEADER = "案件番号,案件名,対象国,対象地域,事業費（千円）,実施期間,出典\n"
ROW = 'T-{n},TEST 案件 {n},ベトナム,Hà Nội,"45,000",2016年2月～2019年2月,https://example.invalid\n'


def refused(path: Path, kind: type[UnreadableFile] = TooLarge) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_table(path)
    assert type(caught.value) is kind, caught.value.reason
    return caught.value.reason


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    """The workbook must be refused before openpyxl reads it."""

    def fail(*args: object, **kwargs: object) -> None:
        raise AssertionError("the workbook was parsed")

    monkeypatch.setattr("openpyxl.load_workbook", fail)


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rezipped(data: bytes, compression: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info), compress_type=compression)
    return buffer.getvalue()


def with_part(data: bytes, name: str, change: Callable[[bytes], bytes]) -> bytes:
    """The archive with one part changed (openpyxl cuts cells to Excel's 32,767 characters;
    an attacker writes the XML by hand)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(
                info.filename,
                change(content) if info.filename == name else content,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return buffer.getvalue()


def with_cell(length: int) -> bytes:
    data = xlsx_bytes([["案件番号", "案件名"], ["T1", "MARK"]])
    return with_part(data, SHEET, lambda xml: xml.replace(b"MARK", b"A" * length))


def declaring(data: bytes, name: str, size: int) -> bytes:
    """The archive with ``name`` declaring ``size`` bytes unzipped in its directory."""
    patched = bytearray(data)
    position = patched.find(b"PK\x01\x02")
    while position != -1:
        length = struct.unpack_from("<H", patched, position + 28)[0]
        if patched[position + 46 : position + 46 + length] == name.encode():
            struct.pack_into("<I", patched, position + 24, size)
            return bytes(patched)
        position = patched.find(b"PK\x01\x02", position + 4)
    raise AssertionError(name)


SHEET = "xl/worksheets/sheet1.xml"
LIST = [["案件番号", "案件名"], ["T1", "TEST 一"]]


# ---------------------------------------------------------------------------------------------
# Zip bombs


def test_a_workbook_declaring_a_gigabyte_is_refused_before_unzipping(tmp_path, monkeypatch):
    bomb = declaring(xlsx_bytes(LIST), SHEET, 1 << 30)
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    assert len(bomb) < 10_000
    no_parsing(monkeypatch)
    monkeypatch.setattr(readers, "_longest_run", lambda *a: pytest.fail("a part was unzipped"))
    reason = refused(path)
    assert "expands to 1,073,7" in reason and "above the limit of 200,000,000 bytes" in reason
    assert cli(["validate", str(path)]) == 2


def test_a_real_deflate_bomb_is_refused_by_what_it_declares(tmp_path, monkeypatch):
    monkeypatch.setattr(limits, "MAX_XLSX_EXPANDED_BYTES", 1_000_000)
    data = with_cell(3_000_000)  # deflates to a few kilobytes
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    assert len(data) < 20_000
    no_parsing(monkeypatch)
    assert "above the limit of 1,000,000 bytes" in refused(path)


def test_bzip2_parts_are_refused(tmp_path, monkeypatch):
    path = tmp_path / "bzip2.xlsx"
    path.write_bytes(rezipped(xlsx_bytes(LIST), zipfile.ZIP_BZIP2))
    no_parsing(monkeypatch)
    reason = refused(path, UnreadableFile)
    assert "is compressed in a way Excel never writes" in reason


def test_a_huge_cell_within_the_expansion_cap_is_refused_before_parsing(tmp_path, monkeypatch):
    path = tmp_path / "cell.xlsx"
    path.write_bytes(with_cell(200_000))
    no_parsing(monkeypatch)
    reason = refused(path)
    assert f"'{SHEET}' holds a run of" in reason
    assert "a cell above the limit of 20,000 characters" in reason


def test_a_lying_archive_reads_as_damaged(tmp_path):
    """zipfile gives no more than a part declares: the rest fails its checksum."""
    data = declaring(xlsx_bytes(LIST), SHEET, 100)
    path = tmp_path / "lying.xlsx"
    path.write_bytes(data)
    assert refused(path, UnreadableFile).startswith("the workbook is damaged")


# ---------------------------------------------------------------------------------------------
# Cells, rows and files


@pytest.mark.parametrize(
    ("column", "key", "length", "kind"),
    [
        ("案件名", "title_ja", 501, "a title"),
        ("提案団体名", "proposer", 2_001, "a list of partners"),
        ("備考", "notes", 10_001, "notes or sources"),
    ],
)
def test_a_cell_longer_than_its_column_allows(tmp_path, column, key, length, kind):
    assert limits.cell_limit(key) == length - 1
    text = f"案件番号,{column}\nT1,TEST\nT2,{'長' * length}\n"
    path = tmp_path / "list.csv"
    path.write_text(text, encoding="utf-8")
    reason = refused(path)
    assert reason == (
        f"row 3, column '{column}': the cell holds {length:,} characters, above the limit of "
        f"{length - 1:,} for {kind}; shorten it"
    )


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_a_title_too_long_in_each_format(tmp_path, suffix):
    title = "T" * 600
    if suffix == ".csv":
        data = f"ID,Title (English)\nT1,{title}\n".encode()
        where = "row 2, column 'Title (English)'"
    elif suffix == ".xlsx":
        data = xlsx_bytes([["ID", "Title (English)"], ["T1", title]])
        where = "row 2, column 'Title (English)'"
    else:
        feature = {"type": "Feature", "properties": {"ID": "T1", "Title (English)": title}}
        document = {"type": "FeatureCollection", "features": [feature]}
        data = json.dumps(document).encode()
        where = "feature 1, column 'Title (English)'"
    path = tmp_path / f"list{suffix}"
    path.write_bytes(data)
    assert refused(path).startswith(f"{where}: the cell holds 600 characters")


def test_a_cell_beyond_the_csv_field_limit(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text(f'案件番号,案件名\nT1,"{"x" * 200_000}"\n', encoding="utf-8")
    assert refused(path).startswith("line 2: a cell holds more than 131,072 characters")


def test_a_file_over_the_size_cap_is_refused_before_reading(tmp_path, monkeypatch):
    path = tmp_path / "big.csv"
    with path.open("wb") as stream:  # sparse: nothing is written but the size
        stream.truncate(limits.MAX_FILE_BYTES + 1)

    def no_open(*args: object, **kwargs: object) -> None:
        raise AssertionError("the file was opened")

    monkeypatch.setattr(readers.os, "open", no_open)
    reason = refused(path)
    assert reason.startswith("the file is 50,000,001 bytes or more, above the limit of 50,000,000")


def test_never_more_than_the_cap_is_read(tmp_path, monkeypatch):
    """A file that grows after its size was checked is read up to the cap, no further."""
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1_000)
    path = tmp_path / "list.csv"
    path.write_text(HEADER + "".join(ROW.format(n=n) for n in range(100)), encoding="utf-8")
    real_stat = readers._regular_file
    calls = []

    def shrunk(path: Path, status: os.stat_result | None = None) -> os.stat_result:
        calls.append(path)
        result = real_stat(path, status)
        return os.stat_result((*result[:6], 10, *result[7:]))  # says 10 bytes

    monkeypatch.setattr(readers, "_regular_file", shrunk)
    assert "1,001 bytes or more" in refused(path)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx", ".geojson"])
def test_rows_over_the_cap(tmp_path, monkeypatch, suffix):
    monkeypatch.setattr(limits, "MAX_ROWS", 5)
    ids = [f"T{n}" for n in range(8)]
    if suffix == ".csv":
        data = ("ID,Title (English)\n" + "".join(f"{i},TEST\n" for i in ids)).encode()
    elif suffix == ".xlsx":
        data = xlsx_bytes([["ID", "Title (English)"], *([i, "TEST"] for i in ids)])
    else:
        features = [{"type": "Feature", "properties": {"ID": i}, "geometry": None} for i in ids]
        data = json.dumps({"type": "FeatureCollection", "features": features}).encode()
    path = tmp_path / f"list{suffix}"
    path.write_bytes(data)
    unit = "features" if suffix == ".geojson" else "rows"
    assert refused(path).startswith(f"the list has more than 5 {unit}, the limit")


def test_fifty_thousand_and_one_rows_are_refused(tmp_path):
    path = tmp_path / "list.csv"
    path.write_text("ID\n" + "T\n" * (limits.MAX_ROWS + 1), encoding="utf-8")
    assert refused(path).startswith("the list has more than 50,000 rows")


# ---------------------------------------------------------------------------------------------
# GeoJSON MultiPoints


def multipoint(points: int, feature_id: str = "T1") -> dict[str, object]:
    coordinates = [[105.8 + (n % 100) / 1000, 21.0 + (n // 100) / 1000] for n in range(points)]
    return {
        "type": "Feature",
        "properties": {"ID": feature_id, "Title (English)": "TEST", "Country": "VNM"},
        "geometry": {"type": "MultiPoint", "coordinates": coordinates},
    }


def test_a_multipoint_of_a_hundred_thousand_points_is_refused(tmp_path, monkeypatch):
    document = {"type": "FeatureCollection", "features": [multipoint(100_000)]}
    path = tmp_path / "list.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert path.stat().st_size < limits.MAX_FILE_BYTES
    monkeypatch.setattr(readers, "_position", lambda *a: pytest.fail("a point was read"))
    assert refused(path) == (
        "feature 1: its MultiPoint has 100,000 points, above the limit of 1,000 sites for one "
        "project"
    )


def test_a_multipoint_at_the_cap_is_read_in_linear_time(tmp_path, places):
    """300 sites, each found in its province once: no step compares every site with every
    other (the duplicate check is a set; grouping goes by identity)."""
    document = {"type": "FeatureCollection", "features": [multipoint(300)]}
    path = tmp_path / "list.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = check_file(path, places, TODAY)
    assert not outcome.has_errors, outcome.problems
    ((_, project),) = outcome.accepted
    assert len(project.locations) == 300


def test_too_many_features_of_one_project(tmp_path, places, monkeypatch):
    monkeypatch.setattr(limits, "MAX_SITES", 10)
    features = [multipoint(1) for _ in range(11)]
    path = tmp_path / "list.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    with pytest.raises(TooLarge, match=r"project 'T1' .* more than 10 sites"):
        check_file(path, places, TODAY)


# ---------------------------------------------------------------------------------------------
# Encodings


def test_a_utf8_file_with_one_shift_jis_cell_is_refused_by_line_and_byte(tmp_path):
    head = (HEADER + ROW.format(n=1)).encode("utf-8")
    path = tmp_path / "list.csv"
    path.write_bytes(head + "T-2,ハノイ市,ベトナム,ハノイ,,,\n".encode("cp932"))
    reason = refused(path, UnreadableFile)
    assert reason.startswith(
        f"the text is UTF-8 until line 3, byte {len(head) + 5:,}: 0x83, which is not: part of "
        "the file was saved in another encoding (Shift_JIS?)"
    )


def test_a_shift_jis_file_with_one_utf8_line_is_refused(tmp_path):
    head = (HEADER + ROW.format(n=1)).replace("Hà Nội", "ハノイ").encode("cp932")
    path = tmp_path / "list.csv"
    path.write_bytes(head + "T-2,TEST,VNM,ハノイ,,,\n".encode())  # reads as 繝上ヮ繧､
    reason = refused(path, UnreadableFile)
    assert reason.startswith(
        f"the text is Shift_JIS but line 3, byte {len(head) + 1:,}: 0x54 starts a line in UTF-8"
    )


def test_the_encoding_is_said(tmp_path, geodata, capsys):
    path = tmp_path / "list.csv"
    path.write_bytes((HEADER + ROW.format(n=1)).replace("Hà Nội", "ハノイ").encode("cp932"))
    assert cli(["--geodata", str(geodata), "validate", str(path)]) == 0
    assert "encoding: Shift_JIS (CP932)" in capsys.readouterr().out
    path.write_bytes(codecs.BOM_UTF8 + (HEADER + ROW.format(n=1)).encode())
    cli(["--geodata", str(geodata), "validate", str(path), "--format", "json"])
    assert json.loads(capsys.readouterr().out)["encoding"] == "UTF-8 (with a byte-order mark)"


# ---------------------------------------------------------------------------------------------
# Characters that break later


def test_control_characters_and_lone_surrogates_are_rejected_in_every_format(
    tmp_path, places, geodata
):
    bad = {"T-1": "TEST \x07 bell", "T-2": "TEST \x1b[2J", "T-3": "TEST \x00", "T-4": "\ud800"}
    features = [
        {"type": "Feature", "properties": {**_project(i), "Title (English)": title}}
        for i, title in bad.items()
    ]
    features.append({"type": "Feature", "properties": _project("T-5")})
    path = tmp_path / "list.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), "utf-8")
    outcome = check_file(path, places, TODAY)
    assert [p.id for _, p in outcome.accepted] == ["T-5"]
    codes = [p.message.split()[5] for p in outcome.problems if p.severity == "error"]
    assert codes == ["U+0007", "U+001B", "U+0000", "U+D800"]
    csv_path = tmp_path / "list.csv"
    csv_path.write_text("ID,Title (English),Country,Provinces\nT1,a\x01b,VNM,Hà Nội\n", "utf-8")
    (problem,) = check_file(csv_path, places, TODAY).problems
    assert problem.column == "Title (English)" and "U+0001 (at character 2)" in problem.message
    # --partial stores the valid one, and the rejects file can be written and read again.
    before = (geodata / "projects.json").read_bytes()
    outcome = import_file(path, geodata, places, partial=True, today=TODAY)
    assert outcome.stored == 1 and (geodata / "projects.json").read_bytes() != before
    rejects = outcome.rejects_file.read_text(encoding="utf-8-sig")
    assert "\ufffd" in rejects and "\x07" not in rejects and "\x1b" not in rejects
    export_bytes("xlsx", load_store(geodata / "projects.json").projects, {})


def _project(project_id: str) -> dict[str, str]:
    return {"ID": project_id, "Title (English)": "TEST", "Country": "VNM", "Provinces": "Hà Nội"}


def test_exports_write_what_an_older_import_let_through(tmp_path):
    from dataclasses import replace

    project = load_store(GEODATA / "projects.json").project("VN01")
    broken = replace(project, notes="a\x07b", title_en="c\ud800d")
    data = export_bytes("xlsx", [broken], {})
    sheet = load_workbook(io.BytesIO(data)).active
    values = [cell.value for cell in sheet[2]]
    assert "a\ufffdb" in values and "c\ufffdd" in values
    export_bytes("csv", [broken], {}).decode("utf-8")
    json.loads(export_bytes("geojson", [broken], {}))


# ---------------------------------------------------------------------------------------------
# Formulas


FORMULAS = [
    '=HYPERLINK("http://example.invalid","x")',
    "=cmd|' /C calc'!A0",
    "@SUM(A1:A2)",
    "＝1+1",
    "\u200b=1+1",
    "+1",
    "-1+1",
    "＠SUM(A1)",
]


@pytest.mark.parametrize("value", FORMULAS)
def test_safe_cell_neutralises_every_formula_start(value):
    assert safe_cell(value) == "'" + value
    assert safe_cell("Hà Nội") == "Hà Nội"


def test_the_rejects_file_runs_no_formula(tmp_path, geodata, capsys):
    quoted = [value.replace('"', '""') for value in FORMULAS]
    rows = "".join(f'T{n},"{value}",,\n' for n, value in enumerate(quoted))
    path = tmp_path / "list.csv"
    path.write_text("ID,Title (English),Country,Provinces\n" + rows, encoding="utf-8")
    assert cli(["--geodata", str(geodata), "import", str(path), "--partial"]) == 1
    rejects = (tmp_path / "list.rejects.csv").read_text(encoding="utf-8-sig")
    titles = [row[2] for row in csv.reader(io.StringIO(rejects))][1:]
    assert titles == ["'" + value for value in FORMULAS]


def test_exports_neutralise_full_width_and_invisible_starts(tmp_path, places):
    from dataclasses import replace

    project = load_store(GEODATA / "projects.json").project("VN01")
    for value in ("＝1+1", "\u200b=HYPERLINK(1)"):
        risky = replace(project, notes=value)
        text = export_bytes("csv", [risky], {}).decode("utf-8-sig")
        assert "'" + value in text
        path = tmp_path / "risky.csv"
        path.write_text(text, encoding="utf-8")
        ((_, back),) = check_file(path, places, TODAY).accepted
        assert back.notes == value


# ---------------------------------------------------------------------------------------------
# The terminal


def test_the_report_escapes_what_a_terminal_would_run(tmp_path, geodata, capsys):
    attack = "\x1b[2J\x1b[Hall rows valid\u202e"
    path = tmp_path / "list\x1b[31m.csv"
    path.write_text(f"ID,Title (English),Country\nT1,TEST,{attack}\n", encoding="utf-8")
    assert cli(["--geodata", str(geodata), "validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    assert "\\x1b[2J\\x1b[Hall rows valid\\u202e" in out
    assert cli(["--geodata", str(geodata), "validate", str(path), "--format", "json"]) == 1
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\u202e" not in out
    report = json.loads(out)
    assert report["file"] == "list\x1b[31m.csv"
    unreadable = tmp_path / "bad\x1b[2J.csv"
    unreadable.write_bytes(b"")
    assert cli(["validate", str(unreadable)]) == 2
    assert "\x1b" not in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------
# Foot-guns


def test_outputs_into_the_data_folder_are_refused(tmp_path, geodata, capsys):
    before = (geodata / "projects.json").read_bytes()
    path = tmp_path / "list.csv"
    path.write_text(HEADER + ROW.format(n=1) + "T-2,,ベトナム,Hà Nội,,,\n", encoding="utf-8")
    base = ["--geodata", str(geodata)]
    link = tmp_path / "elsewhere.json"
    link.symlink_to(geodata / "projects.json")
    for target in (geodata / "projects.json", geodata / "boundaries" / "x.csv", link, path):
        assert cli([*base, "import", str(path), "--partial", "--rejects", str(target)]) == 2
        assert "nothing was read or stored" in capsys.readouterr().err
        assert cli([*base, "export", "-o", str(target)]) == (0 if target == path else 2)
        capsys.readouterr()
    assert (geodata / "projects.json").read_bytes() == before


def test_a_link_to_a_system_file_is_not_quoted(tmp_path, capsys):
    secret = tmp_path / "shadow"
    secret.write_text("root:$6$SECRETHASH:19000:0:99999:7:::\n", encoding="utf-8")
    link = tmp_path / "list.csv"
    link.symlink_to(secret)
    assert cli(["validate", str(link)]) == 2
    assert "SECRETHASH" not in capsys.readouterr().err
    assert cli(["validate", str(link), "--format", "json"]) == 2
    assert "SECRETHASH" not in capsys.readouterr().out


def test_pipes_and_devices_are_not_regular_files(tmp_path):
    fifo = tmp_path / "list.csv"
    os.mkfifo(fifo)  # reading it would wait for ever
    assert refused(fifo, UnreadableFile).startswith("this is not a regular file")
    device = tmp_path / "device.csv"
    device.symlink_to("/dev/zero")
    assert refused(device, UnreadableFile).startswith("this is not a regular file")


def test_temporaries_of_a_killed_import_are_removed(tmp_path, geodata, places):
    dataset = geodata / "projects.json"
    dead = geodata / ".projects.json.4194305.abcd1234.tmp"  # above Linux's largest PID
    alive = geodata / f".projects.json.{os.getpid()}.efgh5678.tmp"
    old = geodata / ".projects.json.ijkl9012.tmp"  # named before the PID was in the name
    other = geodata / ".boundaries.4194305.mnop3456.tmp"
    for path in (dead, alive, old, other):
        path.write_bytes(b"x" * 1000)
    os.utime(old, (0, 0))
    assert sorted(remove_stale_temporaries(dataset)) == sorted([dead, old])
    assert alive.exists() and other.exists()
    dead.write_bytes(b"x")
    from dashboard.data.backends import open_source

    open_source(dataset)  # as the app and the CLI start
    assert not dead.exists()
    dead.write_bytes(b"x")
    path = tmp_path / "list.csv"
    path.write_text(HEADER + ROW.format(n=1), encoding="utf-8")
    import_file(path, geodata, places, today=TODAY)
    assert not dead.exists() and alive.exists()


def test_a_picture_in_a_workbook_is_not_taken_for_a_long_cell(tmp_path):
    """Only the XML parts are scanned: a picture has long runs without '<'."""
    picture = bytes(range(256)).replace(b"<", b"") * 2_000
    data = xlsx_bytes([["ID", "Title (English)"], ["T1", "TEST"]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(buffer, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        target.writestr("xl/media/image1.png", picture)
    path = tmp_path / "list.xlsx"
    path.write_bytes(buffer.getvalue())
    assert [row.cells for row in read_table(path).rows] == [{"id": "T1", "title_en": "TEST"}]


# --- found by the attack review after the first fixes -------------------------------------------


def test_a_utf8_file_with_a_few_broken_bytes_is_not_read_as_shift_jis(tmp_path):
    """One lone surrogate's bytes (ED A0 80) in a UTF-8 list: every Japanese cell would have
    been stored as mojibake under 'Shift_JIS', with exit 0."""
    from dashboard.data.exchange.readers import UnreadableFile, read_table

    text = "ID,Title (English),Partners\nX1,a\udc00b,横浜市水道局\nX2,ok,横浜市\n"
    path = tmp_path / "broken.csv"
    path.write_bytes(text.encode("utf-8", errors="surrogatepass"))
    with pytest.raises(UnreadableFile, match="UTF-8"):
        read_table(path)


def test_shift_jis_japanese_is_still_read_as_shift_jis(tmp_path):
    from dashboard.data.exchange.readers import read_table

    path = tmp_path / "sjis.csv"
    path.write_bytes("ID,Title (English),Partners\nX1,水道,横浜市水道局\n".encode("cp932"))
    assert read_table(path).encoding == "cp932"


@pytest.mark.parametrize("character", ["\x85", "\u202e", "\u2066"])
def test_c1_controls_and_bidi_overrides_are_refused(character):
    from dashboard.data.exchange.convert import UNSTORABLE

    assert UNSTORABLE.search(f"title{character}text")


def test_rejects_never_overwrite_another_dataset_and_are_csv(tmp_path):
    from dashboard.cli import _refused_output

    staging = tmp_path / "staging"
    other = tmp_path / "other" / "projects.json"
    assert "dataset" in (_refused_output(other, staging) or "")
