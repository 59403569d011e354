"""The PostGIS backend against a real PostgreSQL 15 + PostGIS 3 server (tests/pg_cluster.py).

The database must give the app exactly what geodata/projects.json gives: the same records,
the same API answers; imports are one transaction; the PostGIS columns agree with the file.
"""

from __future__ import annotations

import csv
import io
from dataclasses import replace

import psycopg
import pytest

from dashboard import REPO_ROOT
from dashboard.app import create_app
from dashboard.cli import main as cli
from dashboard.data.postgis import PostgisSource, migrate
from dashboard.data.repository import BoundaryIndex, Repository
from dashboard.data.sources import FileSource, SourceUnavailable
from dashboard.settings import Settings
from tests.factories import DATASET_SIZE, default_dataset_size
from tests.pg_cluster import postgres  # noqa: F401  (the session's server)

GEODATA = REPO_ROOT / "geodata"


@pytest.fixture(scope="module")
def database(postgres, monkeypatch_module) -> str:  # noqa: F811
    """A database loaded from geodata/projects.json with `jpp-map db-load`."""
    url = postgres.create_database("jpp_backend")
    monkeypatch_module.setenv("DATABASE_URL", url)
    assert cli(["db-load"]) == 0
    return url


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def counts(url: str) -> tuple[int, int, int, int]:
    with psycopg.connect(url) as conn:
        return conn.execute(
            "SELECT (SELECT version FROM jpp_dataset), (SELECT count(*) FROM projects),"
            " (SELECT count(*) FROM project_locations), (SELECT count(*) FROM project_partners)"
        ).fetchone()


def test_db_load_stores_every_project_whole(database, capsys):
    capsys.readouterr()
    assert cli(["db-load"]) == 0  # loading again replaces, it does not add
    host = psycopg.conninfo.conninfo_to_dict(database)["host"]
    assert capsys.readouterr().out == (
        f"{DATASET_SIZE} projects stored in database jpp_backend on {host} (version 2)\n"
    )
    records = FileSource(GEODATA / "projects.json").load().projects
    assert counts(database)[1:] == (
        DATASET_SIZE,
        sum(len(p.locations) for p in records),
        sum(len(p.partners) for p in records),
    )
    from_file = FileSource(GEODATA / "projects.json").load()
    from_db = PostgisSource(database).load()
    assert from_db.projects == from_file.projects  # every field of every record, in order
    assert from_db.meta == from_file.meta
    assert migrate(database) == []  # the schema is there already


def test_the_query_columns_say_what_the_records_say(database):
    with psycopg.connect(database) as conn:
        rows = conn.execute(
            "SELECT id, countries, fields, scheme, start_earliest, end_latest, budget_yen"
            " FROM projects ORDER BY position"
        ).fetchall()
        sites = conn.execute(
            "SELECT project_id, admin1, ST_X(geom), ST_Y(geom), precision"
            " FROM project_locations ORDER BY project_id, seq"
        ).fetchall()
        partners = conn.execute(
            "SELECT project_id, name, type, role FROM project_partners ORDER BY project_id, seq"
        ).fetchall()
    projects = FileSource(GEODATA / "projects.json").load().projects
    assert rows == [
        (
            p.id,
            list(p.countries),
            list(p.fields),
            p.scheme,
            p.start.earliest if p.start else None,
            p.end.latest if p.end else None,
            p.budget.yen if p.budget else None,
        )
        for p in projects
    ]
    by_id = sorted(projects, key=lambda p: p.id)
    assert sites == [
        (p.id, loc.admin1, loc.lon, loc.lat, loc.precision) for p in by_id for loc in p.locations
    ]
    assert partners == [(p.id, x.name, x.type, x.role) for p in by_id for x in p.partners]


def test_the_api_answers_the_same_from_the_database(database):
    from_file = create_app(Settings()).server.test_client()
    from_db = create_app(Settings(database_url=database)).server.test_client()
    queries = [
        "/api/projects",
        "/api/projects?country=VNM&field=water&field=health",
        "/api/projects?q=Yokohama",
        "/api/projects?as_of=2020-04-01&status=ongoing",
        "/api/projects?budget_min=50000000&unknown_budget=exclude",
        "/api/projects.geojson?country=LAO",
        "/export/projects.csv?province=VN-26",
        "/export/projects.geojson?partner_type=local_government",
    ]
    for query in queries:
        expected, answer = from_file.get(query), from_db.get(query)
        assert (answer.status_code, answer.data) == (200, expected.data), query
    ids = [p["id"] for p in from_db.get("/api/projects?q=Yokohama").json["projects"]]
    assert ids == ["VN01", "VN02", "VN03", "VN04", "VN13", "PY01", "PY02"]
    # The same data on either backend: the same version and date.
    health = from_db.get("/healthz").json
    assert health == from_file.get("/healthz").json
    assert (health["status"], health["projects"], health["data_date"]) == (
        "ok",
        DATASET_SIZE,
        "2026-12-06",
    )


def test_spatial_query_agrees_with_the_file(database):
    """PostGIS points, found through the GiST index, are the file's locations."""
    west, south, east, north = BoundaryIndex.read(GEODATA / "boundaries").bounds["VNM"]
    with psycopg.connect(database) as conn:
        conn.execute("SET enable_seqscan = off")  # prove the index answers it
        plan = "\n".join(
            row[0]
            for row in conn.execute(
                "EXPLAIN SELECT count(*) FROM project_locations"
                " WHERE ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))",
                (west, south, east, north),
            )
        )
        (in_box,) = conn.execute(
            "SELECT count(*) FROM project_locations"
            " WHERE ST_Intersects(geom, ST_MakeEnvelope(%s, %s, %s, %s, 4326))",
            (west, south, east, north),
        ).fetchone()
        (in_viet_nam,) = conn.execute(
            "SELECT count(*) FROM project_locations WHERE country = 'VNM'"
        ).fetchone()
    locations = Repository(GEODATA / "projects.json", GEODATA / "boundaries").store.locations
    assert "project_locations_geom" in plan
    assert in_box == len(locations.cx[west:east, south:north]) == 108  # neighbours' too
    assert in_viet_nam == int((locations["country"] == "VNM").sum()) == 89


def bad_duplicate(projects):
    return [*projects, projects[0]]


def bad_point(projects):
    """A point off the globe in the last record: the database refuses it."""
    last = projects[-1]
    location = replace(last.locations[0], lat=95.0)
    return [*projects[:-1], replace(last, locations=(location, *last.locations[1:]))]


@pytest.mark.parametrize(
    ("spoil", "detail"),
    [
        (bad_duplicate, 'duplicate key value violates unique constraint "projects_pkey"'),
        (bad_point, 'violates check constraint "project_locations_geom_check"'),
    ],
)
def test_an_import_the_database_refuses_stores_nothing(database, spoil, detail):
    before = counts(database)
    source = PostgisSource(database)
    snapshot = source.load()
    with pytest.raises(SourceUnavailable) as refused, source.replacing() as replacement:
        replacement.store(spoil(snapshot.projects), {"note": "half of this must not land"})
    assert refused.value.reason == "the database refused the data"
    assert detail in refused.value.detail
    assert counts(database) == before  # same version, every row as it was
    assert source.load() == snapshot


def test_jpp_map_import_and_export_use_the_database(database, tmp_path, capsys):
    """Staff's commands on DATABASE_URL: export from it, import into it, all or nothing."""
    laos = tmp_path / "laos.csv"
    assert cli(["export", "--format", "csv", "-o", str(laos), "country=LAO"]) == 0
    version = counts(database)[0]
    repository = Repository(PostgisSource(database), GEODATA / "boundaries")

    # The export merged back unchanged is the stored records: nothing is written (this
    # said "updated: 9" and stored a new version before the field-by-field list merge).
    assert cli(["import", str(laos), "--merge"]) == 0
    laos_size = default_dataset_size("LAO")
    assert (
        f"added: 0, updated: 0, removed: 0, projects stored: {DATASET_SIZE}"
        in capsys.readouterr().out
    )
    assert counts(database)[:2] == (version, DATASET_SIZE)

    assert cli(["import", str(laos)]) == 0  # replace the whole set: the Laos ones remain
    assert counts(database)[:2] == (version + 1, laos_size)
    assert repository.refresh() is True
    assert len(repository.store) == laos_size  # a running app picks the new version up

    rows = list(csv.DictReader(io.StringIO(laos.read_text(encoding="utf-8-sig"))))
    rows[-1]["Budget (JPY)"] = "150000000"  # above the programme cap: an error
    broken = tmp_path / "broken.csv"
    with broken.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    assert cli(["import", str(broken)]) == 1
    assert counts(database)[:2] == (version + 1, laos_size)  # nothing stored

    assert cli(["db-load"]) == 0  # back to the whole dataset for the other tests
    assert counts(database)[:2] == (version + 2, DATASET_SIZE)


def test_a_record_spoilt_by_hand_keeps_the_last_good_data(database):
    """Someone edits a record in SQL and breaks it: the app serves what it had, says why."""
    repository = Repository(PostgisSource(database), GEODATA / "boundaries")
    with psycopg.connect(database) as conn:
        conn.execute("UPDATE projects SET record = record - 'countries' WHERE id = 'VN01'")
        conn.execute("UPDATE jpp_dataset SET version = version + 1")
    assert repository.refresh() is False
    health = repository.health()
    assert (health["status"], health["projects"], health["reason"]) == (
        "degraded",
        DATASET_SIZE,
        "the database holds a record that cannot be read",
    )
    assert len(repository.store) == DATASET_SIZE
    assert cli(["db-load"]) == 0
    assert repository.refresh() is True
    assert repository.health() == {"status": "ok", "projects": DATASET_SIZE}
