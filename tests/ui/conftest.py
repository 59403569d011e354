"""Regions' rules on small generated records (tests/factories.py), never the real dataset:
a context whose repository serves them, over the real boundary layers."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from dashboard import REPO_ROOT
from dashboard.context import AppContext
from dashboard.data.curation import dataset_json
from dashboard.data.homes import Home
from dashboard.data.model import Location, Partner
from dashboard.data.repository import BoundaryIndex, Repository
from dashboard.settings import Settings
from tests.factories import fake_project

BOUNDARIES = REPO_ROOT / "geodata" / "boundaries"
TODAY = date(2026, 12, 6)


def site(admin1: str | None, lon: float, lat: float, country: str = "VNM") -> Location:
    precision = 6 if admin1 is None else 2
    return Location(country=country, admin1=admin1, precision=precision, lon=lon, lat=lat)


def records() -> list:
    """Three Viet Nam projects (one in Huế, one in Quảng Trị, one with no province) and one
    in Laos; two partners based in Japan, one not."""
    yokohama = Partner(name="GENERATED Yokohama bureau", org="t-yokohama")
    nowhere = Partner(name="GENERATED partner with no known home", org="t-nowhere")
    return [
        fake_project(
            "T-HUE",
            start="2024-01",
            end="2027-12",
            locations=(site("VN-26", 107.58, 16.46),),
            partners=(yokohama,),
        ),
        fake_project(
            "T-QTR",
            start="2010-01",
            end="2012-12",
            fields=("health",),
            locations=(site("VN-25", 107.1, 16.75),),
            partners=(nowhere,),
        ),
        fake_project("T-VNM", locations=(site(None, 106.0, 16.0),), partners=(nowhere,)),
        fake_project(
            "T-LAO", country="LAO", locations=(site("LA-VT", 102.6, 17.97, "LAO"),), partners=()
        ),
    ]


@pytest.fixture(scope="session")
def boundaries() -> BoundaryIndex:
    return BoundaryIndex.read(BOUNDARIES)


@pytest.fixture(scope="session")
def context(tmp_path_factory: pytest.TempPathFactory) -> AppContext:
    folder: Path = tmp_path_factory.mktemp("ui-geodata")
    dataset = folder / "projects.json"
    meta = {"generated": "tests/ui: generated records", "curated_on": TODAY.isoformat()}
    dataset.write_text(dataset_json(records(), meta), encoding="utf-8")
    repository = Repository(dataset, BOUNDARIES)
    homes = {
        "t-yokohama": Home(
            prefecture="JP-14", city="Yokohama", city_ja="横浜市", lon=139.65, lat=35.44
        )
    }
    return AppContext(repository, Settings(), homes, today=lambda: TODAY)
