"""What the summary beside the map says (pure): how many projects, the total of the stated
budgets and how many state none, and the downloads of exactly what is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ...data.filter_query import to_query
from ...data.filters import ProjectFilter
from ...data.summaries import Summary
from ...i18n import Translator

EXPORT_FORMATS = ("csv", "xlsx", "geojson")


@dataclass(frozen=True)
class SummaryText:
    count: str
    noun: str
    budget: str
    empty: bool  # nothing matches: the page says so and offers a reset


def budget_text(total_yen: int, with_budget: int, without_budget: int, t: Translator) -> str:
    stated = t.plural(
        "{total} in stated budgets ({count} project)",
        "{total} in stated budgets ({count} projects)",
        with_budget,
        total=t.yen(total_yen),
    )
    return stated + t("; no total budget stated for {count}", count=t.number(without_budget))


def summary_text(summary: Summary, t: Translator) -> SummaryText:
    """Nothing matching is said once, by the empty state beside the map: no "¥0 in stated
    budgets (0 projects)" under it."""
    empty = summary.count == 0
    budget = budget_text(summary.budget_total_yen, summary.with_budget, summary.without_budget, t)
    return SummaryText(
        count=t.number(summary.count),
        noun=t.plural("project", "projects", summary.count),
        budget="" if empty else budget,
        empty=empty,
    )


def export_links(spec: ProjectFilter, relative_path: Callable[[str], str]) -> list[str]:
    """The downloads' addresses, one per format: the page's own filter, which the export
    reads as the API does. An overview's filter names no country: every country's
    projects, as the overview counts them."""
    query = to_query(spec)
    return [relative_path(f"/export/projects.{fmt}?{query}") for fmt in EXPORT_FORMATS]
