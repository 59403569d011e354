"""Programme rules a record must meet: errors reject it, warnings keep it (reference README)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from . import vocab
from .model import Project
from .place_levels import period_mismatch

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Finding:
    severity: Severity
    project_id: str
    field: str
    message: str


def check_project(project: Project) -> list[Finding]:
    findings: list[Finding] = []

    def add(severity: Severity, field: str, message: str) -> None:
        findings.append(Finding(severity, project.id, field, message))

    if not project.locations:
        add("error", "locations", "no location: at least the country is needed")
    if project.start and project.end and project.end.latest < project.start.earliest:
        add("error", "end", f"ends ({project.end.label}) before it starts ({project.start.label})")
    if project.start and project.end:
        # The shortest the dates allow (a fiscal year or a month is a span): only a period
        # that is surely too long is an error.
        shortest = project.end.earliest - project.start.latest
        cap_days = 365.25 * vocab.PROGRAMME_DURATION_CAP_YEARS
        longest = project.end.latest - project.start.earliest
        # A planned, likely or approximate date is not what happened (a planned start slips):
        # past the cap it is a question for a person, not a record to refuse.
        firm = project.start.qualifier is None and project.end.qualifier is None
        if shortest.days > cap_days and firm:
            add("error", "end", f"runs longer than {vocab.PROGRAMME_DURATION_CAP_YEARS} years")
        elif shortest.days > cap_days:
            add(
                "warning",
                "end",
                f"{project.start.label} – {project.end.label} is longer than "
                f"{vocab.PROGRAMME_DURATION_CAP_YEARS} years; a date that is not firm may be off",
            )
        elif longest.days > cap_days + 31:
            add(
                "warning",
                "end",
                f"may run longer than {vocab.PROGRAMME_DURATION_CAP_YEARS} years "
                f"({project.start.label} – {project.end.label}); check the dates",
            )
    if project.budget is not None:
        yen = project.budget.yen
        if yen > vocab.PROGRAMME_BUDGET_CAP_YEN:
            add("error", "budget", f"¥{yen:,} is above the programme cap of ¥100,000,000")
        cap = vocab.SCHEME_BUDGET_CAP_YEN.get(project.scheme or "")
        if cap and project.budget.is_total and yen > cap:
            add("warning", "budget", f"¥{yen:,} is above the {project.scheme} cap of ¥{cap:,}")
        if project.budget.is_total and yen < 10_000_000:
            add("warning", "budget", f"¥{yen:,} is under ¥10,000,000")
    if not project.sources:
        add("warning", "sources", "no source")
    for message in _period_findings(project):
        add("warning", "locations", message)
    return findings


def _period_findings(project: Project) -> list[str]:
    """A unit not in force in the project's time (``place_levels.period_mismatch``)."""
    start = project.start.earliest if project.start else None
    last = project.end or project.start
    end = last.latest if last else None
    found: list[str] = []
    for code in dict.fromkeys(loc.admin1 for loc in project.locations if loc.admin1):
        layer = period_mismatch(code, start, end)
        if layer is None:
            continue
        when = (
            f"since {layer.valid_from.isoformat()}"
            if layer.valid_from
            else f"until {layer.valid_until.isoformat() if layer.valid_until else ''}"
        )
        ran = " – ".join(d.label for d in (project.start, project.end) if d)
        found.append(
            f"{code} is one of the {layer.level}s {when}, not of the project's time ({ran}): "
            "name the unit in force then"
        )
    return found
