"""Check a project list and store it: all or nothing by default, never half-written.

The dataset file is replaced by writing a new file beside it and renaming it over the old
one, under an exclusive lock: a crash or kill at any moment leaves either the old file or
the new one, and the running app (``Repository``) swaps to the new one whole. With a
database (``backends.open_source``) the same import is one transaction.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from ..files import write_atomically
from ..loading import fold
from ..model import Project
from ..organisations import OrganisationIndex, attach_known, read_organisations
from ..places import PlaceIndex
from ..sources import DATASET_NAME, DataSource, FileSource, exclusive_lock, read_dataset
from . import limits
from .columns import COLUMNS
from .convert import REJECT_COLUMNS, RowContext, row_to_project
from .iati.merge import merge_iati
from .iati.reader import is_iati, read_iati
from .merge import merge_list
from .readers import RawRow, Table, TooLarge, read_table, shorten
from .report import Problem, errors
from .writers import safe_cell

__all__ = ["DATASET_NAME", "Outcome", "check_file", "exclusive_lock", "import_file", "read_dataset"]


@dataclass
class Outcome:
    table: Table
    accepted: list[tuple[RawRow, Project]] = field(default_factory=list)
    rejected: list[RawRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    stored: int = 0  # projects in the dataset after the import; 0 when nothing was written
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: bool = False  # a merge that changed no record: nothing was written
    rejects_file: Path | None = None

    @property
    def has_errors(self) -> bool:
        return bool(errors(self.problems))


def check_file(path: Path, places: PlaceIndex, today: date | None = None) -> Outcome:
    """Read and check every row; raises ``UnreadableFile`` when the file cannot be read."""
    today = today or date.today()
    if is_iati(path):  # an IATI activity file, from any publisher
        table, read_problems = read_iati(path, places)
    else:
        table, read_problems = read_table(path), []
    outcome = Outcome(table=table, problems=read_problems)
    for header in table.unknown_headers:
        if fold(header) not in REJECT_COLUMNS:
            outcome.problems.append(
                Problem(
                    "warning",
                    path.name,
                    1,
                    header,
                    None,
                    "column not recognised; it is ignored (see geodata/templates/README.md)",
                )
            )
    first_row_of: dict[str, int] = {}
    rows = grouped_by_project(table) if table.format == "geojson" else table.rows
    for row in rows:
        context = RowContext(table=table, row=row, places=places)
        project = row_to_project(context, today)
        project_id = context.cell("id")
        if project_id and project_id in first_row_of:
            unit = {"geojson": "feature", "iati": "activity"}.get(table.format, "row")
            context.error("id", f"duplicate ID: {unit} {first_row_of[project_id]} has it already")
            project = None
        elif project_id:
            first_row_of[project_id] = row.number
        outcome.problems += context.problems
        if project is None:
            outcome.rejected.append(row)
        else:
            outcome.accepted.append((row, project))
    return outcome


# A site's own cells (an export's 2025 province too, which is not read back).
LOCATION_KEYS = ("provinces", "places", "lon", "lat", "precision", "provinces_2025")


def grouped_by_project(table: Table) -> list[RawRow]:
    """GeoJSON holds one feature per site: features with the same ID are one project.

    Linear in the features; a project of more than :data:`limits.MAX_SITES` sites makes the
    file :class:`TooLarge`."""
    groups: dict[str, list[RawRow]] = {}
    result: list[RawRow | str] = []
    for row in table.rows:
        project_id = (row.cells.get("id") or "").strip()
        if not project_id:
            result.append(row)
        elif project_id not in groups:
            groups[project_id] = [row]
            result.append(project_id)
        else:
            groups[project_id].append(row)
    merged_rows = []
    for item in result:
        if isinstance(item, RawRow):
            merged_rows.append(item)
            continue
        members = groups[item]
        first = members[0]

        def project_cells(row: RawRow) -> dict[str, str]:
            return {k: v for k, v in row.cells.items() if k not in LOCATION_KEYS and v}

        wanted = project_cells(first)
        same = [m for m in members if project_cells(m) == wanted]
        if sum(max(1, len(m.points)) for m in same) > limits.MAX_SITES:
            raise TooLarge(
                table.path,
                f"the features of project '{shorten(item)}' (from feature {first.number}) "
                f"have more than {limits.MAX_SITES:,} sites, the limit for one project",
            )
        cells = dict(first.cells)
        for key in LOCATION_KEYS:
            if any(key in m.cells for m in same):
                cells[key] = "; ".join(m.cells.get(key, "") for m in same)
        merged_rows.append(replace(first, cells=cells))
        # Features that say something else about the project are not its sites: they are
        # reported as duplicates, never merged away.
        kept = {id(m) for m in same}
        merged_rows += [m for m in members if id(m) not in kept]
    return merged_rows


def merged(current: list[Project], incoming: list[Project]) -> list[Project]:
    """Update by ID in place, add new ones at the end."""
    by_id = {project.id: project for project in incoming}
    result = [by_id.pop(project.id, project) for project in current]
    return result + [project for project in incoming if project.id in by_id]


ORGANISATIONS_TABLE = Path("curation") / "organisations.csv"


def import_file(
    path: Path,
    geodata_dir: Path,
    places: PlaceIndex,
    *,
    merge: bool = False,
    partial: bool = False,
    rejects_path: Path | None = None,
    today: date | None = None,
    source: DataSource | None = None,
) -> Outcome:
    """``source``: where the dataset is kept; by default ``geodata_dir``/projects.json."""
    today = today or date.today()
    outcome = check_file(path, places, today)
    if outcome.has_errors and not partial:
        return outcome
    if outcome.rejected:
        # Written first: if the rejected rows cannot be kept, nothing is stored either.
        outcome.rejects_file = rejects_path or path.with_name(f"{path.stem}.rejects.csv")
        write_atomically(outcome.rejects_file, rejects_csv(outcome))
    index = OrganisationIndex(read_organisations(geodata_dir / ORGANISATIONS_TABLE))

    def attach(projects: list[Project]) -> list[Project]:
        """Partners that a list spells as a known organisation get its key (read once)."""
        return [replace(p, partners=attach_known(p.partners, index)) for p in projects]

    def read_back(echo: Path) -> list[Project]:
        """A file as the import reads it: its accepted records, partners attached."""
        return attach([project for _, project in check_file(echo, places, today).accepted])

    incoming = attach([project for _, project in outcome.accepted])
    source = source or FileSource(geodata_dir / DATASET_NAME)
    if incoming:
        with source.replacing() as replacement:
            current, meta = replacement.current, replacement.meta
            if merge:
                present = set(outcome.table.headers)
                by_id = {project.id: project for project in current}
                incoming = [
                    keep_unlisted(project, by_id[project.id], present)
                    if project.id in by_id
                    else project
                    for project in incoming
                ]
                if outcome.table.format == "iati":
                    incoming = merge_iati(current, incoming, places, today, attach)
                else:
                    fmt = outcome.table.format
                    incoming = merge_list(current, incoming, fmt, places, today, read_back)
                projects = merged(current, incoming)
            else:
                projects = incoming
            before = {project.id: project for project in current}
            after = {project.id for project in projects}
            outcome.added = len(after - before.keys())
            outcome.updated = sum(1 for p in incoming if p.id in before and p != before[p.id])
            outcome.removed = len(before.keys() - after)
            if merge and projects == current:
                # Nothing changes: the dataset (and its date) stays as it is, untouched.
                outcome.unchanged = True
                outcome.stored = len(projects)
                return outcome
            meta = {
                **{k: v for k, v in meta.items() if k not in {"research_table", "generated"}},
                "curated_on": meta.get("curated_on", today.isoformat()),
                "imported_from": path.name,
                "imported_on": today.isoformat(),
            }
            replacement.store(projects, meta)
        outcome.stored = len(projects)
    return outcome


# Which record fields each column of a list fills: a merge keeps the stored values of the
# fields whose columns the list does not have.
FIELDS_OF_COLUMNS: dict[str, tuple[str, ...]] = {
    "title_en": ("title_en",),
    "title_ja": ("title_ja",),
    "title_local": ("title_local",),
    "country": ("countries", "locations"),
    "provinces": ("locations",),
    "lon": ("locations",),
    "partners": ("partners",),
    "proposer": ("partners",),
    "implementer": ("partners",),
    "scheme": ("scheme",),
    "fields": ("fields",),
    "period": ("start", "end"),
    "start": ("start",),
    "end": ("end",),
    "budget": ("budget",),
    "status": ("status_set", "status_observed", "observed_status", "observed_on"),
    "sources": ("sources",),
    "notes": ("notes",),
    "not_stated": ("not_stated_by_source",),
}


def keep_unlisted(new: Project, old: Project, present: set[str]) -> Project:
    """A merged record: the list's columns update it; what the list has no column for stays."""
    listed = {name for key in present for name in FIELDS_OF_COLUMNS.get(key, ())}
    kept = {
        name: getattr(old, name)
        for names in FIELDS_OF_COLUMNS.values()
        for name in names
        if name not in listed
    }
    return replace(new, **kept)


def rejects_csv(outcome: Outcome) -> str:
    """The rejected rows as they were, with a first column saying what to correct."""
    table = outcome.table
    keys = [column.key for column in COLUMNS if column.key in table.headers]
    reasons: dict[int, list[str]] = {}
    for problem in outcome.problems:
        if problem.row is not None and problem.severity == "error":
            reasons.setdefault(problem.row, []).append(problem.text())
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["problems", *(safe_cell(table.headers[key]) for key in keys)])
    for row in outcome.rejected:
        # As exports are: a rejected cell is often what a spreadsheet must not run.
        cells = [safe_cell(row.cells.get(key, "")) for key in keys]
        writer.writerow([safe_cell("\n".join(reasons.get(row.number, []))), *cells])
    return "\ufeff" + buffer.getvalue()
