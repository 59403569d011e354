"""Generated test records: clearly not real projects, never part of the default dataset."""

from __future__ import annotations

from dashboard.data.loading import ProjectStore, build_store
from dashboard.data.model import Budget, BudgetKind, Location, Partner, Project
from dashboard.data.parsing import parse_fuzzy_date, parse_observed_status


def fake_project(
    project_id: str,
    *,
    start: str = "",
    end: str = "",
    budget: int | None = None,
    fields: tuple[str, ...] = ("water",),
    partner_type: str | None = "ngo",
    scheme: str | None = "partner",
    admin1: str | None = "VN-26",
    country: str = "VNM",
    observed: str | None = None,
    status_set: str | None = None,
    title: str = "",
    title_ja: str | None = None,
    budget_kind: BudgetKind = "stated",
    partners: tuple[Partner, ...] | None = None,
    locations: tuple[Location, ...] | None = None,
    sources: tuple[str, ...] = ("https://example.invalid/generated",),
) -> Project:
    """``partners`` and ``locations`` replace the single default partner and site (the
    benchmark generator, bench/generate.py, passes realistic ones)."""
    seen = parse_observed_status(observed)
    if locations is None:
        locations = (Location(country=country, admin1=admin1, precision=4, lon=107.5, lat=16.4),)
    if partners is None:
        partners = (Partner(name=f"Test partner {project_id}", type=partner_type),)
    return Project(
        id=project_id,
        title_en=title or f"GENERATED TEST PROJECT {project_id}",
        title_ja=title_ja,
        title_local=None,
        countries=tuple(dict.fromkeys(location.country for location in locations)),
        partners=partners,
        scheme=scheme,
        fields=fields,
        start=parse_fuzzy_date(start),
        end=parse_fuzzy_date(end),
        budget=Budget(yen=budget, kind=budget_kind) if budget else None,
        status_set=status_set,
        status_observed=observed,
        locations=locations,
        sources=sources,
        last_updated="2026-11-22",
        observed_status=seen[0] if seen else None,
        observed_on=seen[1].isoformat() if seen and seen[1] else None,
    )


def fake_store(*projects: Project) -> ProjectStore:
    return build_store(list(projects), {"generated": "test fixture"})


def default_dataset_size(country: str | None = None) -> int:
    """How many real projects the default dataset holds (in one country): tests of the
    machinery (reloads, health, paging, metrics) count it, and it grows with the research."""
    import json

    from dashboard import REPO_ROOT

    document = json.loads((REPO_ROOT / "geodata" / "projects.json").read_text(encoding="utf-8"))
    return sum(1 for p in document["projects"] if country is None or country in p["countries"])


DATASET_SIZE = default_dataset_size()
VIET_NAM_SIZE = default_dataset_size("VNM")
