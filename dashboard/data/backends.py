"""Where the dataset is kept: the PostGIS database when one is configured, else the file."""

from __future__ import annotations

from pathlib import Path

from .sources import DataSource, FileSource


def open_source(projects_file: Path, database_url: str | None = None) -> DataSource:
    """The PostGIS database when a URL is given, else the dataset file."""
    if database_url:
        from .postgis import PostgisSource  # psycopg only where a database is used

        return PostgisSource(database_url)
    return FileSource(projects_file)
