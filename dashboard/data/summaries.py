"""What the page shows about a selection: counts per province, points, totals, by field."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .filters import Selection
from .loading import ProjectStore
from .model import Project


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
    projects = selected_projects(store, selection)
    budgets = [p.budget_yen for p in projects if p.budget_yen is not None]
    fields: Counter[str] = Counter(key for p in projects for key in p.fields)
    return Summary(
        count=len(projects),
        budget_total_yen=int(sum(budgets)),
        with_budget=len(budgets),
        without_budget=len(projects) - len(budgets),
        field_counts=fields,
    )


def _selected_locations(store: ProjectStore, selection: Selection, country: str) -> pd.DataFrame:
    locations = store.locations
    keep = selection.mask[locations["row"].to_numpy()] & (locations["country"] == country)
    return locations[keep]


def province_counts(
    store: ProjectStore,
    selection: Selection,
    country: str,
    regroup: Mapping[str, str] | None = None,
) -> pd.Series:
    """Projects per province; a project with two sites in one province counts once.

    ``regroup`` maps the codes projects were placed on to other units (e.g. the provinces
    in force since 2025, each formed of whole former provinces).
    """
    rows = _selected_locations(store, selection, country)
    codes = rows["admin1"].map(regroup) if regroup else rows["admin1"]
    rows = rows.assign(unit=codes)
    rows = rows[rows["unit"].notna()].drop_duplicates(["project_id", "unit"])
    return rows.groupby("unit").size()


COUNTRY_WIDE = 6  # IATI precision: only the country is known
NOT_STATED = "not stated"


def _drawn(rows: pd.DataFrame) -> pd.DataFrame:
    """Locations that get a marker: a stated site or province, once per project and point."""
    drawn = rows[(rows["precision"] < COUNTRY_WIDE) & rows["region"].isna()]
    x, y = drawn.geometry.x.round(6), drawn.geometry.y.round(6)
    return drawn[~pd.DataFrame({"p": drawn["project_id"], "x": x, "y": y}).duplicated()]


def unplaced_count(store: ProjectStore, selection: Selection, country: str) -> int:
    """Selected projects in the country with no marker: no site or province stated in it."""
    rows = _selected_locations(store, selection, country)
    return len(set(rows["project_id"]) - set(_drawn(rows)["project_id"]))


def map_points(store: ProjectStore, selection: Selection, country: str) -> pd.DataFrame:
    """One row per located project site in the country: where, what and the hover facts.

    Country-wide locations get no marker: a dot in the middle of a country would claim a
    place that no source states; nor do the provinces a wider region was mapped to.
    """
    rows = _drawn(_selected_locations(store, selection, country))
    projects = [store.projects[index] for index in rows["row"]]
    return pd.DataFrame(
        {
            "project_id": rows["project_id"].to_numpy(),
            "lon": rows.geometry.x.to_numpy(),
            "lat": rows.geometry.y.to_numpy(),
            "field": rows["field"].to_numpy(),
            "title": [p.title_en or p.title_ja or p.id for p in projects],
            "partners": [", ".join(partner.name for partner in p.partners) for p in projects],
            "period": [period_label(p) for p in projects],
            "place": rows["place"].to_numpy(),
        }
    )


def period_label(project: Project) -> str:
    start = project.start.label if project.start else NOT_STATED
    end = project.end.label if project.end else NOT_STATED
    return f"{start} – {end}"


def _at_point(locations: pd.DataFrame, point: tuple[float, float]) -> pd.DataFrame:
    lon, lat = point
    near = (np.abs(locations.geometry.x - lon) < 1e-6) & (np.abs(locations.geometry.y - lat) < 1e-6)
    return locations[near]


def site_at(store: ProjectStore, point: tuple[float, float]) -> tuple[str | None, str | None]:
    """The named place and the province code of a marker's point."""
    rows = _at_point(store.locations, point)
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
    locations = store.locations[selection.mask[store.locations["row"].to_numpy()]]
    if provinces is not None:
        locations = locations[locations["admin1"].isin(list(provinces))]
    if point is not None:
        locations = _at_point(locations, point)
    return sorted({int(row) for row in locations["row"]})


def same_partner_projects(store: ProjectStore, project: Project) -> list[Project]:
    """Other projects that name one of this project's partners."""
    names = {partner.name for partner in project.partners if partner.name}
    return [
        other
        for other in store.projects
        if other.id != project.id and names & {partner.name for partner in other.partners}
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
