"""Downloads a member of staff can use: the rules behind them (file name, columns, headers per
language, the status on the as-of date, the statement of what a file holds, GeoJSON's keys)
and round trips of what the page's buttons give back through ``jpp-map import``."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from openpyxl import load_workbook

from dashboard.api.exports import ExportRequest, Facts, export_file_name, export_options, statement
from dashboard.app import create_app
from dashboard.data import vocab
from dashboard.data.exchange.columns import COLUMNS, DERIVED_COLUMNS, column_for
from dashboard.data.exchange.importer import check_file, import_file, read_dataset
from dashboard.data.exchange.writers import PLAIN, export_bytes, export_columns
from dashboard.data.filters import ProjectFilter, select
from dashboard.data.loading import load_store
from dashboard.data.model import Budget, Location, Partner
from dashboard.data.repository import BoundaryIndex
from dashboard.i18n import LANGUAGES, translator
from dashboard.settings import Settings
from tests.factories import fake_project, fake_store
from tests.test_exchange_import import GEODATA, TODAY, comparable

DAY = date(2026, 12, 6)
MADE = datetime(2026, 12, 6, 8, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def client():
    return create_app(Settings()).server.test_client()


@pytest.fixture(scope="module")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(GEODATA / "boundaries")


def statement_and_table(body: bytes) -> tuple[list[list[str]], list[dict[str, str]]]:
    """A downloaded CSV: the rows above the empty one, and the table below it."""
    text = body.decode("utf-8-sig")
    head, table = text.split("\r\n\r\n", 1)
    return list(csv.reader(io.StringIO(head))), list(csv.DictReader(io.StringIO(table)))


# ---------------------------------------------------------------------------------------------
# The file's name


@pytest.mark.parametrize(
    ("spec", "view", "name"),
    [
        (ProjectFilter(country=("VNM",), field=("water",)), None, "jpp-projects-VNM-water"),
        (ProjectFilter(country=("KHM", "LAO")), None, "jpp-projects-KHM+LAO"),
        (ProjectFilter(), "world", "jpp-projects-world"),
        (ProjectFilter(field=("health", "water")), "japan", "jpp-projects-japan-health+water"),
        (ProjectFilter(), None, "jpp-projects-world"),  # no country is every country
        (
            ProjectFilter(country=("VNM",), status=("ongoing",), budget_min=50_000_000),
            None,
            "jpp-projects-VNM-ongoing-budget50000000-",
        ),
        (ProjectFilter(country=("VNM",), start_from=2015, start_to=2020, q="Huế"), None,
         "jpp-projects-VNM-start2015-2020-search"),
        (ProjectFilter(country=("VNM",), province=tuple(f"VN-{n:02}" for n in range(1, 30))),
         None, "jpp-projects-VNM-filtered"),
    ],
)  # fmt: skip
def test_a_file_is_named_after_what_it_holds(spec, view, name):
    assert export_file_name("xlsx", spec, view, DAY) == f"{name}-2026-12-06.xlsx"


def test_a_file_name_is_safe_in_a_header_and_on_any_disk():
    spec = ProjectFilter(country=("VNM",), partner=("yokohama-waterworks",), q='"; rm -rf /')
    name = export_file_name("csv", spec, None, DAY)
    assert re.fullmatch(r"[A-Za-z0-9+_.-]+", name), name


# ---------------------------------------------------------------------------------------------
# Columns and headers


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_header_in_every_language_reads_back_as_its_column(lang):
    t = translator(lang)
    for column in (*COLUMNS, *DERIVED_COLUMNS):
        assert column_for(t(column.header)) is column, (lang, column.key, t(column.header))


def test_the_derived_columns_come_only_with_what_derives_them():
    keys = [column.key for column in export_columns(PLAIN)]
    assert "status_as_of" not in keys and "provinces_2025" not in keys
    options = export_options(
        *fake_selection(),
        ExportRequest("csv", layer="current"),
        boundary_index(),
        translator("en"),
        MADE,
    )
    keys = [column.key for column in export_columns(options)]
    assert keys.index("provinces_2025") == keys.index("provinces") + 1
    assert keys.index("status_as_of") + 1 == keys.index("as_of") == keys.index("status") - 1
    assert keys.index("budget") + 1 == keys.index("budget_kind") == keys.index("budget_text") - 1


def boundary_index() -> BoundaryIndex:
    return BoundaryIndex.read(GEODATA / "boundaries")


def generated_projects():
    """[GENERATED] records: one with two sites, a budget and both dates; one with none."""
    two_sites = fake_project(
        "GEN-1",
        title="[GENERATED] two sites",
        start="2018-04",
        end="2021-03",
        budget=45_000_000,
        budget_kind="contract",
        partners=(
            Partner("[GENERATED] Proposer NGO", type="ngo", role="proposer", role_stated=True),
            Partner("[GENERATED] City", type="local_government", role="implementer"),
        ),
        locations=(
            Location("VNM", "VN-26", 2, 107.58, 16.46, "Huế"),
            Location("VNM", "VN-HN", 4, 105.85, 21.03),
        ),
    )
    two_sites = replace(two_sites, budget=Budget(45_000_000, "contract", "4,500万円（契約）"))
    bare = fake_project("GEN-2", title="[GENERATED] nothing stated", admin1="VN-SG")
    return [two_sites, bare]


def fake_selection():
    store = fake_store(*generated_projects())
    spec = ProjectFilter(as_of=date(2020, 4, 1))
    return store, select(store, spec), spec


def test_the_status_on_the_as_of_date_and_that_date_are_columns():
    store, selection, spec = fake_selection()
    options = export_options(
        store, selection, spec, ExportRequest("csv", "ja"), boundary_index(), translator("ja"), MADE
    )
    assert options.as_of == date(2020, 4, 1)
    assert options.statuses == {"GEN-1": "ongoing", "GEN-2": "unknown"}
    _, rows = statement_and_table(export_bytes("csv", store.projects, {}, options))
    assert rows[0]["基準日の状況"] == translator("ja").term(vocab.STATUSES, "ongoing")
    assert rows[0]["基準日"] == "2020-04-01"
    later = export_options(
        store,
        selection.__class__(selection.mask, selection.statuses.replace("ongoing", "completed")),
        ProjectFilter(as_of=date(2022, 1, 1)),
        ExportRequest("csv"),
        boundary_index(),
        translator("en"),
        MADE,
    )
    _, rows = statement_and_table(export_bytes("csv", store.projects, {}, later))
    assert (rows[0]["Status on the as-of date"], rows[0]["As of"]) == ("Completed", "2022-01-01")


def test_budget_period_and_organisations_are_filled_and_numbers_are_numbers():
    projects = generated_projects()
    text = export_bytes("csv", projects, {"VN-26": "Thừa Thiên Huế"}).decode("utf-8-sig")
    first, bare = csv.DictReader(io.StringIO(text))
    assert first["Budget (JPY)"] == "45000000"  # a number a spreadsheet sums
    assert first["Budget kind"] == "contract"
    assert first["Budget (source's wording)"] == "4,500万円（契約）"
    assert first["Period"] == "2018-04 – 2021-03"
    assert first["Proposing organisation"] == "[GENERATED] Proposer NGO"
    assert first["Implementing organisation"] == "[GENERATED] City"
    assert first["Longitude"] == "107.58000; 105.85000"  # two sites: the Sites sheet has each
    assert bare["Budget (JPY)"] == bare["Period"] == bare["Proposing organisation"] == ""
    assert float(bare["Longitude"]) and float(bare["Latitude"])  # one site: one number


def test_excel_has_an_autofilter_a_frozen_header_and_a_sheet_of_sites():
    store, selection, spec = fake_selection()
    options = export_options(
        store, selection, spec, ExportRequest("xlsx"), boundary_index(), translator("en"), MADE
    )
    workbook = load_workbook(io.BytesIO(export_bytes("xlsx", store.projects, {}, options)))
    projects, sites, about = workbook.worksheets
    assert [s.title for s in workbook.worksheets] == ["Project list", "Sites", "About this file"]
    for sheet in (projects, sites):
        assert sheet.freeze_panes == "A2"
        assert (
            sheet.auto_filter.ref
            == f"A1:{sheet.cell(1, sheet.max_column).column_letter}{sheet.max_row}"
        )
    header = [cell.value for cell in projects[1]]
    first = dict(zip(header, [cell.value for cell in projects[2]], strict=True))
    assert first["Budget (JPY)"] == 45_000_000 and isinstance(first["Budget (JPY)"], int)
    assert first["As of"].date() == date(2020, 4, 1)
    site_header = [cell.value for cell in sites[1]]
    site_rows = [
        dict(zip(site_header, row, strict=True))
        for row in sites.iter_rows(min_row=2, values_only=True)
    ]
    assert [(row["ID"], row["Longitude"], row["Latitude"]) for row in site_rows] == [
        ("GEN-1", 107.58, 16.46), ("GEN-1", 105.85, 21.03), ("GEN-2", *site_point(store, "GEN-2")),
    ]  # fmt: skip
    assert all(isinstance(row["Location precision"], int) for row in site_rows)
    said = {row[0]: row[1] for row in about.iter_rows(values_only=True)}
    assert said["Status worked out for"] == "1 Apr 2020 (2020-04-01)"
    assert said["File made"] == "2026-12-06 08:30:00 UTC"
    assert said["Number of projects"] == "2"


def site_point(store, project_id):
    location = store.project(project_id).locations[0]
    return location.lon, location.lat


# ---------------------------------------------------------------------------------------------
# The statement of what a file holds


def test_the_statement_says_the_filters_in_words_in_the_pages_language(boundaries):
    spec = ProjectFilter(
        country=("VNM",),
        field=("water",),
        province=("VN-26",),
        budget_min=50_000_000,
        keep_unknown_budget=False,
        as_of=date(2020, 4, 1),
    )
    facts = Facts(date(2020, 4, 1), DAY, "abc", MADE, 3)
    rows = dict(
        statement(
            spec, ExportRequest("xlsx", "ja", layer="current"), facts, boundaries, translator("ja")
        )
    )
    ja = translator("ja")
    assert rows[ja("JICA Partnership Program projects")] == (
        "ベトナム; " + ja("Viet Nam's provinces in force since 1 July 2025")
    )
    filters = rows[ja("Filters")]
    for words in (
        ja.term(vocab.FIELDS, "water"),
        ja.yen(50_000_000),
        ja("projects that state none are left out"),
    ):
        assert words in filters, (words, filters)
    assert "VN-26" in filters
    assert rows[ja("Status worked out for")] == "2020年4月1日 (2020-04-01)"
    assert rows[ja("Data dated")].startswith("2026年12月6日 (2026-12-06)")
    every = dict(
        statement(
            ProjectFilter(), ExportRequest("csv", view="japan"), facts, boundaries, translator("en")
        )
    )
    assert every["Filters"] == "none: every project"
    assert every["JICA Partnership Program projects"].startswith("The view from Japan")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_label_of_the_statement_is_read_as_a_column(boundaries, lang):
    facts = Facts(DAY, None, "abc", MADE, 0)
    rows = statement(
        ProjectFilter(), ExportRequest("csv", lang), facts, boundaries, translator(lang)
    )
    assert [label for label, _ in rows if column_for(label)] == []


# ---------------------------------------------------------------------------------------------
# What the page's buttons give, back through the importer


def download(client, fmt: str, query: str) -> bytes:
    answer = client.get(f"/export/projects.{fmt}?{query}")
    assert answer.status_code == 200, answer.data[:300]
    return answer.data


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "geojson"])
@pytest.mark.parametrize("lang", ["ja", "vi"])
def test_a_download_in_any_language_imports_back_to_the_same_records(
    client, tmp_path, geodata, places, fmt, lang
):
    """The whole dataset as the world overview's button gives it, with the 2025 layer's
    column: headers in the page's language, the statement above or beside the table."""
    query = f"view=world&lang={lang}&layer=current&as_of=2020-04-01"
    path = tmp_path / f"download.{fmt}"
    path.write_bytes(download(client, fmt, query))
    outcome = import_file(path, geodata, places, today=TODAY)
    assert not outcome.has_errors, [p.text() for p in outcome.problems if p.severity == "error"][:5]
    assert not [p for p in outcome.problems if "not recognised" in p.message]
    original = list(load_store(GEODATA / "projects.json").projects)
    back, _ = read_dataset(geodata / "projects.json")
    assert [p.id for p in back] == [p.id for p in original]
    for before, after in zip(original, back, strict=True):
        assert comparable(after) == comparable(before), before.id
        assert (
            "基準日の状況" not in after.original
            and "Tình trạng vào ngày tham chiếu" not in after.original
        )


def test_the_csv_statement_comes_first_and_the_importer_finds_the_table(client, tmp_path, places):
    body = download(client, "csv", "country=VNM&field=water&lang=ja")
    head, rows = statement_and_table(body)
    assert head[0][0] == translator("ja")("JICA Partnership Program projects")
    assert [row["ID"] for row in rows] == ids(client, "country=VNM&field=water")
    path = tmp_path / "water.csv"
    path.write_bytes(body)
    outcome = check_file(path, places, TODAY)
    assert len(outcome.accepted) == len(rows) and not outcome.has_errors


def ids(client, query: str) -> list[str]:
    return [p["id"] for p in client.get(f"/api/projects?{query}").json["projects"]]


def test_every_row_says_the_status_the_api_derives_for_its_as_of_date(client):
    for as_of in ("2015-01-01", "2020-04-01"):
        _, rows = statement_and_table(download(client, "csv", f"country=VNM&as_of={as_of}"))
        api = client.get(f"/api/projects?country=VNM&as_of={as_of}").json["projects"]
        labels = {term.key: term.label_en for term in vocab.STATUSES}
        assert [(row["ID"], row["Status on the as-of date"], row["As of"]) for row in rows] == [
            (p["id"], labels[p["status"]], as_of) for p in api
        ]


def test_the_2025_layer_puts_each_site_in_its_new_province(client, boundaries):
    _, rows = statement_and_table(download(client, "csv", "country=VNM&layer=current"))
    filled = 0
    for row in rows:
        old = re.findall(r"\((VN-[A-Z0-9]+)\)", row["Provinces"])
        new = re.findall(r"\((VN-2025-\d+)\)", row["Provinces (2025)"])
        if old:
            assert len(new) == len(old), row["ID"]
            assert all(o in boundaries.formed_from[n] for o, n in zip(old, new, strict=True))
            filled += 1
    assert filled > 0
    _, plain = statement_and_table(download(client, "csv", "country=VNM"))
    assert "Provinces (2025)" not in plain[0]


def test_geojson_keys_are_machine_keys_and_numbers_are_numbers(client):
    documents = {
        lang: json.loads(download(client, "geojson", f"country=VNM&lang={lang}&layer=current"))
        for lang in LANGUAGES
    }
    keys = {lang: list(doc["features"][0]["properties"]) for lang, doc in documents.items()}
    assert keys["en"] == keys["ja"] == keys["vi"]
    assert all(re.fullmatch(r"[a-z0-9_]+", key) for key in keys["en"]), keys["en"]
    for feature in documents["en"]["features"]:
        properties = feature["properties"]
        assert [properties["lon"], properties["lat"]] == feature["geometry"]["coordinates"]
        assert isinstance(properties["precision"], int)
        assert properties["budget_yen"] is None or isinstance(properties["budget_yen"], int)
        assert properties["status_as_of"] in vocab.keys(vocab.STATUSES)
    member = documents["ja"]["export"]
    assert (member["lang"], member["layer"], member["query"]) == ("ja", "current", "country=VNM")


@pytest.mark.parametrize(
    "query", ["view=nowhere", "layer=2030", "lang=fr", "view=world&view=japan"]
)
def test_a_bad_view_layer_or_language_is_400_naming_it(client, query):
    answer = client.get(f"/export/projects.csv?{query}")
    assert answer.status_code == 400
    assert answer.json["error"]["parameter"] == query.split("=")[0]


def test_the_answer_names_its_file(client):
    answer = client.get("/export/projects.xlsx?country=LAO&field=agriculture&as_of=2020-04-01")
    assert answer.headers["Content-Disposition"] == (
        'attachment; filename="jpp-projects-LAO-agriculture-2020-04-01.xlsx"'
    )
    japan = client.get("/export/projects.csv?view=japan&lang=ja&as_of=2020-04-01")
    assert 'filename="jpp-projects-japan-2020-04-01.csv"' in japan.headers["Content-Disposition"]


def test_a_range_too_large_for_cldr_is_written_as_digits(client, boundaries):
    """The API takes any whole number (the fuzz tests send 40 digits); Babel cannot format it."""
    huge = 10**40
    facts = Facts(DAY, None, "abc", MADE, 0)
    spec = ProjectFilter(budget_max=huge, duration_max=huge)
    rows = dict(statement(spec, ExportRequest("csv"), facts, boundaries, translator("ja")))
    assert str(huge) in rows[translator("ja")("Filters")]
    for fmt in ("csv", "xlsx", "geojson"):
        assert client.get(f"/export/projects.{fmt}?budget_max={huge}").status_code == 200
