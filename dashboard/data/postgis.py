"""The dataset in PostgreSQL + PostGIS (chosen by DATABASE_URL): schema, reads and imports.

Each project is stored whole as jsonb (``Project.to_json``) and read back with
``Project.from_json``: the database gives back exactly the records the file would, so the
store, the filters and the API answer the same. Locations (PostGIS points, GiST-indexed) and
partners are also written as rows, for querying in SQL. An import replaces everything and
bumps ``jpp_dataset.version`` in ONE transaction: a row the database refuses rolls it all
back, and readers see the old dataset or the new one, never a mix.

Plain psycopg 3 and SQL: the schema is small and the queries are few, an ORM would add a
layer and no safety.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import datetime
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from .. import REPO_ROOT
from .model import Project, parse_projects, projects_of
from .provenance import DATE_KEYS
from .sources import Replacement, Snapshot, SourceUnavailable

log = logging.getLogger(__name__)

MIGRATIONS_DIR = REPO_ROOT / "db" / "migrations"
CONNECT_TIMEOUT_SECONDS = 5
# Reads by the app never hang a worker's poller for long; imports have no such limit.
READ_OPTIONS = "-c statement_timeout=15000"
# A database host that vanishes without closing the connection is noticed in seconds.
KEEPALIVES: dict[str, Any] = {  # libpq parameters, passed through to psycopg.connect
    "keepalives": 1,
    "keepalives_idle": 5,
    "keepalives_interval": 2,
    "keepalives_count": 3,
    "tcp_user_timeout": 10000,
}
VersionTag = tuple[int, datetime]


def connect(url: str, *, read_only: bool = False, **kwargs: Any) -> psycopg.Connection:
    """A connection that gives up quickly when the server is unreachable."""
    options: dict[str, Any] = {"options": READ_OPTIONS} if read_only else {}
    return psycopg.connect(
        url,
        connect_timeout=CONNECT_TIMEOUT_SECONDS,
        application_name="jpp-map",
        **KEEPALIVES,
        **options,
        **kwargs,
    )


def _unavailable(error: psycopg.Error) -> SourceUnavailable:
    """A public reason (no host names or paths: /healthz is public) and the full detail."""
    if isinstance(error, psycopg.errors.UndefinedTable):
        reason = "the database has no JPP schema (run `jpp-map db-load`)"
    elif isinstance(error, psycopg.OperationalError):
        reason = "the database cannot be reached"
    else:
        reason = "the database cannot be read"
    return SourceUnavailable(reason, f"{type(error).__name__}: {error}".strip())


def migrate(url: str) -> list[str]:
    """Apply the files of db/migrations not applied yet, in order, in one transaction."""
    applied: list[str] = []
    with connect(url) as conn, conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(hashtext('jpp-map migrations'))")
        conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
        )
        done = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
        for path in sorted(MIGRATIONS_DIR.glob("*.sql")):
            if path.name in done:
                continue
            conn.execute(path.read_text(encoding="utf-8"))  # no parameters: several statements
            conn.execute("INSERT INTO schema_migrations (name) VALUES (%s)", (path.name,))
            applied.append(path.name)
    return applied


def read_dataset(conn: psycopg.Connection) -> tuple[VersionTag | None, list[Project], dict]:
    row = conn.execute("SELECT version, imported_at, meta FROM jpp_dataset").fetchone()
    if row is None:
        return None, [], {}
    # One text value parsed once: much faster than a row per record through the driver.
    aggregate = conn.execute(
        "SELECT coalesce(json_agg(record ORDER BY position), '[]')::text FROM projects"
    ).fetchone()
    assert aggregate is not None  # an aggregate without GROUP BY is always one row
    (text,) = aggregate
    return (row[0], row[1]), projects_of(parse_projects(text)), row[2]


def _copy_line(position: int, record: dict[str, Any]) -> str:
    """One line of COPY's text format. JSON escapes every control character, so only its
    backslashes need doubling."""
    text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
    return f"{position}\t{text.replace(chr(92), chr(92) * 2)}\n"


# The query columns are derived from the record by the database itself, in the same
# statement: they cannot disagree with it.
DERIVE_ROWS = [
    """INSERT INTO projects (id, position, record, title_en, title_ja, countries, fields,
         scheme, start_earliest, end_latest, budget_yen, budget_kind, status_set)
       SELECT record ->> 'id', position, record, record ->> 'title_en', record ->> 'title_ja',
         ARRAY(SELECT jsonb_array_elements_text(record -> 'countries')),
         ARRAY(SELECT jsonb_array_elements_text(record -> 'fields')),
         record ->> 'scheme',
         (record #>> '{start,earliest}')::date, (record #>> '{end,latest}')::date,
         (record #>> '{budget,yen}')::bigint, record #>> '{budget,kind}',
         record ->> 'status_set'
       FROM jpp_import ORDER BY position""",
    """INSERT INTO project_locations (project_id, seq, country, admin1, place, region,
         precision, geom)
       SELECT record ->> 'id', location.seq - 1, location.item ->> 'country',
         location.item ->> 'admin1', location.item ->> 'place', location.item ->> 'region',
         (location.item ->> 'precision')::smallint,
         ST_SetSRID(ST_MakePoint((location.item ->> 'lon')::float8,
                                 (location.item ->> 'lat')::float8), 4326)
       FROM jpp_import,
         jsonb_array_elements(record -> 'locations') WITH ORDINALITY AS location(item, seq)""",
    """INSERT INTO project_partners (project_id, seq, name, name_ja, type, role)
       SELECT record ->> 'id', partner.seq - 1, partner.item ->> 'name',
         partner.item ->> 'name_ja', partner.item ->> 'type', partner.item ->> 'role'
       FROM jpp_import,
         jsonb_array_elements(record -> 'partners') WITH ORDINALITY AS partner(item, seq)""",
]


def write_dataset(
    conn: psycopg.Connection, projects: Iterable[Project], meta: dict[str, Any]
) -> int:
    """Replace every project and bump the version; call inside the caller's transaction.

    The records go in by COPY (one line each) into a scratch table, and SQL spreads them into
    the tables; any row the database refuses (a duplicate ID, a point off the globe) raises,
    and the caller's transaction rolls back whole.
    """
    conn.execute(
        "CREATE TEMPORARY TABLE jpp_import (position integer, record jsonb) ON COMMIT DROP"
    )
    with conn.cursor() as cursor, cursor.copy("COPY jpp_import FROM STDIN") as copy:
        for position, project in enumerate(projects):
            copy.write(_copy_line(position, project.to_json()))
    for table in ("project_partners", "project_locations", "projects"):
        # DELETE, not TRUNCATE: readers keep reading the old rows until the commit.
        conn.execute(f"DELETE FROM {table}")
    for statement in DERIVE_ROWS:
        conn.execute(statement)
    row = conn.execute(
        "INSERT INTO jpp_dataset (version, imported_at, meta) VALUES (1, now(), %s)"
        " ON CONFLICT (singleton) DO UPDATE"
        " SET version = jpp_dataset.version + 1, imported_at = now(), meta = EXCLUDED.meta"
        " RETURNING version",
        (Jsonb(meta),),
    ).fetchone()
    assert row is not None
    return int(row[0])


class PostgisSource:
    """The dataset in the database at ``url``; one polling connection per process."""

    kind = "postgis"
    check_inline = False

    def __init__(self, url: str) -> None:
        self.url = url
        self._conn: psycopg.Connection | None = None
        self._pid = 0
        self._lock = threading.Lock()

    def version(self) -> VersionTag:
        """One row read on a kept connection; reconnects after a failure or a fork."""
        with self._lock:
            try:
                if self._conn is None or self._conn.closed or self._pid != os.getpid():
                    # A connection inherited through fork belongs to the parent: leave it be.
                    self._conn = connect(self.url, read_only=True, autocommit=True)
                    self._pid = os.getpid()
                row = self._conn.execute("SELECT version, imported_at FROM jpp_dataset").fetchone()
            except psycopg.Error as error:
                self._drop()
                raise _unavailable(error) from error
        if row is None:
            raise SourceUnavailable("the database holds no dataset (run `jpp-map db-load`)")
        return row[0], row[1]

    def _drop(self) -> None:
        if self._conn is not None and self._pid == os.getpid():
            with suppress(psycopg.Error):
                self._conn.close()
        self._conn = None

    def load(self) -> Snapshot:
        """The whole dataset as of one version (a read-only, repeatable-read snapshot)."""
        try:
            with connect(self.url, read_only=True) as conn:
                conn.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
                conn.read_only = True
                version, projects, meta = read_dataset(conn)
        except psycopg.Error as error:
            raise _unavailable(error) from error
        except (KeyError, TypeError, ValueError) as error:  # a row written by hand, wrongly
            raise SourceUnavailable(
                "the database holds a record that cannot be read", repr(error)
            ) from error
        if version is None:
            raise SourceUnavailable("the database holds no dataset (run `jpp-map db-load`)")
        if not any(meta.get(key) for key in DATE_KEYS):
            # Data that names no date of its own is dated by its import into the database.
            meta = {**meta, "imported_on": version[1].date().isoformat()}
        return Snapshot(version, projects, meta)

    @contextmanager
    def replacing(self) -> Iterator[Replacement]:
        """An import: read, then write everything, in one transaction; one import at a time
        (the lock lets the app's readers go on reading the old rows)."""
        try:
            with connect(self.url) as conn, conn.transaction():
                conn.execute("LOCK TABLE jpp_dataset IN SHARE ROW EXCLUSIVE MODE")
                replacement = Replacement(lambda: self._read_current(conn))
                yield replacement
                if replacement.projects is not None:
                    write_dataset(conn, replacement.projects, replacement.new_meta)
        except psycopg.Error as error:
            refused = _unavailable(error)
            if isinstance(error, psycopg.errors.IntegrityError | psycopg.errors.DataError):
                refused = SourceUnavailable("the database refused the data", refused.detail)
            raise refused from error

    @staticmethod
    def _read_current(conn: psycopg.Connection) -> tuple[list[Project], dict[str, Any]]:
        try:
            _, projects, meta = read_dataset(conn)
        except (KeyError, TypeError, ValueError) as error:
            raise SourceUnavailable(
                "the database holds a record that cannot be read", repr(error)
            ) from error
        return projects, meta

    def describe(self) -> str:
        """Where the data is, without the password."""
        info = psycopg.conninfo.conninfo_to_dict(self.url)
        return f"database {info.get('dbname', '?')} on {info.get('host', 'localhost')}"
