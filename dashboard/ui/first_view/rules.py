"""What a first view lists (pure): each project shown with its link, partners, place and
period in the visitor's language, the first page of them in the table's order."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import reduce
from urllib.parse import parse_qs

from ...data import vocab
from ...data.filters import ProjectFilter
from ...data.model import Project
from ...data.place_levels import unit_inferred
from ...data.repository import BoundaryIndex
from ...i18n import Shown, Translator

# Projects a first view lists: the table's first page (every real country's fit on one).
LIST_CAP = 100
# The list's pages a first view serves (``page=``, the first view's own parameter: the app
# pages its table itself): at 100 a page, 100,000 projects.
MAX_LIST_PAGE = 1000
VIEWS_KEPT = 128  # first views kept (a view, a language, a data version, a day each)
# Project cards a first view's side panel writes for a selected place (the app shows all):
# a page of bounded size whatever the place; the rest are in the list.
DETAIL_CAP = 10


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


def more_here_text(shown: int, total: int, t: Translator) -> str:
    """Under a side panel cut at ``DETAIL_CAP``: how many more projects the place has."""
    if total <= shown:
        return ""
    return t.plural(
        "… and {count} more project here, in the list",
        "… and {count} more projects here, in the list",
        total - shown,
    )


def list_page(search: str) -> int:
    """The page of the list a first view's query asks for (``page=2``): 1 when it asks for
    none or for something else than a page number (a shared link keeps the rest of its view,
    as the map's own parameters do); at most ``MAX_LIST_PAGE``."""
    values = parse_qs(search.lstrip("?")).get("page", [])
    text = values[0].strip() if values else ""
    if not text.isascii() or not text.isdigit() or len(text) > 6:
        return 1
    return min(max(int(text), 1), MAX_LIST_PAGE)


def with_page(query: str, page: int) -> str:
    """A view's query with the list's page (none for the first)."""
    if page <= 1:
        return query
    return f"{query}&page={page}" if query else f"page={page}"


def _range(low: int | None, high: int | None, shown: object) -> dict[str, str] | None:
    """A range filter's bounds in words ("…" for an open end); None when it has none."""
    if low is None and high is None:
        return None
    write = shown if callable(shown) else str
    return {"low": "…" if low is None else write(low), "high": "…" if high is None else write(high)}


def _ranges(spec: ProjectFilter, t: Translator) -> list[str]:
    words = []
    budget = _range(spec.budget_min, spec.budget_max, t.yen)
    if budget:
        words.append(t("budget {low}–{high}", **budget))
    duration = _range(spec.duration_min, spec.duration_max, t.number)
    if duration:
        words.append(t("{low}–{high} months", **duration))
    start = _range(spec.start_from, spec.start_to, str)
    if start:
        words.append(t("started {low}–{high}", **start))
    kept = (
        (spec.keep_unknown_budget, t("only with a stated budget")),
        (spec.keep_unknown_duration, t("only with a stated duration")),
        (spec.keep_unknown_start, t("only with a stated start")),
    )
    return words + [said for keep, said in kept if not keep]


def either(values: list[str], t: Translator) -> str:
    """One facet's values, any of which a project may have: "A or B or C"."""
    return reduce(lambda a, b: t("{a} or {b}", a=a, b=b), values) if values else ""


def filter_words(
    spec: ProjectFilter,
    boundaries: BoundaryIndex,
    today: date,
    t: Translator,
    as_of_said: str = "",
) -> list[str]:
    """The filters a view applies, in the visitor's words, each facet once ("Health &
    medical care · budget ¥50,000,000–¥100,000,000"): values of one facet joined by "or",
    as the filter reads them; nothing for a filter that is off. The view's countries are
    not a filter here (the header names them). ``as_of_said``: the "as of" box's note, for a
    month or a fiscal year ("Statuses on 31 Mar 2025, the last day of FY2024 …")."""
    terms = (
        (vocab.FIELDS, spec.field),
        (vocab.PARTNER_TYPES, spec.partner_type),
        (vocab.SCHEMES, spec.scheme),
        (vocab.STATUSES, spec.status),
    )
    words = [
        either([t.term(terms_of, key) or key for key in keys], t)
        for terms_of, keys in terms
        if keys
    ]
    if spec.province:
        units = (boundaries.all_units.get(code) for code in spec.province)
        names = [
            t.province(unit) if unit else code
            for unit, code in zip(units, spec.province, strict=True)
        ]
        words.append(either(names, t))
    if spec.q:
        words.append(t("“{text}”", text=spec.q))
    if spec.as_of and spec.as_of != today:
        # A month or a fiscal year: the day it was read as, as the app's note says it.
        words.append(as_of_said or t("statuses as of {day}", day=t.day(spec.as_of)))
    return words + _ranges(spec, t)
