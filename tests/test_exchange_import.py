"""Staff workflow: validate, import (all or nothing, --partial, --merge) and export."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.cli import main as cli
from dashboard.data.exchange.importer import check_file, import_file, read_dataset
from dashboard.data.exchange.writers import export_bytes
from dashboard.data.loading import load_store
from dashboard.data.repository import BoundaryIndex
from tests.factories import DATASET_SIZE

GEODATA = REPO_ROOT / "geodata"
TODAY = date(2026, 11, 22)
HEADER_JA = "案件番号,案件名,対象国,対象地域,提案団体名,分野,事業費（千円）,実施期間,出典\n"


@pytest.fixture(scope="module")
def province_names() -> dict[str, str]:
    index = BoundaryIndex.read(GEODATA / "boundaries")
    return {code: province.name_en for code, province in index.provinces.items()}


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def japanese_list(tmp_path: Path, rows: str, encoding: str = "utf-8") -> Path:
    """A generated test list in the shape JICA staff keep (TEST rows, not real projects)."""
    return write(tmp_path / "list.csv", HEADER_JA + rows, encoding)


GOOD_ROW = (
    "T-001,TEST 水道事業,ベトナム,トゥアティエン＝フエ省,TEST市,水・衛生,"
    '"45,000",2016年2月～2019年2月,https://example.invalid/t1\n'
)


def test_a_japanese_list_in_shift_jis_reads_into_typed_records(tmp_path, places):
    path = japanese_list(tmp_path, GOOD_ROW, encoding="cp932")
    outcome = check_file(path, places, TODAY)
    assert outcome.problems == []
    ((row, project),) = outcome.accepted
    assert row.number == 2
    assert project.id == "T-001"
    assert project.countries == ("VNM",)
    assert [loc.admin1 for loc in project.locations] == ["VN-26"]
    assert project.fields == ("water",)
    assert (project.budget.yen, project.budget.kind) == (45_000_000, "stated")
    assert (project.start.label, project.end.label) == ("2016-02", "2019-02")
    assert [(p.name, p.role) for p in project.partners] == [("TEST市", "proposer")]


@pytest.mark.parametrize(
    ("row", "column", "message"),
    [
        (",TEST,ベトナム,Hà Nội,,,,,", "案件番号", "the project ID is missing"),
        ("T-2,,ベトナム,Hà Nội,,,,,", "案件名", "the project title is missing"),
        ("T-3,TEST,,Hà Nội,,,,,", "対象国", "the country is missing"),
        ("T-4,TEST,Atlantis,Hà Nội,,,,,", "対象国", "unknown country"),
        ("T-5,TEST,ベトナム,,,,,,", "対象地域", "the location is missing"),
        ("T-6,TEST,ベトナム,Vientiane,,,,,", "対象地域", "not a province of Viet Nam"),
        (
            "T-7,TEST,ベトナム,Hà Nội,,fishing,,,",
            "分野",
            "unknown field 'fishing'; use one of: Water supply & sanitation",
        ),
        ('T-8,TEST,ベトナム,Hà Nội,,,"150,000",,', "事業費（千円）", "above the programme cap"),
        ("T-9,TEST,ベトナム,Hà Nội,,,0,,", "事業費（千円）", "the budget must be positive"),
        (
            "T-10,TEST,ベトナム,Hà Nội,,,,2010年1月～2016年1月,",
            "実施期間",
            "runs longer than 5 years",
        ),
        ("T-11,TEST,ベトナム,Hà Nội,,,,2019年1月～2016年1月,", "実施期間", "ends (2016-01) before"),
        ("T-12,TEST,ベトナム,Hà Nội,,,,いつか,", "実施期間", "is not a period"),
    ],
)
def test_each_error_names_row_column_and_what_was_expected(tmp_path, places, row, column, message):
    path = japanese_list(tmp_path, row + "\n")
    outcome = check_file(path, places, TODAY)
    errors = [p for p in outcome.problems if p.severity == "error"]
    assert errors, outcome.problems
    assert (errors[0].file, errors[0].row, errors[0].column) == ("list.csv", 2, column)
    assert message in errors[0].message
    assert outcome.accepted == []


def test_warnings_keep_the_row(tmp_path, places):
    row = 'T-20,TEST,ベトナム,Hà Nội,TEST NPO,教育,"9,000",2016年2月～2017年2月,\n'
    outcome = check_file(japanese_list(tmp_path, row), places, TODAY)
    assert [p.message for p in outcome.problems] == [
        "¥9,000,000 is under ¥10,000,000",
        "no source: add the web page or document the facts come from",
    ]
    assert len(outcome.accepted) == 1


def test_a_point_outside_its_province_is_an_error(tmp_path, places):
    path = write(
        tmp_path / "points.csv",
        "id,title_en,country,provinces,lon,lat\n"
        "T-30,TEST inside,VNM,Thua Thien Hue,107.58,16.46\n"
        "T-31,TEST outside,VNM,Thua Thien Hue,105.85,21.03\n",
    )
    outcome = check_file(path, places, TODAY)
    assert [project.id for _, project in outcome.accepted] == ["T-30"]
    (error,) = [p for p in outcome.problems if p.severity == "error"]
    assert (error.row, error.column) == (3, "lon")
    assert error.message == "the point is outside Thừa Thiên Huế"


def test_a_duplicate_id_rejects_the_later_row(tmp_path, places):
    path = japanese_list(tmp_path, GOOD_ROW + GOOD_ROW)
    outcome = check_file(path, places, TODAY)
    (error,) = outcome.problems[-1:]
    assert (error.row, error.message) == (3, "duplicate ID: row 2 has it already")


def test_import_with_errors_changes_nothing(tmp_path, geodata, places):
    before = (geodata / "projects.json").read_bytes()
    path = japanese_list(tmp_path, GOOD_ROW + "T-2,,ベトナム,Hà Nội,,,,,\n")
    outcome = import_file(path, geodata, places, today=TODAY)
    assert outcome.has_errors and outcome.stored == 0
    assert (geodata / "projects.json").read_bytes() == before


def test_partial_import_stores_valid_rows_and_writes_the_rest_aside(tmp_path, geodata, places):
    path = japanese_list(tmp_path, GOOD_ROW + "T-2,,ベトナム,Hà Nội,,,,,\n")
    outcome = import_file(path, geodata, places, partial=True, today=TODAY)
    projects, meta = read_dataset(geodata / "projects.json")
    assert [p.id for p in projects] == ["T-001"]
    assert meta["imported_from"] == "list.csv"
    rejects = list(csv.reader(io.StringIO(outcome.rejects_file.read_text(encoding="utf-8-sig"))))
    assert rejects[0][:3] == ["problems", "案件番号", "案件名"]
    assert rejects[1][1] == "T-2"
    assert "the project title is missing" in rejects[1][0]
    # The corrected rejects file imports again.
    fixed = rejects_path = outcome.rejects_file
    text = fixed.read_text(encoding="utf-8-sig").replace("T-2,,", "T-2,TEST corrected,")
    write(rejects_path, text)
    again = import_file(rejects_path, geodata, places, merge=True, today=TODAY)
    assert not again.has_errors
    assert [p.id for p in read_dataset(geodata / "projects.json")[0]] == ["T-001", "T-2"]


def test_merge_updates_by_id_and_keeps_the_rest(tmp_path, geodata, places):
    row = GOOD_ROW.replace("T-001", "VN01").replace("TEST 水道事業", "TEST updated title")
    outcome = import_file(japanese_list(tmp_path, row), geodata, places, merge=True, today=TODAY)
    projects, _ = read_dataset(geodata / "projects.json")
    assert outcome.stored == len(projects) == DATASET_SIZE
    assert projects[0].id == "VN01" and projects[0].title_ja == "TEST updated title"
    assert projects[1].id == "VN02" and projects[1].title_en.startswith("Safe water supply")


def test_replace_is_the_default(tmp_path, geodata, places):
    import_file(japanese_list(tmp_path, GOOD_ROW), geodata, places, today=TODAY)
    assert [p.id for p in read_dataset(geodata / "projects.json")[0]] == ["T-001"]


def comparable(project) -> dict:
    """Everything a record holds but the import's own provenance: the row as read, and the
    date of the import. The budget's wording comes back too (its own column since the amount
    is a number), also where it does not read as its amount (NP03's three yearly figures)."""
    data = project.to_json()
    for key in ("original", "last_updated"):
        data.pop(key)
    return data


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
def test_export_then_import_gives_back_the_same_records(
    tmp_path, geodata, places, province_names, fmt
):
    original = list(load_store(GEODATA / "projects.json").projects)
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export_bytes(fmt, original, province_names))
    outcome = import_file(path, geodata, places, today=TODAY)
    assert not outcome.has_errors, [p.text() for p in outcome.problems if p.severity == "error"]
    back, _ = read_dataset(geodata / "projects.json")
    assert [p.id for p in back] == [p.id for p in original]
    for before, after in zip(original, back, strict=True):
        assert comparable(after) == comparable(before), before.id


def test_cli_exit_codes_and_json_report(tmp_path, geodata, capsys):
    good = japanese_list(tmp_path, GOOD_ROW)
    assert cli(["--geodata", str(geodata), "validate", str(good)]) == 0
    bad = write(tmp_path / "bad.csv", HEADER_JA + "T-2,,ベトナム,Hà Nội,,,,,\n")
    capsys.readouterr()
    assert cli(["--geodata", str(geodata), "validate", str(bad), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["rejected"] == 1
    assert report["problems"][0]["row"] == 2
    assert report["problems"][0]["column"] == "案件名"
    assert cli(["--geodata", str(geodata), "validate", str(tmp_path / "missing.csv")]) == 2
    assert "the file does not exist" in capsys.readouterr().err


def test_cli_export_uses_the_api_filters(tmp_path, capsys):
    out = tmp_path / "water.csv"
    assert cli(["export", "country=VNM", "field=water", "--format", "csv", "-o", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 15
    assert rows[0]["ID"] == "VN01"
    assert rows[0]["Provinces"] == "Thừa Thiên Huế (VN-26)"
    assert cli(["export", "field=fishing"]) == 1


def rows_of(tmp_path, places, text: str):
    outcome = check_file(write(tmp_path / "rules.csv", text), places, TODAY)
    return outcome, [p for _, p in outcome.accepted]


def only_error(outcome):
    (error,) = [p for p in outcome.problems if p.severity == "error"]
    return error


HEAD = "id,title_en,country,provinces,scheme,partners,partner_types,fields,budget,period,lon,lat\n"


@pytest.mark.parametrize(
    ("cells", "column", "message"),
    [
        (
            "TEST,VNM,Hà Nội,Grant type,,,,,,,",
            "scheme",
            "the value is not a JPP scheme (Partner, Support, Local Government, "
            "Regional Revitalization)",
        ),
        (
            "TEST,VNM,Hà Nội,,TEST org,religious body,,,,,",
            "partner_types",
            "unknown partner type; use NGO, university, local government, public "
            "corporation or private company",
        ),
        ("TEST,VNM,,,,,,,,151.2,-33.9", "lon", "the point 151.2, -33.9 is not in VNM"),
        (
            "TEST,Kenya,Nairobi,,,,,,,,",
            "country",
            "the map has no provinces for KEN yet; it covers Viet Nam, Philippines",
        ),
        ("TEST,VNM,Hà Nội,,,,,-5000000,,,", "budget", "the value: the budget must be positive"),
    ],
)
def test_more_errors_with_their_exact_message(tmp_path, places, cells, column, message):
    outcome, _ = rows_of(tmp_path, places, HEAD + "T-1," + cells + "\n")
    error = only_error(outcome)
    assert error.column == column
    assert error.message.startswith(message)


def test_over_the_scheme_cap_is_a_warning(tmp_path, places):
    row = "T-1,TEST,VNM,Hà Nội,Support Type,,,,25000000,,,\n"
    outcome, projects = rows_of(tmp_path, places, HEAD + row)
    assert [p.message for p in outcome.problems if p.column == "budget"] == [
        "¥25,000,000 is above the support cap of ¥10,000,000"
    ]
    assert len(projects) == 1


def test_what_real_japanese_lists_contain(tmp_path, places):
    text = (
        "案件番号,案件名,対象国,対象地域,提案団体名,実施団体,団体種別,分野,事業費,実施期間,出典\n"
        'T-1,TEST 一,ベトナム,"Thừa Thiên Huế, Đà Nẵng",TEST市,TEST NPO,地方自治体;NGO,'
        "保健・教育,1億円,平成28年2月～平成31年1月,https://example.invalid/1\n"
        "T-2,TEST 二,ベトナム,Tinh Quang Nam、ハノイ,TEST大学,,大学,12220,4500万,"
        "R元年度～R3年度,https://example.invalid/2\n"
    )
    outcome, _ = rows_of(tmp_path, places, text)
    assert [p.message for p in outcome.problems if p.severity == "error"] == []
    one, two = (project for _, project in outcome.accepted)
    assert [loc.admin1 for loc in one.locations] == ["VN-26", "VN-DN"]
    assert [(p.name, p.type, p.role) for p in one.partners] == [
        ("TEST市", "local_government", "proposer"),
        ("TEST NPO", "ngo", "implementer"),
    ]
    assert one.fields == ("health", "education")
    assert one.budget.yen == 100_000_000
    assert (one.start.label, one.end.label) == ("2016-02", "2019-01")
    assert [loc.admin1 for loc in two.locations] == ["VN-27", "VN-HN"]
    assert (two.fields, two.budget.yen) == (("health",), 45_000_000)
    assert (two.start.label, two.end.label) == ("FY2019", "FY2021")


def test_geojson_features_that_disagree_are_duplicates_not_merged(tmp_path, places):
    def feature(title: str, lon: float, lat: float) -> dict:
        properties = {"ID": "T-1", "Title (English)": title, "Country": "VNM"}
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": properties,
        }

    document = {
        "type": "FeatureCollection",
        "features": [
            feature("TEST same", 107.58, 16.46),
            feature("TEST same", 108.22, 16.05),
            feature("TEST other title", 105.85, 21.03),
        ],
    }
    path = tmp_path / "sites.geojson"
    path.write_text(json.dumps(document), encoding="utf-8")
    outcome = check_file(path, places, TODAY)
    ((_, project),) = outcome.accepted
    assert [loc.admin1 for loc in project.locations] == ["VN-26", "VN-DN"]
    error = only_error(outcome)
    assert (error.row, error.message) == (3, "duplicate ID: feature 1 has it already")


def test_merge_keeps_what_the_list_has_no_column_for(tmp_path, geodata, places):
    path = write(
        tmp_path / "update.csv",
        "id,title_en,country,provinces\nVN01,TEST new English title,VNM,Thua Thien Hue\n",
    )
    outcome = import_file(path, geodata, places, merge=True, today=TODAY)
    (vn01,) = [p for p in read_dataset(geodata / "projects.json")[0] if p.id == "VN01"]
    assert vn01.title_en == "TEST new English title"
    assert vn01.partners[0].name == "Yokohama Waterworks Bureau"  # no partner column: kept
    assert (vn01.start.label, vn01.end.label) == ("FY2003", "FY2005")
    assert vn01.sources[0].startswith("https://www.city.yokohama.lg.jp/")
    assert (outcome.added, outcome.updated, outcome.removed) == (0, 1, 0)


def test_rejects_that_cannot_be_written_store_nothing(tmp_path, geodata, places):
    before = (geodata / "projects.json").read_bytes()
    path = japanese_list(tmp_path, GOOD_ROW + "T-2,,ベトナム,Hà Nội,,,,,\n")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(OSError):
        import_file(path, geodata, places, partial=True, rejects_path=blocker / "r.csv")
    assert (geodata / "projects.json").read_bytes() == before


def test_exports_do_not_let_a_spreadsheet_run_a_cell(tmp_path, province_names, places):
    project = load_store(GEODATA / "projects.json").project("VN01")
    risky = replace(project, notes='=HYPERLINK("http://example.invalid")')
    text = export_bytes("csv", [risky], province_names).decode("utf-8-sig")
    assert "'=HYPERLINK" in text
    path = tmp_path / "risky.csv"
    path.write_text(text, encoding="utf-8")
    ((_, back),) = check_file(path, places, TODAY).accepted
    assert back.notes == risky.notes
