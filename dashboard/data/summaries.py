"""What the page shows about a selection: counts per province, points, totals, by field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import vocab
from .filters import Selection
from .loading import ProjectStore
from .model import Project
from .store_cache import LocationArrays


@dataclass(frozen=True)
class Summary:
    count: int
    budget_total_yen: int
    with_budget: int
    without_budget: int
    field_counts: Counter[str]


def selected_projects(store: ProjectStore, selection: Selection) -> list[Project]:
    return [store.projects[index] for index in np.flatnonzero(selection.mask)]


def summarise(store: ProjectStore, selection: Selection) -> Summary:
    """From the store's columns and facet masks: no loop over the projects (~100 ms at 100k)."""
    mask = selection.mask
    budgets = store.frame["budget_yen"].to_numpy(dtype=float)[mask]
    stated = budgets[~np.isnan(budgets)].astype(np.int64)
    fields: Counter[str] = Counter()
    for key, carries in store.masks["field"].items():
        if count := int(np.count_nonzero(carries & mask)):
            fields[key] = count
    count = int(np.count_nonzero(mask))
    return Summary(
        count=count,
        budget_total_yen=int(stated.sum()),
        with_budget=len(stated),
        without_budget=count - len(stated),
        field_counts=fields,
    )


def _location_table(store: ProjectStore) -> pd.DataFrame:
    """The store's locations without their geometry objects (plain columns index fast)."""
    return store.cache.location_table.get(
        lambda: pd.DataFrame(store.locations.drop(columns="geometry"))
    )


COUNTRY_WIDE = 6  # IATI precision: only the country is known
NOT_STATED = "not stated"
FIELD_KEYS = vocab.keys(vocab.FIELDS)
NO_FIELD = len(FIELD_KEYS)  # the field index of a project that states none


def _locations(store: ProjectStore) -> LocationArrays:
    return store.cache.locations.get(lambda: _location_arrays(_location_table(store)))


def _location_arrays(table: pd.DataFrame) -> LocationArrays:
    lon = table["lon"].to_numpy(dtype=float)
    lat = table["lat"].to_numpy(dtype=float)
    row = table["row"].to_numpy(dtype=np.int64)
    place = table["place"].to_numpy(dtype=object)
    points = np.column_stack([lon.round(6), lat.round(6)]).reshape(-1, 2)
    _, first, site = np.unique(points, axis=0, return_index=True, return_inverse=True)
    site = site.reshape(-1).astype(np.int64)
    once = np.zeros(len(row), dtype=bool)  # the first location of a project at its point
    once[np.unique(row * max(1, len(first)) + site, return_index=True)[1]] = True
    stated = (table["precision"].to_numpy() < COUNTRY_WIDE) & table["region"].isna().to_numpy()
    named = np.flatnonzero(pd.notna(place))
    site_place = np.full(len(first), None, dtype=object)
    sites_named, first_named = np.unique(site[named], return_index=True)
    site_place[sites_named] = place[named][first_named]
    fields = table["field"].to_numpy(dtype=object)
    index_of = {key: index for index, key in enumerate(FIELD_KEYS)}
    return LocationArrays(
        row=row,
        project_id=table["project_id"].to_numpy(dtype=object),
        admin1=table["admin1"].to_numpy(dtype=object),
        units=table["units"].to_numpy(dtype=object),
        field=fields,
        field_index=np.array([index_of.get(f, NO_FIELD) for f in fields], dtype=np.int64),
        place=place,
        lon=lon,
        lat=lat,
        drawn=stated & once,
        site=site,
        site_lon=lon[first],
        site_lat=lat[first],
        site_place=site_place,
    )


_NO_ROWS = np.zeros(0, dtype=np.intp)
_NO_ROWS.setflags(write=False)


def _country_rows(store: ProjectStore, country: str) -> np.ndarray:
    """Positions of one country's locations, in order; none for a country the store does
    not have. Every country's are found at once, once per store, so that what is kept is
    bounded by the store's countries whatever a request asks for."""
    return store.cache.country_rows.get(lambda: _rows_by_country(store)).get(country, _NO_ROWS)


def _rows_by_country(store: ProjectStore) -> dict[str, np.ndarray]:
    countries = _location_table(store)["country"].to_numpy(dtype=str)
    codes, group = np.unique(countries, return_inverse=True)
    group = group.reshape(-1)
    order = np.argsort(group, kind="stable")  # each country's rows together, in order
    sizes = np.bincount(group, minlength=len(codes))
    ends = np.cumsum(sizes)
    starts = ends - sizes
    return {
        str(code): order[start:end] for code, start, end in zip(codes, starts, ends, strict=True)
    }


Countries = str | tuple[str, ...]  # one country, or several


def _rows_in(store: ProjectStore, countries: Countries) -> np.ndarray:
    """Positions of the locations in one country or several, in order."""
    if isinstance(countries, str):
        return _country_rows(store, countries)
    parts = [_country_rows(store, code) for code in dict.fromkeys(countries)]
    return np.sort(np.concatenate(parts)) if parts else _NO_ROWS


def _selected(store: ProjectStore, selection: Selection, country: Countries) -> np.ndarray:
    """Positions of the selected projects' locations in the country (or countries)."""
    in_country = _rows_in(store, country)
    return in_country[selection.mask[_locations(store).row[in_country]]]


def province_counts(
    store: ProjectStore,
    selection: Selection,
    country: str,
    regroup: Mapping[str, str | tuple[str, ...]] | None = None,
    drawn: Collection[str] | None = None,
) -> pd.Series:
    """Projects per province; a project with two sites in one province counts once.

    Each site counts in the units it is in (``Placement``: in Nepal, its zone and the
    province that holds its district or point, or, known at one layer's level alone, every
    unit of the other that overlaps its own). ``regroup`` maps those codes to other units
    (the provinces in force since 2025, each formed of whole former provinces); codes it
    does not name stay as they are. ``drawn``: only these units are counted (the layer
    shown), when given.
    """
    locations = _locations(store)
    positions = _selected(store, selection, country)
    rows = locations.row[positions]
    codes = pd.Series(locations.units[positions], index=rows, dtype=object).explode()
    if regroup:
        codes = codes.map(lambda code: regroup.get(code, code)).explode()
    if drawn is not None:
        codes = codes[codes.isin(list(drawn))]
    unit, units = pd.factorize(codes)  # no province: -1
    known = unit >= 0
    width = max(1, len(units))
    pairs = np.unique(codes.index.to_numpy()[known] * width + unit[known])
    counts = np.bincount(pairs % width, minlength=len(units))
    some = counts > 0
    index = pd.Index(np.asarray(units, dtype=object)[some], dtype=object)
    return pd.Series(counts[some], index=index, dtype=np.int64).sort_index()


def unplaced_count(store: ProjectStore, selection: Selection, country: Countries) -> int:
    """Selected projects in the country (or countries) with no marker: no site or province
    stated in it."""
    locations = _locations(store)
    positions = _selected(store, selection, country)
    unplaced = np.zeros(len(store), dtype=bool)  # marks, not set differences: no sorting
    unplaced[locations.row[positions]] = True
    unplaced[locations.row[positions[locations.drawn[positions]]]] = False
    return int(np.count_nonzero(unplaced))


# Above this many project markers in one view, one marker per site (a point) with the number
# of projects there: at country zoom thousands of circles would cover each other and the
# provinces, and every one would carry its own hover text to the browser.
MARKER_LIMIT = 500


def map_points(
    store: ProjectStore, selection: Selection, country: Countries, limit: int = MARKER_LIMIT
) -> pd.DataFrame:
    """One row per located project site in the country (or countries): where, what and the
    hover facts.

    Country-wide locations get no marker: a dot in the middle of a country would claim a
    place that no source states; nor do the provinces a wider region was mapped to.
    Above ``limit`` markers, one row per site instead (see :func:`map_sites`).
    """
    locations = _locations(store)
    positions = _selected(store, selection, country)
    drawn = positions[locations.drawn[positions]]
    statuses = selection.statuses.to_numpy(dtype=object)
    if len(drawn) > limit:
        return map_sites(store, drawn, statuses)
    projects = [store.projects[index] for index in locations.row[drawn]]
    return pd.DataFrame(
        {
            "project_id": locations.project_id[drawn],
            "status": statuses[locations.row[drawn]] if len(statuses) else [],
            "lon": locations.lon[drawn],
            "lat": locations.lat[drawn],
            "field": locations.field[drawn],
            "title": [p.title_en or p.title_ja or p.id for p in projects],
            "partners": [", ".join(partner.name for partner in p.partners) for p in projects],
            "period": [period_label(p) for p in projects],
            "place": locations.place[drawn],
        }
    )


def map_sites(
    store: ProjectStore, positions: np.ndarray, statuses: np.ndarray | None = None
) -> pd.DataFrame:
    """One row per site (a point) of the drawn locations at ``positions``, by lon then lat.

    Columns: ``lon``, ``lat``; ``projects``: how many projects have a marker there;
    ``fields``: (field key or None, projects) pairs, most projects first (a project counts
    under its first field, the one its marker is coloured by); ``field``: the first of those,
    which colours the site; ``place``: the site's name when one is stated; ``ongoing``: how
    many of its projects are ongoing (``statuses``: every project's status, by store row).
    A click on a site selects the projects at its point, exactly as a click on a project's
    marker does.
    """
    locations = _locations(store)
    ongoing_at = np.zeros(len(locations.site_lon), dtype=np.int64)
    if statuses is not None and len(positions):
        running = statuses[locations.row[positions]] == "ongoing"
        np.add.at(ongoing_at, locations.site[positions][running], 1)
    width = NO_FIELD + 1
    keys, counts = np.unique(
        locations.site[positions] * width + locations.field_index[positions], return_counts=True
    )
    site_of, field_of = np.divmod(keys, width)
    starts = np.flatnonzero(np.r_[True, site_of[1:] != site_of[:-1]]) if len(keys) else keys
    ends = np.r_[starts[1:], len(keys)]
    rows = []
    for start, end in zip(starts.tolist(), ends.tolist(), strict=True):
        site = int(site_of[start])
        tally = sorted(
            zip(counts[start:end].tolist(), field_of[start:end].tolist(), strict=True),
            key=lambda pair: (-pair[0], pair[1]),  # most first; a tie in vocabulary order
        )
        fields = tuple((FIELD_KEYS[f] if f < NO_FIELD else None, n) for n, f in tally)
        rows.append(
            {
                "lon": float(locations.site_lon[site]),
                "lat": float(locations.site_lat[site]),
                "projects": int(counts[start:end].sum()),
                "field": fields[0][0],
                "fields": fields,
                "place": locations.site_place[site],
                "ongoing": int(ongoing_at[site]),
            }
        )
    columns = ["lon", "lat", "projects", "field", "fields", "place", "ongoing"]
    table = pd.DataFrame(rows, columns=columns)
    for column in ("field", "fields", "place"):  # None stays None, not NaN
        table[column] = pd.Series([row[column] for row in rows], dtype=object)
    return table


def period_label(project: Project) -> str:
    start = project.start.label if project.start else NOT_STATED
    end = project.end.label if project.end else NOT_STATED
    return f"{start} – {end}"


def _at_point(locations: pd.DataFrame, point: tuple[float, float]) -> pd.DataFrame:
    lon, lat = point
    near = (np.abs(locations["lon"].to_numpy() - lon) < 1e-6) & (
        np.abs(locations["lat"].to_numpy() - lat) < 1e-6
    )
    return locations[near]


def site_at(store: ProjectStore, point: tuple[float, float]) -> tuple[str | None, str | None]:
    """The named place and the province code of a marker's point."""
    rows = _at_point(_location_table(store), point)
    places = [name for name in rows["place"] if isinstance(name, str) and name]
    codes = [code for code in rows["admin1"] if isinstance(code, str)]
    return (places[0] if len(set(places)) == 1 else None), (codes[0] if codes else None)


def projects_at(
    store: ProjectStore,
    selection: Selection,
    *,
    provinces: Collection[str] | None = None,
    point: tuple[float, float] | None = None,
) -> list[int]:
    """Rows of the selected projects with a location in the provinces, or at that point."""
    table = _location_table(store)
    locations = table[selection.mask[table["row"].to_numpy()]]
    if provinces is not None:
        wanted = set(provinces)
        inside = [bool(wanted.intersection(units)) for units in locations["units"]]
        locations = locations[np.asarray(inside, dtype=bool)]
    if point is not None:
        locations = _at_point(locations, point)
    return sorted({int(row) for row in locations["row"]})


def same_partner_projects(store: ProjectStore, project: Project) -> list[Project]:
    """Other projects of one of this project's partners: the same organisation however the
    sources spell it (its key), or the same name where no key is known."""
    partners = {partner.identity for partner in project.partners if partner.identity}
    return [
        other
        for other in store.projects
        if other.id != project.id and partners & {partner.identity for partner in other.partners}
    ]


def only(store: ProjectStore, selection: Selection, project_id: str) -> Selection:
    """The same statuses, with only one project selected."""
    return Selection(mask=(store.frame["id"] == project_id).to_numpy(), statuses=selection.statuses)


def country_counts(store: ProjectStore, selection: Selection) -> pd.Series:
    """Selected projects per country (a project in two countries counts in both)."""
    return pd.Series(
        {code: int((mask & selection.mask).sum()) for code, mask in store.masks["country"].items()},
        dtype=int,
    )
