"""Merging an IATI file over the stored records, field by field.

IATI carries part of a record, and some of it only as a lossy rendering: a date's wording
becomes its label (``2014 (H26)`` → ``FY2014``), a budget's wording "JPY 60,000,000 (IATI
budget)", an unstated partner role "implementing", a source that is no web address is left
out, notes and "inferred" marks are not carried at all. So a merge does not take what the file
says as it reads: for each stored record it works out its *echo*, what this map's own export
of it reads back as (:func:`echo`: the writer, then the reader, the same code both ways), and

- a field the file states as the echo does is the stored record's rendering: the stored value
  stays (with its wording, notes, marks and non-web sources);
- a field the file states otherwise is taken from the file; for partners and places, one
  partner or place at a time when the file has as many as the record;
- a record all of whose fields stay is the stored record itself, so exporting the dataset
  and merging the file back changes nothing (``tests/test_iati_merge.py``).

The date a day-precise date is "planned" after depends on the export's ``as_of``, which the
file does not record: a date is compared with both readings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from typing import Any

from ...model import Project
from ...places import PlaceIndex
from ..convert import RowContext, row_to_project
from ..readers import RawRow, Table
from .codes import Publisher
from .reader import HEADERS, read_activity
from .writer import IatiOptions, activity

# Fields whose items are compared one by one when the file has as many as the record.
ITEMISED = ("partners", "locations")
DATED = ("start", "end")
# What says where the record came from rather than what it states: taken with a change only.
PROVENANCE = ("original", "last_updated")
ECHO_PATH = Path("echo.xml")


class _ProvinceNames(Mapping[str, str]):
    """The English names the export writes for provinces, looked up as they are asked for."""

    def __init__(self, places: PlaceIndex) -> None:
        self._places = places

    def __getitem__(self, code: str) -> str:
        return self._places.province_name(code)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


def echo(project: Project, places: PlaceIndex, today: date, as_of: date) -> Project | None:
    """The record this map's own IATI export of ``project`` reads back as (None when it
    cannot be read back, e.g. it was not exportable)."""
    status = project.status_set or "ongoing"  # only cancelled and suspended are read back
    options = IatiOptions(
        publisher=Publisher(), as_of=as_of, statuses={}, province_names=_ProvinceNames(places)
    )
    cells = read_activity(activity(project, status, options), places, ECHO_PATH)
    table = Table(
        path=ECHO_PATH, format="iati", headers=dict(HEADERS), unknown_headers=(), units={},
        rows=(RawRow(number=1, cells=cells),),
    )  # fmt: skip
    return row_to_project(RowContext(table=table, row=table.rows[0], places=places), today)


def _items(stored: tuple[Any, ...], incoming: tuple[Any, ...], echoed: tuple[Any, ...]) -> Any:
    if len(stored) == len(incoming) == len(echoed):
        return tuple(
            old if new == rendered else new
            for old, new, rendered in zip(stored, incoming, echoed, strict=True)
        )
    return incoming


def reconcile(
    stored: Project, incoming: Project, echoes: Iterable[Project | None], today: date
) -> Project:
    """The merged record: see the module's description. ``echoes``: the stored record's
    renderings (one per reading of planned dates)."""
    renderings = [e for e in echoes if e is not None]
    if not renderings:
        return incoming
    first = renderings[0]
    merged: dict[str, Any] = {}
    for item in fields(Project):
        name = item.name
        if name == "id" or name in PROVENANCE:
            continue
        old, new = getattr(stored, name), getattr(incoming, name)
        rendered = [getattr(e, name) for e in (renderings if name in DATED else [first])]
        if new in rendered or old == new:
            merged[name] = old
        elif name in ITEMISED:
            merged[name] = _items(old, new, getattr(first, name))
        else:
            merged[name] = new
    result = replace(stored, **merged)
    if result == stored:
        return stored
    updated = incoming.last_updated
    if updated in {e.last_updated for e in renderings}:
        updated = today.isoformat()  # the file did not say when it changed: today
    return replace(result, original=incoming.original, last_updated=updated)


def merge_iati(
    current: list[Project],
    incoming: list[Project],
    places: PlaceIndex,
    today: date,
    attach: Callable[[list[Project]], list[Project]] = list,
) -> list[Project]:
    """``incoming`` with each record that updates a stored one reconciled with it.
    ``attach``: what the import does to the file's records after reading them (known
    organisations' keys), done to the echoes too."""
    by_id = {project.id: project for project in current}
    result = []
    for new in incoming:
        old = by_id.get(new.id)
        if old is None:
            result.append(new)
            continue
        renderings = _attached([echo(old, places, today, date.max)], attach)
        first = renderings[0]
        if first is not None and any(getattr(first, d) != getattr(new, d) for d in DATED):
            # Every date planned, as an export whose as_of is before them writes them.
            renderings += _attached([echo(old, places, today, date.min)], attach)
        result.append(reconcile(old, new, renderings, today))
    return result


def _attached(
    echoes: list[Project | None], attach: Callable[[list[Project]], list[Project]]
) -> list[Project | None]:
    present = [e for e in echoes if e is not None]
    return list(attach(present)) if present else [None]
