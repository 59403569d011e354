"""Merging a project list (CSV, Excel, GeoJSON) over the stored records, field by field.

A list restates a record in the map's own columns, and some of it only as a rendering: a
point to five decimals, the record's own row from the research table (``original``) replaced
by the list's cells, the date of its last update as the list says it. So, as the IATI merge
does (``iati/merge.py``), each stored record's *echo* is worked out: what this map's own
export of it, in the list's format, reads back as (the writer, then the same reader and
checks as the list), and

- a field the list states as the echo does, or as the stored record holds it, keeps the
  stored value;
- a field the list states otherwise is taken (partners and places one by one when the list
  has as many as the record);
- a record none of whose fields changes is the stored record itself, with its provenance
  (``original``, ``last_updated``): exporting the dataset and merging the file back changes
  no byte of it, in any language the page writes (the vocabularies read back to the same
  keys).

A changed record takes the list's row as its ``original``, and the list's date of update, or
the import's day when the list restates the stored one.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

from ..model import Project
from ..places import PlaceIndex
from .iati.merge import reconcile
from .writers import export_bytes

FORMATS = ("csv", "xlsx", "geojson")


def province_names(projects: list[Project], places: PlaceIndex) -> dict[str, str]:
    """The English names the export writes beside the codes of these records' provinces."""
    names = {}
    for project in projects:
        for location in project.locations:
            code = location.admin1
            if code and code not in names:
                try:
                    names[code] = places.province_name(code)
                except KeyError:
                    continue  # written as its code alone
    return names


# What the import reads a file as: its accepted records (``importer.check_file``'s).
ReadBack = Callable[[Path], list[Project]]


def echoes(
    projects: list[Project], fmt: str, places: PlaceIndex, read_back: ReadBack
) -> dict[str, Project]:
    """Project ID -> the record this map's export of it in ``fmt`` reads back as (a record
    that does not read back, e.g. one an older check would refuse now, has none)."""
    if not projects:
        return {}
    body = export_bytes(fmt, projects, province_names(projects, places))
    with tempfile.TemporaryDirectory(prefix="jpp-echo-") as folder:
        path = Path(folder) / f"echo.{fmt}"
        path.write_bytes(body)
        return {project.id: project for project in read_back(path)}


def merge_list(
    current: list[Project],
    incoming: list[Project],
    fmt: str,
    places: PlaceIndex,
    today: date,
    read_back: ReadBack,
) -> list[Project]:
    """``incoming`` with each record that updates a stored one reconciled with it, field by
    field. ``read_back``: what the import reads a file as (known organisations' keys
    attached, as to the list's records)."""
    by_id = {project.id: project for project in current}
    stored = [by_id[p.id] for p in incoming if p.id in by_id]
    echoed = echoes(stored, fmt, places, read_back)
    result = []
    for new in incoming:
        old = by_id.get(new.id)
        if old is None:
            result.append(new)
            continue
        rendering = echoed.get(new.id)
        renderings = [rendering, old] if rendering is not None else [old]
        result.append(reconcile(old, new, renderings, today))
    return result
