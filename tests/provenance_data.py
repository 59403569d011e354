"""A small generated dataset whose statuses on a fixed date are known: for the API, the page
and the browser tests of "current and complete". Never part of the default dataset."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from dashboard import REPO_ROOT
from dashboard.data.curation import dataset_json
from dashboard.data.model import Location

from .factories import fake_project

AS_OF = date(2020, 4, 1)  # a fixed "as of": never today
CURATED_ON = "2026-12-06"
HANOI = Location(country="VNM", admin1="VN-HN", precision=4, lon=105.85, lat=21.03)
SAIGON = Location(country="VNM", admin1="VN-SG", precision=4, lon=106.7, lat=10.78)
VIENTIANE = Location(country="LAO", admin1="LA-VT", precision=4, lon=102.6, lat=17.97)

PROJECTS = [
    fake_project("T-ONGOING", start="2019-04", end="2022-03"),  # Huế: ongoing on AS_OF
    fake_project("T-DONE", start="FY2003", end="FY2005", locations=(HANOI,)),  # completed
    fake_project("T-UNKNOWN", locations=(SAIGON,)),  # no dates: not stated
    fake_project("T-LAO", start="2020-01", end="2020-12", locations=(VIENTIANE,)),
]
STATUSES = {
    "T-ONGOING": "ongoing",
    "T-DONE": "completed",
    "T-UNKNOWN": "unknown",
    "T-LAO": "ongoing",
}


def write_geodata(directory: Path) -> Path:
    """A geodata folder with these projects, the real boundaries and partner homes."""
    directory.mkdir(parents=True, exist_ok=True)
    meta = {"curated_on": CURATED_ON, "generated": "test fixture (tests/provenance_data.py)"}
    (directory / "projects.json").write_text(dataset_json(PROJECTS, meta), encoding="utf-8")
    (directory / "boundaries").symlink_to(REPO_ROOT / "geodata" / "boundaries")
    shutil.copy(REPO_ROOT / "geodata" / "partner_homes.csv", directory / "partner_homes.csv")
    return directory
