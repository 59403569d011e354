"""What a first view lists (pure): each project shown with its link, partners, place and
period in the visitor's language, the first page of them in the table's order."""

from __future__ import annotations

from dataclasses import dataclass

from ...data.model import Project
from ...data.place_levels import unit_inferred
from ...data.repository import BoundaryIndex
from ...i18n import Shown, Translator

# Projects a first view lists: the table's first page (every real country's fit on one).
LIST_CAP = 100
VIEWS_KEPT = 128  # first views kept (a view, a language, a data version, a day each)


@dataclass(frozen=True)
class ListedProject:
    """A project in the list: "" for what no source states (the page says "not stated")."""

    id: str
    title: Shown
    partners: str
    place: str
    period: str


def place_text(project: Project, boundaries: BoundaryIndex, t: Translator, countries: bool) -> str:
    """The provinces (or the places where no province is stated) the project is in, each
    once; with its countries where the view has several."""
    places: list[str] = []
    for location in project.locations:
        province = boundaries.all_units.get(location.admin1 or "")  # any layer: Nepal's too
        where = t.province(province) if province else (location.place or location.region or "")
        if province and unit_inferred(location.note):
            where += t(" (inferred)")
        if where and where not in places:
            places.append(where)
    if countries:
        places += [t.country(code) for code in project.countries]
    return ", ".join(places)


def listed_project(
    project: Project, boundaries: BoundaryIndex, t: Translator, countries: bool = False
) -> ListedProject:
    partners = (t.partner_name(partner) for partner in project.partners)
    return ListedProject(
        id=project.id,
        title=t.title(project),
        partners=", ".join(name.text for name in partners if name),
        place=place_text(project, boundaries, t, countries),
        period=t.period(project) if (project.start or project.end) else "",
    )


def more_text(shown: int, total: int, t: Translator) -> str:
    """Under a list cut at ``LIST_CAP``: how many more there are and where they are."""
    if total <= shown:
        return ""
    return t.plural(
        "… and {count} more project",
        "… and {count} more projects",
        total - shown,
    )
