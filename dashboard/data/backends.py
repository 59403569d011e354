"""Where the dataset is kept: the PostGIS database when one is configured, else the file."""

from __future__ import annotations

from pathlib import Path

from .files import remove_stale_temporaries
from .sources import DataSource, FileSource


def open_source(projects_file: Path, database_url: str | None = None) -> DataSource:
    """The PostGIS database when a URL is given, else the dataset file (whose temporaries
    left by a killed import are removed now: this is how the app and the CLI start)."""
    if database_url:
        from .postgis import PostgisSource  # psycopg only where a database is used

        return PostgisSource(database_url)
    remove_stale_temporaries(projects_file)
    return FileSource(projects_file)
