"""Current and complete, said plainly: the data's date and version, the coverage line, the
About page and the reporting address; each rule on small hand-made records, and the API and
the pages on a generated dataset whose statuses on a fixed date are known."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from datetime import date

import pytest

from dashboard.app import create_app
from dashboard.data.provenance import Coverage, coverage_of, data_date, data_version
from dashboard.i18n import translator
from dashboard.i18n.provenance import coverage_text, data_date_text, day_text
from dashboard.settings import Settings, feedback_url
from dashboard.ui import ids
from dashboard.ui.about.page import AboutData, about_page

from .factories import fake_project, fake_store
from .provenance_data import AS_OF, CURATED_ON, PROJECTS, STATUSES, write_geodata

# --- the rules, on hand-made records ---------------------------------------------------------


def test_coverage_is_counted_from_the_records():
    laos = replace(fake_project("L1", country="LAO", admin1=None), countries=("LAO",))
    both = replace(fake_project("B1"), countries=("VNM", "LAO"))
    assert coverage_of([fake_project("V1"), fake_project("V2"), laos, both]) == Coverage(
        projects=4, countries=2, viet_nam=3
    )
    assert coverage_of([]) == Coverage(0, 0, 0)
    assert fake_store(fake_project("V1"), laos).coverage == Coverage(2, 2, 1)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "3 projects in 2 countries; the programme runs in about 90. JICA reports 143 JPP "
            "projects in Viet Nam from 2002 to April 2020; this dataset has 1 of them.",
        ),
        (
            "ja",
            "2か国の3件を掲載（本事業の実施国は約90か国）。JICAによるとベトナムでは2002年から"
            "2020年4月までに143件のJPP事業があり、このデータにはそのうち1件が含まれています。",
        ),
        (
            "vi",
            "3 dự án tại 2 quốc gia; chương trình được triển khai tại khoảng 90 nước. Theo JICA, "
            "Việt Nam có 143 dự án JPP từ năm 2002 đến tháng 4 năm 2020; dữ liệu này có 1 dự án "
            "trong số đó.",
        ),
    ],
)
def test_the_coverage_line_in_each_language(lang, expected):
    assert (
        coverage_text(Coverage(projects=3, countries=2, viet_nam=1), translator(lang)) == expected
    )


def test_the_coverage_line_says_one_project_and_one_country_in_the_singular():
    line = coverage_text(Coverage(projects=1, countries=1, viet_nam=1), translator("en"))
    assert line.startswith("1 project in 1 country;")
    # Thousands are grouped; years are never ("2002", not "2,002" nor "2.002").
    vi = coverage_text(Coverage(projects=1234, countries=3, viet_nam=0), translator("vi"))
    assert vi.startswith("1.234 dự án") and "năm 2002" in vi


def test_the_data_date_is_the_later_of_curation_and_import():
    assert data_date({"curated_on": "2026-11-22"}) == date(2026, 11, 22)
    assert data_date({"curated_on": "2026-11-22", "imported_on": "2026-12-06"}) == date(2026, 12, 6)
    assert data_date({"curated_on": "2026-12-06", "imported_on": "2026-01-02"}) == date(2026, 12, 6)
    assert data_date({"curated_on": "not a date", "generated": "x"}) is None
    assert data_date({}) is None


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("en", "Data as of 6 Dec 2026"),
        ("ja", "データ：2026年12月6日現在"),
        ("vi", "Dữ liệu tính đến 6 thg 12, 2026"),
    ],
)
def test_the_data_date_in_each_language(lang, expected):
    t = translator(lang)
    assert data_date_text(date(2026, 12, 6), t) == expected
    assert data_date_text(None, t) == t("Data date not stated")


def test_english_dates_are_day_first():
    assert day_text(date(2026, 1, 2), translator("en")) == "2 Jan 2026"


def test_the_version_names_the_content_not_where_it_is_kept():
    projects = [fake_project("A"), fake_project("B")]
    meta = {"curated_on": "2026-11-22", "research_table": "x.csv"}
    version = data_version(projects, meta)
    assert re.fullmatch(r"[0-9a-f]{12}", version)
    # Other metadata (a file name, a note) is not the data; a date, a record or an order is.
    assert data_version(projects, {"curated_on": "2026-11-22"}) == version
    assert data_version(projects, {"curated_on": "2026-11-23"}) != version
    assert data_version(projects[::-1], meta) != version
    assert data_version([projects[0], fake_project("B", budget=1)], meta) != version


@pytest.mark.parametrize(
    "value",
    [
        "mailto:jpp-map@example.org",
        "mailto:jpp-map@example.org?subject=JPP%20map",
        "https://example.org/report",
        "https://forms.example.org/jpp?id=3",
    ],
)
def test_a_feedback_address_is_mailto_or_https(value):
    assert feedback_url(value) == value
    assert Settings.from_env({"JPP_FEEDBACK_URL": f" {value} "}).feedback_url == value


@pytest.mark.parametrize(
    "value",
    [
        "javascript:alert(1)",
        "http://example.org/report",
        "jpp-map@example.org",
        "mailto:nobody",
        "https://",
        "https://exa mple.org/",
        "data:text/html,hi",
        "//example.org/x",
    ],
)
def test_anything_else_is_ignored_with_a_warning(value, caplog):
    with caplog.at_level(logging.WARNING, logger="dashboard.settings"):
        assert feedback_url(value) is None
    assert "JPP_FEEDBACK_URL ignored" in caplog.text
    assert feedback_url("") is None and feedback_url(None) is None


def about_html(lang: str, feedback: str | None) -> str:
    data = AboutData(date(2026, 12, 6), "0123456789ab", Coverage(3, 2, 1))
    return about_page(data, translator(lang), feedback_url=feedback, stylesheets=["/s.css"])


def test_the_about_page_links_the_operators_address_or_says_whom_to_ask():
    with_address = about_html("en", "mailto:jpp-map@example.org")
    assert '<a href="mailto:jpp-map@example.org" id="feedback-link">jpp-map@example.org</a>' in (
        with_address
    )
    assert "feedback-none" not in with_address
    without = about_html("en", None)
    assert "feedback-link" not in without and 'id="feedback-none"' in without
    assert "whoever runs this site" in without
    assert "@" not in without  # no address invented


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_the_about_page_in_each_language(lang):
    t = translator(lang)
    page = about_html(lang, None)
    assert f'<html lang="{lang}">' in page
    assert "<script" not in page  # the CSP allows no inline script; the page needs none
    assert data_date_text(date(2026, 12, 6), t) in page
    assert coverage_text(Coverage(3, 2, 1), t) in page
    assert "Natural Earth" in page and "GeoNames" in page
    for heading in ("Where the facts come from", "Licences", "Report an error"):
        assert t(heading) in page
    if lang != "en":
        assert "Where the facts come from" not in page


# --- the app on a generated dataset ------------------------------------------------------------


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    geodata = write_geodata(tmp_path_factory.mktemp("provenance") / "geodata")
    app = create_app(Settings(geodata_dir=geodata, feedback_url="https://example.org/report"))
    return app.server.test_client()


def test_the_api_says_which_projects_are_ongoing_on_a_given_date(client):
    answer = client.get(f"/api/projects?as_of={AS_OF}").json
    assert answer["as_of"] == "2020-04-01"
    assert {p["id"]: p["status"] for p in answer["projects"]} == STATUSES
    ongoing = client.get(f"/api/projects?as_of={AS_OF}&status=ongoing").json
    assert [p["id"] for p in ongoing["projects"]] == ["T-ONGOING", "T-LAO"]
    later = client.get("/api/projects?as_of=2023-01-01&country=VNM").json
    assert {p["id"]: p["status"] for p in later["projects"]}["T-ONGOING"] == "completed"


def test_every_api_answer_names_its_data(client):
    answer = client.get("/api/projects?country=LAO").json
    assert answer["count"] == 1  # the filter selects; the coverage is the whole dataset's
    data = answer["data"]
    assert data["date"] == CURATED_ON
    assert data["version"] == data_version(PROJECTS, {"curated_on": CURATED_ON})
    assert data["coverage"] == {"projects": 4, "countries": 2, "viet_nam_projects": 3}
    assert data["programme"]["viet_nam_projects"] == 143
    assert data["statement"] == {
        "lang": "en",
        "date": "Data as of 6 Dec 2026",
        "coverage": coverage_text(Coverage(4, 2, 3), translator("en")),
    }
    ja = client.get("/api/projects?lang=ja").json["data"]["statement"]
    assert ja["date"] == "データ：2026年12月6日現在"
    geojson = client.get("/api/projects.geojson?lang=vi").json
    assert geojson["type"] == "FeatureCollection" and len(geojson["features"]) == 4
    assert geojson["data"]["statement"]["date"] == "Dữ liệu tính đến 6 thg 12, 2026"
    for path in ("/api/projects.csv", "/export/projects.xlsx", "/api/projects"):
        response = client.get(path)
        assert response.headers["X-Data-Version"] == data["version"], path
        assert response.headers["X-Data-Date"] == CURATED_ON, path
    bad = client.get("/api/projects?lang=fr")
    assert bad.status_code == 400 and bad.json["error"]["parameter"] == "lang"


def test_healthz_names_the_data(client):
    health = client.get("/healthz").json
    assert health["data_date"] == CURATED_ON
    assert health["data_version"] == client.get("/api/projects").json["data"]["version"]


@pytest.mark.parametrize("lang", ["en", "ja", "vi"])
def test_every_page_carries_the_date_and_the_coverage(client, lang):
    t = translator(lang)
    layout = json.dumps(client.get(f"/_dash-layout?lang={lang}").json, ensure_ascii=False)
    assert data_date_text(date(2026, 12, 6), t) in layout
    assert coverage_text(Coverage(4, 2, 3), t) in layout
    assert f'"id": "{ids.ABOUT_LINK}"' in layout and f'"href": "/about?lang={lang}"' in layout
    about = client.get(f"/about?lang={lang}")
    assert about.status_code == 200 and about.mimetype == "text/html"
    body = about.get_data(as_text=True)
    assert data_date_text(date(2026, 12, 6), t) in body
    assert 'href="https://example.org/report"' in body
    assert "script-src" in about.headers["Content-Security-Policy"]
