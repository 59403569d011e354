"""Review of issue 12's downloads: a download merged back unchanged writes nothing (the stored
records keep their provenance), a change merges field by field, and the cells are in the
page's language. Runs on a copy of the default data in tmp (``geodata`` fixture); a changed
budget is a GENERATED value, never stored outside tmp."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.data.exchange.importer import import_file, read_dataset
from dashboard.data.exchange.merge import province_names
from dashboard.data.exchange.writers import export_bytes
from dashboard.data.filters import ProjectFilter
from dashboard.data.repository import BoundaryIndex
from dashboard.settings import Settings
from dashboard.ui.summary_panel.rules import export_links, sites_link
from tests.test_exchange_import import GEODATA, TODAY

FORMATS = ["csv", "xlsx", "geojson"]


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(GEODATA / "boundaries")


def download(client, fmt: str, query: str) -> bytes:
    answer = client.get(f"/export/projects.{fmt}?{query}")
    assert answer.status_code == 200, answer.data[:300]
    return answer.data


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_a_download_merged_back_unchanged_writes_nothing(
    client, tmp_path, geodata, places, fmt, lang
):
    before = (geodata / "projects.json").read_bytes()
    path = tmp_path / f"download.{fmt}"
    path.write_bytes(download(client, fmt, f"view=world&lang={lang}&layer=current"))
    outcome = import_file(path, geodata, places, merge=True, today=TODAY)
    assert not outcome.has_errors
    assert (outcome.updated, outcome.added, outcome.unchanged) == (0, 0, True)
    assert (geodata / "projects.json").read_bytes() == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_command_lines_export_merged_back_writes_nothing(tmp_path, geodata, places, fmt):
    before = (geodata / "projects.json").read_bytes()
    projects, _ = read_dataset(geodata / "projects.json")
    path = tmp_path / f"export.{fmt}"
    path.write_bytes(export_bytes(fmt, projects, province_names(projects, places)))
    outcome = import_file(path, geodata, places, merge=True, today=TODAY)
    assert (outcome.updated, outcome.unchanged) == (0, True)
    assert (geodata / "projects.json").read_bytes() == before


def _changed_budget(fmt: str, body: bytes, project_id: str, yen: int) -> bytes:
    """The download with one project's budget set to ``yen`` (a GENERATED value)."""
    if fmt == "csv":
        text = body.decode("utf-8-sig")
        lines = text.split("\r\n")
        start = lines.index("") + 1  # the table below the statement
        rows = list(csv.reader(io.StringIO("\r\n".join(lines[start:]))))
        column = next(i for i, h in enumerate(rows[0]) if "JPY" in h or "円" in h)
        for row in rows[1:]:
            if row and row[0] == project_id:
                row[column] = str(yen)
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(rows)
        return ("\ufeff" + "\r\n".join(lines[:start]) + "\r\n" + out.getvalue()).encode()
    if fmt == "xlsx":
        book = load_workbook(io.BytesIO(body))
        sheet = book.worksheets[0]
        headers = [c.value for c in sheet[1]]
        column = next(i for i, h in enumerate(headers) if h and ("JPY" in h or "円" in h))
        for row in sheet.iter_rows(min_row=2):
            if row[0].value == project_id:
                row[column].value = yen
        out_bytes = io.BytesIO()
        book.save(out_bytes)
        return out_bytes.getvalue()
    document = json.loads(body)
    for feature in document["features"]:
        if feature["properties"]["id"] == project_id:
            feature["properties"]["budget_yen"] = yen
    return json.dumps(document, ensure_ascii=False).encode()


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["en", "ja"])
def test_one_changed_budget_changes_that_record_and_field_only(
    client, tmp_path, geodata, places, fmt, lang
):
    stored, _meta = read_dataset(geodata / "projects.json")
    target = next(p for p in stored if p.budget and p.budget.yen and p.budget.kind == "estimate")
    new_yen = target.budget.yen + 1_000  # GENERATED: a changed amount, for the test only
    body = download(client, fmt, f"country={target.countries[0]}&lang={lang}")
    path = tmp_path / f"changed.{fmt}"
    path.write_bytes(_changed_budget(fmt, body, target.id, new_yen))
    outcome = import_file(path, geodata, places, merge=True, today=TODAY)
    assert not outcome.has_errors
    assert (outcome.updated, outcome.added) == (1, 0)
    after, _ = read_dataset(geodata / "projects.json")
    for old, new in zip(stored, after, strict=True):
        if old.id != target.id:
            assert new == old, old.id  # provenance too
            continue
        changed = {
            name for name in old.__dataclass_fields__ if getattr(old, name) != getattr(new, name)
        }
        assert changed <= {"budget", "original", "last_updated"}, changed
        assert new.budget.yen == new_yen
        assert new.last_updated == TODAY.isoformat()
        assert new.notes == old.notes


def _table(body: bytes) -> list[dict[str, str]]:
    lines = body.decode("utf-8-sig").split("\r\n")
    start = lines.index("") + 1  # the table below the statement
    return list(csv.DictReader(io.StringIO("\r\n".join(lines[start:]))))


def test_a_japanese_download_says_status_partners_and_2025_units_in_japanese(client, boundaries):
    from dashboard.i18n import translator

    t = translator("ja")
    rows = {
        row["ID"]: row
        for row in _table(download(client, "csv", "country=VNM&lang=ja&layer=current"))
    }
    stored, _ = read_dataset(GEODATA / "projects.json")
    vietnam = [p for p in stored if p.id in rows]
    completed = next(p for p in vietnam if p.status_observed == "Completed")
    assert rows[completed.id][t("Status")] == "終了"
    ongoing = next(p for p in vietnam if (p.status_observed or "").startswith("Ongoing at "))
    assert rows[ongoing.id][t("Status")] == "実施中" + ongoing.status_observed[len("Ongoing") :]
    proposer = next(
        p
        for p in vietnam
        for partner in p.partners
        if partner.role == "proposer" and partner.name_ja
    )
    names_ja = [pt.name_ja or pt.name for pt in proposer.partners if pt.role == "proposer"]
    assert rows[proposer.id][t("Proposing organisation")] == "; ".join(names_ja)
    hue = boundaries.current["VN-2025-46"]
    assert hue.name_ja and hue.name_ja != hue.name_en
    in_hue = [
        row[t("Provinces (2025)")]
        for row in rows.values()
        if "VN-2025-46" in row[t("Provinces (2025)")]
    ]
    assert in_hue and all(f"{hue.name_ja} (VN-2025-46)" in cell for cell in in_hue)
    assert all(f"{hue.name_en} (VN-2025-46)" not in cell for cell in in_hue)


def test_vietnamese_headers_are_capitalised_and_statuses_in_vietnamese(client):
    rows = _table(download(client, "csv", "country=VNM&lang=vi"))
    assert {"Bắt đầu", "Kết thúc"} <= set(rows[0])
    assert "Completed" not in {row["Tình trạng"] for row in rows}
    assert "Đã hoàn thành" in {row["Tình trạng"] for row in rows}


@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_a_status_in_the_pages_words_reads_back_as_the_sources(lang):
    from dashboard.data.exchange.convert import observed_in_english
    from dashboard.i18n import translator

    t = translator(lang)
    for english in ("Completed", "Completed (by 2021-02)", "Ongoing at 2024-01", "Planned"):
        word = english.split(" ")[0]
        said = t(word) + english[len(word) :]
        assert observed_in_english(said) == english
    assert observed_in_english("Adopted") == "Adopted"
    assert observed_in_english("終了予定") == "終了予定"  # no word of its own: as written


# --- The sites' CSV beside the project CSV: one row per site, its point as numbers ---------

VIEWS = [  # (what the page shows) -> the links' arguments: spec, view, layer
    ("country", ProjectFilter(country=("VNM",), field=("water",)), None, "current"),
    ("several", ProjectFilter(country=("KHM", "LAO")), None, None),
    ("world", ProjectFilter(field=("health",)), "world", None),
    ("japan", ProjectFilter(scheme=("local_government",)), "japan", None),
]


def _parts(body: bytes) -> tuple[dict[str, str], list[dict[str, str]]]:
    head, table = body.decode("utf-8-sig").split("\r\n\r\n", 1)
    return dict(csv.reader(io.StringIO(head))), list(csv.DictReader(io.StringIO(table)))


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
@pytest.mark.parametrize(("name", "spec", "view", "layer"), VIEWS)
def test_every_views_sites_link_gives_its_projects_sites_with_numeric_points(
    client, lang, name, spec, view, layer
):
    from dashboard.i18n import translator

    t = translator(lang)
    csv_link, *_ = export_links(spec, lambda path: path, lang, view, layer)
    link = sites_link(spec, lambda path: path, lang, view, layer)
    assert link.startswith("/export/sites.csv?")
    assert link.split("?", 1)[1] == csv_link.split("?", 1)[1]  # the same filter, view, language
    projects_said, projects = _parts(download_path(client, csv_link))
    answer = client.get(link)
    assert answer.status_code == 200
    assert 'filename="jpp-sites-' in answer.headers["Content-Disposition"]
    said, sites = _parts(answer.data)
    made, key, lon, lat = t("File made"), t("ID"), t("Longitude"), t("Latitude")
    assert {k: v for k, v in said.items() if k != made} == {
        k: v for k, v in projects_said.items() if k != made
    }
    assert [row[key] for row in projects] == list(dict.fromkeys(row[key] for row in sites))
    stored = {p.id: p for p in read_dataset(GEODATA / "projects.json")[0]}
    assert len(sites) == sum(len(stored[row[key]].locations) for row in projects)
    for row in sites:
        float(row[lon]), float(row[lat])  # one number each, never "107.44308; 106.70273"
    several = next((p for p in projects if ";" in p[lon]), None)
    if several:  # the project row keeps its list; each site is a row of its own
        points = [(r[lon], r[lat]) for r in sites if r[key] == several[key]]
        assert len(points) == len(several[lon].split("; "))


def download_path(client, link: str) -> bytes:
    answer = client.get(link)
    assert answer.status_code == 200, answer.data[:300]
    return answer.data


def test_the_sites_csv_refuses_what_the_project_csv_refuses(client):
    answer = client.get("/export/sites.csv?country=VNM&lang=fr")
    assert answer.status_code == 400 and b"lang" in answer.data


def test_a_southern_latitude_is_a_number_not_escaped_text():
    from dashboard.data.exchange.writers import safe_cell

    assert safe_cell("-17.84775") == "-17.84775"
    assert safe_cell("-1+1") == "'-1+1" and safe_cell("-17.8; 178.4") == "'-17.8; 178.4"
    assert safe_cell("-1e3") == "'-1e3" and safe_cell("+1") == "'+1"


PAGE_VIEWS = [  # (path and query of the page, its language): every view with downloads
    ("/?country=VNM&field=water&layer=current", "ja"),
    ("/?country=KHM,LAO", "vi"),
    ("/?view=world&field=health", "en"),
    ("/?view=japan&scheme=local_government", "ja"),
    ("/embed?country=VNM", "vi"),
]


@pytest.mark.browser
@pytest.mark.parametrize(("where", "lang"), PAGE_VIEWS)
def test_each_views_sites_button_gives_the_projects_sites_as_numbers(
    page, live_server, where, lang
):
    """The button beside the CSV carries the CSV's own query, and its file holds a row per
    site of exactly the CSV's projects, longitude and latitude as numbers."""
    import urllib.request

    from dashboard.i18n import translator
    from dashboard.ui import ids

    t = translator(lang)
    page.goto(f"{live_server}{where}&lang={lang}")
    link = page.locator(f"#{ids.EXPORT_SITES_CSV}")
    page.wait_for_function(
        "([a, b]) => { const x = document.querySelector(a), y = document.querySelector(b);"
        " return x && y && x.href.includes('lang=') && x.href.split('?')[1] ==="
        " y.href.split('?')[1]; }",
        arg=[f"#{ids.EXPORT_SITES_CSV}", f"#{ids.EXPORT_CSV}"],
        timeout=30_000,
    )
    assert (link.text_content() or "").strip() == t("Sites (CSV)")
    sites_href = link.get_attribute("href")
    csv_href = page.locator(f"#{ids.EXPORT_CSV}").get_attribute("href")
    assert f"lang={lang}" in sites_href

    def fetch(href: str) -> bytes:
        url = href if href.startswith("http") else live_server + "/" + href.lstrip("./")
        with urllib.request.urlopen(url) as answer:
            return answer.read()

    _, projects = _parts(fetch(csv_href))
    _, sites = _parts(fetch(sites_href))
    key, lon, lat = t("ID"), t("Longitude"), t("Latitude")
    assert projects and [p[key] for p in projects] == list(dict.fromkeys(s[key] for s in sites))
    for row in sites:
        float(row[lon]), float(row[lat])
