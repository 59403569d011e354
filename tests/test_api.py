"""The HTTP API on the real dataset: exact answers, and a 400 naming the parameter."""

from __future__ import annotations

import csv
import io
import re

import pytest
from openpyxl import load_workbook

from dashboard.app import create_app
from dashboard.settings import Settings


@pytest.fixture(scope="module")
def client():
    app = create_app(Settings())
    return app.server.test_client()


def ids(client, query: str) -> list[str]:
    # Every project the filter selects: one page of the most the API gives (default 100).
    query = f"{query}{'&' if query else '?'}limit=1000"
    response = client.get(f"/api/projects{query}")
    assert response.status_code == 200, response.json
    body = response.json
    assert body["count"] == len(body["projects"])
    return [project["id"] for project in body["projects"]]


def test_healthz_counts_the_projects(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {
        "status": "ok",
        "projects": 154,
        "data_version": response.json["data_version"],
        "data_date": "2026-12-06",  # projects.json's curated_on
    }
    assert re.fullmatch(r"[0-9a-f]{12}", response.json["data_version"])


def test_search_finds_the_yokohama_projects(client):
    assert ids(client, "?q=Yokohama") == ["VN01", "VN02", "VN03", "VN04", "VN13", "PY01", "PY02"]
    assert ids(client, "?q=yokohama&country=VNM") == ["VN01", "VN02", "VN03", "VN04", "VN13"]


def test_search_in_japanese(client):
    # One organisation, however its sources spell it: VN02's says "Yokohama City
    # Waterworks Bureau", VN01's 横浜市水道局.
    assert ids(client, "?q=横浜市水道局") == ["VN01", "VN02"]


def test_a_partner_is_found_by_any_of_its_names(client):
    assert ids(client, "?q=横浜") == ids(client, "?q=Yokohama")
    assert ids(client, "?q=Yokohama City Waterworks Bureau") == ["VN01", "VN02"]


def test_province_filter_finds_the_yokohama_hue_water_project(client):
    assert ids(client, "?province=VN-26") == ["VN01", "VN02", "VN45", "VN46", "VN57", "VN66"]
    assert ids(client, "?province=VN-26&field=water") == ["VN01", "VN02"]


def test_a_province_in_force_since_2025_selects_the_projects_of_those_it_was_formed_from(client):
    """Viet Nam's 34 (the map's 2025 layer): Huế is the old Thừa Thiên Huế; Da Nang took in
    Quảng Nam. The API answers for them as for the provinces the projects were placed on."""
    assert ids(client, "?province=VN-2025-46") == ids(client, "?province=VN-26")
    da_nang = ids(client, "?province=VN-2025-48")
    assert sorted(da_nang) == sorted(set(ids(client, "?province=VN-27,VN-DN")))
    assert da_nang  # the dataset has projects there
    assert ids(client, "?province=vn-2025-46&field=water") == ids(
        client, "?province=VN-26&field=water"
    )
    # Old and new together: each project once.
    assert ids(client, "?province=VN-2025-46,VN-26") == ids(client, "?province=VN-26")
    response = client.get("/api/projects?province=VN-2025-99")
    assert response.status_code == 400
    assert response.json["error"]["parameter"] == "province"
    assert "VN-2025-46" in client.get("/api/openapi.json").get_data(as_text=True)


def test_repeated_parameter_is_or_and_facets_are_and(client):
    water = ids(client, "?country=VNM&field=water")
    health = ids(client, "?country=VNM&field=health")
    both = ids(client, "?country=VNM&field=water&field=health")
    assert len(water) == 15
    assert sorted(both) == sorted(set(water) | set(health))
    assert ids(client, "?country=VNM&field=water,health") == both


def test_countries(client):
    assert len(ids(client, "")) == 154
    assert len(ids(client, "?country=VNM")) == 67
    assert ids(client, "?country=MYS") == ["VN09", "VN14", "MY01", "MY02"]
    assert ids(client, "?country=vnm") == ids(client, "?country=VNM")


def test_status_as_of(client):
    # VN04 ran 2017-09 (planned) to 2022-12, VN33 2017-11 to about 2020-10.
    assert ids(client, "?country=VNM&status=ongoing&as_of=2020-04-01") == [
        "VN04", "VN33", "VN48", "VN65",
    ]  # fmt: skip
    # VN49 ran "4 yrs 8 months" from 2022-02: to about 2026-09.
    assert ids(client, "?country=VNM&status=ongoing&as_of=2026-06-01") == ["VN49"]
    assert ids(client, "?country=VNM&status=ongoing&as_of=2026-11-22") == []
    # SV01 ran 2022-12 to 2025-11; its "Completed" is inferred, so the dates decide.
    assert client.get("/api/projects?q=SV01&as_of=2026-11-22").json["projects"][0]["status"] == (
        "completed"
    )
    # The third research pass: what runs in December 2026.
    assert ids(client, "?status=ongoing&as_of=2026-12-06") == ["ZM03", "BT04", "LA09"]


def test_budget_range_keeps_unknown_unless_excluded(client):
    stated = ids(client, "?budget_min=40000000&unknown_budget=exclude")
    assert stated == ["VN02", "VN04", "VN10", "VN11", "VN25", "ID02", "KH02", "LA03", "PY01"]
    with_unknown = ids(client, "?budget_min=40000000")
    # 129 research rows state no budget; 2 state one year's contract and 1 an upper bound:
    # none of these is a total, so all 132 count as "budget not stated".
    assert len(with_unknown) == len(stated) + 132


def test_start_years(client):
    query = "?country=VNM&start_from=2003&start_to=2003&unknown_start=exclude"
    assert ids(client, query) == ["VN01", "VN39"]  # FY2003 and 2003-07


def test_record_carries_every_attribute(client):
    record = client.get("/api/projects?q=VN01").json["projects"][0]
    for key in ("id", "title_en", "title_ja", "partners", "fields", "scheme", "start", "end"):
        assert key in record
    assert record["status"] == "completed"
    assert record["budget_yen"] is None
    assert record["locations"][0]["admin1_name"] == "Thừa Thiên Huế"
    assert record["sources"] == [
        "https://www.city.yokohama.lg.jp/kurashi/sumai-kurashi/suido-gesui/suido/torikumi/koken/"
        "fue-project.html"
    ]


def test_geojson_is_a_feature_collection_of_locations(client):
    response = client.get("/api/projects.geojson?province=VN-26")
    assert response.status_code == 200
    assert response.mimetype == "application/geo+json"
    collection = response.json if response.is_json else __import__("json").loads(response.data)
    assert collection["type"] == "FeatureCollection"
    assert {f["properties"]["id"] for f in collection["features"]} >= {"VN01", "VN02"}
    assert all(f["geometry"]["type"] == "Point" for f in collection["features"])


def test_csv_opens_in_excel_with_japanese(client):
    response = client.get("/api/projects.csv?q=VN01")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.data.startswith(b"\xef\xbb\xbf")  # UTF-8 byte-order mark for Excel
    rows = list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert [row["ID"] for row in rows] == ["VN01"]
    assert rows[0]["Provinces"] == "Thừa Thiên Huế (VN-26)"
    assert rows[0]["Start"] == "FY2003"
    assert rows[0]["Partners"] == "Yokohama Waterworks Bureau"
    assert rows[0]["Partner names (Japanese)"] == "横浜市水道局"


def export_rows(body: bytes) -> list[dict[str, str]]:
    """A download's CSV table: below the statement of what it holds and the empty row after
    it (the API's own CSV has none: its first line is the header)."""
    text = body.decode("utf-8-sig")
    lines = text.split("\r\n\r\n", 1)
    table = lines[1] if len(lines) == 2 and not text.startswith("ID,") else text
    return list(csv.DictReader(io.StringIO(table)))


def test_downloads_hold_exactly_the_filtered_projects(client):
    expected = ids(client, "?country=VNM&field=water")
    csv_body = client.get("/export/projects.csv?country=VNM&field=water").data
    assert [row["ID"] for row in export_rows(csv_body)] == expected
    workbook = client.get("/export/projects.xlsx?country=VNM&field=water")
    name = re.fullmatch(
        r'attachment; filename="jpp-projects-VNM-water-(\d{4}-\d\d-\d\d)\.xlsx"',
        workbook.headers["Content-Disposition"],
    )
    assert name, workbook.headers["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(workbook.data)).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == expected
    features = client.get("/export/projects.geojson?country=VNM&field=water").json["features"]
    assert sorted({f["properties"]["id"] for f in features}) == sorted(expected)
    plain = client.get("/api/projects.csv?country=VNM&field=water").data.decode("utf-8-sig")
    assert plain.startswith("ID,")  # for programs: the header first, no statement


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("?colour=red", "colour", "unknown parameter"),
        ("?field=fishing", "field", "unknown value 'fishing'"),
        ("?country=XXX", "country", "unknown value 'XXX'"),
        ("?budget_min=abc", "budget_min", "'abc' is not a whole number"),
        ("?budget_min=5&budget_max=1", "budget_min", "budget_min is greater than budget_max"),
        ("?budget_max=-1", "budget_max", "must not be negative"),
        ("?as_of=2020-13-01", "as_of", "'2020-13-01' is not a real date"),
        ("?as_of=2024", "as_of", "'2024' is not a day, a month or a fiscal year"),
        ("?province=VN-99", "province", "unknown province 'VN-99' (an ISO 3166-2 code)"),
        ("?start_from=2020&start_to=2010", "start_from", "start_from is greater than start_to"),
        ("?status=finished", "status", "unknown value 'finished'"),
        ("?unknown_budget=maybe", "unknown_budget", "use include or exclude"),
        ("?as_of=2020-01-01&as_of=2021-01-01", "as_of", "give it once"),
    ],
)
def test_bad_parameters_answer_400_naming_them(client, query, parameter, message):
    for path in ("/api/projects", "/api/projects.geojson", "/api/projects.csv"):
        response = client.get(path + query)
        assert response.status_code == 400
        error = response.json["error"]
        assert error["parameter"] == parameter
        assert error["message"].startswith(message)


def test_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/nothing-here")
    assert response.status_code == 404
    assert "error" in response.json


def test_boundaries_are_served_compressed_and_cacheable(client):
    response = client.get(
        "/geodata/boundaries/admin1/VNM.geojson", headers={"Accept-Encoding": "gzip"}
    )
    assert response.status_code == 200
    assert response.headers["Content-Encoding"] == "gzip"
    assert "max-age=86400" in response.headers["Cache-Control"]
    assert response.headers.get("ETag")
    assert len(response.data) < 200_000


def test_page_and_assets_come_from_the_app(client):
    html = client.get("/").data.decode()
    assert '<html lang="en">' in html
    assert "/vendor/bootstrap/css/bootstrap.min.css" in html
    assert "https://" not in html.split("<body")[0]  # nothing from a CDN in the head
    assert client.get("/vendor/bootstrap/css/bootstrap.min.css").status_code == 200


def test_partner_type_scheme_and_duration(client):
    assert ids(client, "?country=VNM&partner_type=university") == [
        "VN11", "VN22", "VN23", "VN24", "VN47", "VN61", "VN62", "VN64", "VN65",
    ]  # fmt: skip
    assert len(ids(client, "?country=VNM&scheme=partner")) == 17
    assert ids(client, "?country=VNM&duration_min=49&unknown_duration=exclude") == [
        "VN04",
        "VN48",
        "VN49",
    ]
    assert ids(client, "?country=VNM&budget_max=15000000&unknown_budget=exclude") == [
        "VN38",
        "VN55",
    ]
    # TH02's prefecture is not named, but its type is stated: the facet still finds it.
    assert ids(client, "?country=THA&partner_type=local_government") == [
        "TH01",
        "TH02",
        "TH03",
        "TH05",
    ]


def test_search_covers_province_names(client):
    assert ids(client, "?q=yen bai") == ["VN39", "VN40", "VN41"]
    assert ids(client, "?q=Yên Bái") == ["VN39", "VN40", "VN41"]


def test_country_wide_locations_have_no_point(client):
    features = client.get("/api/projects.geojson?q=WS01").json["features"]
    assert [(f["properties"]["precision"], f["geometry"]) for f in features] == [(6, None)]


def test_which_sites_may_embed_the_map_is_configured():
    def frame_ancestors(response) -> str:
        # The last directive of the policy (the rest: tests/test_security.py).
        policy = response.headers["Content-Security-Policy"].split("; ")
        assert policy[-1].startswith("frame-ancestors ")
        return policy[-1]

    default = create_app(Settings()).server.test_client().get("/embed")
    assert frame_ancestors(default) == "frame-ancestors *"
    settings = Settings.from_env({"JPP_FRAME_ANCESTORS": "https://www.jica.go.jp 'self'"})
    configured = create_app(settings).server.test_client().get("/embed")
    assert configured.status_code == 200
    assert frame_ancestors(configured) == "frame-ancestors https://www.jica.go.jp 'self'"


def test_partner_by_organisation_key(client):
    # Every project of Yokohama's waterworks bureau, however the source spells it.
    assert ids(client, "?partner=yokohama-waterworks") == ["VN01", "VN02"]
    assert ids(client, "?partner=miyagi-prefecture") == ["MW01", "CN04", "MW02", "MW03", "BR01"]
    assert ids(client, "?partner=yokohama-city,yokohama-waterworks") == [
        "VN01", "VN02", "VN03", "VN13",
    ]  # fmt: skip
    assert ids(client, "?partner=no-such-organisation") == []
    response = client.get("/api/projects?partner=Yokohama City")
    assert response.status_code == 400
    assert response.json["error"]["parameter"] == "partner"
    partners = client.get("/api/projects?q=VN02").json["projects"][0]["partners"]
    assert partners[0]["org"] == "yokohama-waterworks"
    assert "Yokohama City Waterworks Bureau" in partners[0]["aliases"]


@pytest.mark.parametrize("view", ["WORLD", "JAPAN", "VNM", "LAO"])
def test_every_download_of_every_view_gives_what_is_shown(client, view):
    """The page's download links, as each view makes them, answer with its projects."""
    from datetime import date

    from dashboard.data.summaries import summarise
    from dashboard.ui.filter_panel.controls import default_values, filter_from_controls
    from dashboard.ui.summary_panel.rules import export_links

    today = date(2026, 12, 6)
    spec = filter_from_controls({"country": view, **default_values(today), "fields": ["water"]})
    shown = summarise(*client.application.extensions["jpp_repository"].select(spec)).count
    csv_link, xlsx_link, geojson_link = export_links(spec, lambda path: path)
    answer = client.get(csv_link)
    assert answer.status_code == 200, answer.data[:200]
    rows = export_rows(answer.data)
    assert len(rows) == shown > 0
    for link in (xlsx_link, geojson_link):
        assert client.get(link).status_code == 200


def test_an_empty_dataset_is_answered_not_a_server_error(tmp_path):
    """A dataset of no projects (a hand edit, another writer): every answer, no 500."""
    import shutil

    from dashboard import REPO_ROOT

    geodata = tmp_path / "geodata"
    shutil.copytree(REPO_ROOT / "geodata" / "boundaries", geodata / "boundaries")
    (geodata / "projects.json").write_text('{"projects": []}', encoding="utf-8")
    empty = create_app(Settings(geodata_dir=geodata)).server.test_client()
    for path in (
        "/api/projects",
        "/api/projects?status=ongoing&budget_min=1",
        "/api/projects.geojson",
        "/api/projects.csv",
        "/export/projects.csv",
        "/export/projects.xlsx",
        "/export/projects.geojson",
        "/healthz",
        "/",
        "/about",
    ):
        assert empty.get(path).status_code == 200, path
    assert empty.get("/api/projects").json["count"] == 0
