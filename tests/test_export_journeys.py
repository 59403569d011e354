"""Staff download what the page shows, from every view, in the page's language, and open the
file as they would (openpyxl for Excel, csv for CSV): headers, numbers, filters, the file's
name."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from dashboard.ui import ids

from .test_browser import api, assert_only_loopback, wait_for_count

pytestmark = pytest.mark.browser


def click_download(page, button: str, wanted: str):  # type: ignore[no-untyped-def]
    """Click a download button once its link carries ``wanted``; the download."""
    page.wait_for_function(
        "([s, w]) => document.querySelector(s).href.includes(w)", arg=[f"#{button}", wanted]
    )
    with page.expect_download() as download:
        page.click(f"#{button}")
    return download.value


def csv_parts(path: Path) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The statement above the table (label -> text), and the table's rows."""
    head, table = path.read_bytes().decode("utf-8-sig").split("\r\n\r\n", 1)
    said = {row[0]: row[1] for row in csv.reader(io.StringIO(head))}
    return said, list(csv.DictReader(io.StringIO(table)))


def test_a_country_view_in_japanese_downloads_an_excel_list_staff_can_sort_and_sum(
    page, live_server
):
    query = "?country=VNM&field=water&layer=current&lang=ja"
    expected = api(live_server, "?country=VNM&field=water")["projects"]
    page.goto(f"{live_server}/{query}")
    wait_for_count(page, len(expected))
    download = click_download(page, ids.EXPORT_XLSX, "lang=ja")
    today = date.today().isoformat()
    assert download.suggested_filename == f"jpp-projects-VNM-water-{today}.xlsx"
    workbook = load_workbook(io.BytesIO(Path(download.path()).read_bytes()))
    assert workbook.sheetnames == ["案件一覧", "サイト", "このファイルについて"]
    sheet = workbook["案件一覧"]
    header = [cell.value for cell in sheet[1]]
    for japanese in (
        "案件名（英語）",
        "事業費（円）",
        "金額の種類",
        "事業費（原文）",
        "基準日の状況",
    ):
        assert japanese in header, japanese
    assert "対象地域（2025年）" in header  # the page shows the 2025 provinces
    rows = [
        dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert [row["ID"] for row in rows] == [p["id"] for p in expected]
    budgets = {p["id"]: p["budget"]["yen"] if p["budget"] else None for p in expected}
    for row in rows:
        assert row["事業費（円）"] == budgets[row["ID"]]  # a number, or an empty cell
        assert row["期間"] or not (row["開始"] and row["終了"])
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{sheet.cell(1, len(header)).column_letter}{len(rows) + 1}"
    sites = workbook["サイト"]
    points = [row[-3:-1] for row in sites.iter_rows(min_row=2, values_only=True)]
    assert points and all(isinstance(v, float) for point in points for v in point)
    about = {row[0]: row[1] for row in workbook["このファイルについて"].iter_rows(values_only=True)}
    assert "水・衛生" in about["絞り込み"]
    assert about["案件数"] == str(len(expected))
    assert_only_loopback(page)


def test_the_world_overview_downloads_every_countrys_projects_as_csv(page, live_server):
    expected = api(live_server, "?field=health")["projects"]
    page.goto(f"{live_server}/?view=world&field=health")
    wait_for_count(page, len(expected))
    download = click_download(page, ids.EXPORT_CSV, "view=world")
    assert download.suggested_filename == f"jpp-projects-world-health-{date.today()}.csv"
    said, rows = csv_parts(Path(download.path()))
    assert said["JICA Partnership Program projects"] == "All countries"
    assert said["Filters"] == "Field: Health & medical care"
    assert said["Status worked out for"] and said["Data dated"] and said["File made"]
    assert [row["ID"] for row in rows] == [p["id"] for p in expected]
    statuses = {p["id"]: p["status"] for p in expected}
    for row in rows:
        assert row["Budget (JPY)"] == "" or int(row["Budget (JPY)"]) > 0
        assert row["As of"] == date.today().isoformat()
        assert row["Status on the as-of date"].lower().replace(" ", "") in {
            statuses[row["ID"]],
            "notstated",
        }
    countries = {row["Country"].rsplit("(", 1)[-1].rstrip(")") for row in rows}
    assert countries == {code for p in expected for code in p["countries"]}  # one list of all


def test_the_view_from_japan_downloads_geojson_and_excel(page, live_server):
    expected = api(live_server, "?scheme=local_government")["projects"]
    page.goto(f"{live_server}/?view=japan&scheme=local_government&lang=vi")
    wait_for_count(page, len(expected))
    geojson = click_download(page, ids.EXPORT_GEOJSON, "view=japan")
    name = f"jpp-projects-japan-local_government-{date.today()}"
    assert geojson.suggested_filename == f"{name}.geojson"
    document = json.loads(Path(geojson.path()).read_text(encoding="utf-8"))
    assert {f["properties"]["id"] for f in document["features"]} == {p["id"] for p in expected}
    first = document["features"][0]["properties"]
    assert "title_en" in first and "Title (English)" not in first
    assert isinstance(first["lon"], float) and isinstance(first["lat"], float)
    assert document["export"]["view"] == "japan" and document["export"]["lang"] == "vi"
    excel = click_download(page, ids.EXPORT_XLSX, "view=japan")
    workbook = load_workbook(io.BytesIO(Path(excel.path()).read_bytes()))
    header = [cell.value for cell in workbook.worksheets[0][1]]
    assert "Tên dự án (tiếng Anh)" in header and "Ngân sách (JPY)" in header
    about = {row[0]: row[1] for row in workbook.worksheets[-1].iter_rows(values_only=True)}
    assert about["Dự án Chương trình Hợp tác Kỹ thuật Cơ sở JICA"].startswith("Nhìn từ Nhật Bản")
