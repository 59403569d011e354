"""What the summary beside the map says (pure): how many projects, the total of the stated
budgets and how many state none, and the downloads of exactly what is shown."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import urlencode

import numpy as np

from ...data.filter_query import to_query
from ...data.filters import ProjectFilter, Selection
from ...data.loading import ProjectStore
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


def export_links(
    spec: ProjectFilter,
    relative_path: Callable[[str], str],
    lang: str = "en",
    view: str | None = None,
    layer: str | None = None,
) -> list[str]:
    """The downloads' addresses, one per format: the page's own filter, which the export
    reads as the API does, and the page's language (headers, statuses, the statement). An
    overview's filter names no country: every country's projects, as the overview counts
    them; ``view`` (world, japan) names the overview in the file's name and statement.
    ``layer="current"`` (Viet Nam's 2025 provinces shown) adds those provinces' column."""
    query = _export_query(spec, lang, view, layer)
    return [relative_path(f"/export/projects.{fmt}?{query}") for fmt in EXPORT_FORMATS]


def _export_query(spec: ProjectFilter, lang: str, view: str | None, layer: str | None) -> str:
    extra = [("view", view)] if view else []
    extra += [("layer", layer)] if layer == "current" else []
    extra.append(("lang", lang))
    return "&".join(part for part in (to_query(spec), urlencode(extra)) if part)


def sites_link(
    spec: ProjectFilter,
    relative_path: Callable[[str], str],
    lang: str = "en",
    view: str | None = None,
    layer: str | None = None,
) -> str:
    """The CSV of sites beside the project CSV (one row per site, its point as numbers):
    the same filter, view, layer and language as :func:`export_links`."""
    return relative_path(f"/export/sites.csv?{_export_query(spec, lang, view, layer)}")


@dataclass(frozen=True)
class RangeCount:
    """A range filter's count: how many selected projects state a value in the range, and
    how many are kept though they state none (0 when the visitor left those out)."""

    facet: str  # "budget", "duration" or "start"
    low: int | None
    high: int | None
    stated: int
    unstated: int


RANGE_COLUMNS = {"budget": "budget_yen", "duration": "duration_months", "start": "start_year"}


def range_counts(
    store: ProjectStore, selection: Selection, spec: ProjectFilter
) -> list[RangeCount]:
    """For each range the filter sets: stated and unstated values among the selected."""
    bounds = {
        "budget": (spec.budget_min, spec.budget_max),
        "duration": (spec.duration_min, spec.duration_max),
        "start": (spec.start_from, spec.start_to),
    }
    counts = []
    for facet, (low, high) in bounds.items():
        if low is None and high is None:
            continue
        values = store.frame[RANGE_COLUMNS[facet]].to_numpy(dtype=float)[selection.mask]
        unstated = int(np.isnan(values).sum())
        counts.append(RangeCount(facet, low, high, len(values) - unstated, unstated))
    return counts


def _range_words(count: RangeCount, t: Translator) -> str:
    def bound(value: int | None) -> str:
        if value is None:
            return "…"
        return t.yen(value) if count.facet == "budget" else t.number(value)

    values = {"low": bound(count.low), "high": bound(count.high)}
    if count.facet == "budget":
        return t.plural(
            "{count} states a budget of {low}–{high}",
            "{count} state a budget of {low}–{high}",
            count.stated,
            **values,
        )
    if count.facet == "duration":
        return t.plural(
            "{count} states a duration of {low}–{high} months",
            "{count} state a duration of {low}–{high} months",
            count.stated,
            **values,
        )
    return t.plural(
        "{count} states a start in {low}–{high}",
        "{count} state a start in {low}–{high}",
        count.stated,
        **{"low": str(count.low or "…"), "high": str(count.high or "…")},
    )


def range_note(count: RangeCount, t: Translator) -> str:
    """What one range filter did: "0 state a budget of ¥50,000,000–¥100,000,000; 29 more
    state none" (said next to the count, and under the range's own control)."""
    words = _range_words(count, t)
    if count.unstated:
        words += t.plural("; {count} more states none", "; {count} more state none", count.unstated)
    return words


def status_note(left_out: int, t: Translator) -> str:
    """What a status filter left out because no date or source settles the status."""
    if not left_out:
        return ""
    return t.plural(
        "{count} project whose status is not stated is left out",
        "{count} projects whose status is not stated are left out",
        left_out,
    )


def unknown_note(counts: list[RangeCount], status_left_out: int, t: Translator) -> list[str]:
    """Next to the count, what a range or status filter did with values no source states:
    "0 state a budget of ¥50,000,000–¥100,000,000; 29 more state none"."""
    notes = [range_note(count, t) for count in counts]
    if status_left_out:
        notes.append(status_note(status_left_out, t))
    return notes


def notes_by_control(counts: list[RangeCount], status_left_out: int, t: Translator) -> dict:
    """The same notes, each for the control it belongs to (empty where a filter is off)."""
    notes = dict.fromkeys(("budget", "duration", "start"), "")
    notes.update({count.facet: range_note(count, t) for count in counts})
    return {**notes, "status": status_note(status_left_out, t)}


@dataclass(frozen=True)
class SheetText:
    count: str  # "66 → 15 projects": the view's projects, then those the filters keep
    button: str  # "Show 15 projects": closes the filter sheet, back to the map


def sheet_text(total: int, count: int, t: Translator) -> SheetText:
    """The filter sheet's live count and its button, in the page's language. ``total``:
    the projects of the view with no filter; ``count``: those the filters keep (none: the
    count, "66 → 0 projects", and a way back to the map, where the empty state is)."""
    if count == total:
        words = t.plural("{count} project", "{count} projects", count)
    else:
        words = t.plural(
            "{total} → {count} project", "{total} → {count} projects", count, total=t.number(total)
        )
    if count == 0:
        # "66 → 0 projects": that nothing matches is said once, by the empty state beside
        # the map (its reset with it), not a second time under the filters.
        return SheetText(words, t("Back to the map"))
    return SheetText(words, t.plural("Show {count} project", "Show {count} projects", count))


def status_left_out(
    spec: ProjectFilter, select: Callable[[ProjectFilter], tuple[ProjectStore, Selection]]
) -> int:
    """Projects a status filter leaves out because no date or source settles their status."""
    if not spec.status or "unknown" in spec.status:
        return 0
    _, without_status = select(replace(spec, status=()))
    unknown = (without_status.statuses == "unknown").to_numpy()
    return int((without_status.mask & unknown).sum())
